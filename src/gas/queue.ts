// The work queue's journal in script properties (one small property per item, read in one call) and the worker's lease.
/// <reference types="google-apps-script" />

import type { PeriodKind } from '../core/email';
import { PROPS, QUEUE } from '../core/names';
import { withRetry } from './retry';

/** A submission whose row Google had not written yet (or whose run found the lock busy). */
export interface PendingResponse {
  id: string;
  /** The response's timestamp (ms), to find its row. */
  ts: number;
  /** The respondent's email, lower case ('' when not collected). */
  email: string;
  /** When it was queued (ms). */
  since: number;
  /** Failed scoring attempts (a run that threw), and when to try again (ms). */
  tries?: number;
  next?: number;
}

/**
 * A report period due to the committee, with what was already made for it, so that a retry
 * reuses the Doc and PDF and never sends a batch of recipients twice.
 */
export interface ReportJob {
  from: string;
  to: string;
  kind: PeriodKind;
  /** The report Doc's id, recorded the moment it was created. */
  doc?: string;
  /** Whether the Doc was filled and filed. */
  filled?: boolean;
  /** The PDF file's id. */
  pdf?: string;
  /** Batches of 50 recipients already sent. */
  sent?: number;
  /** The batch being sent when the run stopped: its outcome is unknown, so it is never resent. */
  trying?: number;
  /** The Vietnam day a quota deferral was last logged for this period. */
  deferredDay?: string;
}

/** A unit mail in flight: 'sending' before the attempt, the time once Google accepted it. */
export type MailJournal = 'sending' | number;

/** Everything queued, read with one call. */
export interface Queue {
  responses: PendingResponse[];
  /** Response id → id of a biên bản made for it but not yet recorded ('' when only a rewrite is due). */
  minutes: Map<string, string>;
  mails: Map<string, MailJournal>;
  reports: ReportJob[];
  /** Documents linked from `[KTCV] Biên bản` that the script did not make: never touched. */
  foreign: Set<string>;
  /** When rows were last marked as owing work ('' when none is known). */
  workDue: string;
  /** When the scoring configuration changed, or a reconcile met a busy lock ('' when not). */
  rescoreDue: string;
  reconcileDue: string;
  /** The cached configuration was dropped (a config sheet edited): reading it may mark a re-score. */
  configStale: boolean;
  /** When a submission asked for a check of the sheets against the states ('' when none). */
  check: string;
}

const props = () => PropertiesService.getScriptProperties();

// Journal writes are idempotent, so a passing failure is simply tried again: a journal entry lost
// after a document was made or a mail sent would make a second one.
const put = (key: string, value: string) => withRetry(() => props().setProperty(key, value));
const drop = (key: string) => withRetry(() => props().deleteProperty(key));

const parse = <T>(text: string | undefined, fallback: T): T => {
  try {
    return text === undefined ? fallback : (JSON.parse(text) as T);
  } catch {
    return fallback;
  }
};

/**
 * The key of a response's work in the journal: its response id, or its row for a row that has
 * none (imported rows, or a response the form no longer lists).
 */
export const workKey = (r: { row: number; state: { id: string } }): string =>
  r.state.id || `row${r.row}`;

/** The key of a report period's job. */
export const reportKey = (p: { from: string; to: string }): string =>
  `${QUEUE.report}${p.from}|${p.to}`;

/** Reads the whole queue (one call); periods left by the previous list format are carried over. */
export function readQueue(): Queue {
  const all = props().getProperties();
  const q: Queue = {
    responses: [],
    minutes: new Map(),
    mails: new Map(),
    reports: [],
    foreign: new Set(parse<string[]>(all[PROPS.foreignDocs], [])),
    workDue: all[PROPS.workDue] ?? '',
    rescoreDue: all[PROPS.rescoreDue] ?? '',
    reconcileDue: all[PROPS.reconcileDue] ?? '',
    configStale: all[`${PROPS.config}.n`] === '0',
    check: all[PROPS.identityCheck] ?? '',
  };
  for (const [k, v] of Object.entries(all)) {
    if (k.startsWith(QUEUE.response)) {
      const p = parse<PendingResponse | null>(v, null);
      if (p) q.responses.push(p);
    } else if (k.startsWith(QUEUE.minutes)) q.minutes.set(k.slice(QUEUE.minutes.length), v);
    else if (k.startsWith(QUEUE.mail))
      q.mails.set(k.slice(QUEUE.mail.length), v === 'sending' ? 'sending' : Number(v));
    else if (k.startsWith(QUEUE.report)) {
      const job = parse<ReportJob | null>(v, null);
      if (job) q.reports.push(job);
    }
  }
  // Periods deferred by an earlier version wait in one list: give each its own job.
  const old = parse<{ from: string; to: string; kind: PeriodKind }[]>(all[PROPS.pending], []);
  if (all[PROPS.pending] !== undefined) {
    for (const p of old)
      if (!q.reports.some((r) => r.from === p.from && r.to === p.to)) {
        const job = { from: p.from, to: p.to, kind: p.kind };
        saveReport(job);
        q.reports.push(job);
      }
    drop(PROPS.pending);
  }
  q.responses.sort((a, b) => a.ts - b.ts);
  q.reports.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  return q;
}

/** Notes that rows may owe a biên bản, a trash or a unit mail (the worker then reads the rows). */
export function markWorkDue(): void {
  put(PROPS.workDue, String(Date.now()));
}

