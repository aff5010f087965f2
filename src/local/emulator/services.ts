// Emulated PropertiesService, LockService (on a timeline of virtual time) and Logger.
import type { CallLog } from './calls';
import type { VirtualClock } from './clock';
import { GAS_TYPE, gasError, gasTypeNames, signatureError } from './errors';
import { type UtilitiesOptions, UtilitiesService } from './utilities';

/*
 * Non-Apps-Script hooks (never counted as calls):
 * - LockService._holdByOtherExecution(held, {scope, releaseAfterMs}): another execution holds a lock.
 * - LockService._beginExecution(n) / _endExecution(): an execution starts; its end releases what
 *   it holds, as the runtime does at exit, and says how long it held the script lock.
 * - LockService._holder(scope) / _intervals(scope): who holds a lock now; when locks were held.
 * - Logger._lines(): the logged messages without timestamps.
 * - PropertiesService._bytes(scope): the store size the quota counts.
 */

/** The time zone when the manifest names none; the project's own zone. */
export const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const QUOTA_MESSAGE =
  'You have exceeded the property storage quota. Please remove some properties and try again.';
/** REF quotas: 9 KB per value, 500 KB per store. Counted as UTF-8 bytes of keys and values (U). */
const PROPERTY_VALUE_BYTES = 9 * 1024;
const PROPERTY_STORE_BYTES = 500 * 1024;

/** Which store or lock: script-wide, per user, or per container document. */
export type Scope = 'script' | 'user' | 'document';

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

/** Store names and values become strings, as Apps Script's Java String parameters make them. */
function asString(value: unknown, method: string, args: ArrayLike<unknown>): string {
  if (value === null || value === undefined)
    throw signatureError(gasTypeNames(args), 'PropertiesService', 'Properties', method);
  return String(value);
}

function storeBytes(data: Map<string, string>): number {
  let n = 0;
  for (const [k, v] of data) n += bytes(k) + bytes(v);
  return n;
}

/** Checks the quotas on a store as it would be after a write; throws before anything changes. */
function checkQuota(next: Map<string, string>, written: Iterable<string>): void {
  for (const v of written) if (bytes(v) > PROPERTY_VALUE_BYTES) throw gasError(QUOTA_MESSAGE);
  if (storeBytes(next) > PROPERTY_STORE_BYTES) throw gasError(QUOTA_MESSAGE);
}

/** A `Properties` store. Each `getXProperties()` call returns a new one over the same data. */
export class EmuProperties {
  constructor(
    private readonly log: CallLog,
    private readonly data: Map<string, string>,
  ) {}

  get [GAS_TYPE](): string {
    return 'PropertiesService.Properties';
  }

  /** The value, or null when the key is not set. */
  getProperty(...args: [key: string]): string | null {
    this.log.record('Properties', 'getProperty');
    return this.data.get(asString(args[0], 'getProperty', args)) ?? null;
  }

  /** Stores `value` as a string; over quota throws and stores nothing. */
  setProperty(...args: [key: string, value: string]): EmuProperties {
    this.log.record('Properties', 'setProperty');
    const k = asString(args[0], 'setProperty', args);
    const v = asString(args[1], 'setProperty', args);
    const next = new Map(this.data).set(k, v);
    checkQuota(next, [v]);
    this.data.set(k, v);
    return this;
  }

  /** Stores every entry (as strings), optionally deleting all other keys; all or nothing. */
  setProperties(
    ...args: [properties: Record<string, unknown>, deleteAllOthers?: boolean]
  ): EmuProperties {
    this.log.record('Properties', 'setProperties');
    const [properties, deleteAllOthers = false] = args;
    if (properties === null || typeof properties !== 'object') {
      throw signatureError(gasTypeNames(args), 'PropertiesService', 'Properties', 'setProperties');
    }
    const next = deleteAllOthers ? new Map<string, string>() : new Map(this.data);
    const written: string[] = [];
    for (const [k, v] of Object.entries(properties)) {
      const s = asString(v, 'setProperties', args);
      next.set(k, s);
      written.push(s);
    }
    checkQuota(next, written);
    this.data.clear();
    for (const [k, v] of next) this.data.set(k, v);
    return this;
  }

  /** A copy: changing it changes nothing stored. */
  getProperties(): Record<string, string> {
    this.log.record('Properties', 'getProperties');
    const out: Record<string, string> = {};
    for (const [k, v] of this.data) out[k] = v;
    return out;
  }

  getKeys(): string[] {
    this.log.record('Properties', 'getKeys');
    return [...this.data.keys()];
  }

  deleteProperty(key: string): EmuProperties {
    this.log.record('Properties', 'deleteProperty');
    this.data.delete(String(key));
    return this;
  }

  deleteAllProperties(): EmuProperties {
    this.log.record('Properties', 'deleteAllProperties');
    this.data.clear();
    return this;
  }
}

/** Whether the script is bound to a container (document stores and locks exist only then). */
export interface BindingOptions {
  /** Default true: this project is bound to its workbook. */
  bound?: boolean;
}

