// How a failure is written (scoring.md §3): the criterion's finding wording, with the numbers of count items, per inspection and over a period.

import type { Checklist, Criterion, Inspection, ItemResult } from './types';

/** The finding wording of a criterion; an office that left it empty gets `Không đạt: ` + the requirement. */
export function findingWording(c: Criterion): string {
  return c.finding || `Không đạt: ${c.text}`;
}

/** Violations and base of a count item in one inspection, or null when it does not apply. */
export function countOf(
  c: Criterion,
  i: Inspection,
  item?: ItemResult,
): { v: number; b: number } | null {
  const it = item ?? i.items.find((x) => x.code === c.code);
  if (!it || it.credit === null || c.type !== 'count' || !c.base) return null;
  const b = i.bases?.[c.base];
  const v = Number(it.answer);
  if (b === null || b === undefined || !Number.isFinite(v)) return null;
  return { v, b };
}

/** `v/b wording` for counts (the wording after the numbers), `Không đạt: text (v/b)` without a wording. */
export function countPhrase(c: Criterion, v: number, b: number, perVisit = false): string {
  const unit = perVisit ? 'lượt ' : '';
  return c.finding ? `${v}/${b} ${unit}${c.finding}` : `Không đạt: ${c.text} (${v}/${b})`;
}

/** One finding of one inspection as every document writes it: `3/16 cán bộ, công chức đi muộn`. */
export function itemFinding(c: Criterion, i: Inspection): string {
  const item = i.items.find((x) => x.code === c.code);
  const n = countOf(c, i, item);
  if (n) return countPhrase(c, n.v, n.b);
  if (item && item.credit === 0.5 && c.type === 'choice3')
    return `${findingWording(c)} (đạt một phần)`;
  return findingWording(c);
}

/** The findings of one inspection, worded, in checklist order. */
export function inspectionFindings(
  checklist: Checklist,
  i: Inspection,
): { criterion: Criterion; text: string; critical: boolean }[] {
  const byCode = new Map(checklist.criteria.map((c) => [c.code, c]));
  return i.findings
    .map((code) => byCode.get(code))
    .filter((c): c is Criterion => !!c)
    .map((c) => ({
      criterion: c,
      text: itemFinding(c, i),
      critical: i.criticalFailures.includes(c.code),
    }));
}

/**
 * A criterion's finding over several inspections: count items add both sides over every
 * inspection where the item applies (`10/259 lượt cán bộ, công chức đi muộn`); others give the
 * wording, with `(đạt một phần)` when every failure was a partial one.
 */
export function totalFinding(c: Criterion, list: readonly Inspection[]): string {
  if (c.type === 'count') {
    let v = 0;
    let b = 0;
    let visits = 0;
    for (const i of list) {
      const n = countOf(c, i);
      if (!n) continue;
      v += n.v;
      b += n.b;
      visits++;
    }
    // Over several inspections the same person may be counted twice: `lượt` says so.
    if (b > 0) return countPhrase(c, v, b, visits > 1);
  }
  const failed = list.filter((i) => i.findings.includes(c.code));
  const partialOnly =
    c.type === 'choice3' &&
    failed.length > 0 &&
    failed.every((i) => i.items.find((x) => x.code === c.code)?.credit === 0.5);
  return partialOnly ? `${findingWording(c)} (đạt một phần)` : findingWording(c);
}

/** `… (đạt một phần; vi phạm nghiêm trọng)`: a remark added inside a closing parenthesis, else in its own. */
export function annotate(text: string, remark: string): string {
  return text.endsWith(')') ? `${text.slice(0, -1)}; ${remark})` : `${text} (${remark})`;
}

/** A note as one clean sentence: line breaks joined with `; `, no doubled punctuation, a full stop at the end. */
export function cleanNote(note: string): string {
  const parts = note
    .split(/\s*(?:\r\n|\r|\n)+\s*/)
    .map((p) => p.trim().replace(/[\s.;,:]+$/, ''))
    .filter((p) => p !== '');
  if (parts.length === 0) return '';
  const text = parts.join('; ');
  return /[!?…)"”]$/.test(text) ? text : `${text}.`;
}
