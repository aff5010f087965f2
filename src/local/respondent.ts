// What an inspector types into the Form, as answers by item title: for the benchmark, the local mode and tests.

import { itemTitle } from '../core/checklist';
import { addDays } from '../core/dates';
import type { Checklist, Unit } from '../core/types';

/** Answers by form title: every criterion compliant, overridden by `set` (keyed by code, `unit`, `date` or title; '' leaves it unanswered). */
export function formAnswers(
  checklist: Checklist,
  set: Record<string, string> = {},
): Record<string, string> {
  const titles: Record<string, string> = {
    unit: 'Đơn vị được kiểm tra',
    date: 'Ngày kiểm tra',
    leader: 'Trưởng đoàn',
  };
  for (const b of checklist.bases) titles[b.code] = itemTitle(b.code, b.title);
  for (const c of checklist.criteria) titles[c.code] = itemTitle(c.code, c.text);
  const out: Record<string, string> = {
    [titles.unit]: 'Xã Hợp Tiến',
    [titles.date]: '2019-02-21',
    [titles.leader]: 'Nguyễn Thị Lan',
  };
  for (const b of checklist.bases) out[titles[b.code]] = '20';
  for (const c of checklist.criteria) out[titles[c.code]] = c.type === 'count' ? '0' : 'Đạt';
  for (const [k, v] of Object.entries(set)) {
    const title = titles[k] ?? k;
    if (v === '') delete out[title];
    else out[title] = v;
  }
  return out;
}

/** The k-th of a deterministic stream of distinct, mostly compliant inspections (for load). */
export function syntheticAnswers(
  checklist: Checklist,
  units: readonly Unit[],
  k: number,
): Record<string, string> {
  const set: Record<string, string> = {
    unit: units[k % units.length].name,
    date: addDays('2019-01-02', Math.floor(k / units.length)),
  };
  const labelled = checklist.criteria.filter((c) => c.type !== 'count');
  if (k % 3 === 0) set[labelled[k % labelled.length].code] = 'Không đạt';
  const counts = checklist.criteria.filter((c) => c.type === 'count');
  if (k % 5 === 0) set[counts[k % counts.length].code] = String(k % 4);
  return formAnswers(checklist, set);
}
