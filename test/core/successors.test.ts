// Units across 1 July 2025 in rankings, the report's comparison, a unit's history and Tổng hợp: a reused code is another unit, an ended unit's history follows it, a divided one keeps its name.

import { aggregate, rankUnits } from '../../src/core/aggregate';
import { DEFAULT_CHECKLIST } from '../../src/core/checklist';
import { validateUnits } from '../../src/core/config';
import { unitHistory } from '../../src/core/dashboard';
import { evaluate, makeContext } from '../../src/core/evaluate';
import { factOf, type InspectionFact } from '../../src/core/facts';
import { buildReport, type DocSettings } from '../../src/core/report';
import { resultsJson } from '../../src/core/results';
import type { Config, Inspection, Unit } from '../../src/core/types';
import { summaryRows } from '../../src/gas/projection';
import type { RowState } from '../../src/gas/response-table';
import { successorLines } from '../../src/local/units-trend';
import { response } from './fixtures';

// Xã An went into Xã Tân; Xã Bình's code 2 was reused by Xã Bình Phúc; Xã Chia was divided
// between Xã Tân and Xã Năm.
const UNITS: Unit[] = [
  { code: '1', name: 'Xã An', aliases: [], validTo: '2025-06-30', successors: ['3'] },
  { code: '2', name: 'Xã Bình', aliases: [], validTo: '2025-06-30', successors: ['2'] },
  { code: '2', name: 'Xã Bình Phúc', aliases: [], validFrom: '2025-07-01' },
  { code: '3', name: 'Xã Tân', aliases: [], validFrom: '2025-07-01' },
  { code: '4', name: 'Xã Chia', aliases: [], validTo: '2025-06-30', successors: ['3', '5'] },
  { code: '5', name: 'Xã Năm', aliases: [], validFrom: '2025-07-01' },
];
const CONFIG: Config = { checklist: DEFAULT_CHECKLIST, units: UNITS };
const ctx = makeContext(CONFIG);

let row = 1;
const insp = (unit: string, date: string, set: Record<string, string> = {}): Inspection => {
  const o = evaluate(response({ row: ++row, unit, date, set }), ctx);
  if (!o.ok) throw new Error(o.review.reason);
  return o.inspection;
};

// June: An fails B2; Bình fails C8 (critical, capped); Chia fails D1. July: Tân fails B2, D1,
// D2 and E1 (Tốt); Bình Phúc and Năm pass everything.
const ROUND = [
  insp('Xã An', '10/06/2025', { B2: 'Không đạt' }),
  insp('Xã Bình', '12/06/2025', { C8: 'Không đạt' }),
  insp('Xã Chia', '16/06/2025', { D1: 'Không đạt' }),
  insp('Xã Tân', '10/07/2025', {
    B2: 'Không đạt',
    D1: 'Không đạt',
    D2: 'Không đạt',
    E1: 'Không đạt',
  }),
  insp('Xã Bình Phúc', '14/07/2025'),
  insp('Xã Năm', '15/07/2025'),
];
const JUNE_JULY = { from: '2025-06-01', to: '2025-07-31' };

const SETTINGS: DocSettings = {
  parentBody: 'UBND TỈNH THỬ',
  issuingBody: 'SỞ NỘI VỤ',
  issuingShort: 'Sở Nội vụ',
  place: 'Thử',
  reportNumber: '…/BC-SNV',
  basis: 'Kế hoạch số 1/KH-SNV',
  signerAuthority: ['KT. GIÁM ĐỐC'],
  signerTitle: 'PHÓ GIÁM ĐỐC',
  signerName: 'Nguyễn Văn A',
  recipients: ['UBND các xã'],
  recommendations: 'Đề nghị các xã chấn chỉnh.',
  fixDays: 15,
  reportTo: 'Sở Nội vụ',
};

test('the test list is a valid unit list (a code reused only at another time)', () => {
  expect(validateUnits(UNITS)).toMatchObject({ ok: true });
});

