// Workbook I/O in batches: configuration, the response sheet, block edits of the derived sheets, the summary, the log.
/// <reference types="google-apps-script" />

import { type AppConfig, type CONFIG_HEADERS, readTables } from '../core/config-tables';
import { type EvalContext, makeContext } from '../core/evaluate';
import { HEADERS, MACHINE_HEADERS, SHEETS } from '../core/names';
import { mapColumns } from '../core/records';
import { columnLetter, pad, safe, writeBlock } from './cells';
import { summaryPeriodLine } from './loop';
import { type BlockEdit, WIDTH } from './projection';
import { noteScoringConfig } from './rescore';
import {
  type IndexRow,
  type Layout,
  layoutOf,
  parseIndex,
  parseResponseTable,
  parseRow,
  type ResponseRow,
  type ResponseTable,
  type RowState,
  readStateCells,
  stateBlockAt,
  stateCells,
} from './response-table';
import { readStore, type Stored, saveConfig, saveProps } from './store';
import { trustOf } from './trust';

/** A configuration problem the office must fix; the message lists every problem. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Cấu hình chưa hợp lệ:\n- ${problems.join('\n- ')}`);
    this.name = 'ConfigError';
  }
}

// Rows added at a time when a derived sheet runs out of grid, so growth costs a call rarely.
export const GROW_BY = 1000;

/** What one execution works with. */
export interface Session {
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet;
  store: Stored;
  app: AppConfig;
}

/** Opens the bound workbook and the configuration (cached; read from the sheets when stale). */
export function openSession(): Session {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const store = readStore();
  const app = store.app ?? loadConfigFromSheets(ss);
  return { ss, store, app };
}

/** Reads and validates the config sheets, caching the result; throws ConfigError listing every problem. */
export function loadConfigFromSheets(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): AppConfig {
  const tables: Record<string, (string | number | boolean | Date)[][]> = {};
  const names: Record<keyof typeof CONFIG_HEADERS, string> = {
    settings: SHEETS.settings,
    criteria: SHEETS.criteria,
    tiers: SHEETS.tiers,
    units: SHEETS.units,
    inspectors: SHEETS.inspectors,
  };
  for (const [key, name] of Object.entries(names)) {
    const sheet = ss.getSheetByName(name);
    if (sheet) tables[key] = sheet.getDataRange().getValues();
  }
  const result = readTables(tables);
  if (!result.ok) throw new ConfigError(result.errors);
  saveConfig(result.value, tables.settings ?? null);
  if (noteScoringConfig(result.value))
    logLine(
      'config',
      'Cấu hình chấm điểm (tiêu chí, xếp loại, đơn vị hoặc cán bộ kiểm tra) đã thay đổi: mọi phiếu đã chấm sẽ được chấm lại theo cấu hình mới ở lần chạy tự động tiếp theo (trong vòng 5 phút). Đến lúc đó, trang Tổng hợp và Kết quả có thể còn phiếu tính theo cấu hình cũ.',
    );
  return result.value;
}

/** The evaluation context for the response sheet's columns (dates typed as text read in the office's order). */
export function contextFor(app: AppConfig, header: string[]): EvalContext {
  const map = mapColumns(header, app.config.checklist);
  return makeContext(
    app.config,
    app.settings.dateOrder ?? 'dmy',
    map?.titles,
    app.inspectors,
    trustOf(app),
  );
}

/** The response sheet: its object, its values and the parsed table. */
export interface Responses {
  sheet: GoogleAppsScript.Spreadsheet.Sheet;
  values: (string | number | boolean | Date)[][];
  table: ResponseTable;
}

const NO_SHEET = 'Chưa có trang câu trả lời của biểu mẫu: hãy chạy "Thiết lập" trước.';

function responseSheetOf(s: Session): GoogleAppsScript.Spreadsheet.Sheet {
  const sheet = s.store.responseSheet ? s.ss.getSheetByName(s.store.responseSheet) : null;
  if (!sheet) throw new Error(NO_SHEET);
  return sheet;
}

const MISSING_STATE = 'Trang câu trả lời thiếu các cột [KTCV]: hãy chạy "Thiết lập" lại.';

