// The office's defaults and promises under attack: strangers with the Form link, a config change between submissions, a cleared send log, a reconcile the lock kept out.

import { createWorkspace, type Workspace } from '../../src/local/emulator/runtime';
import {
  answers,
  CODE,
  minutesDocs,
  rows,
  runDue,
  setSetting,
  setUp,
  unitMails,
  unstamped,
} from './harness';

const EMAIL = 'lan.nt@mydu.example';

const logText = (ws: Workspace) =>
  rows(ws, 'Nhật ký')
    .map((r) => `${r[1]}: ${r[2]}`)
    .join('\n');

/** A derived sheet's rows as objects keyed by its header (uncounted). */
function table(ws: Workspace, name: string): Record<string, unknown>[] {
  return ws.log.uncounted(() => {
    const values = ws.spreadsheet.getSheetByName(name)?.getDataRange().getValues() ?? [];
    const head = values[0].map(String);
    return values
      .slice(1)
      .filter((r) => r.some((c) => c !== ''))
      .map((r) => Object.fromEntries(head.map((h, i) => [h, unstamped(r[i])])));
  });
}

/** Types a value into a criterion's column of `Tiêu chí` and fires the simple onEdit, as the office would. */
function editCriterion(ws: Workspace, code: string, col: number, value: string | number): void {
  const range = ws.log.uncounted(() => {
    const sheet = ws.spreadsheet.getSheetByName('Tiêu chí');
    const values = sheet?.getDataRange().getValues() ?? [];
    const cell = sheet?.getRange(values.findIndex((r) => r[0] === code) + 1, col);
    cell?.setValue(value);
    return cell;
  });
  ws.run(CODE, 'onEdit', { range });
}

describe('a change of the scoring configuration between submissions', () => {
  test('B2 from 3 to 10 points: after the worker runs, the same answers give the same score, one scheme in Tổng hợp', () => {
    const { ws, formId } = setUp();
    const header = ws.log.uncounted(
      () => ws.spreadsheet.getSheetByName('Tiêu chí')?.getRange(1, 1, 1, 7).getValues()[0] ?? [],
    );
    const pointsCol = header.findIndex((h) => String(h).startsWith('Điểm')) + 1;
    expect(pointsCol).toBeGreaterThan(0);
    ws.submit(CODE, formId, answers({ unit: 'Xã Hợp Tiến', B2: 'Không đạt' }), { email: EMAIL });
    ws.clock.advance(60_000);
    editCriterion(ws, 'B2', pointsCol, 10);
    ws.clock.advance(60_000);
    ws.submit(CODE, formId, answers({ unit: 'Xã An Mỹ', B2: 'Không đạt' }), { email: EMAIL });
    // Until the worker has re-scored, the log says the sheets may mix two schemes.
    expect(logText(ws)).toContain('Cấu hình chấm điểm');
    expect(logText(ws)).toContain('sẽ được chấm lại theo cấu hình mới');
    runDue(ws, 'runQueue');
    const scores = table(ws, 'Kết quả').map((r) => [r['Đơn vị'], r.Điểm]);
    expect(scores).toHaveLength(2);
    expect(scores[0][1]).toBe(scores[1][1]);
    // 10 of 107 points lost: 90.7 for both, ranked level.
    expect(scores[0][1]).toBe(90.7);
    const summary = table(ws, 'Tổng hợp').filter((r) => r['Số lần kiểm tra'] === 1);
    expect(summary.map((r) => [r.Hạng, r['Điểm trung bình']])).toEqual([
      [1, 90.7],
      [1, 90.7],
    ]);
    expect(logText(ws)).toContain('Đã chấm lại 2 phiếu theo cấu hình chấm điểm mới');
    // Done once: the next run changes nothing.
    const before = table(ws, 'Kết quả');
    runDue(ws, 'runQueue');
    expect(table(ws, 'Kết quả')).toEqual(before);
    expect(logText(ws).match(/Đã chấm lại/g)).toHaveLength(1);
  });
});

