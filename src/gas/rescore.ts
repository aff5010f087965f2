// One scoring scheme at a time: a change of what scoring reads marks every scored row for re-scoring, and a reconcile the lock kept out is retried by the worker.
/// <reference types="google-apps-script" />

import type { AppConfig } from '../core/config-tables';
import { PROPS } from '../core/names';
import { withRetry } from './retry';
import { trustOf } from './trust';

const props = () => PropertiesService.getScriptProperties();

/** A short, stable hash (cyrb53) of what scoring reads: the checklist and tiers, units, inspectors and trust. */
export function scoringFingerprint(app: AppConfig): string {
  const text = JSON.stringify([app.config, app.inspectors, trustOf(app)]);
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/**
 * Called with a configuration just read from the sheets: when what scoring reads differs from
 * what the stored rows were scored with, every row is marked for re-scoring by the worker (not
 * here: this may be a submission or a simple trigger). Returns true when it marked them.
 */
export function noteScoringConfig(app: AppConfig): boolean {
  const now = scoringFingerprint(app);
  const before = props().getProperty(PROPS.scoredWith);
  if (before === now) return false;
  const set: Record<string, string> = { [PROPS.scoredWith]: now };
  // The first configuration ever read (a new install) has nothing scored with another one.
  if (before !== null) set[PROPS.rescoreDue] = String(Date.now());
  withRetry(() => props().setProperties(set));
  return before !== null;
}

/** The marks of work a whole pass must do: '' when none. */
export interface PassDue {
  rescore: string;
  reconcile: string;
}

/** Reads both marks (one call). */
export function passDue(): PassDue {
  const all = props().getProperties();
  return { rescore: all[PROPS.rescoreDue] ?? '', reconcile: all[PROPS.reconcileDue] ?? '' };
}

/** A reconcile found the lock busy: the worker runs it at its next run. */
export function markReconcileDue(): void {
  withRetry(() => props().setProperty(PROPS.reconcileDue, String(Date.now())));
}

/** A pass that started when the marks read `seen` has done their work: clears those still unchanged. */
export function clearPassDue(seen: PassDue, rescored: boolean): void {
  const now = passDue();
  if (seen.reconcile !== '' && now.reconcile === seen.reconcile)
    withRetry(() => props().deleteProperty(PROPS.reconcileDue));
  if (rescored && seen.rescore !== '' && now.rescore === seen.rescore)
    withRetry(() => props().deleteProperty(PROPS.rescoreDue));
}
