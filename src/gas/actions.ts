// The `Khắc phục` sheet: actions kept at stable rows by key, the office's columns never written by a refresh, reminders sent once per deadline.
/// <reference types="google-apps-script" />

import { type MailContent, reminderEmail, withOpenActions } from '../core/action-mail';
import {
  type Action,
  type ActionBook,
  type ActionSettings,
  CONFIRM,
  deriveActions,
  type OfficeEntry,
  openActionsOf,
  remindersDue,
  STATUS,
} from '../core/actions';
import { vnDateOf, vnInstant } from '../core/dates';
import type { InspectionFact } from '../core/facts';
import { ACTION_COL, ACTION_HEADERS, LOOP_PROPS, LOOP_SHEETS } from '../core/loop-names';
import type { Config } from '../core/types';
import { writeBlock } from './cells';
import { FIX_RESULT_HEADER, type FixSheet, readFixReports } from './fix-form';
import { sheetNamed } from './sheet-cache';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Cell = string | number | boolean | Date;

// Status colours: open amber, reported blue, fixed green, repeat and overdue red.
const STATUS_COLOURS: [string, string][] = [
  [STATUS.open, '#fff2cc'],
  [STATUS.reported, '#cfe2f3'],
  [STATUS.fixed, '#d9ead3'],
  [STATUS.repeat, '#ea9999'],
  [STATUS.overdue, '#f4cccc'],
];
const CANCELLED = 'Đã hủy';

/** Makes the actions sheet when missing: header, widths, date formats, status colours, the office's list. */
export function ensureActionsSheet(ss: Spreadsheet): void {
  if (ss.getSheetByName(LOOP_SHEETS.actions)) return;
  const sheet = ss.insertSheet(LOOP_SHEETS.actions);
  const width = ACTION_HEADERS.length;
  sheet
    .getRange(1, 1, 1, width)
    .setValues([[...ACTION_HEADERS]])
    .setFontWeight('bold')
    .setBackground('#e8eaed');
  sheet.setFrozenRows(1);
  [170, 60, 380, 100, 100, 150, 280, 280, 220, 100, 150, 240, 80, 90, 100, 220].forEach((w, i) => {
    sheet.setColumnWidth(i + 1, w);
  });
  const rows = sheet.getMaxRows() - 1;
  for (const col of [4, 5, 10]) sheet.getRange(2, col, rows, 1).setNumberFormat('dd/mm/yyyy');
  const status = sheet.getRange(2, ACTION_COL.status, rows, 1);
  sheet.setConditionalFormatRules(
    STATUS_COLOURS.map(([label, colour]) =>
      SpreadsheetApp.newConditionalFormatRule()
        .whenTextEqualTo(label)
        .setBackground(colour)
        .setRanges([status])
        .build(),
    ),
  );
  sheet
    .getRange(2, ACTION_COL.confirm, rows, 1)
    .setDataValidation(
      SpreadsheetApp.newDataValidation()
        .requireValueInList([CONFIRM.yes, CONFIRM.no], true)
        .setAllowInvalid(false)
        .setHelpText(
          'Đã khắc phục: văn phòng xác nhận. Chưa đạt: chưa chấp nhận báo cáo của đơn vị.',
        )
        .build(),
    )
    .setBackground('#fef7e0');
  sheet.getRange(2, ACTION_COL.note, rows, 1).setBackground('#fef7e0');
  const protection = sheet
    .protect()
    .setDescription(
      'Trang do tập lệnh tính; văn phòng chỉ nhập ở hai cột "Xác nhận của văn phòng" và "Ghi chú của văn phòng".',
    )
    .setWarningOnly(true);
  protection.setUnprotectedRanges([sheet.getRange(2, ACTION_COL.confirm, rows, 2)]);
}

