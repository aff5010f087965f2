// In-memory FormApp: forms, items, text validation, responses and the linked response sheet Google writes.
/// <reference types="google-apps-script" />
import { createHash } from 'node:crypto';
import type { CallLog } from './calls';
import type { VirtualClock } from './clock';
import { GAS_TYPE, gasError, gasTypeNames, isDate, signatureError } from './errors';
import { Draws, type GoogleSwitches, googleSwitches } from './google';
import type { EmuRange, EmuSheet, EmuSpreadsheet, SpreadsheetAppEmu } from './spreadsheet';
import { type GasEnumValue, gasEnum, wallTime, zonedMs } from './utilities';

/*
 * Hooks that are not Apps Script (a leading underscore; none of them counts as a call):
 *
 * Respondents and Google itself:
 * - `forms._respond(form, answers, {email?, typed?, at?, bypassValidation?}) → EmuFormResponse`: a
 *   respondent submits (`email`: the signed-in account on a VERIFIED form, else what is typed;
 *   `typed`: what is typed in the email field). `answers` maps an item title (or its numeric id)
 *   to the text typed or chosen; a date is `'YYYY-MM-DD'`. Refused like the live form unless `bypassValidation`; an unpublished form
 *   refuses always. Google then appends the row to the linked sheet, uncounted, at once or
 *   `ws.google.rowDelayMs` later on the virtual clock (`rowOrder`; `forms._rowDue(responseId)`).
 * - `forms._edit(responseId, answers, {at?, bypassValidation?}) → EmuFormResponse`: the respondent
 *   edits; the given answers replace the old ones ('' clears), the row is rewritten in place.
 * - `forms._sheetEvent(responseId, {blankUnchanged?})` and `forms._blankSheetEvent(form)`: the
 *   `{range, values, namedValues}` part of a spreadsheet form-submit event, for the runtime.
 *
 * Reading state: `forms._all()`, `forms._open(id)`, `forms._findResponse(id)`,
 * `form._destinationSheet()`, `form._responseRow(responseId)`.
 *
 * Google-side switches (`FormsOptions.google`, the workspace's `ws.google`, google.ts) decide the
 * row order, when a linked sheet is seen, where a later question's column goes, whether
 * moveItem/deleteItem take typed items and from when new forms start unpublished.
 */

/** Every item type the enum lists (DT/forms). Only some can be added here; see `Form.addXItem`. */
const ITEM_TYPES = [
  'CHECKBOX',
  'CHECKBOX_GRID',
  'DATE',
  'DATETIME',
  'DURATION',
  'GRID',
  'IMAGE',
  'LIST',
  'MULTIPLE_CHOICE',
  'PAGE_BREAK',
  'PARAGRAPH_TEXT',
  'SCALE',
  'SECTION_HEADER',
  'TEXT',
  'TIME',
  'VIDEO',
  'FILE_UPLOAD',
] as const;

/** The item types this emulator builds. */
type Kind = 'LIST' | 'MULTIPLE_CHOICE' | 'TEXT' | 'PARAGRAPH_TEXT' | 'DATE' | 'PAGE_BREAK';

/** Layout items get no column in the response sheet and take no answer (reference §2). */
const LAYOUT = new Set<Kind>(['PAGE_BREAK']);

/**
 * Texts of the response sheet by spreadsheet locale: en_US (reference §2), vi_VN (U: the sheet name
 * follows the pattern public code matches in other locales, live-risks D6).
 */
const HEADERS: Record<string, { timestamp: string; email: string; sheet: string }> = {
  en: { timestamp: 'Timestamp', email: 'Email Address', sheet: 'Form Responses' },
  vi: { timestamp: 'Dấu thời gian', email: 'Địa chỉ email', sheet: 'Câu trả lời biểu mẫu' },
};

/** Number formats Google gives response cells, by locale (U: read off the UI, not verified live). */
const CELL_FORMATS: Record<string, { timestamp: string; date: string }> = {
  en: { timestamp: 'M/d/yyyy H:mm:ss', date: 'M/d/yyyy' },
  vi: { timestamp: 'd/M/yyyy H:mm:ss', date: 'd/M/yyyy' },
};

