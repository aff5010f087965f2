// Emulated PropertiesService, LockService, CacheService, Session and Logger, on one virtual clock.
import type { CallLog } from './calls';
import type { VirtualClock } from './clock';
import { GAS_TYPE, gasError, gasTypeNames, signatureError } from './errors';
import { formatJavaDate, type UtilitiesOptions, UtilitiesService } from './utilities';

/*
 * Non-Apps-Script hooks (never counted as calls):
 * - LockService._holdByOtherExecution(held, {scope, releaseAfterMs}): another execution holds a lock.
 * - LockService._endExecution(): releases what this execution holds, as the runtime does at exit.
 * - CacheService._evict(scope, key?): early eviction, which the real cache may do at any time.
 * - Session._setActiveUser / _setEffectiveUser / _setTimeZone: who runs the script, and where.
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
// Locks.

const LOCK_TIMEOUT = 'Lock timeout: another process was holding the lock for too long.';

/** Who holds one lockable resource: a Lock object of this execution, another execution, or no one. */
interface LockSlot {
  holder: EmuLock | 'other' | null;
  /** Virtual time at which the other execution lets go; undefined = it never does. */
  otherReleaseAt?: number;
}

/** A `Lock`. Re-entrant for the same object; a second Lock object on the same resource contends. */
export class EmuLock {
  constructor(
    private readonly log: CallLog,
    private readonly clock: VirtualClock,
    private readonly slot: LockSlot,
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
    if (this.slot.holder === this) this.slot.holder = null;
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
    if (
      slot.holder === 'other' &&
      slot.otherReleaseAt !== undefined &&
      slot.otherReleaseAt - this.clock.now() <= ms
    ) {
      this.clock.wait(slot.otherReleaseAt - this.clock.now());
      slot.holder = null;
    }
    if (slot.holder === null) {
      slot.holder = this;
      return true;
    }
    this.clock.wait(ms);
    return false;
  }
}

/** The `LockService` global. */
export class LockServiceEmu {
  private readonly slots: Record<Scope, LockSlot> = {
    script: { holder: null },
    user: { holder: null },
    document: { holder: null },
  };

  constructor(
    private readonly log: CallLog,
    private readonly clock: VirtualClock,
    private readonly options: BindingOptions = {},
  ) {}

  getScriptLock(): EmuLock {
    this.log.record('LockService', 'getScriptLock');
    return new EmuLock(this.log, this.clock, this.slots.script);
  }

  getUserLock(): EmuLock {
    this.log.record('LockService', 'getUserLock');
    return new EmuLock(this.log, this.clock, this.slots.user);
  }

  /** Null when the script is not bound to a document (U). */
  getDocumentLock(): EmuLock | null {
    this.log.record('LockService', 'getDocumentLock');
    return this.options.bound === false
      ? null
      : new EmuLock(this.log, this.clock, this.slots.document);
  }

  /**
   * Non-Apps-Script: another execution takes (`held` true) or drops the lock. With
   * `releaseAfterMs` it lets go that long after now on the virtual clock, so a long enough wait
   * succeeds. Taking it from this execution's holder is allowed: tests use it to stage a race.
   */
  _holdByOtherExecution(
    held: boolean,
    options: { scope?: Scope; releaseAfterMs?: number } = {},
  ): void {
    const slot = this.slots[options.scope ?? 'script'];
    if (held) {
      slot.holder = 'other';
      slot.otherReleaseAt =
        options.releaseAfterMs === undefined
          ? undefined
          : this.clock.now() + options.releaseAfterMs;
    } else if (slot.holder === 'other') {
      slot.holder = null;
      slot.otherReleaseAt = undefined;
    }
  }

  /** Non-Apps-Script: the end of an execution releases every lock it still holds. */
  _endExecution(): void {
    for (const slot of Object.values(this.slots)) if (slot.holder !== 'other') slot.holder = null;
  }

  /** Non-Apps-Script: who holds a lock now. */
  _holder(scope: Scope = 'script'): 'this' | 'other' | null {
    const h = this.slots[scope].holder;
    return h === null ? null : h === 'other' ? 'other' : 'this';
  }
}

// ---------------------------------------------------------------------------------------------
// Cache.

