// Emulated ScriptApp: installable triggers (spreadsheet, form, document, clock), their builders and the 20-trigger cap.
/// <reference types="google-apps-script" />
import type { CallLog } from './calls';
import { GAS_TYPE, gasError, gasTypeNames, signatureError } from './errors';
import { EmuForm, type FormAppEmu } from './forms';
import { EmuSpreadsheet, type SpreadsheetAppEmu } from './spreadsheet';
import { type GasEnumValue, gasEnum, wallTime, zonedMs } from './utilities';

/*
 * Hooks that are not Apps Script (never counted):
 * - `ScriptApp._all()`: every installed trigger, any owner; `_matching(eventType, source, sourceId?)`.
 * - `ScriptApp._addTrigger(spec)`: a trigger installed by someone else (another user running setup),
 *   which fires but which this user's getProjectTriggers does not list.
 * - `ScriptApp._setUser(email)`: who creates and lists triggers from now on.
 * - `ScriptApp._clockEvent(trigger, atMs)`: the time-driven event object for a firing.
 * - `ScriptApp._nextFire(trigger, afterMs)`: when a clock trigger next fires after `afterMs`;
 *   `_due(trigger, nowMs)`: whether it is due now (its next fire since it last ran has come).
 * - `ScriptApp._fired(trigger, atMs)`: records a run; a one-off clock trigger (`after`) is gone
 *   after it runs (U).
 */

/** REF quotas: 20 triggers per user per script; the 21st create() throws this (C). */
export const MAX_TRIGGERS = 20;
const TOO_MANY =
  'This script has too many triggers. Triggers must be deleted from the script before more can be added.';
const NOT_FOUND =
  'No item with the given ID could be found, or you do not have permission to access it.';

const EVENT_TYPES = [
  'CLOCK',
  'ON_OPEN',
  'ON_EDIT',
  'ON_FORM_SUBMIT',
  'ON_CHANGE',
  'ON_EVENT_UPDATED',
] as const;
const TRIGGER_SOURCES = ['SPREADSHEETS', 'CLOCK', 'FORMS', 'DOCUMENTS', 'CALENDAR'] as const;
/** Base.Weekday order (DT/base). */
const WEEKDAYS = [
  'SUNDAY',
  'MONDAY',
  'TUESDAY',
  'WEDNESDAY',
  'THURSDAY',
  'FRIDAY',
  'SATURDAY',
] as const;

/** The kind of event a trigger answers. */
export type EventTypeName = (typeof EVENT_TYPES)[number];
/** Where a trigger's events come from. */
export type TriggerSourceName = (typeof TRIGGER_SOURCES)[number];

/** When a clock trigger runs; only what the builder was told. */
export interface ClockSchedule {
  everyMinutes?: number;
  everyHours?: number;
  everyDays?: number;
  weekDay?: string;
  hour?: number;
  monthDay?: number;
  timeZone?: string;
  /** One-off: epoch ms. */
  at?: number;
}

/** An installed trigger's state. */
export interface TriggerState {
  uid: string;
  handler: string;
  eventType: EventTypeName;
  source: TriggerSourceName;
  sourceId: string | null;
  schedule: ClockSchedule | null;
  owner: string;
  /** Virtual time it was installed, epoch ms. */
  created: number;
  /** Virtual time it last ran, or null. */
  lastFired: number | null;
}

/** What `_addTrigger` takes. */
export type TriggerSpec = Omit<
  TriggerState,
  'uid' | 'schedule' | 'owner' | 'created' | 'lastFired'
> & {
  schedule?: ClockSchedule | null;
  owner?: string;
};

/** The time-driven event object (DT/events; REF:guides/triggers/events). */
export interface ClockEvent {
  authMode: GasEnumValue;
  year: number;
  month: number;
  'day-of-month': number;
  'day-of-week': number;
  'week-of-year': number;
  hour: number;
  minute: number;
  second: number;
  timezone: string;
  triggerUid: string;
}

type Pred = (v: unknown) => boolean;
const isStr: Pred = (v) => typeof v === 'string';
const isInt: Pred = (v) => typeof v === 'number' && Number.isInteger(v);

function checkArgs(
  args: ArrayLike<unknown>,
  cls: string,
  method: string,
  ...shapes: Pred[][]
): void {
  const list = Array.from(args);
  if (!shapes.some((s) => s.length === list.length && s.every((p, i) => p(list[i])))) {
    throw signatureError(gasTypeNames(list), 'ScriptApp', cls, method);
  }
}

