// Sheets looked up once per execution: each execution is a fresh realm, and no flow deletes the loop's sheets while it runs.
/// <reference types="google-apps-script" />

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const found = new Map<string, Sheet>();

/** The sheet of that name (looked up once per execution), or null when there is none. */
export function sheetNamed(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  name: string,
): Sheet | null {
  const known = found.get(name);
  if (known) return known;
  const sheet = ss.getSheetByName(name);
  if (sheet) found.set(name, sheet);
  return sheet;
}