/** GF fakestores.js: default and maximum expiry in seconds. */
const CACHE_DEFAULT_TTL = 600;
const CACHE_MAX_TTL = 21600;
const CACHE_MAX_KEY = 250;
const CACHE_MAX_VALUE_BYTES = 100 * 1024;

interface CacheEntry {
  value: string;
  expiresAt: number;
}

/** A `Cache`, expiring on the virtual clock. */
export class EmuCache {
  constructor(
    private readonly log: CallLog,
    private readonly clock: VirtualClock,
    private readonly data: Map<string, CacheEntry>,
  ) {}

  get [GAS_TYPE](): string {
    return 'CacheService.Cache';
  }

  /** The value, or null when absent or expired. */
  get(key: string): string | null {
    this.log.record('Cache', 'get');
    return this.read(String(key));
  }

  /** Present keys only. */
  getAll(keys: string[]): Record<string, string> {
    this.log.record('Cache', 'getAll');
    const out: Record<string, string> = {};
    for (const k of keys) {
      const v = this.read(String(k));
      if (v !== null) out[k] = v;
    }
    return out;
  }

  /** Stores `value` for `expirationInSeconds` (default 600, capped at 21600). */
  put(key: string, value: string, expirationInSeconds?: number): void {
    this.log.record('Cache', 'put');
    this.write(String(key), String(value), expirationInSeconds);
  }

  putAll(values: Record<string, unknown>, expirationInSeconds?: number): void {
    this.log.record('Cache', 'putAll');
    // Check every entry first, so an oversize one stores nothing (U: live may store the others).
    const entries = Object.entries(values).map(([k, v]) => [k, String(v)] as const);
    for (const [k, v] of entries) this.check(k, v);
    for (const [k, v] of entries) this.write(k, v, expirationInSeconds);
  }

  remove(key: string): void {
    this.log.record('Cache', 'remove');
    this.data.delete(String(key));
  }

  removeAll(keys: string[]): void {
    this.log.record('Cache', 'removeAll');
    for (const k of keys) this.data.delete(String(k));
  }

  private read(key: string): string | null {
    const entry = this.data.get(key);
    if (!entry) return null;
    if (this.clock.now() >= entry.expiresAt) {
      this.data.delete(key);
      return null;
    }
    return entry.value;
  }

  private check(key: string, value: string): void {
    // Key limit from REF quotas; its error text is modelled on the value one (U).
    if (key.length > CACHE_MAX_KEY) throw gasError('Argument too large: key');
    if (bytes(value) > CACHE_MAX_VALUE_BYTES) throw gasError('Argument too large: value');
  }

  private write(key: string, value: string, ttl?: number): void {
    this.check(key, value);
    const seconds =
      ttl === undefined ? CACHE_DEFAULT_TTL : Math.min(Math.max(Number(ttl), 1), CACHE_MAX_TTL);
    this.data.set(key, { value, expiresAt: this.clock.now() + seconds * 1000 });
  }
}

/** The `CacheService` global. */
export class CacheServiceEmu {
  private readonly stores: Record<Scope, Map<string, CacheEntry>> = {
    script: new Map(),
    user: new Map(),
    document: new Map(),
  };

  constructor(
    private readonly log: CallLog,
    private readonly clock: VirtualClock,
    private readonly options: BindingOptions = {},
  ) {}

  getScriptCache(): EmuCache {
    this.log.record('CacheService', 'getScriptCache');
    return new EmuCache(this.log, this.clock, this.stores.script);
  }

  getUserCache(): EmuCache {
    this.log.record('CacheService', 'getUserCache');
    return new EmuCache(this.log, this.clock, this.stores.user);
  }

  /** Null when the script is not bound to a document (U). */
  getDocumentCache(): EmuCache | null {
    this.log.record('CacheService', 'getDocumentCache');
    return this.options.bound === false
      ? null
      : new EmuCache(this.log, this.clock, this.stores.document);
  }

  /** Non-Apps-Script: drops one entry, or the whole store, as the real cache may at any time. */
  _evict(scope: Scope = 'script', key?: string): void {
    if (key === undefined) this.stores[scope].clear();
    else this.stores[scope].delete(key);
  }
}

// ---------------------------------------------------------------------------------------------
// Session and Logger.

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