/** Reads the whole response sheet in one call (rebuild, reconcile, reports). */
export function readResponses(s: Session): Responses {
  const sheet = responseSheetOf(s);
  const values = sheet.getDataRange().getValues();
  const table = parseResponseTable(values, s.app.config.checklist);
  if (!table) throw new Error(`Trang "${sheet.getName()}" không có cột "Đơn vị được kiểm tra".`);
  return { sheet, values, table };
}

/** The response sheet as its header, Timestamp column and state block tell it: no answers read. */
export interface ResponseIndex {
  sheet: GoogleAppsScript.Spreadsheet.Sheet;
  layout: Layout;
  rows: IndexRow[];
}

/**
 * Reads what a submission or the worker needs to know of every row (4 calls whatever is
 * stored): the header row, the Timestamp column and the state block.
 */
export function readIndex(s: Session): ResponseIndex {
  const sheet = responseSheetOf(s);
  const lastRow = sheet.getLastRow();
  const lastCol = sheet.getLastColumn();
  const header = lastCol > 0 ? sheet.getRange(1, 1, 1, lastCol).getValues()[0] : [];
  const layout = layoutOf(header, s.app.config.checklist);
  if (!layout) throw new Error(`Trang "${sheet.getName()}" không có cột "Đơn vị được kiểm tra".`);
  if (!layout.stateColumn) throw new Error(MISSING_STATE);
  const n = lastRow - 1;
  const ts = n > 0 && layout.tsColumn ? sheet.getRange(2, layout.tsColumn, n, 1).getValues() : [];
  const state =
    n > 0 ? sheet.getRange(2, layout.stateColumn, n, MACHINE_HEADERS.length).getValues() : [];
  return { sheet, layout, rows: parseIndex(ts, state) };
}

/**
 * The same as readIndex for a few known rows only (the ones a submission just changed): the
 * header and each row's state block, one call per row, whatever is stored.
 */
export function readIndexRows(s: Session, rows: readonly number[]): ResponseIndex {
  const sheet = responseSheetOf(s);
  const lastCol = sheet.getLastColumn();
  const header = lastCol > 0 ? sheet.getRange(1, 1, 1, lastCol).getValues()[0] : [];
  const layout = layoutOf(header, s.app.config.checklist);
  if (!layout) throw new Error(`Trang "${sheet.getName()}" không có cột "Đơn vị được kiểm tra".`);
  if (!layout.stateColumn) throw new Error(MISSING_STATE);
  const out: IndexRow[] = [...new Set(rows)]
    .sort((a, b) => a - b)
    .map((row) => ({
      row,
      ts: null,
      state: readStateCells(
        sheet.getRange(row, layout.stateColumn, 1, MACHINE_HEADERS.length).getValues()[0],
      ),
    }));
  return { sheet, layout, rows: out };
}

/**
 * What a submission reads first of the response sheet, through A1 ranges on its stored name (no
 * sheet look-up, no size query): the header row and the Timestamp column.
 */
export interface QuickIndex {
  name: string;
  layout: Layout;
  /** The Timestamp cell of each row from row 2 to the last row that has one. */
  ts: (number | null)[];
  /** The last row with a timestamp (1 when none). */
  lastRow: number;
}

const quotedName = (name: string): string => `'${name.replace(/'/g, "''")}'`;

/** Values of an A1 range of the response sheet. */
function readA1(s: Session, ref: string): Cell[][] {
  const name = quotedName(s.store.responseSheet);
  let range: GoogleAppsScript.Spreadsheet.Range;
  try {
    range = s.ss.getRange(`${name}!${ref}`);
  } catch (e) {
    // The stored sheet is gone (deleted or renamed): say what to do.
    if ((e as Error).message === 'Range not found') throw new Error(NO_SHEET);
    throw e;
  }
  return range.getValues();
}

type Cell = string | number | boolean | Date;

/**
 * The header and Timestamp column of the response sheet (two calls whatever is stored; the
 * column costs one cell a row); null when the sheet has no Timestamp column.
 */
