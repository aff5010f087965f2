// `npm start` as a process: the sample round through the Form on the emulator, and the files a person opens.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { simpleParser } from 'mailparser';
import Papa from 'papaparse';
import { parseCsv } from '../../src/local/csv';
import { generateExport } from '../../src/local/generate';
import { pdfTextNote, pdfToText, withPdfText } from './export/pdf-text';

const CLI = join(__dirname, '../../build/cli.js');
const out = mkdtempSync(join(tmpdir(), 'ktcv-start-'));
const run = spawnSync(process.execPath, [CLI, '--out', out], {
  encoding: 'utf8',
  cwd: join(__dirname, '../..'),
});

describe('npm start with no arguments', () => {
  test('prints each step, then the ranking and where the files are', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    for (const step of ['1. Thiết lập', '2. Các đoàn gửi phiếu', '3. Gửi báo cáo', '4. Ghi tệp'])
      expect(run.stdout).toContain(step);
    expect(run.stdout).toContain('Biểu mẫu từ chối phiếu của Xã Hòa Bình');
    expect(run.stdout).toMatch(/1\s+Xã An Tiến\s+1\s+100,0\s+Xuất sắc/);
    expect(run.stdout).toContain('workbook.xlsx');
  });

  test('results.json follows the contract and agrees with the workbook', async () => {
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(Object.keys(results)).toEqual([
      'period',
      'inspections',
      'units',
      'notInspected',
      'criteria',
      'review',
    ]);
    expect(results.review.map((r: { code: string }) => r.code).sort()).toEqual([
      'count-exceeds-base',
      'duplicate',
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, 'workbook.xlsx'));
    const names = wb.worksheets.map((w) => w.name);
    for (const n of [
      'Tổng hợp',
      'Kết quả',
      'Tồn tại',
      'Cần xem lại',
      'Cài đặt',
      'Tiêu chí',
      'Đơn vị',
      'Nhật ký gửi',
    ])
      expect(names).toContain(n);
    const summary = wb.getWorksheet('Tổng hợp');
    if (!summary) throw new Error('no summary');
    expect(summary.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const ranked = results.units.map((u: { unit: string; mean: number }) => [u.unit, u.mean]);
    const sheetRanked = [];
    for (let r = 2; r <= ranked.length + 1; r++)
      sheetRanked.push([summary.getCell(r, 3).value, summary.getCell(r, 7).value]);
    expect(sheetRanked).toEqual(ranked);
    expect(summary.getCell(2, 7).numFmt).toBe('0.0');
    const results2 = wb.getWorksheet('Kết quả');
    expect(results2?.actualRowCount).toBe(results.inspections.length + 1);
  });

  test('the báo cáo and every biên bản as .docx, in the official format', async () => {
    const docs = readdirSync(join(out, 'van-ban'));
    const reports = docs.filter((f) => f.startsWith('Bao-cao'));
    expect(reports).toHaveLength(2);
    expect(docs.filter((f) => f.startsWith('Bien-ban')).length).toBe(
      JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).inspections.length,
    );
    const zip = await JSZip.loadAsync(readFileSync(join(out, 'van-ban', reports[0])));
    const xml = await zip.file('word/document.xml')?.async('string');
    expect(xml).toContain('BÁO CÁO');
    expect(xml).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(xml).toContain('Times New Roman');
    expect(xml).toMatch(/<w:pgSz w:w="1190\d" w:h="1683\d"/);
    expect(xml).toContain('w:titlePg');
  });

  test('each sent email as .eml with HTML, text and the PDF', async () => {
    // The weekly reports; the corrective-action loop's reminders and unit results follow them.
    const mails = readdirSync(join(out, 'thu')).filter((f) => f.includes('Bao-cao'));
    expect(mails).toHaveLength(2);
    const mail = await simpleParser(readFileSync(join(out, 'thu', mails[0])));
    expect(mail.subject).toBe('[Kiểm tra công vụ] Báo cáo tuần 08/2019 (18/02–24/02/2019)');
    expect(mail.html).toContain('Dẫn đầu');
    expect(mail.html).toContain('Cuối bảng');
    expect(mail.text).toContain('Đã kiểm tra');
    expect(mail.attachments.map((a) => a.contentType)).toEqual(['application/pdf']);
    expect(mail.attachments[0].content.subarray(0, 5).toString()).toBe('%PDF-');
  });

  withPdfText(
    `the PDF attached to the email carries the report's Vietnamese, every diacritic${pdfTextNote}`,
    async () => {
      // Both reports: each PDF of a run has every letter, not only the first one made. The
      // loop's reminders and unit results in the same folder carry no PDF.
      const mails = readdirSync(join(out, 'thu'))
        .filter((f) => f.includes('Bao-cao'))
        .sort();
      expect(mails).toHaveLength(2);
      for (const [k, file] of mails.entries()) {
        const mail = await simpleParser(readFileSync(join(out, 'thu', file)));
        const text = pdfToText(mail.attachments[0].content).normalize('NFC').replace(/\s+/g, ' ');
        for (const words of [
          'ỦY BAN NHÂN DÂN',
          'HUYỆN MỸ ĐỨC',
          'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
          'Độc lập - Tự do - Hạnh phúc',
          k === 0 ? 'Mỹ Đức, ngày 25 tháng 02 năm 2019' : 'Mỹ Đức, ngày 04 tháng 3 năm 2019',
          'BÁO CÁO',
          k === 0
            ? '(từ ngày 18/02/2019 đến ngày 24/02/2019)'
            : '(từ ngày 25/02/2019 đến ngày 03/03/2019)',
          'Nơi nhận:',
          'TM. ỦY BAN NHÂN DÂN',
        ])
          expect(text).toContain(words);
      }
    },
  );
});

