// Units across the 2025 reform: reused codes, successors, a pre-reform name after the reform, trends that follow a unit into its successor.

import { findProvince } from '../../src/core/admin-units';
import { DEFAULT_CHECKLIST } from '../../src/core/checklist';
import { validateUnits } from '../../src/core/config';
import { evaluate, makeContext } from '../../src/core/evaluate';
import { mergeReform, officeUnits } from '../../src/core/office';
import type { Unit } from '../../src/core/types';
import {
  continuingUnit,
  followUnits,
  indexUnits,
  matchUnit,
  successorsOn,
  unitLabelOn,
  unitQuestion,
} from '../../src/core/units';
import { response } from './fixtures';

// What a Mỹ Đức office's sheet held before the reform (the late-2024 mergers already dated).
const HISTORY: Unit[] = [
  { code: '10441', name: 'Thị trấn Đại Nghĩa', aliases: [] },
  { code: '10444', name: 'Xã Đồng Tâm', aliases: [] },
  {
    code: '10456',
    name: 'Xã Mỹ Thành',
    aliases: [],
    validTo: '2024-12-31',
    successors: ['10459'],
  },
  {
    code: '10459',
    name: 'Xã Bột Xuyên',
    aliases: [],
    validTo: '2024-12-31',
    successors: ['10459'],
  },
  { code: '10459', name: 'Xã Mỹ Xuyên', aliases: [], validFrom: '2025-01-01' },
  { code: '10465', name: 'Xã Hồng Sơn', aliases: [] },
  { code: '10498', name: 'Xã Hợp Tiến', aliases: [] },
];
const hanoi = findProvince('Hà Nội');
if (!hanoi) throw new Error('Hà Nội missing');
const fresh = officeUnits({ level: 'province', province: hanoi });
const merged = mergeReform(HISTORY, fresh, '01');
const units = merged.units;
const index = indexUnits(units);
const named = (name: string, validTo?: string) =>
  units.find((u) => u.name === name && (validTo === undefined || u.validTo === validTo)) as Unit;

describe('merging the 2025 units into an office history', () => {
  test('undated old units end on 30/06/2025 with their successors; the 126 new units start on 01/07/2025', () => {
    expect(merged.added).toBe(126);
    expect(merged.ended).toBe(5); // Đại Nghĩa, Đồng Tâm, Mỹ Xuyên, Hồng Sơn, Hợp Tiến
    expect(merged.unmapped).toEqual([]);
    expect(named('Xã Hợp Tiến')).toMatchObject({ validTo: '2025-06-30', successors: ['10465'] });
    expect(named('Thị trấn Đại Nghĩa')).toMatchObject({ successors: ['10441'] });
    expect(named('Xã Mỹ Thành')).toMatchObject({ validTo: '2024-12-31', successors: ['10459'] });
    expect(validateUnits(units)).toMatchObject({ ok: true });
    expect(mergeReform(units, fresh, '01')).toMatchObject({ units, added: 0, ended: 0 });
  });

  test('a code is reused only by units valid at different times', () => {
    const clash = validateUnits([
      { code: '10465', name: 'Xã Hồng Sơn', aliases: [] },
      { code: '10465', name: 'Xã Hồng Sơn', aliases: [], validFrom: '2025-07-01' },
    ]);
    expect(clash).toEqual({
      ok: false,
      errors: [
        'Mã đơn vị bị trùng: 10465. Xã Hồng Sơn và Xã Hồng Sơn cùng có hiệu lực; một mã chỉ được dùng lại khi thời gian hiệu lực không trùng nhau.',
      ],
    });
    const unknown = validateUnits([
      { code: '1', name: 'Xã A', aliases: [], validTo: '2025-06-30', successors: ['9'] },
    ]);
    expect(unknown).toEqual({
      ok: false,
      errors: ['Đơn vị Xã A: mã đơn vị kế thừa "9" không có trong danh sách.'],
    });
  });
});

