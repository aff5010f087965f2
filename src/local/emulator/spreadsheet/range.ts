// Range: values, formulas, formats, borders, validation and protection of a block of cells.
import type { EmuDataValidation } from '../charts';
import { GAS_TYPE, gasError, gasTypeNames, isDate, signatureError } from '../errors';
import { isAutomatic, normalizeColor, serialOf } from './formats';
import {
  AUTOMATIC_FORMAT,
  a1Of,
  type Cell,
  type CellValue,
  checkCellText,
  clearWhat,
  DEFAULTS,
  hasContent,
  int,
  ownBorders,
} from './helpers';
import { EmuProtection } from './protection';
import type { EmuSheet } from './sheet';

// ---------------------------------------------------------------------------------------------
// Range.

const H_ALIGN: Record<string, string> = {
  left: 'left',
  center: 'center',
  right: 'right',
  normal: 'general-left',
  general: 'general',
};
const V_ALIGN = new Set(['top', 'middle', 'bottom']);

/** A `Range`: fixed coordinates on a sheet, 1-based. */
export class EmuRange {
  constructor(
    readonly _sheet: EmuSheet,
    readonly _row: number,
    readonly _col: number,
    readonly _numRows: number,
    readonly _numCols: number,
  ) {}

  get [GAS_TYPE](): string {
    return 'SpreadsheetApp.Range';
  }

  private get size(): number {
    return this._numRows * this._numCols;
  }

  private rec(method: string, cells = 0): void {
    this._sheet._ss._app._log.record('Range', method, cells);
  }

  private bad(method: string, args: ArrayLike<unknown>): Error {
    return signatureError(gasTypeNames(args), 'SpreadsheetApp', 'Range', method);
  }

  private grid<T>(read: (row: number, column: number) => T): T[][] {
    const out: T[][] = [];
    for (let r = 0; r < this._numRows; r++) {
      const line: T[] = [];
      for (let c = 0; c < this._numCols; c++) line.push(read(this._row + r, this._col + c));
      out.push(line);
    }
    return out;
  }

  private each(fn: (row: number, column: number, i: number, j: number) => void): void {
    for (let i = 0; i < this._numRows; i++)
      for (let j = 0; j < this._numCols; j++) fn(this._row + i, this._col + j, i, j);
  }

  /** Every cell gets the same change. */
  private format(fn: (cell: Cell) => void): this {
    this.each((r, c) => fn(this._sheet._ensure(r, c)));
    return this;
  }

  /** A 2-D array the size of the range, or the live errors (C) / the signature error. */
  private checkGrid<T>(
    data: unknown,
    method: string,
    args: ArrayLike<unknown>,
    cell: (v: unknown) => v is T,
  ): T[][] {
    if (args.length !== 1 || !Array.isArray(data) || !data.every((line) => Array.isArray(line)))
      throw this.bad(method, args);
    if (data.length !== this._numRows) {
      throw gasError(
        `The number of rows in the data does not match the number of rows in the range. The data has ${data.length} but the range has ${this._numRows}.`,
      );
    }
    for (const line of data as unknown[][]) {
      if (line.length !== this._numCols) {
        throw gasError(
          `The number of columns in the data does not match the number of columns in the range. The data has ${line.length} but the range has ${this._numCols}.`,
        );
      }
      if (!line.every(cell)) throw this.bad(method, args);
    }
    return data as T[][];
  }

  private readCell<T>(read: (cell: Cell | undefined) => T): T {
    return read(this._sheet._cell(this._row, this._col));
  }

  // ----- values -----

  /** Numbers, booleans, Dates (copies), strings; '' for empty cells, never null. */
  getValues(): CellValue[][] {
    this.rec('getValues', this.size);
    return this.grid((r, c) => this._sheet._value(r, c));
  }

  /** The top-left value. */
  getValue(): CellValue {
    this.rec('getValue', 1);
    return this._sheet._value(this._row, this._col);
  }

