// SpreadsheetApp: the service object (open, create, active spreadsheet, UI, flush).
import type { CallLog } from '../calls';
import { EmuDataValidationBuilder } from '../charts';
import { GAS_TYPE, gasError, gasTypeNames, signatureError } from '../errors';
import { gasEnum } from '../utilities';
import { EmuConditionalFormatRuleBuilder } from './conditional-format-rule-builder';
import { DEFAULTS } from './helpers';
import type { PromptButton } from './prompt-response';
import type { EmuSheet } from './sheet';
import { EmuSpreadsheet } from './spreadsheet';
import { EmuUi } from './ui';

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
