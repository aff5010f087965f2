// handleFormSubmit: one response scored under the script lock from the state columns and its own row; slow work is left to the queue.
/// <reference types="google-apps-script" />

import { vnDateOf } from '../core/dates';
import { MACHINE_HEADERS, PROPS, SHEETS } from '../core/names';
import { applyChanges, rankedOf, type Totals, tallyOf, tallyVersion } from '../core/summary-tally';
import type { Config } from '../core/types';
import { appendDerived, editDerived, requestCheck } from './identity';
import { loopStaleProps, recordFacts, summaryPeriod } from './loop';
import { outcomesFor } from './process';
import {
  ALIGNED,
  type AlignedSheet,
  type BlockEdit,
  type RowOutcome,
  rowsFor,
  summaryRowsOf,
} from './projection';
import { putAll, queueResponse, workDueProps, workKey } from './queue';
import { unitAddress } from './reports';
import {
  type IndexRow,
  isoInstant,
  isProcessed,
  misplacedRows,
  type ResponseRow,
  sameInstant,
} from './response-table';
import { SUMMARY_PENDING as PENDING, tallyProps } from './store';
import {
  contextFor,
  logLine,
  openSession,
  type QuickIndex,
  quickIndex,
  readRowsAt,
  readStateColumn,
  readStatesQuick,
  type Session,
  writeState,
  writeSummary,
} from './workbook';

// How long a submission waits for the lock. Each holder keeps it a few seconds (slow work runs
// outside it), so 20 inspectors submitting within a minute are all served well within this; a
// Forms trigger may run 6 minutes, and the wait leaves time for the worker afterwards.
const LOCK_WAIT_MS = 240000;
// Google may run the trigger before it has written the row: look again after these pauses.
const ROW_WAITS_MS = [2000, 4000];

/** What a submission did, for logs and tests. */
export type SubmitResult = 'blank' | 'busy' | 'not-in-sheet' | 'unchanged' | 'scored' | 'review';

/** What scoring did, and the response rows it changed (their biên bản and mails follow). */
export interface Scored {
  result: SubmitResult;
  touched: number[];
}

const nothing = (result: SubmitResult): Scored => ({ result, touched: [] });

/**
 * The installable form-submit trigger's handler. A response whose row is not there yet (after a
 * few short waits) or that found the lock busy is queued for the worker, which scores it within
 * minutes, and logged; nothing is dropped silently.
 */
export function handleFormSubmit(e: GoogleAppsScript.Events.FormsOnFormSubmit | undefined): Scored {
  const response = e?.response;
  // Spurious events (no response, or a spreadsheet event with blank values) change nothing.
  if (!response) return nothing('blank');
  const id = response.getId();
  const ts = response.getTimestamp().getTime();
  const email = response.getRespondentEmail().trim().toLowerCase();
  let scored: Scored;
  try {
    scored = scoreResponse(id, ts, email, LOCK_WAIT_MS);
    for (const wait of ROW_WAITS_MS) {
      if (scored.result !== 'not-in-sheet') break;
      Utilities.sleep(wait);
      // Looked for without the lock (reading changes nothing): the lock is taken again only
      // once a row holding this second is there, so waiting never holds others up.
      if (rowThere(ts)) scored = scoreResponse(id, ts, email, LOCK_WAIT_MS);
    }
  } catch (e) {
    // A failure (a passing one, or the configuration): the worker tries again within minutes.
    queueResponse({ id, ts, email, since: Date.now() });
    throw e;
  }
  const result = scored.result;
  if (result === 'not-in-sheet' || result === 'busy') {
    queueResponse({ id, ts, email, since: Date.now() });
    const sent = isoInstant(ts).replace('T', ' ').slice(0, 19);
    logLine(
      'handleFormSubmit',
      result === 'busy'
        ? `Một lần xử lý khác giữ khóa quá lâu: phản hồi gửi lúc ${sent} (${id}) đã được ghi vào hàng đợi và sẽ được chấm trong vài phút.`
        : `Chưa thấy dòng của phản hồi gửi lúc ${sent} (${id}) trong trang câu trả lời sau ${ROW_WAITS_MS.length + 1} lần đọc: đã ghi vào hàng đợi và sẽ được chấm trong vài phút.`,
    );
  }
  return scored;
}

/**
 * Scores one response holding the script lock (waiting at most `waitMs`): 'busy' when the lock
 * stays taken, 'not-in-sheet' when its row is not there.
 */
