// In-memory SpreadsheetApp: typed input, formats, protections, rules, Google's limits and UI prompts; every call counted.
import type { CallLog } from './calls';
import {
  ChartStore,
  type EmuDataValidation,
  EmuDataValidationBuilder,
  type EmuEmbeddedChart,
  EmuEmbeddedChartBuilder,
  ValidationStore,
} from './charts';
import { GAS_TYPE, gasError, gasTypeNames, isDate, signatureError } from './errors';
import { EmuUser } from './services';
import { DAYS, type GasEnumValue, gasEnum, MONTHS, utcMs, wallTime, zonedMs } from './utilities';

/*
 * Hooks that are not Apps Script (a leading underscore; none of them counts as a call):
 *
 * Google-side writes (the form → sheet destination, for the FormApp emulator):
 * - `sheet._googleAppendRow(values, {userEntered?})` appends after the last row with content and
 *   returns its row number; `sheet._googleWriteRow(row, values, {userEntered?})` rewrites a row in
 *   place (a response edit). Values are stored as given (Dates become date cells) unless
 *   `userEntered` asks for typed-input parsing. The grid grows as needed. Neither counts.
 * - `spreadsheet._addSheet(name, {index, rows, columns, unseen})` adds a sheet without counting and
 *   without changing the active sheet (a linked response sheet); `unseen` keeps it from the script
 *   until `SpreadsheetApp.flush()` or `app._endExecution()` (`spreadsheet._reveal()`).
 * - `sheet._range(row, col, numRows?, numCols?)` builds a Range without counting (e.g. `e.range`).
 * - Any Apps Script call can also be made uncounted with `log.uncounted(() => ...)`.
 *
 * Reading state (for the xlsx exporter and tests): `snapshot(spreadsheet)` and `snapshotSheet(sheet)`.
 * Large sheets, without copying every cell: `snapshotLayout(spreadsheet)`, `snapshotSheetLayout(sheet)`
 * and `snapshotSheetRows(sheet)` (row by row, formats shared; see there).
 * Set-up: `app._create(name)`, `app._open(id)`, `app._all()`, `app._setActive(ss)`,
 * `app._setUser(email)` (who runs the script; the owner is `options.user`),
 * `app._setUiAvailable(bool)`, `app._menus()`, `app._alerts()`, `app._prompts()`, and
 * `app._answerPrompt(text, button?)` to queue what the user types in the next `Ui.prompt`.
 *
 * Limits (C, live-risks D9): 10,000,000 grid cells per spreadsheet, counted over every sheet
 * (`spreadsheet._gridCells()`), and 50,000 characters per cell on a script's write.
 * The bundle runs in `node:vm`: pass `options.makeDate` so the Dates it reads are its own realm's.
 */

/** What a cell holds as the script sees it. Empty is `''`, never null. */
export type CellValue = string | number | boolean | Date;

/** One edge of a cell border. */
export interface BorderSpec {
  style: string;
  color: string;
}

/** Per-cell state. Dates are stored as serial numbers with a date format, as Sheets does. */
interface Cell {
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
const TOO_MANY_CELLS = `This action would increase the number of cells in the workbook above the limit of ${MAX_CELLS} cells.`;
/** Characters in one cell (support.google.com/drive/answer/37603; text C). */
export const MAX_CELL_CHARS = 50_000;
const CELL_TOO_LONG = `Your input contains more than the maximum of ${MAX_CELL_CHARS} characters in a single cell.`;

/**
 * Refuses a script's write when a string is longer than a cell holds; checked before anything is
 * written. Length in UTF-16 units, which is at least the character count (U: the stricter reading).
 */
function checkCellText(values: Iterable<unknown>): void {
  for (const v of values)
    if (typeof v === 'string' && v.length > MAX_CELL_CHARS) throw gasError(CELL_TOO_LONG);
}

const DEFAULTS = {
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
const AUTOMATIC_FORMAT = '0.###############';
/** The format a Date written from script gets in an automatic cell (en_US; U). */
const DATE_TIME_FORMAT = 'M/d/yyyy H:mm:ss';

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

function blankCell(): Cell {
  return Object.create(CELL_DEFAULTS) as Cell;
}

// Whether the cell has its own borders (ES2019 has no Object.hasOwn).
const hasOwnBorders = (cell: Cell): boolean =>
  Object.getOwnPropertyDescriptor(cell, 'borders') !== undefined;

/** The cell's own borders object, made on first change (the default one is shared and frozen). */
function ownBorders(cell: Cell): Cell['borders'] {
  if (!hasOwnBorders(cell)) cell.borders = {};
  return cell.borders;
}

function copyCell(cell: Cell): Cell {
  const copy = Object.assign(blankCell(), cell);
  if (hasOwnBorders(cell)) copy.borders = { ...cell.borders };
  return copy;
}

/** Every format field of a cell, defaults included (own and inherited). */
function formatOf(cell: Cell) {
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

const hasContent = (cell: Cell | undefined): boolean =>
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

function a1Of(row: number, col: number, numRows: number, numCols: number): string {
  const start = `${columnLetters(col)}${row}`;
  return numRows === 1 && numCols === 1
    ? start
    : `${start}:${columnLetters(col + numCols - 1)}${row + numRows - 1}`;
}

/** Splits `'Sheet name'!A1:B2` or `Sheet!A1` into sheet name (or null) and the cell part. */
function splitSheetPrefix(a1: string): { sheet: string | null; ref: string } {
  const quoted = /^'((?:[^']|'')+)'!(.*)$/.exec(a1);
  if (quoted) return { sheet: quoted[1].replace(/''/g, "'"), ref: quoted[2] };
  const bang = a1.lastIndexOf('!');
  return bang < 0
    ? { sheet: null, ref: a1 }
    : { sheet: a1.slice(0, bang), ref: a1.slice(bang + 1) };
}

/** Parses `A1`, `A1:B2`, `A:C`, `2:5`, `A2:C` against a grid; null when it is not A1 notation. */
function parseA1(
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
// Dates as Sheets stores them: serial days since 1899-12-30 in the spreadsheet's time zone.

const DAY_MS = 86400000;
const SERIAL_EPOCH = utcMs(1899, 12, 30);

function serialOf(ms: number, tz: string): number {
  const w = wallTime(ms, tz);
  return (
    (utcMs(w.year, w.month, w.day, w.hour, w.minute, w.second, w.millisecond) - SERIAL_EPOCH) /
    DAY_MS
  );
}

function msOfSerial(serial: number, tz: string): number {
  const d = new Date(SERIAL_EPOCH + Math.round(serial * DAY_MS));
  return zonedMs(
    tz,
    d.getUTCFullYear(),
    d.getUTCMonth() + 1,
    d.getUTCDate(),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
    d.getUTCMilliseconds(),
  );
}

const serialOfWall = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number =>
  (utcMs(y, mo, d, h, mi, s) - SERIAL_EPOCH) / DAY_MS;

/** A format with only quoted text, escapes and colour tags removed, for classifying it. */
function bareFormat(format: string): string {
  return format
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(
      /\[(?:black|blue|cyan|green|magenta|red|white|yellow|color\s*\d+|[<>=][^\]]*)\]/gi,
      '',
    );
}

