// The report entry points: the scheduled summary, and the menu's preview and send-now for a chosen period.
/// <reference types="google-apps-script" />

import { formatDmy, parseDateAnswer, vnDateOf } from '../core/dates';
import { tell } from './menu';
import { queueReport, reportKey } from './queue';
import { makePreview, periodAggregate, type ReportPeriod, scheduledPeriod } from './reports';
import { logLine, openSession } from './workbook';
import { type ReportOutcome, runWorker } from './worker';

/** What the menu says for each outcome of "Gửi báo cáo ngay" (only what will really happen). */
const SEND_WORDS: Record<ReportOutcome, (label: string) => string> = {
  sent: (l) => `Đã gửi báo cáo kỳ ${l}.`,
  'already-sent': (l) => `Báo cáo kỳ ${l} đã được gửi trước đó: không gửi lại.`,
  deferred: (l) =>
    `Hết lượt gửi thư trong ngày: báo cáo kỳ ${l} đã được xếp vào hàng đợi và sẽ được gửi một lần, ở lần chạy tự động đầu tiên khi còn đủ lượt.`,
  notice: (l) => `Kỳ ${l} không có phiếu kiểm tra: đã gửi thông báo ngắn.`,
  skipped: (l) => `Kỳ ${l} không có phiếu kiểm tra: không gửi (theo cài đặt).`,
  'no-recipients': () => 'Chưa có email nhận báo cáo trong trang Cài đặt: không gửi.',
  queued: (l) =>
    `Một lần gửi khác đang chạy: báo cáo kỳ ${l} đã được xếp vào hàng đợi và sẽ được gửi trong vài phút.`,
  failed: (l) =>
    `Chưa gửi được báo cáo kỳ ${l} (lỗi đã ghi ở trang Nhật ký): kỳ này vẫn trong hàng đợi và sẽ được thử lại ở lần chạy tự động tiếp theo.`,
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

/**
 * Time trigger: the last complete week or month is recorded as due before anything is tried,
 * then the worker sends what is queued (this period, and any a failure or the quota left).
 */
export function sendScheduledSummary(started: number): ReportOutcome[] {
  const due = scheduledPeriod(openSession(), vnDateOf(Date.now()));
  if (due) queueReport(due);
  const work = runWorker(started);
  if (due && (work.reports[reportKey(due)] ?? 'queued') === 'queued')
    logLine(
      'sendScheduledSummary',
      `Chưa gửi được báo cáo kỳ ${formatDmy(due.from)} – ${formatDmy(due.to)}: một lần xử lý khác đang chạy. Kỳ này đã được xếp vào hàng đợi và sẽ được gửi ở lần chạy tự động sau (vài phút).`,
    );
  return Object.values(work.reports);
}

/** Menu: the report of a chosen period as a Doc only (no email, shared with nobody). */
export function previewReport(given?: unknown): string {
  const p = askPeriod('Xem trước báo cáo', given);
  if (!p) return '';
  const s = openSession();
  const url = makePreview(s, periodAggregate(s, p));
  tell(`Đã tạo bản xem trước: ${url}`);
  return url;
}

/**
 * Menu: send the report of a chosen period now, once. The period is queued first, so whatever
 * stops it (the quota, a busy run, a failure) leaves it to the next run, which sends it once.
 */
export function sendReportNow(started: number, given?: unknown): ReportOutcome | '' {
  const p = askPeriod('Gửi báo cáo ngay', given);
  if (!p) return '';
  queueReport(p);
  const outcome = runWorker(started, { only: 'reports' }).reports[reportKey(p)] ?? 'queued';
  tell(SEND_WORDS[outcome](`${formatDmy(p.from)} – ${formatDmy(p.to)}`));
  return outcome;
}
