// `npm start -- --responses FILE` on hostile exports, as a process: one answer whatever the date order, disagreeing columns named, invisible and huge values echoed readably and bounded, a report that did not go out fails the run, long names keep their date.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { simpleParser } from 'mailparser';
import Papa from 'papaparse';
import { parseCsv } from '../../src/local/csv';

const ROOT = join(__dirname, '../..');
const CLI = join(ROOT, 'build/cli.js');
const SAMPLE = parseCsv(readFileSync(join(ROOT, 'src/local/sample/responses.csv'), 'utf8'));
const [H, ...R] = SAMPLE.map((r) => [...r]);
const col = (p: string) => H.findIndex((h) => h === p || h.startsWith(`${p}.`));

/** Writes the rows as a CSV in a fresh folder and runs the CLI on it; returns the run and its folder. */
function runOn(rows: string[][], args: string[] = []) {
  const dir = mkdtempSync(join(tmpdir(), 'ktcv-inputs-'));
  const file = join(dir, 'responses.csv');
  writeFileSync(file, Papa.unparse(rows));
  const out = join(dir, 'out');
  const r = spawnSync(process.execPath, [CLI, '--responses', file, '--out', out, ...args], {
    encoding: 'utf8',
    cwd: ROOT,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { ...r, out };
}
const resultsOf = (out: string) => JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));

async function sheetRows(out: string, name: string): Promise<ExcelJS.CellValue[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(out, 'workbook.xlsx'));
  const rows: ExcelJS.CellValue[][] = [];
  wb.getWorksheet(name)?.eachRow((row, n) => {
    if (n > 1) rows.push((row.values as ExcelJS.CellValue[]).slice(1));
  });
  return rows;
}
const isoDay = (v: ExcelJS.CellValue) => (v instanceof Date ? v.toISOString().slice(0, 10) : v);

describe('--date-order: results.json, the printed ranking, workbook.xlsx and the emailed report agree (attack M8)', () => {
  // The attack's mdy.csv: dates in both orders, one unreadable, one empty with a day-first timestamp.
  const dates = ['02/21/2019', '21/02/2019', '2019-02-22', '13/13/2019', ''];
  const rows = [
    H,
    ...dates.map((d, k) => {
      const r = [...R[k]];
      r[col('Ngày kiểm tra')] = d;
      r[col('Dấu thời gian')] = k < 4 ? '02/21/2019 08:00:00' : '22/02/2019 08:00:00';
      return r;
    }),
  ];
  const runs = {
    mdy: runOn(rows, ['--date-order', 'mdy']),
    dmy: runOn(rows, ['--date-order', 'dmy']),
  };
  const expected = {
    mdy: { scored: [2, 4], review: [3, 5, 6] },
    dmy: { scored: [3, 4, 6], review: [2, 5] },
  };

  test.each(['mdy', 'dmy'] as const)('%s: one answer everywhere', async (order) => {
    const run = runs[order];
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const res = resultsOf(run.out);
    const scored = res.inspections.map(
      (i: { row: number; unit: string; date: string; score: number }) =>
        `${i.row} ${i.unit} ${i.date} ${i.score}`,
    );
    expect(res.inspections.map((i: { row: number }) => i.row)).toEqual(expected[order].scored);
    expect(res.review.map((x: { row: number }) => x.row)).toEqual(expected[order].review);
    // The workbook the bundle wrote says the same, row for row.
    const book = (await sheetRows(run.out, 'Kết quả')).map(
      (r) => `${r[1]} ${r[5]} ${isoDay(r[3])} ${r[8]}`,
    );
    expect(book).toEqual(scored);
    const review = (await sheetRows(run.out, 'Cần xem lại')).map((r) => `${r[1]} ${r[6]}`);
    expect(review).toEqual(
      res.review.map((x: { row: number; reason: string }) => `${x.row} ${x.reason}`),
    );
    // The printed ranking and the emailed report count the same inspections and units.
    for (const u of res.units as { unit: string; inspections: number }[])
      expect(run.stdout).toMatch(new RegExp(`\\d+\\s+${u.unit}\\s+${u.inspections}\\s`));
    const [mail] = readdirSync(join(run.out, 'thu'));
    const message = await simpleParser(readFileSync(join(run.out, 'thu', mail)));
    expect(message.text).toContain(
      `Đã kiểm tra ${res.inspections.length} lượt tại ${res.units.length}/22 đơn vị`,
    );
  });
});

