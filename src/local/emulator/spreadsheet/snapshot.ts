// Read-only snapshots of spreadsheets and sheets (for the xlsx exporter and tests).
import type { RuleCondition, RuleFormat } from './conditional-format-rule-builder';
import { isAutomatic, isDateFormat, msOfSerial } from './formats';
import {
  a1Of,
  type BorderSpec,
  type Cell,
  type CellValue,
  DEFAULTS,
  formatOf,
  hasContent,
} from './helpers';
import { EmuRange } from './range';
import type { EmuSheet } from './sheet';
import type { EmuSpreadsheet } from './spreadsheet';

// ---------------------------------------------------------------------------------------------
// Snapshot: everything an exporter needs, read without counting.

/** One cell that has content or a format other than the default. */
export interface CellSnapshot {
  row: number;
  column: number;
  value: CellValue;
  display: string;
  formula: string;
  /** '' when automatic. */
  numberFormat: string;
  background: string;
  fontColor: string;
  fontWeight: 'normal' | 'bold';
  fontStyle: 'normal' | 'italic';
  fontFamily: string;
  fontSize: number;
  horizontalAlignment: string;
  verticalAlignment: string;
  wrap: boolean;
  borders: { top?: BorderSpec; left?: BorderSpec; bottom?: BorderSpec; right?: BorderSpec };
}

/** A range by coordinates. */
export interface RangeSnapshot {
  sheet: string;
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
  a1: string;
}

export interface ProtectionSnapshot {
  type: 'RANGE' | 'SHEET';
  range: RangeSnapshot;
  description: string;
  warningOnly: boolean;
  editors: string[];
  unprotectedRanges: RangeSnapshot[];
}

export interface RuleSnapshot {
  condition: RuleCondition | null;
  format: RuleFormat;
  ranges: RangeSnapshot[];
}

export interface SheetSnapshot {
  name: string;
  sheetId: number;
  /** 1-based tab position. */
  index: number;
  hidden: boolean;
  tabColor: string | null;
  maxRows: number;
  maxColumns: number;
  lastRow: number;
  lastColumn: number;
  frozenRows: number;
  frozenColumns: number;
  /** Column → width in pixels, for columns not at the default. */
  columnWidths: Record<number, number>;
  rowHeights: Record<number, number>;
  defaultColumnWidth: number;
  defaultRowHeight: number;
  /** getValues of the data range (`[]` when empty). */
  values: CellValue[][];
  displayValues: string[][];
  formulas: string[][];
  /** Cells with content or a non-default format, row by row. */
  cells: CellSnapshot[];
  merges: RangeSnapshot[];
  protections: ProtectionSnapshot[];
  conditionalFormatRules: RuleSnapshot[];
}

export interface SpreadsheetSnapshot {
  id: string;
  name: string;
  url: string;
  timeZone: string;
  locale: string;
  activeSheet: string;
  sheets: SheetSnapshot[];
}

const rangeSnapshot = (r: EmuRange): RangeSnapshot => ({
  sheet: r._sheet._name,
  row: r._row,
  column: r._col,
  numRows: r._numRows,
  numColumns: r._numCols,
  a1: a1Of(r._row, r._col, r._numRows, r._numCols),
});

function isDefaultFormat(cell: Cell): boolean {
  return (
    cell.numberFormat === '' &&
    cell.background === DEFAULTS.background &&
    cell.fontColor === DEFAULTS.fontColor &&
    cell.fontWeight === 'normal' &&
    cell.fontStyle === 'normal' &&
    cell.fontFamily === DEFAULTS.fontFamily &&
    cell.fontSize === DEFAULTS.fontSize &&
    cell.horizontalAlignment === DEFAULTS.horizontalAlignment &&
    cell.verticalAlignment === DEFAULTS.verticalAlignment &&
    !cell.wrap &&
    Object.keys(cell.borders).length === 0
  );
}

function sparse(values: (number | undefined)[]): Record<number, number> {
  const out: Record<number, number> = {};
  values.forEach((v, i) => {
    if (v !== undefined) out[i + 1] = v;
  });
  return out;
}