const localeKey = (locale: string): string => (locale.toLowerCase().startsWith('vi') ? 'vi' : 'en');

const NOT_FOUND =
  'No item with the given ID could be found, or you do not have permission to access it.';
/** The generic text live Forms gives for a rejected change ("Invalid data updating form.", C). */
const INVALID_DATA = 'Invalid data updating form.';
/** getDestinationId on an unlinked form throws (two public repos say so); the text is U. */
const NO_DESTINATION = 'The form currently has no response destination.';

interface ChoiceState {
  value: string;
}

interface ItemState {
  id: number;
  type: Kind;
  title: string;
  helpText: string;
  required: boolean;
  choices: ChoiceState[];
  validation: TextRule | null;
  deleted: boolean;
}

interface ResponseState {
  id: string;
  /** Order key: the first submission, which an edit keeps (U). */
  seq: number;
  timestamp: number;
  email: string;
  /** Item id → answer text ('YYYY-MM-DD' for dates). Unanswered items are absent. */
  answers: Map<number, string>;
  /** Item ids whose answer the last edit changed (all answered items after a first submit). */
  changed: Set<number>;
  /** The row in the current destination sheet, or 0. */
  row: number;
  /** Virtual time at which Google writes a row it has not written yet (trigger-first order), else null. */
  rowDue: number | null;
}

interface Destination {
  ss: EmuSpreadsheet;
  sheet: EmuSheet;
  /** Question item id → 1-based column. Deleted questions keep theirs (U). */
  columns: Map<number, number>;
  emailCol: number;
  locale: string;
}

/** What `_respond` takes: answers by item title or id. */
export type Answers = Record<string | number, string | Date | null | undefined>;

/** How a form collects respondents' addresses (`FormApp.EmailCollectionType`). */
export type EmailCollection = 'VERIFIED' | 'RESPONDER_INPUT' | 'DO_NOT_COLLECT';

/** Options of a simulated submission. */
export interface RespondOptions {
  /**
   * The respondent's address; required when the form collects emails. Under `VERIFIED` it is the
   * Google account they are signed in with (the form shows it, nothing is typed); under
   * `RESPONDER_INPUT` it is what they type, unless `typed` says otherwise.
   */
  email?: string;
  /**
   * An address typed into the form's email field, which may be anyone's. Only a
   * `RESPONDER_INPUT` form has that field and records it; a `VERIFIED` one has none and records
   * the signed-in account (`email`) whatever is passed here.
   */
  typed?: string;
  /** Submission time; default the virtual clock's now (the clock is moved forward to it). */
  at?: Date;
  /** Let answers through that the live form would refuse (choices changed later, a test's bad value). */
  bypassValidation?: boolean;
}

/** The `{range, values, namedValues}` of a spreadsheet form-submit event. */
export interface SheetEventPart {
  range: EmuRange;
  values: string[];
  namedValues: Record<string, string[]>;
}

// ---------------------------------------------------------------------------------------------
// Argument checks in the live style.

type Pred = (v: unknown) => boolean;
const isStr: Pred = (v) => typeof v === 'string';
const isBool: Pred = (v) => typeof v === 'boolean';
const isNum: Pred = (v) => typeof v === 'number' && Number.isFinite(v);
const isInt: Pred = (v) => isNum(v) && Number.isInteger(v as number);

/** Throws the signature error unless `args` has one of the accepted shapes. */
function checkArgs(args: ArrayLike<unknown>, where: [string, string], ...shapes: Pred[][]): void {
  const list = Array.from(args);
  const ok = shapes.some((s) => s.length === list.length && s.every((p, i) => p(list[i])));
  if (!ok) throw signatureError(gasTypeNames(list), 'FormApp', where[0], where[1]);
}

// ---------------------------------------------------------------------------------------------
// Text validation.

interface TextRule {
  test: (answer: string) => boolean;
  helpText: string;
  /** What the rule asks, for refusal messages. */
  describe: string;
}

