// The bundle on Google's time, order and faults: short locks, the queue's worker, late rows, deferred mail and reports, documents made once.

import { snapshotDrive } from '../../src/local/emulator/drive';
import type { Workspace } from '../../src/local/emulator/runtime';
import {
  answers,
  CODE,
  minutesDocs,
  responseSheet,
  rows,
  runDue,
  setSetting,
  setUp,
  unitMails,
} from './harness';

const EMAIL = 'lan.nt@mydu.example';
const UNITS = ['Xã Hợp Tiến', 'Xã An Mỹ', 'Xã Đại Hưng', 'Xã Tuy Lai', 'Thị trấn Đại Nghĩa'];
const UNIT_MAIL: Record<string, string> = {
  '10498': 'hoptien@mydu.example',
  '10462': 'anmy@mydu.example',
  '10480': 'daihung@mydu.example',
  '10450': 'tuylai@mydu.example',
  '10441': 'dainghia@mydu.example',
};

const results = (ws: Workspace) => rows(ws, 'Kết quả');
const logText = (ws: Workspace) =>
  rows(ws, 'Nhật ký')
    .map((r) => `${r[1]}: ${r[2]}`)
    .join('\n');

/** Unit emails on, with an address for each test unit; biên bản on or off. */
function configure(ws: Workspace, o: { unitMails?: boolean; minutes?: boolean }) {
  if (o.unitMails) {
    setSetting(ws, 'Gửi kết quả cho từng đơn vị', 'Có');
    ws.log.uncounted(() => {
      const sheet = ws.spreadsheet.getSheetByName('Đơn vị');
      const values = sheet?.getDataRange().getValues() ?? [];
      for (const [code, email] of Object.entries(UNIT_MAIL))
        sheet?.getRange(values.findIndex((r) => r[0] === code) + 1, 6).setValue(email);
    });
  }
  if (o.minutes === false) setSetting(ws, 'Lập biên bản từng lần kiểm tra', 'Không');
  ws.run(CODE, 'checkConfig');
}

/** The response sheet's column (1-based) with this header. */
function column(ws: Workspace, header: string): number {
  return ws.log.uncounted(() => {
    const sheet = ws.spreadsheet.getSheetByName(responseSheet(ws));
    const head = (sheet?.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0] ?? []).map(String);
    return head.indexOf(header) + 1;
  });
}

/** Reads or writes one cell of the response sheet as Google or a user would (uncounted). */
function cell(ws: Workspace, row: number, col: number, value?: string): unknown {
  return ws.log.uncounted(() => {
    const range = ws.spreadsheet.getSheetByName(responseSheet(ws))?.getRange(row, col);
    if (value !== undefined) range?.setValue(value);
    return range?.getValue();
  });
}

/**
 * A response Google delivers to the trigger before it writes the row: the row is taken out of
 * the sheet and written back `delayMs` later on the virtual clock; then the trigger fires.
 */
function submitBeforeRow(ws: Workspace, formId: string, unit: string, delayMs: number) {
  // The strict order with this delay: Google writes the row `delayMs` after the submission.
  ws.google.rowOrder = 'trigger-first';
  ws.google.rowDelayMs = delayMs;
  return ws.submit(CODE, formId, answers({ unit }), { email: EMAIL });
}