/** The actions sheet as read in one call: each key's row and the office's entries. */
export interface ActionsSheet {
  rowOf: Map<string, number>;
  office: Map<string, OfficeEntry>;
  /** Rows where the office typed something, by row number. */
  typed: Set<number>;
  /** Last row with anything in it (1 when only the header). */
  lastRow: number;
}

/** Reads the actions sheet once. */
export function readActionsSheet(ss: Spreadsheet): ActionsSheet {
  const sheet = sheetNamed(ss, LOOP_SHEETS.actions);
  const values = sheet ? sheet.getDataRange().getValues() : [[]];
  const rowOf = new Map<string, number>();
  const office = new Map<string, OfficeEntry>();
  const typed = new Set<number>();
  let lastRow = 1;
  for (let i = 1; i < values.length; i++) {
    const r = values[i];
    if (r.some((c) => c !== '')) lastRow = i + 1;
    const confirm = String(r[ACTION_COL.confirm - 1] ?? '').trim();
    const note = String(r[ACTION_COL.note - 1] ?? '').trim();
    if (confirm || note) typed.add(i + 1);
    const key = String(r[ACTION_COL.key - 1] ?? '');
    if (!key) continue;
    rowOf.set(key, i + 1);
    const reminded = r[ACTION_COL.reminded - 1];
    office.set(key, {
      confirm,
      note,
      reminded: reminded instanceof Date ? vnDateOf(reminded.getTime()) : String(reminded ?? ''),
    });
  }
  return { rowOf, office, typed, lastRow };
}

const dateCell = (iso: string): Cell => (iso ? new Date(vnInstant(iso)) : '');

/** The script's cells of an action: columns A–J and M–P (the office's K–L are left alone). */
function cellsOf(a: Action): { left: Cell[]; right: Cell[] } {
  return {
    left: [
      a.unit,
      a.criterion,
      a.finding,
      dateCell(a.date),
      dateCell(a.deadline),
      a.status,
      a.basis,
      a.report?.done ?? '',
      a.report?.evidence ?? '',
      a.report ? dateCell(a.report.date) : '',
    ],
    right: [
      a.unitCode,
      a.critical ? 'Có' : '',
      a.office.reminded ? dateCell(a.office.reminded) : '',
      a.key,
    ],
  };
}

/**
 * Writes the book: each action stays on its row, new ones are appended, an action gone (its
 * response edited or sent to review) is blanked, or marked cancelled when the office wrote on
 * it. Two writes (A–J, M–P); the office's columns are never written, so a refresh racing with
 * the office's typing loses nothing, and a rebuild gives exactly the rows the submissions gave.
 */
export function writeActions(ss: Spreadsheet, book: ActionBook, before: ActionsSheet): void {
  const sheet = sheetNamed(ss, LOOP_SHEETS.actions);
  if (!sheet) return;
  const blankLeft = (): Cell[] => new Array(10).fill('');
  const left = new Map<number, Cell[]>();
  const right = new Map<number, Cell[]>();
  let next = before.lastRow + 1;
  const live = new Set<string>();
  for (const a of book.actions) {
    live.add(a.key);
    const row = before.rowOf.get(a.key) ?? next++;
    const c = cellsOf(a);
    left.set(row, c.left);
    right.set(row, c.right);
  }
  for (const [key, row] of before.rowOf) {
    if (live.has(key)) continue;
    const keep = before.typed.has(row);
    left.set(row, keep ? cancelled() : blankLeft());
    right.set(row, keep ? ['', '', '', key] : ['', '', '', '']);
  }
  const last = Math.max(next - 1, before.lastRow);
  if (last < 2) return;
  grow(sheet, last);
  const block = (m: Map<number, Cell[]>, width: number) => {
    const out: Cell[][] = [];
    // Rows not touched (blank gaps, or rows only the office wrote on) keep blank script cells.
    for (let r = 2; r <= last; r++) out.push(m.get(r) ?? new Array(width).fill(''));
    return out;
  };
  writeBlock(ss, LOOP_SHEETS.actions, 2, 1, block(left, 10));
  writeBlock(ss, LOOP_SHEETS.actions, 2, ACTION_COL.note + 1, block(right, 4));
}

