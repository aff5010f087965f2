// The dashboard and corrective-action loop wired together: setup, the hooks a submission and a rebuild call, the picker's onEdit, the fix-report trigger, the daily run.
/// <reference types="google-apps-script" />

import { type MailContent, withOpenActions } from '../core/action-mail';
import { type OverdueByUnit, openActionsOf, overdueByUnit } from '../core/actions';
import { formatDmy, formatTime, vnDateOf } from '../core/dates';
import { ACTION_COL, LOOP_HANDLERS, LOOP_SHEETS } from '../core/loop-names';
import { LOOP_SETTING_ROWS, type LoopSettings, readLoopSettings } from '../core/loop-settings';
import { SHEETS } from '../core/names';
import { periodTitle, within } from '../core/periods';
import { dashboardData, tallyRows } from '../core/tally';
import type { Config, Inspection } from '../core/types';
import {
  computeBook,
  ensureActionsSheet,
  sendReminders,
  writeActions,
  writeFixResults,
} from './actions';
import { safe } from './cells';
import { ensureDashboard, refreshDashboard } from './dashboard';
import { factsSheet, readFacts, upsertFacts, writeAllFacts } from './facts-sheet';
import { endedWithOpenActions, ensureFixForm, type FixFormState, syncEndedUnits } from './fix-form';
import { withRecordLock } from './lock';
import type { RowOutcome } from './projection';
import type { RowState } from './response-table';
import { sheetNamed } from './sheet-cache';
import { cachedLoopRows, dropConfig } from './store';
import { readTallies, stampOf, tallySheet, writeTallies } from './tally-sheet';
import { logLine, openSession, type Session } from './workbook';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const DAILY_HOUR = 7;
const LOCK_WAIT_MS = 20000;

/** The loop's settings from `Cài đặt`; problems are logged, defaults used. */
// One read of the settings per execution (each execution is a fresh realm; settings do not
// change within one), keyed by day since the summary period follows today.
let memo: { today: string; value: LoopSettings } | null = null;

export function loopSettings(ss: Spreadsheet, config: Config, today: string): LoopSettings {
  if (memo && memo.today === today) return memo.value;
  // The rows cached with the configuration (dropped when `Cài đặt` is edited), else the sheet.
  const cached = cachedLoopRows();
  const sheet = cached ? null : sheetNamed(ss, SHEETS.settings);
  const rows = cached ?? (sheet ? sheet.getDataRange().getValues() : []);
  const errors: string[] = [];
  const out = readLoopSettings(
    rows,
    config.checklist.criteria.map((c) => c.code),
    today,
    errors,
  );
  if (errors.length) logLine('Khắc phục', errors.join(' '));
  memo = { today, value: out };
  return out;
}

/** Appends the loop's settings rows to `Cài đặt` when missing; never touches rows the office has. */
function ensureSettingRows(ss: Spreadsheet): void {
  const sheet = ss.getSheetByName(SHEETS.settings);
  if (!sheet) return;
  const have = new Set(
    sheet
      .getDataRange()
      .getValues()
      .map((r) => String(r[0]).trim().toLowerCase()),
  );
  const missing = LOOP_SETTING_ROWS.filter(([label]) => !have.has(label.toLowerCase()));
  if (missing.length === 0) return;
  const at = sheet.getLastRow() + 1;
  sheet.getRange(at, 1, missing.length, 3).setValues(missing.map((r) => r.map((v) => safe(v))));
  // The cached `Cài đặt` rows no longer hold every row.
  dropConfig();
}

/**
 * Setup of the loop (idempotent): the settings rows, the facts, actions and dashboard sheets,
 * the charts (once), the fix-report form and its trigger, one daily trigger. Returns what became
 * of the fix-report form. Run it before the rebuild that fills the facts.
 */
export function setupLoop(ss: Spreadsheet, config: Config): FixFormState {
  ensureSettingRows(ss);
  factsSheet(ss);
  tallySheet(ss);
  ensureActionsSheet(ss);
  ensureDashboard(ss, config);
  const fix = ensureFixForm(ss, config);
  PropertiesService.getScriptProperties().setProperty('fixFormUrl', fix.url);
  const daily = ScriptApp.getProjectTriggers().filter(
    (t) => t.getHandlerFunction() === LOOP_HANDLERS.daily,
  );
  for (const t of daily.slice(1)) ScriptApp.deleteTrigger(t);
  if (daily.length === 0)
    ScriptApp.newTrigger(LOOP_HANDLERS.daily)
      .timeBased()
      .everyDays(1)
      .atHour(DAILY_HOUR)
      .inTimezone('Asia/Ho_Chi_Minh')
      .create();
  // The dashboard first, then the summary and the actions; the dashboard is what opens.
  [LOOP_SHEETS.dashboard, SHEETS.summary, LOOP_SHEETS.actions].forEach((name, i) => {
    const sheet = ss.getSheetByName(name);
    if (!sheet || sheet.getIndex() === i + 1) return;
    ss.setActiveSheet(sheet);
    ss.moveActiveSheet(i + 1);
  });
  const dash = ss.getSheetByName(LOOP_SHEETS.dashboard);
  if (dash) ss.setActiveSheet(dash);
  return fix;
}

