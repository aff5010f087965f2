// rebuildAll and reconcile: every derived sheet recomputed from the response sheet in a fixed number of calls.
/// <reference types="google-apps-script" />

import { vnDateOf } from '../core/dates';
import { pad, writeBlock } from './cells';
import { afterRebuild, inSummaryPeriod } from './loop';
import { MACHINE_HEADERS } from './names';
import { outcomesFor } from './process';
import { ALIGNED, fullRows, summaryRows, WIDTH } from './projection';
import { retireMinutes, writeMinutes } from './reports';
import { isProcessed, stateCells } from './response-table';
import {
  contextFor,
  ensureStateColumns,
  GROW_BY,
  openSession,
  readResponses,
  type Session,
  saveGrid,
  writeSummary,
} from './workbook';

const LOCK_WAIT_MS = 60000;
const MINUTES_PER_RUN = 20;

/** Runs `fn` holding the script lock, or fails with a message saying nothing was changed. */
export function withLock<T>(fn: () => T): T {
  const lock = LockService.getScriptLock();
  if (!lock.tryLock(LOCK_WAIT_MS))
    throw new Error('Một lần xử lý khác đang chạy: chưa thay đổi gì, hãy thử lại sau ít phút.');
  try {
    return fn();
  } finally {
    lock.releaseLock();
  }
}

/** Recomputes every derived sheet from the form's responses; returns the number of responses. */
export function rebuildAll(): number {
  return withLock(() => rebuild(openSession(), new Map()));
}

/**
 * Scores every response a failed or missing trigger run left out (or an edit it missed), by
 * rebuilding when there is any; returns how many were pending.
 */
export function reconcile(): number {
  return withLock(() => {
    const s = openSession();
    const { table } = readResponses(s);
    const pending = table.rows.filter((r) => !isProcessed(r));
    const minutesMissing =
      s.app.settings.minutes && table.rows.some((r) => r.state.status === 'ok' && !r.state.minutes);
    if (pending.length === 0 && !minutesMissing) return 0;
    const known = new Set(table.rows.map((r) => r.state.id).filter((id) => id !== ''));
    rebuild(s, responseIds(s, pending, known));
    return pending.length;
  });
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
  const form = FormApp.openById(s.store.formId);
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

function rebuild(s: Session, ids: Map<number, string>): number {
  let { sheet, values, table } = readResponses(s);
  // Responses pasted or imported without the state columns: add them, then read again.
  if (!table.stateColumn && ensureStateColumns(sheet))
    ({ sheet, values, table } = readResponses(s));
  if (!table.stateColumn)
    throw new Error('Trang câu trả lời thiếu các cột [KTCV]: hãy chạy "Thiết lập" lại.');
  const context = contextFor(s.app, values[0].slice(0, table.formColumns).map(String));
  const outcomes = outcomesFor(table.rows, context, ids);
  for (const o of outcomes)
    if (o.state.status !== 'ok' && o.state.minutes) {
      retireMinutes(o.state.minutes);
      o.state.minutes = '';
    }
  if (s.app.settings.minutes) {
    // Missing minutes are made a few per run (documents cost time and a daily quota); the
    // daily reconcile carries on where this run stopped.
    let made = 0;
    for (const o of outcomes) {
      if (made >= MINUTES_PER_RUN) break;
      if (o.state.status !== 'ok' || !o.inspection || o.state.minutes) continue;
      o.state.minutes = writeMinutes(s, o.inspection, '');
      made++;
    }
  }

  for (const name of ALIGNED) {
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

  // State columns for every row of the sheet (blank rows get blank state) in one write.
  const byRow = new Map(outcomes.map((o) => [o.row, stateCells(o.state)]));
  const width = MACHINE_HEADERS.length;
  const block: (string | number)[][] = [];
  for (let r = 2; r <= values.length; r++) block.push(byRow.get(r) ?? new Array(width).fill(''));
  writeBlock(s.ss, s.store.responseSheet, 2, table.stateColumn, block);
  saveGrid(s);
  afterRebuild(s, outcomes);
  return outcomes.length;
}