describe('ranking: the unit its code named on the inspection date', () => {
  test("a reused code never merges two units: Xã Bình's June failure does not cap Xã Bình Phúc", () => {
    const agg = aggregate(CONFIG, ROUND, JUNE_JULY);
    const shown = agg.units.map((u) => [u.rank, u.unit, u.unitCode, u.inspections, u.tier]);
    expect(shown).toContainEqual([1, 'Xã Bình Phúc', '2', 1, 'Xuất sắc']);
    const binh = agg.units.find((u) => u.unit.startsWith('Xã Bình ('));
    expect(binh).toMatchObject({
      unit: 'Xã Bình (nay thuộc Xã Bình Phúc)',
      unitCode: '2',
      inspections: 1,
      tier: 'Trung bình',
    });
    expect(agg.units.find((u) => u.unitCode === '4')?.unit).toBe(
      'Xã Chia (đã chia tách, nay thuộc Xã Tân và Xã Năm)',
    );
    expect(agg.units.find((u) => u.unitCode === '1')?.unit).toBe('Xã An (nay thuộc Xã Tân)');
    // Six units, each inspected once: nothing merged, nothing listed as not inspected.
    expect(agg.units).toHaveLength(6);
    expect(agg.notInspected).toEqual([]);
  });

  test('classification first, then mean (scoring.md §6): the capped unit stands last', () => {
    const agg = aggregate(CONFIG, ROUND, JUNE_JULY);
    const last = agg.units[agg.units.length - 1];
    expect(last.unit).toBe('Xã Bình (nay thuộc Xã Bình Phúc)');
    expect(last.mean).toBeGreaterThan(agg.units[agg.units.length - 2].mean);
  });

  test('a period before the reform names the units as they were; the new unit of a reused code is not inspected', () => {
    const june = aggregate(CONFIG, ROUND, { from: '2025-06-01', to: '2025-06-30' });
    expect(june.units.map((u) => u.unit).sort()).toEqual(['Xã An', 'Xã Bình', 'Xã Chia']);
    const week = aggregate(CONFIG, ROUND, { from: '2025-06-30', to: '2025-07-06' });
    expect(week.units).toEqual([]);
    expect(week.notInspected.map((u) => [u.unitCode, u.unit])).toEqual([
      ['1', 'Xã An (nay thuộc Xã Tân)'],
      ['2', 'Xã Bình (nay thuộc Xã Bình Phúc)'],
      ['2', 'Xã Bình Phúc'],
      ['3', 'Xã Tân'],
      ['4', 'Xã Chia (đã chia tách, nay thuộc Xã Tân và Xã Năm)'],
      ['5', 'Xã Năm'],
    ]);
  });

  test('results.json keeps the shape of scoring.md §9, the unit named as the reader sees it', () => {
    const json = resultsJson(aggregate(CONFIG, ROUND, JUNE_JULY), []);
    for (const u of json.units)
      expect(Object.keys(u).sort()).toEqual(
        ['inspections', 'mean', 'rank', 'tier', 'unit', 'unitCode'].sort(),
      );
    expect(json.units.filter((u) => u.unitCode === '2').map((u) => [u.unit, u.tier])).toEqual([
      ['Xã Bình Phúc', 'Xuất sắc'],
      ['Xã Bình (nay thuộc Xã Bình Phúc)', 'Trung bình'],
    ]);
    expect(json.inspections.map((i) => i.unit)).toEqual([
      'Xã An',
      'Xã Bình',
      'Xã Chia',
      'Xã Tân',
      'Xã Bình Phúc',
      'Xã Năm',
    ]);
  });

  test('without a unit list entry the code alone groups, as before', () => {
    const ranked = rankUnits({ checklist: DEFAULT_CHECKLIST, units: [] }, [
      {
        unit: 'X',
        unitCode: '9',
        date: '2025-06-01',
        timestamp: null,
        score: 90,
        criticalCount: 0,
      },
      {
        unit: 'X',
        unitCode: '9',
        date: '2025-07-01',
        timestamp: null,
        score: 80,
        criticalCount: 0,
      },
    ]);
    expect(ranked.map((u) => [u.unit, u.inspections, u.mean])).toEqual([['X', 2, 85]]);
  });
});

