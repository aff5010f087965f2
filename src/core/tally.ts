// The dashboard's compact aggregate: per unit and month (with its days), what every block of the dashboard sums, and the dashboard computed from it, equal to what the facts give.

import { type Action, type ActionStatus, STATUS } from './actions';
import { rankTotals, type UnitTotals, unitsNotInspected } from './aggregate';
import {
  type Attention,
  type CountTotal,
  dec1,
  type Figures,
  NOT_INSPECTED,
  worstFirst,
} from './dashboard';
import { addDays, daysBetween, formatDm, formatDmy } from './dates';
import { before, factFinding, type InspectionFact } from './facts';
import { countPhrase, findingWording } from './findings';
import { weekStart, within } from './periods';
import { roundRatio1 } from './round';
import type { Config, UnitSummary } from './types';
import { compareCodes, continuingUnit, unitLookup } from './units';

type Span = { from: string | null; to: string | null };

/** One inspection as the unit-history view needs it: date, timestamp, score, tier, finding codes. */
type Visit = [date: string, ts: number | null, score: number, tier: string, findings: string];
/** One critical failure as the attention list words it: code, finding with its numbers, date. */
type Crit = [code: string, finding: string, date: string];
/**
 * An action still open (`o`: open or overdue by its deadline on the day read, `r`: reported) or
 * repeated (`t`): criterion, deadline, state, finding, response id, the unit's name then, date.
 */
type Live = [
  criterion: string,
  deadline: string,
  state: 'o' | 'r' | 't',
  finding: string,
  id: string,
  unit: string,
  date: string,
];

/** What one unit's scored inspections of some days (one day, or a month) add up to. */
export interface Tally {
  /** The unit as ranking keys it (`unitIdentity` of the code on the dates). */
  key: string;
  unitCode: string;
  /** First and last day with an inspection. */
  from: string;
  to: string;
  n: number;
  /** Sum of scores in tenths (each rounded half up), so means are exact. */
  tenths: number;
  /** Most critical failures of one inspection, all critical failures, inspections with any. */
  worst: number;
  critical: number;
  withCritical: number;
  /** The latest inspection (on `to`): timestamp, score, the unit's name on it. */
  last: [ts: number | null, score: number, unit: string];
  /** Per count item: violations, base, inspections where it applied. */
  counts: Record<string, [number, number, number]>;
  /** Inspections with a finding, per criterion. */
  findings: Record<string, number>;
  /** In date order. */
  crits: Crit[];
  live: Live[];
}

const blank = (key: string, unitCode: string, date: string, unit: string): Tally => ({
  key,
  unitCode,
  from: date,
  to: date,
  n: 0,
  tenths: 0,
  worst: 0,
  critical: 0,
  withCritical: 0,
  last: [null, 0, unit],
  counts: {},
  findings: {},
  crits: [],
  live: [],
});

/** Adds `b` (later days of the same unit) into `a`. */
function merge(a: Tally, b: Tally): Tally {
  if (b.from < a.from) a.from = b.from;
  if (b.to >= a.to) {
    a.to = b.to;
    a.last = b.last;
  }
  a.n += b.n;
  a.tenths += b.tenths;
  a.worst = Math.max(a.worst, b.worst);
  a.critical += b.critical;
  a.withCritical += b.withCritical;
  for (const [code, t] of Object.entries(b.counts)) {
    const c = a.counts[code] ?? [0, 0, 0];
    a.counts[code] = [c[0] + t[0], c[1] + t[1], c[2] + t[2]];
  }
  for (const [code, k] of Object.entries(b.findings))
    a.findings[code] = (a.findings[code] ?? 0) + k;
  a.crits.push(...b.crits);
  a.live.push(...b.live);
  return a;
}