/** A `Trigger`. */
export class EmuTrigger
  implements
    Pick<
      GoogleAppsScript.Script.Trigger,
      'getHandlerFunction' | 'getUniqueId' | 'getTriggerSourceId'
    >
{
  constructor(
    private readonly app: ScriptAppEmu,
    readonly _state: TriggerState,
  ) {}

  get [GAS_TYPE](): string {
    return 'ScriptApp.Trigger';
  }

  getHandlerFunction(): string {
    this.app._log.record('Trigger', 'getHandlerFunction');
    return this._state.handler;
  }

  /** Equal to the `triggerUid` of the events it delivers (reference §3). */
  getUniqueId(): string {
    this.app._log.record('Trigger', 'getUniqueId');
    return this._state.uid;
  }

  getEventType(): GasEnumValue {
    this.app._log.record('Trigger', 'getEventType');
    return this.app.EventType[this._state.eventType];
  }

  getTriggerSource(): GasEnumValue {
    this.app._log.record('Trigger', 'getTriggerSource');
    return this.app.TriggerSource[this._state.source];
  }

  /** The spreadsheet, form or document id; null for a clock trigger (U). */
  getTriggerSourceId(): string {
    this.app._log.record('Trigger', 'getTriggerSourceId');
    return this._state.sourceId as string;
  }
}

/** `ScriptApp.newTrigger(name)`: picks the source. */
export class EmuTriggerBuilder {
  constructor(
    private readonly app: ScriptAppEmu,
    private readonly handler: string,
  ) {}

  get [GAS_TYPE](): string {
    return 'ScriptApp.TriggerBuilder';
  }

  /** A spreadsheet or its id; an unknown id throws the not-found text (U). */
  forSpreadsheet(sheet: EmuSpreadsheet | string): EmuSpreadsheetTriggerBuilder {
    this.app._log.record('TriggerBuilder', 'forSpreadsheet');
    checkArgs(
      arguments,
      'TriggerBuilder',
      'forSpreadsheet',
      [isStr],
      [(v) => v instanceof EmuSpreadsheet],
    );
    const id = typeof sheet === 'string' ? sheet : sheet._id;
    if (!this.app._sheets._open(id)) throw gasError(NOT_FOUND);
    return new EmuSpreadsheetTriggerBuilder(this.app, this.handler, 'SPREADSHEETS', id);
  }

  /** A form or its id; an unknown id throws the not-found text (U). */
  forForm(form: EmuForm | string): EmuFormTriggerBuilder {
    this.app._log.record('TriggerBuilder', 'forForm');
    checkArgs(arguments, 'TriggerBuilder', 'forForm', [isStr], [(v) => v instanceof EmuForm]);
    const id = typeof form === 'string' ? form : form._id;
    if (!this.app._forms._open(id)) throw gasError(NOT_FOUND);
    return new EmuFormTriggerBuilder(this.app, this.handler, 'FORMS', id);
  }

  timeBased(): EmuClockTriggerBuilder {
    this.app._log.record('TriggerBuilder', 'timeBased');
    return new EmuClockTriggerBuilder(this.app, this.handler);
  }
}

/** The event-type step shared by spreadsheet, form and document builders. */
abstract class SourceTriggerBuilder {
  protected eventType: EventTypeName | null = null;

  constructor(
    protected readonly app: ScriptAppEmu,
    protected readonly handler: string,
    protected readonly source: TriggerSourceName,
    protected readonly sourceId: string,
  ) {}

  protected abstract get cls(): string;

  get [GAS_TYPE](): string {
    return `ScriptApp.${this.cls}`;
  }

  protected on(method: string, type: EventTypeName): this {
    this.app._log.record(this.cls, method);
    this.eventType = type;
    return this;
  }

  /** Without an event type nothing can be created (U for the text). */
  create(): EmuTrigger {
    this.app._log.record(this.cls, 'create');
    if (!this.eventType)
      throw gasError('The trigger has no event type: call onOpen(), onEdit(), … before create().');
    return this.app._install({
      handler: this.handler,
      eventType: this.eventType,
      source: this.source,
      sourceId: this.sourceId,
    });
  }
}

/** `forSpreadsheet(…)`: onOpen, onEdit, onChange, onFormSubmit. */
export class EmuSpreadsheetTriggerBuilder extends SourceTriggerBuilder {
  protected get cls(): string {
    return 'SpreadsheetTriggerBuilder';
  }

  onOpen(): this {
    return this.on('onOpen', 'ON_OPEN');
  }

  onEdit(): this {
    return this.on('onEdit', 'ON_EDIT');
  }

