// Sheet: one grid (sizes, rows, columns, frozen panes, rules, charts, Google-side writes).
import {
  ChartStore,
  type EmuEmbeddedChart,
  EmuEmbeddedChartBuilder,
  ValidationStore,
} from '../charts';
import { GAS_TYPE, gasError, gasTypeNames, isDate, signatureError } from '../errors';
import type { GasEnumValue } from '../utilities';
import { EmuConditionalFormatRule } from './conditional-format-rule';
import {
  formatGeneral,
  formatNumber,
  formatSheetsDate,
  isAutomatic,
  isDateFormat,
  msOfSerial,
  normalizeColor,
  parseUserInput,
  serialOf,
} from './formats';
import {
  blankCell,
  type Cell,
  type CellValue,
  checkCellText,
  clearWhat,
  copyCell,
  DATE_TIME_FORMAT,
  DEFAULTS,
  duplicateName,
  hasContent,
  int,
  parseA1,
  splitSheetPrefix,
} from './helpers';
import { EmuProtection } from './protection';
import { EmuRange } from './range';
import type { EmuSpreadsheet } from './spreadsheet';

/** Values written from script or by Google; options say whether strings are parsed as typed input. */
export interface GoogleWriteOptions {
  /** Parse strings like typed input (numbers, dates, `=` formulas). Default false: stored as text. */
  userEntered?: boolean;
}

/** A `Sheet`. */
export class EmuSheet {
  _name: string;
  _maxRows: number;
  _maxCols: number;
  /** `_rows[r - 1][c - 1]`; holes are empty cells. */
  _rows: ((Cell | undefined)[] | undefined)[] = [];
  _frozenRows = 0;
  _frozenCols = 0;
  _colWidths: (number | undefined)[] = [];
  _rowHeights: (number | undefined)[] = [];
  _tabColor: string | null = null;
  _hidden = false;
  _sheetProtection: EmuProtection | null = null;
  _rangeProtections: EmuProtection[] = [];
  _rules: EmuConditionalFormatRule[] = [];
  /** Merged areas as [row, column, numRows, numColumns]. */
  _merges: [number, number, number, number][] = [];
  _deleted = false;
  /** The URL of the form that writes into this sheet, set by the FormApp emulator when it links. */
  _formUrl: string | null = null;
  /** Embedded charts and data-validation rules (charts.ts). */
  _charts = new ChartStore();
  _validations = new ValidationStore();

  constructor(
    readonly _ss: EmuSpreadsheet,
    name: string,
    readonly _sheetId: number,
    rows: number,
    columns: number,
  ) {
    this._name = name;
    this._maxRows = rows;
    this._maxCols = columns;
  }

  get [GAS_TYPE](): string {
    return 'SpreadsheetApp.Sheet';
  }

  private rec(method: string, cells = 0): void {
    this._ss._app._log.record('Sheet', method, cells);
  }

  private bad(method: string, args: ArrayLike<unknown>): Error {
    return signatureError(gasTypeNames(args), 'SpreadsheetApp', 'Sheet', method);
  }

  /** Integer arguments, or the signature error. */
  private ints(method: string, args: ArrayLike<unknown>, min: number, max = min): number[] {
    const out = Array.from(args, int);
    if (args.length < min || args.length > max || out.some((n) => n === null))
      throw this.bad(method, args);
    return out as number[];
  }

  getName(): string {
    this.rec('getName');
    return this._name;
  }

  /** Renames; a name already used (any case, U) throws the duplicate-name error (C). */
  setName(...args: [name: string]): EmuSheet {
    const [name] = args;
    this.rec('setName');
    if (typeof name !== 'string') throw this.bad('setName', args);
    if (this._ss._nameTaken(name, this)) throw duplicateName(name);
    this._name = name;
    return this;
  }

  getSheetId(): number {
    this.rec('getSheetId');
    return this._sheetId;
  }

  /**
   * The linked form's URL, or null (V: reference/spreadsheet Sheet.getFormUrl). Which URL Google
   * returns is U: the published `/d/e/…/viewform` one is given here, the stricter reading, since it
   * does not contain the form's id.
   */
  getFormUrl(): string | null {
    this.rec('getFormUrl');
    return this._formUrl;
  }