describe('a submission under the lock', () => {
  test('twenty inspectors within one minute: each response scored by its own run, the biên bản by the next worker runs', () => {
    const { ws, formId } = setUp();
    for (let k = 0; k < 20; k++) {
      ws.clock.advance(3000);
      const { runs } = ws.submit(
        CODE,
        formId,
        answers({ unit: UNITS[k % 5], date: `2019-02-${String(1 + k).padStart(2, '0')}` }),
        { email: EMAIL },
      );
      expect(runs.map((r) => r.ok)).toEqual([true]);
    }
    expect(results(ws)).toHaveLength(20);
    expect(minutesDocs(ws)).toHaveLength(0);
    // A biên bản takes about 24 s (its text and pagination through the Docs API included): about
    // ten a run, which stops within its time budget; all twenty within two runs (10 minutes).
    runDue(ws, 'runQueue');
    expect(minutesDocs(ws).length).toBeGreaterThanOrEqual(8);
    expect(minutesDocs(ws).length).toBeLessThan(20);
    runDue(ws, 'runQueue');
    expect(minutesDocs(ws)).toHaveLength(20);
    expect(results(ws).every((r) => String(r[15]).startsWith('https:'))).toBe(true);
    expect(rows(ws, 'Nhật ký').filter((r) => r[1] !== 'setup')).toHaveLength(0);
  });

  test('a submission waiting behind a 90-second run is scored when the lock is free, not at night', () => {
    const { ws, formId } = setUp();
    ws.holdLockElsewhere(true, { releaseAfterMs: 90_000 });
    const { response } = ws.submit(CODE, formId, answers(), { email: EMAIL });
    expect(results(ws).map((r) => r[0])).toEqual([response.getId()]);
    expect(rows(ws, 'Nhật ký').filter((r) => r[1] !== 'setup')).toHaveLength(0);
  });

  test('the lock held past the wait: the response is queued, logged, and scored by the next worker run', () => {
    const { ws, formId } = setUp();
    configure(ws, { unitMails: true, minutes: false });
    ws.holdLockElsewhere(true);
    const { response } = ws.submit(CODE, formId, answers(), { email: EMAIL });
    ws.holdLockElsewhere(false);
    expect(results(ws)).toHaveLength(0);
    expect(logText(ws)).toContain('đã được ghi vào hàng đợi');
    ws.clock.advance(5 * 60_000);
    runDue(ws, 'runQueue');
    expect(results(ws).map((r) => r[0])).toEqual([response.getId()]);
    expect(unitMails(ws).map((m) => m.to)).toEqual([['hoptien@mydu.example']]);
    runDue(ws, 'runQueue');
    ws.fireClock(CODE, 'reconcile');
    expect(results(ws)).toHaveLength(1);
    expect(unitMails(ws)).toHaveLength(1);
  });

  test('reads the state columns and its own row, not every answer stored', () => {
    // What one scoring reads, not the wait for a late row: Google writes the row first here.
    const { ws, formId } = setUp({ google: { rowOrder: 'row-first' } });
    configure(ws, { minutes: false });
    for (let k = 0; k < 120; k++) {
      ws.clock.advance(1000);
      const day = new Date(Date.UTC(2018, 0, 1 + k)).toISOString().slice(0, 10);
      ws.submitWithoutTrigger(formId, answers({ unit: UNITS[k % 5], date: day }), {
        email: EMAIL,
      });
    }
    // Google writes each row a few seconds after its submission (the strict order).
    ws.clock.advance(ws.google.rowDelayMs);
    ws.run(CODE, 'rebuildAll');
    const answersStored = 120 * (column(ws, '[KTCV] Mã phản hồi') - 1);
    ws.log.reset();
    ws.clock.advance(1000);
    ws.submit(CODE, formId, answers({ unit: 'Xã Đồng Tâm' }), { email: EMAIL });
    expect(results(ws)).toHaveLength(121);
    // Cells read and written by the whole run: fewer than the answers already stored.
    expect(ws.log.cells).toBeLessThan(answersStored);
  });

  test.each([
    ['after', 'to the right of every used column'],
    ['before', 'in front of the state block, which moves right'],
  ])(
    "a question column Google adds %s the state block (%s) is read as one of the form's",
    (where) => {
      // Where Google writes an answer, not when: the row before the trigger.
      const { ws, formId } = setUp({ google: { rowOrder: 'row-first' } });
      configure(ws, { minutes: false });
      const first = ws.submit(CODE, formId, answers({ unit: 'Xã An Mỹ' }), { email: EMAIL });
      const text = 'Có sổ góp ý của người dân';
      ws.log.uncounted(() =>
        ws.spreadsheet
          .getSheetByName('Tiêu chí')
          ?.appendRow(['E4', 'E', text, 'Đạt/Không đạt', '', 2, '']),
      );
      ws.run(CODE, 'checkConfig');
      // Where Google puts a question added after linking is unverified (live-risks D5): both.
      const block = column(ws, '[KTCV] Mã phản hồi');
      const at = where === 'after' ? column(ws, '[KTCV] Đã gửi đơn vị lúc') + 1 : block;
      ws.log.uncounted(() => {
        const sheet = ws.spreadsheet.getSheetByName(responseSheet(ws));
        if (!sheet) return;
        if (where === 'before') sheet.insertColumnsAfter(block - 1, 1);
        else if (sheet.getMaxColumns() < at) sheet.insertColumnsAfter(sheet.getMaxColumns(), 1);
      });
      cell(ws, 1, at, `E4. ${text}`);
      ws.clock.advance(60_000);
      const response = ws.submitWithoutTrigger(formId, answers(), { email: EMAIL });
      cell(ws, 3, at, 'Không đạt');
      ws.fireFormSubmitAgain(CODE, response);
      const r = results(ws);
      expect(r.map((x) => [x[0], x[5], x[10]])).toEqual([
        [first.response.getId(), 'Xã An Mỹ', ''],
        [response.getId(), 'Xã Hợp Tiến', 'E4'],
      ]);
      expect(rows(ws, 'Tồn tại').map((f) => [f[4], f[6]])).toEqual([['E4', 'Không đạt']]);
      // The rebuild reads it the same way.
      ws.run(CODE, 'rebuildAll');
      expect(results(ws).map((x) => [x[0], x[10]])).toEqual([
        [first.response.getId(), ''],
        [response.getId(), 'E4'],
      ]);
    },
  );
});

