// One execution's judge: virtual time from the cost table, Google's time limits, scopes and injected faults.
import { performance } from 'node:perf_hooks';
import type { CallLog } from './calls';
import type { VirtualClock } from './clock';
import { CostMeter, type Family, familyOf } from './costs';
import { gasError } from './errors';
import type { Faults } from './faults';
import type { Scopes } from './scopes';

/** Google's text when an execution runs out of time (C: the Executions page and public logs). */
export const TIME_LIMIT_TEXT = 'Exceeded maximum execution time';

/** How the judge of one execution is set up. */
export interface JudgeOptions {
  clock: VirtualClock;
  log: CallLog;
  faults: Faults;
  /** Granted scopes, or null when nothing is refused for scopes. */
  scopes: Scopes | null;
  /** Extra refusals (the LIMITED simple-trigger guard); throws to refuse. */
  guard: (service: string, method: string) => void;
  /** Virtual time the execution started (its start-up included). */
  startedAt: number;
  /** Virtual time after which the execution is stopped. */
  limitMs: number;
  /** Plain JavaScript costs this many times its Node wall time. */
  jsFactor: number;
  /** The Apps Script type of a host object (`SpreadsheetApp.Range`), for names and families. */
  typeOf: (host: object) => string | undefined;
  /** The id of the document a host object belongs to, for fault texts. */
  docIdOf: (host: object) => string;
}

/** The script call in progress (the outermost one through the membrane). */
interface Call {
  host: object;
  service?: string;
  method?: string;
  family?: Family;
  cells: number;
  after?: Error;
}

/**
 * Sits between the script and the services for one execution. The membrane calls `enter` and
 * `exit` around every script call; the call log tells `observe` what the call is as the emulated
 * method records itself, before it takes effect.
 *
 * Time: each call advances the clock by its price (costs.ts) and plain JavaScript between calls by
 * `jsFactor` × its Node wall time. Past the limit every call throws Google's text, and the
 * execution is recorded as failed with it even if the script caught it.
 */
export class Judge {
  private depth = 0;
  private call: Call | null = null;
  private lastExit = performance.now();
  private suspended = false;
  private carry = 0;
  private readonly meter = new CostMeter();
  /** True once the execution ran past its limit. */
  exceeded = false;
  /** Cells read and written by the script's calls. */
  cells = 0;

  constructor(private readonly o: JudgeOptions) {}

  /** The script's first line: JavaScript time is counted from here. */
  start(): void {
    this.lastExit = performance.now();
  }

  /** Before a script call. Returns whether it is the outermost one (the one to price). */
  enter(host: object): boolean {
    if (this.depth++ > 0) return false;
    this.chargeJs();
    if (this.exceeded || this.over()) {
      this.depth--;
      this.exceeded = true;
      throw gasError(TIME_LIMIT_TEXT);
    }
    this.call = { host, cells: 0 };
    return true;
  }

  /** From the call log: a call records itself (the first record names the script's call). */
  observe(service: string, method: string, cells: number): void {
    const call = this.call;
    if (call === null || this.suspended || this.depth === 0) return;
    call.cells += cells;
    if (call.service !== undefined) return;
    call.service = service;
    call.method = method;
    const type = this.o.typeOf(call.host);
    call.family = familyOf(service, type);
    this.o.guard(service, method);
    const name = type && type !== service ? `${type}.${method}` : `${service}.${method}`;
    this.o.scopes?.check(call.family, service, method, name);
    const kind = this.meter.peek({ service, method, family: call.family });
    const fault = this.o.faults._decide(
      service,
      method,
      call.family,
      kind,
      this.o.docIdOf(call.host),
    );
    if (fault === null) return;
    if (!fault.after) throw fault.error;
    call.after = fault.error;
  }

  /**
   * After a script call (`outer` from `enter`): prices it, moves the clock, and throws the time
   * limit or an "after the effect" fault. `threw` says the call itself failed.
   */
  exit(outer: boolean, args: unknown[], result: unknown, threw: boolean): void {
    this.depth--;
    if (!outer) return;
    const call = this.call;
    this.call = null;
    if (call?.service !== undefined && call.method !== undefined && call.family !== undefined) {
      this.cells += call.cells;
      const first = args[0];
      const cells = call.cells > 0 ? call.cells : grid(first);
      const items = Array.isArray(first)
        ? first.length
        : Array.isArray(result)
          ? result.length
          : call.family === 'Docs'
            ? requestsOf(first)
            : 0;
      const price = this.meter.charge({
        service: call.service,
        method: call.method,
        family: call.family,
        cells,
        items,
        attachments: call.method === 'sendEmail' && args.some(hasAttachments),
      });
      this.advance(price.ms);
    }
    this.lastExit = performance.now();
    if (this.over()) {
      this.exceeded = true;
      if (!threw) throw gasError(TIME_LIMIT_TEXT);
    }
    if (call?.after && !threw) throw call.after;
  }

  /** The script's last line: the JavaScript since the last call and the final commit. */
  finish(): void {
    this.chargeJs();
    this.advance(this.meter.finish());
    if (this.over()) this.exceeded = true;
  }

  private chargeJs(): void {
    const now = performance.now();
    this.advance((now - this.lastExit) * this.o.jsFactor);
    this.lastExit = now;
  }

  private advance(ms: number): void {
    if (!(ms > 0)) return;
    // The clock moves in whole milliseconds, as Dates do; fractions carry over to the next charge.
    this.carry += ms;
    const whole = Math.floor(this.carry + 1e-9);
    this.carry = Math.max(0, this.carry - whole);
    if (whole === 0) return;
    // Google-side events that fall due run now; what they record is not the script's.
    this.suspended = true;
    try {
      this.o.clock.advance(whole);
    } finally {
      this.suspended = false;
    }
  }

  private over(): boolean {
    return this.o.clock.now() - this.o.startedAt > this.o.limitMs;
  }
}

/** Cells of a 2-D array argument (per-cell formatters, appendTable), else 0. */
function grid(v: unknown): number {
  if (!Array.isArray(v)) return 0;
  let n = 0;
  for (const row of v) if (Array.isArray(row)) n += row.length;
  return n;
}

/** The requests a Docs API batchUpdate carries (`{requests: [...]}`), else 0. */
function requestsOf(v: unknown): number {
  const r = v !== null && typeof v === 'object' ? (v as { requests?: unknown }).requests : null;
  return Array.isArray(r) ? r.length : 0;
}

function hasAttachments(v: unknown): boolean {
  if (v === null || typeof v !== 'object') return false;
  const a = (v as { attachments?: unknown }).attachments;
  return Array.isArray(a) ? a.length > 0 : a !== undefined && a !== null;
}
