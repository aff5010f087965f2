// Google's 10,000,000-cell workbook limit: the grid size from sheet dimensions, and a warning to the office past 80 %.
/// <reference types="google-apps-script" />

import { vnDateOf } from '../core/dates';
import { PROPS } from '../core/names';
import { readStore } from './store';
import { logLine } from './workbook';

/** Cells a Google Sheets workbook may hold (grid cells, empty or not), across all its sheets. */
export const CELL_LIMIT = 10_000_000;
/** Share of the limit past which the office is warned. */
export const WARN_SHARE = 0.8;

/** The grid of each sheet and the total. */
export interface CellUse {
  total: number;
  sheets: { sheet: GoogleAppsScript.Spreadsheet.Sheet; cells: number }[];
}

/** Counts grid cells from each sheet's dimensions (metadata only: no cell is read, no name asked). */
export function cellUse(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): CellUse {
  const sheets = ss.getSheets().map((sheet) => ({
    sheet,
    cells: sheet.getMaxRows() * sheet.getMaxColumns(),
  }));
  return { total: sheets.reduce((a, s) => a + s.cells, 0), sheets };
}

/** 8123456 → "8.123.456" (Vietnamese digit grouping). */
export function vnNumber(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** The warning text for a use past the threshold, or null below it. */
export function cellWarning(use: CellUse): string | null {
  if (use.total < CELL_LIMIT * WARN_SHARE) return null;
  const share = Math.floor((use.total / CELL_LIMIT) * 100);
  const biggest = [...use.sheets]
    .sort((a, b) => b.cells - a.cells)
    .slice(0, 3)
    .map((s) => `"${s.sheet.getName()}" ${vnNumber(s.cells)} ô`)
    .join(', ');
  return (
    `Bảng tính đã dùng ${vnNumber(use.total)} ô, ${share}% giới hạn ${vnNumber(CELL_LIMIT)} ô của Google ` +
    `(lớn nhất: ${biggest}). Khi chạm giới hạn, Google từ chối ghi thêm và phiếu mới không được chấm. ` +
    'Cần làm: (1) lưu trữ các câu trả lời cũ sang một bản sao (Tệp → Tạo bản sao), rồi xoá các dòng đó ' +
    'khỏi trang câu trả lời và chạy "Chấm lại toàn bộ"; (2) xoá các trang không còn dùng.'
  );
}

/**
 * Checks the workbook against the cell limit; past 80 % writes the warning to the log sheet and
 * emails the office, each at most once a day. Returns the warning (or null) for setup's message.
 * Never throws: a failed check must not stop the run that asked for it.
 */
export function warnCellLimit(fn: string): string | null {
  try {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const warning = cellWarning(cellUse(ss));
    if (!warning) return null;
    const props = PropertiesService.getScriptProperties();
    const today = vnDateOf(Date.now());
    if (props.getProperty(PROPS.lastCellWarning) === today) return warning;
    logLine(fn, warning);
    const to = readStore().app?.settings.officeEmail;
    if (to && MailApp.getRemainingDailyQuota() > 0)
      MailApp.sendEmail(
        to,
        '[Kiểm tra công vụ] Bảng tính sắp đầy',
        `${warning}\n\nThư này gửi tối đa một lần mỗi ngày khi bảng tính còn vượt 80% giới hạn.`,
      );
    props.setProperty(PROPS.lastCellWarning, today);
    return warning;
  } catch (e) {
    console.error(`Không kiểm tra được dung lượng bảng tính: ${(e as Error).message}`);
    return null;
  }
}