/** Automatic: never set, `general` (the documented reset), or the pattern getNumberFormat reports. */
const isAutomatic = (format: string): boolean =>
  format === '' || format.toLowerCase() === 'general' || format === AUTOMATIC_FORMAT;

/** True for date/time formats: their cells read back as Date. */
function isDateFormat(format: string): boolean {
  return !isAutomatic(format) && format !== '@' && /[dyhs]|mmm|am\/pm/i.test(bareFormat(format));
}

// ---------------------------------------------------------------------------------------------
// Display: Sheets number and date formats.

const two = (n: number): string => (n < 10 ? `0${n}` : String(n));

interface DateToken {
  kind: 'lit' | 'y' | 'm' | 'd' | 'h' | 's' | 'ampm' | 'ap' | 'frac';
  text: string;
  count: number;
  minute?: boolean;
}

function tokenizeDateFormat(format: string): DateToken[] {
  const tokens: DateToken[] = [];
  let i = 0;
  while (i < format.length) {
    const ch = format[i];
    const lower = format.slice(i).toLowerCase();
    if (ch === '"') {
      const end = format.indexOf('"', i + 1);
      const stop = end < 0 ? format.length : end;
      tokens.push({ kind: 'lit', text: format.slice(i + 1, stop), count: 0 });
      i = stop + 1;
    } else if (ch === '\\') {
      tokens.push({ kind: 'lit', text: format[i + 1] ?? '', count: 0 });
      i += 2;
    } else if (lower.startsWith('am/pm')) {
      tokens.push({ kind: 'ampm', text: format.slice(i, i + 5), count: 5 });
      i += 5;
    } else if (lower.startsWith('a/p')) {
      tokens.push({ kind: 'ap', text: format.slice(i, i + 3), count: 3 });
      i += 3;
    } else if (/[ymdhs]/i.test(ch)) {
      let j = i;
      while (j < format.length && format[j].toLowerCase() === ch.toLowerCase()) j++;
      tokens.push({ kind: ch.toLowerCase() as DateToken['kind'], text: '', count: j - i });
      i = j;
    } else if (ch === '.' && format[i + 1] === '0') {
      let j = i + 1;
      while (format[j] === '0') j++;
      tokens.push({ kind: 'frac', text: '', count: j - i - 1 });
      i = j;
    } else {
      tokens.push({ kind: 'lit', text: ch, count: 0 });
      i++;
    }
  }
  // `m`/`mm` means minutes right after an hour or right before seconds.
  const fields = tokens.filter((t) => t.kind !== 'lit');
  fields.forEach((t, k) => {
    if (t.kind === 'm' && t.count <= 2)
      t.minute = fields[k - 1]?.kind === 'h' || fields[k + 1]?.kind === 's';
  });
  return tokens;
}

function formatSheetsDate(ms: number, format: string, tz: string): string {
  const w = wallTime(ms, tz);
  const tokens = tokenizeDateFormat(format);
  const twelve = tokens.some((t) => t.kind === 'ampm' || t.kind === 'ap');
  let out = '';
  for (const t of tokens) {
    switch (t.kind) {
      case 'lit':
        out += t.text;
        break;
      case 'y':
        out += t.count <= 2 ? two(w.year % 100) : String(w.year);
        break;
      case 'm':
        if (t.minute) out += t.count === 1 ? String(w.minute) : two(w.minute);
        else if (t.count >= 4) out += MONTHS[w.month - 1];
        else if (t.count === 3) out += MONTHS[w.month - 1].slice(0, 3);
        else out += t.count === 1 ? String(w.month) : two(w.month);
        break;
      case 'd':
        if (t.count >= 4) out += DAYS[w.weekday];
        else if (t.count === 3) out += DAYS[w.weekday].slice(0, 3);
        else out += t.count === 1 ? String(w.day) : two(w.day);
        break;
      case 'h': {
        const h = twelve ? w.hour % 12 || 12 : w.hour;
        out += t.count === 1 ? String(h) : two(h);
        break;
      }
      case 's':
        out += t.count === 1 ? String(w.second) : two(w.second);
        break;
      case 'frac':
        out += `.${String(w.millisecond).padStart(3, '0').slice(0, t.count).padEnd(t.count, '0')}`;
        break;
      case 'ampm':
        out += w.hour < 12 ? 'AM' : 'PM';
        break;
      case 'ap':
        out += w.hour < 12 ? 'A' : 'P';
        break;
    }
  }
  return out;
}

/** Rounds half away from zero at `decimals` places, avoiding binary surprises (1.005 → 1.01). */
function roundHalfAway(n: number, decimals: number): number {
  const sign = n < 0 ? -1 : 1;
  return sign * Number(`${Math.round(Number(`${Math.abs(n)}e${decimals}`))}e-${decimals}`);
}

/** Automatic ("general") display: integers as is, others to 10 significant digits (U). */
function formatGeneral(n: number): string {
  if (!Number.isFinite(n)) return n > 0 ? '#NUM!' : '#NUM!';
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  return String(Number(n.toPrecision(10))).replace('e', 'E');
}

