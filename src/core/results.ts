// The results.json document (scoring.md §9): exactly the contract's fields, in its order.

import type { Aggregate, ReviewCode, ReviewEntry } from './types';

/** Vietnamese labels of the review codes, shown beside the code wherever a person reads it. */
export const REVIEW_LABELS: Record<ReviewCode, string> = {
  duplicate: 'Trùng lặp',
  'missing-unit': 'Thiếu đơn vị',
  'unknown-unit': 'Không rõ đơn vị',
  'bad-date': 'Ngày không hợp lệ',
  'bad-answer': 'Câu trả lời không hợp lệ',
  'bad-number': 'Số liệu không hợp lệ',
  'count-exceeds-base': 'Số vi phạm lớn hơn số liệu nền',
  'not-scorable': 'Không có tiêu chí áp dụng',
  'not-inspector': 'Người gửi không có trong danh sách',
};

/** `Trùng lặp (duplicate)`: the label a person reads, the code beside it. */
export function reviewLabel(code: ReviewCode): string {
  return `${REVIEW_LABELS[code] ?? code} (${code})`;
}

/** results.json as the contract defines it. */
export interface ResultsJson {
  period: { from: string | null; to: string | null };
  inspections: {
    row: number;
    unit: string;
    unitCode: string;
    date: string;
    inspector: string;
    score: number;
    earned: number;
    max: number;
    tier: string;
    findings: string[];
    criticalFailures: string[];
    warnings: string[];
  }[];
  units: {
    unit: string;
    unitCode: string;
    inspections: number;
    mean: number;
    rank: number;
    tier: string;
  }[];
  notInspected: { unit: string; unitCode: string }[];
  criteria: { code: string; applicable: number; compliant: number; passRate: number | null }[];
  review: ReviewEntry[];
}

/** Builds results.json from the aggregate of a period and every review entry (whatever its date). */
export function resultsJson(agg: Aggregate, review: readonly ReviewEntry[]): ResultsJson {
  return {
    period: { from: agg.period.from, to: agg.period.to },
    inspections: agg.inspections.map((i) => ({
      row: i.row,
      unit: i.unit,
      unitCode: i.unitCode,
      date: i.date,
      inspector: i.inspector,
      score: i.score,
      earned: i.earned,
      max: i.max,
      tier: i.tier,
      findings: i.findings,
      criticalFailures: i.criticalFailures,
      warnings: i.warnings,
    })),
    units: agg.units.map((u) => ({
      unit: u.unit,
      unitCode: u.unitCode,
      inspections: u.inspections,
      mean: u.mean,
      rank: u.rank,
      tier: u.tier,
    })),
    notInspected: agg.notInspected.map((u) => ({ unit: u.unit, unitCode: u.unitCode })),
    criteria: agg.criteria.map((c) => ({ ...c })),
    review: review.map((r) => ({ row: r.row, code: r.code, reason: r.reason })),
  };
}
