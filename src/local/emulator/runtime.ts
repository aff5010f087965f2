// The harness: a workspace of emulated services, one fresh node:vm realm per Apps Script execution, trigger firing.
import { format } from 'node:util';
import vm from 'node:vm';
import { CallLog } from './calls';
import { DEFAULT_START, VirtualClock } from './clock';
import { EXECUTION_LIMIT_MS, JS_FACTOR, SIMPLE_TRIGGER_LIMIT_MS, STARTUP_MS } from './costs';
import { createDocs } from './docs-api/docs';
import { createDocumentServices, type DocumentAppEmu } from './documents';
import type { DriveAppEmu } from './drive';
import { GAS_TYPE, gasError, isDate } from './errors';
import { Faults } from './faults';
import {
  type Answers,
  type EmuForm,
  type EmuFormResponse,
  FormAppEmu,
  type RespondOptions,
} from './forms';
import { type GoogleSwitches, googleSwitches } from './google';
import { Judge, TIME_LIMIT_TEXT } from './judge';
import { createMailApp, type MailAppEmu } from './mail';
import { type AdvancedService, manifestAdvancedServices, manifestScopes, Scopes } from './scopes';
import { type BasicServices, createBasicServices, DEFAULT_TIME_ZONE, EmuUser } from './services';
import { type EmuSpreadsheet, SpreadsheetAppEmu } from './spreadsheet';
import { ScriptAppEmu, type TriggerState } from './triggers';

/*
 * One `Workspace` is one Google account's corner of the world: a bound spreadsheet, the forms,
 * the stores, the triggers, one CallLog and one virtual clock. `ws.run` is one execution: a new
 * realm each time (globals never survive), only Apps Script globals, locks released at the end.
 *
 * Service objects live in this (host) realm. The script sees them through a membrane, so what it
 * gets back is of its own realm, as on Google: arrays pass `instanceof Array`, thrown service
 * errors `instanceof Error` (name 'Exception'), Dates `instanceof Date`. `new Date()` and
 * `Date.now()` read the virtual clock.
 *
 * Time: every script call advances the virtual clock by its price (costs.ts), JavaScript by
 * `jsFactor` × its Node time; an execution past 6 minutes (30 s for a simple trigger) is stopped
 * with Google's text (judge.ts). Executions may start at a chosen virtual time (`at`): they run one
 * after another in Node, in start order, but overlap in virtual time, and the script lock keeps a
 * timeline of who held it when (services.ts). `ws.faults` injects failures (faults.ts); the
 * manifest's scopes are enforced per method (scopes.ts).
 *
 * Room for more services (DocumentApp, DriveApp, MailApp: another engineer's): pass
 * `extraGlobals` to createWorkspace or call `ws.register(name, service)`; `options.mailQuota`
 * is kept for MailApp. Every registered object becomes a global of each later execution.
 */

/** Options of a workspace. */
export interface WorkspaceOptions {
  /** The account the script runs as and the respondent of nothing; default owner@example.com. */
  user?: string;
  /** The manifest's and the spreadsheet's time zone; default Asia/Ho_Chi_Minh. */
  timeZone?: string;
  /** The bound spreadsheet's locale; default vi_VN (response sheet headers follow it). */
  locale?: string;
  /** Virtual time at the start; default clock.ts's DEFAULT_START. */
  start?: Date;
  /** Recipients a day for MailApp (100 consumer, 1,500 Workspace); used by MailApp when registered. */
  mailQuota?: number;
  /** Name of the bound spreadsheet. */
  name?: string;
  /** Real-time limit of one execution in ms (guards tests against endless loops); default 30,000. */
  timeoutMs?: number;
  /** More globals for every execution, e.g. `{ MailApp }`. */
  extraGlobals?: Record<string, object>;
  /** Deterministic `Utilities.getUuid()`. */
  uuid?: () => string;
  /** Print Logger lines to the Node console too. */
  echo?: boolean;
  /** Google-side order, delay and strictness switches (google.ts); also `ws.google`, mutable. */
  google?: Partial<GoogleSwitches>;
  /** Plain JavaScript costs this many times its Node wall time (default 10; 0 for deterministic tests). */
  jsFactor?: number;
  /** Start-up of each execution in virtual ms, reported apart from its own time (default 2,000). */
  startupMs?: number;
  /**
   * The granted OAuth scopes; default the `oauthScopes` of the built `dist/appsscript.json`.
   * Null grants everything (Apps Script infers scopes when the manifest lists none).
   */
  oauthScopes?: readonly string[] | null;
  /**
   * Advanced services enabled; default the `dependencies.enabledAdvancedServices` of the built
   * `dist/appsscript.json`. Only Docs v1 is emulated; its global is absent unless listed.
   */
  advancedServices?: readonly AdvancedService[];
}

/** When an execution starts: virtual epoch ms or a Date; default the clock's now. */
export interface StartAt {
  at?: number | Date;
}

/** One console call of a script. */
export interface ConsoleLine {
  level: 'log' | 'info' | 'warn' | 'error' | 'debug';
  message: string;
  at: number;
}

/** How an execution was started. */
export type ExecutionKind = 'run' | 'trigger' | 'simple';

