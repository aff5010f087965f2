// "Kiểm tra môi trường" through the bundle, the emulator playing the office's account; and the local command that reads its findings.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { EmuBody } from '../../src/local/emulator/documents';
import type { Workspace } from '../../src/local/emulator/runtime';
import { EmuSpreadsheet } from '../../src/local/emulator/spreadsheet';
import { patched } from './google-rules';
import { answers, CODE, responseSheet, rows, setUp, workbook } from './harness';

const SHEET = 'Kiểm tra môi trường';
const HEADER = ['Mã', 'Mục kiểm tra', 'Trình giả lập giả định', 'Thực tế', 'Kết luận', 'Mili giây'];

/** Names of the sheets a form writes into, with that form's address, in tab order. */
const linkedSheets = (ws: Workspace) =>
  ws.spreadsheet
    .getSheets()
    .filter((s) => s.getFormUrl() !== null)
    .map((s) => [s.getName(), s.getFormUrl()]);

type Line = { key: string; expected: string; found: string; verdict: string; ms: unknown };

function findings(ws: Workspace): Map<string, Line> {
  return new Map(
    rows(ws, SHEET).map((r) => [
      String(r[0]),
      {
        key: String(r[0]),
        expected: String(r[2]),
        found: String(r[3]),
        verdict: String(r[4]),
        ms: r[5],
      },
    ]),
  );
}

/** Virtual time moves by each call's cost: submissions are put on a whole second, as a person's click. */
const wholeSecond = (ws: Workspace, afterMs = 0): number =>
  Math.ceil((ws.clock.now() + afterMs) / 1000) * 1000;

function submitted(options = {}): Workspace {
  const { ws, formId } = setUp(options);
  ws.submit(CODE, formId, answers({ B2: 'Không đạt' }), {
    email: 'lan.nt@mydu.example',
    at: wholeSecond(ws),
  });
  return ws;
}