describe('a row Google writes after the trigger', () => {
  test('a few seconds late: scored in the same run, nothing logged', () => {
    const { ws, formId } = setUp();
    configure(ws, { unitMails: true, minutes: false });
    const { response, runs } = submitBeforeRow(ws, formId, 'Xã An Mỹ', 3000);
    expect(runs.map((r) => r.ok)).toEqual([true]);
    expect(results(ws).map((r) => [r[0], r[5]])).toEqual([[response.getId(), 'Xã An Mỹ']]);
    runDue(ws, 'runQueue');
    expect(unitMails(ws).map((m) => m.to)).toEqual([['anmy@mydu.example']]);
    expect(rows(ws, 'Nhật ký').filter((r) => r[1] !== 'setup')).toHaveLength(0);
  });

  test('minutes late: queued and logged, then scored by the worker, and its unit mailed once', () => {
    const { ws, formId } = setUp();
    configure(ws, { unitMails: true, minutes: false });
    const { response } = submitBeforeRow(ws, formId, 'Xã Tuy Lai', 4 * 60_000);
    expect(results(ws)).toHaveLength(0);
    expect(logText(ws)).toContain('Chưa thấy dòng của phản hồi');
    expect(logText(ws)).toContain(response.getId());
    ws.clock.advance(5 * 60_000);
    runDue(ws, 'runQueue');
    expect(results(ws).map((r) => [r[0], r[5]])).toEqual([[response.getId(), 'Xã Tuy Lai']]);
    expect(unitMails(ws).map((m) => m.to)).toEqual([['tuylai@mydu.example']]);
    runDue(ws, 'runQueue');
    ws.fireClock(CODE, 'reconcile');
    expect(unitMails(ws)).toHaveLength(1);
    expect(results(ws)).toHaveLength(1);
  });
});