/** The record of one execution, as the Executions page shows it (and what it cost). */
export interface Execution {
  fn: string;
  kind: ExecutionKind;
  /** `ON_FORM_SUBMIT`, `CLOCK`, … for trigger runs. */
  eventType?: string;
  triggerUid?: string;
  /** The user it ran as. */
  user: string;
  /** When Google started it (= startedAt). */
  at: Date;
  /** Virtual start, before the start-up charge; `endedAt` is after its last line. */
  startedAt: Date;
  endedAt: Date;
  /** Virtual time of its own calls and JavaScript, first line to last (start-up excluded). */
  googleMs: number;
  /** Virtual time it held the script lock. */
  lockMs: number;
  /** Cells its calls read and wrote. */
  cells: number;
  ok: boolean;
  /** `name: message` of the error that ended it. */
  error?: string;
  /** Service calls made, `Service.method` → count. */
  calls: Record<string, number>;
  callCount: number;
  /** Logger lines of this execution. */
  logs: string[];
  console: ConsoleLine[];
}

/** What `submit` and `edit` give back: the response and the trigger runs it caused. */
export interface SubmitResult {
  response: EmuFormResponse;
  runs: Execution[];
}

/** Per-execution settings. */
interface Mode {
  kind: ExecutionKind;
  authMode: 'FULL' | 'LIMITED';
  ui: boolean;
  user: string;
  eventType?: string;
  triggerUid?: string;
  /** Missing function: return null instead of failing (simple triggers the bundle may not define). */
  optional?: boolean;
}

/** The error `ws.run` throws when the script failed: the script's name and message, host realm. */
export class ScriptError extends Error {
  constructor(
    name: string,
    message: string,
    readonly execution: Execution,
  ) {
    super(message);
    this.name = name;
  }
}

// ---------------------------------------------------------------------------------------------
// Simple triggers run with authMode LIMITED: services that need authorization refuse (REF:guides/
// triggers restrictions). Which methods exactly is U; the text is the reference's (§7, C).

const SCOPE = 'https://www.googleapis.com/auth/';
const LIMITED_DENY: Record<string, { methods: Set<string> | 'all'; scope: string }> = {
  SpreadsheetApp: {
    methods: new Set(['openById', 'openByUrl', 'create']),
    scope: `${SCOPE}spreadsheets`,
  },
  FormApp: { methods: 'all', scope: `${SCOPE}forms` },
  ScriptApp: {
    methods: new Set(['newTrigger', 'getProjectTriggers', 'getUserTriggers', 'deleteTrigger']),
    scope: `${SCOPE}script.scriptapp`,
  },
  DocumentApp: {
    methods: new Set(['openById', 'openByUrl', 'create']),
    scope: `${SCOPE}documents`,
  },
  DriveApp: { methods: 'all', scope: `${SCOPE}drive` },
  'Docs.Documents': { methods: 'all', scope: `${SCOPE}documents` },
  MailApp: { methods: 'all', scope: `${SCOPE}script.send_mail` },
  GmailApp: { methods: 'all', scope: 'https://mail.google.com/' },
  UrlFetchApp: { methods: 'all', scope: `${SCOPE}script.external_request` },
};

// ---------------------------------------------------------------------------------------------
// The membrane between the host's service objects and the script's realm.

interface Realm {
  global: Record<string, unknown>;
  Object: ObjectConstructor;
  Array: ArrayConstructor;
  Date: DateConstructor;
  errors: Record<string, ErrorConstructor>;
}

/**
 * Members a script or a library may probe without meaning to call a service: Promise resolution
 * (`then`), JSON.stringify (`toJSON`), printing and type checks. Reading any other member that the
 * emulator does not implement throws instead of giving `undefined`.
 */
const PROBED = new Set([
  'then',
  'toJSON',
  'constructor',
  'toString',
  'valueOf',
  'inspect',
  'nodeType',
  'asymmetricMatch',
  '$$typeof',
]);

/** Host → script: realm-native arrays, Dates, plain objects and errors; proxies for service objects. */
class Membrane {
  private readonly proxies = new WeakMap<object, object>();
  private readonly targets = new WeakMap<object, object>();
  private readonly methods = new WeakMap<object, Map<PropertyKey, unknown>>();
  /** Host object → its global name. */
  readonly names = new WeakMap<object, string>();

  constructor(
    private readonly realm: Realm,
    private readonly judge: Judge,
  ) {}

  /** The Apps Script type of a host object: `SpreadsheetApp.Range`, a global's name, or its class. */
  typeOf(host: object): string | undefined {
    const own = (host as { [GAS_TYPE]?: unknown })[GAS_TYPE];
    if (typeof own === 'string') return own;
    return this.names.get(host);
  }
  /** A host value as the script should see it. */
  out(v: unknown): unknown {
    if (v === null || (typeof v !== 'object' && typeof v !== 'function')) return v;
    const o = v as object;
    if (this.targets.has(o) || this.native(o)) return v;
    if (isDate(o)) return new this.realm.Date(o.getTime());
    if (Array.isArray(o)) {
      const a = new this.realm.Array();
      for (const x of o) a.push(this.out(x));
      return a;
    }
    if (o instanceof Error) return this.error(o);
    if (typeof o === 'function') return this.method(o, 'call', o);
    // Plain data is copied; an object with methods (a registered service, an enum) is proxied.
    if (
      isPlain(o) &&
      !Object.isFrozen(o) &&
      !Object.values(o).some((x) => typeof x === 'function')
    ) {
      const copy = new this.realm.Object() as Record<string, unknown>;
      for (const [k, x] of Object.entries(o)) copy[k] = this.out(x);
      return copy;
    }
    return this.proxy(o);
  }

