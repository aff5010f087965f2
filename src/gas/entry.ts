// The bundle's entry: only wires the global functions Apps Script calls (menu, triggers, editor).
/// <reference types="google-apps-script" />

import { CONFIG_SHEETS } from '../core/names';
import { checkEnvironment as envCheck, environmentTrigger } from './envcheck';
import { messageOf } from './errors';
import { warnCellLimit } from './limits';
import { LockBusyError } from './lock';
import {
  runDailyLoop as dailyLoop,
  handleFixReport as fixReport,
  onLoopEdit,
  refreshLoopNow,
} from './loop';
import { addMenu, tell } from './menu';
import { notifyOffice } from './notify';
import { askOffice } from './office';
import { rebuildAll as rebuild, reconcile as reconcileNow } from './rebuild';
import {
  previewReport as preview,
  sendScheduledSummary as scheduled,
  sendReportNow as sendNow,
} from './report-menu';
import { markReconcileDue } from './rescore';
import { checkConfig as check, setup as runSetup } from './setup';
import { dropConfig } from './store';
import { type Scored, type SubmitResult, handleFormSubmit as submit } from './submit';
import { logLine } from './workbook';
import { type ReportOutcome, runWorker, type WorkOptions, type WorkResult } from './worker';

/** Runs an entry point; any error is logged in the log sheet and shown, and the data is left as it was. */
function guarded<T>(fn: string, body: () => T, fallback: T): T {
  try {
    return body();
  } catch (e) {
    const message = messageOf(e);
    logLine(fn, message);
    tell(`Lỗi khi chạy "${fn}": ${message}`);
    notifyOffice(fn, message);
    return fallback;
  }
}

/** Simple trigger: the menu. */
export function onOpen(): void {
  addMenu();
}

/** Simple trigger: an edit of a config sheet makes the cached configuration stale. */
export function onEdit(e: GoogleAppsScript.Events.SheetsOnEdit | undefined): void {
  const name = e?.range?.getSheet().getName();
  if (name && CONFIG_SHEETS.includes(name)) dropConfig();
  // The dashboard's pickers and the office's columns of Khắc phục (LIMITED mode, 30 s).
  try {
    onLoopEdit(e);
  } catch (err) {
    console.error(`onEdit: ${(err as Error).message}`);
  }
}

/** Trigger of the fix-report form: the unit's report shows on its action. */
export function handleFixReport(): void {
  guarded('handleFixReport', () => fixReport(), undefined);
}

/** Daily trigger: overdue statuses, and reminders once per deadline. */
export function runDailyLoop(): number {
  return guarded('runDailyLoop', () => dailyLoop(), -1);
}

/** Menu: refresh the dashboard and the corrective actions now. */
export function refreshDashboard(): string {
  return guarded(
    'refreshDashboard',
    () => {
      const m = refreshLoopNow();
      tell(m);
      return m;
    },
    '',
  );
}

/** Menu: set up or update everything (idempotent). */
export function setup(): string {
  return guarded(
    'setup',
    () => {
      const r = runSetup();
      tell(r.message);
      if (!r.ok) logLine('setup', r.message);
      return r.message;
    },
    '',
  );
}

/** Menu: asks who the office is (level, province, commune), then sets up everything from it. */
export function setupOffice(): string {
  return guarded(
    'setupOffice',
    () => {
      if (!askOffice()) {
        tell('Đã hủy: chưa thay đổi gì.');
        return '';
      }
      return setup();
    },
    '',
  );
}

/** Menu: validate the config sheets and list every problem. */
export function checkConfig(): string {
  return guarded(
    'checkConfig',
    () => {
      const r = check();
      tell(r.message);
      return r.message;
    },
    '',
  );
}

/** Runs the queue for the rest of this execution's budget; errors are logged like any other. */
function work(started: number, options: WorkOptions = {}): WorkResult | null {
  return guarded('runQueue', () => runWorker(started, options), null);
}

/**
 * Trigger: a form response was submitted or edited. Only the scoring runs here, under the lock;
 * its biên bản, unit mails and the dashboard's refresh are marked due for the queue's time
 * trigger (every 5 minutes), so a submission costs the same few seconds whatever is stored.
 */
export function handleFormSubmit(
  e: GoogleAppsScript.Events.FormsOnFormSubmit,
): SubmitResult | 'error' {
  // A response scored marks the actions and dashboard stale in its own last write.
  const done = guarded<Scored | null>('handleFormSubmit', () => submit(e), null);
  return done ? done.result : 'error';
}

/** Time trigger every 5 minutes: the queue's slow work, continued where the last run stopped. */
export function runQueue(): WorkResult | null {
  return work(Date.now());
}

/**
 * Menu: recompute every derived sheet from the responses, in one pass; the biên bản and unit
 * mails it leaves due are made by the queue's next runs (every 5 minutes), not in this one.
 */
export function rebuildAll(): number {
  return guarded(
    'rebuildAll',
    () => {
      const count = rebuild();
      tell(
        `Đã chấm lại ${count} phiếu. Biên bản và thư còn thiếu sẽ được lập dần ở các lần chạy tự động (5 phút một lần).`,
      );
      return count;
    },
    -1,
  );
}

/** Daily trigger and menu: score responses a failed or missing run left out, then run the queue. */
export function reconcile(): number {
  const started = Date.now();
  const n = guarded(
    'reconcile',
    () => {
      let count: number;
      try {
        count = reconcileNow();
      } catch (e) {
        if (!(e instanceof LockBusyError)) throw e;
        // A long run holds the lock: the 5-minute worker runs this pass as soon as it is free.
        markReconcileDue();
        logLine(
          'reconcile',
          'Một lần xử lý khác đang giữ khóa nên chưa đối soát được. Việc đối soát đã được xếp vào hàng đợi và sẽ chạy ở lần chạy tự động tiếp theo (5 phút một lần).',
        );
        return -1;
      }
      if (count > 0) logLine('reconcile', `Đã chấm ${count} phiếu bị lỡ.`);
      warnCellLimit('reconcile');
      return count;
    },
    -1,
  );
  // Whatever is still due (reports deferred for the quota, biên bản, unit mails) goes now.
  work(started, { full: true });
  return n;
}

/** Time trigger: the summary report of the last complete week or month, once. */
export function sendScheduledSummary(): ReportOutcome[] {
  const started = Date.now();
  return guarded('sendScheduledSummary', () => scheduled(started), []);
}

/** Menu: preview the report of a chosen period (a Doc, no email). */
export function previewReport(period?: unknown): string {
  return guarded('previewReport', () => preview(period), '');
}

/** Menu: send the report of a chosen period now (never twice). */
export function sendReportNow(period?: unknown): string {
  const started = Date.now();
  return guarded('sendReportNow', () => sendNow(started, period), '');
}

/** Menu: checks on this account what the emulator assumes, times a few calls, writes the sheet "Kiểm tra môi trường". */
export function checkEnvironment(): string {
  return guarded(
    'checkEnvironment',
    () => {
      const message = envCheck();
      tell(message);
      return message;
    },
    '',
  );
}

/** One-off trigger set by checkEnvironment: what a time-driven run sees. */
export function checkEnvironmentLater(): void {
  guarded('checkEnvironmentLater', environmentTrigger, undefined);
}
