// Classification (xếp loại) by rounded score, capped by critical failures (scoring.md §5).

import type { Checklist } from './types';

/** The tier of a rounded score, before any cap. */
export function tierOf(checklist: Checklist, score: number): string {
  const tenths = Math.round(score * 10);
  const tier = checklist.tiers.find((t) => tenths >= Math.round(t.min * 10));
  return (tier ?? checklist.tiers[checklist.tiers.length - 1]).label;
}

/** The tier of a rounded score with `criticalFailures` critical failures: the cap wins when lower. */
export function classify(checklist: Checklist, score: number, criticalFailures: number): string {
  const labels = checklist.tiers.map((t) => t.label);
  let index = labels.indexOf(tierOf(checklist, score));
  for (const cap of checklist.caps) {
    if (criticalFailures >= cap.failures) index = Math.max(index, labels.indexOf(cap.maxTier));
  }
  return labels[index];
}

/** Position of a tier label from the best (0); unknown labels sort after every tier. */
export function tierRank(checklist: Checklist, label: string): number {
  const k = checklist.tiers.findIndex((t) => t.label === label);
  return k < 0 ? checklist.tiers.length : k;
}
