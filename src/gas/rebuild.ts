// rebuildAll and reconcile: every derived sheet recomputed from the response sheet in a fixed number of calls; documents and mails are left to the queue.
/// <reference types="google-apps-script" />

import { vnDateOf } from '../core/dates';
import { MACHINE_HEADERS, PROPS } from '../core/names';
import { tallyOf } from '../core/summary-tally';
import { pad, writeBlock } from './cells';
import { clearCheck, damagedSheets, logDamage, realignStates, recoverLinks } from './identity';
import { PASS_WAIT_MS, withLock } from './lock';
import { afterRebuild, inSummaryPeriod, summaryPeriod } from './loop';
import { outcomesFor } from './process';
import {
  ALIGNED,
  type AlignedSheet,
  countIn,
  type Damage,
  fullRows,
  type RowOutcome,
  summaryRows,
  WIDTH,
} from './projection';
import { markWorkDue, putAll, readQueue } from './queue';
import { unitAddress } from './reports';
import { clearPassDue, type PassDue, passDue } from './rescore';
import { isProcessed, type ResponseRow, type RowState, stateCells } from './response-table';
import { openOrNull } from './retry';
import { SUMMARY_PENDING, tallyProps, uncacheLoopRows } from './store';
import {
  contextFor,
  ensureStateColumns,
  GROW_BY,
  logLine,
  openSession,
  type Responses,
  readResponses,
  type Session,
  saveGrid,
  writeSummary,
} from './workbook';

export { withLock } from './lock';

/** Recomputes every derived sheet from the form's responses; returns the number of responses. */
export function rebuildAll(): number {
  return withLock(() => {
    const s = openSession();
    const seen = passDue();
    // One bounded pass: response ids are asked of the form by reconcile only (for the rows a
    // trigger missed), never for every row here.
    const n = rebuild(s, readResponses(s), () => []);
    passDone('rebuildAll', seen, n);
    return n;
  });
}

/** Clears the marks a whole pass answered (read as `seen` after the configuration was opened). */
function passDone(fn: string, seen: PassDue, rows: number): void {
  clearPassDue(seen, true);
  if (seen.rescore !== '')
    logLine(
      fn,
      `Đã chấm lại ${rows} phiếu theo cấu hình chấm điểm mới: trang Tổng hợp và Kết quả nay chỉ dùng một cách tính.`,
    );
}

/**
 * Scores every response a failed or missing trigger run left out (or an edit it missed), by
 * rebuilding when there is any, or when the scoring configuration changed since rows were scored
 * (every row then); returns how many were pending. First puts states back on their responses'
 * rows (form columns sorted alone), then checks each derived sheet against the states: a sheet
 * with rows missing, doubled or of no response is rewritten and named in the log (a sheet only
 * sorted by a leader is kept). Biên bản and unit mails still due are the worker's, which runs
 * after this. `checkOnly` (the worker's check asked for by a submission) leaves pending rows to
 * the queue. Throws LockBusyError when the lock stays busy for `waitMs`.
 */
export function reconcile(waitMs = PASS_WAIT_MS, checkOnly = false): number {
  return withLock(() => {
    const s = openSession();
    const seen = passDue();
    // Asked for by a submission (or not): this is the check, done now.
    clearCheck();
    const read = readResponses(s);
    // States put back on their responses' rows first (a sort of the form columns alone).
    const moved = read.table.stateColumn ? realignStates(s, read) : 0;
    const pending = read.table.rows.filter((r) => !isProcessed(r));
    // Rows of a queued response (its run failed before its state was written) are not damage.
    const queued = new Set(readQueue().responses.map((p) => p.id));
    const damage = read.table.stateColumn
      ? damagedSheets(s, read.table.rows, (id) => queued.has(id))
      : [];
    // The worker's check leaves pending responses to the queue, as it scores them anyway.
    const rescore = checkOnly ? [] : pending;
    const whole = !checkOnly && seen.rescore !== '';
    if (rescore.length === 0 && moved === 0 && damage.length === 0 && !whole) {
      if (!checkOnly) clearPassDue(seen, false);
      return 0;
    }
    if (rescore.length > 0 || moved > 0 || whole)
      passDone(
        'reconcile',
        seen,
        rebuild(s, read, () => pending),
      );
    else repair(s, read, damage);
    logDamage('reconcile', damage);
    return rescore.length > 0 || moved > 0 ? pending.length : 0;
  }, waitMs);
}

/**
 * Rewrites only the damaged derived sheets from the states (sheets merely sorted are kept); when
 * today's scoring no longer gives the rows the states recorded (the configuration changed since),
 * everything is rebuilt instead, so the sheets and states agree again and the check stays quiet.
 */
function repair(s: Session, read: Responses, damage: readonly Damage[]): void {
  const context = contextFor(s.app, read.table.formHeaders);
  // Rows as their states stand: a pending response's rows are its own run's to write.
  const done = read.table.rows.filter(isProcessed);
  const outcomes = outcomesFor(done, context, new Map());
  const recorded = new Map(done.map((r) => [r.row, r.state]));
  const same = outcomes.every((o) =>
    ALIGNED.every(
      (name) => countIn(name, o.state) === countIn(name, recorded.get(o.row) as RowState),
    ),
  );
  if (!same) {
    rebuild(s, read, () => []);
    return;
  }
  writeAligned(
    s,
    damage.map((d) => d.sheet),
    outcomes,
  );
  saveGrid(s);
}