function splitSections(format: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < format.length; i++) {
    const ch = format[i];
    if (ch === '"') quoted = !quoted;
    if (ch === '\\' && !quoted) {
      cur += ch + (format[i + 1] ?? '');
      i++;
      continue;
    }
    if (ch === ';' && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** Number formats such as `0`, `0.0`, `#,##0.00`, `0%`, `0.00%`, `"x" 0`, with sections (U beyond). */
function formatNumber(n: number, format: string): string {
  const sections = splitSections(format);
  let section = sections[0];
  let v = n;
  let signed = true;
  if (n < 0 && sections.length > 1 && sections[1] !== '') {
    section = sections[1];
    v = -n;
    signed = false;
  } else if (n === 0 && sections.length > 2 && sections[2] !== '') {
    section = sections[2];
  }
  section = section.replace(
    /\[(?:black|blue|cyan|green|magenta|red|white|yellow|color\s*\d+|[<>=][^\]]*)\]/gi,
    '',
  );
  let prefix = '';
  let core = '';
  let suffix = '';
  let stage = 0;
  let percent = false;
  const literal = (s: string): void => {
    if (stage === 0) prefix += s;
    else {
      stage = 2;
      suffix += s;
    }
  };
  for (let i = 0; i < section.length; i++) {
    const ch = section[i];
    if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      const stop = end < 0 ? section.length : end;
      literal(section.slice(i + 1, stop));
      i = stop;
    } else if (ch === '\\') {
      literal(section[i + 1] ?? '');
      i++;
    } else if (ch === '_') {
      literal(' ');
      i++;
    } else if (ch === '*') {
      i++;
    } else if (/[0#?]/.test(ch) && stage < 2) {
      stage = 1;
      core += ch;
    } else if ((ch === '.' || ch === ',') && (stage === 1 || /[0#?]/.test(section[i + 1] ?? ''))) {
      stage = 1;
      core += ch;
    } else if (ch === '%') {
      percent = true;
      literal('%');
    } else literal(ch);
  }
  if (core === '') return (signed && n < 0 ? '-' : '') + prefix + suffix;
  const [intPattern, fracPattern = ''] = core.split('.');
  const decimals = (fracPattern.match(/[0#?]/g) ?? []).length;
  const minFrac = (fracPattern.match(/0/g) ?? []).length;
  const minInt = (intPattern.match(/0/g) ?? []).length;
  const rounded = roundHalfAway(Math.abs(v) * (percent ? 100 : 1), decimals);
  let [intDigits, fracDigits = ''] = rounded.toFixed(decimals).split('.');
  if (intDigits === '0' && minInt === 0) intDigits = '';
  intDigits = intDigits.padStart(minInt, '0');
  if (intPattern.includes(',')) intDigits = intDigits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  while (fracDigits.length > minFrac && fracDigits.endsWith('0'))
    fracDigits = fracDigits.slice(0, -1);
  const body = intDigits + (core.includes('.') ? `.${fracDigits}` : '');
  const minus = signed && v < 0 && rounded !== 0 ? '-' : '';
  return minus + prefix + body + suffix;
}

// ---------------------------------------------------------------------------------------------
// Typed input (USER_ENTERED), en_US conventions.

interface Parsed {
  value: string | number | boolean;
  formula: string;
  /** A format the input implies for an automatic cell (percent, date). */
  format?: string;
}

const NUMBER = /^[+-]?(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

function parseNumber(text: string): number | null {
  let s = text.trim();
  // sheetquery issue #20: digit groups separated by single spaces are read as one number.
  if (/^[+-]?\d+(?: \d+)+$/.test(s)) s = s.replace(/ /g, '');
  if (!NUMBER.test(s)) return null;
  return Number(s.replace(/,/g, ''));
}

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  if (m === 2 && d === 29) return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  // Days in month m of leap year 2000; 29 February was settled above.
  return d <= new Date(Date.UTC(2000, m, 0)).getUTCDate();
}

function parseDateInput(text: string): { serial: number; format: string } | null {
  const s = text.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
  const time = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(s);
  if (time) {
    const [h, mi, sec] = [Number(time[1]), Number(time[2]), Number(time[3] ?? 0)];
    if (h > 23 || mi > 59 || sec > 59) return null;
    return { serial: (h * 3600 + mi * 60 + sec) / 86400, format: 'h:mm:ss' };
  }
  const m = iso ?? us;
  if (!m) return null;
  const [y, mo, d] = iso
    ? [Number(m[1]), Number(m[2]), Number(m[3])]
    : [Number(m[3]), Number(m[1]), Number(m[2])];
  const [h, mi, sec] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  if (!validDate(y, mo, d) || h > 23 || mi > 59 || sec > 59) return null;
  const withTime = m[4] !== undefined;
  const format = iso
    ? withTime
      ? 'yyyy-mm-dd h:mm:ss'
      : 'yyyy-mm-dd'
    : withTime
      ? 'M/d/yyyy H:mm:ss'
      : 'M/d/yyyy';
  return { serial: serialOfWall(y, mo, d, h, mi, sec), format };
}

/**
 * How Sheets reads typed text (gas-fakes issue #40: Apps Script writes USER_ENTERED): `=…` is a
 * formula, `+…` too unless it is a number (pygsheets PR #373), an apostrophe keeps the rest as
 * text, numbers, percentages, TRUE/FALSE and dates are converted. Locale: en_US only (U for vi_VN,
 * where `3,5` is the number and `3.5` is not).
 */
function parseUserInput(text: string): Parsed {
  if (text === '') return { value: '', formula: '' };
  if (text.startsWith("'")) return { value: text.slice(1), formula: '' };
  if (text.startsWith('=') && text.length > 1) return { value: '', formula: text };
  const n = parseNumber(text);
  if (n !== null) return { value: n, formula: '' };
  if (text.startsWith('+') && text.length > 1) return { value: '', formula: `=${text}` };
  const pct = /^\s*(.+?)\s?%\s*$/.exec(text);
  if (pct) {
    const p = parseNumber(pct[1]);
    if (p !== null)
      return { value: p / 100, formula: '', format: pct[1].includes('.') ? '0.00%' : '0%' };
  }
  if (/^(true|false)$/i.test(text.trim()))
    return { value: text.trim().toLowerCase() === 'true', formula: '' };
  const date = parseDateInput(text);
  if (date) return { value: date.serial, formula: '', format: date.format };
  return { value: text, formula: '' };
}

// ---------------------------------------------------------------------------------------------
// Colours.

const NAMED_COLORS: Record<string, string> = {
  black: '#000000',
  white: '#ffffff',
  red: '#ff0000',
  green: '#008000',
  lime: '#00ff00',
  blue: '#0000ff',
  yellow: '#ffff00',
  orange: '#ffa500',
  gray: '#808080',
  grey: '#808080',
  silver: '#c0c0c0',
  purple: '#800080',
  navy: '#000080',
  maroon: '#800000',
  cyan: '#00ffff',
  magenta: '#ff00ff',
};

/** Sheets reports colours as lowercase `#rrggbb`; CSS names are accepted on input. */
function normalizeColor(color: string | null | undefined, fallback: string): string {
  if (color === null || color === undefined || color === '') return fallback;
  const c = String(color).trim().toLowerCase();
  if (NAMED_COLORS[c]) return NAMED_COLORS[c];
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(c);
  return short ? `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}` : c;
}

// ---------------------------------------------------------------------------------------------
// Formulas: typed text starting with `=` (or `+` and not a number) is stored as a formula, which is
// how a respondent's text would become one (the injection vector, reference §1). Nothing computes
// them: the bundle writes no formula, so a formula cell reads '' and getFormula shows what landed.

// ---------------------------------------------------------------------------------------------
// The service.

/** Options for the emulated SpreadsheetApp. */
export interface SpreadsheetOptions {
  /** Time zone of new spreadsheets; default Asia/Ho_Chi_Minh. */
  timeZone?: string;
  /** Locale of new spreadsheets: reported and used to collate sorts; typed input follows en_US. */
  locale?: string;
  /** Owner of every spreadsheet, and the user the script runs as (for Protection.canEdit). */
  user?: string;
  /** Bound to a spreadsheet (default true): getActiveSpreadsheet returns it, else null. */
  bound?: boolean;
  /** Name of the bound spreadsheet. */
  name?: string;
  /** Makes the Dates handed to the script, e.g. in the vm realm: `(ms) => new vmDate(ms)`. */
  makeDate?: (ms: number) => Date;
}

/** A menu as the script built it, for tests of onOpen. */
export interface MenuSnapshot {
  caption: string;
  addon: boolean;
  items: { caption: string; functionName?: string; separator?: boolean; submenu?: MenuSnapshot }[];
}

const BORDER_STYLES = [
  'DOTTED',
  'DASHED',
  'SOLID',
  'SOLID_MEDIUM',
  'SOLID_THICK',
  'DOUBLE',
] as const;

/** The `SpreadsheetApp` global. */
export class SpreadsheetAppEmu {
  readonly BorderStyle = gasEnum(BORDER_STYLES);
  readonly ProtectionType = gasEnum(['RANGE', 'SHEET'] as const);
  readonly _log: CallLog;
  readonly _options: SpreadsheetOptions;
  _user: string;
  _uiAvailable = true;
  readonly _menuList: MenuSnapshot[] = [];
  readonly _alertList: string[] = [];
  readonly _promptList: string[] = [];
  readonly _promptAnswers: { text: string; button: PromptButton }[] = [];
  private readonly books = new Map<string, EmuSpreadsheet>();
  private active: EmuSpreadsheet | null = null;
  private nextBook = 1;
  private nextSheetId = 1;

  constructor(log: CallLog, options: SpreadsheetOptions = {}) {
    this._log = log;
    this._options = options;
    this._user = options.user ?? 'owner@example.com';
    if (options.bound !== false) this.active = this._create(options.name ?? 'Untitled spreadsheet');
  }

  get [GAS_TYPE](): string {
    return 'SpreadsheetApp';
  }

  /** The container spreadsheet of a bound script; null when unbound. */
  getActiveSpreadsheet(): EmuSpreadsheet | null {
    this._log.record('SpreadsheetApp', 'getActiveSpreadsheet');
    return this.active;
  }

  getActive(): EmuSpreadsheet | null {
    this._log.record('SpreadsheetApp', 'getActive');
    return this.active;
  }

  getActiveSheet(): EmuSheet | null {
    this._log.record('SpreadsheetApp', 'getActiveSheet');
    return this.active?._activeSheet ?? null;
  }

  /** A spreadsheet by id; an unknown id throws the "is missing" error (C). */
  openById(...args: [id: string]): EmuSpreadsheet {
    const [id] = args;
    this._log.record('SpreadsheetApp', 'openById');
    if (typeof id !== 'string')
      throw signatureError(gasTypeNames(args), 'SpreadsheetApp', '', 'openById');
    const ss = this.books.get(id);
    if (!ss)
      throw gasError(
        `Document ${id} is missing (perhaps it was deleted, or you don't have read access?)`,
      );
    return ss;
  }

  /** A spreadsheet by its `/d/<id>/` URL; otherwise as openById (U for the bad-URL text). */
  openByUrl(...args: [url: string]): EmuSpreadsheet {
    const [url] = args;
    this._log.record('SpreadsheetApp', 'openByUrl');
    if (typeof url !== 'string')
      throw signatureError(gasTypeNames(args), 'SpreadsheetApp', '', 'openByUrl');
    const id = /\/d\/([-\w]+)/.exec(url)?.[1] ?? url;
    const ss = this.books.get(id);
    if (!ss)
      throw gasError(
        `Document ${id} is missing (perhaps it was deleted, or you don't have read access?)`,
      );
    return ss;
  }

  /** A new spreadsheet with one sheet `Sheet1` of 1000×26 (or the given size). */
  create(...args: [name: string, rows?: number, columns?: number]): EmuSpreadsheet {
    const [name, rows, columns] = args;
    this._log.record('SpreadsheetApp', 'create');
    if (
      typeof name !== 'string' ||
      (rows !== undefined && typeof rows !== 'number') ||
      (columns !== undefined && typeof columns !== 'number')
    ) {
      throw signatureError(gasTypeNames(args), 'SpreadsheetApp', '', 'create');
    }
    return this._create(name, rows, columns);
  }

  /** Applies what is pending: a linked response sheet not yet seen becomes visible (U, D6). */
  flush(): void {
    this._log.record('SpreadsheetApp', 'flush');
    for (const ss of this.books.values()) ss._reveal();
  }

  newDataValidation(): EmuDataValidationBuilder {
    this._log.record('SpreadsheetApp', 'newDataValidation');
    return new EmuDataValidationBuilder(this._log);
  }

  newConditionalFormatRule(): EmuConditionalFormatRuleBuilder {
    this._log.record('SpreadsheetApp', 'newConditionalFormatRule');
    return new EmuConditionalFormatRuleBuilder(this);
  }

  /** Throws outside a user context (triggers), as live does; see `_setUiAvailable`. */
  getUi(): EmuUi {
    this._log.record('SpreadsheetApp', 'getUi');
    if (!this._uiAvailable) throw gasError('Cannot call SpreadsheetApp.getUi() from this context.');
    return new EmuUi(this);
  }

  /** Non-Apps-Script: creates a spreadsheet without counting. */
  _create(name: string, rows = DEFAULTS.rows, columns = DEFAULTS.columns): EmuSpreadsheet {
    const id = `1EmuSheet${String(this.nextBook++).padStart(35, '0')}`;
    const ss = new EmuSpreadsheet(this, id, name, rows, columns);
    this.books.set(id, ss);
    return ss;
  }

  /** Non-Apps-Script: a spreadsheet by id, or null, without counting. */
  _open(id: string): EmuSpreadsheet | null {
    return this.books.get(id) ?? null;
  }

  /** Non-Apps-Script: every spreadsheet, in creation order. */
  _all(): EmuSpreadsheet[] {
    return [...this.books.values()];
  }

  /** Non-Apps-Script: which spreadsheet the script is bound to (null = standalone). */
  _setActive(ss: EmuSpreadsheet | null): void {
    this.active = ss;
  }

  /** Non-Apps-Script: the user the script runs as (the owner is `options.user`). */
  _setUser(email: string): void {
    this._user = email;
  }

  /** Non-Apps-Script: false in trigger runs, where getUi() throws. */
  _setUiAvailable(available: boolean): void {
    this._uiAvailable = available;
  }

  /** Non-Apps-Script: menus added with addToUi, latest last. */
  _menus(): MenuSnapshot[] {
    return this._menuList.slice();
  }

  /** Non-Apps-Script: texts shown with Ui.alert. */
  _alerts(): string[] {
    return this._alertList.slice();
  }

  /**
   * Non-Apps-Script: what the user will type and click in the next `Ui.prompt` (one per prompt,
   * in order). `button` is the name of a `Ui.Button` (OK, CANCEL, YES, NO, CLOSE).
   */
  _answerPrompt(text: string, button: PromptButton = 'OK'): void {
    this._promptAnswers.push({ text, button });
  }

  /** Non-Apps-Script: texts shown with Ui.prompt, `title\nprompt`. */
  _prompts(): string[] {
    return this._promptList.slice();
  }

  /** Non-Apps-Script: an execution ended; what it left pending on Google's side is now visible. */
  _endExecution(): void {
    for (const ss of this.books.values()) ss._reveal();
  }

  /** Non-Apps-Script: a Date for the script's realm. */
  _makeDate(ms: number): Date {
    return this._options.makeDate ? this._options.makeDate(ms) : new Date(ms);
  }

  /** Non-Apps-Script: deterministic gids that look like Sheets' (Park–Miller sequence). */
  _newSheetId(): number {
    this.nextSheetId = (this.nextSheetId * 48271) % 2147483647;
    return this.nextSheetId;
  }
}

// ---------------------------------------------------------------------------------------------
// Spreadsheet.

const duplicateName = (name: string): Error =>
  gasError(`A sheet with the name "${name}" already exists. Please enter another name.`);
const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null &&
  typeof v === 'object' &&
  !Array.isArray(v) &&
  !isDate(v) &&
  !(v instanceof EmuSheet);

/** A `Spreadsheet`. */
export class EmuSpreadsheet {
  _name: string;
  _timeZone: string;
  _locale: string;
  readonly _sheets: EmuSheet[] = [];
  /** Sheets Google made that the script does not see yet (a linked response sheet, U), with their index. */
  readonly _unseen: { sheet: EmuSheet; index: number }[] = [];
  _activeSheet: EmuSheet;

  constructor(
    readonly _app: SpreadsheetAppEmu,
    readonly _id: string,
    name: string,
    rows: number,
    columns: number,
  ) {
    this._name = name;
    this._timeZone = _app._options.timeZone ?? 'Asia/Ho_Chi_Minh';
    this._locale = _app._options.locale ?? 'en_US';
    // The first sheet's gid is 0; its default name follows the locale live (U: `Trang tính1` in vi).
    this._activeSheet = new EmuSheet(this, 'Sheet1', 0, rows, columns);
    this._sheets.push(this._activeSheet);
  }

  get [GAS_TYPE](): string {
    return 'SpreadsheetApp.Spreadsheet';
  }

  private rec(method: string): void {
    this._app._log.record('Spreadsheet', method);
  }

  getId(): string {
    this.rec('getId');
    return this._id;
  }

  getName(): string {
    this.rec('getName');
    return this._name;
  }

  getUrl(): string {
    this.rec('getUrl');
    return `https://docs.google.com/spreadsheets/d/${this._id}/edit`;
  }

  getSheets(): EmuSheet[] {
    this.rec('getSheets');
    return this._sheets.slice();
  }

  /** The sheet with exactly this name, or null (V). */
  getSheetByName(...args: [name: string]): EmuSheet | null {
    const [name] = args;
    this.rec('getSheetByName');
    if (typeof name !== 'string')
      throw signatureError(gasTypeNames(args), 'SpreadsheetApp', 'Spreadsheet', 'getSheetByName');
    return this._sheetByName(name) ?? null;
  }

  getActiveSheet(): EmuSheet {
    this.rec('getActiveSheet');
    return this._activeSheet;
  }

  setActiveSheet(...args: [sheet: EmuSheet]): EmuSheet {
    const [sheet] = args;
    this.rec('setActiveSheet');
    this.own(sheet, 'setActiveSheet', args);
    this._activeSheet = sheet;
    return sheet;
  }

  /**
   * All eight overloads: `()`, `(index)`, `(index, options)`, `(options)`, `(name)`,
   * `(name, index)`, `(name, index, options)`, `(name, options)`; options may hold `template`.
   * Index is 0-based. Without one the sheet goes after the active sheet (U) and becomes active.
   */
  insertSheet(...args: unknown[]): EmuSheet {
    this.rec('insertSheet');
    const shape = args
      .map((v) =>
        typeof v === 'string' ? 's' : typeof v === 'number' ? 'n' : isPlainObject(v) ? 'o' : 'x',
      )
      .join('');
    if (!['', 'n', 'no', 'o', 's', 'sn', 'sno', 'so'].includes(shape)) {
      throw signatureError(gasTypeNames(args), 'SpreadsheetApp', 'Spreadsheet', 'insertSheet');
    }
    const name = shape.startsWith('s') ? (args[0] as string) : undefined;
    const indexAt = shape.indexOf('n');
    const index = indexAt >= 0 ? Math.trunc(args[indexAt] as number) : undefined;
    const options = shape.endsWith('o')
      ? (args[args.length - 1] as { template?: unknown })
      : undefined;
    const template = options?.template;
    if (template !== undefined && template !== null && !(template instanceof EmuSheet)) {
      throw signatureError(gasTypeNames(args), 'SpreadsheetApp', 'Spreadsheet', 'insertSheet');
    }
    if (name !== undefined && this._nameTaken(name)) throw duplicateName(name);
    const position =
      index === undefined
        ? this._sheets.indexOf(this._activeSheet) + 1
        : Math.min(Math.max(index, 0), this._sheets.length);
    const finalName = name ?? this.defaultName();
    this._ensureRoom(
      template ? template._maxRows * template._maxCols : DEFAULTS.rows * DEFAULTS.columns,
    );
    const sheet = template
      ? template._copyInto(this, finalName, this._app._newSheetId())
      : new EmuSheet(this, finalName, this._app._newSheetId(), DEFAULTS.rows, DEFAULTS.columns);
    this._sheets.splice(position, 0, sheet);
    this._activeSheet = sheet;
    return sheet;
  }

  /** Removing the last sheet is refused (U for the text). */
  deleteSheet(...args: [sheet: EmuSheet]): void {
    const [sheet] = args;
    this.rec('deleteSheet');
    this.own(sheet, 'deleteSheet', args);
    if (this._sheets.length === 1) throw gasError("You can't remove all the sheets in a document.");
    this._sheets.splice(this._sheets.indexOf(sheet), 1);
    sheet._deleted = true;
    if (this._activeSheet === sheet) this._activeSheet = this._sheets[0];
  }

  /** Moves the active sheet to 1-based position `pos`. */
  moveActiveSheet(...args: [pos: number]): void {
    const [pos] = args;
    this.rec('moveActiveSheet');
    if (typeof pos !== 'number')
      throw signatureError(gasTypeNames(args), 'SpreadsheetApp', 'Spreadsheet', 'moveActiveSheet');
    const sheet = this._activeSheet;
    this._sheets.splice(this._sheets.indexOf(sheet), 1);
    this._sheets.splice(Math.min(Math.max(Math.trunc(pos) - 1, 0), this._sheets.length), 0, sheet);
  }

  /** `'Sheet name'!A1:B2`, or A1 notation on the active sheet. */
  getRange(...args: [a1Notation: string]): EmuRange {
    const [a1Notation] = args;
    this.rec('getRange');
    if (typeof a1Notation !== 'string')
      throw signatureError(gasTypeNames(args), 'SpreadsheetApp', 'Spreadsheet', 'getRange');
    const { sheet, ref } = splitSheetPrefix(a1Notation);
    const target = sheet === null ? this._activeSheet : this._sheetByName(sheet);
    if (!target) throw gasError('Range not found');
    return target._a1Range(ref);
  }

  getSpreadsheetTimeZone(): string {
    this.rec('getSpreadsheetTimeZone');
    return this._timeZone;
  }

  /** Dates are serial numbers in the sheet: changing the zone moves the instants they read as. */
  setSpreadsheetTimeZone(timezone: string): void {
    this.rec('setSpreadsheetTimeZone');
    this._timeZone = String(timezone);
  }

  getSpreadsheetLocale(): string {
    this.rec('getSpreadsheetLocale');
    return this._locale;
  }

  setSpreadsheetLocale(locale: string): void {
    this.rec('setSpreadsheetLocale');
    this._locale = String(locale);
  }

  /**
   * Non-Apps-Script: adds a sheet without counting or activating it (Google's own writes). With
   * `unseen` the script sees it only after `flush()` or the end of the execution.
   */
  _addSheet(
    name: string,
    options: { index?: number; rows?: number; columns?: number; unseen?: boolean } = {},
  ): EmuSheet {
    if (this._nameTaken(name)) throw duplicateName(name);
    const rows = options.rows ?? DEFAULTS.rows;
    const columns = options.columns ?? DEFAULTS.columns;
    this._ensureRoom(rows * columns);
    const sheet = new EmuSheet(this, name, this._app._newSheetId(), rows, columns);
    const index = options.index ?? this._sheets.length;
    if (options.unseen) this._unseen.push({ sheet, index });
    else this._sheets.splice(Math.min(Math.max(index, 0), this._sheets.length), 0, sheet);
    return sheet;
  }

  /** Non-Apps-Script: makes sheets Google added unseen visible, where they were to go. */
  _reveal(): void {
    for (const { sheet, index } of this._unseen.splice(0)) {
      if (sheet._deleted) continue;
      this._sheets.splice(Math.min(Math.max(index, 0), this._sheets.length), 0, sheet);
    }
  }

  /** Non-Apps-Script: grid cells of every sheet, seen or not. */
  _gridCells(): number {
    let n = 0;
    for (const sheet of this._sheets) n += sheet._maxRows * sheet._maxCols;
    for (const { sheet } of this._unseen) n += sheet._maxRows * sheet._maxCols;
    return n;
  }

  /** Non-Apps-Script: throws the live limit error when `extra` more grid cells would pass 10M (C). */
  _ensureRoom(extra: number): void {
    if (extra > 0 && this._gridCells() + extra > MAX_CELLS) throw gasError(TOO_MANY_CELLS);
  }

  /** Non-Apps-Script: the sheet with exactly this name. */
  _sheetByName(name: string): EmuSheet | undefined {
    return this._sheets.find((s) => s._name === name);
  }

  /** Non-Apps-Script: duplicate names are refused case-insensitively (U), unseen sheets included. */
  _nameTaken(name: string, except?: EmuSheet): boolean {
    const lower = name.toLowerCase();
    const same = (s: EmuSheet) => s !== except && s._name.toLowerCase() === lower;
    return this._sheets.some(same) || this._unseen.some((u) => same(u.sheet));
  }

  private defaultName(): string {
    let n = this._sheets.length + 1;
    while (this._nameTaken(`Sheet${n}`)) n++;
    return `Sheet${n}`;
  }

  private own(sheet: unknown, method: string, args: ArrayLike<unknown>): asserts sheet is EmuSheet {
    if (!(sheet instanceof EmuSheet) || sheet._ss !== this || sheet._deleted) {
      throw signatureError(gasTypeNames(args), 'SpreadsheetApp', 'Spreadsheet', method);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Sheet.

const int = (v: unknown): number | null =>
  typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : null;

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

function clearWhat(options?: {
  contentsOnly?: boolean;
  formatOnly?: boolean;
}): 'all' | 'contents' | 'formats' {
  if (options?.contentsOnly && !options.formatOnly) return 'contents';
  if (options?.formatOnly && !options.contentsOnly) return 'formats';
  return 'all';
}

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

// ---------------------------------------------------------------------------------------------
// Protection.

/** A `Protection` of a sheet or a range. The owner is never listed among the editors (GF oddities). */
export class EmuProtection {
  _description = '';
  _warningOnly = false;
  _editors: string[] = [];
  _domainEdit = false;
  _unprotected: EmuRange[] = [];
  _removed = false;

  constructor(
    readonly _sheet: EmuSheet,
    readonly _type: 'RANGE' | 'SHEET',
    readonly _rangeRef: EmuRange | null,
  ) {}

  get [GAS_TYPE](): string {
    return 'SpreadsheetApp.Protection';
  }

  private rec(method: string): void {
    this._sheet._ss._app._log.record('Protection', method);
  }

  private emailOf(user: unknown, method: string, args: ArrayLike<unknown>): string {
    if (typeof user === 'string') return user;
    const getEmail = (user as { getEmail?: () => string } | null)?.getEmail;
    if (typeof getEmail === 'function')
      return this._sheet._ss._app._log.uncounted(() => String(getEmail.call(user)));
    throw signatureError(gasTypeNames(args), 'SpreadsheetApp', 'Protection', method);
  }

  setDescription(description: string): EmuProtection {
    this.rec('setDescription');
    this._description = String(description);
    return this;
  }

  getDescription(): string {
    this.rec('getDescription');
    return this._description;
  }

  setWarningOnly(...args: [warningOnly: boolean]): EmuProtection {
    const [warningOnly] = args;
    this.rec('setWarningOnly');
    if (typeof warningOnly !== 'boolean')
      throw signatureError(gasTypeNames(args), 'SpreadsheetApp', 'Protection', 'setWarningOnly');
    this._warningOnly = warningOnly;
    return this;
  }

  isWarningOnly(): boolean {
    this.rec('isWarningOnly');
    return this._warningOnly;
  }

  /** Users added as editors; empty for a new protection. */
  getEditors(): EmuUser[] {
    this.rec('getEditors');
    return this._editors.map((email) => new EmuUser(this._sheet._ss._app._log, email));
  }

  addEditor(...args: [emailAddress: string | EmuUser]): EmuProtection {
    const [emailAddress] = args;
    this.rec('addEditor');
    const email = this.emailOf(emailAddress, 'addEditor', args);
    if (!this._editors.includes(email)) this._editors.push(email);
    return this;
  }

  addEditors(...args: [emailAddresses: string[]]): EmuProtection {
    const [emailAddresses] = args;
    this.rec('addEditors');
    if (!Array.isArray(emailAddresses))
      throw signatureError(gasTypeNames(args), 'SpreadsheetApp', 'Protection', 'addEditors');
    for (const e of emailAddresses) {
      const email = this.emailOf(e, 'addEditors', args);
      if (!this._editors.includes(email)) this._editors.push(email);
    }
    return this;
  }

  removeEditor(...args: [emailAddress: string | EmuUser]): EmuProtection {
    const [emailAddress] = args;
    this.rec('removeEditor');
    const email = this.emailOf(emailAddress, 'removeEditor', args);
    this._editors = this._editors.filter((e) => e !== email);
    return this;
  }

  /** Accepts emails or Users (the usual `removeEditors(p.getEditors())`). */
  removeEditors(...args: [emailAddresses: (string | EmuUser)[]]): EmuProtection {
    const [emailAddresses] = args;
    this.rec('removeEditors');
    if (!Array.isArray(emailAddresses))
      throw signatureError(gasTypeNames(args), 'SpreadsheetApp', 'Protection', 'removeEditors');
    const gone = new Set(emailAddresses.map((e) => this.emailOf(e, 'removeEditors', args)));
    this._editors = this._editors.filter((e) => !gone.has(e));
    return this;
  }

  /** The owner (the user the script runs as, here) can always edit. */
  canEdit(): boolean {
    this.rec('canEdit');
    const app = this._sheet._ss._app;
    return (
      this._warningOnly ||
      app._user === (app._options.user ?? 'owner@example.com') ||
      this._editors.includes(app._user)
    );
  }

  /** The protected range; the whole grid for a sheet protection. */
  getRange(): EmuRange {
    this.rec('getRange');
    return (
      this._rangeRef ?? new EmuRange(this._sheet, 1, 1, this._sheet._maxRows, this._sheet._maxCols)
    );
  }

  getUnprotectedRanges(): EmuRange[] {
    this.rec('getUnprotectedRanges');
    return this._unprotected.slice();
  }

  /** Sheet protections only: ranges the office may edit without a warning (the dashboard's pickers). */
  setUnprotectedRanges(...args: [ranges: EmuRange[]]): EmuProtection {
    const [ranges] = args;
    this.rec('setUnprotectedRanges');
    if (!Array.isArray(ranges) || !ranges.every((r) => r instanceof EmuRange)) {
      throw signatureError(
        gasTypeNames(args),
        'SpreadsheetApp',
        'Protection',
        'setUnprotectedRanges',
      );
    }
    if (this._type === 'SHEET') this._unprotected = ranges.slice();
    return this;
  }

  remove(): void {
    this.rec('remove');
    this._removed = true;
    if (this._sheet._sheetProtection === this) this._sheet._sheetProtection = null;
    this._sheet._rangeProtections = this._sheet._rangeProtections.filter((p) => p !== this);
  }
}

// ---------------------------------------------------------------------------------------------
// Conditional formats.

/** A boolean condition as stored: the Apps Script criteria name and its values. */
export interface RuleCondition {
  type: string;
  values: (string | number)[];
}

/** The format a rule applies. */
export interface RuleFormat {
  background?: string;
  fontColor?: string;
  bold?: boolean;
  italic?: boolean;
}

/** A `ConditionalFormatRuleBuilder`. */
export class EmuConditionalFormatRuleBuilder {
  private condition: RuleCondition | null;
  private fmt: RuleFormat;
  private ranges: EmuRange[];

  constructor(
    private readonly app: SpreadsheetAppEmu,
    from?: { condition: RuleCondition | null; format: RuleFormat; ranges: EmuRange[] },
  ) {
    const c = from?.condition;
    this.condition = c ? { type: c.type, values: c.values.slice() } : null;
    this.fmt = { ...from?.format };
    this.ranges = from?.ranges.slice() ?? [];
  }

  get [GAS_TYPE](): string {
    return 'SpreadsheetApp.ConditionalFormatRuleBuilder';
  }

  private rec(method: string): void {
    this.app._log.record('ConditionalFormatRuleBuilder', method);
  }

  private when(
    method: string,
    args: ArrayLike<unknown>,
    type: string,
    kind: 'number' | 'string' | 'none',
    count: number,
  ): this {
    this.rec(method);
    const values = Array.from(args);
    if (values.length !== count || (kind !== 'none' && !values.every((v) => typeof v === kind))) {
      throw signatureError(
        gasTypeNames(args),
        'SpreadsheetApp',
        'ConditionalFormatRuleBuilder',
        method,
      );
    }
    this.condition = { type, values: values as (string | number)[] };
    return this;
  }

  whenTextEqualTo(...args: [text: string]): this {
    return this.when('whenTextEqualTo', args, 'TEXT_EQUAL_TO', 'string', 1);
  }

  whenTextContains(...args: [text: string]): this {
    return this.when('whenTextContains', args, 'TEXT_CONTAINS', 'string', 1);
  }

  whenNumberGreaterThanOrEqualTo(...args: [number: number]): this {
    return this.when(
      'whenNumberGreaterThanOrEqualTo',
      args,
      'NUMBER_GREATER_THAN_OR_EQUAL_TO',
      'number',
      1,
    );
  }

  whenNumberLessThan(...args: [number: number]): this {
    return this.when('whenNumberLessThan', args, 'NUMBER_LESS_THAN', 'number', 1);
  }

  whenNumberBetween(...args: [start: number, end: number]): this {
    return this.when('whenNumberBetween', args, 'NUMBER_BETWEEN', 'number', 2);
  }

  whenCellEmpty(...args: []): this {
    return this.when('whenCellEmpty', args, 'CELL_EMPTY', 'none', 0);
  }

  /** A custom formula such as `=$C2<50`. */
  whenFormulaSatisfied(...args: [formula: string]): this {
    return this.when('whenFormulaSatisfied', args, 'CUSTOM_FORMULA', 'string', 1);
  }

  setBackground(color: string | null): this {
    this.rec('setBackground');
    this.fmt.background = color === null ? undefined : normalizeColor(color, DEFAULTS.background);
    return this;
  }

  setFontColor(color: string | null): this {
    this.rec('setFontColor');
    this.fmt.fontColor = color === null ? undefined : normalizeColor(color, DEFAULTS.fontColor);
    return this;
  }

  setBold(bold: boolean | null): this {
    this.rec('setBold');
    this.fmt.bold = bold === null ? undefined : bold;
    return this;
  }

  setItalic(italic: boolean | null): this {
    this.rec('setItalic');
    this.fmt.italic = italic === null ? undefined : italic;
    return this;
  }

  setRanges(...args: [ranges: EmuRange[]]): this {
    const [ranges] = args;
    this.rec('setRanges');
    if (!Array.isArray(ranges) || !ranges.every((r) => r instanceof EmuRange)) {
      throw signatureError(
        gasTypeNames(args),
        'SpreadsheetApp',
        'ConditionalFormatRuleBuilder',
        'setRanges',
      );
    }
    this.ranges = ranges.slice();
    return this;
  }

  build(): EmuConditionalFormatRule {
    this.rec('build');
    return new EmuConditionalFormatRule(
      this.app,
      this.condition,
      { ...this.fmt },
      this.ranges.slice(),
    );
  }
}

/** A built `ConditionalFormatRule`: immutable, readable through `snapshot`. */
export class EmuConditionalFormatRule {
  constructor(
    private readonly app: SpreadsheetAppEmu,
    readonly _condition: RuleCondition | null,
    readonly _format: RuleFormat,
    readonly _ranges: EmuRange[],
  ) {}

  get [GAS_TYPE](): string {
    return 'SpreadsheetApp.ConditionalFormatRule';
  }

  /** A builder holding this rule's settings (the usual way to edit a rule). */
  copy(): EmuConditionalFormatRuleBuilder {
    this.app._log.record('ConditionalFormatRule', 'copy');
    return new EmuConditionalFormatRuleBuilder(this.app, {
      condition: this._condition,
      format: this._format,
      ranges: this._ranges,
    });
  }

  /** Non-Apps-Script: the same rule on another sheet (template copies). */
  _movedTo(sheet: EmuSheet): EmuConditionalFormatRule {
    const ranges = this._ranges.map(
      (r) => new EmuRange(sheet, r._row, r._col, r._numRows, r._numCols),
    );
    return new EmuConditionalFormatRule(this.app, this._condition, { ...this._format }, ranges);
  }
}

// ---------------------------------------------------------------------------------------------
// Ui: onOpen menus, alerts and prompts.

const BUTTON_SETS = ['OK', 'OK_CANCEL', 'YES_NO', 'YES_NO_CANCEL'] as const;
const BUTTONS = ['CLOSE', 'OK', 'CANCEL', 'YES', 'NO'] as const;
/** A `Ui.Button` name. */
export type PromptButton = (typeof BUTTONS)[number];
/** The buttons each `Ui.ButtonSet` shows; CLOSE (the dialog's ×) is always there (REF:base/button). */
const SET_BUTTONS: Record<(typeof BUTTON_SETS)[number], PromptButton[]> = {
  OK: ['OK', 'CLOSE'],
  OK_CANCEL: ['OK', 'CANCEL', 'CLOSE'],
  YES_NO: ['YES', 'NO', 'CLOSE'],
  YES_NO_CANCEL: ['YES', 'NO', 'CANCEL', 'CLOSE'],
};

/** What `Ui.prompt` gives back (REF:base/prompt-response). */
export class EmuPromptResponse {
  constructor(
    private readonly app: SpreadsheetAppEmu,
    private readonly text: string,
    private readonly button: GasEnumValue,
  ) {}

  get [GAS_TYPE](): string {
    return 'PromptResponse';
  }

  /** The text typed, whatever button was clicked. */
  getResponseText(): string {
    this.app._log.record('PromptResponse', 'getResponseText');
    return this.text;
  }

  /** A `Ui.Button`, compared with `===` as in Google's example. */
  getSelectedButton(): GasEnumValue {
    this.app._log.record('PromptResponse', 'getSelectedButton');
    return this.button;
  }
}

/** One enum object for every Ui, so `getSelectedButton() === ui.Button.OK` holds across getUi() calls. */
const UI_BUTTON_SET = gasEnum(BUTTON_SETS);
const UI_BUTTON = gasEnum(BUTTONS);

/** The spreadsheet's `Ui`: menus, alerts and prompts. */
export class EmuUi {
  readonly ButtonSet = UI_BUTTON_SET;
  readonly Button = UI_BUTTON;

  constructor(private readonly app: SpreadsheetAppEmu) {}

  get [GAS_TYPE](): string {
    return 'Ui';
  }

  createMenu(caption: string): EmuMenu {
    this.app._log.record('Ui', 'createMenu');
    return new EmuMenu(this.app, String(caption), false);
  }

  /** Records the text and answers OK (YES for yes/no button sets). */
  alert(...args: unknown[]): GasEnumValue {
    this.app._log.record('Ui', 'alert');
    const text =
      args.length >= 2 && typeof args[1] === 'string'
        ? `${String(args[0])}\n${args[1]}`
        : String(args[0]);
    this.app._alertList.push(text);
    const buttons = String(args[args.length - 1]);
    return buttons.startsWith('YES_NO') ? this.Button.YES : this.Button.OK;
  }

  /**
   * `prompt(prompt)`, `prompt(prompt, buttons)` or `prompt(title, prompt, buttons)`; the default
   * set is OK. The answer is the next one a test queued with `SpreadsheetApp._answerPrompt`; none
   * queued is a host error (the test forgot the user), as is a button the dialog does not show.
   */
  prompt(...args: unknown[]): EmuPromptResponse {
    this.app._log.record('Ui', 'prompt');
    const isSet = (v: unknown) =>
      v !== null && v !== undefined && (BUTTON_SETS as readonly string[]).includes(String(v));
    const shape = args.map((v) => (typeof v === 'string' ? 's' : isSet(v) ? 'b' : 'x')).join('');
    if (!['s', 'sb', 'ssb'].includes(shape))
      throw signatureError(gasTypeNames(args), 'Ui', '', 'prompt');
    const title = shape === 'ssb' ? String(args[0]) : '';
    const text = String(args[shape === 'ssb' ? 1 : 0]);
    const set = (shape === 's' ? 'OK' : String(args[args.length - 1])) as keyof typeof SET_BUTTONS;
    this.app._promptList.push(title === '' ? text : `${title}\n${text}`);
    const answer = this.app._promptAnswers.shift();
    if (!answer)
      throw new Error(
        `Ui.prompt "${text}" was shown but the test queued no answer: call SpreadsheetApp._answerPrompt(text, button) first`,
      );
    if (!SET_BUTTONS[set].includes(answer.button))
      throw new Error(
        `Ui.prompt "${text}" shows ${SET_BUTTONS[set].join('/')}, not ${answer.button}`,
      );
    return new EmuPromptResponse(this.app, answer.text, this.Button[answer.button]);
  }
}

/** A `Menu` under construction. */
export class EmuMenu {
  private readonly items: MenuSnapshot['items'] = [];

  constructor(
    private readonly app: SpreadsheetAppEmu,
    private readonly caption: string,
    private readonly addon: boolean,
  ) {}

  get [GAS_TYPE](): string {
    return 'Menu';
  }

  /** `functionName` must name a top-level function of the bundle, which tests can check. */
  addItem(...args: [caption: string, functionName: string]): EmuMenu {
    const [caption, functionName] = args;
    this.app._log.record('Menu', 'addItem');
    if (typeof caption !== 'string' || typeof functionName !== 'string')
      throw signatureError(gasTypeNames(args), 'Menu', '', 'addItem');
    this.items.push({ caption, functionName });
    return this;
  }

  addSeparator(): EmuMenu {
    this.app._log.record('Menu', 'addSeparator');
    this.items.push({ caption: '', separator: true });
    return this;
  }

  addToUi(): void {
    this.app._log.record('Menu', 'addToUi');
    this.app._menuList.push(this._snapshot());
  }

  _snapshot(): MenuSnapshot {
    return { caption: this.caption, addon: this.addon, items: this.items.map((i) => ({ ...i })) };
  }
}

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