export function quickIndex(s: Session): QuickIndex | null {
  const name = s.store.responseSheet;
  if (!name) throw new Error(NO_SHEET);
  const header = readA1(s, '1:1')[0] ?? [];
  let width = header.length;
  while (width > 0 && (header[width - 1] === '' || header[width - 1] === null)) width--;
  const layout = layoutOf(header.slice(0, width), s.app.config.checklist);
  if (!layout) throw new Error(`Trang "${name}" không có cột "Đơn vị được kiểm tra".`);
  if (!layout.stateColumn) throw new Error(MISSING_STATE);
  if (!layout.tsColumn) return null;
  const col = columnLetter(layout.tsColumn);
  const ts: (number | null)[] = readA1(s, `${col}2:${col}`).map((r) =>
    r[0] instanceof Date ? r[0].getTime() : null,
  );
  let n = ts.length;
  while (n > 0 && ts[n - 1] === null) n--;
  ts.length = n;
  return { name, layout, ts, lastRow: n + 1 };
}

/** One state column (0-based within the block) of rows 2 to `lastRow`, in one call. */
export function readStateColumn(s: Session, q: QuickIndex, k: number): Cell[] {
  if (q.lastRow < 2) return [];
  const col = columnLetter(q.layout.stateColumn + k);
  return readA1(s, `${col}2:${col}${q.lastRow}`).map((r) => r[0]);
}

/** Some rows read whole: one call per run of rows at most `gap` apart. */
export function readRowsAt(
  s: Session,
  q: QuickIndex,
  rows: readonly number[],
  gap = 5,
): ResponseRow[] {
  const sorted = [...new Set(rows)].sort((a, b) => a - b);
  const out: ResponseRow[] = [];
  const last = columnLetter(q.layout.width);
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] - sorted[j] <= gap) j++;
    const from = sorted[i];
    const lines = readA1(s, `A${from}:${last}${sorted[j]}`);
    for (let k = i; k <= j; k++) {
      const r = parseRow(q.layout, lines[sorted[k] - from] ?? [], sorted[k]);
      if (r) out.push(r);
    }
    i = j + 1;
  }
  return out;
}

/** Every row's state (the whole block, one call) with its timestamp: what placing by position needs. */
export function readStatesQuick(s: Session, q: QuickIndex): IndexRow[] {
  if (q.lastRow < 2) return [];
  const first = columnLetter(q.layout.stateColumn);
  const lastCol = columnLetter(q.layout.stateColumn + MACHINE_HEADERS.length - 1);
  const block = readA1(s, `${first}2:${lastCol}${q.lastRow}`);
  return parseIndex(
    q.ts.map((t) => [t === null ? '' : new Date(t)]),
    block,
  );
}

/** One response row read whole (one call); null when its form cells are blank. */
export function readRow(ix: ResponseIndex, row: number): ResponseRow | null {
  const line = ix.sheet.getRange(row, 1, 1, ix.layout.width).getValues()[0];
  return parseRow(ix.layout, line, row);
}

/** Writes the state block of one row (one call). */
export function writeState(s: Session, ix: { layout: Layout }, row: number, state: RowState): void {
  // The sheet was found by the stored name: asking it for its name again is a server round trip.
  writeBlock(s.ss, s.store.responseSheet, row, ix.layout.stateColumn, [stateCells(state)]);
}

/**
 * Re-reads one row's state (the caller holds the lock), lets `change` edit it, and writes it back
 * when `change` returns true; false when the row no longer holds response `id`.
 */
export function updateState(
  s: Session,
  ix: ResponseIndex,
  row: number,
  id: string,
  change: (state: RowState) => boolean,
): boolean {
  const cells = ix.sheet
    .getRange(row, ix.layout.stateColumn, 1, MACHINE_HEADERS.length)
    .getValues();
  const state = readStateCells(cells[0]);
  if (state.id !== id) return false;
  if (change(state)) writeState(s, ix, row, state);
  return true;
}

// 1-based column of the biên bản link in `Kết quả`.
const RESULTS_LINK = HEADERS.results.indexOf('Biên bản') + 1;

/**
 * Puts a biên bản link on the `Kết quả` row of a response, found by its id (column A), or by its
 * response row (column B) when it has no id: never by position, which a user may have changed.
 */
export function setResultLink(s: Session, id: string, row: number, link: string): void {
  const sheet = s.ss.getSheetByName(SHEETS.results);
  if (!sheet) return;
  const last = sheet.getLastRow();
  if (last < 2) return;
  const keys = sheet.getRange(2, 1, last - 1, 2).getValues();
  const k = keys.findIndex((r) => (id ? String(r[0]) === id : r[0] === '' && Number(r[1]) === row));
  if (k >= 0) writeBlock(s.ss, SHEETS.results, k + 2, RESULTS_LINK, [[link]]);
}