describe('unit emails', () => {
  test('deferred for the quota, each goes out once when the quota returns', () => {
    const { ws, formId } = setUp({ mailQuota: 1 });
    configure(ws, { unitMails: true, minutes: false });
    for (const unit of UNITS.slice(0, 3)) {
      ws.clock.advance(60_000);
      ws.submit(CODE, formId, answers({ unit }), { email: EMAIL });
    }
    runDue(ws, 'runQueue');
    expect(unitMails(ws).map((m) => m.to[0])).toEqual(['hoptien@mydu.example']);
    expect(logText(ws)).toContain('Hoãn gửi kết quả cho Xã An Mỹ');
    ws.clock.advance(24 * 3600_000);
    runDue(ws, 'runQueue');
    ws.clock.advance(24 * 3600_000);
    runDue(ws, 'runQueue');
    runDue(ws, 'runQueue');
    expect(unitMails(ws).map((m) => m.to[0])).toEqual([
      'hoptien@mydu.example',
      'anmy@mydu.example',
      'daihung@mydu.example',
    ]);
  });

  test('a response scored by reconcile (its trigger never ran) still mails its unit, once', () => {
    const { ws, formId } = setUp();
    configure(ws, { unitMails: true, minutes: false });
    ws.submitWithoutTrigger(formId, answers({ unit: 'Xã Đại Hưng' }), { email: EMAIL });
    // Google writes each row a few seconds after its submission (the strict order).
    ws.clock.advance(ws.google.rowDelayMs);
    expect(ws.run(CODE, 'reconcile')).toBe(1);
    ws.run(CODE, 'reconcile');
    ws.run(CODE, 'rebuildAll');
    expect(unitMails(ws).map((m) => m.to)).toEqual([['daihung@mydu.example']]);
  });

  test('a run stopped while sending: never sent again, and the office is told', () => {
    const { ws, formId } = setUp();
    configure(ws, { unitMails: true, minutes: false });
    ws.MailApp._setQuota(0);
    const { response } = ws.submit(CODE, formId, answers(), { email: EMAIL });
    ws.MailApp._setQuota(100);
    // What a run Google stopped between "sending" and "sent" leaves in the queue's journal.
    ws.log.uncounted(() =>
      ws.PropertiesService.getScriptProperties().setProperty(`q.u.${response.getId()}`, 'sending'),
    );
    runDue(ws, 'runQueue');
    runDue(ws, 'runQueue');
    expect(unitMails(ws)).toHaveLength(0);
    expect(cell(ws, 2, column(ws, '[KTCV] Đã gửi đơn vị lúc'))).toBe('Chưa rõ đã gửi');
    expect(logText(ws)).toContain('Không rõ thư kết quả');
  });
});