  /** True for the script's own objects (its realm's Object.prototype is in their chain). */
  private native(o: object): boolean {
    return this.realm.Object.prototype.isPrototypeOf.call(this.realm.Object.prototype, o);
  }

  /** A script value as the services should see it. */
  in(v: unknown): unknown {
    if (v === null || typeof v !== 'object') return v;
    const target = this.targets.get(v);
    if (target) return target;
    if (Array.isArray(v)) return Array.from(v, (x) => this.in(x));
    if (isDate(v)) return new Date(v.getTime());
    if (Object.getPrototypeOf(v) === this.realm.Object.prototype) {
      const copy: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) copy[k] = this.in(x);
      return copy;
    }
    return v;
  }

  /** A service error, as an error of the script's realm with the same name and message. */
  error(e: unknown): unknown {
    if (!(e instanceof Error)) return e;
    const Ctor = this.realm.errors[e.name] ?? this.realm.errors.Error;
    const copy = new Ctor(e.message);
    if (copy.name !== e.name) copy.name = e.name;
    copy.stack = `${e.name}: ${e.message}\n    at (Apps Script service)`;
    return copy;
  }

  /** The proxy the script holds for a host object; identity is kept (`ss === ss`). */
  proxy(host: object): object {
    const known = this.proxies.get(host);
    if (known) return known;
    // A blank target: the host may be frozen (enums), whose invariants a proxy could not keep.
    const proxy = new Proxy(
      {},
      {
        get: (_t, prop) => {
          if (!(prop in host) && typeof prop === 'string' && !PROBED.has(prop)) {
            const type = this.typeOf(host) ?? (Object.isFrozen(host) ? 'Enum' : 'Object');
            throw this.error(gasError(`${type}.${prop} is not emulated`));
          }
          const value = Reflect.get(host, prop, host);
          return typeof value === 'function' ? this.method(host, prop, value) : this.out(value);
        },
        set: (_t, prop, value) => Reflect.set(host, prop, this.in(value), host),
        has: (_t, prop) => prop in host,
        // Live service objects show no JS properties but their enums (`FormApp.ItemType`); a
        // frozen object (an enum) shows its keys. Keeps JSON.stringify(e.range) from recursing.
        ownKeys: () =>
          Reflect.ownKeys(host).filter(
            (k) => Object.isFrozen(host) || (typeof k === 'string' && /^[A-Z]/.test(k)),
          ),
        getOwnPropertyDescriptor: (_t, prop) => {
          const d = Reflect.getOwnPropertyDescriptor(host, prop);
          if (!d) return undefined;
          const value = Reflect.get(host, prop, host);
          return {
            configurable: true,
            enumerable: d.enumerable,
            writable: true,
            value: typeof value === 'function' ? this.method(host, prop, value) : this.out(value),
          };
        },
        getPrototypeOf: () => Object.getPrototypeOf(host),
        defineProperty: (_t, prop, desc) => Reflect.defineProperty(host, prop, desc),
        deleteProperty: (_t, prop) => Reflect.deleteProperty(host, prop),
      },
    );
    this.proxies.set(host, proxy);
    this.targets.set(proxy, host);
    return proxy;
  }

  /** A host method as the script calls it: arguments in, result out, errors converted. */
  private method(host: object, prop: PropertyKey, fn: unknown): unknown {
    let table = this.methods.get(host);
    if (!table) {
      table = new Map();
      this.methods.set(host, table);
    }
    const known = table.get(prop);
    if (known) return known;
    const self = this;
    const judge = this.judge;
    const wrapper = function (this: unknown, ...args: unknown[]): unknown {
      try {
        const outer = judge.enter(host);
        let result: unknown;
        try {
          result = (fn as (...a: unknown[]) => unknown).apply(
            host,
            args.map((a) => self.in(a)),
          );
        } catch (e) {
          judge.exit(outer, args, undefined, true);
          throw e;
        }
        // The copy into the script's realm is the emulator's own work (Google's per-cell price
        // already covers handing values over), so it is made before the clock resumes.
        const out = self.out(result);
        judge.exit(outer, args, result, false);
        return out;
      } catch (e) {
        throw self.error(e);
      }
    };
    table.set(prop, wrapper);
    return wrapper;
  }
}

const isPlain = (o: object): boolean => {
  const proto = Object.getPrototypeOf(o);
  return proto === Object.prototype || proto === null;
};

/** Installs a Date in the realm whose `new Date()` and `Date.now()` read the virtual clock. */
const DATE_PRELUDE = `(function (now) {
  var RealDate = Date;
  function VirtualDate() {
    if (!new.target) return new RealDate(now()).toString();
    var args = Array.prototype.slice.call(arguments);
    return Reflect.construct(RealDate, args.length === 0 ? [now()] : args, new.target);
  }
  VirtualDate.prototype = RealDate.prototype;
  Object.setPrototypeOf(VirtualDate, RealDate);
  VirtualDate.now = function () { return now(); };
  Object.defineProperty(RealDate.prototype, 'constructor', { value: VirtualDate, writable: true, configurable: true });
  globalThis.Date = VirtualDate;
  return VirtualDate;
})`;

