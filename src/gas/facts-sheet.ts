// The hidden `Dữ liệu kiểm tra` sheet: one compact row per scored inspection, kept by response id, read in one call.
/// <reference types="google-apps-script" />

import { FACT_HEADERS, factFromRow, factOf, factRow, type InspectionFact } from '../core/facts';
import { LOOP_SHEETS } from '../core/loop-names';
import type { Config } from '../core/types';
import { pad, safe, writeBlock } from './cells';
import type { RowOutcome } from './projection';
import { sheetNamed } from './sheet-cache';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Cell = string | number | boolean | Date;

/** The facts sheet, made (hidden, with its header) when missing. */
export function factsSheet(ss: Spreadsheet): GoogleAppsScript.Spreadsheet.Sheet {
  const found = sheetNamed(ss, LOOP_SHEETS.facts);
  if (found) return found;
  const sheet = ss.insertSheet(LOOP_SHEETS.facts);
  sheet.getRange(1, 1, 1, FACT_HEADERS.length).setValues([[...FACT_HEADERS]]);
  sheet.setFrozenRows(1);
  sheet.hideSheet();
  sheet
    .protect()
    .setDescription('Số liệu tập lệnh giữ cho bảng điều khiển: sửa ở đây sẽ bị ghi đè.')
    .setWarningOnly(true);
  return sheet;
}

/** An outcome's id as actions are keyed: the response id, or the row for a row never matched. */
export const outcomeId = (o: RowOutcome): string => o.state.id || `dòng ${o.row}`;

// The sheet's rows as last read or written in this execution (each execution is a fresh realm),
// so a submission reads the facts once for its upsert and its refresh.
let held: Cell[][] | null = null;

function rowsOf(ss: Spreadsheet): Cell[][] {
  if (!held) held = factsSheet(ss).getDataRange().getValues();
  return held;
}

/**
 * Every fact stored (read once per execution); blank or damaged rows are skipped, and of two rows
 * with one response id the later counts (a new response's fact is appended without a look at the
 * ids, so a run stopped at the wrong moment may leave an earlier copy).
 */
export function readFacts(ss: Spreadsheet): InspectionFact[] {
  if (!held && !sheetNamed(ss, LOOP_SHEETS.facts)) return [];
  const values = rowsOf(ss);
  const byId = new Map<string, InspectionFact>();
  for (let i = 1; i < values.length; i++) {
    const f = factFromRow(values[i]);
    if (!f) continue;
    byId.delete(f.id);
    byId.set(f.id, f);
  }
  return [...byId.values()];
}

const factOfOutcome = (config: Config, o: RowOutcome): InspectionFact | null =>
  o.state.status === 'ok' && o.inspection
    ? factOf(config, outcomeId(o), o.inspection, o.raw)
    : null;

const blankRow = (): Cell[] => new Array<Cell>(FACT_HEADERS.length).fill('');

/**
 * Upserts the facts of the responses a submission touched: a scored one replaces its row (or is
 * appended), one sent to review blanks its row. One read, then one write per touched response.
 * `fresh`: the outcomes are of responses scored for the first time, whose facts are appended after
 * the last row without reading the ids (a call, not a read of one cell per stored fact).
 */
export function upsertFacts(
  ss: Spreadsheet,
  config: Config,
  outcomes: readonly RowOutcome[],
  fresh = false,
): void {
  if (fresh && !held) {
    for (const o of outcomes) {
      const f = factOfOutcome(config, o);
      if (f) factsSheetFast(ss).appendRow(pad([factRow(f)], FACT_HEADERS.length)[0].map(safe));
    }
    return;
  }
  // Only the id column when the rows are not held already: a submission's upsert then reads one
  // cell per stored fact, not the whole sheet, and learns the grid's size from the same read.
  const values = held;
  const column = values ? null : idColumn(ss);
  const ids = column ? column.ids : (values ?? []).map((r) => String(r[0]));
  let grid = column ? column.grid : -1;
  let next = ids.length + 1;
  for (const o of outcomes) {
    const f = factOfOutcome(config, o);
    const id = outcomeId(o);
    // The last row with the id is the one that counts (see readFacts).
    const at = ids.lastIndexOf(id);
    if (!f && at < 1) continue;
    const row = at >= 1 ? at + 1 : next++;
    // Appending past the grid: grow it by a thousand rows, rarely.
    if (at < 1) {
      const sheet = grid < 0 || row > grid ? factsSheet(ss) : null;
      if (sheet && grid < 0) grid = sheet.getMaxRows();
      if (sheet && row > grid) {
        sheet.insertRowsAfter(grid, 1000);
        grid += 1000;
      }
    }
    const cells = pad([f ? factRow(f) : []], FACT_HEADERS.length);
    writeBlock(ss, LOOP_SHEETS.facts, row, 1, cells);
    while (ids.length < row) ids.push('');
    ids[row - 1] = f ? id : '';
    if (!values) continue;
    while (values.length < row) values.push(blankRow());
    values[row - 1] = cells[0];
  }
}

/** The facts sheet through a range of it (two calls answered locally), made when missing. */
function factsSheetFast(ss: Spreadsheet): GoogleAppsScript.Spreadsheet.Sheet {
  try {
    return ss.getRange(`'${LOOP_SHEETS.facts.replace(/'/g, "''")}'!A1`).getSheet();
  } catch {
    return factsSheet(ss);
  }
}

/**
 * The facts sheet's first column (response ids, header included, to the last used row) and its
 * grid's rows, in one read of the open column.
 */
function idColumn(ss: Spreadsheet): { ids: string[]; grid: number } {
  const name = `'${LOOP_SHEETS.facts.replace(/'/g, "''")}'`;
  let cells: Cell[][];
  try {
    cells = ss.getRange(`${name}!A1:A`).getValues();
  } catch {
    // No such sheet yet (before the loop's setup made it), or a passing failure: by the sheet.
    const sheet = factsSheet(ss);
    cells = sheet.getRange(1, 1, sheet.getMaxRows(), 1).getValues();
  }
  let used = cells.length;
  while (used > 0 && (cells[used - 1][0] === '' || cells[used - 1][0] === null)) used--;
  return { ids: cells.slice(0, used).map((r) => String(r[0])), grid: cells.length };
}

/**
 * Writes every fact from a rebuild's outcomes in one read and one write: each response keeps its
 * row (so a rebuild gives exactly what the submissions gave), new ones are appended, and facts of
 * responses no longer scored are blanked.
 */
export function writeAllFacts(
  ss: Spreadsheet,
  config: Config,
  outcomes: readonly RowOutcome[],
): void {
  const sheet = factsSheet(ss);
  const values = rowsOf(ss);
  const ids = values.map((r) => String(r[0]));
  const rows: Cell[][] = ids.slice(1).map(() => []);
  let next = ids.length + 1;
  for (const o of outcomes) {
    const f = factOfOutcome(config, o);
    if (!f) continue;
    const at = ids.lastIndexOf(f.id);
    const row = at >= 1 ? at + 1 : next++;
    rows[row - 2] = factRow(f);
  }
  for (let k = 0; k < rows.length; k++) if (!rows[k]) rows[k] = [];
  // Headroom, so the submissions that follow append without growing the grid.
  const grid = sheet.getMaxRows();
  if (rows.length + 1 > grid) sheet.insertRowsAfter(grid, rows.length + 1 - grid + 1000);
  const block = pad(rows, FACT_HEADERS.length);
  if (rows.length > 0) writeBlock(ss, LOOP_SHEETS.facts, 2, 1, block);
  held = [values[0] ?? [...FACT_HEADERS], ...block];
}