describe('biên bản from the queue', () => {
  test('rebuildAll with 25 missing: made by the queue, at most 20 a run, each once and linked', () => {
    const { ws, formId } = setUp();
    for (let k = 0; k < 25; k++) {
      ws.clock.advance(60_000);
      ws.submitWithoutTrigger(
        formId,
        answers({ unit: UNITS[k % 5], date: `2019-01-${String(1 + k).padStart(2, '0')}` }),
        { email: EMAIL },
      );
    }
    // Google writes each row a few seconds after its submission (the strict order).
    ws.clock.advance(ws.google.rowDelayMs);
    ws.run(CODE, 'rebuildAll');
    expect(results(ws)).toHaveLength(25);
    // The rebuild is one pass over the sheets; documents come from the queue's next runs.
    expect(minutesDocs(ws)).toHaveLength(0);
    // Each run stops within its time budget on the emulator's clock of Google's costs: at most 20
    // documents, at least one, and no run stopped by Google's 6-minute limit.
    const made: number[] = [];
    for (let run = 0; run < 10 && minutesDocs(ws).length < 25; run++) {
      const before = minutesDocs(ws).length;
      runDue(ws, 'runQueue');
      made.push(minutesDocs(ws).length - before);
    }
    expect(Math.max(...made)).toBeLessThanOrEqual(20);
    expect(Math.min(...made)).toBeGreaterThan(0);
    expect(ws.failures()).toEqual([]);
    const docs = minutesDocs(ws);
    expect(docs).toHaveLength(25);
    const links = results(ws).map((r) => String(r[15]));
    expect(new Set(links).size).toBe(25);
    for (const d of docs) expect(links.filter((l) => l.includes(d.id))).toHaveLength(1);
  });

  test('a run stopped right after creating the document: the next run fills that one, no second', () => {
    const { ws, formId } = setUp();
    configure(ws, { minutes: false });
    const { response } = ws.submit(CODE, formId, answers(), { email: EMAIL });
    // The stopped run: the document exists, its id journalled, nothing filled or linked.
    const made = ws.log.uncounted(() => ws.DocumentApp.create('Biên bản'));
    ws.log.uncounted(() =>
      ws.PropertiesService.getScriptProperties().setProperty(
        `q.m.${response.getId()}`,
        made.getId(),
      ),
    );
    setSetting(ws, 'Lập biên bản từng lần kiểm tra', 'Có');
    ws.run(CODE, 'checkConfig');
    runDue(ws, 'runQueue');
    const docs = minutesDocs(ws);
    expect(docs.map((d) => d.id)).toEqual([made.getId()]);
    expect(docs[0].name).toContain('Xã Hợp Tiến');
    expect(docs[0].path).toContain('Kiểm tra công vụ - Văn bản');
    expect(String(results(ws)[0][15])).toContain(made.getId());
  });

  test('a Doc pasted into [KTCV] Biên bản is never rewritten or trashed', () => {
    const { ws, formId } = setUp();
    const { response } = ws.submit(CODE, formId, answers({ C8: 'Không đạt' }), { email: EMAIL });
    const signed = ws.log.uncounted(() => {
      const d = ws.DocumentApp.create('Quyết định số 15/QĐ-UBND (bản đã ký)');
      d.getBody().appendParagraph('Nội dung quyết định đã ký.');
      d.saveAndClose();
      return d;
    });
    const url = ws.log.uncounted(() => signed.getUrl());
    cell(ws, 2, column(ws, '[KTCV] Biên bản'), url);
    ws.clock.advance(60_000);
    ws.edit(CODE, response.getId(), answers({ C8: 'Đạt' }));
    ws.clock.advance(60_000);
    ws.edit(CODE, response.getId(), answers({ N2: '3', C7: '4' }));
    runDue(ws, 'runQueue');
    const doc = snapshotDrive(ws.DriveApp).files.find((f) => f.id === signed.getId());
    expect(doc?.name).toBe('Quyết định số 15/QĐ-UBND (bản đã ký)');
    expect(doc?.trashed).toBe(false);
    expect(
      ws.log.uncounted(() => ws.DocumentApp.openById(signed.getId()).getBody().getText()),
    ).toContain('Nội dung quyết định đã ký.');
    expect(logText(ws)).toContain('không do tập lệnh lập');
  });

  test('the office folder is shared once with the committee; no file is shared by itself', () => {
    const { ws, formId } = setUp();
    for (const unit of UNITS.slice(0, 3)) {
      ws.clock.advance(60_000);
      ws.submit(CODE, formId, answers({ unit }), { email: EMAIL });
    }
    runDue(ws, 'runQueue');
    const shares = ws.executions.reduce(
      (n, e) => n + (e.calls['Folder.addViewers'] ?? 0) + (e.calls['File.addViewers'] ?? 0),
      0,
    );
    expect(shares).toBe(1);
    const drive = snapshotDrive(ws.DriveApp);
    const folder = drive.folders.find((f) => f.name === 'Kiểm tra công vụ - Văn bản');
    expect(folder?.viewers.sort()).toEqual(['chutich@mydu.example', 'noivu@mydu.example']);
    const docs = minutesDocs(ws);
    expect(docs).toHaveLength(3);
    for (const d of docs) {
      expect(d.viewers).toEqual([]);
      expect(d.parents).toEqual([folder?.id]);
    }
  });
});

