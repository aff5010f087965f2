// FormApp: the service object (create, openById, enums) and the respondent-side hooks.
import { createHash } from 'node:crypto';
import type { CallLog } from '../calls';
import type { VirtualClock } from '../clock';
import { GAS_TYPE, gasError, isDate } from '../errors';
import { Draws, type GoogleSwitches, googleSwitches } from '../google';
import type { SpreadsheetAppEmu } from '../spreadsheet';
import { wallTime } from '../utilities';
import { EmuForm } from './form';
import type { EmuFormResponse } from './form-response';
import {
  type Answers,
  checkArgs,
  DESTINATION_TYPE,
  type Destination,
  EMAIL_COLLECTION_TYPE,
  ITEM_TYPE,
  type ItemState,
  isBool,
  isStr,
  LAYOUT,
  NOT_FOUND,
  type RespondOptions,
  type ResponseState,
  type SheetEventPart,
} from './helpers';
import { EmuTextValidationBuilder } from './text-validation-builder';

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
