// What a failure says to the office: Google's text, except where it names nothing a person can act on (a sheet someone deleted).
/// <reference types="google-apps-script" />

import { LOOP_SHEETS } from '../core/loop-names';
import { CONFIG_SHEETS, DERIVED_SHEETS } from '../core/names';

// Google's text when an A1 reference names a sheet that no longer exists.
const RANGE_NOT_FOUND = /Range not found/i;

// The sheets the script reads and writes by name (the form's response sheet is found by its link).
const EXPECTED: readonly string[] = [
  ...CONFIG_SHEETS,
  ...DERIVED_SHEETS,
  LOOP_SHEETS.dashboard,
  LOOP_SHEETS.actions,
  LOOP_SHEETS.facts,
  LOOP_SHEETS.tallies,
];

/**
 * An error's message for the log, the menu and the office's email. "Range not found" is said as
 * which sheet is missing and what to do (one extra call, only on that failure).
 */
export function messageOf(e: unknown): string {
  const message = e instanceof Error ? e.message || String(e) : String(e);
  if (!RANGE_NOT_FOUND.test(message)) return message;
  try {
    const present = new Set(
      SpreadsheetApp.getActiveSpreadsheet()
        .getSheets()
        .map((s) => s.getName()),
    );
    const gone = EXPECTED.filter((n) => !present.has(n));
    if (gone.length === 0) return message;
    return `Thiếu trang ${gone.map((n) => `"${n}"`).join(', ')}: hãy chạy "Thiết lập".`;
  } catch {
    return message;
  }
}