/** The `PropertiesService` global: three stores that outlive executions. */
export class PropertiesServiceEmu {
  private readonly stores: Record<Scope, Map<string, string>> = {
    script: new Map(),
    user: new Map(),
    document: new Map(),
  };

  constructor(
    private readonly log: CallLog,
    private readonly options: BindingOptions = {},
  ) {}

  getScriptProperties(): EmuProperties {
    this.log.record('PropertiesService', 'getScriptProperties');
    return new EmuProperties(this.log, this.stores.script);
  }

  getUserProperties(): EmuProperties {
    this.log.record('PropertiesService', 'getUserProperties');
    return new EmuProperties(this.log, this.stores.user);
  }

  /** Null when the script is not bound to a document (U). */
  getDocumentProperties(): EmuProperties | null {
    this.log.record('PropertiesService', 'getDocumentProperties');
    return this.options.bound === false ? null : new EmuProperties(this.log, this.stores.document);
  }

  /** Non-Apps-Script: the bytes a store uses against the 500 KB quota. */
  _bytes(scope: Scope): number {
    return storeBytes(this.stores[scope]);
  }
}

// ---------------------------------------------------------------------------------------------
// Locks, on a timeline of virtual time.

const LOCK_TIMEOUT = 'Lock timeout: another process was holding the lock for too long.';

/** A stretch of virtual time during which an execution held a lock; `to` is Infinity while held. */
export interface HeldInterval {
  from: number;
  to: number;
  /** The execution that held it (its index in `ws.executions`), or -1 for `_holdByOtherExecution`. */
  execution: number;
}

/**
 * One lockable resource: who holds it in the running execution, and when earlier executions
 * held it. Executions run one after another in Node but overlap in virtual time, so a lock request
 * at time t consults the intervals other executions recorded.
 *
 * The limit of this model: executions run in the order they start, so an execution that started
 * earlier but asks for the lock later than a later-starting one has already recorded its interval
 * when the later one asks. The later one then waits for that interval too, even though on Google
 * it might have slipped in before it: any recorded interval that ends after t blocks a request at
 * t until its end (the stricter reading, U).
 */
interface LockSlot {
  holder: EmuLock | null;
  since: number;
  intervals: HeldInterval[];
  /** Milliseconds this execution held the lock so far. */
  heldMs: number;
}

/** A `Lock`. Re-entrant for the same object; a second Lock object on the same resource contends. */
export class EmuLock {
  constructor(
    private readonly log: CallLog,
    private readonly clock: VirtualClock,
    private readonly slot: LockSlot,
    private readonly execution: () => number,
  ) {}

  get [GAS_TYPE](): string {
    return 'LockService.Lock';
  }

  /** Waits up to `timeoutInMillis` on the virtual clock; false when the lock stays taken. */
  tryLock(timeoutInMillis: number): boolean {
    this.log.record('Lock', 'tryLock');
    return this.acquire(timeoutInMillis);
  }

  /** Like tryLock, but a timeout throws (a negative timeout always does, GF:test/testlock.js). */
  waitLock(timeoutInMillis: number): void {
    this.log.record('Lock', 'waitLock');
    if (!this.acquire(timeoutInMillis)) throw gasError(LOCK_TIMEOUT);
  }

  /** Releasing a lock this object does not hold does nothing. */
  releaseLock(): void {
    this.log.record('Lock', 'releaseLock');
    if (this.slot.holder === this) release(this.slot, this.clock.now(), this.execution());
  }

  hasLock(): boolean {
    this.log.record('Lock', 'hasLock');
    return this.slot.holder === this;
  }

  private acquire(timeout: number): boolean {
    const ms = Number(timeout);
    if (!(ms >= 0)) return false;
    const slot = this.slot;
    if (slot.holder === this) return true;
    const now = this.clock.now();
    // Another Lock object of this execution holds it until the execution ends: a full wait.
    const free = slot.holder === null ? freeFrom(slot, now) : Number.POSITIVE_INFINITY;
    if (free - now > ms) {
      this.clock.wait(ms);
      return false;
    }
    this.clock.wait(free - now);
    slot.holder = this;
    slot.since = this.clock.now();
    return true;
  }
}

/** The earliest time from `t` at which no recorded interval holds the lock (see LockSlot). */
function freeFrom(slot: LockSlot, t: number): number {
  let free = t;
  for (const i of slot.intervals) if (i.to > t && i.to > free) free = i.to;
  return free;
}

function release(slot: LockSlot, at: number, execution: number): void {
  slot.intervals.push({ from: slot.since, to: at, execution });
  slot.heldMs += at - slot.since;
  slot.holder = null;
}

const newSlot = (): LockSlot => ({ holder: null, since: 0, intervals: [], heldMs: 0 });

/** The `LockService` global. */
export class LockServiceEmu {
  private readonly slots: Record<Scope, LockSlot> = {
    script: newSlot(),
    user: newSlot(),
    document: newSlot(),
  };
  private execution = -1;

  constructor(
    private readonly log: CallLog,
    private readonly clock: VirtualClock,
    private readonly options: BindingOptions = {},
  ) {}

  getScriptLock(): EmuLock {
    this.log.record('LockService', 'getScriptLock');
    return this.lock('script');
  }