/** A built `TextValidation`. */
export class EmuTextValidation {
  constructor(readonly _rule: TextRule) {}

  get [GAS_TYPE](): string {
    return 'FormApp.TextValidation';
  }
}

/**
 * `FormApp.createTextValidation()` with the one criterion the bundle uses: the whole answer must
 * match a regular expression (Forms' "Matches"). Other criteria are not emulated.
 */
export class EmuTextValidationBuilder {
  private rule: Omit<TextRule, 'helpText'> | null = null;
  private helpText = '';

  constructor(private readonly log: CallLog) {}

  get [GAS_TYPE](): string {
    return 'FormApp.TextValidationBuilder';
  }

  /** A bad pattern throws `Invalid argument: pattern` (U for the text). */
  requireTextMatchesPattern(pattern: string): this {
    this.log.record('TextValidationBuilder', 'requireTextMatchesPattern');
    checkArgs(arguments, ['TextValidationBuilder', 'requireTextMatchesPattern'], [isStr]);
    let re: RegExp;
    try {
      re = new RegExp(`^(?:${pattern})$`, 'u');
    } catch {
      throw gasError('Invalid argument: pattern');
    }
    this.rule = { describe: `match /${pattern}/`, test: (s) => re.test(s) };
    return this;
  }

  /** A web address (the evidence link of a fix report); Google's exact rule is U: host with a dot. */
  requireTextIsUrl(): this {
    this.log.record('TextValidationBuilder', 'requireTextIsUrl');
    checkArgs(arguments, ['TextValidationBuilder', 'requireTextIsUrl'], []);
    this.rule = {
      describe: 'a URL',
      test: (s) => /^(?:https?:\/\/)?[^\s/]+\.[^\s]+$/i.test(s.trim()),
    };
    return this;
  }

  /** The message the respondent sees when the answer fails. */
  setHelpText(text: string): this {
    this.log.record('TextValidationBuilder', 'setHelpText');
    checkArgs(arguments, ['TextValidationBuilder', 'setHelpText'], [isStr]);
    this.helpText = text;
    return this;
  }

  /** A builder without any `require…` builds nothing usable (U for the text). */
  build(): EmuTextValidation {
    this.log.record('TextValidationBuilder', 'build');
    return this._build();
  }

  /** Non-Apps-Script: build without counting (setValidation accepts a builder too, DT/forms). */
  _build(): EmuTextValidation {
    if (!this.rule) throw gasError('Invalid argument: validation');
    return new EmuTextValidation({ ...this.rule, helpText: this.helpText });
  }
}

// ---------------------------------------------------------------------------------------------
// Choices and items.

/** A `Choice` of a list or multiple-choice item. */
export class EmuChoice implements Pick<GoogleAppsScript.Forms.Choice, 'getValue'> {
  constructor(
    private readonly log: CallLog,
    readonly _state: ChoiceState,
  ) {}

  get [GAS_TYPE](): string {
    return 'FormApp.Choice';
  }

  getValue(): string {
    this.log.record('Choice', 'getValue');
    return this._state.value;
  }
}

/** What every item view shares: the state lives in the form, views are cheap. */
abstract class ItemBase {
  constructor(
    readonly _form: EmuForm,
    readonly _state: ItemState,
  ) {}

  /** The class name live prints, e.g. `ListItem`, or `Item` for the generic view. */
  protected abstract get _cls(): string;

  get [GAS_TYPE](): string {
    return `FormApp.${this._cls}`;
  }

  protected rec(method: string): void {
    this._form._app._log.record(this._cls, method);
  }

  protected check(args: IArguments, method: string, ...shapes: Pred[][]): void {
    checkArgs(args, [this._cls, method], ...shapes);
  }

  /** A stable integer id. */
  getId(): number {
    this.rec('getId');
    return this._state.id;
  }

  /** 0-based position among the form's items. */
  getIndex(): number {
    this.rec('getIndex');
    return this._form._index(this._state);
  }

  getTitle(): string {
    this.rec('getTitle');
    return this._state.title;
  }

