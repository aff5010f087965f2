// Tells the office by email when an automatic run fails, at most once a day.
/// <reference types="google-apps-script" />

import { vnDateOf } from '../core/dates';
import { PROPS, SHEETS } from '../core/names';
import { SETTING_SPECS } from '../core/settings';
import { readStore } from './store';

const EMAIL = /^[^\s@<>",;]+@[^\s@<>",;]+\.[^\s@<>",;]+$/;

/**
 * The office's address from the cached configuration or, when the cache was dropped because the
 * config sheets were edited into an invalid state (the failure being reported), from its cell.
 */
function officeAddress(): string {
  const cached = readStore().app?.settings.officeEmail;
  if (cached) return cached;
  const label = SETTING_SPECS.find((x) => x.key === 'officeEmail')?.label;
  const rows =
    SpreadsheetApp.getActiveSpreadsheet()
      .getSheetByName(SHEETS.settings)
      ?.getDataRange()
      .getValues() ?? [];
  const value = String(rows.find((r) => String(r[0]).trim() === label)?.[1] ?? '').trim();
  return EMAIL.test(value) ? value : '';
}

/** Emails the office about a failure unless it was told today already; never throws. */
export function notifyOffice(fn: string, message: string): void {
  try {
    const to = officeAddress();
    if (!to) return;
    const props = PropertiesService.getScriptProperties();
    const today = vnDateOf(Date.now());
    if (props.getProperty(PROPS.lastFailureMail) === today) return;
    if (MailApp.getRemainingDailyQuota() < 1) return;
    MailApp.sendEmail(
      to,
      '[Kiểm tra công vụ] Có lỗi khi chạy tự động',
      `Chức năng "${fn}" gặp lỗi:\n\n${message}\n\nXem trang "Nhật ký" của bảng tính để biết các lỗi khác trong ngày. Thư này gửi tối đa một lần mỗi ngày.`,
    );
    props.setProperty(PROPS.lastFailureMail, today);
  } catch {
    // The log sheet already holds the error.
  }
}
