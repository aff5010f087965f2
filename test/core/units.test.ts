// Unit matching (§7): NFC, case, spaces, prefixes, the accent-free key only when unambiguous, validity dates.

import type { Unit } from '../../src/core/types';
import { compareCodes, DEFAULT_UNITS, indexUnits, matchUnit } from '../../src/core/units';

const index = indexUnits(DEFAULT_UNITS);
const code = (name: string, date: string | null = null) => {
  const m = matchUnit(index, name, date);
  return m.ok ? m.unit.code : m.why;
};

describe('matching typed names', () => {
  test.each([
    ['Xã Hợp Tiến', '10498'],
    ['xã hợp tiến', '10498'],
    ['  Xã   Hợp  Tiến ', '10498'],
    ['Hợp Tiến', '10498'],
    ['XÃ HỢP TIẾN', '10498'],
    ['Xã Hợp Tiến'.normalize('NFD'), '10498'],
    ['Thị trấn Đại Nghĩa', '10441'],
    ['Đại Nghĩa', '10441'],
    ['thi tran dai nghia', '10441'],
    ['Hop Tien', '10498'],
    ['Xa Dong Tam', '10444'],
    ['Phường Đồng Tâm', '10444'],
    ['10480', '10480'],
  ])('%p → %p', (name, expected) => {
    expect(code(name)).toBe(expected);
  });

  test('an unknown name is unknown', () => {
    expect(code('Xã Hòa Bình')).toBe('unknown');
    expect(code('Hợp')).toBe('unknown');
  });

  test('the accent-free key is used only when exactly one unit has it', () => {
    const units: Unit[] = [
      { code: '1', name: 'Xã Hồng Sơn', aliases: [] },
      { code: '2', name: 'Xã Hông Sơn', aliases: [] },
    ];
    const i = indexUnits(units);
    expect(matchUnit(i, 'Hong Son', null)).toMatchObject({ ok: false, why: 'ambiguous' });
    expect(matchUnit(i, 'Hồng Sơn', null)).toMatchObject({ ok: true, unit: { code: '1' } });
  });

  test('aliases match like names', () => {
    const i = indexUnits([{ code: '9', name: 'Xã Mỹ Xuyên', aliases: ['Mỹ Thành - Bột Xuyên'] }]);
    expect(matchUnit(i, 'my thanh - bot xuyen', null)).toMatchObject({ ok: true });
  });

  test('validity dates: an inspection keeps the unit valid on its date', () => {
    const units: Unit[] = [
      { code: '10489', name: 'Xã Hương Sơn', aliases: [], validTo: '2025-06-30' },
      { code: '99001', name: 'Xã Hương Sơn', aliases: [], validFrom: '2025-07-01' },
      { code: '10456', name: 'Xã Mỹ Thành', aliases: [], validTo: '2024-10-31' },
    ];
    const i = indexUnits(units);
    expect(matchUnit(i, 'Hương Sơn', '2019-02-21')).toMatchObject({
      ok: true,
      unit: { code: '10489' },
    });
    expect(matchUnit(i, 'Hương Sơn', '2025-07-01')).toMatchObject({
      ok: true,
      unit: { code: '99001' },
    });
    expect(matchUnit(i, 'Mỹ Thành', '2025-01-01')).toMatchObject({ ok: false, why: 'not-valid' });
  });

  test('codes compare numerically when both are digits', () => {
    expect(['10504', '9', '10441', 'A2', 'A10'].sort(compareCodes)).toEqual([
      '9',
      '10441',
      '10504',
      'A10',
      'A2',
    ]);
  });
});
