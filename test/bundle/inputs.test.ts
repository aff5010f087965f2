// Hostile cells and settings through the real bundle: a pasted row over Sheets' cell limit, choice settings named like object properties, dates typed as text.

import type { Workspace } from '../../src/local/emulator/runtime';
import { answers, CODE, responseSheet, rows, runDue, setSetting, setUp } from './harness';

const EMAIL = 'lan.nt@mydu.example';
const logText = (ws: Workspace) =>
  rows(ws, 'Nhật ký')
    .map((r) => `${r[1]}: ${r[2]}`)
    .join('\n');

/** Pastes rows below the last response: the form columns only, as a clerk copies them from another sheet. */
function paste(ws: Workspace, records: Record<string, string>[]): void {
  ws.log.uncounted(() => {
    const sheet = ws.spreadsheet.getSheetByName(responseSheet(ws));
    if (!sheet) throw new Error('no response sheet');
    const values = sheet.getDataRange().getValues();
    const header = values[0].map(String);
    const width = header.findIndex((h) => h.startsWith('[KTCV]'));
    const at = values.length + 1;
    const cells = records.map((r) =>
      header
        .slice(0, width)
        .map((h) => (h === 'Dấu thời gian' ? new Date(ws.clock.now()) : (r[h] ?? ''))),
    );
    // Pasted as plain text (the column formatted as text first): Sheets keeps "05/02/2019" as typed.
    const range = sheet.getRange(at, 1, cells.length, width);
    range.setNumberFormat('@');
    range.setValues(cells);
  });
}

describe('a pasted row over the 50,000-character cell limit (attack M6)', () => {
  const { ws, formId } = setUp();
  ws.submit(CODE, formId, answers({ unit: 'Xã Tuy Lai', B2: 'Không đạt' }), { email: EMAIL });
  ws.clock.advance(60_000);
  const label = `Không đạt ${'x'.repeat(49_980)}`;
  const note = `Đ/c Hùng vắng mặt. ${'y'.repeat(50_000 - 19)}`;
  const b2 = Object.keys(answers()).find((t) => t.startsWith('B2.')) as string;
  paste(ws, [
    { ...answers({ unit: 'Xã An Mỹ', date: '2019-02-21' }), [b2]: label, 'Địa chỉ email': EMAIL },
    {
      ...answers({ unit: 'Xã Đại Hưng', date: '2019-02-22', B3: 'Không đạt' }),
      'Ghi chú nhóm B': note,
      'Địa chỉ email': EMAIL,
    },
  ]);
  runDue(ws, 'reconcile');
  runDue(ws, 'reconcile');
  runDue(ws, 'sendScheduledSummary');

  test('the row goes to review with its value quoted in 200 characters and its length', () => {
    const review = rows(ws, 'Cần xem lại');
    expect(review).toHaveLength(1);
    expect(review[0][3]).toBe('Xã An Mỹ');
    const reason = String(review[0][6]);
    expect(reason).toBe(
      `Câu trả lời không hợp lệ ở cột "${b2}": "${label.slice(0, 200)}…" (49.990 ký tự) (chỉ nhận: Đạt, Không đạt, Không áp dụng).`,
    );
  });

  test('every other response is scored, and no reconcile failed', () => {
    expect(
      rows(ws, 'Kết quả')
        .map((r) => `${r[5]} ${r[8]}`)
        .sort(),
    ).toEqual(['Xã Tuy Lai 97', 'Xã Đại Hưng 97']);
    expect(logText(ws)).not.toMatch(/maximum|50000|Lỗi/);
    // Scored once: the second reconcile found nothing left (the state columns were written).
    expect(logText(ws).match(/Đã chấm \d+ phiếu bị lỡ/g)).toEqual(['Đã chấm 2 phiếu bị lỡ']);
  });

  test('a note at the limit is stored cut, with a mark saying so', () => {
    const finding = rows(ws, 'Tồn tại').find((r) => r[4] === 'B3');
    const cell = String(finding?.[8]);
    expect(cell.length).toBeLessThanOrEqual(49_999);
    expect(cell.startsWith('Đ/c Hùng vắng mặt. yyy')).toBe(true);
    expect(cell.endsWith(' …[đã cắt bớt: 50.000 ký tự]')).toBe(true);
  });

  test("the week's report is sent, counting the two scored inspections", () => {
    const reports = ws.MailApp._outbox().filter((m) => m.subject.includes('Báo cáo tuần 08/2019'));
    expect(reports).toHaveLength(1);
    expect(reports[0].body).toContain('Đã kiểm tra 2 lượt');
  });
});