const REALM_PROBE = `({ Object: Object, Array: Array, errors: { Error: Error, TypeError: TypeError,
  RangeError: RangeError, SyntaxError: SyntaxError, ReferenceError: ReferenceError,
  EvalError: EvalError, URIError: URIError } })`;

/** Where a statement may be put in front of the bundle without breaking its "use strict" prologue. */
function prologueEnd(code: string): number {
  const m = /^(?:\s+|\/\/[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/|(['"])use strict\1\s*;?)*/.exec(code);
  return m ? m[0].length : 0;
}

const HOISTED = '__emuHoisted__';

// The bundle compiled once per entry point and run in each fresh realm: a day of a worker firing
// every minute is thousands of executions, and compiling the bundle was most of their Node time.
const SCRIPTS = new Map<string, vm.Script>();

function compiled(source: string): vm.Script {
  let script = SCRIPTS.get(source);
  if (!script) {
    if (SCRIPTS.size >= 16) SCRIPTS.delete(SCRIPTS.keys().next().value as string);
    script = new vm.Script(source, { filename: 'Code.js' });
    SCRIPTS.set(source, script);
  }
  return script;
}

// ---------------------------------------------------------------------------------------------
// The console a script sees.

class RecordingConsole {
  readonly lines: ConsoleLine[] = [];

  constructor(private readonly clock: VirtualClock) {}

  private write(level: ConsoleLine['level'], args: unknown[]): void {
    this.lines.push({ level, message: format(...args), at: this.clock.now() });
  }

  log(...args: unknown[]): void {
    this.write('log', args);
  }

  info(...args: unknown[]): void {
    this.write('info', args);
  }

  warn(...args: unknown[]): void {
    this.write('warn', args);
  }

  error(...args: unknown[]): void {
    this.write('error', args);
  }

  debug(...args: unknown[]): void {
    this.write('debug', args);
  }
}

// ---------------------------------------------------------------------------------------------
// The workspace.

/** Everything one account has, and the way to run the bundle against it. */
export class Workspace {
  readonly log = new CallLog();
  readonly clock: VirtualClock;
  readonly options: Readonly<WorkspaceOptions>;
  readonly user: string;
  readonly SpreadsheetApp: SpreadsheetAppEmu;
  readonly FormApp: FormAppEmu;
  readonly ScriptApp: ScriptAppEmu;
  readonly PropertiesService: BasicServices['PropertiesService'];
  readonly LockService: BasicServices['LockService'];
  readonly Utilities: BasicServices['Utilities'];
  readonly Logger: BasicServices['Logger'];
  readonly console: RecordingConsole;
  readonly DocumentApp: DocumentAppEmu;
  readonly DriveApp: DriveAppEmu;
  readonly MailApp: MailAppEmu;
  /** The spreadsheet the script is bound to. */
  readonly spreadsheet: EmuSpreadsheet;
  readonly executions: Execution[] = [];
  /** Google-side switches, read by the services at each call: a test may change them between steps. */
  readonly google: GoogleSwitches;
  /** Injected failures of the script's service calls. */
  readonly faults = new Faults();
  private readonly scopes: Scopes | null;
  private readonly extra = new Map<string, object>();
  /** Virtual start of the latest execution: executions must run in the order they start. */
  private lastStart = Number.NEGATIVE_INFINITY;

  constructor(options: WorkspaceOptions = {}) {
    this.options = { ...options };
    this.user = options.user ?? 'owner@example.com';
    const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
    const locale = options.locale ?? 'vi_VN';
    this.clock = new VirtualClock(options.start ?? DEFAULT_START);
    this.google = googleSwitches(options.google);
    this.SpreadsheetApp = new SpreadsheetAppEmu(this.log, {
      timeZone,
      locale,
      user: this.user,
      bound: true,
      name: options.name ?? 'Kiểm tra công vụ',
    });
    this.spreadsheet = this.SpreadsheetApp._all()[0];
    this.SpreadsheetApp._setActive(this.spreadsheet);
    const basics = createBasicServices(this.log, this.clock, {
      bound: true,
      uuid: options.uuid,
      echo: options.echo,
    });
    this.PropertiesService = basics.PropertiesService;
    this.LockService = basics.LockService;
    this.Utilities = basics.Utilities;
    this.Logger = basics.Logger;
    this.FormApp = new FormAppEmu(this.log, this.clock, this.SpreadsheetApp, {
      google: this.google,
    });
    const granted = options.oauthScopes === undefined ? manifestScopes() : options.oauthScopes;
    this.scopes = granted === null ? null : new Scopes(granted);
    this.ScriptApp = new ScriptAppEmu(this.log, this.SpreadsheetApp, this.FormApp, {
      user: this.user,
      timeZone,
      now: () => this.clock.now(),
    });
    this.console = new RecordingConsole(this.clock);
    const docs = createDocumentServices(this.log, this.clock, { user: this.user });
    this.DocumentApp = docs.DocumentApp;
    this.DriveApp = docs.DriveApp;
    this.MailApp = createMailApp(this.log, this.clock, {
      user: this.user,
      quota: options.mailQuota,
    });
    this.register('DocumentApp', this.DocumentApp);
    this.register('DriveApp', this.DriveApp);
    this.register('MailApp', this.MailApp);
    for (const s of options.advancedServices ?? manifestAdvancedServices()) {
      if (s.serviceId !== 'docs' || s.version !== 'v1')
        throw new Error(`The advanced service ${s.serviceId} ${s.version} is not emulated.`);
      this.register(s.userSymbol, createDocs(this.log, this.DocumentApp));
    }
    for (const [name, service] of Object.entries(options.extraGlobals ?? {}))
      this.register(name, service);
  }

  /** Adds a global (DocumentApp, DriveApp, MailApp, …) to every later execution. */
  register(name: string, service: object): void {
    this.extra.set(name, service);
  }

  /** The globals an execution gets, by name. */
  globals(): Record<string, object> {
    const out: Record<string, object> = {
      SpreadsheetApp: this.SpreadsheetApp,
      FormApp: this.FormApp,
      ScriptApp: this.ScriptApp,
      PropertiesService: this.PropertiesService,
      LockService: this.LockService,
      Utilities: this.Utilities,
      Logger: this.Logger,
    };
    for (const [name, service] of this.extra) out[name] = service;
    return out;
  }

  /**
   * One execution of `fn` (a top-level function declaration of `code`) with `event`, as from a
   * menu or the editor: UI available, authMode FULL, starting at `at` (default now). Returns the
   * result in this realm; a script error is thrown as a ScriptError after it is recorded.
   */
  run(
    code: string,
    fn: string,
    event?: unknown,
    options: { ui?: boolean } & StartAt = {},
  ): unknown {
    this.startAt(options.at);
    return this.execute(code, fn, event, {
      kind: 'run',
      authMode: 'FULL',
      ui: options.ui ?? true,
      user: this.user,
    });
  }

  /**
   * A respondent submits at `at` (default now); then every form-submit trigger of the form and of
   * its sheet fires at that time.
   */
  submit(
    code: string,
    form: EmuForm | string,
    answers: Answers,
    options: Omit<RespondOptions, 'at'> & StartAt = {},
  ): SubmitResult {
    const { at, ...respond } = options;
    this.startAt(at);
    const response = this.FormApp._respond(this.form(form), answers, respond);
    return { response, runs: this.fireSubmit(code, response, false) };
  }

  /**
   * A respondent edits a response (same id, same row); the triggers fire again. The sheet event
   * reports unchanged answers as '' (reference §3, U).
   */
  edit(
    code: string,
    responseId: string,
    answers: Answers,
    options: Omit<RespondOptions, 'email' | 'at'> & StartAt = {},
  ): SubmitResult {
    const { at, ...respond } = options;
    this.startAt(at);
    const response = this.FormApp._edit(responseId, answers, respond);
    return { response, runs: this.fireSubmit(code, response, true) };
  }

  /**
   * The same submit event delivered again (two triggers, or Google retrying; reference §3), at
   * `at` (default now).
   */
  fireFormSubmitAgain(code: string, response: EmuFormResponse, options: StartAt = {}): Execution[] {
    this.startAt(options.at);
    return this.fireSubmit(code, response, false);
  }

  /**
   * The spurious spreadsheet form-submit event with every value blank (reference §3 item 2), to
   * every spreadsheet ON_FORM_SUBMIT trigger of the form's sheet (default: each linked form's).
   */
  fireBlankSheetSubmit(code: string, form?: EmuForm | string): Execution[] {
    const forms = form === undefined ? this.FormApp._all() : [this.form(form)];
    const runs: Execution[] = [];
    const done = new Set<string>();
    for (const f of forms) {
      const ssId = f._dest?.ss._id;
      if (!ssId || done.has(ssId)) continue;
      done.add(ssId);
      const part = this.FormApp._blankSheetEvent(f);
      if (!part) continue;
      for (const t of this.ScriptApp._matching('ON_FORM_SUBMIT', 'SPREADSHEETS', ssId)) {
        runs.push(
          this.fire(code, t, {
            ...part,
            triggerUid: t.uid,
            authMode: this.ScriptApp.AuthMode.FULL,
          }),
        );
      }
    }
    return runs;
  }

  /** A response whose trigger never ran (quota, outage, a trigger not yet installed). */
  submitWithoutTrigger(
    form: EmuForm | string,
    answers: Answers,
    options: Omit<RespondOptions, 'at'> & StartAt = {},
  ): EmuFormResponse {
    const { at, ...respond } = options;
    this.startAt(at);
    return this.FormApp._respond(this.form(form), answers, respond);
  }

  /**
   * Runs the time-driven triggers (all, or those of `handler`) that are due at `at` (default the
   * virtual clock's now; ScriptApp._nextFire since their last run), once each, with a time-driven
   * event; each starts at that time. One-off triggers are then gone (U).
   */
  fireClock(code: string, handler?: string, options: StartAt = {}): Execution[] {
    this.startAt(options.at);
    const now = this.clock.now();
    const due = this.ScriptApp._matching('CLOCK', 'CLOCK').filter(
      (t) => (handler === undefined || t.handler === handler) && this.ScriptApp._due(t, now),
    );
    return due.map((t) => {
      this.ScriptApp._fired(t, now);
      return this.fire(code, t, this.ScriptApp._clockEvent(t, now), false, now);
    });
  }

  /**
   * Runs one time-driven trigger at `at` (default now) with its event, as Google does when it is
   * due (a scheduler that knows its due times drives this); a one-off trigger is then gone (U).
   */
  fireTrigger(code: string, trigger: TriggerState, options: StartAt = {}): Execution {
    this.startAt(options.at);
    const now = this.clock.now();
    this.ScriptApp._fired(trigger, now);
    return this.fire(code, trigger, this.ScriptApp._clockEvent(trigger, now), false, now);
  }

  /**
   * The user opens the spreadsheet: the simple `onOpen(e)` (if the bundle declares one) runs with
   * `{authMode: LIMITED, source, user}`, then each installable ON_OPEN trigger of the spreadsheet.
   * Menus built are read with `ws.SpreadsheetApp._menus()`.
   */
  open(code: string, options: StartAt = {}): Execution[] {
    this.startAt(options.at);
    const at = this.clock.now();
    const runs: Execution[] = [];
    const user = new EmuUser(this.log, this.user);
    const simple = { authMode: this.ScriptApp.AuthMode.LIMITED, source: this.spreadsheet, user };
    const before = this.executions.length;
    try {
      this.execute(code, 'onOpen', simple, {
        kind: 'simple',
        authMode: 'LIMITED',
        ui: true,
        user: this.user,
        optional: true,
      });
    } catch {
      // Recorded; a failing simple trigger only shows in the executions list.
    }
    if (this.executions.length > before) runs.push(this.executions[this.executions.length - 1]);
    for (const t of this.ScriptApp._matching('ON_OPEN', 'SPREADSHEETS', this.spreadsheet._id)) {
      runs.push(
        this.fire(
          code,
          t,
          {
            authMode: this.ScriptApp.AuthMode.FULL,
            source: this.spreadsheet,
            user,
            triggerUid: t.uid,
          },
          true,
          at,
        ),
      );
    }
    return runs;
  }

  /**
   * A person types `value` into one cell of the bound spreadsheet (parsed as typed input; a rule
   * refusing invalid data rejects it with the UI's message, thrown here), then the simple
   * `onEdit(e)` runs with authMode LIMITED, then each installable ON_EDIT trigger (FULL).
   */
  userEdit(code: string, sheetName: string, a1: string, value: string): Execution[] {
    const sheet = this.spreadsheet._sheetByName(sheetName);
    if (!sheet) throw new Error(`No sheet ${sheetName}`);
    const range = this.log.uncounted(() => sheet.getRange(a1));
    const rule = sheet._validations.get(range._row, range._col);
    const oldValue = this.log.uncounted(() => range.getValue());
    this.log.uncounted(() => range.setValue(value));
    const stored = this.log.uncounted(() => range.getValue());
    if (rule && !rule._accepts(value, stored)) {
      this.log.uncounted(() => range.setValue(oldValue));
      throw new Error(
        `Dữ liệu bạn đã nhập vào ô ${a1} vi phạm các quy tắc xác thực dữ liệu đã đặt cho ô này.`,
      );
    }
    const user = new EmuUser(this.log, this.user);
    const base = { source: this.spreadsheet, range, user, value, oldValue };
    const runs: Execution[] = [];
    const before = this.executions.length;
    try {
      this.execute(
        code,
        'onEdit',
        { ...base, authMode: this.ScriptApp.AuthMode.LIMITED },
        { kind: 'simple', authMode: 'LIMITED', ui: true, user: this.user, optional: true },
      );
    } catch {
      // Recorded; a failing simple trigger only shows in the executions list.
    }
    if (this.executions.length > before) runs.push(this.executions[this.executions.length - 1]);
    for (const t of this.ScriptApp._matching('ON_EDIT', 'SPREADSHEETS', this.spreadsheet._id))
      runs.push(
        this.fire(
          code,
          t,
          { ...base, authMode: this.ScriptApp.AuthMode.FULL, triggerUid: t.uid },
          true,
        ),
      );
    return runs;
  }

  /** Another execution holds (or lets go of) the script lock; see LockService._holdByOtherExecution. */
  holdLockElsewhere(held: boolean, options: { releaseAfterMs?: number } = {}): void {
    this.LockService._holdByOtherExecution(held, { scope: 'script', ...options });
  }

  /** Executions that ended in an error. */
  failures(): Execution[] {
    return this.executions.filter((e) => !e.ok);
  }

  // ----- internals -----

  private form(form: EmuForm | string): EmuForm {
    if (typeof form !== 'string') return form;
    const found = this.FormApp._open(form);
    if (!found) throw new Error(`No form ${form}`);
    return found;
  }

  private fireSubmit(code: string, response: EmuFormResponse, edit: boolean): Execution[] {
    const form = response._form;
    const FULL = this.ScriptApp.AuthMode.FULL;
    // Every trigger of the event starts when it happens: they overlap in virtual time.
    const at = this.clock.now();
    const runs: Execution[] = [];
    for (const t of this.ScriptApp._matching('ON_FORM_SUBMIT', 'FORMS', form._id)) {
      runs.push(
        this.fire(
          code,
          t,
          { response, source: form, triggerUid: t.uid, authMode: FULL },
          false,
          at,
        ),
      );
    }
    const ssId = form._dest?.ss._id;
    // A spreadsheet trigger answers the row itself: with a late row (ws.google.rowOrder) it fires
    // once the clock reaches the row, else with the form's triggers at the submission's time.
    const sheetTriggers = ssId
      ? this.ScriptApp._matching('ON_FORM_SUBMIT', 'SPREADSHEETS', ssId)
      : [];
    const due = this.FormApp._rowDue(response._state.id);
    if (sheetTriggers.length > 0 && due !== null) this.clock.set(due);
    const sheetAt = due !== null && due > at ? due : at;
    for (const t of sheetTriggers) {
      const part = this.FormApp._sheetEvent(response._state.id, { blankUnchanged: edit });
      if (part)
        runs.push(
          this.fire(code, t, { ...part, triggerUid: t.uid, authMode: FULL }, false, sheetAt),
        );
    }
    return runs;
  }

  /**
   * Puts the clock at an execution's start. Executions run in Node in the order they start, so a
   * start before the latest one's is refused (the lock timeline depends on it).
   */
  private startAt(at: number | Date | undefined): void {
    if (at === undefined) return;
    const ms = typeof at === 'number' ? at : at.getTime();
    if (ms < this.lastStart)
      throw new Error(
        `Executions run in the order they start: ${new Date(ms).toISOString()} is before ${new Date(this.lastStart).toISOString()}`,
      );
    this.clock.rewind(ms);
  }

  /** One trigger execution as the trigger's owner at `at`; errors are recorded, never thrown. */
  private fire(code: string, t: TriggerState, event: unknown, ui = false, at?: number): Execution {
    if (at !== undefined) this.clock.rewind(at);
    try {
      this.execute(code, t.handler, event, {
        kind: 'trigger',
        authMode: 'FULL',
        ui,
        user: t.owner,
        eventType: t.eventType,
        triggerUid: t.uid,
      });
    } catch {
      // Recorded in executions; Google mails the owner a failure summary.
    }
    return this.executions[this.executions.length - 1];
  }

  private execute(code: string, fn: string, event: unknown, mode: Mode): unknown {
    const before = new Map(this.log.counts);
    const consoleStart = this.console.lines.length;
    const startedAt = this.clock.now();
    this.lastStart = startedAt;
    const startupMs = this.options.startupMs ?? STARTUP_MS;
    this.log.uncounted(() => this.Logger.clear());
    this.SpreadsheetApp._setUiAvailable(mode.ui);
    this.ScriptApp._setUser(mode.user);
    this.LockService._beginExecution(this.executions.length);
    const judge = new Judge({
      clock: this.clock,
      log: this.log,
      faults: this.faults,
      scopes: this.scopes,
      guard: (service, method) => {
        if (mode.authMode !== 'LIMITED') return;
        const deny = LIMITED_DENY[service];
        if (deny && (deny.methods === 'all' || deny.methods.has(method))) {
          throw gasError(
            `You do not have permission to call ${service}.${method}. Required permissions: ${deny.scope}`,
          );
        }
      },
      startedAt,
      limitMs: mode.kind === 'simple' ? SIMPLE_TRIGGER_LIMIT_MS : EXECUTION_LIMIT_MS,
      jsFactor: this.options.jsFactor ?? JS_FACTOR,
      typeOf: (host) => {
        const own = (host as { [GAS_TYPE]?: unknown })[GAS_TYPE];
        return typeof own === 'string' ? own : undefined;
      },
      docIdOf: (host) => docIdOf(host) ?? this.spreadsheet._id,
    });
    // Google starts the execution (G: 2 s), then the script's first line runs.
    this.clock.advance(startupMs);
    this.log.observer = (service, method, cells) => judge.observe(service, method, cells);
    let ok = false;
    let error: { name: string; message: string } | undefined;
    let result: unknown;
    let ran = false;
    let lockMs = 0;
    try {
      const outcome = this.evaluate(code, fn, event, mode, judge);
      ran = outcome.ran;
      result = outcome.result;
      ok = true;
    } catch (e) {
      ran = true;
      const err = e as { name?: unknown; message?: unknown };
      error = { name: String(err?.name ?? 'Error'), message: String(err?.message ?? e) };
    } finally {
      this.log.observer = null;
      judge.finish();
      // Google releases whatever locks the execution still holds when it ends.
      lockMs = this.LockService._endExecution();
      this.DocumentApp._endExecution();
      this.SpreadsheetApp._endExecution();
      this.SpreadsheetApp._setUiAvailable(true);
      this.ScriptApp._setUser(this.user);
    }
    if (!ran) return null;
    // Past the limit Google stops the execution: whatever the script caught, it failed.
    if (judge.exceeded) {
      ok = false;
      error = { name: 'Exception', message: TIME_LIMIT_TEXT };
    }
    const calls: Record<string, number> = {};
    let callCount = 0;
    for (const [k, v] of this.log.counts) {
      const d = v - (before.get(k) ?? 0);
      if (d > 0) {
        calls[k] = d;
        callCount += d;
      }
    }
    const endedAt = this.clock.now();
    const execution: Execution = {
      fn,
      kind: mode.kind,
      eventType: mode.eventType,
      triggerUid: mode.triggerUid,
      user: mode.user,
      at: new Date(startedAt),
      startedAt: new Date(startedAt),
      endedAt: new Date(endedAt),
      googleMs: endedAt - startedAt - startupMs,
      lockMs,
      cells: judge.cells,
      ok,
      error: error ? `${error.name}: ${error.message}` : undefined,
      calls,
      callCount,
      logs: this.Logger._lines(),
      console: this.console.lines.slice(consoleStart),
    };
    this.executions.push(execution);
    if (error) throw new ScriptError(error.name, error.message, execution);
    return result;
  }

  /** A fresh realm, the bundle evaluated, `fn` called. `ran` is false for a missing optional fn. */
  private evaluate(
    code: string,
    fn: string,
    event: unknown,
    mode: Mode,
    judge: Judge,
  ): { ran: boolean; result: unknown } {
    const sandbox: Record<string, unknown> = {};
    const context = vm.createContext(sandbox, { name: 'Apps Script execution' });
    const timeout = this.options.timeoutMs ?? 30000;
    const realmBits = vm.runInContext(REALM_PROBE, context) as Omit<Realm, 'global' | 'Date'>;
    const install = vm.runInContext(DATE_PRELUDE, context) as (
      now: () => number,
    ) => DateConstructor;
    const realm: Realm = { ...realmBits, Date: install(() => this.clock.now()), global: sandbox };
    const membrane = new Membrane(realm, judge);
    for (const [name, service] of Object.entries(this.globals())) {
      membrane.names.set(service, name);
      sandbox[name] = membrane.proxy(service);
    }
    sandbox.console = membrane.proxy(this.console);
    const existing = new Set(Object.getOwnPropertyNames(vm.runInContext('globalThis', context)));
    // A top-level function declaration is hoisted: it is a function before the first statement
    // runs. `var f = function…` and `globalThis.f = …` are not, and Google does not find them (U
    // for var) — the probe tells them apart without a parser.
    const at = prologueEnd(code);
    const probe = `;globalThis.${HOISTED} = typeof globalThis[${JSON.stringify(fn)}] === 'function';`;
    const source = code.slice(0, at) + probe + code.slice(at);
    try {
      compiled(source).runInContext(context, { timeout });
      const hoisted = sandbox[HOISTED] === true && !existing.has(fn);
      delete sandbox[HOISTED];
      if (!hoisted) {
        if (mode.optional) return { ran: false, result: undefined };
        throw gasError(`Script function not found: ${fn}`);
      }
      const target = sandbox[fn] as (e: unknown) => unknown;
      const arg = membrane.out(event);
      let result: unknown;
      Object.defineProperty(sandbox, '__emuInvoke__', {
        value: () => {
          result = target(arg);
        },
        configurable: true,
      });
      judge.start();
      try {
        vm.runInContext('__emuInvoke__()', context, { timeout });
      } finally {
        delete sandbox.__emuInvoke__;
        mergeCoverage(sandbox.__coverage__);
      }
      return { ran: true, result: membrane.in(result) };
    } catch (e) {
      if ((e as { code?: string })?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
        throw gasError('Exceeded maximum execution time');
      }
      throw e;
    }
  }
}

/** The id of the file a service object belongs to (spreadsheet, sheet, range, document, form). */
function docIdOf(host: object): string | undefined {
  const h = host as {
    _id?: unknown;
    _ss?: { _id?: unknown };
    _sheet?: { _ss?: { _id?: unknown } };
    _doc?: { _id?: unknown } | null;
    _form?: { _id?: unknown };
  };
  const id = h._id ?? h._ss?._id ?? h._sheet?._ss?._id ?? h._doc?._id ?? h._form?._id;
  return typeof id === 'string' ? id : undefined;
}

/**
 * Adds the counters of an instrumented bundle's execution (`npm run coverage`) to the host's
 * `__coverage__`, which jest reports: each execution is a fresh realm with its own counters.
 */
function mergeCoverage(counters: unknown): void {
  if (!counters || typeof counters !== 'object') return;
  type File = { s: Record<string, number>; f: Record<string, number>; b: Record<string, number[]> };
  const host = globalThis as { __coverage__?: Record<string, File> };
  host.__coverage__ ??= {};
  for (const [path, file] of Object.entries(counters as Record<string, File>)) {
    const into = host.__coverage__[path];
    if (!into) {
      host.__coverage__[path] = JSON.parse(JSON.stringify(file));
      continue;
    }
    for (const k of Object.keys(file.s)) into.s[k] += file.s[k];
    for (const k of Object.keys(file.f)) into.f[k] += file.f[k];
    for (const k of Object.keys(file.b)) into.b[k] = into.b[k].map((n, i) => n + file.b[k][i]);
  }
}

/** A workspace with its bound spreadsheet, services, clock and call log; see WorkspaceOptions. */
export function createWorkspace(options: WorkspaceOptions = {}): Workspace {
  return new Workspace(options);
}
