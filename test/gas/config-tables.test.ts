// The config sheets' default contents read back into the default configuration, and every problem reported.

import { DEFAULT_CONFIG } from '../../src/core/config';
import { defaultTables, readTables } from '../../src/core/config-tables';

describe('config sheets', () => {
  test('the default tables read back as the default checklist and units', () => {
    const r = readTables(defaultTables());
    if (!r.ok) throw new Error(r.errors.join('\n'));
    expect(r.value.config).toEqual(DEFAULT_CONFIG);
    expect(r.value.inspectors).toEqual([]);
    expect(r.value.settings.reconcileHour).toBe(23);
  });

  test('an edited criterion, a unit with validity dates and inspectors are read', () => {
    const t = defaultTables();
    const a1 = t.criteria.findIndex((r) => r[0] === 'A1');
    t.criteria[a1][5] = '10';
    t.criteria[a1][2] = 'Số cán bộ đi muộn';
    t.units.push(['10999', 'Xã Mỹ Xuyên', 'Mỹ Thành - Bột Xuyên', '01/11/2024', '']);
    t.inspectors.push(['Lan.NT@MyDu.example', 'Nguyễn Thị Lan', 'Phó Trưởng phòng Nội vụ']);
    const r = readTables(t);
    if (!r.ok) throw new Error(r.errors.join('\n'));
    expect(r.value.config.checklist.criteria[0]).toMatchObject({
      code: 'A1',
      points: 10,
      text: 'Số cán bộ đi muộn',
    });
    expect(r.value.config.units.at(-1)).toEqual({
      code: '10999',
      name: 'Xã Mỹ Xuyên',
      aliases: ['Mỹ Thành - Bột Xuyên'],
      validFrom: '2024-11-01',
    });
    expect(r.value.inspectors).toEqual(['lan.nt@mydu.example']);
  });

  test('every problem is listed with the sheet, row, field and value', () => {
    const t = defaultTables();
    const a3 = t.criteria.findIndex((r) => r[0] === 'A3');
    t.criteria[a3][3] = 'Thang điểm';
    const b1 = t.criteria.findIndex((r) => r[0] === 'B1');
    t.criteria[b1][5] = '-5';
    t.tiers[2][1] = 95;
    t.settings[3][1] = '25';
    t.inspectors.push(['không phải email', '', '']);
    const r = readTables(t);
    expect(r.ok).toBe(false);
    const text = r.ok ? '' : r.errors.join('\n');
    expect(text).toContain('"Thang điểm"');
    expect(text).toMatch(/B1.*-5/);
    expect(text).toMatch(/giảm dần/);
    expect(text).toMatch(/Giờ đối soát hằng ngày.*25/);
    expect(text).toContain('"không phải email"');
  });

  test('a missing config sheet is named', () => {
    const { units: _units, ...rest } = defaultTables();
    const r = readTables(rest);
    expect(r.ok ? [] : r.errors).toContain('Thiếu trang cấu hình "Đơn vị".');
  });

  test('the finding wording is an editable column; a sheet made before it keeps the default wordings', () => {
    const t = defaultTables();
    expect(t.criteria[0]).toContain('Cách ghi tồn tại');
    const b2 = t.criteria.findIndex((r) => r[0] === 'B2');
    expect(t.criteria[b2][7]).toBe('Không có biển tên, chức danh tại bàn làm việc');
    t.criteria[b2][7] = 'Bàn làm việc thiếu biển tên';
    const a5 = t.criteria.findIndex((r) => r[0] === 'A5');
    t.criteria[a5][7] = '';
    const r = readTables(t);
    if (!r.ok) throw new Error(r.errors.join('\n'));
    const byCode = new Map(r.value.config.checklist.criteria.map((c) => [c.code, c.finding]));
    expect(byCode.get('B2')).toBe('Bàn làm việc thiếu biển tên');
    expect(byCode.get('A5')).toBe('');

    // An old sheet: seven columns, one criterion reworded by the office.
    const old = defaultTables();
    old.criteria = old.criteria.map((row) => row.slice(0, 7));
    const b3 = old.criteria.findIndex((row) => row[0] === 'B3');
    old.criteria[b3][2] = 'Trang phục theo quy định của xã';
    const o = readTables(old);
    if (!o.ok) throw new Error(o.errors.join('\n'));
    const oldBy = new Map(o.value.config.checklist.criteria.map((c) => [c.code, c.finding]));
    expect(oldBy.get('B2')).toBe('Không có biển tên, chức danh tại bàn làm việc');
    expect(oldBy.get('B3')).toBe('');
  });
});