describe("the report's comparison with the previous period follows ended units", () => {
  const report = buildReport(
    CONFIG,
    aggregate(CONFIG, ROUND, { from: '2025-07-01', to: '2025-07-30' }),
    SETTINGS,
    '2025-08-01',
  );
  const texts = report.blocks.map((b) => ('text' in b ? b.text : ''));
  const section = texts.slice(
    texts.indexOf('4. So với kỳ trước'),
    texts.indexOf('5. Bảng tổng hợp kết quả'),
  );

  test("Xã Tân is compared with Xã An's June, saying so; the divided Xã Chia is not assigned to it", () => {
    const changed = section.find((t) => t.startsWith('Đơn vị'));
    expect(changed).toBe(
      'Đơn vị nâng xếp loại: Xã Bình Phúc (Trung bình → Xuất sắc; kỳ trước gồm Xã Bình (nay thuộc Xã Bình Phúc)). Đơn vị bị hạ xếp loại: Xã Tân (Xuất sắc → Tốt; kỳ trước gồm Xã An (nay thuộc Xã Tân)).',
    );
    expect(section).toContain(
      '- Xã Tân (kỳ trước gồm Xã An (nay thuộc Xã Tân)): Không có biển tên, chức danh tại bàn làm việc.',
    );
    expect(section.join(' ')).not.toContain('Xã Chia');
  });

  test('the table says where the previous class came from; a reused code starts afresh', () => {
    const table = report.blocks.find((b) => b.kind === 'table');
    if (table?.kind !== 'table') throw new Error('no table');
    const change = new Map(table.rows.map((r) => [r[1], r[5]]));
    expect(change.get('Xã Tân')).toBe('Giảm (từ Xuất sắc; kỳ trước gồm Xã An (nay thuộc Xã Tân))');
    expect(change.get('Xã Năm')).toBe('Kỳ trước chưa kiểm tra');
    // Bình Phúc continues Xã Bình (its named successor): followed and labelled, not merged in ranking.
    expect(change.get('Xã Bình Phúc')).toBe(
      'Tăng (từ Trung bình; kỳ trước gồm Xã Bình (nay thuộc Xã Bình Phúc))',
    );
  });
});

describe("a unit's history on the dashboard follows the units that went into it", () => {
  const facts: InspectionFact[] = ROUND.map((i, k) =>
    factOf(CONFIG, `r${k}`, i, { answers: { N1: '20', N2: '10' } }),
  );

  test("Xã Tân's history holds Xã An's June, labelled, and not the divided Xã Chia's", () => {
    const h = unitHistory(CONFIG, facts, [], '3', '2025-08-01');
    expect(h.unit).toBe('Xã Tân');
    expect(h.lines.map((l) => [l.date, l.from])).toEqual([
      ['2025-06-10', 'Xã An (nay thuộc Xã Tân)'],
      ['2025-07-10', null],
    ]);
    expect(h.lines[1].change).toBeLessThan(0);
  });

  test('a divided unit keeps its history under its own name; a reused code shows its own unit', () => {
    expect(unitHistory(CONFIG, facts, [], '4', '2025-08-01').lines.map((l) => l.date)).toEqual([
      '2025-06-16',
    ]);
    const binhPhuc = unitHistory(CONFIG, facts, [], '2', '2025-08-01');
    expect(binhPhuc.unit).toBe('Xã Bình Phúc');
    expect(binhPhuc.lines.map((l) => [l.date, l.from])).toEqual([
      ['2025-06-12', 'Xã Bình (nay thuộc Xã Bình Phúc)'],
      ['2025-07-14', null],
    ]);
    const june = unitHistory(CONFIG, facts, [], '2', '2025-06-20');
    expect([june.unit, june.lines.map((l) => l.date)]).toEqual(['Xã Bình', ['2025-06-12']]);
  });
});

test('Tổng hợp: a reused code is two lines, the ended unit named with where it went', () => {
  const state = (unitCode: string, date: string, score: number, critical: number): RowState => ({
    id: `${unitCode}-${date}`,
    processedTs: 0,
    status: 'ok',
    unitCode,
    date,
    score,
    critical,
    findings: 0,
    key: '',
    minutes: '',
    mailed: null,
    mail: '',
  });
  const rows = summaryRows(
    [state('2', '2025-06-12', 95, 1), state('2', '2025-07-14', 100, 0)],
    CONFIG,
    '2025-08-01',
  );
  expect(rows.slice(0, 2).map((r) => [r[0], r[1], r[2], r[3], r[7]])).toEqual([
    [1, '2', 'Xã Bình Phúc', 1, 'Xuất sắc'],
    [2, '2', 'Xã Bình (nay thuộc Xã Bình Phúc)', 1, 'Trung bình'],
  ]);
  // Not inspected: the units valid today only.
  expect(rows.slice(2).map((r) => r[2])).toEqual(['Xã Tân', 'Xã Năm']);
});

test('the CLI lines: Xã An under Xã Tân; the divided Xã Chia under its own name, saying so', () => {
  expect(successorLines(CONFIG, ROUND)).toEqual([
    '',
    'Theo đơn vị hiện nay (ngày 15/07/2025), kể cả đơn vị cũ đã sáp nhập:',
    '  Xã Bình Phúc: Xã Bình (nay thuộc Xã Bình Phúc) 12/06/2025 95,0; Xã Bình Phúc 14/07/2025 100,0',
    '  Xã Chia: Xã Chia (đã chia tách, nay thuộc Xã Tân và Xã Năm) 16/06/2025 94,0',
    '  Xã Tân: Xã An (nay thuộc Xã Tân) 10/06/2025 97,0; Xã Tân 10/07/2025 83,0',
  ]);
});
