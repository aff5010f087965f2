// A commune that ended in a merger: its open corrective actions are reported fixed by the unit it went into, through the fix-report Form, and the dashboard follows.

import type { Workspace } from '../../src/local/emulator/runtime';
import { answers, CODE, rows, runDue, setUp } from './harness';

const EMAIL = 'lan.nt@mydu.example';
const DASH = 'Bảng điều khiển';
const ACTIONS = 'Khắc phục';
const ENDED = 'Xã Hợp Tiến (nay thuộc Xã Hồng Sơn)';

/** Moves the virtual clock to a Vietnam wall time. */
function at(ws: Workspace, iso: string) {
  ws.clock.advance(new Date(`${iso}+07:00`).getTime() - ws.clock.now());
}

/** Types into the units sheet as the office would: Hợp Tiến ends on 30/06/2025 and goes into Hồng Sơn. */
function merge(ws: Workspace) {
  ws.log.uncounted(() => {
    const sheet = ws.spreadsheet.getSheetByName('Đơn vị');
    const values = sheet?.getDataRange().getValues() ?? [];
    const row = values.findIndex((r) => r[1] === 'Xã Hợp Tiến') + 1;
    sheet?.getRange(row, 5).setValue('30/06/2025');
    sheet?.getRange(row, 7).setValue('10465');
  });
}

/** The dashboard's value next to a label in column B. */
const figure = (ws: Workspace, label: string) => rows(ws, DASH).find((r) => r[1] === label)?.[2];

/** The fix-report form's unit choices. */
function fixUnits(ws: Workspace): string[] {
  const id = String(ws.PropertiesService.getScriptProperties().getProperty('fixFormId'));
  const item = ws.FormApp.openById(id)
    .getItems()
    .find((i) => i.getTitle() === 'Đơn vị báo cáo');
  if (!item) throw new Error('no unit item');
  return item
    .asListItem()
    .getChoices()
    .map((c) => c.getValue());
}

test('the successor reports the fix of an ended commune’s finding; the office confirms; the dashboard follows', () => {
  const { ws, formId } = setUp({ start: new Date('2025-06-20T01:00:00Z') });
  merge(ws);
  ws.run(CODE, 'setup');
  const fixFormId = String(ws.PropertiesService.getScriptProperties().getProperty('fixFormId'));
  // Before the merger: an inspection of Hợp Tiến finds C4 (fees not posted).
  at(ws, '2025-06-20T10:00:00');
  ws.submit(CODE, formId, answers({ unit: 'Xã Hợp Tiến', date: '2025-06-20', C4: 'Không đạt' }), {
    email: EMAIL,
  });
  runDue(ws, 'runQueue');
  expect(rows(ws, ACTIONS).map((r) => [r[0], r[1], r[5]])).toEqual([
    ['Xã Hợp Tiến', 'C4', 'Chưa khắc phục'],
  ]);
  // While Hợp Tiến exists it reports for itself: no ended unit on the form.
  expect(fixUnits(ws)).toContain('Xã Hợp Tiến');
  expect(fixUnits(ws)).not.toContain(ENDED);

  // After the merger and past the deadline (05/07/2025): the daily run marks it overdue and the
  // form offers the ended commune under the unit it went into.
  at(ws, '2025-07-06T07:00:00');
  ws.fireClock(CODE, 'runDailyLoop');
  expect(rows(ws, ACTIONS)[0][5]).toBe('Quá hạn');
  expect(fixUnits(ws)).toContain(ENDED);
  expect(fixUnits(ws)).not.toContain('Xã Hợp Tiến');
  ws.userEdit(CODE, DASH, 'B2', 'Năm nay');
  expect([figure(ws, 'Khắc phục đang mở'), figure(ws, 'Khắc phục quá hạn')]).toEqual([1, 1]);
  const attention = () =>
    rows(ws, DASH)
      .filter((r) => String(r[2]).includes('quá hạn'))
      .map((r) => [r[1], r[2]]);
  expect(attention()).toEqual([[ENDED, '1 việc khắc phục quá hạn (C4; lâu nhất 1 ngày).']]);

  // Hồng Sơn's office reports the fix through the second Form, naming the ended commune.
  at(ws, '2025-07-07T09:00:00');
  const fix = ws.submit(
    CODE,
    fixFormId,
    {
      'Đơn vị báo cáo': ENDED,
      'Tồn tại đã khắc phục (tiêu chí)': 'C4. Niêm yết mức thu phí, lệ phí',
      'Nội dung đã khắc phục': 'Đã niêm yết bảng phí, lệ phí tại trụ sở cũ của xã Hợp Tiến',
      'Đường dẫn minh chứng (ảnh, văn bản)': 'https://drive.example/minh-chung/hop-tien',
    },
    { email: 'vanphong@hongson.example' },
  );
  expect(fix.runs.map((r) => [r.fn, r.ok])).toEqual([['handleFixReport', true]]);
  // Google may run the trigger before it writes the row: the 5-minute worker picks the report up.
  runDue(ws, 'runQueue');
  const reported = rows(ws, ACTIONS)[0];
  expect([reported[5], reported[6], reported[7]]).toEqual([
    'Đã báo cáo khắc phục',
    'Đơn vị báo cáo ngày 07/07/2025, chờ văn phòng xác nhận.',
    'Đã niêm yết bảng phí, lệ phí tại trụ sở cũ của xã Hợp Tiến',
  ]);
  const fixRow = rows(ws, 'Báo cáo khắc phục')[0];
  expect(fixRow[fixRow.length - 1]).toBe(
    'Ghi nhận cho tồn tại C4 phát hiện ngày 20/06/2025: Đã báo cáo khắc phục.',
  );
  expect([figure(ws, 'Khắc phục đang mở'), figure(ws, 'Khắc phục quá hạn')]).toEqual([1, 0]);
  expect(attention()).toEqual([]);

  // The office confirms it (simple onEdit): fixed, nothing open; from the next daily run the
  // form no longer offers the ended commune.
  ws.userEdit(CODE, ACTIONS, 'K2', 'Đã khắc phục');
  expect(rows(ws, ACTIONS)[0][5]).toBe('Đã khắc phục');
  expect([figure(ws, 'Khắc phục đang mở'), figure(ws, 'Khắc phục quá hạn')]).toEqual([0, 0]);
  at(ws, '2025-07-08T07:00:00');
  ws.fireClock(CODE, 'runDailyLoop');
  expect(fixUnits(ws)).not.toContain(ENDED);
  expect(fixUnits(ws)).toContain('Xã Hồng Sơn');
});