  onChange(): this {
    return this.on('onChange', 'ON_CHANGE');
  }

  onFormSubmit(): this {
    return this.on('onFormSubmit', 'ON_FORM_SUBMIT');
  }
}

/** `forForm(…)`: onFormSubmit, onOpen. */
export class EmuFormTriggerBuilder extends SourceTriggerBuilder {
  protected get cls(): string {
    return 'FormTriggerBuilder';
  }

  onFormSubmit(): this {
    return this.on('onFormSubmit', 'ON_FORM_SUBMIT');
  }

  onOpen(): this {
    return this.on('onOpen', 'ON_OPEN');
  }
}

const MINUTE_STEPS = [1, 5, 10, 15, 30];
/** The hour steps the trigger UI offers; other values are refused live (C-weak: one repo quotes it). */
const HOUR_STEPS = [1, 2, 4, 6, 8, 12];

/** `timeBased()`: a recurrence or a one-off, checked as it is built. */
export class EmuClockTriggerBuilder {
  private readonly schedule: ClockSchedule = {};

  constructor(
    private readonly app: ScriptAppEmu,
    private readonly handler: string,
  ) {}

  get [GAS_TYPE](): string {
    return 'ScriptApp.ClockTriggerBuilder';
  }

  /** Counts the call, then checks the one integer argument `n`. */
  private step(
    method: string,
    args: IArguments,
    n: number,
    ok: (n: number) => boolean,
    message?: string,
  ): number {
    this.app._log.record('ClockTriggerBuilder', method);
    checkArgs(args, 'ClockTriggerBuilder', method, [isInt]);
    // Texts: everyMinutes/everyHours are quoted from live logs by one public repo (C-weak); others U.
    if (!ok(n)) throw gasError(message ?? `The value you passed to ${method} was invalid.`);
    return n;
  }

  /** n ∈ {1, 5, 10, 15, 30} (REF:clock-trigger-builder). */
  everyMinutes(n: number): this {
    this.schedule.everyMinutes = this.step(
      'everyMinutes',
      arguments,
      n,
      (v) => MINUTE_STEPS.includes(v),
      'The value you passed to everyMinutes was invalid. It must be one of 1, 5, 10, 15 or 30.',
    );
    return this;
  }

  /** n ∈ {1, 2, 4, 6, 8, 12} (C-weak). */
  everyHours(n: number): this {
    this.schedule.everyHours = this.step('everyHours', arguments, n, (v) => HOUR_STEPS.includes(v));
    return this;
  }

  everyDays(n: number): this {
    this.schedule.everyDays = this.step('everyDays', arguments, n, (v) => v >= 1);
    return this;
  }

  /** `ScriptApp.WeekDay.MONDAY` and the like. */
  onWeekDay(day: GasEnumValue): this {
    this.app._log.record('ClockTriggerBuilder', 'onWeekDay');
    checkArgs(arguments, 'ClockTriggerBuilder', 'onWeekDay', [
      (v) => v !== null && (WEEKDAYS as readonly string[]).includes(String(v)),
    ]);
    this.schedule.weekDay = String(day);
    return this;
  }

  /** 0–23. */
  atHour(hour: number): this {
    this.schedule.hour = this.step('atHour', arguments, hour, (v) => v >= 0 && v <= 23);
    return this;
  }

  /** 1–31. */
  onMonthDay(day: number): this {
    this.schedule.monthDay = this.step('onMonthDay', arguments, day, (v) => v >= 1 && v <= 31);
    return this;
  }

  inTimezone(timezone: string): this {
    this.app._log.record('ClockTriggerBuilder', 'inTimezone');
    checkArgs(arguments, 'ClockTriggerBuilder', 'inTimezone', [isStr]);
    this.schedule.timeZone = timezone;
    return this;
  }

  /** One-off, `durationMilliseconds` from now. */
  after(durationMilliseconds: number): this {
    const ms = this.step('after', arguments, durationMilliseconds, (v) => v >= 0);
    this.schedule.at = this.app._now() + ms;
    return this;
  }