  /** 1-based position among the tabs. */
  getIndex(): number {
    this.rec('getIndex');
    return this._ss._sheets.indexOf(this) + 1;
  }

  getParent(): EmuSpreadsheet {
    this.rec('getParent');
    return this._ss;
  }

  /** `(row, column)`, `(row, column, numRows)`, `(row, column, numRows, numColumns)` or `(a1)`. */
  getRange(
    ...args:
      | [a1Notation: string]
      | [row: number, column: number, numRows?: number, numColumns?: number]
  ): EmuRange {
    this.rec('getRange');
    return this._rangeFromArgs(args, 'getRange');
  }

  /** A1 to the last row and column with content; A1 alone on an empty sheet. */
  getDataRange(): EmuRange {
    this.rec('getDataRange');
    return new EmuRange(this, 1, 1, Math.max(this._lastRow(), 1), Math.max(this._lastCol(), 1));
  }

  /** Last row with content; 0 when empty (reference §1, U: gas-fakes says 1). */
  getLastRow(): number {
    this.rec('getLastRow');
    return this._lastRow();
  }

  getLastColumn(): number {
    this.rec('getLastColumn');
    return this._lastCol();
  }

  getMaxRows(): number {
    this.rec('getMaxRows');
    return this._maxRows;
  }

  getMaxColumns(): number {
    this.rec('getMaxColumns');
    return this._maxCols;
  }

  insertRowsAfter(...args: [afterPosition: number, howMany: number]): EmuSheet {
    this.rec('insertRowsAfter');
    const [after, n] = this.ints('insertRowsAfter', args, 2);
    this.insertRows(after, n);
    return this;
  }

  /** Inserts an empty row after `afterPosition` (what a user's "Insert 1 row below" does). */
  insertRowAfter(...args: [afterPosition: number]): EmuSheet {
    this.rec('insertRowAfter');
    const [after] = this.ints('insertRowAfter', args, 1);
    this.insertRows(after, 1);
    return this;
  }

  /**
   * Inserts an empty row before `beforePosition` (a user's "Insert 1 row above"); the new row
   * takes no formats of its neighbours (U: Sheets' UI copies the row above's).
   */
  insertRowBefore(...args: [beforePosition: number]): EmuSheet {
    this.rec('insertRowBefore');
    const [before] = this.ints('insertRowBefore', args, 1);
    if (before < 1) throw gasError('Those rows are out of bounds.');
    this.insertRows(before - 1, 1);
    return this;
  }

  insertRowsBefore(...args: [beforePosition: number, howMany: number]): EmuSheet {
    this.rec('insertRowsBefore');
    const [before, n] = this.ints('insertRowsBefore', args, 2);
    if (before < 1) throw gasError('Those rows are out of bounds.');
    this.insertRows(before - 1, n);
    return this;
  }

  /** Deletes one row (a user's "Delete row"); the rows below move up. */
  deleteRow(...args: [rowPosition: number]): EmuSheet {
    this.rec('deleteRow');
    const [at] = this.ints('deleteRow', args, 1);
    this.deleteRowsAt(at, 1);
    return this;
  }

  /** Deleting past the grid or every non-frozen row is refused (U for both texts). */
  deleteRows(...args: [rowPosition: number, howMany: number]): void {
    this.rec('deleteRows');
    const [at, n] = this.ints('deleteRows', args, 2);
    this.deleteRowsAt(at, n);
  }

  insertColumnsAfter(...args: [afterPosition: number, howMany: number]): EmuSheet {
    this.rec('insertColumnsAfter');
    const [after, n] = this.ints('insertColumnsAfter', args, 2);
    this.insertColumns(after, n);
    return this;
  }

  deleteColumns(...args: [columnPosition: number, howMany: number]): void {
    this.rec('deleteColumns');
    const [at, n] = this.ints('deleteColumns', args, 2);
    this.deleteColumnsAt(at, n);
  }

  /**
   * Writes after the last row with content, from column A, parsing like typed input; the grid grows
   * by the row (and by columns when the row is wider, U).
   */
  appendRow(...args: [rowContents: unknown[]]): EmuSheet {
    const [rowContents] = args;
    this.rec('appendRow', Array.isArray(rowContents) ? rowContents.length : 0);
    if (!Array.isArray(rowContents) || rowContents.length === 0 || args.length !== 1)
      throw this.bad('appendRow', args);
    checkCellText(rowContents);
    this.writeRow(this._lastRow() + 1, rowContents, true);
    return this;
  }

