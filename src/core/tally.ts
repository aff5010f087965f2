// The dashboard's compact aggregate: per unit and day, what every block of the dashboard sums, stored in unit-month rows, and the dashboard computed from it.

import { type Action, type ActionStatus, STATUS } from './actions';
import { rankTotals, type UnitTotals, unitsNotInspected } from './aggregate';
import { type Attention, type CountTotal, dec1, type Figures, NOT_INSPECTED } from './dashboard';
import { addDays, daysBetween, formatDm, formatDmy } from './dates';
import { before, factFinding, type InspectionFact } from './facts';
import { countPhrase, findingWording } from './findings';
import { weekStart, within } from './periods';
import { roundRatio1 } from './round';
import type { Config, UnitSummary } from './types';
import { compareCodes, unitLookup } from './units';

type Span = { from: string | null; to: string | null };

/** One inspection as the unit-history view needs it: timestamp, score, tier, finding codes, id. */
type Visit = [ts: number | null, score: number, tier: string, findings: string, id: string];
/** One critical failure as the attention list words it: code, finding with its numbers, ts, id. */
type Crit = [code: string, finding: string, ts: number | null, id: string];
/**
 * An action still open (`o`: open or overdue by its deadline on the day read, `r`: reported) or
 * repeated (`t`): criterion, deadline, state, finding, response id, the unit's name then.
 */
type Live = [
  criterion: string,
  deadline: string,
  state: 'o' | 'r' | 't',
  finding: string,
  id: string,
  unit: string,
];

/** What one unit's scored inspections of one day add up to (all the dashboard sums). */
export interface DayTally {
  /** The unit as ranking keys it (`unitIdentity` of the code on the date). */
  key: string;
  unitCode: string;
  date: string;
  n: number;
  /** Sum of scores in tenths (each rounded half up), so means are exact. */
  tenths: number;
  /** Most critical failures of one inspection, all critical failures, inspections with any. */
  worst: number;
  critical: number;
  withCritical: number;
  /** The day's latest inspection: timestamp, score, the unit's name on it. */
  last: [ts: number | null, score: number, unit: string];
  /** Per count item: violations, base, inspections where it applied. */
  counts: Record<string, [number, number, number]>;
  /** Inspections with a finding, per criterion. */
  findings: Record<string, number>;
  crits: Crit[];
  visits: Visit[];
  live: Live[];
}

/**
 * The tallies of every scored inspection and the actions derived from them (their statuses on
 * the day they were derived; open ones are turned open or overdue again on the day read).
 * Deterministic: the same facts and actions give the same tallies, whatever their order.
 */
export function tally(
  config: Config,
  facts: readonly InspectionFact[],
  actions: readonly Action[],
): DayTally[] {
  const lookup = unitLookup(config.units);
  const crit = new Map(config.checklist.criteria.map((c) => [c.code, c]));
  const days = new Map<string, DayTally>();
  const dayOf = (unitCode: string, date: string, unit: string): DayTally => {
    const key = lookup.keyAt(unitCode, date);
    const id = `${key}|${date}`;
    let d = days.get(id);
    if (!d) {
      d = {
        key,
        unitCode,
        date,
        n: 0,
        tenths: 0,
        worst: 0,
        critical: 0,
        withCritical: 0,
        last: [null, 0, unit],
        counts: {},
        findings: {},
        crits: [],
        visits: [],
        live: [],
      };
      days.set(id, d);
    }
    return d;
  };
  const sorted = [...facts].sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
  for (const f of sorted) {
    const d = dayOf(f.unitCode, f.date, f.unit);
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
      if (c) d.crits.push([code, factFinding(c, f), f.ts, f.id]);
    }
    d.visits.push([f.ts, f.score, f.tier, f.findings.join(','), f.id]);
  }
  for (const a of actions) {
    const state = a.status === STATUS.repeat ? 't' : a.status === STATUS.reported ? 'r' : 'o';
    if (a.status === STATUS.fixed) continue;
    dayOf(a.unitCode, a.date, a.unit).live.push([
      a.criterion,
      a.deadline,
      state,
      a.finding,
      a.responseId,
      a.unit,
    ]);
  }
  return [...days.values()].sort(
    (a, b) =>
      (a.date < b.date ? -1 : a.date > b.date ? 1 : 0) ||
      compareCodes(a.unitCode, b.unitCode) ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
}

/** Longest text a stored cell holds (a spreadsheet export keeps up to 32,767 characters). */
const CELL_MAX = 30000;

/**
 * The aggregate's sheet rows: one per unit and month (a month too long for one cell goes on in
 * the next row), `[label, days as JSON]`, months in order. Rows are bounded by units × months.
 */
export function tallyRows(days: readonly DayTally[]): [string, string][] {
  const groups = new Map<string, DayTally[]>();
  for (const d of days) {
    const id = `${d.date.slice(0, 7)}|${d.key}`;
    const list = groups.get(id);
    if (list) list.push(d);
    else groups.set(id, [d]);
  }
  const out: [string, string][] = [];
  for (const [id, list] of groups) {
    let part: DayTally[] = [];
    let size = 2;
    const flush = () => {
      if (part.length) out.push([`${id}|${out.length + 1}`, JSON.stringify(part)]);
      part = [];
      size = 2;
    };
    for (const d of list) {
      const len = JSON.stringify(d).length + 1;
      if (size + len > CELL_MAX) flush();
      part.push(d);
      size += len;
    }
    flush();
  }
  return out;
}