  getDisplayValues(): string[][] {
    this.rec('getDisplayValues', this.size);
    return this.grid((r, c) => this._sheet._display(r, c));
  }

  getDisplayValue(): string {
    this.rec('getDisplayValue', 1);
    return this._sheet._display(this._row, this._col);
  }

  /** One rule for every cell of the range; null removes them. */
  setDataValidation(rule: EmuDataValidation | null): EmuRange {
    this.rec('setDataValidation');
    this._sheet._validations.set(this, rule);
    return this;
  }

  /** The top-left cell's rule, or null. */
  getDataValidation(): EmuDataValidation | null {
    this.rec('getDataValidation');
    return this._sheet._validations.get(this._row, this._col);
  }

  clearDataValidations(): EmuRange {
    this.rec('clearDataValidations');
    this._sheet._validations.set(this, null);
    return this;
  }

  /** Writes `value` into every cell, strings parsed as typed input. */
  setValue(...args: [value: unknown]): EmuRange {
    const [value] = args;
    this.rec('setValue', this.size);
    if (args.length !== 1) throw this.bad('setValue', args);
    checkCellText([value]);
    this.each((r, c) => this._sheet._write(r, c, value, true));
    return this;
  }

  /** Exactly the range's size, strings parsed as typed input (a leading `=` becomes a formula). */
  setValues(...args: [values: unknown[][]]): EmuRange {
    const [values] = args;
    this.rec('setValues', this.size);
    const data = this.checkGrid(values, 'setValues', args, (v): v is unknown => true);
    for (const line of data) checkCellText(line);
    this.each((r, c, i, j) => this._sheet._write(r, c, data[i][j], true));
    return this;
  }

  getFormulas(): string[][] {
    this.rec('getFormulas', this.size);
    return this.grid((r, c) => this._sheet._cell(r, c)?.formula ?? '');
  }

  /** The top-left formula, '' when it holds none. */
  getFormula(): string {
    this.rec('getFormula', 1);
    return this.readCell((cell) => cell?.formula ?? '');
  }

  /** Removes values and formulas, keeps formats. */
  clearContent(): EmuRange {
    this.rec('clearContent', this.size);
    this._sheet._clearBox(this._row, this._col, this._numRows, this._numCols, 'contents');
    return this;
  }

  /** Values and formats; `{contentsOnly}` or `{formatOnly}` for one of them. */
  clear(options?: { contentsOnly?: boolean; formatOnly?: boolean }): EmuRange {
    this.rec('clear', this.size);
    this._sheet._clearBox(this._row, this._col, this._numRows, this._numCols, clearWhat(options));
    return this;
  }

  isBlank(): boolean {
    this.rec('isBlank', this.size);
    let blank = true;
    this.each((r, c) => {
      if (hasContent(this._sheet._cell(r, c))) blank = false;
    });
    return blank;
  }

  // ----- formats -----

  /** `'0.###############'` for automatic cells (GF oddities). */
  getNumberFormat(): string {
    this.rec('getNumberFormat');
    return this.readCell((cell) => shownFormat(cell));
  }

  getNumberFormats(): string[][] {
    this.rec('getNumberFormats');
    return this.grid((r, c) => shownFormat(this._sheet._cell(r, c)));
  }

  /** `'@'` makes later string writes stay text; `'general'` resets; null is refused (GF oddities). */
  setNumberFormat(...args: [numberFormat: string]): EmuRange {
    const [numberFormat] = args;
    this.rec('setNumberFormat');
    if (typeof numberFormat !== 'string' || args.length !== 1)
      throw this.bad('setNumberFormat', args);
    return this.format((cell) => {
      cell.numberFormat = isAutomatic(numberFormat) ? '' : numberFormat;
    });
  }

  setNumberFormats(...args: [numberFormats: string[][]]): EmuRange {
    const [numberFormats] = args;
    this.rec('setNumberFormats');
    const data = this.checkGrid(
      numberFormats,
      'setNumberFormats',
      args,
      (v): v is string => typeof v === 'string',
    );
    this.each((r, c, i, j) => {
      this._sheet._ensure(r, c).numberFormat = isAutomatic(data[i][j]) ? '' : data[i][j];
    });
    return this;
  }