  /** Clears values and formats; with `{contentsOnly}` or `{formatOnly}` only those. */
  clear(options?: { contentsOnly?: boolean; formatOnly?: boolean }): EmuSheet {
    this.rec('clear', this._lastRow() * this._lastCol());
    this._clearBox(1, 1, this._maxRows, this._maxCols, clearWhat(options));
    return this;
  }

  clearContents(): EmuSheet {
    this.rec('clearContents', this._lastRow() * this._lastCol());
    this._clearBox(1, 1, this._maxRows, this._maxCols, 'contents');
    return this;
  }

  /** Returns nothing: no chaining (V). */
  setFrozenRows(...args: [rows: number]): void {
    this.rec('setFrozenRows');
    [this._frozenRows] = this.ints('setFrozenRows', args, 1);
  }

  /** Returns nothing: no chaining (V). */
  setFrozenColumns(...args: [columns: number]): void {
    this.rec('setFrozenColumns');
    [this._frozenCols] = this.ints('setFrozenColumns', args, 1);
  }

  getFrozenRows(): number {
    this.rec('getFrozenRows');
    return this._frozenRows;
  }

  getFrozenColumns(): number {
    this.rec('getFrozenColumns');
    return this._frozenCols;
  }

  setColumnWidth(...args: [columnPosition: number, width: number]): EmuSheet {
    this.rec('setColumnWidth');
    const [col, w] = this.ints('setColumnWidth', args, 2);
    this._colWidths[col - 1] = w;
    return this;
  }

  setColumnWidths(...args: [startColumn: number, numColumns: number, width: number]): EmuSheet {
    this.rec('setColumnWidths');
    const [start, n, w] = this.ints('setColumnWidths', args, 3);
    for (let c = start; c < start + n; c++) this._colWidths[c - 1] = w;
    return this;
  }

  /** Pixels; 100 by default. */
  getColumnWidth(...args: [columnPosition: number]): number {
    this.rec('getColumnWidth');
    const [col] = this.ints('getColumnWidth', args, 1);
    return this._colWidths[col - 1] ?? DEFAULTS.columnWidth;
  }

  setRowHeight(...args: [rowPosition: number, height: number]): EmuSheet {
    this.rec('setRowHeight');
    const [row, h] = this.ints('setRowHeight', args, 2);
    this._rowHeights[row - 1] = h;
    return this;
  }

  /**
   * Sets widths from the displayed text (about 7 px a character plus padding; U: live measures the
   * font). Empty columns keep their width.
   */
  autoResizeColumns(...args: [startColumn: number, numColumns: number]): EmuSheet {
    this.rec('autoResizeColumns');
    const [start, n] = this.ints('autoResizeColumns', args, 2);
    this.autoResize(start, n);
    return this;
  }

  /** A colour, or null to remove it. */
  setTabColor(color: string | null): EmuSheet {
    this.rec('setTabColor');
    this._tabColor = color === null ? null : normalizeColor(color, '');
    return this;
  }

  getTabColor(): string | null {
    this.rec('getTabColor');
    return this._tabColor;
  }

  hideSheet(): EmuSheet {
    this.rec('hideSheet');
    this._hidden = true;
    return this;
  }

  isSheetHidden(): boolean {
    this.rec('isSheetHidden');
    return this._hidden;
  }

  /** The sheet's protection; a second call returns the same one (U). */
  protect(): EmuProtection {
    this.rec('protect');
    if (!this._sheetProtection) this._sheetProtection = new EmuProtection(this, 'SHEET', null);
    return this._sheetProtection;
  }

  /** Protections of one type (`SpreadsheetApp.ProtectionType.SHEET` or `RANGE`). */
  getProtections(...args: [type: GasEnumValue | string]): EmuProtection[] {
    const [type] = args;
    this.rec('getProtections');
    const t = String(type);
    if (args.length !== 1 || (t !== 'SHEET' && t !== 'RANGE'))
      throw this.bad('getProtections', args);
    if (t === 'SHEET') return this._sheetProtection ? [this._sheetProtection] : [];
    return this._rangeProtections.slice();
  }