/** The days back from the aggregate's cells (column B); unreadable cells are skipped. */
export function tallyDays(cells: readonly unknown[]): DayTally[] {
  const out: DayTally[] = [];
  for (const c of cells) {
    const text = String(c ?? '');
    if (!text.startsWith('[')) continue;
    try {
      out.push(...(JSON.parse(text) as DayTally[]));
    } catch {
      // A damaged cell: the next refresh writes it again.
    }
  }
  return out.sort(
    (a, b) =>
      (a.date < b.date ? -1 : a.date > b.date ? 1 : 0) ||
      compareCodes(a.unitCode, b.unitCode) ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
}

/** Everything a dashboard view needs, from the tallies, on `today`. */
export interface DashboardData {
  days: DayTally[];
  /** The open and repeated actions, in the book's order, their statuses on `today`. */
  actions: Action[];
  /** Slim facts (date, unit, score, tier, findings) for one unit's history. */
  visits: InspectionFact[];
}

/** The dashboard's data from the tallies: open actions turn overdue as the calendar says. */
export function dashboardData(
  config: Config,
  days: readonly DayTally[],
  today: string,
): DashboardData {
  const order = new Map(config.checklist.criteria.map((c, k) => [c.code, k]));
  const actions: Action[] = [];
  const visits: InspectionFact[] = [];
  for (const d of days) {
    for (const [criterion, deadline, state, finding, id, unit] of d.live) {
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
        unitCode: d.unitCode,
        unit,
        criterion,
        critical: false,
        finding,
        date: d.date,
        deadline,
        status,
        basis: '',
        report: null,
        office: { confirm: '', note: '', reminded: '' },
      });
    }
    for (const [ts, score, tier, findings, id] of d.visits)
      visits.push({
        id,
        date: d.date,
        ts,
        unitCode: d.unitCode,
        unit: d.last[2],
        score,
        tier,
        findings: findings ? findings.split(',') : [],
        critical: [],
        partial: [],
        notApplicable: [],
        counts: {},
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
  return { days: [...days], actions, visits };
}

const daysIn = (days: readonly DayTally[], p: Span) => days.filter((d) => within(p, d.date));

/** The ranking of a period from its days, as `ranking` gives it from the facts. */
export function rankingOf(config: Config, days: readonly DayTally[], asOf?: string): UnitSummary[] {
  const byKey = new Map<string, UnitTotals>();
  let latest = '';
  for (const d of days) {
    const last = {
      unit: d.last[2],
      unitCode: d.unitCode,
      date: d.date,
      timestamp: d.last[0],
      score: d.last[1],
      criticalCount: 0,
    };
    const t = byKey.get(d.key);
    if (!t)
      byKey.set(d.key, { key: d.key, inspections: d.n, tenths: d.tenths, worst: d.worst, last });
    else {
      t.inspections += d.n;
      t.tenths += d.tenths;
      t.worst = Math.max(t.worst, d.worst);
      if (d.date >= t.last.date) t.last = last;
    }
    if (d.date > latest) latest = d.date;
  }
  return rankTotals(config, [...byKey.values()], asOf ?? latest);
}

/** The headline figures of `p` from the days, as `figures` gives them from the facts. */
export function figuresOf(config: Config, data: DashboardData, p: Span): Figures {
  const inPeriod = daysIn(data.days, p);
  let from = p.from;
  let to = p.to;
  for (const d of inPeriod) {
    if (!p.from && (from === null || d.date < from)) from = d.date;
    if (!p.to && (to === null || d.date > to)) to = d.date;
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
  const inPeriod = daysIn(data.days, p);
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
    for (const [code, finding] of d.crits) {
      const list = critsBy.get(d.key) ?? [];
      list.push(`${code} ${finding} (${formatDmy(d.date)})`);
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
  return out.sort(
    (a, b) =>
      Number(b.weak) - Number(a.weak) ||
      b.critical - a.critical ||
      b.overdue - a.overdue ||
      b.repeats - a.repeats ||
      (a.mean ?? 101) - (b.mean ?? 101) ||
      compareCodes(a.unitCode, b.unitCode),
  );
}

/** Mean score per week from the days, as `weeklyMeans` gives it from the facts. */
export function weeklyMeansOf(
  days: readonly DayTally[],
  today: string,
  weeks: number,
): { week: string; label: string; mean: number | null; inspections: number }[] {
  const first = addDays(weekStart(today), -7 * (weeks - 1));
  const sums = new Map<string, [number, number]>();
  for (const d of days) {
    if (d.date < first) continue;
    const w = weekStart(d.date);
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

/** Findings per criterion in the period from the days, as `findingsByCriterion` gives them. */
export function findingsByCriterionOf(
  config: Config,
  days: readonly DayTally[],
  p: Span,
): { code: string; findings: number }[] {
  const inPeriod = daysIn(days, p);
  return config.checklist.criteria.map((c) => ({
    code: c.code,
    findings: inPeriod.reduce((s, d) => s + (d.findings[c.code] ?? 0), 0),
  }));
}