/** Reads `timeZone` from an appsscript.json object; the default when absent. */
export function manifestTimeZone(manifest: unknown): string {
  const tz = (manifest as { timeZone?: unknown } | null)?.timeZone;
  return typeof tz === 'string' && tz !== '' ? tz : DEFAULT_TIME_ZONE;
}

/** Options for Session. */
export interface SessionOptions {
  /** The manifest's `timeZone`; default Asia/Ho_Chi_Minh. */
  timeZone?: string;
  /** The user at the keyboard; '' as in triggers run for someone else. */
  activeUser?: string;
  /** Who the script runs as (the trigger's owner). */
  effectiveUser?: string;
  locale?: string;
}

/** The `Session` global. */
export class SessionEmu {
  private timeZone: string;
  private activeUser: string;
  private effectiveUser: string;

  constructor(
    private readonly log: CallLog,
    private readonly options: SessionOptions = {},
  ) {
    this.timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
    this.effectiveUser = options.effectiveUser ?? 'owner@example.com';
    this.activeUser = options.activeUser ?? this.effectiveUser;
  }

  /** The manifest's `timeZone`. */
  getScriptTimeZone(): string {
    this.log.record('Session', 'getScriptTimeZone');
    return this.timeZone;
  }

  getActiveUser(): EmuUser {
    this.log.record('Session', 'getActiveUser');
    return new EmuUser(this.log, this.activeUser);
  }

  getEffectiveUser(): EmuUser {
    this.log.record('Session', 'getEffectiveUser');
    return new EmuUser(this.log, this.effectiveUser);
  }

  getActiveUserLocale(): string {
    this.log.record('Session', 'getActiveUserLocale');
    return this.options.locale ?? 'vi';
  }

  /** Non-Apps-Script: who is at the keyboard ('' for a trigger run by someone else). */
  _setActiveUser(email: string): void {
    this.activeUser = email;
  }

  /** Non-Apps-Script: whom the script runs as. */
  _setEffectiveUser(email: string): void {
    this.effectiveUser = email;
  }

  /** Non-Apps-Script: the manifest's time zone. */
  _setTimeZone(timeZone: string): void {
    this.timeZone = timeZone;
  }

  /** Non-Apps-Script: the current time zone, without counting a call. */
  _timeZone(): string {
    return this.timeZone;
  }
}

/** Options for Logger. */
export interface LoggerOptions {
  /** Also print each message to the Node console. */
  echo?: boolean;
}

/** The `Logger` global: lines carry a timestamp in the script time zone (format U). */
export class LoggerEmu {
  private lines: { at: number; message: string }[] = [];

  constructor(
    private readonly calls: CallLog,
    private readonly clock: VirtualClock,
    private readonly timeZone: () => string,
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
    this.lines.push({ at: this.clock.now(), message });
    if (this.options.echo) console.log(message);
    return this;
  }

  getLog(): string {
    this.calls.record('Logger', 'getLog');
    const tz = this.timeZone();
    return this.lines
      .map(
        (l) => `[${formatJavaDate(new Date(l.at), tz, 'yy-MM-dd HH:mm:ss:SSS z')}] ${l.message}\n`,
      )
      .join('');
  }

  clear(): void {
    this.calls.record('Logger', 'clear');
    this.lines = [];
  }

  /** Non-Apps-Script: the messages logged so far. */
  _lines(): string[] {
    return this.lines.map((l) => l.message);
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
  CacheService: CacheServiceEmu;
  Session: SessionEmu;
  Logger: LoggerEmu;
  Utilities: UtilitiesService;
}

/** Builds the non-document services sharing `log` and `clock`. */
export function createBasicServices(
  log: CallLog,
  clock: VirtualClock,
  options: BindingOptions & SessionOptions & LoggerOptions & UtilitiesOptions = {},
): BasicServices {
  const session = new SessionEmu(log, options);
  return {
    PropertiesService: new PropertiesServiceEmu(log, options),
    LockService: new LockServiceEmu(log, clock, options),
    CacheService: new CacheServiceEmu(log, clock, options),
    Session: session,
    Logger: new LoggerEmu(log, clock, () => session._timeZone(), options),
    Utilities: new UtilitiesService(log, clock, options),
  };
}