const byDate = (a: Tally, b: Tally) =>
  (a.from < b.from ? -1 : a.from > b.from ? 1 : 0) ||
  compareCodes(a.unitCode, b.unitCode) ||
  (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** One stored row: a unit's month (or part of one), its total, and its days and visits unparsed. */
export interface TallyRow {
  total: Tally;
  /** JSON of the day tallies, parsed only for a period that cuts the month. */
  days: string;
  /** JSON of the inspections, parsed only for that unit's history. */
  visits: string;
}

/** Longest text a stored cell holds (a spreadsheet export keeps up to 32,767 characters). */
const CELL_MAX = 30000;

/**
 * The aggregate's rows from every scored inspection and the actions derived from them (their
 * statuses on the day they were derived; open ones are turned open or overdue again on the day
 * read): one row per unit and month (a month too long for a cell goes on in another row), so
 * rows are bounded by units × months. Deterministic: the same facts and actions give the same
 * rows, whatever their order.
 */
export function tallyRows(
  config: Config,
  facts: readonly InspectionFact[],
  actions: readonly Action[],
): TallyRow[] {
  const lookup = unitLookup(config.units);
  const crit = new Map(config.checklist.criteria.map((c) => [c.code, c]));
  const days = new Map<string, { day: Tally; visits: Visit[] }>();
  const dayOf = (unitCode: string, date: string, unit: string) => {
    const key = lookup.keyAt(unitCode, date);
    const id = `${key}|${date}`;
    let d = days.get(id);
    if (!d) {
      d = { day: blank(key, unitCode, date, unit), visits: [] };
      days.set(id, d);
    }
    return d;
  };
  const sorted = [...facts].sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
  for (const f of sorted) {
    const { day: d, visits } = dayOf(f.unitCode, f.date, f.unit);
    d.n++;
    d.tenths += Math.round(f.score * 10);
    d.worst = Math.max(d.worst, f.critical.length);
    d.critical += f.critical.length;
    if (f.critical.length) d.withCritical++;
    d.last = [f.ts, f.score, f.unit];
    for (const [code, { v, b }] of Object.entries(f.counts)) {
      const t = d.counts[code] ?? [0, 0, 0];
      d.counts[code] = [t[0] + v, t[1] + b, t[2] + 1];
    }
    for (const code of f.findings) d.findings[code] = (d.findings[code] ?? 0) + 1;
    for (const code of f.critical) {
      const c = crit.get(code);
      if (c) d.crits.push([code, factFinding(c, f), f.date]);
    }
    visits.push([f.date, f.ts, f.score, f.tier, f.findings.join(',')]);
  }
  for (const a of actions) {
    if (a.status === STATUS.fixed) continue;
    const state = a.status === STATUS.repeat ? 't' : a.status === STATUS.reported ? 'r' : 'o';
    dayOf(a.unitCode, a.date, a.unit).day.live.push([
      a.criterion,
      a.deadline,
      state,
      a.finding,
      a.responseId,
      a.unit,
      a.date,
    ]);
  }
  const months = new Map<string, { day: Tally; visits: Visit[] }[]>();
  for (const d of [...days.values()].sort((a, b) => byDate(a.day, b.day))) {
    const id = `${d.day.from.slice(0, 7)}|${d.day.key}`;
    const list = months.get(id);
    if (list) list.push(d);
    else months.set(id, [d]);
  }
  const out: TallyRow[] = [];
  for (const list of months.values()) {
    let part: typeof list = [];
    let size = 0;
    const flush = () => {
      if (!part.length) return;
      // `merge` only writes its first argument: a fresh tally, so the days stay as they are.
      const first = part[0].day;
      const total = part.reduce(
        (t, d) => merge(t, d.day),
        blank(first.key, first.unitCode, first.from, first.last[2]),
      );
      out.push({
        total,
        days: JSON.stringify(part.map((d) => d.day)),
        visits: JSON.stringify(part.flatMap((d) => d.visits)),
      });
      part = [];
      size = 0;
    };
    for (const d of list) {
      const len = JSON.stringify(d.day).length + JSON.stringify(d.visits).length + 2;
      if (size + len > CELL_MAX / 2) flush();
      part.push(d);
      size += len;
    }
    flush();
  }
  return out;
}

/** A row as stored: a label, the total, the days, the visits (JSON text each). */
export function rowCells(r: TallyRow): [string, string, string, string] {
  return [`${r.total.from.slice(0, 7)}|${r.total.key}`, JSON.stringify(r.total), r.days, r.visits];
}

/** Stored rows back (one per sheet row: label, total, days, visits); unreadable rows are skipped. */
export function rowsOfCells(cells: readonly (readonly unknown[])[]): TallyRow[] {
  const out: TallyRow[] = [];
  for (const c of cells) {
    const text = String(c[1] ?? '');
    if (!text.startsWith('{')) continue;
    try {
      out.push({
        total: JSON.parse(text) as Tally,
        days: String(c[2] ?? '[]'),
        visits: String(c[3] ?? '[]'),
      });
    } catch {
      // A damaged cell: the next refresh writes it again.
    }
  }
  return out;
}

const parseList = <T>(text: string): T[] => {
  try {
    return JSON.parse(text) as T[];
  } catch {
    return [];
  }
};

/** Everything a dashboard view needs, from the stored rows, on `today`. */
export interface DashboardData {
  rows: TallyRow[];
  /** The open and repeated actions, in the book's order, their statuses on `today`. */
  actions: Action[];
}

/** The dashboard's data from the stored rows: open actions turn overdue as the calendar says. */
export function dashboardData(
  config: Config,
  rows: readonly TallyRow[],
  today: string,
): DashboardData {
  const order = new Map(config.checklist.criteria.map((c, k) => [c.code, k]));
  const actions: Action[] = [];
  for (const { total } of rows)
    for (const [criterion, deadline, state, finding, id, unit, date] of total.live) {
      const status: ActionStatus =
        state === 't'
          ? STATUS.repeat
          : state === 'r'
            ? STATUS.reported
            : today > deadline
              ? STATUS.overdue
              : STATUS.open;
      actions.push({
        key: `${id}|${criterion}`,
        responseId: id,
        unitCode: total.unitCode,
        unit,
        criterion,
        critical: false,
        finding,
        date,
        deadline,
        status,
        basis: '',
        report: null,
        office: { confirm: '', note: '', reminded: '' },
      });
    }
  // The book's order (deriveActions): date, unit code, response, criterion.
  actions.sort(
    (a, b) =>
      (a.date < b.date ? -1 : a.date > b.date ? 1 : 0) ||
      compareCodes(a.unitCode, b.unitCode) ||
      (a.responseId < b.responseId ? -1 : a.responseId > b.responseId ? 1 : 0) ||
      (order.get(a.criterion) ?? 0) - (order.get(b.criterion) ?? 0),
  );
  return { rows: [...rows], actions };
}

/**
 * The tallies covering exactly the days of `p`: a month inside the period by its total, a month
 * the period cuts by its days in the period. `wholeMonths: false` always takes days.
 */
export function tallies(data: DashboardData, p: Span, wholeMonths = true): Tally[] {
  const out: Tally[] = [];
  for (const r of data.rows) {
    const t = r.total;
    if ((p.from && t.to < p.from) || (p.to && t.from > p.to)) continue;
    if (wholeMonths && (!p.from || p.from <= t.from) && (!p.to || t.to <= p.to)) out.push(t);
    else for (const d of parseList<Tally>(r.days)) if (within(p, d.from)) out.push(d);
  }
  return out.sort(byDate);
}

/**
 * Slim facts (date, unit, score, tier, findings) of the unit `unitCode` names on `asOf` and of
 * the units that went into it: what one unit's history needs, parsed from those units' rows only.
 */
export function visitsOf(
  config: Config,
  data: DashboardData,
  unitCode: string,
  asOf: string,
): InspectionFact[] {
  const lookup = unitLookup(config.units);
  const unit = lookup.unitAt(unitCode, asOf);
  const codes = new Set([unitCode]);
  if (unit)
    for (const u of config.units)
      if (continuingUnit(lookup.index, u, asOf) === unit) codes.add(u.code);
  const out: InspectionFact[] = [];
  for (const r of data.rows) {
    if (!codes.has(r.total.unitCode)) continue;
    for (const [date, ts, score, tier, findings] of parseList<Visit>(r.visits))
      out.push({
        id: '',
        date,
        ts,
        unitCode: r.total.unitCode,
        unit: r.total.last[2],
        score,
        tier,
        findings: findings ? findings.split(',') : [],
        critical: [],
        partial: [],
        notApplicable: [],
        counts: {},
      });
  }
  return out;
}

/** The ranking over some tallies, as `ranking` gives it from the facts. */
export function rankingOf(config: Config, list: readonly Tally[], asOf?: string): UnitSummary[] {
  const byKey = new Map<string, UnitTotals>();
  let latest = '';
  for (const d of list) {
    const last = {
      unit: d.last[2],
      unitCode: d.unitCode,
      date: d.to,
      timestamp: d.last[0],
      score: d.last[1],
      criticalCount: 0,
    };
    const t = byKey.get(d.key);
    if (!t)
      byKey.set(d.key, {
        key: d.key,
        inspections: d.n,
        tenths: d.tenths,
        worst: d.worst,
        last,
      });
    else {
      t.inspections += d.n;
      t.tenths += d.tenths;
      t.worst = Math.max(t.worst, d.worst);
      if (d.to >= t.last.date) t.last = last;
    }
    if (d.to > latest) latest = d.to;
  }
  return rankTotals(config, [...byKey.values()], asOf ?? latest);
}

/** The headline figures of `p` from the days, as `figures` gives them from the facts. */
export function figuresOf(config: Config, data: DashboardData, p: Span): Figures {
  const inPeriod = tallies(data, p);
  let from = p.from;
  let to = p.to;
  for (const d of inPeriod) {
    if (!p.from && (from === null || d.from < from)) from = d.from;
    if (!p.to && (to === null || d.to > to)) to = d.to;
  }
  const ranked = rankingOf(config, inPeriod, to ?? undefined);
  const inspected = new Set(ranked.map((u) => u.key));
  const notInspected = unitsNotInspected(config, inspected, { from, to });
  const perClass = config.checklist.tiers.map((t) => ({
    label: t.label,
    units: ranked.filter((u) => u.tier === t.label).length,
  }));
  perClass.push({ label: NOT_INSPECTED, units: notInspected.length });
  let n = 0;
  let tenths = 0;
  let critical = 0;
  let withCritical = 0;
  for (const d of inPeriod) {
    n += d.n;
    tenths += d.tenths;
    critical += d.critical;
    withCritical += d.withCritical;
  }
  const counts: CountTotal[] = [];
  for (const c of config.checklist.criteria) {
    if (c.type !== 'count') continue;
    let v = 0;
    let b = 0;
    let visits = 0;
    for (const d of inPeriod) {
      const t = d.counts[c.code];
      if (!t) continue;
      v += t[0];
      b += t[1];
      visits += t[2];
    }
    counts.push({
      code: c.code,
      label: countPhrase(c, v, b, visits > 1),
      wording: findingWording(c),
      violations: v,
      base: b,
      visits,
    });
  }
  const periodActions = data.actions.filter((a) => within(p, a.date));
  return {
    inspections: n,
    unitsInspected: inspected.size,
    unitsTotal: inspected.size + notInspected.length,
    meanScore: n ? roundRatio1(1, tenths, n * 10) : null,
    perClass,
    criticalFailures: critical,
    inspectionsWithCritical: withCritical,
    counts,
    actionsOpen: periodActions.filter((a) => a.status !== STATUS.repeat).length,
    actionsOverdue: periodActions.filter((a) => a.status === STATUS.overdue).length,
  };
}

/** The units needing attention in `p` from the days, as `attention` gives them from the facts. */
export function attentionOf(
  config: Config,
  data: DashboardData,
  p: Span,
  today: string,
): Attention[] {
  const tiers = config.checklist.tiers;
  const lowest = tiers[tiers.length - 1].label;
  const inPeriod = tallies(data, p);
  const ranked = new Map(rankingOf(config, inPeriod, p.to ?? today).map((u) => [u.key, u]));
  const lookup = unitLookup(config.units);
  const keyOf = (a: Action) => lookup.keyAt(a.unitCode, a.date);
  const overdueBy = new Map<string, Action[]>();
  const repeatsBy = new Map<string, Action[]>();
  for (const a of data.actions) {
    const into =
      a.status === STATUS.overdue
        ? overdueBy
        : a.status === STATUS.repeat && within(p, a.date)
          ? repeatsBy
          : null;
    if (!into) continue;
    const k = keyOf(a);
    const list = into.get(k);
    if (list) list.push(a);
    else into.set(k, [a]);
  }
  const critsBy = new Map<string, string[]>();
  for (const d of inPeriod)
    for (const [code, finding, date] of d.crits) {
      const list = critsBy.get(d.key) ?? [];
      list.push(`${code} ${finding} (${formatDmy(date)})`);
      critsBy.set(d.key, list);
    }
  const keys = new Set<string>([...ranked.keys(), ...overdueBy.keys()]);
  const out: Attention[] = [];
  for (const key of keys) {
    const u = ranked.get(key);
    const code = u?.unitCode ?? key.split('@')[0];
    const reasons: string[] = [];
    const weak = u?.tier === lowest;
    if (u && weak)
      reasons.push(
        `Xếp loại ${lowest} (điểm trung bình ${dec1(u.mean)}, ${u.inspections} lần kiểm tra)`,
      );
    const crits = critsBy.get(key) ?? [];
    if (crits.length) reasons.push(`${crits.length} vi phạm nghiêm trọng: ${crits.join('; ')}`);
    const overdue = overdueBy.get(key) ?? [];
    if (overdue.length) {
      const oldest = Math.max(...overdue.map((a) => daysBetween(a.deadline, today)));
      reasons.push(
        `${overdue.length} việc khắc phục quá hạn (${overdue.map((a) => a.criterion).join(', ')}; lâu nhất ${oldest} ngày)`,
      );
    }
    const repeats = repeatsBy.get(key) ?? [];
    if (repeats.length)
      reasons.push(`Tái phạm ${[...new Set(repeats.map((a) => a.criterion))].join(', ')}`);
    if (!weak && !crits.length && !overdue.length && !repeats.length) continue;
    out.push({
      unitCode: code,
      unit: u?.unit ?? overdue[0]?.unit ?? code,
      reason: `${reasons.join('. ')}.`,
      weak,
      critical: crits.length,
      overdue: overdue.length,
      repeats: repeats.length,
      mean: u ? u.mean : null,
    });
  }
  return out.sort(worstFirst);
}

/** Mean score per week, as `weeklyMeans` gives it from the facts (days of the window's months only). */
export function weeklyMeansOf(
  data: DashboardData,
  today: string,
  weeks: number,
): { week: string; label: string; mean: number | null; inspections: number }[] {
  const first = addDays(weekStart(today), -7 * (weeks - 1));
  const end = addDays(weekStart(today), 6);
  const sums = new Map<string, [number, number]>();
  for (const d of tallies(data, { from: first, to: end }, false)) {
    const w = weekStart(d.from);
    const s = sums.get(w) ?? [0, 0];
    sums.set(w, [s[0] + d.n, s[1] + d.tenths]);
  }
  const out: { week: string; label: string; mean: number | null; inspections: number }[] = [];
  for (let k = 0; k < weeks; k++) {
    const from = addDays(first, 7 * k);
    const [n, tenths] = sums.get(from) ?? [0, 0];
    out.push({
      week: from,
      label: formatDm(from),
      mean: n ? roundRatio1(1, tenths, n * 10) : null,
      inspections: n,
    });
  }
  return out;
}

/** Findings per criterion in the period, as `findingsByCriterion` gives them from the facts. */
export function findingsByCriterionOf(
  config: Config,
  data: DashboardData,
  p: Span,
): { code: string; findings: number }[] {
  const inPeriod = tallies(data, p);
  return config.checklist.criteria.map((c) => ({
    code: c.code,
    findings: inPeriod.reduce((s, d) => s + (d.findings[c.code] ?? 0), 0),
  }));
}

/**
 * A fingerprint of a stored row's cells (two 32-bit string hashes, 16 hex digits), so a refresh
 * rewrites only the rows that changed, reading fingerprints instead of the rows.
 */
export function rowHash(cells: readonly string[]): string {
  let a = 0x811c9dc5;
  let b = 5381;
  for (const text of cells) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193) >>> 0;
      b = (Math.imul(b, 33) + c) >>> 0;
    }
    a = Math.imul(a ^ 0x1f, 0x01000193) >>> 0;
    b = (Math.imul(b, 33) + 0x1f) >>> 0;
  }
  return `${a.toString(16).padStart(8, '0')}${b.toString(16).padStart(8, '0')}`;
}
