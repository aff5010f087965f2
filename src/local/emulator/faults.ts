// Fault injection: seeded transient failures of service calls with Google's texts, and a failure at the N-th call.
import type { CallKind, Family } from './costs';
import { gasError } from './errors';

/*
 * Faults hit only the script's own calls (through the runtime's membrane), never what Google does
 * on its side nor what a test reads between executions. Transient failures hit calls that reach
 * Google's servers (a call served by the client library cannot time out); a failure at the N-th
 * call counts every call the script makes.
 */

/** Transient failures: each server call fails with probability `rate`, reproducibly for a `seed`. */
export interface TransientFaults {
  /** Probability per call, 0–1. */
  rate: number;
  /** Seed of the generator; the same seed gives the same failures for the same calls. */
  seed?: number;
  /** Only calls of these recorded services (`Range`, `FormApp`, …) or families (`SpreadsheetApp`, `DriveApp`, …). */
  services?: string[];
  /** Only these calls, as `Service.method` (`FormApp.openById`). */
  methods?: string[];
}

/** One failure at the N-th call from now (1 = the next), optionally counting only `method` calls. */
export interface CallFault {
  call: number;
  /** Count only calls of this `Service.method`. */
  method?: string;
  /** Fail after the call took effect (the stricter case for "never twice"); default before. */
  after?: boolean;
  /** The error text; default a transient text for the call's service. */
  message?: string;
}

/** A fault that was thrown, for tests and the benchmark. */
export interface InjectedFault {
  service: string;
  method: string;
  message: string;
  after: boolean;
}

/** What the runtime is told to do with one call. */
export interface FaultDecision {
  error: Error;
  after: boolean;
}

/** Google's texts for a transient failure, by family; `%id` is the document's id (C: widely reported). */
const TEXTS: Partial<Record<Family, string[]>> = {
  SpreadsheetApp: [
    'Service Spreadsheets timed out while accessing document with id %id.',
    'Service Spreadsheets failed while accessing document with id %id.',
    "We're sorry, a server error occurred. Please wait a bit and try again.",
  ],
  DocumentApp: [
    'Service Documents failed while accessing document with id %id.',
    "We're sorry, a server error occurred. Please wait a bit and try again.",
  ],
  FormApp: [
    "We're sorry, a server error occurred. Please wait a bit and try again.",
    'Service Forms timed out while accessing document with id %id.',
  ],
  // The API's 500 and 503 texts, as the advanced service wraps them (C); `%method` is the call's.
  Docs: [
    'API call to docs.documents.%method failed with error: Internal error encountered.',
    'API call to docs.documents.%method failed with error: The service is currently unavailable.',
  ],
  DriveApp: [
    "We're sorry, a server error occurred. Please wait a bit and try again.",
    'Service invoked too many times in a short time: Drive. Try Utilities.sleep(1000) between calls.',
  ],
  MailApp: [
    "We're sorry, a server error occurred. Please wait a bit and try again.",
    'Service invoked too many times in a short time: Gmail. Try Utilities.sleep(1000) between calls.',
  ],
  PropertiesService: [
    "We're sorry, a server error occurred. Please wait a bit and try again.",
    'Service invoked too many times in a short time: properties. Try Utilities.sleep(1000) between calls.',
  ],
};
const GENERIC = ["We're sorry, a server error occurred. Please wait a bit and try again."];

/** Families whose calls never fail transiently: local computation only. */
const NEVER: ReadonlySet<Family> = new Set(['Utilities', 'Logger']);

/** A small seeded generator (mulberry32): the same seed gives the same sequence. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The workspace's faults: set them from a test, read `injected` afterwards. */
export class Faults {
  private transientRule: (TransientFaults & { next: () => number }) | null = null;
  private callRules: (CallFault & { seen: number })[] = [];
  /** Every fault thrown so far. */
  readonly injected: InjectedFault[] = [];

  /** Seeded transient failures from now on (replaces earlier ones; rate 0 stops them). */
  transient(rule: TransientFaults): this {
    this.transientRule = rule.rate > 0 ? { ...rule, next: generator(rule.seed ?? 1) } : null;
    return this;
  }

  /** One failure at the N-th matching script call from now. */
  failAt(rule: CallFault): this {
    if (!(rule.call >= 1)) throw new Error(`failAt: call must be 1 or more, not ${rule.call}`);
    this.callRules.push({ ...rule, seen: 0 });
    return this;
  }

  /** No more faults. */
  clear(): this {
    this.transientRule = null;
    this.callRules = [];
    return this;
  }

  /**
   * Runtime hook: whether this script call fails, and when. `docId` fills the texts that name a
   * document.
   */
  _decide(
    service: string,
    method: string,
    family: Family,
    kind: CallKind,
    docId: string,
  ): FaultDecision | null {
    const key = `${service}.${method}`;
    for (const rule of this.callRules) {
      if (rule.method !== undefined && rule.method !== key) continue;
      rule.seen++;
      if (rule.seen === rule.call) {
        this.callRules = this.callRules.filter((r) => r !== rule);
        const message = rule.message ?? pick(family, 0, docId, method);
        return this.fire(service, method, message, rule.after === true);
      }
    }
    const t = this.transientRule;
    if (t === null || kind !== 'server' || NEVER.has(family)) return null;
    if (t.services && !t.services.includes(service) && !t.services.includes(family)) return null;
    if (t.methods && !t.methods.includes(key)) return null;
    const roll = t.next();
    if (roll >= t.rate) return null;
    // The text is chosen by the same draw, so a seed fixes texts as well as calls.
    return this.fire(
      service,
      method,
      pick(family, Math.floor((roll / t.rate) * 1e6), docId, method),
      false,
    );
  }

  private fire(service: string, method: string, message: string, after: boolean): FaultDecision {
    this.injected.push({ service, method, message, after });
    const error = gasError(message);
    // An advanced service's failure is the API's HTTP error, wrapped (C).
    if (message.startsWith('API call to ')) error.name = 'GoogleJsonResponseException';
    return { error, after };
  }
}

function pick(family: Family, n: number, docId: string, method: string): string {
  const texts = TEXTS[family] ?? GENERIC;
  return texts[n % texts.length].replace('%id', docId).replace('%method', method);
}
