// What the leaders' dashboard shows for a period, over every fact: figures, units needing attention, chart series, ranking, one unit's history (the sheet computes them from tally.ts, which must give exactly these).

import { type Action, isOpen, STATUS } from './actions';
import { rankUnits, unitsNotInspected } from './aggregate';
import { addDays, daysBetween, formatDm, formatDmy } from './dates';
import { before, factFinding, type InspectionFact } from './facts';
import { countPhrase, findingWording } from './findings';
import { weekStart, within } from './periods';
import { roundRatio1 } from './round';
import type { Config, UnitSummary } from './types';
import { compareCodes, continuingUnit, unitIdentity, unitLabelOn, unitLookup } from './units';

type Span = { from: string | null; to: string | null };

/** A decimal with a comma, one place: 87,3. */
export const dec1 = (x: number): string => x.toFixed(1).replace('.', ',');

/** Totals of one count item over a period: violations over base, summed over inspections. */
export interface CountTotal {
  code: string;
  /** `10/259 lượt cán bộ, công chức đi muộn` (scoring.md §3: `lượt` once several inspections add up). */
  label: string;
  /** The criterion's finding wording without numbers (`cán bộ, công chức đi muộn`), for a table row. */
  wording: string;
  violations: number;
  base: number;
  /** Inspections of the period where the item applied. */
  visits: number;
}

/** The headline figures of a period. */
export interface Figures {
  inspections: number;
  unitsInspected: number;
  /** Units valid at some day of the period. */
  unitsTotal: number;
  /** Mean of the inspections' scores, or null when none. */
  meanScore: number | null;
  /** Units per class in tier order, then `Chưa kiểm tra`. */
  perClass: { label: string; units: number }[];
  /** Critical failures found (one per criterion per inspection) and inspections with any. */
  criticalFailures: number;
  inspectionsWithCritical: number;
  counts: CountTotal[];
  /** Actions from the period's inspections still open, and those overdue (all periods). */
  actionsOpen: number;
  actionsOverdue: number;
}

/** Label of the units not inspected in the class table. */
export const NOT_INSPECTED = 'Chưa kiểm tra';

/** The facts whose date lies in the period. */
export function factsIn(facts: readonly InspectionFact[], p: Span): InspectionFact[] {
  return facts.filter((f) => within(p, f.date));
}

/** The ranking of a period (rank, tier, mean) from its facts; units ended by `asOf` say where they went. */
export function ranking(
  config: Config,
  facts: readonly InspectionFact[],
  asOf?: string,
): UnitSummary[] {
  return rankUnits(
    config,
    facts.map((f) => ({
      unit: f.unit,
      unitCode: f.unitCode,
      date: f.date,
      timestamp: f.ts,
      score: f.score,
      criticalCount: f.critical.length,
    })),
    asOf,
  );
}