describe('Kiểm tra môi trường', () => {
  test('is on the menu', () => {
    const ws = submitted();
    ws.open(CODE);
    expect(JSON.stringify(ws.SpreadsheetApp._menus())).toContain('Kiểm tra môi trường');
  });

  test('writes one line per check in Vietnamese, and changes nothing of the office’s', () => {
    const ws = submitted();
    const before = workbook(ws);
    const forms = ws.FormApp._all().length;
    // The office's linked sheets: the inspection responses and the units' fix reports.
    const linked = linkedSheets(ws);
    expect(linked.map(([name]) => name).sort()).toEqual(
      [responseSheet(ws), 'Báo cáo khắc phục'].sort(),
    );
    const message = String(ws.run(CODE, 'checkEnvironment'));
    const sheet = ws.spreadsheet.getSheetByName(SHEET);
    expect(sheet?.getRange(1, 1, 1, 6).getValues()[0]).toEqual(HEADER);
    const lines = findings(ws);
    expect([...lines.keys()].sort()).toEqual(
      [
        'account.locale',
        'form.published',
        'form.emailType',
        'time.formCreate',
        'time.formOpen',
        'sheet.visible',
        'sheet.name',
        'sheet.formUrl',
        'column.placement',
        'timestamp.ms',
        'time.getValues',
        'time.tryLock',
        'doc.removeFirst',
        'time.docCreateSave',
        'time.pdf',
        'docs.tableEnd',
        'docs.badTableLocation',
        'time.docsBatchUpdate',
        'docs.unsaved',
        'docs.insertText',
        'share.notify',
        'trigger.activeSpreadsheet',
        'cleanup',
      ].sort(),
    );
    const count = (v: string) => [...lines.values()].filter((l) => l.verdict === v).length;
    expect(message).toBe(
      `Đã kiểm tra môi trường: ${count('Khớp')} mục khớp, ${count('Khác')} mục khác, ${count('Không kiểm tra được')} mục không kiểm tra được, 7 phép đo thời gian. Kết quả ở trang "Kiểm tra môi trường".`,
    );
    for (const l of lines.values())
      if (l.verdict === 'Đã đo') {
        expect(l.expected).toMatch(/^\d+ ms$/);
        expect(typeof l.ms).toBe('number');
      }
    expect(lines.get('time.getValues')?.expected).toBe('212 ms');
    expect(lines.get('doc.removeFirst')).toMatchObject({ found: 'Được phép', verdict: 'Khớp' });
    expect(lines.get('timestamp.ms')).toMatchObject({
      found: 'Lỗi: cần ít nhất 5 phiếu có ngày giờ, mới có 1',
      verdict: 'Không kiểm tra được',
    });
    expect(lines.get('sheet.name')?.expected).toBe('Câu trả lời biểu mẫu <số>');
    // Every compared line's verdict follows from what was found.
    // The emulator agrees with itself on what its Docs API assumes.
    for (const key of ['docs.tableEnd', 'docs.badTableLocation', 'docs.unsaved', 'docs.insertText'])
      expect(lines.get(key)?.verdict).toBe('Khớp');
    expect(lines.get('docs.insertText')?.found).toBe('Một|Hai↵ba');
    expect(lines.get('form.emailType')).toMatchObject({
      found: 'setCollectEmail(true) → RESPONDER_INPUT; VERIFIED → VERIFIED',
      verdict: 'Khớp',
    });
    for (const key of ['form.published', 'form.emailType', 'sheet.visible', 'doc.removeFirst']) {
      const l = lines.get(key) as Line;
      expect(l.verdict).toBe(l.found === l.expected ? 'Khớp' : 'Khác');
    }
    // The throw-away objects are gone: the office's sheets and the real form are as they were.
    const after = workbook(ws);
    delete after[SHEET];
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    for (const name of Object.keys(before))
      if (name !== 'Nhật ký') expect(after[name]).toEqual(before[name]);
    expect(linkedSheets(ws)).toEqual(linked);
    expect(ws.FormApp._all()).toHaveLength(forms + 1);
    const docs = ws.DriveApp._all().filter(
      (f) => f.name === '[KTCV] Kiểm tra môi trường (tạm, xoá được)',
    );
    expect(docs.filter((f) => f.trashed)).toHaveLength(1);
    expect(
      ws.spreadsheet
        .getSheets()
        .map((s) => s.getName())
        .at(-1),
    ).toBe(SHEET);
  });

  test('a new form Google starts unpublished, and a question column Google inserts before the script’s: both confirmed', () => {
    const ws = submitted({ start: new Date('2026-12-01T01:00:00Z') });
    ws.google.newQuestionColumn = 'end-of-block';
    ws.run(CODE, 'checkEnvironment');
    const lines = findings(ws);
    expect(lines.get('form.published')).toMatchObject({
      expected: 'Chưa xuất bản',
      found: 'Chưa xuất bản',
      verdict: 'Khớp',
    });
    expect(lines.get('column.placement')).toMatchObject({
      found: 'Chèn trước cột của tập lệnh',
      verdict: 'Khớp',
    });
  });

  test('timestamps: milliseconds seen confirm the emulator; five whole-second stamps contradict it', () => {
    for (const [step, found, verdict] of [
      [60_000, 'Không có phần nghìn giây (xét 6 phiếu)', 'Khác'],
      [61_234, 'Có phần nghìn giây', 'Khớp'],
    ] as const) {
      const ws = submitted();
      const formId = String(ws.PropertiesService.getScriptProperties().getProperty('formId'));
      for (let i = 0; i < 5; i++) {
        const at = wholeSecond(ws, 60_000) + (step % 1000);
        ws.submit(CODE, formId, answers(), { email: 'lan.nt@mydu.example', at });
      }
      ws.run(CODE, 'checkEnvironment');
      expect(findings(ws).get('timestamp.ms')).toMatchObject({ found, verdict });
    }
  });

  test('Google refusing to remove the paragraph before a table is reported as a contradiction, with its words', () => {
    const ws = submitted();
    patched(
      EmuBody.prototype,
      'removeChild',
      () =>
        function (this: EmuBody) {
          throw new Error('Cannot remove the last paragraph before a table.');
        } as unknown as EmuBody['removeChild'],
      () => ws.run(CODE, 'checkEnvironment'),
    );
    expect(findings(ws).get('doc.removeFirst')).toMatchObject({
      found: 'Bị từ chối: Cannot remove the last paragraph before a table.',
      verdict: 'Khác',
    });
  });

  test('the trigger check is pending, then a one-off trigger fills it in and removes itself', () => {
    const ws = submitted();
    ws.run(CODE, 'checkEnvironment');
    expect(findings(ws).get('trigger.activeSpreadsheet')?.verdict).toBe('Đang chờ');
    const pending = () =>
      ws.ScriptApp.getProjectTriggers().filter(
        (t) => t.getHandlerFunction() === 'checkEnvironmentLater',
      );
    expect(pending()).toHaveLength(1);
    ws.run(CODE, 'checkEnvironment');
    expect(pending()).toHaveLength(1);
    ws.clock.advance(2 * 60_000);
    ws.fireClock(CODE, 'checkEnvironmentLater');
    expect(pending()).toHaveLength(0);
    expect(findings(ws).get('trigger.activeSpreadsheet')).toMatchObject({
      found: 'Có: trả về bảng tính gắn với tập lệnh',
      verdict: 'Khớp',
    });
    ws.run(CODE, 'checkEnvironment');
    expect(findings(ws).get('trigger.activeSpreadsheet')?.verdict).toBe('Khớp');
    expect(pending()).toHaveLength(0);
    expect(rows(ws, SHEET)).toHaveLength(23);
  });

  test('a test sheet Google shows only after the check is removed by the one-off trigger', () => {
    const ws = submitted();
    const known = new Set(ws.spreadsheet.getSheets().map((s) => s._sheetId));
    const office = linkedSheets(ws);
    expect(office.map(([name]) => name).sort()).toEqual(
      [responseSheet(ws), 'Báo cáo khắc phục'].sort(),
    );
    patched(
      EmuSpreadsheet.prototype,
      'getSheets',
      (original) =>
        function (this: EmuSpreadsheet) {
          return original.call(this).filter((s) => known.has(s._sheetId) || s.getName() === SHEET);
        },
      () => ws.run(CODE, 'checkEnvironment'),
    );
    const lines = findings(ws);
    expect(lines.get('sheet.visible')).toMatchObject({
      found: 'Chưa thấy trong lần chạy này',
      verdict: 'Khác',
    });
    expect(lines.get('column.placement')?.verdict).toBe('Không kiểm tra được');
    // The test sheet is still there, linked to the throw-away form, beside the office's own.
    const extra = () =>
      linkedSheets(ws).filter(([name]) => !office.some(([known]) => known === name));
    expect(extra()).toHaveLength(1);
    expect(extra()[0][1]).not.toBe(office[0][1]);
    expect(extra()[0][1]).not.toBe(office[1][1]);
    ws.clock.advance(2 * 60_000);
    ws.fireClock(CODE, 'checkEnvironmentLater');
    expect(extra()).toHaveLength(0);
    expect(linkedSheets(ws)).toEqual(office);
  });

  test('the real response sheet is never taken for the test one, and setup afterwards finds its own', () => {
    const ws = submitted();
    const name = responseSheet(ws);
    ws.run(CODE, 'checkEnvironment');
    expect(String(ws.run(CODE, 'setup'))).toContain(`trang câu trả lời: "${name}"`);
  });
});