/** Non-Apps-Script: one sheet's full state. Counts no calls. */
export function snapshotSheet(sheet: EmuSheet): SheetSnapshot {
  const lastRow = sheet._lastRow();
  const lastColumn = sheet._lastCol();
  const box = <T>(read: (r: number, c: number) => T): T[][] =>
    Array.from({ length: lastRow }, (_, i) =>
      Array.from({ length: lastColumn }, (_, j) => read(i + 1, j + 1)),
    );
  const cells: CellSnapshot[] = [];
  sheet._rows.forEach((line, i) => {
    line?.forEach((cell, j) => {
      if (!cell || (!hasContent(cell) && isDefaultFormat(cell))) return;
      cells.push({
        row: i + 1,
        column: j + 1,
        value: sheet._value(i + 1, j + 1),
        display: sheet._display(i + 1, j + 1),
        formula: cell.formula,
        ...formatOf(cell),
        borders: { ...cell.borders },
      });
    });
  });
  const protections = [
    ...(sheet._sheetProtection ? [sheet._sheetProtection] : []),
    ...sheet._rangeProtections,
  ].map((p) => ({
    type: p._type,
    range: rangeSnapshot(p._rangeRef ?? new EmuRange(sheet, 1, 1, sheet._maxRows, sheet._maxCols)),
    description: p._description,
    warningOnly: p._warningOnly,
    editors: p._editors.slice(),
    unprotectedRanges: p._unprotected.map(rangeSnapshot),
  }));
  return {
    name: sheet._name,
    sheetId: sheet._sheetId,
    index: sheet._ss._sheets.indexOf(sheet) + 1,
    hidden: sheet._hidden,
    tabColor: sheet._tabColor,
    maxRows: sheet._maxRows,
    maxColumns: sheet._maxCols,
    lastRow,
    lastColumn,
    frozenRows: sheet._frozenRows,
    frozenColumns: sheet._frozenCols,
    columnWidths: sparse(sheet._colWidths),
    rowHeights: sparse(sheet._rowHeights),
    defaultColumnWidth: DEFAULTS.columnWidth,
    defaultRowHeight: DEFAULTS.rowHeight,
    values: box((r, c) => sheet._value(r, c)),
    displayValues: box((r, c) => sheet._display(r, c)),
    formulas: box((r, c) => sheet._cell(r, c)?.formula ?? ''),
    cells,
    merges: sheet._merges.map(([r, c, nr, nc]) => rangeSnapshot(new EmuRange(sheet, r, c, nr, nc))),
    protections,
    conditionalFormatRules: sheet._rules.map((rule) => ({
      condition: rule._condition
        ? { type: rule._condition.type, values: rule._condition.values.slice() }
        : null,
      format: { ...rule._format },
      ranges: rule._ranges.map(rangeSnapshot),
    })),
  };
}

/** Non-Apps-Script: a spreadsheet's full state, sheets in tab order. Counts no calls. */
export function snapshot(spreadsheet: EmuSpreadsheet): SpreadsheetSnapshot {
  return {
    id: spreadsheet._id,
    name: spreadsheet._name,
    url: `https://docs.google.com/spreadsheets/d/${spreadsheet._id}/edit`,
    timeZone: spreadsheet._timeZone,
    locale: spreadsheet._locale,
    activeSheet: spreadsheet._activeSheet._name,
    sheets: spreadsheet._sheets.map(snapshotSheet),
  };
}

// ---------------------------------------------------------------------------------------------
// Lean reading for exporters of large sheets: what `snapshot` gives, without building it.
//
// `snapshot` copies every cell (value, display text and all format fields) and also builds the
// `values`/`displayValues`/`formulas` boxes: at 100,000 form responses that is millions of
// objects and gigabytes. The readers below hand the same information over row by row instead.
// None of them is Apps Script, and none counts a call.

/** The format fields of a cell, as in `CellSnapshot`. */
export type CellFormatView = Readonly<
  Omit<CellSnapshot, 'row' | 'column' | 'value' | 'display' | 'formula'>
>;

/** One cell as `snapshotSheetRows` hands it over. */
export interface CellRowView {
  column: number;
  /** As getValues returns it: the same as `CellSnapshot.value`. */
  value: CellValue;
  /** '' when the cell holds no formula. */
  formula: string;
  /**
   * The emulator's own format fields, shared rather than copied: read them during the call only,
   * and never change them (that would change the sheet).
   */
  format: CellFormatView;
}

/** `SheetSnapshot` without the cell contents (`values`, `displayValues`, `formulas`, `cells`). */
export type SheetLayoutSnapshot = Omit<
  SheetSnapshot,
  'values' | 'displayValues' | 'formulas' | 'cells'
>;

/** `SpreadsheetSnapshot` with its sheets as `SheetLayoutSnapshot`s. */
export interface SpreadsheetLayoutSnapshot extends Omit<SpreadsheetSnapshot, 'sheets'> {
  sheets: SheetLayoutSnapshot[];
}

