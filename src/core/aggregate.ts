// Aggregates over a period: unit means, competition ranking, criterion pass rates, units not inspected (scoring.md §6).

import { classify, tierOf, tierRank } from './classify';
import { addDays, daysBetween } from './dates';
import { roundRatio1 } from './round';
import type { Aggregate, Config, CriterionSummary, Inspection, Period, UnitSummary } from './types';
import { compareCodes, unitIdentity, unitLabelOn, unitLookup, validDuring } from './units';

/**
 * The period asked for, with a missing end taken from the scored inspections' dates.
 * Throws (a Vietnamese message) when `from` is after `to`.
 */
export function resolvePeriod(
  inspections: readonly Inspection[],
  from?: string,
  to?: string,
): Period {
  let lo: string | null = from ?? null;
  let hi: string | null = to ?? null;
  if (!lo || !hi) {
    for (const i of inspections) {
      if (!from && (lo === null || i.date < lo)) lo = i.date;
      if (!to && (hi === null || i.date > hi)) hi = i.date;
    }
  }
  if (lo && hi && lo > hi)
    throw new Error(`Kỳ báo cáo không hợp lệ: ngày bắt đầu ${lo} sau ngày kết thúc ${hi}.`);
  return { from: lo, to: hi };
}

/** Whether an ISO date lies in the inclusive period. */
export function inPeriod(period: Period, date: string): boolean {
  return (!period.from || date >= period.from) && (!period.to || date <= period.to);
}

/** The per-unit facts ranking needs: one scored inspection. */
export interface UnitScore {
  unit: string;
  unitCode: string;
  date: string;
  timestamp: number | null;
  score: number;
  criticalCount: number;
}

/** Mean, tier (capped by the worst inspection) and uncapped tier of one unit's scores (scoring.md §6). */
export function standing(
  config: Config,
  list: readonly UnitScore[],
): { mean: number; tier: string; uncappedTier: string; worst: number } {
  let tenths = 0;
  let worst = 0;
  for (const i of list) {
    tenths += Math.round(i.score * 10);
    worst = Math.max(worst, i.criticalCount);
  }
  const mean = roundRatio1(1, tenths, list.length * 10);
  return {
    mean,
    tier: classify(config.checklist, mean, worst),
    uncappedTier: tierOf(config.checklist, mean),
    worst,
  };
}

/**
 * Per-unit means, tiers (capped by the worst inspection) and competition ranks: classification
 * first, then mean, highest first (scoring.md §6); equal tier and mean share a rank. A unit is
 * the one its code named on the inspection's date, so a reused code never merges two units; one
 * that has ended by `asOf` (default: the latest date scored) is named as `unitLabelOn` names it.
 */
export function rankUnits(
  config: Config,
  scores: readonly UnitScore[],
  asOf?: string,
): UnitSummary[] {
  const lookup = unitLookup(config.units);
  const byUnit = new Map<string, UnitTotals>();
  let latest = '';
  for (const i of scores) {
    const key = lookup.keyAt(i.unitCode, i.date);
    const t = byUnit.get(key) ?? { key, inspections: 0, tenths: 0, worst: 0, last: i };
    t.inspections++;
    t.tenths += Math.round(i.score * 10);
    t.worst = Math.max(t.worst, i.criticalCount);
    if (
      i.date > t.last.date ||
      (i.date === t.last.date && (i.timestamp ?? 0) >= (t.last.timestamp ?? 0))
    )
      t.last = i;
    byUnit.set(key, t);
    if (i.date > latest) latest = i.date;
  }
  return rankTotals(config, [...byUnit.values()], asOf ?? latest);
}

/** One unit's scores over a period, already summed (what ranking needs, from facts or from tallies). */
export interface UnitTotals {
  /** `unitIdentity` of the unit on the inspections' dates. */
  key: string;
  inspections: number;
  /** Sum of the scores in tenths (each rounded half up first, as `standing`). */
  tenths: number;
  /** The most critical failures of one inspection. */
  worst: number;
  /** The latest inspection (date, then timestamp). */
  last: UnitScore;
}