  /**
   * Needs a recurrence or a one-off; atHour needs a daily, weekly or monthly rhythm, not minutes
   * or hours (U for the texts).
   */
  create(): EmuTrigger {
    this.app._log.record('ClockTriggerBuilder', 'create');
    const s = this.schedule;
    const recurring = [s.everyMinutes, s.everyHours, s.everyDays, s.weekDay, s.monthDay].some(
      (v) => v !== undefined,
    );
    if (!recurring && s.at === undefined)
      throw gasError(
        'The clock trigger has no schedule: call everyMinutes(), everyDays(), after() or the like before create().',
      );
    if (recurring && s.at !== undefined)
      throw gasError('A clock trigger cannot both repeat and run once.');
    if (s.hour !== undefined && (s.everyMinutes !== undefined || s.everyHours !== undefined))
      throw gasError('atHour() needs everyDays(), onWeekDay() or onMonthDay().');
    return this.app._install({
      handler: this.handler,
      eventType: 'CLOCK',
      source: 'CLOCK',
      sourceId: null,
      schedule: { ...s },
    });
  }
}

/** Options for ScriptApp. */
export interface ScriptAppOptions {
  /** Who installs and lists triggers. */
  user?: string;
  /** The script's time zone (clock triggers without inTimezone). */
  timeZone?: string;
  /** Virtual now, epoch ms (after()). */
  now?: () => number;
  /** The zone the time-driven event reports its fields in; default 'UTC' (reference §3 example; U). */
  eventTimeZone?: string;
}

/** The `ScriptApp` global: trigger management. */
export class ScriptAppEmu {
  readonly AuthMode = gasEnum(['NONE', 'CUSTOM_FUNCTION', 'LIMITED', 'FULL'] as const);
  readonly EventType = gasEnum(EVENT_TYPES);
  readonly TriggerSource = gasEnum(TRIGGER_SOURCES);
  readonly WeekDay = gasEnum(WEEKDAYS);
  private readonly triggers: TriggerState[] = [];
  private user: string;
  private nextUid = 0;

  constructor(
    readonly _log: CallLog,
    readonly _sheets: SpreadsheetAppEmu,
    readonly _forms: FormAppEmu,
    private readonly options: ScriptAppOptions = {},
  ) {
    this.user = options.user ?? 'owner@example.com';
  }

  get [GAS_TYPE](): string {
    return 'ScriptApp';
  }

  newTrigger(functionName: string): EmuTriggerBuilder {
    this._log.record('ScriptApp', 'newTrigger');
    checkArgs(arguments, '', 'newTrigger', [isStr]);
    return new EmuTriggerBuilder(this, functionName);
  }

  /** This user's triggers for this project, oldest first. */
  getProjectTriggers(): EmuTrigger[] {
    this._log.record('ScriptApp', 'getProjectTriggers');
    return this.triggers.filter((t) => t.owner === this.user).map((t) => new EmuTrigger(this, t));
  }

  /** Removing one that is already gone does nothing (U). */
  deleteTrigger(trigger: EmuTrigger): void {
    this._log.record('ScriptApp', 'deleteTrigger');
    checkArgs(arguments, '', 'deleteTrigger', [(v) => v instanceof EmuTrigger]);
    const at = this.triggers.findIndex((t) => t.uid === trigger._state.uid);
    if (at >= 0) this.triggers.splice(at, 1);
  }

  // ----- Non-Apps-Script -----

  /** Adds a trigger for the current user; the 21st throws (C). */
  _install(spec: TriggerSpec): EmuTrigger {
    const owner = spec.owner ?? this.user;
    if (this.triggers.filter((t) => t.owner === owner).length >= MAX_TRIGGERS)
      throw gasError(TOO_MANY);
    return new EmuTrigger(this, this.push({ ...spec, owner }));
  }

  /** A trigger someone else installed (no cap check for them here). */
  _addTrigger(spec: TriggerSpec): TriggerState {
    return this.push({ ...spec, owner: spec.owner ?? 'someone.else@example.com' });
  }

  private push(spec: TriggerSpec & { owner: string }): TriggerState {
    // Live ids are long decimal strings.
    this.nextUid++;
    const uid = `47110${String(this.nextUid * 7919).padStart(14, '0')}`;
    const state: TriggerState = {
      ...spec,
      uid,
      schedule: spec.schedule ?? null,
      created: this._now(),
      lastFired: null,
    };
    this.triggers.push(state);
    return state;
  }

  _all(): TriggerState[] {
    return this.triggers.slice();
  }

  /** Installed triggers of one kind, any owner, oldest first. */
  _matching(
    eventType: EventTypeName,
    source: TriggerSourceName,
    sourceId?: string,
  ): TriggerState[] {
    return this.triggers.filter(
      (t) =>
        t.eventType === eventType &&
        t.source === source &&
        (sourceId === undefined || t.sourceId === sourceId),
    );
  }

  _setUser(email: string): void {
    this.user = email;
  }

