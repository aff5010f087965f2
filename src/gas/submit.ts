// handleFormSubmit: one response scored under the script lock from the state columns and its own row; slow work is left to the queue.
/// <reference types="google-apps-script" />

import { vnDateOf } from '../core/dates';
import { editDerived } from './identity';
import { inSummaryPeriod, recordFacts } from './loop';
import { affectedRows, outcomesFor } from './process';
import { summaryRows } from './projection';
import { flagMinutes, markWorkDue, queueResponse, workKey } from './queue';
import { unitAddress } from './reports';
import { isoInstant, isProcessed, misplacedRows, type ResponseRow } from './response-table';
import {
  contextFor,
  logLine,
  openSession,
  readIndex,
  readRow,
  saveGrid,
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
      scored = scoreResponse(id, ts, email, LOCK_WAIT_MS);
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

function score(id: string, ts: number, email: string): Scored {
  const s = openSession();
  // The header, the Timestamp column and the state block: never the whole sheet.
  const ix = readIndex(s);
  // The row: the one already holding this id (an edit), else the unprocessed row Google wrote
  // for this submission (same timestamp to the second and, when collected, the same email).
  const known = ix.rows.find((r) => r.state.id === id);
  // An event newer than the row: Google has not yet rewritten the edited row (the order of the
  // two is not guaranteed), so the row is not there yet in its edited form.
  if (known && known.ts !== null && known.ts < ts - 1000) return nothing('not-in-sheet');
  if (known && isProcessed(known)) return nothing('unchanged');
  let row: ResponseRow | null = known ? readRow(ix, known.row) : null;
  if (!known) {
    const candidates = ix.rows.filter(
      (r) => r.state.id === '' && r.ts !== null && Math.abs(r.ts - ts) < 1000,
    );
    for (const c of candidates.reverse()) {
      const r = readRow(ix, c.row);
      if (r && (!email || r.raw.email.trim().toLowerCase() === email)) {
        row = r;
        break;
      }
    }
  }
  if (!row) return nothing('not-in-sheet');
  const self = row;

  const context = contextFor(s.app, ix.layout.formHeaders);
  const ids = new Map([[self.row, id]]);
  const [alone] = outcomesFor([self], context, ids);
  // The rows sharing its old or new duplicate key, read one by one (a handful at most).
  const rows: ResponseRow[] = [self];
  // A row carrying another response's state (form columns sorted alone) is not scored under that
  // id: the worker's check puts the states back first.
  const moved = misplacedRows(ix.rows);
  for (const r of affectedRows(ix.rows, self, alone.state.key)) {
    if (r.row === self.row || moved.has(r.row)) continue;
    const full = readRow(ix, r.row);
    if (full) rows.push(full);
  }
  rows.sort((a, b) => a.row - b.row);
  const outcomes = outcomesFor(rows, context, ids);

  // Slow work is only marked here; the worker does it after the lock is released.
  const before = new Map(ix.rows.map((r) => [r.row, r.state]));
  for (const o of outcomes) {
    if (o.state.status !== 'ok' || !o.inspection) continue;
    // A row that kept counting while another changed needs nothing new.
    if (o.row !== self.row && before.get(o.row)?.status === 'ok') continue;
    if (s.app.settings.minutes && o.state.minutes) flagMinutes(workKey(o));
    if (o.state.mailed === null && o.state.mail === '' && unitAddress(s, o.inspection.unitCode))
      o.state.mail = 'due';
  }
  const owes = outcomes.some((o) =>
    o.state.status === 'ok'
      ? o.state.mail === 'due' || (s.app.settings.minutes && o.state.minutes === '')
      : o.state.minutes !== '',
  );
  if (owes) markWorkDue();
  // Derived rows found by the response id they carry, wherever a leader moved them.
  let gridChanged = editDerived(s, ix.rows, outcomes);
  const states = new Map(ix.rows.map((r) => [r.row, r.state]));
  for (const o of outcomes) states.set(o.row, o.state);
  gridChanged =
    writeSummary(
      s,
      summaryRows(inSummaryPeriod(s, [...states.values()]), s.app.config, vnDateOf(Date.now())),
    ) || gridChanged;

  // The state columns last: until they are written the response counts as unprocessed, so a
  // failure above leaves it to the worker and reconcile instead of half-recorded.
  for (const o of outcomes) writeState(s, ix, o.row, o.state);
  if (gridChanged) saveGrid(s);
  // Facts for the dashboard and corrective actions (one row each, by response id); the
  // actions and figures follow at the worker's next run (loopStale, marked by the trigger).
  recordFacts(s, outcomes);
  return {
    result: outcomes.find((o) => o.row === self.row)?.state.status === 'ok' ? 'scored' : 'review',
    touched: outcomes.map((o) => o.row),
  };
}