describe('hostile cells: duplicated columns, invisible and huge values (attacks L6, L7, L8)', () => {
  const unit = col('Đơn vị được kiểm tra');
  const a1 = col('A1');
  const bigHeader = `Ý kiến ${'X'.repeat(50_000 - 7)}`;
  const header = [...H, H[a1], H[unit], bigHeader];
  const rec = (k: number, set: Record<number, string>, extra: string[]) => {
    const r = [...R[k]];
    for (const [c, v] of Object.entries(set)) r[Number(c)] = v;
    return [...r, ...extra];
  };
  const huge = `Xã ${'O'.repeat(1_000_000)}`;
  const run = runOn([
    header,
    rec(0, {}, ['1', 'Xã An Mỹ', 'v']),
    rec(1, { [unit]: '\u200b\u200b' }, ['', '', '']),
    rec(2, { [unit]: '\u0301\u0301' }, ['', '', '']),
    rec(3, { [unit]: huge }, ['', '', '']),
    rec(4, {}, ['', '', '']),
  ]);
  const res = resultsOf(run.out);
  const unitCol = H.length + 2;
  const a1Col = H.length + 1;

  test('columns of one name that disagree are named with their values, in results.json, the workbook and the output', async () => {
    expect(run.status).toBe(0);
    const first = res.inspections.find((i: { row: number }) => i.row === 2);
    const unitWarning = `Cột "Đơn vị được kiểm tra" có 2 cột khác giá trị: "Xã Hợp Tiến" ở cột ${unit + 1}, "Xã An Mỹ" ở cột ${unitCol}; dùng giá trị ở cột ${unitCol} (cột bên phải nhất).`;
    const a1Warning = `Cột "${H[a1]}" có 2 cột khác giá trị: "0" ở cột ${a1 + 1}, "1" ở cột ${a1Col}; dùng giá trị ở cột ${a1Col} (cột bên phải nhất).`;
    expect(first.unit).toBe('Xã An Mỹ');
    expect(first.findings).toContain('A1');
    expect(first.warnings).toEqual(expect.arrayContaining([unitWarning, a1Warning]));
    // Agreeing or empty duplicates say nothing.
    expect(res.inspections.find((i: { row: number }) => i.row === 6).warnings).toEqual([]);
    expect(run.stdout).toContain('Cảnh báo: 2 chỗ các cột trùng tên ghi khác nhau');
    expect(run.stdout).toContain(`  - Dòng 2: ${unitWarning}`);
    const results = await sheetRows(run.out, 'Kết quả');
    expect(String(results.find((r) => r[1] === 2)?.[14])).toContain(unitWarning);
  });

  test('invisible unit names are reviewed with a readable reason naming their code points', () => {
    const reasons = Object.fromEntries(
      res.review.map((x: { row: number; reason: string }) => [x.row, x.reason]),
    );
    expect(reasons[3]).toBe(
      'Không tìm thấy đơn vị: "" (ký tự ẩn: U+200B U+200B) (cột "Đơn vị được kiểm tra").',
    );
    expect(reasons[4]).toBe(
      'Không tìm thấy đơn vị: "" (ký tự ẩn: U+0301 U+0301) (cột "Đơn vị được kiểm tra").',
    );
    expect(run.stdout).toContain('(ký tự ẩn: U+200B U+200B)');
  });

  test('a 1 MB unit name: one review entry, echoed bounded on stdout and in results.json', () => {
    const entry = res.review.find((x: { row: number }) => x.row === 5);
    expect(entry.code).toBe('unknown-unit');
    expect(entry.reason).toMatch(/^Không tìm thấy đơn vị: "Xã O{197}…" \(50\.000 ký tự\) \(cột/);
    expect(readFileSync(join(run.out, 'results.json'), 'utf8').length).toBeLessThan(40_000);
    // Sheets holds 50,000 characters a cell: the run says what it cut when loading, and where.
    expect(run.stdout).toContain(
      'ô dài hơn 50.000 ký tự (giới hạn một ô Google Sheets) được cắt bớt khi nạp, có ghi dấu: dòng 5, cột "Đơn vị được kiểm tra" (1.000.003 ký tự)',
    );
    for (const line of run.stdout.split('\n')) expect(line.length).toBeLessThan(1_000);
    // Every record is an inspection or a review entry: nothing lost.
    expect(res.inspections.length + res.review.length).toBe(5);
  });

  test("workbook.xlsx: no cell over Excel's 32,767 characters; the cut ones say so", async () => {
    const zip = await JSZip.loadAsync(readFileSync(join(run.out, 'workbook.xlsx')));
    let cut = 0;
    for (const name of Object.keys(zip.files).filter((n) => n.startsWith('xl/worksheets/'))) {
      const xml = (await zip.file(name)?.async('string')) ?? '';
      for (const [, text] of xml.matchAll(/<v>([^<]*)<\/v>/g)) {
        expect(text.length).toBeLessThanOrEqual(32_767);
        if (text.endsWith('ký tự]')) cut++;
      }
    }
    // The 50,000-character header, and the 1 MB name in the response sheet and in "Cần xem lại".
    expect(cut).toBe(3);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(run.out, 'workbook.xlsx'));
    const sheet = wb.worksheets.find((w) => w.name.startsWith('Câu trả lời'));
    const headerCell = String(sheet?.getRow(1).getCell(header.length).value);
    expect(headerCell.startsWith('Ý kiến XXX')).toBe(true);
    expect(headerCell.endsWith(' …[đã cắt bớt: 50.000 ký tự]')).toBe(true);
  });
});

