// Aggregates over a period (§6): means, competition ranks, tiers capped, pass rates, units not inspected.

import { aggregate, previousPeriod, resolvePeriod } from '../../src/core/aggregate';
import { DEFAULT_CONFIG } from '../../src/core/config';
import { evaluate } from '../../src/core/evaluate';
import type { Inspection } from '../../src/core/types';
import { ctx, response } from './fixtures';

let row = 1;
const insp = (unit: string, date: string, set: Record<string, string> = {}): Inspection => {
  const o = evaluate(response({ row: ++row, unit, date, set }), ctx);
  if (!o.ok) throw new Error(o.review.reason);
  return o.inspection;
};

describe('aggregate (§6)', () => {
  test('ranked by classification first, then mean; same tier and mean share a rank (1, 2, 2, 4)', () => {
    const all = [
      insp('Xã Hợp Tiến', '21/02/2019', { C8: 'Không đạt' }), // 95, capped to Trung bình
      insp('Xã An Mỹ', '21/02/2019', { B2: 'Không đạt', B3: 'Không đạt', C4: 'Không đạt' }), // 91
      insp('Xã Tuy Lai', '21/02/2019', { D1: 'Không đạt', D2: 'Không đạt' }), // 90
      insp('Xã Đồng Tâm', '21/02/2019', { D1: 'Không đạt', D2: 'Không đạt' }), // 90
      insp('Xã Phúc Lâm', '21/02/2019', { C1: 'Không đạt', C3: 'Không đạt' }), // 89, two caps: Yếu
      insp('Xã Lê Thanh', '21/02/2019', {
        C2: 'Không đạt',
        C6: 'Không đạt',
        D1: 'Không đạt',
        B4: 'Không đạt',
      }), // 80
    ];
    const agg = aggregate(DEFAULT_CONFIG, all, { from: null, to: null });
    expect(
      agg.units.map((u) => `${u.rank} ${u.unit} ${u.mean} ${u.tier} (${u.uncappedTier})`),
    ).toEqual([
      '1 Xã An Mỹ 91 Xuất sắc (Xuất sắc)',
      '2 Xã Đồng Tâm 90 Xuất sắc (Xuất sắc)',
      '2 Xã Tuy Lai 90 Xuất sắc (Xuất sắc)',
      '4 Xã Lê Thanh 80 Tốt (Tốt)',
      '5 Xã Hợp Tiến 95 Trung bình (Xuất sắc)',
      '6 Xã Phúc Lâm 89 Yếu (Tốt)',
    ]);
  });

  test('a tie for first place is shared: both units are first, the next is third', () => {
    const all = [
      insp('Xã Hợp Tiến', '21/02/2019', { B2: 'Không đạt' }), // 97
      insp('Xã An Mỹ', '21/02/2019', { B3: 'Không đạt' }), // 97
      insp('Xã Tuy Lai', '21/02/2019', { D1: 'Không đạt', D2: 'Không đạt' }), // 90
    ];
    const agg = aggregate(DEFAULT_CONFIG, all, { from: null, to: null });
    expect(agg.units.map((u) => [u.rank, u.unit, u.mean])).toEqual([
      [1, 'Xã An Mỹ', 97],
      [1, 'Xã Hợp Tiến', 97],
      [3, 'Xã Tuy Lai', 90],
    ]);
  });

  test('the previous period has the same length and ends the day before; it is aggregated from the same list', () => {
    expect(previousPeriod({ from: '2019-02-18', to: '2019-02-24' })).toEqual({
      from: '2019-02-11',
      to: '2019-02-17',
    });
    expect(previousPeriod({ from: '2019-03-01', to: '2019-03-31' })).toEqual({
      from: '2019-01-29',
      to: '2019-02-28',
    });
    expect(previousPeriod({ from: null, to: '2019-02-24' })).toBeNull();
    const all = [insp('Xã Hợp Tiến', '12/02/2019'), insp('Xã An Mỹ', '19/02/2019')];
    const agg = aggregate(DEFAULT_CONFIG, all, { from: '2019-02-18', to: '2019-02-24' });
    expect(agg.inspections.map((i) => i.unit)).toEqual(['Xã An Mỹ']);
    expect(agg.previous?.inspections.map((i) => i.unit)).toEqual(['Xã Hợp Tiến']);
    expect(agg.previous?.previous).toBeNull();
  });

  test('unit mean is the half-up mean of rounded scores; ranks and ties in unit-code order', () => {
    const all = [
      insp('Xã Hợp Tiến', '21/02/2019', { B2: 'Không đạt' }), // 97
      insp('Xã Hợp Tiến', '22/02/2019', { B2: 'Không đạt', B3: 'Không đạt' }), // 94 → mean 95.5
      insp('Xã An Mỹ', '21/02/2019', {
        B4: 'Không đạt',
        E3: 'Không đạt',
        D2: 'Đạt một phần',
        C4: 'Không đạt',
      }), // 88
      insp('Xã Đồng Tâm', '20/02/2019', {
        B4: 'Không đạt',
        E3: 'Không đạt',
        D2: 'Đạt một phần',
        C4: 'Không đạt',
      }),
      insp('Xã Tuy Lai', '19/02/2019'), // 100
    ];
    const agg = aggregate(DEFAULT_CONFIG, all, resolvePeriod(all));
    expect(agg.period).toEqual({ from: '2019-02-19', to: '2019-02-22' });
    expect(agg.units.map((u) => [u.unitCode, u.mean, u.rank])).toEqual([
      ['10450', 100, 1],
      ['10498', 95.5, 2],
      ['10444', 88, 3],
      ['10462', 88, 3],
    ]);
    expect(agg.units[1].inspections).toBe(2);
    expect(agg.notInspected).toHaveLength(18);
    expect(agg.notInspected[0]).toEqual({
      unit: 'Thị trấn Đại Nghĩa',
      unitCode: '10441',
      key: '10441',
    });
  });

  test('mean of 87.3 and 87.2 is 87.25 → 87.3 (half up, exact)', () => {
    const a = insp('Xã Hợp Tiến', '21/02/2019', {
      N1: '32',
      A1: '3',
      C8: 'Không đạt',
      C4: 'Không đạt',
      B4: 'Không đạt',
    });
    expect(a.score).toBe(87.3);
    const b = { ...a, row: 99, score: 87.2, criticalFailures: [] };
    const agg = aggregate(DEFAULT_CONFIG, [a, b], { from: null, to: null });
    expect(agg.units[0].mean).toBe(87.3);
  });

  test('unit tier is capped by the most critical failures in any one inspection', () => {
    const a = insp('Xã Hợp Tiến', '21/02/2019', { C8: 'Không đạt' });
    const b = insp('Xã Hợp Tiến', '22/02/2019');
    const agg = aggregate(DEFAULT_CONFIG, [a, b], { from: null, to: null });
    expect(agg.units[0].mean).toBe(97.5);
    expect(agg.units[0].tier).toBe('Trung bình');
    const c = insp('Xã Hợp Tiến', '23/02/2019', { C8: 'Không đạt', A4: 'Không đạt' });
    expect(aggregate(DEFAULT_CONFIG, [a, b, c], { from: null, to: null }).units[0].tier).toBe(
      'Yếu',
    );
  });

  test('the period filters inspections, both ends inclusive', () => {
    const all = [
      insp('Xã Hợp Tiến', '18/02/2019'),
      insp('Xã An Mỹ', '24/02/2019'),
      insp('Xã Tuy Lai', '25/02/2019'),
    ];
    const agg = aggregate(DEFAULT_CONFIG, all, resolvePeriod(all, '2019-02-18', '2019-02-24'));
    expect(agg.inspections.map((i) => i.unitCode)).toEqual(['10498', '10462']);
    expect(agg.notInspected.map((u) => u.unitCode)).toContain('10450');
  });

  test('from after to is an error', () => {
    expect(() => resolvePeriod([], '2019-03-01', '2019-02-01')).toThrow(/2019-03-01/);
  });

  test('an open end is the earliest or latest scored date', () => {
    const all = [insp('Xã Hợp Tiến', '18/02/2019'), insp('Xã An Mỹ', '24/02/2019')];
    expect(resolvePeriod(all, '2019-02-20')).toEqual({ from: '2019-02-20', to: '2019-02-24' });
    expect(resolvePeriod(all, undefined, '2019-02-20')).toEqual({
      from: '2019-02-18',
      to: '2019-02-20',
    });
  });

  test('criterion pass rates: compliant = credit 1, null when nothing applicable', () => {
    const all = [
      insp('Xã Hợp Tiến', '21/02/2019', { B4: 'Đạt một phần', C4: 'Không áp dụng' }),
      insp('Xã An Mỹ', '21/02/2019', { C4: 'Không áp dụng' }),
      insp('Xã Tuy Lai', '21/02/2019', { B4: 'Không đạt', C4: 'Không áp dụng' }),
    ];
    const agg = aggregate(DEFAULT_CONFIG, all, { from: null, to: null });
    const b4 = agg.criteria.find((c) => c.code === 'B4');
    expect(b4).toEqual({ code: 'B4', applicable: 3, compliant: 1, passRate: 33.3 });
    expect(agg.criteria.find((c) => c.code === 'C4')).toEqual({
      code: 'C4',
      applicable: 0,
      compliant: 0,
      passRate: null,
    });
    expect(agg.criteria.map((c) => c.code)).toEqual(
      DEFAULT_CONFIG.checklist.criteria.map((c) => c.code),
    );
  });

  test('not inspected lists only units valid at some day of the period', () => {
    const units = [
      { code: '1', name: 'Xã Mỹ Thành', aliases: [], validTo: '2024-10-31' },
      { code: '2', name: 'Xã Mỹ Xuyên', aliases: [], validFrom: '2024-11-01' },
      { code: '3', name: 'Xã An Mỹ', aliases: [] },
    ];
    const config = { ...DEFAULT_CONFIG, units };
    expect(
      aggregate(config, [], { from: '2019-02-01', to: '2019-02-28' }).notInspected.map(
        (u) => u.unitCode,
      ),
    ).toEqual(['1', '3']);
    expect(
      aggregate(config, [], { from: '2024-10-01', to: '2024-11-30' }).notInspected.map(
        (u) => u.unitCode,
      ),
    ).toEqual(['1', '2', '3']);
  });
});