const formUrl = (): string =>
  PropertiesService.getScriptProperties().getProperty('fixFormUrl') ?? '';

/**
 * Recomputes the actions, the dashboard's aggregate and the dashboard from what is stored:
 * facts, fix reports, the office's cells. A fixed number of reads and writes whatever is
 * stored; charts untouched. `remind` sends the due reminders; `limited` (a simple trigger)
 * leaves the fix-report form to the next full run, Forms being out of a simple trigger's reach;
 * `whole` (a rebuild) rewrites every row of the dashboard's aggregate, changed or not.
 */
export function refreshLoop(
  ss: Spreadsheet,
  app: Session['app'],
  options: { remind?: boolean; limited?: boolean; whole?: boolean } = {},
): { reminded: number } {
  // Before the loop's setup (an older workbook) there is nothing to refresh.
  if (!sheetNamed(ss, LOOP_SHEETS.dashboard)) return { reminded: 0 };
  const today = vnDateOf(Date.now());
  const settings = loopSettings(ss, app.config, today);
  const facts = readFacts(ss);
  const { book, sheet, fix } = computeBook(ss, app.config, facts, settings.actions, today);
  let reminded = 0;
  if (options.remind && app.settings.unitEmails)
    reminded = sendReminders(book, settings.actions, today, app.unitEmails, formUrl());
  writeActions(ss, book, sheet);
  writeFixResults(ss, fix, book);
  // Units ended with open actions stay on the fix-report form, for the unit they went into.
  if (!options.limited)
    try {
      syncEndedUnits(app.config, endedWithOpenActions(app.config, book.actions, today), today);
    } catch (e) {
      logLine(
        'Khắc phục',
        `Chưa cập nhật được danh sách đơn vị của biểu mẫu báo cáo khắc phục: ${(e as Error).message}`,
      );
    }
  // The aggregate a picker change reads (rows bounded by units × months), then the dashboard
  // from it, so the worker and a picker change show the same figures.
  const rows = tallyRows(app.config, facts, book.actions);
  const stamp = stampOf(Date.now());
  writeTallies(ss, rows, stamp, options.whole);
  refreshDashboard(ss, app.config, dashboardData(app.config, rows, today), today, stamp);
  return { reminded };
}

/** Hook for a submission, under its lock: the facts of the rows it changed (one write). */
export function recordFacts(s: Session, outcomes: readonly RowOutcome[], fresh = false): void {
  upsertFacts(s.ss, s.app.config, outcomes, fresh);
}

/**
 * After a submission released its lock: corrective actions and the dashboard's figures follow
 * the facts it recorded, under a short record lock, so the next submission never waits on them.
 */
export function refreshAfterSubmit(): void {
  const props = PropertiesService.getScriptProperties();
  // Marked before and cleared after: a refresh that fails or is stopped is done by the worker's
  // next run, so the dashboard never stays behind the facts.
  props.setProperty(LOOP_STALE, '1');
  withRecordLock(() => {
    const s = openSession();
    refreshLoop(s.ss, s.app);
  });
  props.deleteProperty(LOOP_STALE);
}

const LOOP_STALE = 'loopStale';

/** The property that marks the actions and dashboard stale, for a caller writing several at once. */
export function loopStaleProps(): Record<string, string> {
  return { [LOOP_STALE]: '1' };
}

/** After a submission: the actions and dashboard follow its facts at the worker's next run. */
export function markLoopStale(): void {
  PropertiesService.getScriptProperties().setProperty(LOOP_STALE, '1');
}

/** Whether a refresh of the actions and dashboard was started and did not finish. */
export function loopStale(): boolean {
  return PropertiesService.getScriptProperties().getProperty(LOOP_STALE) !== null;
}

/** Hook for a rebuild (under its lock): every fact, then actions and dashboard. */
export function afterRebuild(s: Session, outcomes: readonly RowOutcome[]): void {
  writeAllFacts(s.ss, s.app.config, outcomes);
  refreshLoop(s.ss, s.app, { whole: true });
}

/** The summary's period on today (settings). */
export function summaryPeriod(s: Session): { from: string | null; to: string | null } {
  return loopSettings(s.ss, s.app.config, vnDateOf(Date.now())).summary;
}

/** Hook for the summary sheet: the states whose date lies in the summary's period (settings). */
export function inSummaryPeriod(s: Session, states: readonly RowState[]): RowState[] {
  const period = loopSettings(s.ss, s.app.config, vnDateOf(Date.now())).summary;
  return states.filter((x) => x.status !== 'ok' || within(period, x.date));
}

/**
 * Hook for the summary sheet: the line that says which period it covers, and when it was
 * written (`Kỳ tổng hợp: Quý I/2019 (01/01/2019 – 31/03/2019) · cập nhật 21/02/2019 08:35`).
 */