/** Writes whole aligned sheets from outcomes in response-row order, blanking the rest of the grid. */
function writeAligned(s: Session, names: readonly AlignedSheet[], outcomes: RowOutcome[]): void {
  for (const name of names) {
    const rows = fullRows(name, outcomes, s.app.config);
    const sheet = s.ss.getSheetByName(name);
    if (!sheet) throw new Error(`Thiếu trang "${name}": hãy chạy "Thiết lập".`);
    let grid = sheet.getMaxRows();
    if (rows.length + 1 > grid) {
      // Headroom, so the submissions that follow append without growing the grid.
      const add = rows.length + 1 - grid + GROW_BY;
      sheet.insertRowsAfter(grid, add);
      grid += add;
    }
    s.store.grid[name] = grid;
    // Blank the whole grid below the header too: nothing stale survives a rebuild.
    writeBlock(s.ss, name, 2, 1, pad(rows, WIDTH[name], grid - 1));
  }
}

/** Response ids of pending rows, asked of the form only for responses since the oldest pending one. */
function responseIds(
  s: Session,
  pending: { row: number; ts: number | null; raw: { email: string }; state: { id: string } }[],
  known: Set<string>,
): Map<number, string> {
  const ids = new Map<number, string>();
  const times = pending.map((p) => p.ts).filter((t): t is number => t !== null);
  if (!s.store.formId || times.length === 0) return ids;
  const formId = s.store.formId;
  // A passing failure is retried; only a form Google says is gone leaves the rows without ids.
  const form = openOrNull(() => FormApp.openById(formId));
  if (!form) {
    logLine(
      'reconcile',
      `Không mở được biểu mẫu ${formId} (đã bị xóa?): các phiếu bị lỡ được chấm mà chưa có mã phản hồi.`,
    );
    return ids;
  }
  const since = new Date(Math.min(...times) - 1000);
  const responses = form.getResponses(since).map((r) => ({
    id: r.getId(),
    ts: r.getTimestamp().getTime(),
    email: r.getRespondentEmail().trim().toLowerCase(),
  }));
  // Each response is one row: an id already on a row (or just given) is not matched again.
  for (const p of pending) {
    if (p.state.id) continue;
    const email = p.raw.email.trim().toLowerCase();
    const match = responses.find(
      (r) =>
        !known.has(r.id) &&
        p.ts !== null &&
        Math.abs(r.ts - p.ts) < 1000 &&
        (!r.email || r.email === email),
    );
    if (match) {
      ids.set(p.row, match.id);
      known.add(match.id);
    }
  }
  return ids;
}

/**
 * Rewrites every derived sheet and the state block from one read of the response sheet; rows
 * chosen by `idless` without an id are matched with the form's responses first.
 */
function rebuild(
  s: Session,
  read: Responses,
  idless: (rows: ResponseRow[]) => ResponseRow[],
): number {
  // The summary's period from the sheet itself: a whole pass trusts no cache.
  uncacheLoopRows();
  let { sheet, values, table } = read;
  // Responses pasted or imported without the state columns: add them, then read again. Their
  // units are not mailed (nothing tells which were mailed before).
  const fresh = !table.stateColumn && ensureStateColumns(sheet);
  if (fresh) ({ sheet, values, table } = readResponses(s));
  if (!table.stateColumn)
    throw new Error('Trang câu trả lời thiếu các cột [KTCV]: hãy chạy "Thiết lập" lại.');
  const context = contextFor(s.app, table.formHeaders);
  const need = idless(table.rows).filter((r) => r.state.id === '');
  const known = new Set(table.rows.map((r) => r.state.id).filter((id) => id !== ''));
  const ids = need.length ? responseIds(s, need, known) : new Map<number, string>();
  const outcomes = outcomesFor(table.rows, context, ids);
  // A response scored for the first time owes its unit the result email, as a submission does.
  const first = new Map(table.rows.map((r) => [r.row, r.state.status === '']));
  if (!fresh)
    for (const o of outcomes)
      if (
        first.get(o.row) &&
        o.state.status === 'ok' &&
        o.inspection &&
        o.state.mailed === null &&
        o.state.mail === '' &&
        unitAddress(s, o.inspection.unitCode)
      )
        o.state.mail = 'due';

  // Links the state lost (its [KTCV] columns deleted) that Kết quả still shows: no second biên bản.
  if (s.app.settings.minutes) recoverLinks(s, outcomes);
  writeAligned(s, ALIGNED, outcomes);
  writeSummary(
    s,
    summaryRows(
      inSummaryPeriod(
        s,
        outcomes.map((o) => o.state),
      ),
      s.app.config,
      vnDateOf(Date.now()),
    ),
  );
  // The tally submissions keep the summary with, recomputed from every row.
  const tally = tallyOf(
    s.app.config,
    summaryPeriod(s),
    outcomes.map((o) => ({ row: o.row, state: o.state })),
  );

  // State columns for every row of the sheet (blank rows get blank state) in one write.
  const byRow = new Map(outcomes.map((o) => [o.row, stateCells(o.state)]));
  const width = MACHINE_HEADERS.length;
  const block: (string | number)[][] = [];
  for (let r = 2; r <= values.length; r++) block.push(byRow.get(r) ?? new Array(width).fill(''));
  writeBlock(s.ss, s.store.responseSheet, 2, table.stateColumn, block);
  putAll({
    [PROPS.grid]: JSON.stringify(s.store.grid),
    ...tallyProps(tally),
    [SUMMARY_PENDING]: '[]',
  });
  // Biên bản and unit mails still due are the worker's: it reads the rows on its next run.
  markWorkDue();
  afterRebuild(s, outcomes);
  return outcomes.length;
}
