// The bundle's entry: only wires the global functions Apps Script calls (menu, triggers, editor).
/// <reference types="google-apps-script" />

import { checkEnvironment as envCheck, environmentTrigger } from './envcheck';
import { warnCellLimit } from './limits';
import { addMenu, tell } from './menu';
import { CONFIG_SHEETS } from './names';
import { notifyOffice } from './notify';
import { askOffice } from './office';
import { rebuildAll as rebuild, reconcile as reconcileNow } from './rebuild';
import {
  previewReport as preview,
  sendScheduledSummary as scheduled,
  sendReportNow as sendNow,
} from './report-menu';
import { flushPending, type SendResult } from './reports';
import { checkConfig as check, setup as runSetup } from './setup';
import { dropConfig } from './store';
import { type SubmitResult, handleFormSubmit as submit } from './submit';
import { logLine, openSession } from './workbook';

/** Runs an entry point; any error is logged in the log sheet and shown, and the data is left as it was. */
function guarded<T>(fn: string, body: () => T, fallback: T): T {
  try {
    return body();
  } catch (e) {
    const message = (e as Error).message || String(e);
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

/** Trigger: a form response was submitted or edited. */
export function handleFormSubmit(
  e: GoogleAppsScript.Events.FormsOnFormSubmit,
): SubmitResult | 'error' {
  return guarded<SubmitResult | 'error'>('handleFormSubmit', () => submit(e), 'error');
}

/** Menu: recompute every derived sheet from the responses. */
export function rebuildAll(): number {
  return guarded(
    'rebuildAll',
    () => {
      const n = rebuild();
      tell(`Đã chấm lại ${n} phiếu.`);
      return n;
    },
    -1,
  );
}

/** Daily trigger and menu: score responses a failed or missing run left out. */
export function reconcile(): number {
  return guarded(
    'reconcile',
    () => {
      const n = reconcileNow();
      if (n > 0) logLine('reconcile', `Đã chấm ${n} phiếu bị lỡ.`);
      // Reports deferred for the mail quota go out with the next day's quota.
      flushPending(openSession());
      warnCellLimit('reconcile');
      return n;
    },
    -1,
  );
}

/** Time trigger: the summary report of the last complete week or month, once. */
export function sendScheduledSummary(): SendResult[] {
  return guarded('sendScheduledSummary', () => scheduled(), []);
}

/** Menu: preview the report of a chosen period (a Doc, no email). */
export function previewReport(period?: unknown): string {
  return guarded('previewReport', () => preview(period), '');
}

/** Menu: send the report of a chosen period now (never twice). */
export function sendReportNow(period?: unknown): string {
  return guarded('sendReportNow', () => sendNow(period), '');
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
