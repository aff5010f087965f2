// The report entry points: the scheduled summary, and the menu's preview and send-now for a chosen period.
/// <reference types="google-apps-script" />

import { parseDateAnswer, vnDateOf } from '../core/dates';
import { tell } from './menu';
import { withLock } from './rebuild';
import {
  flushPending,
  makeReport,
  periodAggregate,
  type ReportPeriod,
  type SendResult,
  scheduledPeriod,
  sendReport,
} from './reports';
import { openSession } from './workbook';

const SEND_WORDS: Record<SendResult, string> = {
  sent: 'Đã gửi báo cáo',
  'already-sent': 'Báo cáo kỳ này đã được gửi trước đó: không gửi lại',
  deferred: 'Hết lượt gửi thư trong ngày: báo cáo sẽ được gửi ở lần chạy sau',
  notice: 'Kỳ không có phiếu kiểm tra: đã gửi thông báo ngắn',
  skipped: 'Kỳ không có phiếu kiểm tra: không gửi (theo cài đặt)',
  'no-recipients': 'Chưa có email nhận báo cáo trong trang Cài đặt',
};

/** Parses `18/02/2019 - 24/02/2019` (or ISO dates); throws a Vietnamese message. */
export function parsePeriod(text: string): ReportPeriod {
  const parts = text.split(/\s+(?:-|–|đến)\s+|\s*–\s*/);
  const dates = parts.map((p) => parseDateAnswer(p, 'dmy'));
  if (parts.length !== 2 || dates.some((d) => d === null))
    throw new Error(`Kỳ báo cáo không hợp lệ: "${text}". Nhập theo dạng 18/02/2019 - 24/02/2019.`);
  const [from, to] = dates as string[];
  if (from > to)
    throw new Error(`Kỳ báo cáo không hợp lệ: ngày bắt đầu sau ngày kết thúc ("${text}").`);
  return { from, to, kind: 'custom' };
}

/** The period typed in the menu's prompt, or given by the caller; null when cancelled. */
function askPeriod(title: string, given: unknown): ReportPeriod | null {
  if (typeof given === 'string' && given.trim()) return parsePeriod(given);
  const ui = SpreadsheetApp.getUi();
  const answer = ui.prompt(
    title,
    'Kỳ báo cáo (ví dụ: 18/02/2019 - 24/02/2019):',
    ui.ButtonSet.OK_CANCEL,
  );
  if (answer.getSelectedButton() !== ui.Button.OK) return null;
  return parsePeriod(answer.getResponseText());
}

/** Time trigger: reports on the last complete week or month, and retries deferred periods. */
export function sendScheduledSummary(): SendResult[] {
  return withLock(() => {
    const s = openSession();
    const due = scheduledPeriod(s, vnDateOf(Date.now()));
    return flushPending(s, due ? [due] : []);
  });
}

/** Menu: the report of a chosen period as a Doc only (no email, shared with nobody). */
export function previewReport(given?: unknown): string {
  const p = askPeriod('Xem trước báo cáo', given);
  if (!p) return '';
  const s = openSession();
  const report = makeReport(s, periodAggregate(s, p), []);
  tell(`Đã tạo bản xem trước: ${report.url}`);
  return report.url;
}

/** Menu: send the report of a chosen period now (once: a period already sent is not sent again). */
export function sendReportNow(given?: unknown): SendResult | '' {
  const p = askPeriod('Gửi báo cáo ngay', given);
  if (!p) return '';
  const result = withLock(() => sendReport(openSession(), p));
  tell(`${SEND_WORDS[result]}.`);
  return result;
}