describe('reports from the queue', () => {
  /** Moves the virtual clock to a Vietnam wall time. */
  const at = (ws: Workspace, iso: string) =>
    ws.clock.advance(new Date(`${iso}+07:00`).getTime() - ws.clock.now());
  const reports = (ws: Workspace) =>
    ws.MailApp._outbox().filter((m) => m.subject.includes('Báo cáo tuần 08/2019'));

  test('"Gửi báo cáo ngay" under an exhausted quota queues the period, says so, and the next run sends it once', () => {
    const { ws, formId } = setUp({ start: new Date('2019-02-18T01:00:00Z'), mailQuota: 2 });
    ws.submit(CODE, formId, answers({ date: '2019-02-19' }), { email: EMAIL });
    ws.MailApp._setQuota(0);
    expect(ws.run(CODE, 'sendReportNow', '18/02/2019 - 24/02/2019')).toBe('deferred');
    expect(ws.SpreadsheetApp._alerts().at(-1)).toContain(
      'báo cáo kỳ 18/02/2019 – 24/02/2019 đã được xếp vào hàng đợi và sẽ được gửi một lần',
    );
    ws.MailApp._setQuota(2);
    ws.clock.advance(24 * 3600_000);
    runDue(ws, 'runQueue');
    runDue(ws, 'runQueue');
    ws.fireClock(CODE, 'reconcile');
    const sent = ws.MailApp._outbox().filter((m) => m.subject.includes('Báo cáo'));
    expect(sent).toHaveLength(1);
    expect(sent[0].to.sort()).toEqual(['chutich@mydu.example', 'noivu@mydu.example']);
    expect(rows(ws, 'Nhật ký gửi')).toHaveLength(1);
    const docs = snapshotDrive(ws.DriveApp).files.filter((f) => f.name.startsWith('Báo cáo'));
    expect(docs.map((d) => d.mimeType).sort()).toEqual([
      'application/pdf',
      'application/vnd.google-apps.document',
    ]);
  });

  test('sixty readers: two messages of at most 50, each reader once; the folder shared with all', () => {
    const { ws, formId } = setUp({ start: new Date('2019-02-18T01:00:00Z') });
    const readers = Array.from({ length: 60 }, (_, k) => `lanhdao${k + 1}@mydu.example`);
    setSetting(ws, 'Email nhận báo cáo', readers.join(', '));
    ws.run(CODE, 'checkConfig');
    ws.submit(CODE, formId, answers({ date: '2019-02-19' }), { email: EMAIL });
    expect(ws.run(CODE, 'sendReportNow', '18/02/2019 - 24/02/2019')).toBe('sent');
    const sent = ws.MailApp._outbox().filter((m) => m.subject.includes('Báo cáo'));
    expect(sent.map((m) => m.to.length)).toEqual([50, 10]);
    expect(sent.flatMap((m) => m.to).sort()).toEqual([...readers].sort());
    const folder = snapshotDrive(ws.DriveApp).folders.find(
      (f) => f.name === 'Kiểm tra công vụ - Văn bản',
    );
    expect(folder?.viewers.sort()).toEqual([...readers].sort());
  });

  test('Monday 07:00 with the lock busy: the week is queued, logged, and sent by the next run, once', () => {
    const { ws, formId } = setUp({ start: new Date('2019-02-18T01:00:00Z') });
    ws.submit(CODE, formId, answers({ date: '2019-02-19' }), { email: EMAIL });
    at(ws, '2019-02-25T07:00:00');
    ws.holdLockElsewhere(true);
    ws.fireClock(CODE, 'sendScheduledSummary');
    ws.holdLockElsewhere(false);
    expect(reports(ws)).toHaveLength(0);
    expect(logText(ws)).toContain('18/02/2019 – 24/02/2019');
    ws.clock.advance(5 * 60_000);
    runDue(ws, 'runQueue');
    runDue(ws, 'runQueue');
    ws.fireClock(CODE, 'sendScheduledSummary');
    expect(reports(ws)).toHaveLength(1);
    expect(rows(ws, 'Nhật ký gửi')).toHaveLength(1);
  });
});

