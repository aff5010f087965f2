// The sheet a form writes into, found by its link to the form (Google may show it only after a flush or later).

import { openOrNull } from './retry';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

// Pauses before looking again for a sheet Google has not shown yet (it may add it a moment later).
const SHEET_WAITS_MS = [2000, 4000];

/**
 * The sheet the form writes into, found by its link to the form (`Sheet.getFormUrl()`), so a
 * renamed sheet is still found and the localised name Google gives it is never assumed. Pending
 * changes are flushed first and the search is repeated after a pause; null when Google does not
 * show it in this execution.
 */
export function findResponseSheet(
  ss: Spreadsheet,
  form: GoogleAppsScript.Forms.Form,
  lastName: string,
): Sheet | null {
  const id = form.getId();
  const published = /\/forms\/d\/e\/([-\w]+)/.exec(form.getPublishedUrl())?.[1] ?? '';
  const isOurs = (url: string): boolean => {
    if (url.includes(id) || (published !== '' && url.includes(published))) return true;
    // Some other URL shape: ask FormApp which form it is (gone or unreadable: not ours).
    try {
      return openOrNull(() => FormApp.openByUrl(url))?.getId() === id;
    } catch {
      return false;
    }
  };
  // The sheet found last time, if it still carries the link, saves asking every sheet.
  const last = lastName ? ss.getSheetByName(lastName) : null;
  const lastUrl = last?.getFormUrl();
  if (last && lastUrl && isOurs(lastUrl)) return last;
  for (let attempt = 0; ; attempt++) {
    SpreadsheetApp.flush();
    for (const sheet of ss.getSheets()) {
      const url = sheet.getFormUrl();
      if (url && isOurs(url)) return sheet;
    }
    if (attempt >= SHEET_WAITS_MS.length) return null;
    Utilities.sleep(SHEET_WAITS_MS[attempt]);
  }
}