/**
 * The properties that mark work due and a biên bản rewrite for `minutes` (response ids), for a
 * caller that writes them with others in one call; `raw` holds the properties as read under the
 * lock, so a flag holding a document being made is kept.
 */
export function workDueProps(
  raw: Readonly<Record<string, string>>,
  minutes: readonly string[],
): Record<string, string> {
  const out: Record<string, string> = { [PROPS.workDue]: String(Date.now()) };
  for (const id of minutes) if (raw[QUEUE.minutes + id] === undefined) out[QUEUE.minutes + id] = '';
  return out;
}

/** Writes several properties in one call (retried: the values are idempotent). */
export function putAll(values: Record<string, string>): void {
  if (Object.keys(values).length > 0) withRetry(() => props().setProperties(values));
}

/** A full pass left nothing due: clears the mark unless it was set again since `seen`. */
export function clearWorkDue(seen: string): void {
  if ((props().getProperty(PROPS.workDue) ?? '') === seen) drop(PROPS.workDue);
}

/** Records a submission to be scored by the worker. */
export function queueResponse(p: PendingResponse): void {
  put(QUEUE.response + p.id, JSON.stringify(p));
}

/** Forgets a queued submission (scored, or given up). */
export function dropResponse(id: string): void {
  drop(QUEUE.response + id);
}

/** Records that a response's biên bản must be rewritten (a document being made for it is kept). */
export function flagMinutes(id: string): void {
  if (props().getProperty(QUEUE.minutes + id) === null) put(QUEUE.minutes + id, '');
}

/** Records the id of a biên bản document the moment it is created, before it is filled. */
export function journalMinutes(id: string, doc: string): void {
  put(QUEUE.minutes + id, doc);
}

/** The biên bản of a response is written and recorded. */
export function dropMinutes(id: string): void {
  drop(QUEUE.minutes + id);
}

/** Journals a unit mail: 'sending' before the attempt, the time right after. */
export function journalMail(id: string, state: MailJournal): void {
  put(QUEUE.mail + id, String(state));
}

/** The unit mail's outcome is in the state columns. */
export function dropMail(id: string): void {
  drop(QUEUE.mail + id);
}

/** Saves a report job as it stands. */
export function saveReport(job: ReportJob): void {
  put(reportKey(job), JSON.stringify(job));
}

/** Records a period as due unless it is queued already (its progress is kept). */
export function queueReport(p: { from: string; to: string; kind: PeriodKind }): void {
  const key = reportKey(p);
  if (props().getProperty(key) === null)
    put(key, JSON.stringify({ from: p.from, to: p.to, kind: p.kind }));
}

/** The period is sent (or settled): it leaves the queue. */
export function dropReport(p: { from: string; to: string }): void {
  drop(reportKey(p));
}

/** One line of `Nhật ký gửi`, kept in script properties too (the sheet is the office's to clear). */
export interface SentEntry {
  key: string;
  period: string;
  audience: string;
  /** When it was sent (ms). */
  at: number;
  to: string;
  link: string;
  note: string;
}

// A property value holds at most 9 KB: a long recipient list is cut (the sheet's line keeps it whole).
const SENT_TO_MAX = 4000;

/** Keeps a send-log line in script properties, so a cleared or deleted sheet never sends twice. */
export function keepSent(e: SentEntry): void {
  const to = e.to.length > SENT_TO_MAX ? `${e.to.slice(0, SENT_TO_MAX)}…` : e.to;
  put(QUEUE.sent + e.key, JSON.stringify({ ...e, to }));
}

/** Every send-log line kept in script properties (one call). */
export function readSent(): SentEntry[] {
  const out: SentEntry[] = [];
  for (const [k, v] of Object.entries(props().getProperties()))
    if (k.startsWith(QUEUE.sent)) {
      const e = parse<SentEntry | null>(v, null);
      if (e?.key) out.push(e);
    }
  return out.sort((a, b) => a.at - b.at);
}

/** Remembers that a linked document is not the script's, so it is never opened again. */
export function addForeign(q: Queue, docId: string): void {
  q.foreign.add(docId);
  put(PROPS.foreignDocs, JSON.stringify([...q.foreign]));
}

// A lease outlives any execution (6 minutes), so a worker stopped by Google frees it by expiry.
const LEASE_MS = 7 * 60 * 1000;
const LEASE_LOCK_WAIT_MS = 30000;

/**
 * Takes the worker's lease (one worker at a time, so no item is done twice by two runs); returns
 * its token, or null when another worker holds it or the lock stays busy.
 */
export function claimLease(): string | null {
  const lock = LockService.getScriptLock();
  if (!lock.tryLock(LEASE_LOCK_WAIT_MS)) return null;
  try {
    const held = parse<{ until: number; by: string } | null>(
      props().getProperty(PROPS.workerLease) ?? undefined,
      null,
    );
    if (held && held.until > Date.now()) return null;
    const by = Utilities.getUuid();
    put(PROPS.workerLease, JSON.stringify({ until: Date.now() + LEASE_MS, by }));
    return by;
  } finally {
    lock.releaseLock();
  }
}

/** Gives the lease back (only the holder's own). */
export function releaseLease(token: string): void {
  const held = parse<{ until: number; by: string } | null>(
    props().getProperty(PROPS.workerLease) ?? undefined,
    null,
  );
  if (held?.by === token) drop(PROPS.workerLease);
}
