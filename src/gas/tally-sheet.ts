// The hidden `Số liệu bảng điều khiển` sheet: the dashboard's per unit and month sums (with their days), written whole by a refresh, read in one call by a picker change.
/// <reference types="google-apps-script" />

import { formatDmy, formatTime, vnDateOf } from '../core/dates';
import { LOOP_SHEETS } from '../core/loop-names';
import { rowCells, rowHash, rowsOfCells, type TallyRow } from '../core/tally';
import { pad, writeBlock } from './cells';
import { sheetNamed } from './sheet-cache';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const NAME = LOOP_SHEETS.tallies;
const HEADER = ['Đơn vị và tháng', 'Tổng của tháng', 'Từng ngày', 'Từng lần kiểm tra', 'Mã kiểm'];
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
 * Writes the rows (bounded by units × months) and the refresh time: reads the stored rows'
 * fingerprints (one column) and rewrites from the first row that changed (usually the current
 * month's), blanking rows a longer aggregate left. The same facts give the same rows, so a
 * second refresh writes only the time (twice = once); `whole` (a rebuild) rewrites every row.
 */
export function writeTallies(
  ss: Spreadsheet,
  rows: readonly TallyRow[],
  stamp: string,
  whole = false,
): void {
  const sheet = tallySheet(ss);
  const cells = rows.map((r) => {
    const c = rowCells(r);
    return [...c, rowHash(c)];
  });
  const last = sheet.getLastRow();
  const old =
    last > 1
      ? sheet
          .getRange(2, WIDTH, last - 1, 1)
          .getValues()
          .map((r) => String(r[0]))
      : [];
  let same = 0;
  while (!whole && same < cells.length && same < old.length && cells[same][WIDTH - 1] === old[same])
    same++;
  writeBlock(ss, NAME, 1, 2, [[`${HEADER[1]} · cập nhật ${stamp}`]]);
  const count = Math.max(cells.length, old.length) - same;
  if (count === 0) return;
  if (1 + same + count > sheet.getMaxRows())
    sheet.insertRowsAfter(sheet.getMaxRows(), 1 + same + count - sheet.getMaxRows() + 100);
  writeBlock(ss, NAME, 2 + same, 1, pad(cells.slice(same), WIDTH, count));
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