  /** Renaming a linked question renames its header cell (U). */
  setTitle(title: string): this {
    this.rec('setTitle');
    this.check(arguments, 'setTitle', [isStr]);
    this._state.title = title;
    this._form._renamed(this._state);
    return this;
  }

  getHelpText(): string {
    this.rec('getHelpText');
    return this._state.helpText;
  }

  setHelpText(text: string): this {
    this.rec('setHelpText');
    this.check(arguments, 'setHelpText', [isStr]);
    this._state.helpText = text;
    return this;
  }

  getType(): GasEnumValue {
    this.rec('getType');
    return ITEM_TYPE[this._state.type];
  }
}

/** The generic `Item` that `getItems()` returns: no type-specific methods until cast. */
export class EmuItem
  extends ItemBase
  implements Pick<GoogleAppsScript.Forms.Item, 'getId' | 'getIndex' | 'getTitle' | 'getHelpText'>
{
  protected get _cls(): string {
    return 'Item';
  }

  /** Live: `Invalid conversion for item type: PAGE_BREAK` names the item's own type (C). */
  private cast(method: string, kind: string): ItemBase {
    this.rec(method);
    if (this._state.type !== kind)
      throw gasError(`Invalid conversion for item type: ${this._state.type}`);
    return this._form._typed(this._state);
  }

  asListItem(): EmuListItem {
    return this.cast('asListItem', 'LIST') as EmuListItem;
  }

  asMultipleChoiceItem(): EmuMultipleChoiceItem {
    return this.cast('asMultipleChoiceItem', 'MULTIPLE_CHOICE') as EmuMultipleChoiceItem;
  }

  asTextItem(): EmuTextItem {
    return this.cast('asTextItem', 'TEXT') as EmuTextItem;
  }

  asParagraphTextItem(): EmuParagraphTextItem {
    return this.cast('asParagraphTextItem', 'PARAGRAPH_TEXT') as EmuParagraphTextItem;
  }

  asDateItem(): EmuDateItem {
    return this.cast('asDateItem', 'DATE') as EmuDateItem;
  }

  asPageBreakItem(): EmuPageBreakItem {
    return this.cast('asPageBreakItem', 'PAGE_BREAK') as EmuPageBreakItem;
  }
}

/** Items that take an answer. */
abstract class QuestionItem extends ItemBase {
  setRequired(enabled: boolean): this {
    this.rec('setRequired');
    this.check(arguments, 'setRequired', [isBool]);
    this._state.required = enabled;
    return this;
  }

  isRequired(): boolean {
    this.rec('isRequired');
    return this._state.required;
  }
}

/** List and multiple-choice items. */
abstract class ChoiceItem extends QuestionItem {
  /** An empty array throws `Array is empty: values` (C-weak: one public repo, and its Spanish form in another). */
  setChoiceValues(values: string[]): this {
    this.rec('setChoiceValues');
    if (
      arguments.length !== 1 ||
      !Array.isArray(values) ||
      values.some((v) => v === null || v === undefined || typeof v === 'object')
    ) {
      throw signatureError(gasTypeNames(arguments), 'FormApp', this._cls, 'setChoiceValues');
    }
    if (values.length === 0) throw gasError('Array is empty: values');
    this._state.choices = values.map((v) => ({
      value: String(v),
    }));
    return this;
  }

  getChoices(): EmuChoice[] {
    this.rec('getChoices');
    return this._state.choices.map((c) => new EmuChoice(this._form._app._log, { ...c }));
  }
}

/** A drop-down `ListItem`: answers must be one of the choices. */
export class EmuListItem
  extends ChoiceItem
  implements Pick<GoogleAppsScript.Forms.ListItem, 'getId' | 'getIndex' | 'getTitle' | 'isRequired'>
{
  protected get _cls(): string {
    return 'ListItem';
  }
}

/** A `MultipleChoiceItem`: answers must be one of the choices. */
export class EmuMultipleChoiceItem
  extends ChoiceItem
  implements Pick<GoogleAppsScript.Forms.MultipleChoiceItem, 'getId' | 'getTitle'>
{
  protected get _cls(): string {
    return 'MultipleChoiceItem';
  }
}