function cancelled(): Cell[] {
  return [
    '',
    '',
    '',
    '',
    '',
    CANCELLED,
    'Phiếu kiểm tra đã được sửa hoặc chuyển sang Cần xem lại.',
    '',
    '',
    '',
  ];
}

function grow(sheet: GoogleAppsScript.Spreadsheet.Sheet, rows: number): void {
  const max = sheet.getMaxRows();
  if (rows > max) sheet.insertRowsAfter(max, Math.max(1000, rows - max));
}

/** Writes each fix report's result next to it (matched to which finding, or why not): one write. */
export function writeFixResults(ss: Spreadsheet, fix: FixSheet, book: ActionBook): void {
  if (!fix.resultColumn || fix.rows < 1) return;
  const name = PropertiesService.getScriptProperties().getProperty(LOOP_PROPS.fixSheet);
  if (!name) return;
  const out = new Map<number, string>();
  for (const b of fix.bad) out.set(b.row, b.reason);
  for (const u of book.unmatched) out.set((u.report as { row?: number }).row ?? 0, u.reason);
  for (const a of book.actions)
    if (a.report) {
      const row = (a.report as { row?: number }).row ?? 0;
      if (!out.has(row))
        out.set(
          row,
          `Ghi nhận cho tồn tại ${a.criterion} phát hiện ngày ${formatDate(a.date)}: ${a.status}.`,
        );
    }
  const rows: Cell[][] = [[FIX_RESULT_HEADER]];
  let changed = false;
  for (let r = 2; r <= fix.rows; r++) {
    const text = out.get(r) ?? '';
    if (text !== (fix.results.get(r) ?? '')) changed = true;
    rows.push([text]);
  }
  if (!changed) return;
  writeBlock(ss, name, 1, fix.resultColumn, rows);
}

const formatDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** The book on `today` from what is stored: facts, fix reports, the office's cells. */
export function computeBook(
  ss: Spreadsheet,
  config: Config,
  facts: readonly InspectionFact[],
  settings: ActionSettings,
  today: string,
): { book: ActionBook; sheet: ActionsSheet; fix: FixSheet } {
  const fix = readFixReports(ss, config);
  const sheet = readActionsSheet(ss);
  const book = deriveActions(config, facts, fix.reports, sheet.office, settings, today);
  return { book, sheet, fix };
}

/**
 * Sends each unit with an email its reminder (due soon or overdue, once per deadline) while the
 * mail quota lasts, then records the reminded deadlines on the actions in the book. Returns how
 * many units were mailed.
 */
export function sendReminders(
  book: ActionBook,
  settings: ActionSettings,
  today: string,
  unitEmails: Record<string, string>,
  formUrl: string,
): number {
  let sent = 0;
  for (const r of remindersDue(book.actions, settings, today)) {
    const to = unitEmails[r.unitCode];
    if (!to) continue;
    if (MailApp.getRemainingDailyQuota() < 1) break;
    const mail: MailContent = reminderEmail(r, formUrl);
    MailApp.sendEmail({ to, subject: mail.subject, body: mail.text, htmlBody: mail.html });
    sent++;
    for (const i of r.items) i.action.office = { ...i.action.office, reminded: i.action.deadline };
  }
  return sent;
}

/** A unit's result email with its open actions from earlier inspections (read from the sheet). */
export function mailWithOpenActions(
  ss: Spreadsheet,
  config: Config,
  facts: readonly InspectionFact[],
  settings: ActionSettings,
  unitCode: string,
  responseId: string,
  mail: MailContent,
  formUrl: string,
): MailContent {
  const { book } = computeBook(ss, config, facts, settings, vnDateOf(Date.now()));
  const open = openActionsOf(book.actions, unitCode).filter((a) => a.responseId !== responseId);
  return withOpenActions(mail, open, formUrl);
}