describe('the daily reconcile meets a busy lock', () => {
  test('it is retried by the 5-minute worker within minutes, not the next night', () => {
    const { ws, formId } = setUp();
    // A response whose trigger never ran: only the reconcile scores it.
    const response = ws.submitWithoutTrigger(formId, answers({ unit: 'Xã Tuy Lai' }), {
      email: EMAIL,
    });
    runDue(ws, 'runQueue');
    expect(table(ws, 'Kết quả')).toHaveLength(0);
    // 22:58: another run takes the lock for 4 minutes; the reconcile at 23:00 waits 60 s and gives up.
    ws.clock.set(new Date('2019-02-18T15:58:00Z').getTime());
    ws.holdLockElsewhere(true, { releaseAfterMs: 4 * 60_000 });
    runDue(ws, 'reconcile');
    const reconcileAt = ws.clock.now();
    expect(table(ws, 'Kết quả')).toHaveLength(0);
    expect(logText(ws)).toContain('chưa đối soát được');
    // The worker's next run (within 5 minutes) scores it.
    runDue(ws, 'runQueue');
    expect(ws.clock.now() - reconcileAt).toBeLessThanOrEqual(10 * 60_000);
    expect(table(ws, 'Kết quả').map((r) => r['Mã phản hồi'])).toEqual([response.getId()]);
    // Once: the next runs and the next night change nothing.
    runDue(ws, 'runQueue');
    runDue(ws, 'reconcile');
    expect(table(ws, 'Kết quả')).toHaveLength(1);
    expect(logText(ws).match(/Đã chấm 1 phiếu bị lỡ/g)).toHaveLength(1);
  });
});

describe('the send log cleared or deleted by a user', () => {
  const reports = (ws: Workspace) =>
    ws.MailApp._outbox().filter((m) => m.subject.includes('Báo cáo tuần 08/2019'));

  for (const how of ['cleared', 'deleted'] as const)
    test(`${how}: "Gửi báo cáo ngay" for a week already sent says so, and the committee gets it once`, () => {
      const { ws, formId } = setUp({ start: new Date('2019-02-18T01:00:00Z') });
      ws.submit(CODE, formId, answers({ date: '2019-02-19' }), { email: EMAIL });
      ws.clock.set(new Date('2019-02-25T00:00:00Z').getTime());
      runDue(ws, 'sendScheduledSummary');
      expect(reports(ws)).toHaveLength(1);
      const sent = rows(ws, 'Nhật ký gửi');
      expect(sent).toHaveLength(1);
      ws.log.uncounted(() => {
        const sheet = ws.spreadsheet.getSheetByName('Nhật ký gửi');
        if (!sheet) throw new Error('no send log');
        if (how === 'cleared') sheet.clear();
        else ws.spreadsheet.deleteSheet(sheet);
      });
      ws.clock.advance(3600_000);
      expect(ws.run(CODE, 'sendReportNow', '18/02/2019 - 24/02/2019')).toBe('already-sent');
      expect(ws.SpreadsheetApp._alerts().at(-1)).toContain(
        'Báo cáo kỳ 18/02/2019 – 24/02/2019 đã được gửi trước đó: không gửi lại.',
      );
      expect(reports(ws)).toHaveLength(1);
      // The sheet's line is written back from the script's own record, and the office is told.
      const back = rows(ws, 'Nhật ký gửi');
      expect(back.map((r) => [r[0], r[1]])).toEqual([[sent[0][0], sent[0][1]]]);
      expect(logText(ws)).toContain('đã ghi lại từ bộ nhớ của tập lệnh');
      // The next Monday's run and a second menu send change nothing for this week.
      ws.run(CODE, 'sendReportNow', '18/02/2019 - 24/02/2019');
      runDue(ws, 'runQueue');
      expect(reports(ws)).toHaveLength(1);
      expect(rows(ws, 'Nhật ký gửi')).toHaveLength(1);
    });
});