/** Ranks units from their totals as `rankUnits` does; an ended unit is named as on `asOf`. */
export function rankTotals(
  config: Config,
  totals: readonly UnitTotals[],
  asOf: string,
): UnitSummary[] {
  const lookup = unitLookup(config.units);
  const units: UnitSummary[] = [];
  for (const t of totals) {
    const last = t.last;
    const mean = roundRatio1(1, t.tenths, t.inspections * 10);
    const known = lookup.unitAt(last.unitCode, last.date);
    units.push({
      unit: known ? unitLabelOn(lookup.index, known, asOf) : last.unit,
      unitCode: last.unitCode,
      key: t.key,
      inspections: t.inspections,
      mean,
      rank: 0,
      tier: classify(config.checklist, mean, t.worst),
      uncappedTier: tierOf(config.checklist, mean),
      lastDate: last.date,
      lastScore: last.score,
      maxCriticalFailures: t.worst,
    });
  }
  const order = new Map(units.map((u) => [u.key, tierRank(config.checklist, u.tier)]));
  const tierOfUnit = (u: UnitSummary) => order.get(u.key) ?? 0;
  units.sort(
    (a, b) =>
      tierOfUnit(a) - tierOfUnit(b) ||
      b.mean - a.mean ||
      compareCodes(a.unitCode, b.unitCode) ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
  units.forEach((u, k) => {
    const prev = units[k - 1];
    u.rank = prev && tierOfUnit(prev) === tierOfUnit(u) && prev.mean === u.mean ? prev.rank : k + 1;
  });
  return units;
}

/**
 * Units valid at some day of the period with no scored inspection in it, in unit-code order;
 * `inspected` holds unit keys (`UnitSummary.key`), so a reused code's other unit still counts as
 * not inspected. One that ended within the period is named as `unitLabelOn` names it at its end.
 */
export function unitsNotInspected(
  config: Config,
  inspected: ReadonlySet<string>,
  period: Period,
): { unit: string; unitCode: string; key: string }[] {
  const lookup = unitLookup(config.units);
  const seen = new Set<string>();
  return config.units
    .filter((u) => !inspected.has(unitIdentity(u)) && validDuring(u, period.from, period.to))
    .filter((u) => !seen.has(unitIdentity(u)) && !!seen.add(unitIdentity(u)))
    .sort(
      (a, b) =>
        compareCodes(a.code, b.code) || (a.validFrom ?? '').localeCompare(b.validFrom ?? ''),
    )
    .map((u) => ({
      unit: period.to ? unitLabelOn(lookup.index, u, period.to) : u.name,
      unitCode: u.code,
      key: unitIdentity(u),
    }));
}

/** The period of the same length that ends the day before `period` starts; null when open-ended. */
export function previousPeriod(period: Period): Period | null {
  if (!period.from || !period.to) return null;
  const days = daysBetween(period.from, period.to) + 1;
  return { from: addDays(period.from, -days), to: addDays(period.from, -1) };
}

/**
 * Aggregates the scored inspections whose date lies in the period, and (for the comparison the
 * report makes) those of the previous period of the same length, from the same list.
 */
export function aggregate(
  config: Config,
  all: readonly Inspection[],
  period: Period,
  withPrevious = true,
): Aggregate {
  const inspections = all.filter((i) => inPeriod(period, i.date));
  const units = rankUnits(
    config,
    inspections.map((i) => ({ ...i, criticalCount: i.criticalFailures.length })),
    period.to ?? undefined,
  );
  const notInspected = unitsNotInspected(config, new Set(units.map((u) => u.key)), period);
  const criteria: CriterionSummary[] = config.checklist.criteria.map((c, k) => {
    let applicable = 0;
    let compliant = 0;
    for (const i of inspections) {
      const item =
        i.items[k]?.code === c.code ? i.items[k] : i.items.find((x) => x.code === c.code);
      if (!item || item.credit === null) continue;
      applicable++;
      if (item.credit === 1) compliant++;
    }
    return {
      code: c.code,
      applicable,
      compliant,
      passRate: applicable ? roundRatio1(100, compliant, applicable) : null,
    };
  });

  const before = withPrevious ? previousPeriod(period) : null;
  const previous = before ? aggregate(config, all, before, false) : null;
  return { period, inspections, units, notInspected, criteria, previous };
}
