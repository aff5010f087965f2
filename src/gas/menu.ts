// The workbook menu, and the alerts that tell the office what a menu action did.
/// <reference types="google-apps-script" />

import { MENU_TITLE } from '../core/names';

/** Adds the menu (the simple onOpen trigger; it may not call services needing authorisation). */
export function addMenu(): void {
  SpreadsheetApp.getUi()
    .createMenu(MENU_TITLE)
    .addItem('Thiết lập cơ quan (cấp, tỉnh, xã)…', 'setupOffice')
    .addItem('Thiết lập / cập nhật biểu mẫu', 'setup')
    .addItem('Kiểm tra cấu hình', 'checkConfig')
    .addItem('Kiểm tra môi trường', 'checkEnvironment')
    .addSeparator()
    .addItem('Cập nhật bảng điều khiển', 'refreshDashboard')
    .addItem('Xem trước báo cáo…', 'previewReport')
    .addItem('Gửi báo cáo ngay…', 'sendReportNow')
    .addSeparator()
    .addItem('Chấm lại toàn bộ', 'rebuildAll')
    .addItem('Đối soát phản hồi bị lỡ', 'reconcile')
    .addToUi();
}

/** Shows a message when a person is looking (menu run); silently skipped in triggers and the editor. */
export function tell(message: string): void {
  try {
    SpreadsheetApp.getUi().alert(MENU_TITLE, message, SpreadsheetApp.getUi().ButtonSet.OK);
  } catch {
    // No UI in this context (trigger, editor run): the log sheet and the return value carry it.
  }
}
