// rebuildAll and reconcile: every derived sheet recomputed from the response sheet in a fixed number of calls; documents and mails are left to the queue.
/// <reference types="google-apps-script" />

import { vnDateOf } from '../core/dates';
import { tallyOf } from '../core/summary-tally';
import { pad, writeBlock } from './cells';
import { withLock } from './lock';
import { afterRebuild, inSummaryPeriod, summaryPeriod } from './loop';
import { MACHINE_HEADERS, PROPS } from './names';
import { outcomesFor } from './process';
import { ALIGNED, fullRows, summaryRows, WIDTH } from './projection';
import { markWorkDue, putAll } from './queue';
import { unitAddress } from './reports';
import { isProcessed, type ResponseRow, stateCells } from './response-table';
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
  writeSummary,
} from './workbook';

export { withLock } from './lock';

/** Recomputes every derived sheet from the form's responses; returns the number of responses. */
export function rebuildAll(): number {
  return withLock(() => {
    const s = openSession();
    // One bounded pass: response ids are asked of the form by reconcile only (for the rows a
    // trigger missed), never for every row here.
    return rebuild(s, readResponses(s), () => []);
  });
}

/**
 * Scores every response a failed or missing trigger run left out (or an edit it missed), by
 * rebuilding when there is any; returns how many were pending. Biên bản and unit mails still due
 * are the worker's, which runs after this.
 */
export function reconcile(): number {
  return withLock(() => {
    const s = openSession();
    const read = readResponses(s);
    const pending = read.table.rows.filter((r) => !isProcessed(r));
    if (pending.length === 0) return 0;
    rebuild(s, read, () => pending);
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
