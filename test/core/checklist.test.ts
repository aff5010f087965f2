// The checklist as data: defaults of scoring.md §3 and validation of an office's own (and of units).

import { DEFAULT_CHECKLIST, validateChecklist } from '../../src/core/checklist';
import { configFrom } from '../../src/core/config';

const errorsOf = (over: Record<string, unknown>) => {
  const r = validateChecklist({ ...DEFAULT_CHECKLIST, ...over });
  return r.ok ? [] : r.errors;
};

describe('default checklist (§3)', () => {
  test('22 criteria worth 100 points, groups 25/15/40/10/10, 6 critical', () => {
    const c = DEFAULT_CHECKLIST.criteria;
    expect(c).toHaveLength(22);
    expect(c.reduce((s, x) => s + x.points, 0)).toBe(100);
    const byGroup = (g: string) => c.filter((x) => x.group === g).reduce((s, x) => s + x.points, 0);
    expect(['A', 'B', 'C', 'D', 'E'].map(byGroup)).toEqual([25, 15, 40, 10, 10]);
    expect(c.filter((x) => x.critical).map((x) => x.code)).toEqual([
      'A2',
      'A4',
      'C1',
      'C3',
      'C7',
      'C8',
    ]);
    expect(c.filter((x) => x.type === 'count').map((x) => `${x.code}/${x.base}`)).toEqual([
      'A1/N1',
      'A2/N1',
      'B1/N1',
      'C7/N2',
    ]);
    expect(validateChecklist(DEFAULT_CHECKLIST).ok).toBe(true);
  });
});

describe('validation', () => {
  const crit = DEFAULT_CHECKLIST.criteria;

  test('a duplicate code', () => {
    expect(errorsOf({ criteria: [...crit, { ...crit[0] }] })).toEqual([
      'Mã tiêu chí bị trùng: A1.',
    ]);
  });

  test('non-positive points', () => {
    expect(errorsOf({ criteria: [{ ...crit[2], points: 0 }] })[0]).toMatch(/A3.*số dương.*0/);
    expect(errorsOf({ criteria: [{ ...crit[2], points: -2 }] })[0]).toMatch(/-2/);
  });

  test('an unknown type', () => {
    expect(errorsOf({ criteria: [{ ...crit[2], type: 'scale' }] })[0]).toMatch(/A3.*"scale"/);
  });

  test('a count without a base, or with an unknown base', () => {
    expect(errorsOf({ criteria: [{ ...crit[0], base: undefined }] })[0]).toMatch(/A1.*count.*base/);
    expect(errorsOf({ criteria: [{ ...crit[0], base: 'N9' }] })[0]).toMatch(/A1.*N9/);
  });

  test('tiers not in descending order', () => {
    const tiers = [
      { label: 'Tốt', min: 80 },
      { label: 'Xuất sắc', min: 90 },
      { label: 'Yếu', min: 0 },
    ];
    expect(errorsOf({ tiers })[0]).toMatch(/giảm dần.*Xuất sắc/);
  });

  test('every problem is listed, not only the first', () => {
    expect(
      errorsOf({
        criteria: [{ ...crit[0], points: 0 }, { ...crit[2], type: 'x' }, { ...crit[2] }],
      }),
    ).toHaveLength(3);
  });

  test('config: overrides merge with defaults; units are validated', () => {
    const ok = configFrom({
      tiers: [
        { label: 'Đạt', min: 50 },
        { label: 'Chưa đạt', min: 0 },
      ],
      caps: [{ failures: 1, maxTier: 'Chưa đạt' }],
    });
    expect(ok.ok && ok.value.checklist.tiers.map((t) => t.label)).toEqual(['Đạt', 'Chưa đạt']);
    const bad = configFrom({
      units: [
        { code: '1', name: 'Xã A' },
        { code: '1', name: 'Xã B', validFrom: '2019-02-30' },
      ],
      colour: 1,
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.errors.join('\n')).toContain('"colour"');
      expect(bad.errors.join('\n')).toContain('Mã đơn vị bị trùng: 1.');
      expect(bad.errors.join('\n')).toContain('2019-02-30');
    }
  });
});
