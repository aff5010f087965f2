// The hidden `Số liệu bảng điều khiển` sheet: the dashboard's per unit and month sums (with their days), written whole by a refresh, read in one call by a picker change.
/// <reference types="google-apps-script" />

import { formatDmy, formatTime, vnDateOf } from '../core/dates';
import { rowCells, rowsOfCells, type TallyRow } from '../core/tally';
import { pad, writeBlock } from './cells';
import { LOOP_SHEETS } from './loop-names';
import { sheetNamed } from './sheet-cache';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Cell = string | number | boolean | Date;

const NAME = LOOP_SHEETS.tallies;
const HEADER = ['Đơn vị và tháng', 'Tổng của tháng', 'Từng ngày', 'Từng lần kiểm tra'];
const WIDTH = HEADER.length;
// B1 says when the refresh that wrote the rows ran, as the dashboard's status line says it.
const STAMP = / · cập nhật (\d{2}\/\d{2}\/\d{4} \d{2}:\d{2})$/;

/** When a refresh ran, as the dashboard says it: `21/02/2019 08:35`. */
export const stampOf = (at: number): string => `${formatDmy(vnDateOf(at))} ${formatTime(at)}`;

/** The sheet, made (hidden, warning-only protected) when missing. */
export function tallySheet(ss: Spreadsheet): GoogleAppsScript.Spreadsheet.Sheet {
  const found = sheetNamed(ss, NAME);
  if (found) return found;
  const sheet = ss.insertSheet(NAME);
  sheet.getRange(1, 1, 1, WIDTH).setValues([HEADER]);
  sheet.setFrozenRows(1);
  sheet.hideSheet();
  sheet
    .protect()
    .setDescription('Số liệu tập lệnh tính cho bảng điều khiển: sửa ở đây sẽ bị ghi đè.')
    .setWarningOnly(true);
  return sheet;
}

/**
 * Writes every row (bounded by units × months) and the refresh time in one write that also
 * blanks rows a longer aggregate left; the same facts give the same rows (twice = once).
 */
export function writeTallies(ss: Spreadsheet, rows: readonly TallyRow[], stamp: string): void {
  const sheet = tallySheet(ss);
  const head = [...HEADER];
  head[1] = `${HEADER[1]} · cập nhật ${stamp}`;
  const block: Cell[][] = [head, ...rows.map(rowCells)];
  const before = sheet.getLastRow();
  if (block.length > sheet.getMaxRows())
    sheet.insertRowsAfter(sheet.getMaxRows(), block.length - sheet.getMaxRows() + 100);
  writeBlock(ss, NAME, 1, 1, pad(block, WIDTH, Math.max(block.length, before)));
}

/** The rows as the last refresh wrote them and when (one read), or null before the first refresh. */
export function readTallies(ss: Spreadsheet): { rows: TallyRow[]; stamp: string } | null {
  const sheet = sheetNamed(ss, NAME);
  if (!sheet) return null;
  const values = sheet.getDataRange().getValues();
  const stamp = STAMP.exec(String(values[0]?.[1] ?? ''))?.[1];
  if (!stamp) return null;
  return { rows: rowsOfCells(values.slice(1)), stamp };
}
