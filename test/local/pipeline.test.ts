// `npm start` as a process: the sample round through the Form on the emulator, and the files a person opens.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { simpleParser } from 'mailparser';

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
});
