// Answer labels and whole numbers as inspectors enter them (scoring.md §1).

import type { AnswerType } from './types';
import { foldCase, nfc } from './vi';

export const LABEL_PASS = 'Đạt';
export const LABEL_PARTIAL = 'Đạt một phần';
export const LABEL_FAIL = 'Không đạt';
export const LABEL_NA = 'Không áp dụng';

/** The labels an item of each type accepts, in the order the form shows them. */
export const LABELS: Record<'yesno' | 'choice3', string[]> = {
  yesno: [LABEL_PASS, LABEL_FAIL, LABEL_NA],
  choice3: [LABEL_PASS, LABEL_PARTIAL, LABEL_FAIL, LABEL_NA],
};

const CREDIT: Record<string, number | null> = {
  [foldCase(LABEL_PASS)]: 1,
  [foldCase(LABEL_PARTIAL)]: 0.5,
  [foldCase(LABEL_FAIL)]: 0,
  [foldCase(LABEL_NA)]: null,
};

/** A parsed answer: missing, not applicable, a credit, or invalid. */
export type Parsed =
  | { kind: 'missing' }
  | { kind: 'na' }
  | { kind: 'credit'; credit: number; label: string }
  | { kind: 'invalid' };

/** Parses a label answer of a `yesno` or `choice3` item. */
export function parseLabel(type: 'yesno' | 'choice3', raw: string): Parsed {
  const key = foldCase(raw);
  if (key === '') return { kind: 'missing' };
  const label = LABELS[type].find((l) => foldCase(l) === key);
  if (!label) return { kind: 'invalid' };
  const credit = CREDIT[key];
  return credit === null ? { kind: 'na' } : { kind: 'credit', credit, label };
}

/** A whole number written with digits only after trimming, or null ('' is not a number either). */
export function parseWhole(raw: string): number | null {
  const s = nfc(raw).trim();
  if (!/^\d+$/.test(s)) return null;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : null;
}

/** Whether the type takes labels (as opposed to counts). */
export function isLabelType(type: AnswerType): type is 'yesno' | 'choice3' {
  return type !== 'count';
}
