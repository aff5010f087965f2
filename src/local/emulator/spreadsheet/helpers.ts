// Cells, limits and A1 notation shared by the SpreadsheetApp emulator classes.
import { gasError } from '../errors';

/** What a cell holds as the script sees it. Empty is `''`, never null. */
export type CellValue = string | number | boolean | Date;

/** One edge of a cell border. */
export interface BorderSpec {
  style: string;
  color: string;
}

/** Per-cell state. Dates are stored as serial numbers with a date format, as Sheets does. */
export interface Cell {
  value: string | number | boolean;
  formula: string;
  /** '' = automatic. */
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

/** Grid cells of all sheets of one spreadsheet (C: live-risks D9, the text below). */
export const MAX_CELLS = 10_000_000;
export const TOO_MANY_CELLS = `This action would increase the number of cells in the workbook above the limit of ${MAX_CELLS} cells.`;
/** Characters in one cell (support.google.com/drive/answer/37603; text C). */
export const MAX_CELL_CHARS = 50_000;
const CELL_TOO_LONG = `Your input contains more than the maximum of ${MAX_CELL_CHARS} characters in a single cell.`;

/**
 * Refuses a script's write when a string is longer than a cell holds; checked before anything is
 * written. Length in UTF-16 units, which is at least the character count (U: the stricter reading).
 */
export function checkCellText(values: Iterable<unknown>): void {
  for (const v of values)
    if (typeof v === 'string' && v.length > MAX_CELL_CHARS) throw gasError(CELL_TOO_LONG);
}

export const DEFAULTS = {
  background: '#ffffff',
  fontColor: '#000000',
  fontFamily: 'Arial',
  fontSize: 10,
  horizontalAlignment: 'general',
  verticalAlignment: 'bottom',
  columnWidth: 100,
  rowHeight: 21,
  rows: 1000,
  columns: 26,
};

/** What getNumberFormat returns for an automatic cell (GF oddities). */
export const AUTOMATIC_FORMAT = '0.###############';
/** The format a Date written from script gets in an automatic cell (en_US; U). */
export const DATE_TIME_FORMAT = 'M/d/yyyy H:mm:ss';

// Every cell starts from one shared prototype holding the default format: a cell stores only
// what differs (usually its value), so a workbook of millions of cells stays small. The prototype
// is never written to (assignments land on the cell); only its empty borders object is frozen.
const CELL_DEFAULTS: Cell = {
  value: '',
  formula: '',
  numberFormat: '',
  background: DEFAULTS.background,
  fontColor: DEFAULTS.fontColor,
  fontWeight: 'normal',
  fontStyle: 'normal',
  fontFamily: DEFAULTS.fontFamily,
  fontSize: DEFAULTS.fontSize,
  horizontalAlignment: DEFAULTS.horizontalAlignment,
  verticalAlignment: DEFAULTS.verticalAlignment,
  wrap: false,
  borders: Object.freeze({}),
};

export function blankCell(): Cell {
  return Object.create(CELL_DEFAULTS) as Cell;
}

// Whether the cell has its own borders (ES2019 has no Object.hasOwn).
const hasOwnBorders = (cell: Cell): boolean =>
  Object.getOwnPropertyDescriptor(cell, 'borders') !== undefined;

/** The cell's own borders object, made on first change (the default one is shared and frozen). */
export function ownBorders(cell: Cell): Cell['borders'] {
  if (!hasOwnBorders(cell)) cell.borders = {};
  return cell.borders;
}

export function copyCell(cell: Cell): Cell {
  const copy = Object.assign(blankCell(), cell);
  if (hasOwnBorders(cell)) copy.borders = { ...cell.borders };
  return copy;
}

/** Every format field of a cell, defaults included (own and inherited). */
export function formatOf(cell: Cell) {
  return {
    numberFormat: cell.numberFormat,
    background: cell.background,
    fontColor: cell.fontColor,
    fontWeight: cell.fontWeight,
    fontStyle: cell.fontStyle,
    fontFamily: cell.fontFamily,
    fontSize: cell.fontSize,
    horizontalAlignment: cell.horizontalAlignment,
    verticalAlignment: cell.verticalAlignment,
    wrap: cell.wrap,
  };
}

export const hasContent = (cell: Cell | undefined): boolean =>
  !!cell && (cell.value !== '' || cell.formula !== '');

// ---------------------------------------------------------------------------------------------
// A1 notation.

/** `1 → A`, `27 → AA`. */
export function columnLetters(column: number): string {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

export function a1Of(row: number, col: number, numRows: number, numCols: number): string {
  const start = `${columnLetters(col)}${row}`;
  return numRows === 1 && numCols === 1
    ? start
    : `${start}:${columnLetters(col + numCols - 1)}${row + numRows - 1}`;
}

/** Splits `'Sheet name'!A1:B2` or `Sheet!A1` into sheet name (or null) and the cell part. */
export function splitSheetPrefix(a1: string): { sheet: string | null; ref: string } {
  const quoted = /^'((?:[^']|'')+)'!(.*)$/.exec(a1);
  if (quoted) return { sheet: quoted[1].replace(/''/g, "'"), ref: quoted[2] };
  const bang = a1.lastIndexOf('!');
  return bang < 0
    ? { sheet: null, ref: a1 }
    : { sheet: a1.slice(0, bang), ref: a1.slice(bang + 1) };
}

/** Parses `A1`, `A1:B2`, `A:C`, `2:5`, `A2:C` against a grid; null when it is not A1 notation. */
export function parseA1(
  ref: string,
  maxRows: number,
  maxCols: number,
): [number, number, number, number] | null {
  const part = /^\$?([A-Za-z]{0,3})\$?(\d*)$/;
  const [first, second, extra] = ref.trim().split(':');
  if (extra !== undefined || !first) return null;
  const a = part.exec(first);
  const b = second === undefined ? null : part.exec(second);
  if (!a || (second !== undefined && !b)) return null;
  if (!b) {
    if (!a[1] || !a[2]) return null;
    return [Number(a[2]), columnNumber(a[1]), 1, 1];
  }
  if ((!a[1] && !a[2]) || (!b[1] && !b[2])) return null;
  const r1 = a[2] ? Number(a[2]) : 1;
  const c1 = a[1] ? columnNumber(a[1]) : 1;
  const r2 = b[2] ? Number(b[2]) : maxRows;
  const c2 = b[1] ? columnNumber(b[1]) : maxCols;
  const top = Math.min(r1, r2);
  const left = Math.min(c1, c2);
  return [top, left, Math.max(r1, r2) - top + 1, Math.max(c1, c2) - left + 1];
}

// ---------------------------------------------------------------------------------------------
// Small checks shared by Spreadsheet, Sheet and Range.

export const duplicateName = (name: string): Error =>
  gasError(`A sheet with the name "${name}" already exists. Please enter another name.`);

export const int = (v: unknown): number | null =>
  typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : null;

export function clearWhat(options?: {
  contentsOnly?: boolean;
  formatOnly?: boolean;
}): 'all' | 'contents' | 'formats' {
  if (options?.contentsOnly && !options.formatOnly) return 'contents';
  if (options?.formatOnly && !options.contentsOnly) return 'formats';
  return 'all';
}
