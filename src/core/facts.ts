// Compact facts of one scored inspection: what the dashboard and the corrective actions need, one sheet row each.

import { countPhrase, findingWording } from './findings';
import type { Config, Criterion, Inspection, RawResponse } from './types';

/** One scored inspection, reduced to what leaders' views need. */
export interface InspectionFact {
  /** The form response id (the identity an action is keyed by). */
  id: string;
  date: string;
  /** Response timestamp (ms), or null; orders two inspections of one day. */
  ts: number | null;
  unitCode: string;
  unit: string;
  score: number;
  tier: string;
  /** Codes of findings (credit < 1), in checklist order. */
  findings: string[];
  /** Codes of critical failures. */
  critical: string[];
  /** Findings answered `Đạt một phần`. */
  partial: string[];
  /** Codes not applicable or missing in this inspection (neither passed nor failed). */
  notApplicable: string[];
  /** Violations and base of every applicable count item. */
  counts: Record<string, { v: number; b: number }>;
}

/** The facts of a scored inspection; `raw` gives the base numbers of count items. */
export function factOf(
  config: Config,
  id: string,
  i: Inspection,
  raw: Pick<RawResponse, 'answers'>,
): InspectionFact {
  const crit = new Map(config.checklist.criteria.map((c) => [c.code, c]));
  const counts: Record<string, { v: number; b: number }> = {};
  const partial: string[] = [];
  const notApplicable: string[] = [];
  for (const item of i.items) {
    const c = crit.get(item.code);
    if (!c) continue;
    if (item.credit === null) {
      notApplicable.push(item.code);
      continue;
    }
    if (c.type === 'count' && c.base)
      counts[c.code] = { v: Number(item.answer), b: Number(raw.answers[c.base]) };
    else if (c.type === 'choice3' && item.credit > 0 && item.credit < 1) partial.push(c.code);
  }
  return {
    id,
    date: i.date,
    ts: i.timestamp,
    unitCode: i.unitCode,
    unit: i.unit,
    score: i.score,
    tier: i.tier,
    findings: [...i.findings],
    critical: [...i.criticalFailures],
    partial,
    notApplicable,
    counts,
  };
}

/** Header of the facts sheet, in `factRow` order. */
export const FACT_HEADERS = [
  'Mã phản hồi',
  'Ngày kiểm tra',
  'Dấu thời gian (ms)',
  'Mã đơn vị',
  'Đơn vị',
  'Điểm',
  'Xếp loại',
  'Tồn tại',
  'Vi phạm nghiêm trọng',
  'Đạt một phần',
  'Không áp dụng',
  'Số vi phạm/số kiểm tra',
] as const;

const list = (codes: readonly string[]) => codes.join(',');
const unlist = (cell: unknown) =>
  String(cell ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '');

/** A fact as one sheet row (text and numbers only, so it reads back exactly). */
export function factRow(f: InspectionFact): (string | number)[] {
  return [
    f.id,
    f.date,
    f.ts ?? '',
    f.unitCode,
    f.unit,
    f.score,
    f.tier,
    list(f.findings),
    list(f.critical),
    list(f.partial),
    list(f.notApplicable),
    Object.entries(f.counts)
      .map(([code, { v, b }]) => `${code}=${v}/${b}`)
      .join(','),
  ];
}

/** A sheet row back into a fact; null for a blank or malformed row. */
export function factFromRow(cells: readonly unknown[]): InspectionFact | null {
  const id = String(cells[0] ?? '');
  const date = String(cells[1] ?? '');
  const score = Number(cells[5]);
  if (!id || !/^\d{4}-\d{2}-\d{2}$/.test(date) || cells[5] === '' || !Number.isFinite(score))
    return null;
  const counts: Record<string, { v: number; b: number }> = {};
  for (const part of unlist(cells[11])) {
    const m = /^([^=]+)=(\d+)\/(\d+)$/.exec(part);
    if (m) counts[m[1]] = { v: Number(m[2]), b: Number(m[3]) };
  }
  const ts = cells[2] === '' || cells[2] === undefined ? null : Number(cells[2]);
  return {
    id,
    date,
    ts: Number.isFinite(ts) ? ts : null,
    unitCode: String(cells[3] ?? ''),
    unit: String(cells[4] ?? ''),
    score,
    tier: String(cells[6] ?? ''),
    findings: unlist(cells[7]),
    critical: unlist(cells[8]),
    partial: unlist(cells[9]),
    notApplicable: unlist(cells[10]),
    counts,
  };
}

/** Whether fact `a` happened before fact `b` (date, then timestamp, then id for a total order). */
export function before(a: InspectionFact, b: InspectionFact): boolean {
  if (a.date !== b.date) return a.date < b.date;
  if ((a.ts ?? 0) !== (b.ts ?? 0)) return (a.ts ?? 0) < (b.ts ?? 0);
  return a.id < b.id;
}

/**
 * One finding of a fact as every document writes it (scoring.md §3), worded by `findings.ts`:
 * `3/16 cán bộ, công chức đi muộn`, `… (đạt một phần)`, or `Không đạt: ` and the requirement
 * where the office left the finding wording empty.
 */
export function factFinding(c: Criterion, f: InspectionFact): string {
  const n = f.counts[c.code];
  if (c.type === 'count' && n) return countPhrase(c, n.v, n.b);
  return f.partial.includes(c.code) ? `${findingWording(c)} (đạt một phần)` : findingWording(c);
}