  /** Records a run at `atMs`; a one-off is then gone (U: live may list it, disabled, for a while). */
  _fired(trigger: TriggerState, atMs: number = this._now()): void {
    trigger.lastFired = atMs;
    if (trigger.schedule?.at === undefined) return;
    const at = this.triggers.indexOf(trigger);
    if (at >= 0) this.triggers.splice(at, 1);
  }

  /** Whether a clock trigger is due at `nowMs`: its next fire after its last run (or its install) has come. */
  _due(trigger: TriggerState, nowMs: number): boolean {
    const next = this._nextFire(trigger, trigger.lastFired ?? trigger.created);
    return next !== null && next <= nowMs;
  }

  /**
   * The first time after `afterMs` (epoch ms) a clock trigger fires, in its zone (`inTimezone`, else
   * the script's); null for other triggers and for a one-off that has run. Google runs `atHour(h)`
   * at some time within that hour: the start of the hour is taken here (U). Without `atHour` a
   * daily, weekly or monthly trigger takes the hour it was installed in (U: Google picks one).
   * Repeats count from the install: `everyMinutes(n)` and `everyHours(n)` fire every n from it,
   * `everyDays(n)` every n-th day from the install's day (U). A month without day `onMonthDay(d)`
   * is skipped (U).
   */
  _nextFire(trigger: TriggerState, afterMs: number): number | null {
    const s = trigger.schedule;
    if (trigger.eventType !== 'CLOCK' || !s) return null;
    if (s.at !== undefined) return trigger.lastFired === null ? s.at : null;
    const created = trigger.created;
    const interval = s.everyMinutes
      ? s.everyMinutes * 60_000
      : s.everyHours
        ? s.everyHours * 3_600_000
        : 0;
    if (interval > 0) {
      const k = Math.max(1, Math.floor((afterMs - created) / interval) + 1);
      return created + k * interval;
    }
    const tz = s.timeZone ?? this.options.timeZone ?? 'Asia/Ho_Chi_Minh';
    const start = wallTime(created, tz);
    const hour = s.hour ?? start.hour;
    const weekDay = s.weekDay !== undefined ? WEEKDAYS.indexOf(s.weekDay as never) : undefined;
    const dayNumber = (y: number, m: number, d: number) =>
      Math.floor(Date.UTC(y, m - 1, d) / 86_400_000);
    const startDay = dayNumber(start.year, start.month, start.day);
    const from = wallTime(Math.max(afterMs, created), tz);
    // A year and a bit covers every rhythm offered (a 31st comes within three months).
    for (let i = 0; i < 400; i++) {
      const day = new Date(Date.UTC(from.year, from.month - 1, from.day + i));
      const y = day.getUTCFullYear();
      const m = day.getUTCMonth() + 1;
      const d = day.getUTCDate();
      const n = dayNumber(y, m, d);
      const at = zonedMs(tz, y, m, d, hour);
      if (at <= afterMs || at <= created) continue;
      if (s.monthDay !== undefined) {
        if (d === s.monthDay) return at;
        continue;
      }
      if (weekDay !== undefined) {
        if (day.getUTCDay() === weekDay) return at;
        continue;
      }
      const every = s.everyDays ?? 1;
      if ((n - startDay) % every === 0) return at;
    }
    return null;
  }

  _now(): number {
    return this.options.now ? this.options.now() : Date.now();
  }

  /**
   * The time-driven event for a firing at `atMs`: fields in the event's zone ('UTC' by default, as
   * in the reference's example; U), `day-of-week` 1 = Monday … 7 = Sunday, ISO week of year (U).
   */
  _clockEvent(trigger: TriggerState, atMs: number): ClockEvent {
    const timezone = this.options.eventTimeZone ?? 'UTC';
    const w = wallTime(atMs, timezone);
    return {
      authMode: this.AuthMode.FULL,
      year: w.year,
      month: w.month,
      'day-of-month': w.day,
      'day-of-week': w.weekday === 0 ? 7 : w.weekday,
      'week-of-year': isoWeek(w.year, w.month, w.day),
      hour: w.hour,
      minute: w.minute,
      second: w.second,
      timezone,
      triggerUid: trigger.uid,
    };
  }
}

/** ISO 8601 week number of a calendar day. */
function isoWeek(year: number, month: number, day: number): number {
  const d = new Date(Date.UTC(year, month - 1, day));
  const dow = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - dow);
  const start = Date.UTC(d.getUTCFullYear(), 0, 1);
  return Math.ceil(((d.getTime() - start) / 86400000 + 1) / 7);
}