  getUserLock(): EmuLock {
    this.log.record('LockService', 'getUserLock');
    return this.lock('user');
  }

  /** Null when the script is not bound to a document (U). */
  getDocumentLock(): EmuLock | null {
    this.log.record('LockService', 'getDocumentLock');
    return this.options.bound === false ? null : this.lock('document');
  }

  private lock(scope: Scope): EmuLock {
    return new EmuLock(this.log, this.clock, this.slots[scope], () => this.execution);
  }

  /**
   * Non-Apps-Script: another execution takes (`held` true) or drops the lock at the clock's now.
   * With `releaseAfterMs` it lets go that long after now, so a long enough wait succeeds.
   */
  _holdByOtherExecution(
    held: boolean,
    options: { scope?: Scope; releaseAfterMs?: number } = {},
  ): void {
    const slot = this.slots[options.scope ?? 'script'];
    const now = this.clock.now();
    if (held) {
      const to =
        options.releaseAfterMs === undefined
          ? Number.POSITIVE_INFINITY
          : now + options.releaseAfterMs;
      slot.intervals.push({ from: now, to, execution: -1 });
    } else {
      for (const i of slot.intervals) if (i.execution === -1 && i.to > now) i.to = now;
    }
  }

  /** Non-Apps-Script: an execution (its index in `ws.executions`) starts. */
  _beginExecution(execution: number): void {
    this.execution = execution;
    for (const slot of Object.values(this.slots)) slot.heldMs = 0;
  }

  /**
   * Non-Apps-Script: the end of an execution releases every lock it still holds, at the clock's
   * now. Returns how long it held the script lock.
   */
  _endExecution(): number {
    for (const slot of Object.values(this.slots))
      if (slot.holder !== null) release(slot, this.clock.now(), this.execution);
    return this.slots.script.heldMs;
  }

  /** Non-Apps-Script: who holds a lock at the clock's now. */
  _holder(scope: Scope = 'script'): 'this' | 'other' | null {
    const slot = this.slots[scope];
    if (slot.holder !== null) return 'this';
    const now = this.clock.now();
    return slot.intervals.some((i) => i.from <= now && i.to > now) ? 'other' : null;
  }

  /** Non-Apps-Script: the intervals during which executions held a lock. */
  _intervals(scope: Scope = 'script'): readonly HeldInterval[] {
    return this.slots[scope].intervals;
  }
}

// ---------------------------------------------------------------------------------------------
// The event's User and Logger.

/** A `User`. The email may be '' across domains or in triggers (reference §6). */
export class EmuUser {
  constructor(
    private readonly log: CallLog,
    private readonly email: string,
  ) {}

  get [GAS_TYPE](): string {
    return 'User';
  }

  getEmail(): string {
    this.log.record('User', 'getEmail');
    return this.email;
  }
}

/** Options for Logger. */
export interface LoggerOptions {
  /** Also print each message to the Node console. */
  echo?: boolean;
}

/** The `Logger` global; an execution's lines are recorded with it. */
export class LoggerEmu {
  private lines: string[] = [];

  constructor(
    private readonly calls: CallLog,
    private readonly options: LoggerOptions = {},
  ) {}

  /** `log(data)` or `log(format, ...values)` with `%s` placeholders filled in order. */
  log(data: unknown, ...values: unknown[]): LoggerEmu {
    this.calls.record('Logger', 'log');
    let message = render(data);
    if (values.length > 0 && typeof data === 'string') {
      let i = 0;
      // Placeholders without a value stay as they are.
      message = data.replace(/%s/g, (m) => (i < values.length ? render(values[i++]) : m));
    }
    this.lines.push(message);
    if (this.options.echo) console.log(message);
    return this;
  }

  clear(): void {
    this.calls.record('Logger', 'clear');
    this.lines = [];
  }

  /** Non-Apps-Script: the messages logged so far. */
  _lines(): string[] {
    return [...this.lines];
  }
}

/** How Logger prints a value: objects as JSON (U: live prints some types Java-style). */
function render(value: unknown): string {
  if (typeof value === 'string') return value;
  if (
    value !== null &&
    typeof value === 'object' &&
    Object.prototype.toString.call(value) !== '[object Date]'
  ) {
    try {
      return JSON.stringify(value);
    } catch {
      return String(value);
    }
  }
  return String(value);
}

/** Everything a run needs besides the documents, wired to one log and one clock. */
export interface BasicServices {
  PropertiesService: PropertiesServiceEmu;
  LockService: LockServiceEmu;
  Logger: LoggerEmu;
  Utilities: UtilitiesService;
}

/** Builds the non-document services sharing `log` and `clock`. */
export function createBasicServices(
  log: CallLog,
  clock: VirtualClock,
  options: BindingOptions & LoggerOptions & UtilitiesOptions = {},
): BasicServices {
  return {
    PropertiesService: new PropertiesServiceEmu(log, options),
    LockService: new LockServiceEmu(log, clock, options),
    Logger: new LoggerEmu(log, options),
    Utilities: new UtilitiesService(log, clock, options),
  };
}