export function summaryPeriodLine(s: Session): string {
  const now = Date.now();
  const period = loopSettings(s.ss, s.app.config, vnDateOf(now)).summary;
  return `Kỳ tổng hợp: ${periodTitle(period)} · cập nhật ${formatDmy(vnDateOf(now))} ${formatTime(now)}`;
}

/**
 * Hook for a unit's result email: the unit's open actions from earlier inspections, with their
 * deadlines and the fix-report form.
 */
export function withLoopActions(s: Session, i: Inspection, mail: MailContent): MailContent {
  if (!sheetNamed(s.ss, LOOP_SHEETS.actions)) return mail;
  const today = vnDateOf(Date.now());
  const settings = loopSettings(s.ss, s.app.config, today);
  const { book } = computeBook(s.ss, s.app.config, readFacts(s.ss), settings.actions, today);
  // What this inspection answered decides those criteria (passed or found again), so only the
  // earlier actions it could not check are listed.
  const decided = new Set(i.items.filter((x) => x.credit !== null).map((x) => x.code));
  const open = openActionsOf(book.actions, i.unitCode).filter(
    (a) => a.date <= i.date && !decided.has(a.criterion),
  );
  return withOpenActions(mail, open, formUrl());
}

/** Data for the committee's report: overdue actions by unit on today. */
export function overdueActionsNow(s: Session): OverdueByUnit[] {
  const today = vnDateOf(Date.now());
  const settings = loopSettings(s.ss, s.app.config, today);
  const { book } = computeBook(s.ss, s.app.config, readFacts(s.ss), settings.actions, today);
  return overdueByUnit(book.actions, today);
}

/**
 * Simple-trigger hook (LIMITED mode, 30 s): a picker of the dashboard changed → the dashboard
 * follows; the office's columns of `Khắc phục` changed → statuses follow. Returns whether it
 * handled the edit. A picker change reads only the aggregate, so its cost does not grow with
 * responses.
 */
export function onLoopEdit(e: GoogleAppsScript.Events.SheetsOnEdit | undefined): boolean {
  const range = e?.range;
  if (!range) return false;
  const name = range.getSheet().getName();
  const row = range.getRow();
  const col = range.getColumn();
  const picker =
    name === LOOP_SHEETS.dashboard &&
    col <= 2 &&
    col + range.getNumColumns() > 1 &&
    row <= 5 &&
    row + range.getNumRows() > 2;
  const office =
    name === LOOP_SHEETS.actions &&
    row >= 2 &&
    col <= ACTION_COL.note &&
    col + range.getNumColumns() > ACTION_COL.confirm;
  if (!picker && !office) return false;
  const s = openSession();
  // A picker change reads only the aggregate the last refresh wrote (bounded by units ×
  // months), never the facts or the actions; before the first refresh it makes one.
  const stored = picker ? readTallies(s.ss) : null;
  if (stored) {
    const today = vnDateOf(Date.now());
    const data = dashboardData(s.app.config, stored.rows, today);
    refreshDashboard(s.ss, s.app.config, data, today, stored.stamp);
  } else refreshLoop(s.ss, s.app, { limited: true });
  return true;
}

/** Runs `fn` under the script lock, or logs that it will run at the next turn. */
function locked(fn: string, body: () => void): void {
  const lock = LockService.getScriptLock();
  if (!lock.tryLock(LOCK_WAIT_MS)) {
    logLine(fn, 'Một lần xử lý khác đang chạy: lần cập nhật sau sẽ tính lại (không mất gì).');
    return;
  }
  try {
    body();
  } finally {
    lock.releaseLock();
  }
}

/** Trigger of the fix-report form: the report shows on its action and the dashboard. */
export function handleFixReport(): void {
  // Google may write the report's row after this trigger runs: the worker's next run (5 minutes)
  // refreshes again, so the report shows whichever came first.
  markLoopStale();
  locked('handleFixReport', () => {
    const s = openSession();
    refreshLoop(s.ss, s.app);
  });
}

/** Daily trigger: statuses follow the calendar (overdue), reminders go out once per deadline. */
export function runDailyLoop(): number {
  let reminded = 0;
  locked('runDailyLoop', () => {
    const s = openSession();
    reminded = refreshLoop(s.ss, s.app, { remind: true }).reminded;
    if (reminded) logLine('runDailyLoop', `Đã nhắc hạn khắc phục cho ${reminded} đơn vị.`);
  });
  return reminded;
}

/** Menu: refresh the dashboard and the actions now. */
export function refreshLoopNow(): string {
  let message = '';
  locked('refreshDashboard', () => {
    const s = openSession();
    refreshLoop(s.ss, s.app);
    message = 'Đã cập nhật bảng điều khiển và trang Khắc phục.';
  });
  return message || 'Một lần xử lý khác đang chạy: hãy thử lại sau ít phút.';
}