  getBackground(): string {
    this.rec('getBackground');
    return this.readCell((cell) => cell?.background ?? DEFAULTS.background);
  }

  getBackgrounds(): string[][] {
    this.rec('getBackgrounds');
    return this.grid((r, c) => this._sheet._cell(r, c)?.background ?? DEFAULTS.background);
  }

  /** A colour (`#rrggbb` or a CSS name); null resets to white. */
  setBackground(color: string | null): EmuRange {
    this.rec('setBackground');
    return this.format((cell) => {
      cell.background = normalizeColor(color, DEFAULTS.background);
    });
  }

  setBackgrounds(...args: [color: (string | null)[][]]): EmuRange {
    const [color] = args;
    this.rec('setBackgrounds');
    const data = this.checkGrid(
      color,
      'setBackgrounds',
      args,
      (v): v is string | null => v === null || typeof v === 'string',
    );
    this.each((r, c, i, j) => {
      this._sheet._ensure(r, c).background = normalizeColor(data[i][j], DEFAULTS.background);
    });
    return this;
  }

  setFontColor(color: string | null): EmuRange {
    this.rec('setFontColor');
    return this.format((cell) => {
      cell.fontColor = normalizeColor(color, DEFAULTS.fontColor);
    });
  }

  getFontWeights(): string[][] {
    this.rec('getFontWeights');
    return this.grid((r, c) => this._sheet._cell(r, c)?.fontWeight ?? 'normal');
  }

  /** `'bold'` or `'normal'`; null resets. */
  setFontWeight(fontWeight: string | null): EmuRange {
    this.rec('setFontWeight');
    return this.format((cell) => {
      cell.fontWeight = fontWeight === 'bold' ? 'bold' : 'normal';
    });
  }

  setFontWeights(...args: [fontWeights: (string | null)[][]]): EmuRange {
    const [fontWeights] = args;
    this.rec('setFontWeights');
    const data = this.checkGrid(
      fontWeights,
      'setFontWeights',
      args,
      (v): v is string | null => v === null || typeof v === 'string',
    );
    this.each((r, c, i, j) => {
      this._sheet._ensure(r, c).fontWeight = data[i][j] === 'bold' ? 'bold' : 'normal';
    });
    return this;
  }

  setFontStyle(fontStyle: string | null): EmuRange {
    this.rec('setFontStyle');
    return this.format((cell) => {
      cell.fontStyle = fontStyle === 'italic' ? 'italic' : 'normal';
    });
  }

  getFontFamily(): string {
    this.rec('getFontFamily');
    return this.readCell((cell) => cell?.fontFamily ?? DEFAULTS.fontFamily);
  }

  setFontFamily(fontFamily: string | null): EmuRange {
    this.rec('setFontFamily');
    return this.format((cell) => {
      cell.fontFamily = fontFamily ?? DEFAULTS.fontFamily;
    });
  }

  getFontSize(): number {
    this.rec('getFontSize');
    return this.readCell((cell) => cell?.fontSize ?? DEFAULTS.fontSize);
  }

  setFontSize(...args: [size: number]): EmuRange {
    const [size] = args;
    this.rec('setFontSize');
    if (typeof size !== 'number') throw this.bad('setFontSize', args);
    return this.format((cell) => {
      cell.fontSize = size;
    });
  }

  getHorizontalAlignment(): string {
    this.rec('getHorizontalAlignment');
    return this.readCell((cell) => cell?.horizontalAlignment ?? DEFAULTS.horizontalAlignment);
  }

  /** left, center, right, normal (reads back `general-left`); null reads back `general`; others are ignored (GF oddities). */
  setHorizontalAlignment(alignment: string | null): EmuRange {
    this.rec('setHorizontalAlignment');
    const value = alignment === null ? 'general' : H_ALIGN[String(alignment).toLowerCase()];
    if (value === undefined) return this;
    return this.format((cell) => {
      cell.horizontalAlignment = value;
    });
  }