describe('choice settings named like object properties are refused (attack L10)', () => {
  test.each([
    ['Lịch gửi báo cáo', 'constructor', 'hằng tuần, hằng tháng, không gửi'],
    ['Thứ gửi (hằng tuần)', '__proto__', 'thứ hai, thứ ba'],
    ['Lập biên bản từng lần kiểm tra', 'toString', 'có, không'],
    ['Khi kỳ không có phiếu', 'hasOwnProperty', 'gửi thông báo ngắn, không gửi'],
    ['Thứ tự ngày tháng', 'valueOf', 'ngày/tháng/năm, tháng/ngày/năm'],
  ])('%s = %s: setup and a submission name the setting and the value', (label, value, listed) => {
    const { ws, formId } = setUp();
    setSetting(ws, label, value);
    const message = String(ws.run(CODE, 'setup'));
    expect(message).toContain(`Cài đặt "${label}" chỉ nhận ${listed}`);
    expect(message).toContain(`nhận được "${value}".`);
    // The office's edit drops the cached configuration; the next submission is not scored.
    const range = ws.log.uncounted(() => ws.spreadsheet.getSheetByName('Cài đặt')?.getRange(1, 1));
    ws.run(CODE, 'onEdit', { range });
    ws.submit(CODE, formId, answers(), { email: EMAIL });
    expect(logText(ws)).toContain(`Cài đặt "${label}" chỉ nhận`);
    expect(rows(ws, 'Kết quả')).toHaveLength(0);
  });
});

describe('"Thứ tự ngày tháng": a date typed as text is read in the office\'s order (attack M8)', () => {
  test.each([
    ['Ngày/tháng/năm', '2019-02-05', 'Xã Tuy Lai'],
    ['Tháng/ngày/năm', '2019-05-02', 'Xã Tuy Lai'],
  ])('%s: "05/02/2019" is %s', (order, iso, unit) => {
    const { ws } = setUp();
    setSetting(ws, 'Thứ tự ngày tháng', order);
    ws.run(CODE, 'setup');
    paste(ws, [
      { ...answers({ unit }), 'Ngày kiểm tra': '05/02/2019', 'Địa chỉ email': EMAIL },
      { ...answers({ unit: 'Xã An Mỹ' }), 'Ngày kiểm tra': '21/02/2019', 'Địa chỉ email': EMAIL },
    ]);
    ws.run(CODE, 'rebuildAll');
    const scored = rows(ws, 'Kết quả').map((r) => [r[5], (r[3] as Date).toISOString()]);
    const day = (d: string) => new Date(`${d}T00:00:00+07:00`).toISOString();
    const review = rows(ws, 'Cần xem lại').map((r) => String(r[6]));
    if (order === 'Ngày/tháng/năm') {
      expect(scored).toEqual([
        [unit, day(iso)],
        ['Xã An Mỹ', day('2019-02-21')],
      ]);
      expect(review).toEqual([]);
    } else {
      expect(scored).toEqual([[unit, day(iso)]]);
      expect(review).toEqual(['Ngày kiểm tra không hợp lệ: "21/02/2019" (cột "Ngày kiểm tra").']);
    }
  });
});