export function scoreResponse(id: string, ts: number, email: string, waitMs: number): Scored {
  const lock = LockService.getScriptLock();
  if (!lock.tryLock(waitMs)) return nothing('busy');
  try {
    return score(id, ts, email);
  } finally {
    lock.releaseLock();
  }
}

type Pending = [row: number, processedTs: number | null, status: string];

function pendingOf(raw: Readonly<Record<string, string>>): Pending[] {
  try {
    const p = JSON.parse(raw[PENDING] ?? '[]') as Pending[];
    return Array.isArray(p) ? p : [];
  } catch {
    return [];
  }
}

/** Whether some row holds this timestamp's second (the header and Timestamp column, unlocked). */
function rowThere(ts: number): boolean {
  const q = quickIndex(openSession());
  return q?.ts.some((t) => t !== null && Math.abs(t - ts) < 1000) === true;
}

/** Where a response's row stands: found among the rows with its timestamp, else by its id. */
function findRow(
  s: Session,
  q: QuickIndex,
  id: string,
  ts: number,
  email: string,
): ResponseRow | 'not-in-sheet' {
  // Google writes a new row with the submission's timestamp and rewrites it on an edit, so the
  // rows holding that second are the only candidates (usually one: the last).
  const near: number[] = [];
  q.ts.forEach((t, i) => {
    if (t !== null && Math.abs(t - ts) < 1000) near.push(i + 2);
  });
  const rows = near.length ? readRowsAt(s, q, near) : [];
  const own = rows.find((r) => r.state.id === id);
  if (own) return own;
  // The unprocessed row Google wrote for this submission (same email when collected), latest first.
  for (const r of [...rows].reverse())
    if (r.state.id === '' && (!email || r.raw.email.trim().toLowerCase() === email)) return r;
  // An edit whose row does not hold this second: the row holding the id, if any.
  const ids = readStateColumn(s, q, 0);
  const k = ids.findIndex((v) => String(v) === id);
  if (k < 0) return 'not-in-sheet';
  const rowTs = q.ts[k] ?? null;
  // An event newer than the row: Google has not yet rewritten the edited row (the order of the
  // two is not guaranteed), so the row is not there yet in its edited form.
  if (rowTs !== null && rowTs < ts - 1000) return 'not-in-sheet';
  return readRowsAt(s, q, [k + 2])[0] ?? 'not-in-sheet';
}

