// The command line as a process: options, outputs, and one-line errors with a non-zero exit.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CONFIG } from '../../src/core/config';
import { formHeaders } from '../../src/core/records';

const CLI = join(__dirname, '../../build/cli.js');
const dir = () => mkdtempSync(join(tmpdir(), 'ktcv-'));

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const headers = formHeaders(DEFAULT_CONFIG.checklist);
const csvField = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
function csv(rows: string[][], eol = '\r\n', bom = true) {
  return (bom ? '\uFEFF' : '') + rows.map((r) => r.map(csvField).join(',')).join(eol) + eol;
}
function record(unit: string, date: string, set: Record<string, string> = {}, note = '') {
  const row = headers.map(() => '');
  row[0] = '2019/02/21 8:35:12 AM GMT+7';
  row[2] = unit;
  row[3] = date;
  row[4] = 'Nguyễn Thị Lan';
  headers.forEach((h, i) => {
    const m = /^([A-Z]\d)\./.exec(h);
    if (!m) return;
    const c = DEFAULT_CONFIG.checklist.criteria.find((x) => x.code === m[1]);
    row[i] =
      set[m[1]] ??
      (m[1] === 'N1' ? '20' : m[1] === 'N2' ? '10' : c?.type === 'count' ? '0' : 'Đạt');
  });
  row[headers.indexOf('Ghi chú nhóm A')] = note;
  return row;
}
function writeCsv(content: string) {
  const d = dir();
  const f = join(d, 'responses.csv');
  writeFileSync(f, content);
  return { d, f };
}
const results = (d: string) => JSON.parse(readFileSync(join(d, 'results.json'), 'utf8'));

