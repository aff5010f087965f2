// Tells the office by email when an automatic run fails, at most once a day.
/// <reference types="google-apps-script" />

import { vnDateOf } from '../core/dates';
import { PROPS } from './names';
import { readStore } from './store';

/** Emails the office about a failure unless it was told today already; never throws. */
export function notifyOffice(fn: string, message: string): void {
  try {
    const to = readStore().app?.settings.officeEmail;
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
