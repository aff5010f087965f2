// The shipped 2025 units: decoding, look-ups, and (when ../shared/data is present) equality with the source CSV files.

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Papa from 'papaparse';
import {
  findAdminUnit,
  findProvince,
  listProvinces,
  predecessorCodes,
  provinceUnits,
  successorCodes,
} from '../../src/core/admin-units';

/** `../shared/data` from the repository root, or from the main checkout's root in a git worktree. */
function sharedData(): string | null {
  const candidates = [resolve('../shared/data')];
  try {
    const common = execFileSync('git', ['rev-parse', '--git-common-dir'], { encoding: 'utf8' });
    candidates.push(resolve(dirname(resolve(common.trim())), '../shared/data'));
  } catch {
    // not a git checkout
  }
  return candidates.find((d) => existsSync(join(d, 'units-2025.csv'))) ?? null;
}

const read = (path: string) =>
  Papa.parse<Record<string, string>>(readFileSync(path, 'utf8'), {
    header: true,
    skipEmptyLines: true,
  }).data;

describe('the shipped list', () => {
  test('34 provinces; Hà Nội has 126 units: 51 phường and 75 xã, in official order', () => {
    const provinces = listProvinces();
    expect(provinces).toHaveLength(34);
    expect(provinces[0]).toEqual({ code: '01', name: 'Thành phố Hà Nội' });
    const hanoi = provinceUnits('01');
    expect(hanoi).toHaveLength(126);
    expect(hanoi.filter((u) => u.type === 'phường')).toHaveLength(51);
    expect(hanoi.filter((u) => u.type === 'xã')).toHaveLength(75);
    expect(hanoi[0]).toEqual({
      code: '00070',
      name: 'Phường Hoàn Kiếm',
      type: 'phường',
      provinceCode: '01',
    });
    expect(provinces.reduce((n, p) => n + provinceUnits(p.code).length, 0)).toBe(3321);
  });

  test('Mỹ Đức district went into four new communes and part of a fifth', () => {
    const next = successorCodes('01');
    expect(next.get('10498')).toEqual(['10465']); // Xã Hợp Tiến → Xã Hồng Sơn
    expect(next.get('10459')).toEqual(['10459']); // Xã Mỹ Xuyên → Xã Phúc Sơn (code reused)
    expect(next.get('10444')?.sort()).toEqual(['10081', '10459']); // Đồng Tâm: Trần Phú, Phúc Sơn
    expect(predecessorCodes('01').get('10465')).toEqual([
      '10462',
      '10465',
      '10468',
      '10471',
      '10474',
      '10498',
    ]);
    // The island districts keep their 3-digit codes.
    expect(successorCodes('31').get('318')).toHaveLength(1);
  });

  test.each([
    ['Hà Nội', '01'],
    ['thành phố hà nội', '01'],
    ['Ha Noi', '01'],
    ['1', '01'],
    ['TP. Hồ Chí Minh', '79'],
    ['Tỉnh Cao Bằng', '04'],
    ['TP.HCM', '79'],
    ['Sài Gòn', '79'],
    ['Hà Tây', null],
  ])('province %p → %p', (text, code) => {
    expect(findProvince(text)?.code ?? null).toBe(code);
  });

  test('units are found by full name, short name, accent-free name or code', () => {
    const name = (t: string) => {
      const r = findAdminUnit('01', t);
      return r.ok ? r.unit.name : `${r.candidates.length} candidates`;
    };
    expect(name('Xã Hồng Sơn')).toBe('Xã Hồng Sơn');
    expect(name('hong son')).toBe('Xã Hồng Sơn');
    expect(name('10465')).toBe('Xã Hồng Sơn');
    expect(name('Ba Đình')).toBe('Phường Ba Đình');
    expect(name('Xã Hòa Bình')).toBe('0 candidates');
    expect(name('Phú Quốc')).toBe('0 candidates');
    const pq = findAdminUnit('91', 'Phú Quốc');
    expect(pq.ok && pq.unit.name).toBe('Đặc khu Phú Quốc');
  });
});

const dir = sharedData();
(dir ? describe : describe.skip)('equal to ../shared/data', () => {
  test('every province, unit code, name and type', () => {
    const rows = read(join(dir as string, 'units-2025.csv'));
    expect(rows).toHaveLength(3321);
    const shipped = listProvinces().flatMap((p) =>
      provinceUnits(p.code).map((u) => [p.code, p.name, u.code, u.name, u.type].join(',')),
    );
    expect(shipped).toEqual(
      rows.map((r) =>
        [r.province_code, r.province_name, r.unit_code, r.unit_name, r.unit_type].join(','),
      ),
    );
  });

  test('every pair of the pre-reform mapping', () => {
    const rows = read(join(dir as string, 'merged-2025.csv'));
    expect(rows).toHaveLength(10584);
    const want = rows.map((r) => `${r.new_province_code}:${r.old_unit_code}>${r.new_unit_code}`);
    const got = listProvinces().flatMap((p) =>
      [...predecessorCodes(p.code)].flatMap(([code, olds]) =>
        olds.map((old) => `${p.code}:${old}>${code}`),
      ),
    );
    expect(got.sort()).toEqual(want.sort());
  });
});