/** A short-answer `TextItem`, optionally validated. */
export class EmuTextItem
  extends QuestionItem
  implements Pick<GoogleAppsScript.Forms.TextItem, 'getId' | 'getTitle' | 'isRequired'>
{
  protected get _cls(): string {
    return 'TextItem';
  }

  /** A built validation, or a builder (DT/forms shows both). */
  setValidation(validation: EmuTextValidation | EmuTextValidationBuilder): this {
    this.rec('setValidation');
    const ok = (v: unknown): boolean =>
      v instanceof EmuTextValidation || v instanceof EmuTextValidationBuilder;
    this.check(arguments, 'setValidation', [ok]);
    this._state.validation =
      validation instanceof EmuTextValidation ? validation._rule : validation._build()._rule;
    return this;
  }
}

/** A long-answer `ParagraphTextItem` (paragraph validation is not emulated). */
export class EmuParagraphTextItem
  extends QuestionItem
  implements Pick<GoogleAppsScript.Forms.ParagraphTextItem, 'getId' | 'getTitle' | 'isRequired'>
{
  protected get _cls(): string {
    return 'ParagraphTextItem';
  }
}

/** A `DateItem`: answers are `'YYYY-MM-DD'`. */
export class EmuDateItem
  extends QuestionItem
  implements Pick<GoogleAppsScript.Forms.DateItem, 'getId' | 'getTitle'>
{
  protected get _cls(): string {
    return 'DateItem';
  }
}

/** A `PageBreakItem`: layout, no answer, no column. */
export class EmuPageBreakItem extends ItemBase {
  protected get _cls(): string {
    return 'PageBreakItem';
  }
}

type TypedItem =
  | EmuListItem
  | EmuMultipleChoiceItem
  | EmuTextItem
  | EmuParagraphTextItem
  | EmuDateItem
  | EmuPageBreakItem;

const isItemView = (v: unknown): v is ItemBase => v instanceof ItemBase;

// ---------------------------------------------------------------------------------------------
// Responses.

/** One answer, as `FormResponse.getItemResponses()` gives it. */
export class EmuItemResponse {
  constructor(
    private readonly form: EmuForm,
    private readonly item: ItemState,
    private readonly answer: string,
  ) {}

  get [GAS_TYPE](): string {
    return 'FormApp.ItemResponse';
  }

  /** The generic Item. */
  getItem(): EmuItem {
    this.form._app._log.record('ItemResponse', 'getItem');
    return this.form._generic(this.item);
  }

  /** A string for the types emulated here; a date is `'YYYY-MM-DD'` (reference §2 table). */
  getResponse(): string {
    this.form._app._log.record('ItemResponse', 'getResponse');
    return this.answer;
  }
}

/** A `FormResponse`; reads the response's current state, so an edit shows through. */
export class EmuFormResponse
  implements
    Pick<GoogleAppsScript.Forms.FormResponse, 'getId' | 'getRespondentEmail' | 'getTimestamp'>
{
  constructor(
    readonly _form: EmuForm,
    readonly _state: ResponseState,
  ) {}

  get [GAS_TYPE](): string {
    return 'FormApp.FormResponse';
  }

  private rec(method: string): void {
    this._form._app._log.record('FormResponse', method);
  }

  /** Stable across edits. */
  getId(): string {
    this.rec('getId');
    return this._state.id;
  }

  /** The last submit (an edit moves it). */
  getTimestamp(): Date {
    this.rec('getTimestamp');
    return new Date(this._state.timestamp);
  }

  /** '' when the form does not collect emails (GF fakeformresponse.js). */
  getRespondentEmail(): string {
    this.rec('getRespondentEmail');
    return this._state.email;
  }

  /** Answered items only, in the form's current order (GF; U live). */
  getItemResponses(): EmuItemResponse[] {
    this.rec('getItemResponses');
    return this._form
      ._items()
      .filter((item) => this._state.answers.has(item.id))
      .map((item) => new EmuItemResponse(this._form, item, this._state.answers.get(item.id)!));
  }
}

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

