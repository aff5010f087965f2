// Item types, sheet headers, messages, argument checks and the state behind forms, items and responses.
import { gasTypeNames, signatureError } from '../errors';
import type { EmuRange, EmuSheet, EmuSpreadsheet } from '../spreadsheet';
import { gasEnum } from '../utilities';

/** Every item type the enum lists (DT/forms). Only some can be added here; see `Form.addXItem`. */
export const ITEM_TYPES = [
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
export type Kind = 'LIST' | 'MULTIPLE_CHOICE' | 'TEXT' | 'PARAGRAPH_TEXT' | 'DATE' | 'PAGE_BREAK';

/** Layout items get no column in the response sheet and take no answer (reference §2). */
export const LAYOUT = new Set<Kind>(['PAGE_BREAK']);

/**
 * Texts of the response sheet by spreadsheet locale: en_US (reference §2), vi_VN (U: the sheet name
 * follows the pattern public code matches in other locales, live-risks D6).
 */
export const HEADERS: Record<string, { timestamp: string; email: string; sheet: string }> = {
  en: { timestamp: 'Timestamp', email: 'Email Address', sheet: 'Form Responses' },
  vi: { timestamp: 'Dấu thời gian', email: 'Địa chỉ email', sheet: 'Câu trả lời biểu mẫu' },
};

/** Number formats Google gives response cells, by locale (U: read off the UI, not verified live). */
export const CELL_FORMATS: Record<string, { timestamp: string; date: string }> = {
  en: { timestamp: 'M/d/yyyy H:mm:ss', date: 'M/d/yyyy' },
  vi: { timestamp: 'd/M/yyyy H:mm:ss', date: 'd/M/yyyy' },
};

export const localeKey = (locale: string): string =>
  locale.toLowerCase().startsWith('vi') ? 'vi' : 'en';

export const NOT_FOUND =
  'No item with the given ID could be found, or you do not have permission to access it.';
/** The generic text live Forms gives for a rejected change ("Invalid data updating form.", C). */
export const INVALID_DATA = 'Invalid data updating form.';
/** getDestinationId on an unlinked form throws (two public repos say so); the text is U. */
export const NO_DESTINATION = 'The form currently has no response destination.';

export interface ChoiceState {
  value: string;
}

export interface ItemState {
  id: number;
  type: Kind;
  title: string;
  helpText: string;
  required: boolean;
  choices: ChoiceState[];
  validation: TextRule | null;
  deleted: boolean;
}

export interface ResponseState {
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

export interface Destination {
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

export type Pred = (v: unknown) => boolean;
export const isStr: Pred = (v) => typeof v === 'string';
export const isBool: Pred = (v) => typeof v === 'boolean';
export const isNum: Pred = (v) => typeof v === 'number' && Number.isFinite(v);
export const isInt: Pred = (v) => isNum(v) && Number.isInteger(v as number);

/** Throws the signature error unless `args` has one of the accepted shapes. */
export function checkArgs(
  args: ArrayLike<unknown>,
  where: [string, string],
  ...shapes: Pred[][]
): void {
  const list = Array.from(args);
  const ok = shapes.some((s) => s.length === list.length && s.every((p, i) => p(list[i])));
  if (!ok) throw signatureError(gasTypeNames(list), 'FormApp', where[0], where[1]);
}

// ---------------------------------------------------------------------------------------------
// Text validation.

export interface TextRule {
  test: (answer: string) => boolean;
  helpText: string;
  /** What the rule asks, for refusal messages. */
  describe: string;
}

/**
 * Answer text as Google writes it: parsed like typed input (numbers, dates), except that a leading
 * `=`, `+`, `-` or `@` (or an apostrophe) stays text, never a formula (U: Google escapes it).
 */
export function asTyped(text: string): string {
  return /^[=+\-@']/.test(text) ? `'${text}` : text;
}

// ---------------------------------------------------------------------------------------------
// Enums the service and its items share.

export const ITEM_TYPE = gasEnum(ITEM_TYPES);
export const DESTINATION_TYPE = gasEnum(['SPREADSHEET'] as const);
export const EMAIL_TYPES = ['VERIFIED', 'RESPONDER_INPUT', 'DO_NOT_COLLECT'] as const;
export const EMAIL_COLLECTION_TYPE = gasEnum(EMAIL_TYPES);