  /** Replaces every rule on the sheet (reference §1: get, push, set); returns nothing. */
  setConditionalFormatRules(...args: [rules: EmuConditionalFormatRule[]]): void {
    const [rules] = args;
    this.rec('setConditionalFormatRules');
    if (!Array.isArray(rules) || !rules.every((r) => r instanceof EmuConditionalFormatRule))
      throw this.bad('setConditionalFormatRules', args);
    this._rules = rules.slice();
  }

  getConditionalFormatRules(): EmuConditionalFormatRule[] {
    this.rec('getConditionalFormatRules');
    return this._rules.slice();
  }

  clearConditionalFormatRules(): void {
    this.rec('clearConditionalFormatRules');
    this._rules = [];
  }

  newChart(): EmuEmbeddedChartBuilder {
    this.rec('newChart');
    return new EmuEmbeddedChartBuilder(this._ss._app._log);
  }

  insertChart(chart: EmuEmbeddedChart): void {
    this.rec('insertChart');
    this._charts.insert(chart);
  }

  updateChart(chart: EmuEmbeddedChart): void {
    this.rec('updateChart');
    this._charts.update(chart);
  }

  removeChart(chart: EmuEmbeddedChart): void {
    this.rec('removeChart');
    this._charts.remove(chart);
  }

  getCharts(): EmuEmbeddedChart[] {
    this.rec('getCharts');
    return this._charts.charts.slice();
  }

  // ----- Non-Apps-Script hooks -----

  /** Google's own append (a form response): after the last row with content; returns its row. */
  _googleAppendRow(values: unknown[], options: GoogleWriteOptions = {}): number {
    const row = this._lastRow() + 1;
    this._ss._app._log.uncounted(() => this.writeRow(row, values, options.userEntered === true));
    return row;
  }

  /** Google's own rewrite of a row in place (a response edit); cells past `values` stay. */
  _googleWriteRow(row: number, values: unknown[], options: GoogleWriteOptions = {}): void {
    this._ss._app._log.uncounted(() => this.writeRow(row, values, options.userEntered === true));
  }

  /** A Range without counting a call; the same checks as getRange. */
  _range(row: number, column: number, numRows = 1, numColumns = 1): EmuRange {
    this._check(row, column, numRows, numColumns);
    return new EmuRange(this, row, column, numRows, numColumns);
  }

  /** Non-Apps-Script: the cell or undefined. */
  _cell(row: number, column: number): Cell | undefined {
    return this._rows[row - 1]?.[column - 1];
  }

  _ensure(row: number, column: number): Cell {
    const cell = this._cell(row, column);
    if (cell) return cell;
    const fresh = blankCell();
    this._put(row, column, fresh);
    return fresh;
  }

  /** Non-Apps-Script: sets or removes the cell object itself. */
  _put(row: number, column: number, cell: Cell | undefined): void {
    let line = this._rows[row - 1];
    if (!line) {
      if (!cell) return;
      line = [];
      this._rows[row - 1] = line;
    }
    line[column - 1] = cell;
  }

  /** Writes one value: Dates become serials with a date format, strings parse when `userEntered`. */
  _write(row: number, column: number, input: unknown, userEntered: boolean): void {
    if ((input === null || input === undefined || input === '') && !this._cell(row, column)) return;
    const cell = this._ensure(row, column);
    cell.formula = '';
    if (input === null || input === undefined || input === '') {
      cell.value = '';
    } else if (isDate(input)) {
      const ms = input.getTime();
      cell.value = Number.isNaN(ms) ? '' : serialOf(ms, this._ss._timeZone);
      if (isAutomatic(cell.numberFormat)) cell.numberFormat = DATE_TIME_FORMAT;
    } else if (typeof input === 'number' || typeof input === 'boolean') {
      cell.value = input;
    } else {
      const text = String(input);
      if (!userEntered || cell.numberFormat === '@') {
        cell.value = text;
        return;
      }
      const parsed = parseUserInput(text);
      cell.value = parsed.value;
      cell.formula = parsed.formula;
      if (parsed.format && isAutomatic(cell.numberFormat)) cell.numberFormat = parsed.format;
    }
  }