describe('npm run env-report', () => {
  const dir = mkdtempSync(join(tmpdir(), 'env-report-'));
  const report = (...args: string[]) =>
    spawnSync(process.execPath, [join(__dirname, '../../build/env-report.js'), ...args], {
      encoding: 'utf8',
    });

  /** The findings sheet downloaded as CSV (File → Download → CSV), as Google writes it. */
  function csvOf(ws: Workspace): string {
    const values = ws.log.uncounted(
      () => ws.spreadsheet.getSheetByName(SHEET)?.getDataRange().getDisplayValues() ?? [],
    );
    return Papa.unparse(values);
  }

  test('reads the findings and says, in Vietnamese, what was confirmed, contradicted and timed', () => {
    // No JavaScript time: the timed calls measure exactly the emulator's charges.
    const ws = submitted({ start: new Date('2026-12-01T01:00:00Z'), jsFactor: 0 });
    // An account where the linked sheet shows at once: the emulator's stricter reading is contradicted.
    ws.google.linkedSheet = 'at-once';
    ws.run(CODE, 'checkEnvironment');
    const file = join(dir, 'kiem-tra.csv');
    writeFileSync(file, csvOf(ws));
    const r = report(file);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const lines = findings(ws);
    expect(r.stdout).toContain('Giả định được xác nhận');
    expect(r.stdout).toContain(
      '- Biểu mẫu mới tạo bằng FormApp.create(tiêu đề) có nhận câu trả lời ngay không: Chưa xuất bản',
    );
    const differ = [...lines.values()].filter((l) => l.verdict === 'Khác');
    expect(differ.length).toBeGreaterThan(0);
    expect(r.stdout).toContain(`Giả định bị bác bỏ (${differ.length})`);
    for (const l of differ) expect(r.stdout).toContain(`thực tế: ${l.found}`);
    expect(r.stdout).toContain('Thời gian so với bảng chi phí');
    expect(r.stdout).toContain(
      "Thời gian getAs('application/pdf'): đo 5000 ms, bảng tính 5000 ms: trong khoảng của bảng",
    );
    expect(r.stdout).toContain('Lệnh này không sửa gì');
  });

  test('a timing far above the cost table is named as a figure to raise', () => {
    const file = join(dir, 'cham.csv');
    writeFileSync(
      file,
      Papa.unparse([
        HEADER,
        [
          'time.pdf',
          "Thời gian getAs('application/pdf')",
          '5000 ms',
          'PDF 3000 byte',
          'Đã đo',
          '14000',
        ],
        ['time.tryLock', 'Thời gian tryLock', '100 ms', 'Lấy được khoá', 'Đã đo', '80'],
        [
          'time.formOpen',
          'Thời gian FormApp.openById',
          '1000 ms',
          'Mở biểu mẫu thử',
          'Đã đo',
          '250',
        ],
      ]),
    );
    const r = report(file);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(
      "- Thời gian getAs('application/pdf'): đo 14000 ms, bảng tính 5000 ms: chậm hơn bảng 2,8 lần, cần nâng con số trong bảng chi phí",
    );
    expect(r.stdout).toContain(
      '- Thời gian tryLock: đo 80 ms, bảng tính 100 ms: trong khoảng của bảng',
    );
    expect(r.stdout).toContain(
      '- Thời gian FormApp.openById: đo 250 ms, bảng tính 1000 ms: nhanh hơn bảng 4 lần (bảng bi quan, có thể giữ)',
    );
  });

  test('a file that is not the findings sheet gets one Vietnamese line and exit 1', () => {
    const file = join(dir, 'khac.csv');
    writeFileSync(file, 'Tên,Tuổi\nAn,3\n');
    const r = report(file);
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe(
      'Tệp khac.csv không phải trang "Kiểm tra môi trường" tải về dạng CSV: thiếu cột "Mã", "Mục kiểm tra", "Trình giả lập giả định", "Thực tế", "Kết luận", "Mili giây".',
    );
    const missing = report(join(dir, 'khong-co.csv'));
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('Không tìm thấy tệp');
    const none = report();
    expect(none.status).toBe(1);
    expect(none.stderr).toContain('npm run env-report -- TỆP.csv');
  });
});