  getVerticalAlignment(): string {
    this.rec('getVerticalAlignment');
    return this.readCell((cell) => cell?.verticalAlignment ?? DEFAULTS.verticalAlignment);
  }

  /** top, middle, bottom; null resets to bottom. */
  setVerticalAlignment(alignment: string | null): EmuRange {
    this.rec('setVerticalAlignment');
    const value = alignment === null ? DEFAULTS.verticalAlignment : String(alignment).toLowerCase();
    if (!V_ALIGN.has(value)) return this;
    return this.format((cell) => {
      cell.verticalAlignment = value;
    });
  }

  setWrap(...args: [isWrapEnabled: boolean]): EmuRange {
    const [isWrapEnabled] = args;
    this.rec('setWrap');
    if (typeof isWrapEnabled !== 'boolean') throw this.bad('setWrap', args);
    return this.format((cell) => {
      cell.wrap = isWrapEnabled;
    });
  }

  /**
   * `(top, left, bottom, right, vertical, horizontal[, color, style])`: true sets, false removes,
   * null leaves an edge as it is; vertical/horizontal are the inner lines.
   */
  setBorder(...args: unknown[]): EmuRange {
    this.rec('setBorder');
    const flags = args.slice(0, 6);
    const okFlag = (v: unknown): boolean => v === null || typeof v === 'boolean';
    if ((args.length !== 6 && args.length !== 8) || !flags.every(okFlag))
      throw this.bad('setBorder', args);
    const [top, left, bottom, right, vertical, horizontal] = flags as (boolean | null)[];
    const color =
      args.length === 8 && args[6] !== null
        ? normalizeColor(String(args[6]), '#000000')
        : '#000000';
    const style =
      args.length === 8 && args[7] !== null && args[7] !== undefined ? String(args[7]) : 'SOLID';
    const lastRow = this._row + this._numRows - 1;
    const lastCol = this._col + this._numCols - 1;
    const set = (cell: Cell, edge: keyof Cell['borders'], flag: boolean | null): void => {
      if (flag === true) ownBorders(cell)[edge] = { style, color };
      else if (flag === false && cell.borders[edge]) delete ownBorders(cell)[edge];
    };
    this.each((r, c) => {
      const cell = this._sheet._ensure(r, c);
      set(cell, 'top', r === this._row ? top : horizontal);
      set(cell, 'bottom', r === lastRow ? bottom : horizontal);
      set(cell, 'left', c === this._col ? left : vertical);
      set(cell, 'right', c === lastCol ? right : vertical);
    });
    return this;
  }

  /** Records a merged area (the exporter reads it from the snapshot). */
  merge(): EmuRange {
    this.rec('merge');
    this._sheet._merges.push([this._row, this._col, this._numRows, this._numCols]);
    return this;
  }

  // ----- geometry -----

  getRow(): number {
    this.rec('getRow');
    return this._row;
  }

  getColumn(): number {
    this.rec('getColumn');
    return this._col;
  }

  getNumRows(): number {
    this.rec('getNumRows');
    return this._numRows;
  }

  getNumColumns(): number {
    this.rec('getNumColumns');
    return this._numCols;
  }

  /** The range's own last row, not the sheet's. */
  getLastRow(): number {
    this.rec('getLastRow');
    return this._row + this._numRows - 1;
  }

  getLastColumn(): number {
    this.rec('getLastColumn');
    return this._col + this._numCols - 1;
  }

  getA1Notation(): string {
    this.rec('getA1Notation');
    return a1Of(this._row, this._col, this._numRows, this._numCols);
  }

  getSheet(): EmuSheet {
    this.rec('getSheet');
    return this._sheet;
  }