  /** The stored or computed value before number-format typing. */
  _raw(row: number, column: number): CellValue {
    const cell = this._cell(row, column);
    if (!cell) return '';
    return cell.formula ? '' : cell.value;
  }

  /** The value as getValues returns it: date-formatted numbers are Dates (copies), empties ''. */
  _value(row: number, column: number): CellValue {
    const cell = this._cell(row, column);
    if (!cell) return '';
    const v = this._raw(row, column);
    const app = this._ss._app;
    if (typeof v === 'number' && isDateFormat(cell.numberFormat))
      return app._makeDate(msOfSerial(v, this._ss._timeZone));
    if (isDate(v)) {
      const explicitNumber =
        !isAutomatic(cell.numberFormat) &&
        cell.numberFormat !== '@' &&
        !isDateFormat(cell.numberFormat);
      return explicitNumber
        ? serialOf(v.getTime(), this._ss._timeZone)
        : app._makeDate(v.getTime());
    }
    return v;
  }

  /** The text getDisplayValues shows. */
  _display(row: number, column: number): string {
    const cell = this._cell(row, column);
    if (!cell) return '';
    const v = this._raw(row, column);
    const fmt = cell.numberFormat;
    const tz = this._ss._timeZone;
    if (v === '') return '';
    if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
    if (typeof v === 'string') return v;
    if (isDate(v)) {
      if (isDateFormat(fmt)) return formatSheetsDate(v.getTime(), fmt, tz);
      if (isAutomatic(fmt) || fmt === '@')
        return formatSheetsDate(v.getTime(), DATE_TIME_FORMAT, tz);
      return formatNumber(serialOf(v.getTime(), tz), fmt);
    }
    if (isAutomatic(fmt) || fmt === '@') return formatGeneral(v);
    if (isDateFormat(fmt)) return formatSheetsDate(msOfSerial(v, tz), fmt, tz);
    return formatNumber(v, fmt);
  }

  _lastRow(): number {
    for (let r = this._rows.length - 1; r >= 0; r--)
      if (this._rows[r]?.some(hasContent)) return r + 1;
    return 0;
  }

  _lastCol(): number {
    let last = 0;
    for (const line of this._rows) {
      if (!line) continue;
      for (let c = line.length - 1; c >= last; c--) {
        if (hasContent(line[c])) {
          last = c + 1;
          break;
        }
      }
    }
    return last;
  }

  /** The getRange checks, in the order live reports them (C). */
  _check(row: number, column: number, numRows: number, numColumns: number): void {
    if (row < 1) throw gasError('The starting row of the range is too small.');
    if (column < 1) throw gasError('The starting column of the range is too small.');
    if (numRows < 1) throw gasError('The number of rows in the range must be at least 1.');
    if (numColumns < 1) throw gasError('The number of columns in the range must be at least 1.');
    if (row + numRows - 1 > this._maxRows || column + numColumns - 1 > this._maxCols) {
      throw gasError('The coordinates of the range are outside the dimensions of the sheet.');
    }
  }

  /** A1 notation on this sheet (a `Sheet!` prefix must name this sheet); bad text: `Range not found` (U). */
  _a1Range(a1: string): EmuRange {
    const { sheet, ref } = splitSheetPrefix(a1);
    if (sheet !== null && sheet !== this._name) throw gasError('Range not found');
    const box = parseA1(ref, this._maxRows, this._maxCols);
    if (!box) throw gasError('Range not found');
    this._check(...box);
    return new EmuRange(this, ...box);
  }

  _rangeFromArgs(args: ArrayLike<unknown>, method: string): EmuRange {
    if (args.length === 1 && typeof args[0] === 'string') return this._a1Range(args[0]);
    const nums = Array.from(args, int);
    if (args.length < 2 || args.length > 4 || nums.some((n) => n === null))
      throw this.bad(method, args);
    const [row, column, numRows = 1, numColumns = 1] = nums as number[];
    this._check(row, column, numRows, numColumns);
    return new EmuRange(this, row, column, numRows, numColumns);
  }