/** The headline figures of `p`; `actions` are every action on today (open ones of the period count). */
export function figures(
  config: Config,
  facts: readonly InspectionFact[],
  actions: readonly Action[],
  p: Span,
): Figures {
  const inPeriod = factsIn(facts, p);
  const span = rangeOf(inPeriod, p);
  const ranked = ranking(config, inPeriod, span.to ?? undefined);
  const inspected = new Set(ranked.map((u) => u.key));
  const notInspected = unitsNotInspected(config, inspected, span);
  const perClass = config.checklist.tiers.map((t) => ({
    label: t.label,
    units: ranked.filter((u) => u.tier === t.label).length,
  }));
  perClass.push({ label: NOT_INSPECTED, units: notInspected.length });
  let tenths = 0;
  let critical = 0;
  let withCritical = 0;
  for (const f of inPeriod) {
    tenths += Math.round(f.score * 10);
    critical += f.critical.length;
    if (f.critical.length) withCritical++;
  }
  const counts: CountTotal[] = [];
  for (const c of config.checklist.criteria) {
    if (c.type !== 'count') continue;
    let v = 0;
    let b = 0;
    let visits = 0;
    for (const f of inPeriod) {
      const n = f.counts[c.code];
      if (!n) continue;
      v += n.v;
      b += n.b;
      visits++;
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
  const periodActions = actions.filter((a) => within(p, a.date));
  return {
    inspections: inPeriod.length,
    unitsInspected: inspected.size,
    unitsTotal: inspected.size + notInspected.length,
    meanScore: inPeriod.length ? roundRatio1(1, tenths, inPeriod.length * 10) : null,
    perClass,
    criticalFailures: critical,
    inspectionsWithCritical: withCritical,
    counts,
    actionsOpen: periodActions.filter(isOpen).length,
    actionsOverdue: periodActions.filter((a) => a.status === STATUS.overdue).length,
  };
}

/** An open-ended period closed by the data, so "units valid during" has two ends. */
function rangeOf(facts: readonly InspectionFact[], p: Span): Span {
  let from = p.from;
  let to = p.to;
  for (const f of facts) {
    if (!p.from && (from === null || f.date < from)) from = f.date;
    if (!p.to && (to === null || f.date > to)) to = f.date;
  }
  return { from, to };
}

/** A unit that needs a leader now, and why. */
export interface Attention {
  unitCode: string;
  unit: string;
  /** The reasons joined in one sentence for the sheet. */
  reason: string;
  /** Ordering keys, worst first. */
  weak: boolean;
  critical: number;
  overdue: number;
  repeats: number;
  mean: number | null;
}

/** Worst first: Yếu, then critical failures, overdue actions, repeats, the lower mean, the code. */
export const worstFirst = (a: Attention, b: Attention): number =>
  Number(b.weak) - Number(a.weak) ||
  b.critical - a.critical ||
  b.overdue - a.overdue ||
  b.repeats - a.repeats ||
  (a.mean ?? 101) - (b.mean ?? 101) ||
  compareCodes(a.unitCode, b.unitCode);

/**
 * The units needing attention in `p`, worst first: classified at the lowest tier, then the most
 * critical failures in the period, then the most overdue actions (any period), then repeats,
 * then the lowest mean. Each reason is spelt out with the criterion wording and numbers.
 */
export function attention(
  config: Config,
  facts: readonly InspectionFact[],
  actions: readonly Action[],
  p: Span,
  today: string,
): Attention[] {
  const tiers = config.checklist.tiers;
  const lowest = tiers[tiers.length - 1].label;
  const inPeriod = factsIn(facts, p);
  // Critical failures are listed oldest first, whatever order the facts were stored in.
  const chronological = [...inPeriod].sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
  const ranked = new Map(ranking(config, inPeriod, p.to ?? today).map((u) => [u.key, u]));
  const crit = new Map(config.checklist.criteria.map((c) => [c.code, c]));
  // Keyed by unit (code and validity): a reused code's other unit is another line.
  const lookup = unitLookup(config.units);
  const memo = new Map<object, string>();
  const keyOf = (x: { unitCode: string; date: string }) => {
    const known = memo.get(x);
    if (known !== undefined) return known;
    const k = lookup.keyAt(x.unitCode, x.date);
    memo.set(x, k);
    return k;
  };
  const keys = new Set<string>([...ranked.keys()]);
  for (const a of actions) if (a.status === STATUS.overdue) keys.add(keyOf(a));
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
    const crits: string[] = [];
    for (const f of chronological) {
      if (keyOf(f) !== key) continue;
      for (const k of f.critical) {
        const c = crit.get(k);
        if (c) crits.push(`${k} ${factFinding(c, f)} (${formatDmy(f.date)})`);
      }
    }
    if (crits.length) reasons.push(`${crits.length} vi phạm nghiêm trọng: ${crits.join('; ')}`);
    const overdue = actions.filter((a) => keyOf(a) === key && a.status === STATUS.overdue);
    if (overdue.length) {
      const oldest = Math.max(...overdue.map((a) => daysBetween(a.deadline, today)));
      reasons.push(
        `${overdue.length} việc khắc phục quá hạn (${overdue.map((a) => a.criterion).join(', ')}; lâu nhất ${oldest} ngày)`,
      );
    }
    const repeats = actions.filter(
      (a) => keyOf(a) === key && a.status === STATUS.repeat && within(p, a.date),
    );
    if (repeats.length)
      reasons.push(`Tái phạm ${[...new Set(repeats.map((a) => a.criterion))].join(', ')}`);
    if (!weak && !crits.length && !overdue.length && !repeats.length) continue;
    const unit = u?.unit ?? overdue[0]?.unit ?? code;
    out.push({
      unitCode: code,
      unit,
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

/** Mean score per ISO week (Monday label) over the `weeks` weeks ending with today's week. */
export function weeklyMeans(
  facts: readonly InspectionFact[],
  today: string,
  weeks: number,
): { week: string; label: string; mean: number | null; inspections: number }[] {
  const last = weekStart(today);
  const out: { week: string; label: string; mean: number | null; inspections: number }[] = [];
  for (let k = weeks - 1; k >= 0; k--) {
    const from = addDays(last, -7 * k);
    const to = addDays(from, 6);
    const list = facts.filter((f) => f.date >= from && f.date <= to);
    const tenths = list.reduce((s, f) => s + Math.round(f.score * 10), 0);
    out.push({
      week: from,
      label: formatDm(from),
      mean: list.length ? roundRatio1(1, tenths, list.length * 10) : null,
      inspections: list.length,
    });
  }
  return out;
}

/** Findings per criterion in the period, in checklist order (every criterion, zero included). */
export function findingsByCriterion(
  config: Config,
  facts: readonly InspectionFact[],
  p: Span,
): { code: string; findings: number }[] {
  const inPeriod = factsIn(facts, p);
  return config.checklist.criteria.map((c) => ({
    code: c.code,
    findings: inPeriod.filter((f) => f.findings.includes(c.code)).length,
  }));
}

/** One line of a unit's history. */
export interface HistoryLine {
  date: string;
  score: number;
  tier: string;
  /** Change from the previous inspection (null for the first). */
  change: number | null;
  findings: string[];
  /** For an inspection of a unit that went into this one: `Xã Hợp Tiến (nay thuộc Xã Hồng Sơn)`; else null. */
  from: string | null;
}

/** A unit's history: every inspection (oldest first), the trend, its open actions. */
export interface UnitHistory {
  unitCode: string;
  unit: string;
  lines: HistoryLine[];
  /** `Đang tiến bộ`, `Đang giảm`, `Ổn định` or `Chưa đủ số liệu`. */
  trend: string;
  open: Action[];
}

/**
 * The history of the unit `unitCode` names on `asOf` over every stored inspection, including
 * those of the units that went into it (a unit divided between several keeps its own history).
 */
export function unitHistory(
  config: Config,
  facts: readonly InspectionFact[],
  actions: readonly Action[],
  unitCode: string,
  asOf: string = facts
    .map((f) => f.date)
    .sort()
    .pop() ?? '',
): UnitHistory {
  const lookup = unitLookup(config.units);
  const unit = lookup.unitAt(unitCode, asOf);
  const key = unit ? unitIdentity(unit) : unitCode;
  const own = (f: { unitCode: string; date: string }) => {
    const then = lookup.unitAt(f.unitCode, f.date);
    if (!then) return f.unitCode === unitCode ? { from: null } : null;
    if (unitIdentity(then) === key) return { from: null };
    if (unitIdentity(continuingUnit(lookup.index, then, asOf)) !== key) return null;
    return { from: unitLabelOn(lookup.index, then, asOf) };
  };
  const list = facts
    .map((f) => ({ f, o: own(f) }))
    .filter((x): x is { f: InspectionFact; o: { from: string | null } } => x.o !== null)
    .sort((a, b) =>
      a.f.date < b.f.date ? -1 : a.f.date > b.f.date ? 1 : (a.f.ts ?? 0) - (b.f.ts ?? 0),
    );
  const lines: HistoryLine[] = list.map(({ f, o }, k) => ({
    date: f.date,
    score: f.score,
    tier: f.tier,
    change: k === 0 ? null : Math.round((f.score - list[k - 1].f.score) * 10) / 10,
    findings: f.findings,
    from: o.from,
  }));
  let trend = 'Chưa đủ số liệu';
  if (list.length >= 2) {
    // The last three inspections against the ones before (or the first), so one bad day is not a trend.
    const recent = lines.slice(-Math.min(3, Math.floor(lines.length / 2) || 1));
    const earlier = lines.slice(0, lines.length - recent.length);
    const mean = (xs: HistoryLine[]) => xs.reduce((s, f) => s + f.score, 0) / xs.length;
    const d = mean(recent) - mean(earlier);
    trend = d >= 2 ? 'Đang tiến bộ' : d <= -2 ? 'Đang giảm' : 'Ổn định';
  }
  const name = unit?.name ?? list[list.length - 1]?.f.unit ?? unitCode;
  return {
    unitCode,
    unit: name,
    lines,
    trend,
    open: actions
      .filter((a) => own(a) !== null && isOpen(a))
      .sort((a, b) => (a.deadline < b.deadline ? -1 : 1)),
  };
}