  /** Relative to this range; the same checks as getRange. */
  offset(
    ...args: [rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number]
  ): EmuRange {
    this.rec('offset');
    const nums = Array.from(args, int);
    if (args.length < 2 || args.length > 4 || nums.some((n) => n === null))
      throw this.bad('offset', args);
    const [dr, dc, nr = this._numRows, nc = this._numCols] = nums as number[];
    return this._sheet._range(this._row + dr, this._col + dc, nr, nc);
  }

  /** A cell inside the range, 1-based relative (U for the out-of-range text). */
  getCell(...args: [row: number, column: number]): EmuRange {
    const [row, column] = args;
    this.rec('getCell');
    const r = int(row);
    const c = int(column);
    if (r === null || c === null || args.length !== 2) throw this.bad('getCell', args);
    if (r < 1 || c < 1 || r > this._numRows || c > this._numCols)
      throw gasError('Cell reference out of range');
    return new EmuRange(this._sheet, this._row + r - 1, this._col + c - 1, 1, 1);
  }

  /** A range protection, listed by `sheet.getProtections(RANGE)`. */
  protect(): EmuProtection {
    this.rec('protect');
    const protection = new EmuProtection(this._sheet, 'RANGE', this);
    this._sheet._rangeProtections.push(protection);
    return protection;
  }

  /**
   * Sorts rows by absolute column numbers: `n`, `{column, ascending}` or an array of them. Whole
   * cells move (values and formats); empties go last; numbers before text before booleans (U).
   */
  sort(...args: [sortSpecObj: unknown]): EmuRange {
    const [sortSpecObj] = args;
    this.rec('sort', this.size);
    const specs = (Array.isArray(sortSpecObj) ? sortSpecObj : [sortSpecObj]).map((s) => {
      if (typeof s === 'number') return { column: Math.trunc(s), ascending: true };
      const spec = s as { column?: unknown; ascending?: unknown } | null;
      if (spec && typeof spec === 'object' && typeof spec.column === 'number')
        return { column: Math.trunc(spec.column), ascending: spec.ascending !== false };
      throw this.bad('sort', args);
    });
    for (const s of specs) {
      if (s.column < this._col || s.column >= this._col + this._numCols) {
        throw gasError(
          `Column ${s.column} is out of range ${a1Of(this._row, this._col, this._numRows, this._numCols)}.`,
        );
      }
    }
    const sheet = this._sheet;
    const collator = new Intl.Collator(sheet._ss._locale.replace('_', '-'), {
      sensitivity: 'base',
      numeric: false,
    });
    const rank = (v: CellValue): number =>
      v === '' ? 3 : typeof v === 'number' || isDate(v) ? 0 : typeof v === 'string' ? 1 : 2;
    const num = (v: CellValue): number =>
      isDate(v) ? serialOf(v.getTime(), sheet._ss._timeZone) : Number(v);
    const rows = Array.from({ length: this._numRows }, (_, i) => ({
      keys: specs.map((s) => sheet._value(this._row + i, s.column)),
      cells: Array.from({ length: this._numCols }, (_, j) =>
        sheet._cell(this._row + i, this._col + j),
      ),
    }));
    rows.sort((a, b) => {
      for (let k = 0; k < specs.length; k++) {
        const x = a.keys[k];
        const y = b.keys[k];
        const rx = rank(x);
        const ry = rank(y);
        if (rx === 3 || ry === 3) {
          if (rx !== ry) return rx === 3 ? 1 : -1;
          continue;
        }
        let d = rx - ry;
        if (d === 0)
          d =
            rx === 0
              ? num(x) - num(y)
              : rx === 1
                ? collator.compare(String(x), String(y))
                : Number(x) - Number(y);
        if (d !== 0) return specs[k].ascending ? d : -d;
      }
      return 0;
    });
    rows.forEach((line, i) => {
      line.cells.forEach((cell, j) => {
        const r = this._row + i;
        const c = this._col + j;
        sheet._put(r, c, cell);
      });
    });
    return this;
  }
}

const shownFormat = (cell: Cell | undefined): string =>
  cell && cell.numberFormat !== '' ? cell.numberFormat : AUTOMATIC_FORMAT;