describe('matching across the reform', () => {
  const match = (name: string, date: string) => matchUnit(index, name, date);

  test('a name is the unit valid on the inspection date, even when old and new share name and code', () => {
    expect(match('Xã Hồng Sơn', '2025-06-10')).toMatchObject({
      ok: true,
      unit: { code: '10465', validTo: '2025-06-30' },
    });
    expect(match('Xã Hồng Sơn', '2025-07-10')).toMatchObject({
      ok: true,
      unit: { code: '10465', validFrom: '2025-07-01' },
    });
    expect(match('Xã Hợp Tiến', '2025-06-10')).toEqual({ ok: true, unit: named('Xã Hợp Tiến') });
  });

  test('a pre-reform name after the reform goes to the unit it became, with a warning', () => {
    const m = match('hop tien', '2025-07-15');
    expect(m).toMatchObject({ ok: true, unit: { name: 'Xã Hồng Sơn', validFrom: '2025-07-01' } });
    expect(m.ok && m.via?.name).toBe('Xã Hợp Tiến');
    expect(m.ok && m.warning).toBe(
      'Đơn vị "Xã Hợp Tiến" không còn từ ngày 01/07/2025; phiếu ngày 15/07/2025 được tính cho Xã Hồng Sơn (đơn vị kế thừa).',
    );
    // Through two changes: Mỹ Thành → Mỹ Xuyên (2025) → Phúc Sơn.
    expect(match('Xã Mỹ Thành', '2025-03-01')).toMatchObject({
      ok: true,
      unit: { name: 'Xã Mỹ Xuyên' },
    });
    expect(match('Xã Mỹ Thành', '2025-08-01')).toMatchObject({
      ok: true,
      unit: { name: 'Xã Phúc Sơn' },
      warning:
        'Đơn vị "Xã Mỹ Thành" không còn từ ngày 01/01/2025; phiếu ngày 01/08/2025 được tính cho Xã Phúc Sơn (đơn vị kế thừa).',
    });
  });

  test('a unit divided between several is never guessed', () => {
    const m = match('Xã Đồng Tâm', '2025-08-01');
    expect(m.ok).toBe(false);
    expect(!m.ok && m.candidates.map((u) => u.name).sort()).toEqual(['Xã Phúc Sơn', 'Xã Trần Phú']);
  });

  test('the response is scored as the successor, the warning kept; a divided unit goes to review naming both', () => {
    const ctx = makeContext({ checklist: DEFAULT_CHECKLIST, units });
    const out = evaluate(response({ unit: 'Xã Hợp Tiến', date: '15/07/2025' }), ctx);
    expect(out).toMatchObject({
      ok: true,
      inspection: { unit: 'Xã Hồng Sơn', unitCode: '10465', score: 100 },
    });
    expect(out.ok && out.inspection.warnings[0]).toMatch(
      /^Đơn vị "Xã Hợp Tiến" không còn từ ngày 01\/07\/2025/,
    );
    const before = evaluate(response({ unit: 'Xã Hợp Tiến', date: '20/06/2025' }), ctx);
    expect(before).toMatchObject({ ok: true, inspection: { unit: 'Xã Hợp Tiến', warnings: [] } });
    const split = evaluate(response({ unit: 'Xã Đồng Tâm', date: '01/08/2025' }), ctx);
    expect(split).toMatchObject({ ok: false, review: { code: 'unknown-unit' } });
    expect(!split.ok && split.review.reason).toMatch(
      /^Đơn vị "Xã Đồng Tâm" không có hiệu lực vào ngày 01\/08\/2025; nay thuộc Xã (Trần Phú|Phúc Sơn), Xã (Trần Phú|Phúc Sơn), hãy chọn một/,
    );
  });
});