describe('anyone with the Form link, while the inspectors list is empty', () => {
  /** Unit emails on, with an address per unit, as an office that mails results would have. */
  function mailUnits(ws: Workspace) {
    setSetting(ws, 'Gửi kết quả cho từng đơn vị', 'Có');
    ws.log.uncounted(() => {
      const sheet = ws.spreadsheet.getSheetByName('Đơn vị');
      const values = sheet?.getDataRange().getValues() ?? [];
      values.forEach((r, i) => {
        if (i > 0 && r[0] !== '') sheet?.getRange(i + 1, 6).setValue(`don-vi-${r[0]}@mydu.example`);
      });
    });
    ws.run(CODE, 'checkConfig');
  }
  const UNITS = ['Xã Hợp Tiến', 'Xã An Mỹ', 'Xã Đại Hưng', 'Xã Tuy Lai', 'Thị trấn Đại Nghĩa'];

  test('setup says so, in the result and in Nhật ký, with what to do; the Form collects verified addresses', () => {
    const { ws, formId } = setUp();
    const message = String(ws.run(CODE, 'setup'));
    expect(message).toContain('Trang "Cán bộ kiểm tra" chưa có cán bộ kiểm tra nào');
    expect(message).toContain('chỉ phiếu gửi từ địa chỉ thuộc tên miền @mydu.example');
    expect(message).toContain('Hãy nhập email của từng cán bộ kiểm tra');
    expect(logText(ws)).toContain('Trang "Cán bộ kiểm tra" chưa có cán bộ kiểm tra nào');
    const form = ws.FormApp._open(formId);
    expect(String(form?.getEmailCollectionType())).toBe('VERIFIED');
  });

  test('a runtime without verified collection: setup falls back to typed addresses and says how to turn verification on', () => {
    const ws = createWorkspace({ start: new Date('2019-02-18T01:00:00Z') });
    Object.defineProperty(ws.FormApp, 'EmailCollectionType', { value: undefined });
    const message = String(ws.run(CODE, 'setup'));
    expect(message).toContain('Biểu mẫu chưa thu được email đã xác minh');
    expect(message).toContain('Thu thập địa chỉ email, hãy chọn "Đã xác minh"');
    expect(logText(ws)).toContain('Biểu mẫu chưa thu được email đã xác minh');
    const formId = String(ws.PropertiesService.getScriptProperties().getProperty('formId'));
    expect(ws.FormApp._open(formId)?.collectsEmail()).toBe(true);
  });

  test('20 strangers: no biên bản, no mail, 20 review entries naming each sender, the ranking unchanged; an inspector is scored', () => {
    const { ws, formId } = setUp();
    mailUnits(ws);
    const inspector = ws.submit(CODE, formId, answers({ unit: 'Xã Hợp Tiến' }), { email: EMAIL });
    runDue(ws, 'runQueue');
    expect(table(ws, 'Kết quả').map((r) => r['Mã phản hồi'])).toEqual([inspector.response.getId()]);
    expect(minutesDocs(ws)).toHaveLength(1);
    expect(unitMails(ws)).toHaveLength(1);
    const ranking = table(ws, 'Tổng hợp');
    const docs = minutesDocs(ws).length;
    const mails = ws.MailApp._outbox().length;
    for (let k = 0; k < 20; k++) {
      ws.clock.advance(60_000);
      // Each fabricates a critical failure; the last one also types the inspector's address,
      // which a form collecting verified addresses does not even offer.
      ws.submit(CODE, formId, answers({ unit: UNITS[k % 5], C8: 'Không đạt' }), {
        email: `stranger${k}@gmail.example`,
        ...(k === 19 ? { typed: EMAIL } : {}),
      });
    }
    for (let k = 0; k < 3; k++) runDue(ws, 'runQueue');
    runDue(ws, 'reconcile');
    expect(minutesDocs(ws)).toHaveLength(docs);
    expect(ws.MailApp._outbox()).toHaveLength(mails);
    expect(table(ws, 'Tổng hợp')).toEqual(ranking);
    expect(table(ws, 'Kết quả')).toHaveLength(1);
    const held = table(ws, 'Cần xem lại');
    expect(held).toHaveLength(20);
    held.forEach((r, k) => {
      expect(r.Email).toBe(`stranger${k}@gmail.example`);
      expect(String(r['Lý do'])).toContain(
        `Giữ lại để xem xét: người gửi stranger${k}@gmail.example chưa được xác nhận là cán bộ kiểm tra`,
      );
      expect(String(r['Lý do'])).toContain('hãy thêm email vào danh sách cán bộ kiểm tra');
    });
    // Another inspector of the office is scored as usual, among the strangers.
    ws.submit(CODE, formId, answers({ unit: 'Xã An Mỹ', B3: 'Không đạt' }), {
      email: 'minh.tv@mydu.example',
    });
    runDue(ws, 'runQueue');
    expect(table(ws, 'Kết quả').map((r) => [r['Đơn vị'], r.Điểm])).toEqual([
      ['Xã Hợp Tiến', 100],
      ['Xã An Mỹ', 97],
    ]);
    expect(minutesDocs(ws)).toHaveLength(docs + 1);
  });

  test('an inspector on a public mail domain is held until the office lists them; then the next run scores the held response', () => {
    const { ws, formId } = setUp();
    ws.submit(CODE, formId, answers({ unit: 'Xã Tuy Lai', B2: 'Không đạt' }), {
      email: 'hung.ld@gmail.example',
    });
    expect(table(ws, 'Kết quả')).toHaveLength(0);
    expect(table(ws, 'Cần xem lại').map((r) => r.Email)).toEqual(['hung.ld@gmail.example']);
    const range = ws.log.uncounted(() => {
      const sheet = ws.spreadsheet.getSheetByName('Cán bộ kiểm tra');
      sheet?.appendRow(['hung.ld@gmail.example', 'Lê Đức Hùng', 'Thanh tra viên']);
      return sheet?.getRange(2, 1);
    });
    ws.run(CODE, 'onEdit', { range });
    runDue(ws, 'runQueue');
    expect(table(ws, 'Cần xem lại')).toHaveLength(0);
    expect(table(ws, 'Kết quả').map((r) => [r['Đơn vị'], r.Điểm])).toEqual([['Xã Tuy Lai', 97]]);
  });
});