/** The grid size (max rows) of a derived sheet, from the store or, once, from the sheet. */
function gridOf(s: Session, name: string): number {
  const known = s.store.grid[name];
  if (known) return known;
  const sheet = s.ss.getSheetByName(name);
  if (!sheet) throw new Error(`Thiếu trang "${name}": hãy chạy "Thiết lập".`);
  const rows = sheet.getMaxRows();
  s.store.grid[name] = rows;
  return rows;
}

/** Applies block edits (already ordered last row first); returns whether the grid sizes changed. */
export function applyEdits(s: Session, edits: readonly BlockEdit[]): boolean {
  let gridChanged = false;
  for (const e of edits) {
    const width = WIDTH[e.sheet];
    const n = e.rows.length;
    if (e.atEnd) {
      // Nothing follows: overwrite, blanking what the old block had beyond the new one.
      const count = Math.max(n, e.oldCount);
      const need = e.start + count - 1;
      const grid = gridOf(s, e.sheet);
      if (need > grid) {
        (s.ss.getSheetByName(e.sheet) as GoogleAppsScript.Spreadsheet.Sheet).insertRowsAfter(
          grid,
          Math.max(GROW_BY, need - grid),
        );
        s.store.grid[e.sheet] = grid + Math.max(GROW_BY, need - grid);
        gridChanged = true;
      }
      writeBlock(s.ss, e.sheet, e.start, 1, pad(e.rows, width, count));
      continue;
    }
    if (n !== e.oldCount) {
      const sheet = s.ss.getSheetByName(e.sheet) as GoogleAppsScript.Spreadsheet.Sheet;
      if (n > e.oldCount) sheet.insertRowsAfter(e.start + e.oldCount - 1, n - e.oldCount);
      else sheet.deleteRows(e.start + n, e.oldCount - n);
      s.store.grid[e.sheet] = gridOf(s, e.sheet) + n - e.oldCount;
      gridChanged = true;
    }
    writeBlock(s.ss, e.sheet, e.start, 1, pad(e.rows, width));
  }
  return gridChanged;
}

/**
 * Rewrites the summary sheet (rows below the header), blanking rows a longer summary left; a
 * line below the units says which period it covers.
 */
export function writeSummary(s: Session, ranked: (string | number | Date)[][]): boolean {
  const rows = [...ranked, [], ['', '', summaryPeriodLine(s)]];
  const key = `${SHEETS.summary}.used`;
  const used = s.store.grid[key] ?? 0;
  const count = Math.max(rows.length, used);
  if (count > 0) writeBlock(s.ss, SHEETS.summary, 2, 1, pad(rows, WIDTH[SHEETS.summary], count));
  const changed = used !== rows.length;
  s.store.grid[key] = rows.length;
  return changed;
}

/** Persists grid sizes after edits that changed them. */
export function saveGrid(s: Session): void {
  saveProps({ grid: s.store.grid });
}

/** Appends one line to the log sheet (time, function, message); never throws. */
export function logLine(fn: string, message: string): void {
  try {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const sheet = ss.getSheetByName(SHEETS.log) ?? ss.insertSheet(SHEETS.log);
    if (sheet.getLastRow() === 0) sheet.appendRow([...HEADERS.log]);
    sheet.appendRow([new Date(), fn, safe(message)]);
  } catch (e) {
    console.error(`${fn}: ${message} (không ghi được nhật ký: ${(e as Error).message})`);
  }
}

/**
 * Adds the [KTCV] state columns to the right of every used column, once: a block counts only
 * when all its headers stand in order (a partly deleted block is replaced, not half-read).
 */
export function ensureStateColumns(sheet: GoogleAppsScript.Spreadsheet.Sheet): boolean {
  const width = sheet.getLastColumn();
  const header = width ? sheet.getRange(1, 1, 1, width).getValues()[0].map(String) : [];
  if (stateBlockAt(header) >= 0) return false;
  const col = width + 1;
  const need = col + MACHINE_HEADERS.length - 1;
  if (sheet.getMaxColumns() < need)
    sheet.insertColumnsAfter(sheet.getMaxColumns(), need - sheet.getMaxColumns());
  sheet
    .getRange(1, col, 1, MACHINE_HEADERS.length)
    .setValues([[...MACHINE_HEADERS]])
    .setFontColor('#777777');
  return true;
}