/** Non-Apps-Script: a sheet's layout, rules and protections: `snapshotSheet` minus the cells. */
export function snapshotSheetLayout(sheet: EmuSheet): SheetLayoutSnapshot {
  return {
    name: sheet._name,
    sheetId: sheet._sheetId,
    index: sheet._ss._sheets.indexOf(sheet) + 1,
    hidden: sheet._hidden,
    tabColor: sheet._tabColor,
    maxRows: sheet._maxRows,
    maxColumns: sheet._maxCols,
    lastRow: sheet._lastRow(),
    lastColumn: sheet._lastCol(),
    frozenRows: sheet._frozenRows,
    frozenColumns: sheet._frozenCols,
    columnWidths: sparse(sheet._colWidths),
    rowHeights: sparse(sheet._rowHeights),
    defaultColumnWidth: DEFAULTS.columnWidth,
    defaultRowHeight: DEFAULTS.rowHeight,
    merges: sheet._merges.map(([r, c, nr, nc]) => rangeSnapshot(new EmuRange(sheet, r, c, nr, nc))),
    protections: [
      ...(sheet._sheetProtection ? [sheet._sheetProtection] : []),
      ...sheet._rangeProtections,
    ].map((p) => ({
      type: p._type,
      range: rangeSnapshot(
        p._rangeRef ?? new EmuRange(sheet, 1, 1, sheet._maxRows, sheet._maxCols),
      ),
      description: p._description,
      warningOnly: p._warningOnly,
      editors: p._editors.slice(),
      unprotectedRanges: p._unprotected.map(rangeSnapshot),
    })),
    conditionalFormatRules: sheet._rules.map((rule) => ({
      condition: rule._condition
        ? { type: rule._condition.type, values: rule._condition.values.slice() }
        : null,
      format: { ...rule._format },
      ranges: rule._ranges.map(rangeSnapshot),
    })),
  };
}

/** Non-Apps-Script: `snapshot` with `snapshotSheetLayout` sheets (no cell contents). */
export function snapshotLayout(spreadsheet: EmuSpreadsheet): SpreadsheetLayoutSnapshot {
  return {
    id: spreadsheet._id,
    name: spreadsheet._name,
    url: `https://docs.google.com/spreadsheets/d/${spreadsheet._id}/edit`,
    timeZone: spreadsheet._timeZone,
    locale: spreadsheet._locale,
    activeSheet: spreadsheet._activeSheet._name,
    sheets: spreadsheet._sheets.map(snapshotSheetLayout),
  };
}

/** One row as `snapshotSheetRows` yields it. */
export interface SheetRowView {
  row: number;
  /** Columns ascending; never empty. */
  cells: CellRowView[];
}

/**
 * Non-Apps-Script: the cells of `snapshotSheet(sheet).cells` (content or a non-default format),
 * one row at a time in row order; rows without such cells are skipped. Each cell has the same
 * `value` and `formula` as in the snapshot; its format is shared (see `CellRowView.format`), and
 * there is no display text: ask `sheet._display(row, column)` for the few cells that need it.
 * Memory stays at one row whatever the size of the sheet, and a consumer can pause between rows
 * (e.g. to let a writer drain). Do not change the sheet while iterating.
 */
export function* snapshotSheetRows(sheet: EmuSheet): Generator<SheetRowView, void, undefined> {
  // isDateFormat parses the pattern; a sheet uses a handful of them.
  const dateFormat = new Map<string, boolean>();
  const app = sheet._ss._app;
  const tz = sheet._ss._timeZone;
  const rows = sheet._rows;
  for (let i = 0; i < rows.length; i++) {
    const line = rows[i];
    if (!line) continue;
    const row = i + 1;
    const cells: CellRowView[] = [];
    for (let j = 0; j < line.length; j++) {
      const cell = line[j];
      if (!cell || (!hasContent(cell) && isDefaultFormat(cell))) continue;
      let value: CellValue = cell.value;
      if (cell.formula !== '') {
        value = sheet._value(row, j + 1);
      } else if (typeof value === 'number' && !isAutomatic(cell.numberFormat)) {
        let isDateCell = dateFormat.get(cell.numberFormat);
        if (isDateCell === undefined) {
          isDateCell = isDateFormat(cell.numberFormat);
          dateFormat.set(cell.numberFormat, isDateCell);
        }
        // As `_value`: a date cell reads as a Date in the spreadsheet's zone, others as stored.
        if (isDateCell) value = app._makeDate(msOfSerial(value, tz));
      }
      cells.push({ column: j + 1, value, formula: cell.formula, format: cell });
    }
    if (cells.length > 0) yield { row, cells };
  }
}
