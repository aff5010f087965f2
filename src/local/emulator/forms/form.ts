// Form: a form (items, settings, destination, responses, publishing) and the sheet Google writes.
/// <reference types="google-apps-script" />
import { GAS_TYPE, gasError, isDate } from '../errors';
import type { EmuSheet, EmuSpreadsheet } from '../spreadsheet';
import { type GasEnumValue, zonedMs } from '../utilities';
import { EmuDateItem } from './date-item';
import type { FormAppEmu } from './form-app';
import { EmuFormResponse } from './form-response';
import {
  asTyped,
  CELL_FORMATS,
  checkArgs,
  type Destination,
  EMAIL_COLLECTION_TYPE,
  EMAIL_TYPES,
  type EmailCollection,
  HEADERS,
  INVALID_DATA,
  ITEM_TYPES,
  type ItemState,
  isBool,
  isInt,
  isNum,
  isStr,
  type Kind,
  LAYOUT,
  localeKey,
  NO_DESTINATION,
  NOT_FOUND,
  type Pred,
  type ResponseState,
} from './helpers';
import { EmuItem } from './item';
import { type ItemBase, isItemView, type TypedItem } from './item-base';
import { EmuListItem } from './list-item';
import { EmuMultipleChoiceItem } from './multiple-choice-item';
import { EmuPageBreakItem } from './page-break-item';
import { EmuParagraphTextItem } from './paragraph-text-item';
import { EmuTextItem } from './text-item';

// ---------------------------------------------------------------------------------------------
// Form.

