// Batch writes with respondent text kept as data: never a formula, a number or a date by accident.
/// <reference types="google-apps-script" />

import { clipText, SHEET_CELL_CHARS } from '../core/shown';

type Cell = string | number | boolean | Date;

/**
 * A value as it must be written with setValues, which parses strings like typed input: a
 * leading apostrophe makes Sheets store the rest as literal text (and hides the apostrophe), so
 * `=HYPERLINK(…)`, `+84…`, `01234` or `1/2` typed by a respondent stay exactly as typed.
 */
export function safe(v: Cell): Cell {
  // A cell holds 50,000 characters (the apostrophe counted, the stricter reading): longer text is
  // stored cut with a visible mark, so one pasted essay never fails a whole sheet's write.
  return typeof v === 'string' && v !== '' ? `'${clipText(v, SHEET_CELL_CHARS - 1)}` : v;
}

/** Column letters of a 1-based column index (1 → A, 27 → AA). */
export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26))
    s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** A1 notation of a block on a named sheet: `'Kết quả'!A2:O9`. */
export function a1(sheet: string, row: number, col: number, rows: number, cols: number): string {
  const name = `'${sheet.replace(/'/g, "''")}'`;
  return `${name}!${columnLetter(col)}${row}:${columnLetter(col + cols - 1)}${row + rows - 1}`;
}

/** Writes a block of rows (all the same width) in one call, text made safe. */
export function writeBlock(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  sheet: string,
  row: number,
  col: number,
  rows: Cell[][],
): void {
  if (rows.length === 0) return;
  const width = rows[0].length;
  ss.getRange(a1(sheet, row, col, rows.length, width)).setValues(rows.map((r) => r.map(safe)));
}

/** Pads rows with empty cells to a width, and with empty rows to a count. */
export function pad(rows: Cell[][], width: number, count = rows.length): Cell[][] {
  const out = rows.map((r) =>
    r.length >= width ? r : [...r, ...new Array<Cell>(width - r.length).fill('')],
  );
  while (out.length < count) out.push(new Array<Cell>(width).fill(''));
  return out;
}