function score(id: string, ts: number, email: string): Scored {
  const s = openSession();
  const config = s.app.config;
  // The header and the Timestamp column; the state block of every row only when needed.
  const q = quickIndex(s);
  if (!q) return nothing('not-in-sheet');
  const found = findRow(s, q, id, ts, email);
  if (found === 'not-in-sheet') return nothing('not-in-sheet');
  const self = found;
  if (self.state.id === id && isProcessed(self)) return nothing('unchanged');

  const context = contextFor(s.app, q.layout.formHeaders);
  const ids = new Map([[self.row, id]]);
  const [alone] = outcomesFor([self], context, ids);
  // The rows sharing its old or new duplicate key (one column read; a handful at most).
  const keys = new Set([self.state.key, alone.state.key].filter((k) => k !== ''));
  const others: number[] = [];
  if (keys.size)
    readStateColumn(s, q, MACHINE_HEADERS.indexOf('[KTCV] Khóa trùng')).forEach((v, i) => {
      if (i + 2 !== self.row && keys.has(String(v))) others.push(i + 2);
    });
  // A row carrying another response's state (form columns sorted alone) is not scored under that
  // id: the worker's check puts the states back first.
  const partners = others.length ? readRowsAt(s, q, others) : [];
  // (Only these rows are read here, so any processed partner whose Timestamp is not the one its
  // state processed is set aside: a pending edit of it is scored by its own event.)
  const moved = misplacedRows([self, ...partners]);
  for (const r of partners)
    if (r.state.status !== '' && r.state.processedTs !== null && r.ts !== null)
      if (!sameInstant(r.ts, r.state.processedTs)) moved.add(r.row);
  if (moved.size > 0) requestCheck();
  const rows: ResponseRow[] = [self, ...partners.filter((r) => !moved.has(r.row))];
  rows.sort((a, b) => a.row - b.row);
  const outcomes = outcomesFor(rows, context, ids);
  const before = new Map(rows.map((r) => [r.row, r.state]));

  // Slow work is only marked here; the worker does it after the lock is released.
  const minuteIds: string[] = [];
  for (const o of outcomes) {
    if (o.state.status !== 'ok' || !o.inspection) continue;
    // A row that kept counting while another changed needs nothing new.
    if (o.row !== self.row && before.get(o.row)?.status === 'ok') continue;
    if (s.app.settings.minutes && o.state.minutes) minuteIds.push(workKey(o));
    if (o.state.mailed === null && o.state.mail === '' && unitAddress(s, o.inspection.unitCode))
      o.state.mail = 'due';
  }
  const owes =
    minuteIds.length > 0 ||
    outcomes.some((o) =>
      o.state.status === 'ok'
        ? o.state.mail === 'due' || (s.app.settings.minutes && o.state.minutes === '')
        : o.state.minutes !== '',
    );

  // Every row's state only when the kept tally cannot be used or the rows are not simply
  // appended (an edit, a duplicate): then placing by position needs them.
  let all: IndexRow[] | null = null;
  const everyRow = (): IndexRow[] => {
    all ??= readStatesQuick(s, q);
    return all;
  };
  const period = summaryPeriod(s);
  let tally = s.store.tally?.version === tallyVersion(config, period) ? s.store.tally : null;
  // A run stopped between saving the tally and writing the states left it ahead of them.
  for (const [row, pts, status] of tally ? pendingOf(s.store.raw) : []) {
    const st = before.get(row) ?? everyRow().find((r) => r.row === row)?.state ?? null;
    if (!st || st.processedTs !== pts || st.status !== status) tally = null;
  }
  const totals = tally ? { ...tally.totals } : null;
  const changed = outcomes.map((o) => ({ row: o.row, state: o.state }));
  if (
    tally &&
    !applyChanges(
      tally,
      config,
      period,
      rows.map((r) => ({ row: r.row, state: r.state })),
      changed,
    )
  )
    tally = null;
  if (!tally) {
    const states = new Map(everyRow().map((r) => [r.row, r.state]));
    for (const o of outcomes) states.set(o.row, o.state);
    tally = tallyOf(
      config,
      period,
      [...states].map(([row, state]) => ({ row, state })),
    );
  }
  // A new response on the last row adds its blocks at the end of each derived sheet.
  const appended =
    totals !== null &&
    all === null &&
    outcomes.length === 1 &&
    self.state.status === '' &&
    self.row === q.lastRow;
  const appendix = appended ? appendEdits(outcomes[0], totals, config) : null;

  // The tally and the work marks in one write, before the sheets: the rows about to be written
  // are named, so a run stopped before the state columns leaves a tally the next one recomputes.
  putAll({
    ...tallyProps(tally),
    [PENDING]: JSON.stringify(
      outcomes.map((o): Pending => [o.row, o.state.processedTs, o.state.status]),
    ),
    ...(owes ? workDueProps(s.store.raw, minuteIds) : {}),
  });
  // Appended after the rows the states count when the sheets look so (a few cells read), else
  // placed by the response ids the derived rows carry, wherever a leader moved them.
  let gridChanged =
    (appendix && appendDerived(s, appendix)) ?? editDerived(s, everyRow(), outcomes);
  const today = vnDateOf(Date.now());
  gridChanged =
    writeSummary(s, summaryRowsOf(rankedOf(config, tally, today), config, today)) || gridChanged;

  // The state columns last: until they are written the response counts as unprocessed, so a
  // failure above leaves it to the worker and reconcile instead of half-recorded.
  for (const o of outcomes) writeState(s, q, o.row, o.state);
  // Facts for the dashboard and corrective actions (one row each, by response id; a new
  // response's appended); the actions and figures follow at the worker's next run (loopStale).
  recordFacts(s, outcomes, appendix !== null);
  putAll({
    [PENDING]: '[]',
    ...loopStaleProps(),
    ...(gridChanged ? { [PROPS.grid]: JSON.stringify(s.store.grid) } : {}),
  });
  return {
    result: outcomes.find((o) => o.row === self.row)?.state.status === 'ok' ? 'scored' : 'review',
    touched: outcomes.map((o) => o.row),
  };
}

/** The blocks of a response appended after every existing block (`totals`: rows there now). */
function appendEdits(o: RowOutcome, totals: Totals, config: Config): BlockEdit[] {
  const at: Record<AlignedSheet, number> = {
    [SHEETS.results]: totals.results,
    [SHEETS.findings]: totals.findings,
    [SHEETS.review]: totals.review,
  };
  const edits: BlockEdit[] = [];
  for (const sheet of ALIGNED) {
    const rows = rowsFor(sheet, o, config);
    if (rows.length) edits.push({ sheet, start: 2 + at[sheet], oldCount: 0, rows, atEnd: true });
  }
  return edits;
}
