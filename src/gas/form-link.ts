// A form's link to this workbook, made once and kept (both Forms); the sheet it writes into is found by linked-sheet.ts.
/// <reference types="google-apps-script" />

import { isTransient, withRetry } from './retry';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Links the form to this workbook unless it already is; true when it linked it now. */
export function ensureLinked(form: GoogleAppsScript.Forms.Form, ss: Spreadsheet): boolean {
  let destination = '';
  try {
    destination = withRetry(() => form.getDestinationId());
  } catch (e) {
    // Google throws when the form has no destination; a passing failure is not that.
    if (isTransient(e)) throw e;
  }
  if (destination === ss.getId()) return false;
  withRetry(() => form.setDestination(FormApp.DestinationType.SPREADSHEET, ss.getId()));
  return true;
}