/** A `Form`. */
export class EmuForm
  implements
    Pick<
      GoogleAppsScript.Forms.Form,
      'getTitle' | 'getId' | 'getEditUrl' | 'getPublishedUrl' | 'collectsEmail'
    >
{
  _title: string;
  /** Shown to respondents under the title. */
  _description = '';
  _collectEmail = false;
  /** Which addresses are collected; `_collectEmail` is true for the first two. */
  _emailType: EmailCollection = 'DO_NOT_COLLECT';
  _allowEdits = false;
  _confirmation = '';
  _progressBar = false;
  _published: boolean;
  readonly _itemList: ItemState[] = [];
  readonly _responses: ResponseState[] = [];
  _dest: Destination | null = null;
  private readonly views = new Map<number, { generic?: EmuItem; typed?: TypedItem }>();
  private readonly responseViews = new Map<string, EmuFormResponse>();

  constructor(
    readonly _app: FormAppEmu,
    readonly _id: string,
    readonly _publishedId: string,
    title: string,
    published: boolean,
  ) {
    this._title = title;
    this._published = published;
  }

  get [GAS_TYPE](): string {
    return 'FormApp.Form';
  }

  private rec(method: string): void {
    this._app._log.record('Form', method);
  }

  private check(args: IArguments, method: string, ...shapes: Pred[][]): void {
    checkArgs(args, ['Form', method], ...shapes);
  }

  /** A boolean setter: counted, checked, then `set(value)`. */
  private flag(method: string, args: IArguments, value: boolean, set: (v: boolean) => void): this {
    this.rec(method);
    this.check(args, method, [isBool]);
    set(value);
    return this;
  }

  // ----- identity and settings -----

  getId(): string {
    this.rec('getId');
    return this._id;
  }

  getTitle(): string {
    this.rec('getTitle');
    return this._title;
  }

  setTitle(title: string): this {
    this.rec('setTitle');
    this.check(arguments, 'setTitle', [isStr]);
    this._title = title;
    return this;
  }

  setDescription(description: string): this {
    this.rec('setDescription');
    this.check(arguments, 'setDescription', [isStr]);
    this._description = description;
    return this;
  }

  getEditUrl(): string {
    this.rec('getEditUrl');
    return `https://docs.google.com/forms/d/${this._id}/edit`;
  }

  getPublishedUrl(): string {
    this.rec('getPublishedUrl');
    return this._viewUrl();
  }

  /**
   * Turning it on while linked adds the email column where a new question's would go (U). Which
   * collection type the legacy call gives is unverified (attacks M3): the emulator takes the one
   * that trusts the respondent least, addresses typed by the respondent (U); an earlier
   * `setEmailCollectionType` choice other than DO_NOT_COLLECT is kept.
   */
  setCollectEmail(collect: boolean): this {
    return this.flag('setCollectEmail', arguments, collect, (v) => {
      this._setEmailType(
        v ? (this._collectEmail ? this._emailType : 'RESPONDER_INPUT') : 'DO_NOT_COLLECT',
      );
    });
  }

  /**
   * `FormApp.EmailCollectionType.VERIFIED` records the respondent's signed-in Google account (they
   * must sign in; nothing is typed), `RESPONDER_INPUT` what they type in an email field,
   * `DO_NOT_COLLECT` nothing. Not in the type definitions; used by live scripts (U: the text of a
   * refusal on an account that cannot require sign-in is unverified, so none is modelled).
   */
  setEmailCollectionType(type: GasEnumValue | string): this {
    this.rec('setEmailCollectionType');
    const name = type === null || type === undefined ? '' : String(type);
    const known = (EMAIL_TYPES as readonly string[]).includes(name);
    this.check(arguments, 'setEmailCollectionType', [() => known]);
    this._setEmailType(name as EmailCollection);
    return this;
  }

  getEmailCollectionType(): GasEnumValue {
    this.rec('getEmailCollectionType');
    return EMAIL_COLLECTION_TYPE[this._emailType];
  }

  /** Sets the collection type; turning collection on while linked adds the email column (U). */
  _setEmailType(type: EmailCollection): void {
    this._emailType = type;
    this._collectEmail = type !== 'DO_NOT_COLLECT';
    if (this._collectEmail && this._dest && this._dest.emailCol === 0) {
      this._dest.emailCol = this._newColumn();
      this._headerCell(this._dest.emailCol, HEADERS[localeKey(this._dest.locale)].email);
    }
  }

  collectsEmail(): boolean {
    this.rec('collectsEmail');
    return this._collectEmail;
  }

  setAllowResponseEdits(enabled: boolean): this {
    return this.flag('setAllowResponseEdits', arguments, enabled, (v) => {
      this._allowEdits = v;
    });
  }

  setConfirmationMessage(message: string): this {
    this.rec('setConfirmationMessage');
    this.check(arguments, 'setConfirmationMessage', [isStr]);
    this._confirmation = message;
    return this;
  }

  setProgressBar(enabled: boolean): this {
    return this.flag('setProgressBar', arguments, enabled, (v) => {
      this._progressBar = v;
    });
  }

  /** The 2025 publishing model (REF:reference/forms); an unpublished form takes no responses. */
  setPublished(enabled: boolean): this {
    return this.flag('setPublished', arguments, enabled, (v) => {
      this._published = v;
    });
  }

  isPublished(): boolean {
    this.rec('isPublished');
    return this._published;
  }

  // ----- destination -----

  /**
   * Links a spreadsheet: Google adds `Form Responses N` (`Câu trả lời biểu mẫu N` in vi_VN; first
   * free N) as the first tab (U), writes the header row (Timestamp, email when collected, question
   * titles in item order; layout items get none) and copies any responses so far. Relinking makes a
   * new sheet; the old one stays. With `linkedSheet: 'after-flush'` the script sees the sheet only
   * after `SpreadsheetApp.flush()` or in its next execution (U, live-risks D6).
   */
  setDestination(type: GasEnumValue | string, id: string): this {
    this.rec('setDestination');
    // DestinationType.SPREADSHEET is the only type there is.
    const spreadsheetType = type !== null && type !== undefined && String(type) === 'SPREADSHEET';
    this.check(arguments, 'setDestination', [() => spreadsheetType, isStr]);
    const ss = this._app._sheets._open(id);
    if (!ss) throw gasError(NOT_FOUND);
    this._link(ss);
    return this;
  }

  /** Throws when the form is not linked (two public repos; text U). */
  getDestinationId(): string {
    this.rec('getDestinationId');
    if (!this._dest) throw gasError(NO_DESTINATION);
    return this._dest.ss._id;
  }

  /** Unlinks; the sheet and its rows stay. */
  removeDestination(): this {
    this.rec('removeDestination');
    if (this._dest) this._dest.sheet._formUrl = null;
    this._dest = null;
    for (const r of this._responses) r.row = 0;
    return this;
  }

  // ----- items -----

  addListItem(): EmuListItem {
    this.rec('addListItem');
    return this._typed(this._add('LIST')) as EmuListItem;
  }

  addMultipleChoiceItem(): EmuMultipleChoiceItem {
    this.rec('addMultipleChoiceItem');
    return this._typed(this._add('MULTIPLE_CHOICE')) as EmuMultipleChoiceItem;
  }

  addTextItem(): EmuTextItem {
    this.rec('addTextItem');
    return this._typed(this._add('TEXT')) as EmuTextItem;
  }

  addParagraphTextItem(): EmuParagraphTextItem {
    this.rec('addParagraphTextItem');
    return this._typed(this._add('PARAGRAPH_TEXT')) as EmuParagraphTextItem;
  }

  addDateItem(): EmuDateItem {
    this.rec('addDateItem');
    return this._typed(this._add('DATE')) as EmuDateItem;
  }

  addPageBreakItem(): EmuPageBreakItem {
    this.rec('addPageBreakItem');
    return this._typed(this._add('PAGE_BREAK')) as EmuPageBreakItem;
  }

  /** Generic Items, all or of one `FormApp.ItemType`. */
  getItems(itemType?: GasEnumValue | string): EmuItem[] {
    this.rec('getItems');
    this.check(
      arguments,
      'getItems',
      [],
      [(v) => v !== null && (ITEM_TYPES as readonly string[]).includes(String(v))],
    );
    const want = itemType === undefined ? null : String(itemType);
    return this._items()
      .filter((s) => want === null || s.type === want)
      .map((s) => this._generic(s));
  }

  /** The generic Item, or null for an unknown id. */
  getItemById(id: number): EmuItem | null {
    this.rec('getItemById');
    this.check(arguments, 'getItemById', [isNum]);
    const state = this._item(id);
    return state ? this._generic(state) : null;
  }

  /**
   * By generic Item or 0-based index; a typed item (`ListItem`, …) throws the signature error live
   * as moveItem does (C for moveItem, U for deleteItem by the same signature); see
   * `strictItemArguments`. A deleted question keeps its sheet column (U).
   */
  deleteItem(item: ItemBase | number): void {
    this.rec('deleteItem');
    this.check(arguments, 'deleteItem', [isInt], [this._itemArgument()]);
    const state = typeof item === 'number' ? this._itemList[item] : item._state;
    const at = state ? this._itemList.indexOf(state) : -1;
    if (at < 0) throw gasError(INVALID_DATA);
    this._itemList.splice(at, 1);
    state.deleted = true;
  }

  /**
   * `(from, to)` indices or `(item, toIndex)` with a generic Item; returns the generic Item. A typed
   * item throws `The parameters (FormApp.MultipleChoiceItem,number) don't match the method
   * signature for FormApp.Form.moveItem.` (C, live-risks D4). Out of range: U text.
   */
  moveItem(from: ItemBase | number, to: number): EmuItem {
    this.rec('moveItem');
    this.check(arguments, 'moveItem', [isInt, isInt], [this._itemArgument(), isInt]);
    const state = typeof from === 'number' ? this._itemList[from] : from._state;
    const at = state ? this._itemList.indexOf(state) : -1;
    if (at < 0 || to < 0 || to >= this._itemList.length) throw gasError(INVALID_DATA);
    this._itemList.splice(at, 1);
    this._itemList.splice(to, 0, state);
    return this._generic(state);
  }

  // ----- responses -----

  /** In first-submission order; an edit keeps a response's place (U). With a Date, those at or after it (U). */
  getResponses(timestamp?: Date): EmuFormResponse[] {
    this.rec('getResponses');
    this.check(arguments, 'getResponses', [], [isDate]);
    const since = timestamp === undefined ? null : timestamp.getTime();
    return this._responses
      .filter((r) => since === null || r.timestamp >= since)
      .map((r) => this._responseView(r));
  }

  /** Unknown id: U text. */
  getResponse(responseId: string): EmuFormResponse {
    this.rec('getResponse');
    this.check(arguments, 'getResponse', [isStr]);
    const state = this._responses.find((r) => r.id === responseId);
    if (!state) throw gasError(`No response with ID ${responseId} exists for this form.`);
    return this._responseView(state);
  }

  // ----- Non-Apps-Script -----

  /** What an item argument of moveItem/deleteItem may be under the current switches. */
  _itemArgument(): Pred {
    return this._app._google.strictItemArguments ? (v) => v instanceof EmuItem : isItemView;
  }

  /** The published view URL. */
  _viewUrl(): string {
    return `https://docs.google.com/forms/d/e/${this._publishedId}/viewform`;
  }

  /** Current items (not deleted) in order. */
  _items(): ItemState[] {
    return this._itemList.slice();
  }

  _item(id: number): ItemState | undefined {
    return this._itemList.find((s) => s.id === id);
  }

  _index(state: ItemState): number {
    return this._itemList.indexOf(state);
  }

  /** The generic view of an item. */
  _generic(state: ItemState): EmuItem {
    const v = this.views.get(state.id) ?? {};
    if (!v.generic) v.generic = new EmuItem(this, state);
    this.views.set(state.id, v);
    return v.generic;
  }

  /** The typed view (`ListItem`, …) of an item. */
  _typed(state: ItemState): TypedItem {
    const v = this.views.get(state.id) ?? {};
    if (!v.typed) {
      const ctor = {
        LIST: EmuListItem,
        MULTIPLE_CHOICE: EmuMultipleChoiceItem,
        TEXT: EmuTextItem,
        PARAGRAPH_TEXT: EmuParagraphTextItem,
        DATE: EmuDateItem,
        PAGE_BREAK: EmuPageBreakItem,
      }[state.type];
      v.typed = new ctor(this, state);
    }
    this.views.set(state.id, v);
    return v.typed;
  }

  _responseView(state: ResponseState): EmuFormResponse {
    let view = this.responseViews.get(state.id);
    if (!view) {
      view = new EmuFormResponse(this, state);
      this.responseViews.set(state.id, view);
    }
    return view;
  }

  _add(type: Kind, at = this._itemList.length, from?: ItemState): ItemState {
    const state: ItemState = from
      ? {
          ...from,
          id: this._app._newItemId(),
          choices: from.choices.map((c) => ({ ...c })),
          deleted: false,
        }
      : {
          id: this._app._newItemId(),
          type,
          title: '',
          helpText: '',
          required: false,
          choices: [],
          validation: null,
          deleted: false,
        };
    this._itemList.splice(at, 0, state);
    // A question added to a linked form gets a column where `newQuestionColumn` says (U).
    if (this._dest && !LAYOUT.has(type)) {
      const col = this._newColumn();
      this._dest.columns.set(state.id, col);
      this._headerCell(col, state.title);
    }
    return state;
  }

  /** The last column of the form's block in the linked sheet (timestamp, email, questions). */
  _blockEnd(): number {
    const d = this._dest;
    if (!d) return 0;
    let end = Math.max(1, d.emailCol);
    for (const col of d.columns.values()) end = Math.max(end, col);
    return end;
  }

  /**
   * The column Google gives a question (or the email) added after linking, never a user's column
   * (U both ways, live-risks D5): `'end-of-block'` inserts a column after the form's block, so
   * whatever the user keeps to its right (the `[KTCV]` columns) shifts right; `'after-last-column'`
   * takes the first column after the sheet's last used one.
   */
  _newColumn(): number {
    const d = this._dest as Destination;
    const end = this._blockEnd();
    const sheet = d.sheet;
    if (this._app._google.newQuestionColumn === 'after-last-column')
      return Math.max(end, sheet._lastCol()) + 1;
    if (end < sheet._maxCols) this._app._log.uncounted(() => sheet.insertColumnsAfter(end, 1));
    return end + 1;
  }

  /** Keeps the header cell of a linked question in step with its title (U). */
  _renamed(state: ItemState): void {
    const col = this._dest?.columns.get(state.id);
    if (col && !state.deleted) this._headerCell(col, state.title);
  }

  /** Writes one header cell as Google does: text as is, uncounted. */
  _headerCell(col: number, text: string): void {
    const sheet = this._dest?.sheet;
    if (!sheet || sheet._deleted) return;
    // A sparse row writes only the cells it holds (the hook skips holes) and grows the grid.
    const row: unknown[] = [];
    row[col - 1] = text;
    sheet._googleWriteRow(1, row);
  }

  /** Links `ss`: a new `Form Responses N` sheet with headers and every response so far. */
  _link(ss: EmuSpreadsheet): void {
    const locale = ss._locale;
    const names = HEADERS[localeKey(locale)];
    let n = 1;
    while (ss._nameTaken(`${names.sheet} ${n}`)) n++;
    const sheet = ss._addSheet(`${names.sheet} ${n}`, {
      index: 0,
      unseen: this._app._google.linkedSheet === 'after-flush',
    });
    const headers: string[] = [names.timestamp];
    const dest: Destination = { ss, sheet, columns: new Map(), emailCol: 0, locale };
    if (this._collectEmail) {
      dest.emailCol = headers.length + 1;
      headers.push(names.email);
    }
    for (const item of this._itemList) {
      if (LAYOUT.has(item.type)) continue;
      dest.columns.set(item.id, headers.length + 1);
      headers.push(item.title);
    }
    this._dest = dest;
    sheet._formUrl = this._viewUrl();
    sheet._googleWriteRow(1, headers);
    for (const r of this._responses) if (r.rowDue === null) this._writeRow(r, false);
  }

  /** The linked sheet, or null. */
  _destinationSheet(): EmuSheet | null {
    return this._dest?.sheet ?? null;
  }

  /** The sheet row of a response in the linked sheet, or 0. */
  _responseRow(responseId: string): number {
    return this._responses.find((r) => r.id === responseId)?.row ?? 0;
  }

  /** Appends (or, for an edit, rewrites) a response's row; cells of other columns are left alone. */
  _writeRow(r: ResponseState, rewrite: boolean): void {
    const d = this._dest;
    if (!d || d.sheet._deleted) return;
    const tz = d.ss._timeZone;
    const formats = CELL_FORMATS[localeKey(d.locale)];
    const values: unknown[] = [];
    const dateCols: number[] = [];
    values[0] = new Date(r.timestamp);
    if (d.emailCol) values[d.emailCol - 1] = asTyped(r.email);
    for (const [itemId, col] of d.columns) {
      const item = this._item(itemId);
      // A deleted question's column is left as it is (U).
      if (!item) continue;
      const answer = r.answers.get(itemId) ?? '';
      if (item.type === 'DATE' && answer !== '') {
        const [y, m, day] = answer.split('-').map(Number);
        values[col - 1] = new Date(zonedMs(tz, y, m, day));
        dateCols.push(col);
      } else values[col - 1] = asTyped(answer);
    }
    const row = rewrite && r.row > 0 ? r.row : d.sheet._lastRow() + 1;
    // The formats a script gave these cells win; Google's own apply to automatic cells (U).
    const before = (col: number): string => d.sheet._cell(row, col)?.numberFormat ?? '';
    const automatic = [1, ...dateCols].filter((col) => before(col) === '');
    try {
      if (rewrite && r.row > 0) d.sheet._googleWriteRow(row, values, { userEntered: true });
      else r.row = d.sheet._googleAppendRow(values, { userEntered: true });
    } catch (e) {
      // A full workbook (10M cells): the response stays in the form, its row is not written (U).
      if (e instanceof Error && e.message.includes('above the limit of')) return;
      throw e;
    }
    for (const col of automatic) {
      d.sheet._ensure(r.row, col).numberFormat = col === 1 ? formats.timestamp : formats.date;
    }
  }
}
