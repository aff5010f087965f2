// Spreadsheet: a workbook (sheets, names, protections, limits).
import { GAS_TYPE, gasError, gasTypeNames, isDate, signatureError } from '../errors';
import { DEFAULTS, duplicateName, MAX_CELLS, splitSheetPrefix, TOO_MANY_CELLS } from './helpers';
import type { EmuRange } from './range';
import { EmuSheet } from './sheet';
import type { SpreadsheetAppEmu } from './spreadsheet-app';

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