/**
 * Answer text as Google writes it: parsed like typed input (numbers, dates), except that a leading
 * `=`, `+`, `-` or `@` (or an apostrophe) stays text, never a formula (U: Google escapes it).
 */
function asTyped(text: string): string {
  return /^[=+\-@']/.test(text) ? `'${text}` : text;
}

// ---------------------------------------------------------------------------------------------
// The service.

const ITEM_TYPE = gasEnum(ITEM_TYPES);
const DESTINATION_TYPE = gasEnum(['SPREADSHEET'] as const);
const EMAIL_TYPES = ['VERIFIED', 'RESPONDER_INPUT', 'DO_NOT_COLLECT'] as const;
const EMAIL_COLLECTION_TYPE = gasEnum(EMAIL_TYPES);

/** Options for the emulated FormApp. */
export interface FormsOptions {
  /** Seeds response ids, so two workspaces give the same ids. */
  seed?: string;
  /** Google-side order and strictness (shared with the workspace, read at each call). */
  google?: GoogleSwitches;
}

/** The `FormApp` global. */
export class FormAppEmu {
  readonly ItemType = ITEM_TYPE;
  readonly DestinationType = DESTINATION_TYPE;
  readonly EmailCollectionType = EMAIL_COLLECTION_TYPE;
  private readonly forms = new Map<string, EmuForm>();
  private nextForm = 1;
  private nextItemSeed = 7;
  private nextResponse = 1;
  readonly _google: GoogleSwitches;
  private readonly draws: Draws;

  constructor(
    readonly _log: CallLog,
    readonly _clock: VirtualClock,
    readonly _sheets: SpreadsheetAppEmu,
    private readonly options: FormsOptions = {},
  ) {
    this._google = options.google ?? googleSwitches();
    this.draws = new Draws(this._google);
  }

  get [GAS_TYPE](): string {
    return 'FormApp';
  }

  /**
   * A new form. Without `isPublished`, a form created at or after `unpublishedFrom` (30 June 2026)
   * starts unpublished and takes no responses until `setPublished(true)` (V for the Forms API
   * notice, U for FormApp: the stricter reading, live-risks D1).
   */
  create(title: string, isPublished?: boolean): EmuForm {
    this._log.record('FormApp', 'create');
    checkArgs(arguments, ['', 'create'], [isStr], [isStr, isBool]);
    const from = this._google.unpublishedFrom;
    return this._create(title, isPublished ?? (from === null || this._clock.now() < from));
  }

  /** An unknown id throws the not-found text (C for Drive; U for FormApp). */
  openById(id: string): EmuForm {
    this._log.record('FormApp', 'openById');
    checkArgs(arguments, ['', 'openById'], [isStr]);
    const form = this.forms.get(id);
    if (!form) throw gasError(NOT_FOUND);
    return form;
  }

  createTextValidation(): EmuTextValidationBuilder {
    this._log.record('FormApp', 'createTextValidation');
    return new EmuTextValidationBuilder(this._log);
  }

  // ----- Non-Apps-Script -----

  /** Creates a form without counting. */
  _create(title: string, published = true): EmuForm {
    const n = this.nextForm++;
    const id = `1EmuForm${String(n).padStart(36, '0')}`;
    const publishedId = `1FAIpQLSe${this.hash(`pub:${id}`).slice(0, 47)}`;
    const form = new EmuForm(this, id, publishedId, title, published);
    this.forms.set(id, form);
    return form;
  }

  _open(id: string): EmuForm | null {
    return this.forms.get(id) ?? null;
  }

  _all(): EmuForm[] {
    return [...this.forms.values()];
  }

  /** Deterministic integer ids that look like Forms' (Park–Miller sequence). */
  _newItemId(): number {
    this.nextItemSeed = (this.nextItemSeed * 16807) % 2147483647;
    return this.nextItemSeed;
  }

  /** The response and its form, or null. */
  _findResponse(responseId: string): EmuFormResponse | null {
    for (const form of this.forms.values()) {
      const state = form._responses.find((r) => r.id === responseId);
      if (state) return form._responseView(state);
    }
    return null;
  }

  /** A respondent submits `answers` (by item title or id). Refused like the live form; see RespondOptions. */
  _respond(form: EmuForm, answers: Answers, options: RespondOptions = {}): EmuFormResponse {
    if (!form._published) {
      throw new Error(
        `Form "${form._title}" is not published: its link takes no responses (create(title, true) or setPublished(true))`,
      );
    }
    const parsed = this.parseAnswers(form, answers);
    for (const [id, a] of parsed) if (a === '') parsed.delete(id);
    if (!options.bypassValidation) this.validate(form, parsed);
    // VERIFIED: the signed-in account, nothing typed counts; RESPONDER_INPUT: what is typed.
    const email =
      form._emailType === 'VERIFIED'
        ? (options.email ?? '')
        : (options.typed ?? options.email ?? '');
    if (form._collectEmail && !options.bypassValidation) {
      if (email === '')
        throw new Error(
          form._emailType === 'VERIFIED'
            ? `Form "${form._title}" collects verified emails: the respondent must sign in to a Google account`
            : `Form "${form._title}" collects emails: the respondent must give one`,
        );
    }
    const at = this.when(options.at);
    const n = this.nextResponse++;
    const state: ResponseState = {
      id: `2_ABaOnu${this.hash(`${this.options.seed ?? ''}:${form._id}:${n}`).slice(0, 62)}`,
      seq: n,
      timestamp: at,
      email: form._collectEmail ? email : '',
      answers: parsed,
      changed: new Set(parsed.keys()),
      row: 0,
      rowDue: null,
    };
    form._responses.push(state);
    if (this.draws.triggerFirst()) {
      // Trigger-first order (U, live-risks D3): Google writes the row later, whoever moves the clock.
      const due = this._clock.now() + this._google.rowDelayMs;
      state.rowDue = due;
      this._clock.schedule(due, () => {
        state.rowDue = null;
        form._writeRow(state, false);
      });
    } else form._writeRow(state, false);
    return form._responseView(state);
  }

  /** When Google will write a response's row (epoch ms), or null when it is written. */
  _rowDue(responseId: string): number | null {
    return this._findResponse(responseId)?._state.rowDue ?? null;
  }

  /** The respondent edits a response: given answers replace the old ones ('' clears); same id, same row. */
  _edit(
    responseId: string,
    answers: Answers,
    options: Omit<RespondOptions, 'email'> = {},
  ): EmuFormResponse {
    const view = this._findResponse(responseId);
    if (!view) throw new Error(`No response ${responseId}`);
    const form = view._form;
    const state = view._state;
    if (!form._allowEdits && !options.bypassValidation) {
      throw new Error(`Form "${form._title}" does not allow editing responses`);
    }
    const changes = this.parseAnswers(form, answers);
    const merged = new Map(state.answers);
    for (const [id, a] of changes) {
      if (a === '') merged.delete(id);
      else merged.set(id, a);
    }
    if (!options.bypassValidation) this.validate(form, merged);
    const changed = new Set<number>();
    for (const id of new Set([...state.answers.keys(), ...merged.keys()])) {
      if (state.answers.get(id) !== merged.get(id)) changed.add(id);
    }
    state.answers = merged;
    state.changed = changed;
    state.timestamp = this.when(options.at);
    // A row not yet written is written with the latest answers when it lands.
    if (state.rowDue === null) form._writeRow(state, true);
    return view;
  }

  /**
   * The sheet part of a spreadsheet form-submit event for a response's row: display strings in
   * column order, namedValues by header. With `blankUnchanged`, answers the last edit did not change
   * read '' (reference §3, U).
   */
  _sheetEvent(
    responseId: string,
    options: { blankUnchanged?: boolean } = {},
  ): SheetEventPart | null {
    const view = this._findResponse(responseId);
    const d = view?._form._dest;
    if (!view || !d || view._state.row === 0 || d.sheet._deleted) return null;
    const keep = new Set<number>([1, d.emailCol]);
    if (options.blankUnchanged) {
      for (const [id, col] of d.columns) if (view._state.changed.has(id)) keep.add(col);
    }
    return this.rowEvent(d, view._state.row, (col) => !options.blankUnchanged || keep.has(col));
  }

  /** The spurious blank event (reference §3, markfguerra/google-forms-to-slack#7): every value ''. */
  _blankSheetEvent(form: EmuForm): SheetEventPart | null {
    const d = form._dest;
    if (!d || d.sheet._deleted) return null;
    return this.rowEvent(d, Math.max(d.sheet._lastRow(), 2), () => false);
  }

  private rowEvent(d: Destination, row: number, shown: (col: number) => boolean): SheetEventPart {
    const width = Math.max(...d.columns.values(), d.emailCol, 1);
    const values: string[] = [];
    const namedValues: Record<string, string[]> = {};
    for (let col = 1; col <= width; col++) {
      const text = shown(col) ? d.sheet._display(row, col) : '';
      values.push(text);
      const header = d.sheet._display(1, col);
      if (header !== '') namedValues[header] = [text];
    }
    return { range: d.sheet._range(row, 1, 1, width), values, namedValues };
  }

  /** Submission time in ms; the clock moves forward to it. */
  private when(at?: Date): number {
    if (at === undefined) return this._clock.now();
    if (!isDate(at)) throw new Error('`at` must be a Date');
    this._clock.set(at);
    return at.getTime();
  }

  private hash(text: string): string {
    return (
      createHash('sha256').update(text).digest('base64url') +
      createHash('sha256').update(`${text}#`).digest('base64url')
    );
  }

  /** Maps titles/ids to items and normalises answers ('' = no answer, kept so an edit can clear). */
  private parseAnswers(form: EmuForm, answers: Answers): Map<number, string> {
    const out = new Map<number, string>();
    const tz = form._dest?.ss._timeZone ?? this._sheets._options.timeZone ?? 'Asia/Ho_Chi_Minh';
    for (const [key, raw] of Object.entries(answers)) {
      const item = this.itemFor(form, key);
      let text: string;
      if (raw === null || raw === undefined) text = '';
      else if (isDate(raw)) {
        const w = wallTime(raw.getTime(), tz);
        text = `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
      } else text = String(raw);
      if (item.type === 'DATE' && text !== '') {
        const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text.trim());
        if (!m || !validYmd(Number(m[1]), Number(m[2]), Number(m[3]))) {
          throw new Error(`Answer to "${item.title}" is not a date (YYYY-MM-DD): ${text}`);
        }
        text = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
      }
      out.set(item.id, text);
    }
    return out;
  }

  private itemFor(form: EmuForm, key: string): ItemState {
    const items = form._items();
    const byId = /^\d+$/.test(key) ? items.find((s) => String(s.id) === key) : undefined;
    const byTitle = items.filter((s) => s.title === key);
    if (!byId && byTitle.length > 1)
      throw new Error(`Several items are titled "${key}": answer by item id`);
    const item = byId ?? byTitle[0];
    if (!item) throw new Error(`Form "${form._title}" has no item "${key}"`);
    if (LAYOUT.has(item.type))
      throw new Error(`Item "${key}" is a ${item.type}: it takes no answer`);
    return item;
  }

  /** The refusals of the live form: required, choices, validation. Messages name the item. */
  private validate(form: EmuForm, answers: Map<number, string>): void {
    for (const item of form._items()) {
      if (LAYOUT.has(item.type)) continue;
      const a = answers.get(item.id);
      if (a === undefined || a.trim() === '') {
        if (item.required) throw new Error(`Missing answer to required question "${item.title}"`);
        continue;
      }
      if (item.type === 'LIST' || item.type === 'MULTIPLE_CHOICE') {
        if (!item.choices.some((c) => c.value === a)) {
          throw new Error(`Answer to "${item.title}" is not one of its choices: ${a}`);
        }
      }
      if (item.validation && !item.validation.test(a)) {
        const why = item.validation.helpText || item.validation.describe;
        throw new Error(`Answer to "${item.title}" fails its validation (${why}): ${a}`);
      }
    }
  }
}

function validYmd(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}