describe('long unit names from --config: a report that fails to send fails the run; file names keep their date (attacks L9, L11)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ktcv-long-'));
  const long = (k: number) => `Xã ${'Đông Anh '.repeat(5_000)}${k}`;
  const units = [1, 2, 3, 4, 5, 6].map((k) => ({ code: `U0${k}`, name: long(k) }));
  const config = join(dir, 'config.json');
  writeFileSync(config, JSON.stringify({ units }));
  const rec = (date: string) => {
    const r = [...R[0]];
    r[col('Đơn vị được kiểm tra')] = long(1);
    r[col('Ngày kiểm tra')] = date;
    return r;
  };
  const run = runOn([H, rec('22/02/2019'), rec('21/02/2019')], ['--config', config, '--minutes']);

  test('the report could not be sent (its email is over 200 KB): one Vietnamese line, non-zero exit, files kept', () => {
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(
      /^Lỗi: chưa gửi được báo cáo kỳ 21\/02\/2019 – 22\/02\/2019: lỗi đã ghi ở Nhật ký/,
    );
    expect(run.stdout).toContain('Limit Exceeded: Email Body Size.');
    expect(readdirSync(join(run.out, 'thu'))).toEqual([]);
    expect(resultsOf(run.out).inspections).toHaveLength(2);
  });

  test('each biên bản file keeps its date: distinct, at most 80 characters, in date order', () => {
    const minutes = readdirSync(join(run.out, 'van-ban'))
      .filter((f) => f.startsWith('Bien-ban'))
      .sort();
    expect(minutes).toHaveLength(2);
    expect(minutes[0]).toMatch(/^Bien-ban-Xa-Dong-Anh-Dong-Anh-.*-21-02-2019\.docx$/);
    expect(minutes[1]).toMatch(/^Bien-ban-Xa-Dong-Anh-Dong-Anh-.*-22-02-2019\.docx$/);
    for (const f of minutes) expect(f.length).toBeLessThanOrEqual(80 + '.docx'.length);
    // The printed ranking names the unit by the start of its name, on one line.
    expect(run.stdout).toMatch(/1\s+Xã Đông Anh Đông Anh .{0,120}…\s+2\s/);
  });
});

describe('a --config unit name longer than a cell holds (attack L8)', () => {
  test('refused before any work: one bounded Vietnamese line naming the unit, exit 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ktcv-huge-'));
    const config = join(dir, 'config.json');
    writeFileSync(
      config,
      JSON.stringify({ units: [{ code: 'U01', name: `Xã ${'A'.repeat(60_000)}` }] }),
    );
    const r = spawnSync(process.execPath, [CLI, '--config', config, '--out', join(dir, 'out')], {
      encoding: 'utf8',
      cwd: ROOT,
    });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(
      `Đơn vị "Xã ${'A'.repeat(197)}…" (60.003 ký tự): tên dài hơn 49.999 ký tự, quá một ô Google Sheets.`,
    );
    expect(r.stderr.length).toBeLessThan(1_000);
  });
});
