// Response rows → outcomes with the state to record: the one evaluation path for submissions, rebuilds and reconciles.

import { scoreResponses } from '../core/engine';
import type { EvalContext } from '../core/evaluate';
import type { RowOutcome } from './projection';
import type { ResponseRow, RowState } from './response-table';

/** Evaluates rows together (so duplicates among them are resolved as the contract says). */
export function outcomesFor(
  rows: readonly ResponseRow[],
  ctx: EvalContext,
  ids: ReadonlyMap<number, string>,
): RowOutcome[] {
  const batch = scoreResponses(
    rows.map((r) => r.raw),
    ctx,
  );
  const scored = new Map(batch.inspections.map((i) => [i.row, i]));
  const reviewed = new Map(batch.review.map((r) => [r.row, r]));
  return rows.map((r) => {
    const inspection = scored.get(r.row);
    const review = reviewed.get(r.row);
    const base: RowState = {
      id: ids.get(r.row) ?? r.state.id,
      processedTs: r.ts ?? 0,
      status: inspection ? 'ok' : (review?.code ?? 'not-scorable'),
      unitCode: inspection?.unitCode ?? '',
      date: inspection?.date ?? '',
      score: inspection ? inspection.score : null,
      critical: inspection ? inspection.criticalFailures.length : 0,
      findings: inspection ? inspection.findings.length : 0,
      key: batch.keys.get(r.row) ?? '',
      // What was made for the response before (its minutes, the unit's email) stays with it.
      minutes: r.state.minutes,
      mailed: r.state.mailed,
      mail: r.state.mail,
    };
    return { row: r.row, ts: r.ts, raw: r.raw, state: base, inspection, review };
  });
}

/**
 * The rows a change to `row` can affect: itself and every row that shares its old or new
 * duplicate key (a new duplicate displaces an older one; an edit can free one).
 */
export function affectedRows<T extends { row: number; state: RowState }>(
  all: readonly T[],
  row: { row: number; state: RowState },
  newKey: string,
): T[] {
  const keys = new Set([row.state.key, newKey].filter((k) => k !== ''));
  return all.filter((r) => r.row === row.row || (r.state.key !== '' && keys.has(r.state.key)));
}