describe('npm start -- --responses FILE --minutes (an export of many inspections)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ktcv-export-'));
  const rows = parseCsv(generateExport(32, 7));
  // One inspector pasted characters XML forbids into a note.
  const noteCol = rows[0].indexOf('Ghi chú nhóm A');
  rows[4][noteCol] = 'Ghi chú có ký tự lạ [\ufffe][\uffff][\u0008] Đ/c Hải đến muộn';
  const csv = join(dir, 'responses.csv');
  writeFileSync(csv, Papa.unparse(rows));
  // Someone else's files in the folder the run writes into.
  const out2 = join(dir, 'out');
  mkdirSync(join(out2, 'van-ban'), { recursive: true });
  mkdirSync(join(out2, 'thu'), { recursive: true });
  writeFileSync(join(out2, 'van-ban', 'cv-001.docx'), 'công văn của tôi');
  writeFileSync(join(out2, 'thu', 'letter-2018.txt'), 'thư cũ');
  const cli = (args: string[]) =>
    spawnSync(process.execPath, [CLI, ...args], {
      encoding: 'utf8',
      cwd: join(__dirname, '../..'),
    });
  const first = cli(['--responses', csv, '--minutes', '--out', out2]);
  const again = cli(['--responses', csv, '--minutes', '--out', out2]);
  const results = JSON.parse(readFileSync(join(out2, 'results.json'), 'utf8'));
  const scored = results.inspections.length;

  test('a biên bản for every scored inspection, however many, and the run says so', () => {
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    // More than the bundle makes in one run (20), so the runs must follow one another.
    expect(scored).toBeGreaterThan(25);
    expect(first.stdout).toContain(`Đã lập biên bản cho cả ${scored} lần kiểm tra hợp lệ.`);
    const minutes = readdirSync(join(out2, 'van-ban')).filter((f) => f.startsWith('Bien-ban'));
    expect(minutes).toHaveLength(scored);
  });

  test('the report, its email and the send log are dated the morning after the period', async () => {
    const to: string = results.period.to;
    const next = new Date(`${to}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    const [y, m, d] = next.toISOString().slice(0, 10).split('-').map(Number);
    const dateLine = `Mỹ Đức, ngày ${d < 10 ? `0${d}` : d} tháng ${m <= 2 ? `0${m}` : m} năm ${y}`;
    const report = readdirSync(join(out2, 'van-ban')).find((f) => f.startsWith('Bao-cao'));
    if (!report) throw new Error('no report');
    const zip = await JSZip.loadAsync(readFileSync(join(out2, 'van-ban', report)));
    const text = ((await zip.file('word/document.xml')?.async('string')) ?? '').replace(
      /<[^>]+>/g,
      '',
    );
    expect(text).toContain(dateLine);
    const [mailFile] = readdirSync(join(out2, 'thu')).filter((f) => f.endsWith('.eml'));
    const mail = await simpleParser(readFileSync(join(out2, 'thu', mailFile)));
    // The morning after the period in Vietnam: the report trigger at 07:00, sent by that run or
    // the queue's next runs (every 5 minutes), never the day before.
    const sent = mail.date?.toISOString() ?? '';
    expect(sent.slice(0, 10)).toBe(next.toISOString().slice(0, 10));
    expect(sent.slice(11, 13)).toBe('00');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out2, 'workbook.xlsx'));
    const log = wb.getWorksheet('Nhật ký gửi');
    const when = log?.getRow(2).getCell(4).value;
    expect(when instanceof Date ? when.toISOString().slice(0, 10) : when).toBe(
      next.toISOString().slice(0, 10),
    );
  });

  test('--out: files this program did not write are kept; its own are replaced on the next run', () => {
    expect(again.status).toBe(0);
    expect(readFileSync(join(out2, 'van-ban', 'cv-001.docx'), 'utf8')).toBe('công văn của tôi');
    expect(readFileSync(join(out2, 'thu', 'letter-2018.txt'), 'utf8')).toBe('thư cũ');
    expect(readdirSync(join(out2, 'van-ban')).filter((f) => f.startsWith('Bien-ban'))).toHaveLength(
      scored,
    );
  });

  test('--out that is a file, or a folder that cannot be made, fails at once with one Vietnamese line', () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    for (const [target, message] of [
      [file, 'là một tệp, không phải thư mục.'],
      ['/proc/ktcv-no/such', 'không tạo hoặc ghi được vào thư mục này'],
    ]) {
      const r = cli(['--responses', csv, '--out', target]);
      expect(r.status).toBe(1);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(`--out "${target}"`);
      expect(r.stderr).toContain(message);
      expect(r.stdout).toBe('');
    }
    // Someone else's results.json stops the run before any work, and stays as it was.
    const theirs = join(dir, 'theirs');
    mkdirSync(theirs);
    writeFileSync(join(theirs, 'results.json'), '{"của tôi": true}');
    const r = cli(['--responses', csv, '--out', theirs]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('không do chương trình này ghi');
    expect(readFileSync(join(theirs, 'results.json'), 'utf8')).toBe('{"của tôi": true}');
  });

  test('the pasted U+FFFE and U+FFFF leave the biên bản and the workbook well-formed, the note kept', async () => {
    const invalid = (xml: string) =>
      [...xml].filter((ch) => {
        const c = ch.codePointAt(0) ?? 0;
        const control = c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d;
        return control || c === 0xfffe || c === 0xffff;
      });
    let found = false;
    for (const f of readdirSync(join(out2, 'van-ban')).filter((x) => x.startsWith('Bien-ban'))) {
      const zip = await JSZip.loadAsync(readFileSync(join(out2, 'van-ban', f)));
      const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
      expect(invalid(xml)).toEqual([]);
      if (xml.includes('Đ/c Hải đến muộn')) found = true;
    }
    expect(found).toBe(true);
    const book = await JSZip.loadAsync(readFileSync(join(out2, 'workbook.xlsx')));
    for (const name of Object.keys(book.files).filter((n) => n.endsWith('.xml')))
      expect(invalid(await book.file(name)!.async('string'))).toEqual([]);
  });
});