describe('trends follow a unit into its successor', () => {
  test('labels say where an ended unit went', () => {
    expect(unitLabelOn(index, named('Xã Hợp Tiến'), '2025-08-01')).toBe(
      'Xã Hợp Tiến (nay thuộc Xã Hồng Sơn)',
    );
    expect(unitLabelOn(index, named('Xã Hợp Tiến'), '2025-06-01')).toBe('Xã Hợp Tiến');
    expect(unitLabelOn(index, named('Xã Bột Xuyên'), '2025-03-01')).toBe(
      'Xã Bột Xuyên (nay thuộc Xã Mỹ Xuyên)',
    );
    expect(successorsOn(index, named('Xã Bột Xuyên'), '2025-08-01').map((u) => u.name)).toEqual([
      'Xã Phúc Sơn',
    ]);
    // Divided: its history is not assigned to one part; it stays under its own name, saying so.
    expect(continuingUnit(index, named('Xã Đồng Tâm'), '2025-08-01').name).toBe('Xã Đồng Tâm');
    expect(unitLabelOn(index, named('Xã Đồng Tâm'), '2025-08-01')).toMatch(
      /^Xã Đồng Tâm \(đã chia tách, nay thuộc Xã (Phúc Sơn|Trần Phú) và Xã (Phúc Sơn|Trần Phú)\)$/,
    );
  });

  test('rows of June and July are counted under the unit of today, each keeping the unit it was scored as', () => {
    const rows = [
      { unitCode: '10498', date: '2025-06-05', score: 90 },
      { unitCode: '10465', date: '2025-06-20', score: 80 },
      { unitCode: '10465', date: '2025-07-10', score: 95 },
      { unitCode: '00070', date: '2025-07-11', score: 99 },
    ];
    const f = followUnits(units, rows, '2025-08-31');
    expect(f.map((x) => [x.then.name, x.now.name, x.now.validFrom, x.label])).toEqual([
      ['Xã Hợp Tiến', 'Xã Hồng Sơn', '2025-07-01', 'Xã Hợp Tiến (nay thuộc Xã Hồng Sơn)'],
      ['Xã Hồng Sơn', 'Xã Hồng Sơn', '2025-07-01', 'Xã Hồng Sơn (cũ, đến 30/06/2025)'],
      ['Xã Hồng Sơn', 'Xã Hồng Sơn', '2025-07-01', 'Xã Hồng Sơn'],
      ['Phường Hoàn Kiếm', 'Phường Hoàn Kiếm', '2025-07-01', 'Phường Hoàn Kiếm'],
    ]);
  });
});

describe('the unit question of the Form', () => {
  test('a few units are radio buttons; many a dropdown sorted by their own name, the help saying so', () => {
    const few = unitQuestion(fresh.slice(0, 4), '2025-08-01');
    expect(few).toEqual({
      kind: 'choice',
      choices: ['Phường Ba Đình', 'Phường Cửa Nam', 'Phường Hoàn Kiếm', 'Phường Ngọc Hà'],
      help: 'Chọn đơn vị được kiểm tra.',
    });
    const many = unitQuestion(units, '2025-08-01');
    expect(many.kind).toBe('list');
    expect(many.choices).toHaveLength(126);
    expect(many.choices.slice(0, 4)).toEqual([
      'Xã An Khánh',
      'Phường Ba Đình',
      'Xã Ba Vì',
      'Phường Bạch Mai',
    ]);
    expect(many.help).toBe(
      'Chọn trong danh sách 126 đơn vị, xếp theo tên riêng, không kể chữ Xã, Phường: ví dụ Xã Ô Diên ở vần Ô.',
    );
    // Before the reform the same list shows the office's old units only.
    const june = unitQuestion(units, '2025-06-15');
    expect(june.choices).toEqual([
      'Thị trấn Đại Nghĩa',
      'Xã Đồng Tâm',
      'Xã Hồng Sơn',
      'Xã Hợp Tiến',
      'Xã Mỹ Xuyên',
    ]);
  });
});
