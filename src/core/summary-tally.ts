// The summary kept incrementally: per-unit tallies of the scores in the summary's period and the derived sheets' row counts, updated from the rows a submission changed.

import { rankTotals, type UnitTotals } from './aggregate';
import { within } from './periods';
import type { Config, UnitSummary } from './types';

/** A score in tenths of a point, as means are summed (scoring.md §6). */
const tenthsOf = (score: number): number => Math.round(score * 10);

import { unitLookup } from './units';

/** What a response row's recorded state tells the tally (a structural subset of the row state). */
export interface TallyState {
  status: string;
  unitCode: string;
  date: string;
  score: number | null;
  critical: number;
  findings: number;
  processedTs: number | null;
}

/** One response row as the tally sees it. */
export interface TallyRow {
  row: number;
  state: TallyState;
}

/** The latest counted inspection of a unit: what ranking shows, and what orders it. */
interface Last {
  unitCode: string;
  date: string;
  ts: number;
  row: number;
  score: number;
}

/** One unit's tally: count, sum of tenths, critical counts (count of each, so one can leave), the last. */
interface Unit {
  n: number;
  tenths: number;
  /** Critical-failure count → how many counted inspections have it. */
  crit: Record<string, number>;
  last: Last;
}

/** Rows of each derived sheet, over every response row (whatever the period). */
export interface Totals {
  results: number;
  findings: number;
  review: number;
}

/** The whole tally, as kept in script properties. */
export interface SummaryTally {
  /** What it was computed for: the summary's period and the unit list (`tallyVersion`). */
  version: string;
  units: Record<string, Unit>;
  totals: Totals;
  /**
   * Rows whose state a submission was about to write when it saved this tally, with the processed
   * timestamp it wrote: cleared once the states are written. A tally left with pending rows whose
   * states do not say so was saved by a run that stopped in between: it is recomputed.
   */
  pending: [number, number][];
}

/** FNV-1a of a string, as 8 hex digits: a short fingerprint, not a security measure. */
function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** The version a tally must carry to be used: the summary's period and the units it keys by. */
export function tallyVersion(
  config: Config,
  period: { from: string | null; to: string | null },
): string {
  return `${period.from ?? ''}|${period.to ?? ''}|${fingerprint(JSON.stringify(config.units))}`;
}

/** Whether a row's state counts in the summary of `period`. */
const counts = (s: TallyState, period: { from: string | null; to: string | null }): boolean =>
  s.status === 'ok' && s.score !== null && within(period, s.date);

/** Later date, then later timestamp, then later row: the order ranking takes the last by. */
const after = (a: Last, b: Last): boolean =>
  a.date !== b.date ? a.date > b.date : a.ts !== b.ts ? a.ts > b.ts : a.row > b.row;

const lastOf = (r: TallyRow): Last => ({
  unitCode: r.state.unitCode,
  date: r.state.date,
  ts: r.state.processedTs ?? 0,
  row: r.row,
  score: r.state.score as number,
});

function totalsAdd(t: Totals, s: TallyState, sign: 1 | -1): void {
  if (s.status === 'ok') {
    t.results += sign;
    t.findings += sign * s.findings;
  } else if (s.status !== '') t.review += sign;
}

/** The tally of every response row from scratch (rows in any order). */
export function tallyOf(
  config: Config,
  period: { from: string | null; to: string | null },
  rows: readonly TallyRow[],
): SummaryTally {
  const t: SummaryTally = {
    version: tallyVersion(config, period),
    units: {},
    totals: { results: 0, findings: 0, review: 0 },
    pending: [],
  };
  const lookup = unitLookup(config.units);
  for (const r of rows) {
    totalsAdd(t.totals, r.state, 1);
    if (!counts(r.state, period)) continue;
    add(t, lookup.keyAt(r.state.unitCode, r.state.date), r);
  }
  return t;
}

function add(t: SummaryTally, key: string, r: TallyRow): void {
  const s = r.state;
  const u = t.units[key];
  const c = String(s.critical);
  if (!u) {
    t.units[key] = { n: 1, tenths: tenthsOf(s.score as number), crit: { [c]: 1 }, last: lastOf(r) };
    return;
  }
  u.n++;
  u.tenths += tenthsOf(s.score as number);
  u.crit[c] = (u.crit[c] ?? 0) + 1;
  const l = lastOf(r);
  if (after(l, u.last)) u.last = l;
}

/**
 * Updates the tally for rows whose state changes from `before` to `after` (the same rows, by
 * row number). Returns false when it cannot tell the result without the other rows (a unit's
 * last inspection left and no newer one came): the caller recomputes from every row.
 */
export function applyChanges(
  t: SummaryTally,
  config: Config,
  period: { from: string | null; to: string | null },
  before: readonly TallyRow[],
  afterRows: readonly TallyRow[],
): boolean {
  const lookup = unitLookup(config.units);
  // Units whose last inspection left: they need a newer one among the rows added.
  const lostLast = new Set<string>();
  for (const r of before) {
    totalsAdd(t.totals, r.state, -1);
    if (!counts(r.state, period)) continue;
    const key = lookup.keyAt(r.state.unitCode, r.state.date);
    const u = t.units[key];
    const c = String(r.state.critical);
    if (!u?.crit[c]) return false;
    u.n--;
    u.tenths -= tenthsOf(r.state.score as number);
    u.crit[c]--;
    if (u.crit[c] === 0) delete u.crit[c];
    if (u.n === 0) {
      delete t.units[key];
      lostLast.delete(key);
    } else if (u.last.row === r.row) lostLast.add(key);
  }
  for (const r of afterRows) {
    totalsAdd(t.totals, r.state, 1);
    if (!counts(r.state, period)) continue;
    const key = lookup.keyAt(r.state.unitCode, r.state.date);
    const u = t.units[key];
    if (!u || !lostLast.has(key)) {
      add(t, key, r);
      continue;
    }
    u.n++;
    u.tenths += tenthsOf(r.state.score as number);
    const c = String(r.state.critical);
    u.crit[c] = (u.crit[c] ?? 0) + 1;
    // The leaving last is replaced for sure only by a row at least as late as it was (it was
    // later than every other); an earlier one may not be the latest of the rows not read.
    const l = lastOf(r);
    const old = u.last;
    if (after(l, old) || (l.row === old.row && l.date === old.date && l.ts === old.ts)) {
      u.last = l;
      lostLast.delete(key);
    }
  }
  return lostLast.size === 0;
}

/** The ranked units of a tally, as `rankUnits` ranks the scores it was made of (today: `asOf`). */
export function rankedOf(config: Config, t: SummaryTally, asOf: string): UnitSummary[] {
  const names = new Map(config.units.map((u) => [u.code, u.name]));
  const totals: UnitTotals[] = Object.entries(t.units).map(([key, u]) => {
    let worst = 0;
    for (const c of Object.keys(u.crit)) worst = Math.max(worst, Number(c));
    return {
      key,
      inspections: u.n,
      tenths: u.tenths,
      worst,
      last: {
        unit: names.get(u.last.unitCode) ?? u.last.unitCode,
        unitCode: u.last.unitCode,
        date: u.last.date,
        timestamp: u.last.ts,
        score: u.last.score,
        criticalCount: worst,
      },
    };
  });
  return rankTotals(config, totals, asOf);
}
