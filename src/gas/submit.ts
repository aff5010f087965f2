// handleFormSubmit: one response, under the script lock, upserted into every derived sheet with a constant number of calls.
/// <reference types="google-apps-script" />

import { vnDateOf } from '../core/dates';
import { writeBlock } from './cells';
import { afterSubmit, inSummaryPeriod } from './loop';
import { affectedRows, outcomesFor } from './process';
import { planEdits, summaryRows } from './projection';
import { mailUnit, retireMinutes, writeMinutes } from './reports';
import { isProcessed, type ResponseRow, stateCells } from './response-table';
import {
  applyEdits,
  contextFor,
  openSession,
  readResponses,
  saveGrid,
  writeSummary,
} from './workbook';

// How long a submission waits for another run to finish before leaving the response to reconcile.
const LOCK_WAIT_MS = 20000;

/** What a submission did, for logs and tests. */
export type SubmitResult = 'blank' | 'busy' | 'not-in-sheet' | 'unchanged' | 'scored' | 'review';

/** The installable form-submit trigger's handler. */
export function handleFormSubmit(
  e: GoogleAppsScript.Events.FormsOnFormSubmit | undefined,
): SubmitResult {
  const response = e?.response;
  // Spurious events (no response, or a spreadsheet event with blank values) change nothing.
  if (!response) return 'blank';
  const lock = LockService.getScriptLock();
  if (!lock.tryLock(LOCK_WAIT_MS)) {
    throw new Error(
      'Một lần xử lý khác đang chạy quá lâu: phản hồi này sẽ được chấm ở lần đối soát tiếp theo (không bị mất).',
    );
  }
  try {
    return submit(response);
  } finally {
    lock.releaseLock();
  }
}

function submit(response: GoogleAppsScript.Forms.FormResponse): SubmitResult {
  const id = response.getId();
  const ts = response.getTimestamp().getTime();
  const email = response.getRespondentEmail().trim().toLowerCase();

  const s = openSession();
  const { values, table } = readResponses(s);
  if (!table.stateColumn)
    throw new Error('Trang câu trả lời thiếu các cột [KTCV]: hãy chạy "Thiết lập" lại.');
  // The row: the one already holding this id (an edit), else the unprocessed row Google wrote
  // for this submission (same timestamp to the second and, when collected, the same email).
  const sameSubmission = (r: ResponseRow) =>
    r.state.id === '' &&
    r.ts !== null &&
    Math.abs(r.ts - ts) < 1000 &&
    (!email || r.raw.email.trim().toLowerCase() === email);
  const row =
    table.rows.find((r) => r.state.id === id) ?? [...table.rows].reverse().find(sameSubmission);
  if (!row) return 'not-in-sheet';
  if (row.state.id === id && isProcessed(row)) return 'unchanged';

  const context = contextFor(s.app, values[0].slice(0, table.formColumns).map(String));
  const ids = new Map([[row.row, id]]);
  const [alone] = outcomesFor([row], context, ids);
  const outcomes = outcomesFor(affectedRows(table.rows, row, alone.state.key), context, ids);

  // Documents before the rows, so the results row carries the minutes' link.
  for (const o of outcomes) {
    const before = table.rows.find((r) => r.row === o.row)?.state.status;
    if (o.state.status !== 'ok' && o.state.minutes) {
      retireMinutes(o.state.minutes);
      o.state.minutes = '';
    }
    if (o.state.status !== 'ok' || !o.inspection || (o.row !== row.row && before === 'ok'))
      continue;
    if (s.app.settings.minutes) o.state.minutes = writeMinutes(s, o.inspection, o.state.minutes);
    if (o.state.mailed === null) o.state.mailed = mailUnit(s, o.inspection, o.state.minutes);
  }
  let gridChanged = applyEdits(s, planEdits(table.rows, outcomes, s.app.config));
  const states = new Map(table.rows.map((r) => [r.row, r.state]));
  for (const o of outcomes) states.set(o.row, o.state);
  gridChanged =
    writeSummary(
      s,
      summaryRows(inSummaryPeriod(s, [...states.values()]), s.app.config, vnDateOf(Date.now())),
    ) || gridChanged;

  // The state columns last: until they are written the response counts as unprocessed, so a
  // failure above leaves it to reconcile instead of half-recorded.
  for (const o of outcomes)
    writeBlock(s.ss, s.store.responseSheet, o.row, table.stateColumn, [stateCells(o.state)]);
  if (gridChanged) saveGrid(s);
  // Facts, corrective actions and the dashboard's figures (charts are never touched here).
  afterSubmit(s, outcomes);
  return outcomes.find((o) => o.row === row.row)?.state.status === 'ok' ? 'scored' : 'review';
}