  /** Clears contents, formats or both in a box. */
  _clearBox(
    row: number,
    column: number,
    numRows: number,
    numColumns: number,
    what: 'all' | 'contents' | 'formats',
  ): void {
    for (let r = row; r < row + numRows && r <= this._rows.length; r++) {
      const line = this._rows[r - 1];
      if (!line) continue;
      for (let c = column; c < column + numColumns && c <= line.length; c++) {
        const cell = line[c - 1];
        if (!cell) continue;
        if (what === 'all') line[c - 1] = undefined;
        else if (what === 'contents') {
          cell.value = '';
          cell.formula = '';
        } else {
          const kept = blankCell();
          kept.value = cell.value;
          kept.formula = cell.formula;
          line[c - 1] = kept;
        }
      }
    }
  }

  /** A copy of this sheet in `ss` (insertSheet's template). */
  _copyInto(ss: EmuSpreadsheet, name: string, sheetId: number): EmuSheet {
    const copy = new EmuSheet(ss, name, sheetId, this._maxRows, this._maxCols);
    copy._rows = this._rows.map((line) =>
      line ? line.map((cell) => (cell ? copyCell(cell) : undefined)) : line,
    );
    copy._frozenRows = this._frozenRows;
    copy._frozenCols = this._frozenCols;
    copy._colWidths = this._colWidths.slice();
    copy._rowHeights = this._rowHeights.slice();
    copy._merges = this._merges.map((m) => [...m] as [number, number, number, number]);
    copy._rules = this._rules.map((rule) => rule._movedTo(copy));
    return copy;
  }

  private writeRow(row: number, values: unknown[], userEntered: boolean): void {
    const rows = Math.max(row, this._maxRows);
    const cols = Math.max(values.length, this._maxCols);
    this._ss._ensureRoom(rows * cols - this._maxRows * this._maxCols);
    this._maxRows = rows;
    this._maxCols = cols;
    values.forEach((v, i) => {
      this._write(row, i + 1, v, userEntered);
    });
  }

  private insertRows(after: number, n: number): void {
    if (after < 0 || after > this._maxRows || n < 1)
      throw gasError('Those rows are out of bounds.');
    this._ss._ensureRoom(n * this._maxCols);
    if (after < this._rows.length)
      this._rows.splice(after, 0, ...new Array<(Cell | undefined)[]>(n));
    if (after < this._rowHeights.length)
      this._rowHeights.splice(after, 0, ...new Array<number | undefined>(n));
    this._maxRows += n;
  }

  private deleteRowsAt(at: number, n: number): void {
    if (at < 1 || n < 1 || at + n - 1 > this._maxRows)
      throw gasError('Those rows are out of bounds.');
    if (this._maxRows - n <= this._frozenRows)
      throw gasError('Sorry, it is not possible to delete all non-frozen rows.');
    this._rows.splice(at - 1, n);
    this._rowHeights.splice(at - 1, n);
    this._maxRows -= n;
  }

  private insertColumns(after: number, n: number): void {
    if (after < 0 || after > this._maxCols || n < 1)
      throw gasError('Those columns are out of bounds.');
    this._ss._ensureRoom(n * this._maxRows);
    for (const line of this._rows)
      if (line && after < line.length) line.splice(after, 0, ...new Array<Cell | undefined>(n));
    if (after < this._colWidths.length)
      this._colWidths.splice(after, 0, ...new Array<number | undefined>(n));
    this._maxCols += n;
  }

  private deleteColumnsAt(at: number, n: number): void {
    if (at < 1 || n < 1 || at + n - 1 > this._maxCols)
      throw gasError('Those columns are out of bounds.');
    if (this._maxCols - n <= this._frozenCols)
      throw gasError('Sorry, it is not possible to delete all non-frozen columns.');
    for (const line of this._rows) line?.splice(at - 1, n);
    this._colWidths.splice(at - 1, n);
    this._maxCols -= n;
  }

  private autoResize(start: number, n: number): void {
    for (let c = start; c < start + n; c++) {
      let longest = 0;
      for (let r = 1; r <= this._rows.length; r++)
        if (hasContent(this._cell(r, c))) longest = Math.max(longest, this._display(r, c).length);
      if (longest > 0) this._colWidths[c - 1] = Math.max(24, longest * 7 + 10);
    }
  }
}