describe('failures reach the office', () => {
  test('the config edited into an invalid state: the failed submission is logged and mailed to the office', () => {
    const { ws, formId } = setUp();
    const range = ws.log.uncounted(() => {
      const sheet = ws.spreadsheet.getSheetByName('Tiêu chí');
      const values = sheet?.getDataRange().getValues() ?? [];
      const cell = sheet?.getRange(values.findIndex((r) => r[0] === 'B2') + 1, 6);
      cell?.setValue('ba');
      return cell;
    });
    // The simple trigger drops the cached configuration, as when the office types in the sheet.
    ws.run(CODE, 'onEdit', { range });
    ws.submit(CODE, formId, answers(), { email: EMAIL });
    expect(logText(ws)).toContain('Tiêu chí B2');
    const notices = ws.MailApp._outbox().filter((m) =>
      m.subject.includes('Có lỗi khi chạy tự động'),
    );
    expect(notices.map((m) => m.to)).toEqual([['noivu@mydu.example']]);
    expect(notices[0].body).toContain('Tiêu chí B2');
  });
});

describe('a submission that fails', () => {
  test('is queued: once the cause is fixed, the next worker run scores it (not the nightly reconcile)', () => {
    const { ws, formId } = setUp();
    const name = responseSheet(ws);
    const rename = (to: string, from: string) =>
      ws.log.uncounted(() => ws.spreadsheet.getSheetByName(from)?.setName(to));
    rename('Đã đổi tên', name);
    const { response, runs } = ws.submit(CODE, formId, answers(), { email: EMAIL });
    expect(runs.map((r) => r.ok)).toEqual([true]);
    expect(logText(ws)).toContain('handleFormSubmit: Chưa có trang câu trả lời');
    // Still broken at the first retry: tried again later, with a line in the log.
    ws.clock.advance(5 * 60_000);
    runDue(ws, 'runQueue');
    expect(logText(ws)).toContain('(lần thử 1)');
    rename(name, 'Đã đổi tên');
    ws.clock.advance(10 * 60_000);
    runDue(ws, 'runQueue');
    expect(results(ws).map((r) => r[0])).toEqual([response.getId()]);
    expect(minutesDocs(ws)).toHaveLength(1);
  });
});

describe('an edit Google writes after the trigger', () => {
  test('the edited row comes seconds or minutes late: the new answers are scored, never the old ones kept', () => {
    const { ws, formId } = setUp();
    configure(ws, { minutes: false });
    const { response } = ws.submit(CODE, formId, answers({ B2: 'Không đạt' }), { email: EMAIL });
    expect(results(ws)[0][10]).toBe('B2');
    const sheet = ws.spreadsheet.getSheetByName(responseSheet(ws));
    if (!sheet) throw new Error('no response sheet');
    const width = column(ws, '[KTCV] Mã phản hồi') - 1;
    const read = () => ws.log.uncounted(() => sheet.getRange(2, 1, 1, width).getValues());
    const write = (v: unknown[][]) =>
      ws.log.uncounted(() => sheet.getRange(2, 1, 1, width).setValues(v));
    /** The respondent edits; Google rewrites the row `delayMs` after the trigger fires. */
    const editLate = (set: Record<string, string>, delayMs: number) => {
      ws.clock.advance(60_000);
      const old = read();
      ws.FormApp._edit(response.getId(), answers(set));
      const edited = read();
      write(old);
      ws.clock.schedule(ws.clock.now() + delayMs, () => write(edited));
      ws.fireFormSubmitAgain(CODE, response);
    };
    editLate({ B2: 'Đạt', C4: 'Không đạt' }, 3000);
    expect(results(ws)[0][10]).toBe('C4');
    editLate({ C4: 'Đạt', B3: 'Không đạt' }, 3 * 60_000);
    expect(results(ws)[0][10]).toBe('C4');
    expect(logText(ws)).toContain('Chưa thấy dòng của phản hồi');
    ws.clock.advance(5 * 60_000);
    runDue(ws, 'runQueue');
    expect(results(ws).map((r) => [r[0], r[10]])).toEqual([[response.getId(), 'B3']]);
  });
});
