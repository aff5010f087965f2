// A batch of responses → scored inspections and review entries, with duplicates resolved (scoring.md §8).

import { parseWhole } from './answers';
import { formatDmy } from './dates';
import { type EvalContext, evaluate } from './evaluate';
import { type ColumnMap, isBlank, readRecord } from './records';
import type { Checklist, Inspection, RawResponse, ReviewEntry } from './types';
import { foldCase } from './vi';

/** Scored inspections (duplicates removed) and everything sent to review, both in row order. */
export interface Batch {
  inspections: Inspection[];
  review: ReviewEntry[];
  /** Duplicate key of every scorable response by row (kept and duplicate alike). */
  keys: Map<number, string>;
}

/** The identity of an inspection for duplicate detection: unit, date and every answer, normalised. */
export function duplicateKey(
  checklist: Checklist,
  raw: RawResponse,
  inspection: Inspection,
): string {
  const parts = [inspection.unitCode, inspection.date];
  for (const b of checklist.bases) parts.push(normNumber(raw.answers[b.code] ?? ''));
  for (const c of checklist.criteria) {
    const v = raw.answers[c.code] ?? '';
    parts.push(c.type === 'count' ? normNumber(v) : foldCase(v));
  }
  return parts.join('\u0001');
}

const normNumber = (v: string): string => {
  const n = parseWhole(v);
  return n === null ? v.trim() : String(n);
};

/** Whether `a` wins over `b` as the one kept: later timestamp (missing = oldest), then later row. */
function newer(a: Inspection, b: Inspection): boolean {
  const ta = a.timestamp ?? Number.NEGATIVE_INFINITY;
  const tb = b.timestamp ?? Number.NEGATIVE_INFINITY;
  return ta !== tb ? ta > tb : a.row > b.row;
}

/** Evaluates raw responses and resolves duplicates among the scorable ones. */
export function scoreResponses(raws: readonly RawResponse[], ctx: EvalContext): Batch {
  const review: ReviewEntry[] = [];
  const scored: { inspection: Inspection; key: string }[] = [];
  const winner = new Map<string, Inspection>();
  const keys = new Map<number, string>();
  for (const raw of raws) {
    const out = evaluate(raw, ctx);
    if (!out.ok) {
      review.push(out.review);
      continue;
    }
    const key = duplicateKey(ctx.config.checklist, raw, out.inspection);
    scored.push({ inspection: out.inspection, key });
    keys.set(raw.row, key);
    const prev = winner.get(key);
    if (!prev || newer(out.inspection, prev)) winner.set(key, out.inspection);
  }
  const inspections: Inspection[] = [];
  for (const { inspection, key } of scored) {
    const w = winner.get(key) as Inspection;
    if (w === inspection) {
      inspections.push(inspection);
      continue;
    }
    review.push({
      row: inspection.row,
      code: 'duplicate',
      reason: `Trùng với phản hồi ở dòng ${w.row} (cùng đơn vị ${inspection.unit}, ngày ${formatDmy(inspection.date)} và mọi câu trả lời): chỉ giữ bản gửi sau cùng.`,
    });
  }
  review.sort((a, b) => a.row - b.row);
  return { inspections, review, keys };
}

/** Reads and scores the data rows of a table whose first row is the header; blank records are skipped. */
export function scoreTable(
  map: ColumnMap,
  rows: readonly (readonly string[])[],
  ctx: EvalContext,
): Batch {
  const raws: RawResponse[] = [];
  rows.forEach((values, i) => {
    if (!isBlank(values)) raws.push(readRecord(map, values, i + 2));
  });
  return scoreResponses(raws, ctx);
}
