// The hidden `Số liệu theo ngày` sheet: the dashboard's per unit and day sums in unit-month rows, written whole by a refresh, read in one call by a picker change.
/// <reference types="google-apps-script" />

import { formatDmy, formatTime, vnDateOf } from '../core/dates';
import { type DayTally, tallyDays, tallyRows } from '../core/tally';
import { pad, writeBlock } from './cells';
import { LOOP_SHEETS } from './loop-names';
import { sheetNamed } from './sheet-cache';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Cell = string | number | boolean | Date;

const NAME = LOOP_SHEETS.tallies;
const LABEL = 'Đơn vị và tháng';
const DATA = 'Số liệu theo ngày';
const WIDTH = 2;
// B1 says when the refresh that wrote the rows ran, as the dashboard's status line says it.
const STAMP = / · cập nhật (\d{2}\/\d{2}\/\d{4} \d{2}:\d{2})$/;

/** When the refresh ran, as the dashboard says it: `21/02/2019 08:35`. */
export const stampOf = (at: number): string => `${formatDmy(vnDateOf(at))} ${formatTime(at)}`;

/** The sheet, made (hidden, warning-only protected) when missing. */
export function tallySheet(ss: Spreadsheet): GoogleAppsScript.Spreadsheet.Sheet {
  const found = sheetNamed(ss, NAME);
  if (found) return found;
  const sheet = ss.insertSheet(NAME);
  sheet.getRange(1, 1, 1, WIDTH).setValues([[LABEL, DATA]]);
  sheet.setFrozenRows(1);
  sheet.hideSheet();
  sheet
    .protect()
    .setDescription('Số liệu tập lệnh tính cho bảng điều khiển: sửa ở đây sẽ bị ghi đè.')
    .setWarningOnly(true);
  return sheet;
}

/**
 * Writes every tally (rows bounded by units × months) with the refresh time, in one write that
 * also blanks rows a longer aggregate left; the same facts give the same rows (twice = once).
 */
export function writeTallies(ss: Spreadsheet, days: readonly DayTally[], at: number): void {
  const sheet = tallySheet(ss);
  const rows: Cell[][] = [[LABEL, `${DATA} · cập nhật ${stampOf(at)}`], ...tallyRows(days)];
  const before = sheet.getLastRow();
  if (rows.length > sheet.getMaxRows())
    sheet.insertRowsAfter(sheet.getMaxRows(), rows.length - sheet.getMaxRows() + 100);
  writeBlock(ss, NAME, 1, 1, pad(rows, WIDTH, Math.max(rows.length, before)));
}

/** The tallies as the last refresh wrote them and when (one read), or null before the first refresh. */
export function readTallies(ss: Spreadsheet): { days: DayTally[]; stamp: string } | null {
  const sheet = sheetNamed(ss, NAME);
  if (!sheet) return null;
  const values = sheet.getDataRange().getValues();
  const stamp = STAMP.exec(String(values[0]?.[1] ?? ''))?.[1];
  if (!stamp) return null;
  return { days: tallyDays(values.slice(1).map((r) => r[1])), stamp };
}