describe('npm start -- --responses FILE', () => {
  test('scores an export, writes results.json and prints a Vietnamese ranking', () => {
    const { d, f } = writeCsv(
      csv([
        headers,
        record('Xã Hợp Tiến', '21/02/2019', { B2: 'Không đạt' }, 'Đ/c Hùng, "Tư pháp",\nđi muộn'),
        record('xa dai hung', '22/02/2019', { C8: 'Không đạt' }),
        record('Xã Hòa Bình', '22/02/2019'),
      ]),
    );
    const r = cli(['--responses', f, '--out', d]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const res = results(d);
    expect(res.period).toEqual({ from: '2019-02-21', to: '2019-02-22' });
    expect(
      res.units.map((u: { unit: string; rank: number; tier: string }) => [u.unit, u.rank, u.tier]),
    ).toEqual([
      ['Xã Hợp Tiến', 1, 'Xuất sắc'],
      ['Xã Đại Hưng', 2, 'Trung bình'],
    ]);
    expect(res.review).toEqual([
      { row: 4, code: 'unknown-unit', reason: expect.stringContaining('Xã Hòa Bình') },
    ]);
    expect(r.out).toContain('Kỳ báo cáo: từ 21/02/2019 đến 22/02/2019');
    expect(r.out).toMatch(/1\s+Xã Hợp Tiến\s+1\s+97,0\s+Xuất sắc/);
    expect(r.out).toContain('Cần xem lại 1 phiếu (1 không rõ đơn vị)');
  });

  test('LF line endings, no BOM, --from/--to and --date-order mdy', () => {
    const { d, f } = writeCsv(
      csv(
        [headers, record('Xã An Mỹ', '02/21/2019'), record('Xã Tuy Lai', '03/01/2019')],
        '\n',
        false,
      ),
    );
    const r = cli([
      '--responses',
      f,
      '--out',
      d,
      '--date-order',
      'mdy',
      '--from',
      '2019-02-18',
      '--to',
      '2019-02-24',
    ]);
    expect(r.code).toBe(0);
    const res = results(d);
    expect(res.period).toEqual({ from: '2019-02-18', to: '2019-02-24' });
    expect(res.inspections.map((i: { unit: string }) => i.unit)).toEqual(['Xã An Mỹ']);
    expect(res.notInspected.map((u: { unitCode: string }) => u.unitCode)).toContain('10450');
  });

  test('--config takes the office checklist, units and tiers', () => {
    const d = dir();
    const config = join(d, 'config.json');
    writeFileSync(
      config,
      JSON.stringify({
        units: [{ code: 'P01', name: 'Phường Quán Thánh', aliases: ['QT'] }],
        tiers: [
          { label: 'Đạt', min: 80 },
          { label: 'Chưa đạt', min: 0 },
        ],
        caps: [{ failures: 1, maxTier: 'Chưa đạt' }],
      }),
    );
    const { f } = writeCsv(csv([headers, record('qt', '21/02/2019', { B2: 'Không đạt' })]));
    const r = cli(['--responses', f, '--config', config, '--out', d]);
    expect(r.code).toBe(0);
    expect(results(d).units).toEqual([
      {
        unit: 'Phường Quán Thánh',
        unitCode: 'P01',
        inspections: 1,
        mean: 97,
        rank: 1,
        tier: 'Đạt',
      },
    ]);
  });

  test('the example config in the repository is valid', () => {
    const d = dir();
    const r = cli(['--config', join(__dirname, '../../examples/config.json'), '--out', d]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  });
});

describe('errors: one line on stderr, non-zero exit, no stack trace', () => {
  const oneLine = (r: ReturnType<typeof cli>, pattern: RegExp) => {
    expect(r.code).not.toBe(0);
    expect(r.out).toBe('');
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(pattern);
    expect(r.err).not.toMatch(/\bat .*\(/);
  };

  test('a missing file', () =>
    oneLine(
      cli(['--responses', '/nonexistent/x.csv']),
      /Không tìm thấy tệp: \/nonexistent\/x.csv/,
    ));
  test('a file that is not CSV (binary)', () => {
    const { f } = writeCsv('PK\u0003\u0004\u0000\u0000binary');
    oneLine(cli(['--responses', f]), /không phải CSV/);
  });
  test('a file with broken quoting', () => {
    const { f } = writeCsv('Đơn vị được kiểm tra,A1\n"Xã An Mỹ,3\n');
    oneLine(cli(['--responses', f]), /không phải CSV hợp lệ/);
  });
  test('a CSV without the unit column', () => {
    const { f } = writeCsv('Timestamp,A1. Số cán bộ\n2019-02-21,1\n');
    oneLine(cli(['--responses', f]), /không có cột "Đơn vị được kiểm tra"/);
  });
  test('an invalid config names the field and value', () => {
    const d = dir();
    const config = join(d, 'bad.json');
    writeFileSync(
      config,
      JSON.stringify({
        criteria: [{ code: 'A1', text: 'x', type: 'count', points: 0, group: 'A' }],
      }),
    );
    oneLine(cli(['--config', config]), /A1.*số điểm phải là số dương.*0/);
  });
  test('a config that is not JSON', () => {
    const { f } = writeCsv('{ not json');
    oneLine(cli(['--config', f]), /không phải JSON hợp lệ/);
  });
  test('a bad date option', () =>
    oneLine(cli(['--from', '21/02/2019']), /--from phải là ngày dạng YYYY-MM-DD/));
  test('from after to', () =>
    oneLine(cli(['--from', '2019-03-01', '--to', '2019-02-01']), /--from \(2019-03-01\) sau --to/));
  test('an unknown option', () =>
    oneLine(cli(['--respones', 'x.csv']), /Tùy chọn không hợp lệ: --respones/));
});

describe('the shipped sample round as an export', () => {
  test('scores the Mỹ Đức round as src/local/sample/README.md documents', () => {
    const d = dir();
    const r = cli([
      '--responses',
      join(__dirname, '../../src/local/sample/responses.csv'),
      '--out',
      d,
    ]);
    expect(r.code).toBe(0);
    const res = results(d);
    expect(res.period).toEqual({ from: '2019-02-18', to: '2019-03-01' });
    expect(res.review.map((x: { row: number; code: string }) => `${x.row} ${x.code}`)).toEqual([
      '4 duplicate',
      '11 bad-answer',
      '20 unknown-unit',
      '22 count-exceeds-base',
      '26 bad-number',
    ]);
    expect(res.inspections).toHaveLength(22);
    const byRow = new Map(res.inspections.map((i: { row: number }) => [i.row, i]));
    expect(byRow.get(6)).toMatchObject({
      score: 89.7,
      tier: 'Yếu',
      criticalFailures: ['A2', 'C7'],
    });
    expect(byRow.get(13)).toMatchObject({
      score: 94.4,
      tier: 'Trung bình',
      criticalFailures: ['C8'],
    });
    expect(byRow.get(16)).toMatchObject({ score: 96.4 }); // 96.35 exactly, half up
    expect(byRow.get(18)).toMatchObject({ unit: 'Xã Phúc Lâm', unitCode: '10453' }); // typed in NFD
    expect(byRow.get(9)).toMatchObject({ unit: 'Xã Hợp Thanh' }); // typed `hợp thanh`
    expect(byRow.get(17)).toMatchObject({
      score: 97.4,
      max: 96,
      warnings: [expect.stringContaining('D2')],
    });
    const units = res.units.map(
      (u: { unitCode: string; rank: number; mean: number; tier: string }) =>
        `${u.rank} ${u.unitCode} ${u.mean} ${u.tier}`,
    );
    // Classification first, then mean (scoring.md §6): capped units stand below every higher class.
    expect(units).toEqual([
      '1 10495 100 Xuất sắc',
      '2 10468 99.7 Xuất sắc',
      '3 10441 99.6 Xuất sắc',
      '4 10489 99.5 Xuất sắc',
      '5 10462 99.4 Xuất sắc',
      '6 10456 98.5 Xuất sắc',
      '7 10465 98 Xuất sắc',
      '7 10498 98 Xuất sắc',
      '9 10447 97.4 Xuất sắc',
      '10 10501 96.9 Xuất sắc',
      '11 10450 96.4 Xuất sắc',
      '12 10453 96.3 Xuất sắc',
      '13 10480 96.1 Xuất sắc',
      '14 10483 96 Xuất sắc',
      '15 10459 88 Tốt',
      '16 10444 86 Tốt',
      '17 10474 75.9 Khá',
      '18 10471 97.2 Trung bình',
      '19 10486 95.3 Trung bình',
      '20 10477 94.6 Yếu',
    ]);
    expect(r.out).toMatch(/18\s+Xã Xuy Xá\s+2\s+97,2\s+Trung bình/);
    expect(r.out).toContain(
      '  - Xã Phù Lưu Tế: 94,6 điểm, xếp loại Yếu (hạ do vi phạm nghiêm trọng: A2, C7 ngày 18/02/2019; theo điểm là Xuất sắc)',
    );
    expect(r.out).toContain(
      '  - Xã Xuy Xá: 97,2 điểm, xếp loại Trung bình (hạ do vi phạm nghiêm trọng: C8 ngày 20/02/2019; theo điểm là Xuất sắc)',
    );
    expect(r.out).toContain(
      'Cần xem lại 5 phiếu (1 trùng lặp, 1 câu trả lời không hợp lệ, 1 không rõ đơn vị, 1 số vi phạm lớn hơn số liệu nền, 1 số liệu không hợp lệ):',
    );
    expect(res.notInspected).toEqual([
      { unit: 'Xã Hùng Tiến', unitCode: '10492' },
      { unit: 'Xã An Phú', unitCode: '10504' },
    ]);
    expect(r.out).toContain('Chưa được kiểm tra (2): Xã Hùng Tiến, Xã An Phú');
  });
});
