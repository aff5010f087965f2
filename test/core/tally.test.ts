// The dashboard from its compact aggregate equals the dashboard from every fact, for any period the picker allows.

import { deriveActions } from '../../src/core/actions';
import { DEFAULT_CONFIG } from '../../src/core/config';
import {
  attention,
  figures,
  findingsByCriterion,
  ranking,
  unitHistory,
  weeklyMeans,
} from '../../src/core/dashboard';
import { addDays } from '../../src/core/dates';
import { evaluate } from '../../src/core/evaluate';
import { factOf, type InspectionFact } from '../../src/core/facts';
import { PERIOD_CHOICES, resolveChoice } from '../../src/core/periods';
import {
  attentionOf,
  dashboardData,
  figuresOf,
  findingsByCriterionOf,
  rankingOf,
  rowCells,
  rowsOfCells,
  tallies,
  tallyRows,
  visitsOf,
  weeklyMeansOf,
} from '../../src/core/tally';
import { ctx, response } from './fixtures';

const CONFIG = DEFAULT_CONFIG;
const UNITS = CONFIG.checklist.criteria;
const labelled = UNITS.filter((c) => c.type !== 'count').map((c) => c.code);
const partial = UNITS.filter((c) => c.type === 'choice3').map((c) => c.code);

/** 300 inspections over five months, several a day for some units, findings, counts and critical failures. */
function facts(): InspectionFact[] {
  const out: InspectionFact[] = [];
  for (let k = 0; k < 300; k++) {
    // Three units are not inspected after March: their open actions stay and go overdue.
    const unit = CONFIG.units[(k * 7) % (k < 150 ? 9 : 6)];
    const date = addDays('2019-01-03', Math.floor(k / 2));
    const set: Record<string, string> = {};
    if (k % 3 === 0) set[labelled[k % labelled.length]] = 'Không đạt';
    if (k % 4 === 1) set[partial[k % partial.length]] = 'Đạt một phần';
    if (k % 5 === 0) set.A1 = String(k % 4);
    if (k % 7 === 0) set.A2 = String(k % 3);
    if (k % 11 === 0) set.E1 = 'Không áp dụng';
    const [y, m, d] = date.split('-');
    const raw = response({
      unit: unit.name,
      date: `${d}/${m}/${y}`,
      timestamp: `${y}/${m}/${d} ${8 + (k % 3)}:35:12 AM GMT+7`,
      set,
    });
    const e = evaluate(raw, ctx);
    if (!e.ok) throw new Error(e.review.reason);
    out.push(factOf(CONFIG, `r${k}`, e.inspection, raw));
  }
  // Stored in another order than they happened: the sheet keeps rows where submissions put them.
  return out.reverse();
}

const FACTS = facts();
const SETTINGS = { days: 10, byCriterion: { A2: 3 }, remindBefore: 3 };
const DERIVED = '2019-06-20';
const BOOK = deriveActions(CONFIG, FACTS, [], new Map(), SETTINGS, DERIVED).actions;
/** The aggregate as the picker reads it: written to cells, read back. */
const stored = () => rowsOfCells(tallyRows(CONFIG, FACTS, BOOK).map(rowCells));

const PERIODS: { label: string; p: { from: string | null; to: string | null } }[] = [
  ...PERIOD_CHOICES.filter((c) => c !== 'Khoảng ngày').map((c) => ({
    label: c,
    p: resolveChoice(c, DERIVED),
  })),
  // Two dates that cut weeks and months, and open ends.
  { label: 'Thứ Tư 16/01 – Thứ Năm 07/03', p: { from: '2019-01-16', to: '2019-03-07' } },
  { label: 'one day', p: { from: '2019-02-13', to: '2019-02-13' } },
  { label: 'from 27/02', p: { from: '2019-02-27', to: null } },
  { label: 'to 05/02', p: { from: null, to: '2019-02-05' } },
  { label: 'nothing inspected', p: { from: '2018-05-01', to: '2018-06-01' } },
];

describe('the aggregate gives exactly what the facts give', () => {
  const data = dashboardData(CONFIG, stored(), DERIVED);

  test.each(PERIODS)('$label: figures, attention, ranking, findings by criterion', ({ p }) => {
    expect(figuresOf(CONFIG, data, p)).toEqual(figures(CONFIG, FACTS, BOOK, p));
    expect(attentionOf(CONFIG, data, p, DERIVED)).toEqual(
      attention(CONFIG, FACTS, BOOK, p, DERIVED),
    );
    const inPeriod = FACTS.filter(
      (f) => (!p.from || f.date >= p.from) && (!p.to || f.date <= p.to),
    );
    expect(rankingOf(CONFIG, tallies(data, p), p.to ?? DERIVED)).toEqual(
      ranking(CONFIG, inPeriod, p.to ?? DERIVED),
    );
    expect(findingsByCriterionOf(CONFIG, data, p)).toEqual(findingsByCriterion(CONFIG, FACTS, p));
  });

  test('the data is real: figures that a leader reads are not empty', () => {
    const f = figuresOf(CONFIG, data, { from: '2019-01-16', to: '2019-03-07' });
    expect(f.inspections).toBe(
      FACTS.filter((x) => x.date >= '2019-01-16' && x.date <= '2019-03-07').length,
    );
    expect(f.criticalFailures).toBeGreaterThan(0);
    const all = figuresOf(CONFIG, data, { from: null, to: null });
    expect([all.actionsOpen, all.actionsOverdue].every((n) => n > 0)).toBe(true);
    expect(data.actions.some((a) => a.status === 'Tái phạm')).toBe(true);
    expect(attentionOf(CONFIG, data, { from: null, to: null }, DERIVED).length).toBeGreaterThan(0);
  });

  test('weekly means over the last 13 weeks, and one unit’s history', () => {
    expect(weeklyMeansOf(data, DERIVED, 13)).toEqual(weeklyMeans(FACTS, DERIVED, 13));
    for (const u of CONFIG.units.slice(0, 9)) {
      const visits = visitsOf(CONFIG, data, u.code, DERIVED);
      expect(visits.every((v) => v.unitCode === u.code)).toBe(true);
      const a = unitHistory(CONFIG, visits, data.actions, u.code, DERIVED);
      const b = unitHistory(CONFIG, FACTS, BOOK, u.code, DERIVED);
      expect([a.unit, a.lines, a.trend]).toEqual([b.unit, b.lines, b.trend]);
      expect(a.open.map((x) => [x.key, x.status, x.deadline, x.finding])).toEqual(
        b.open.map((x) => [x.key, x.status, x.deadline, x.finding]),
      );
    }
  });

  test('days later, open actions turn overdue as a fresh derivation says, without a refresh', () => {
    const later = '2019-07-10';
    const fresh = deriveActions(CONFIG, FACTS, [], new Map(), SETTINGS, later).actions;
    const old = dashboardData(CONFIG, stored(), later);
    for (const { p } of PERIODS) {
      expect(figuresOf(CONFIG, old, p)).toEqual(figures(CONFIG, FACTS, fresh, p));
      expect(attentionOf(CONFIG, old, p, later)).toEqual(attention(CONFIG, FACTS, fresh, p, later));
    }
  });

  test('rows are bounded by units × months, not by inspections; twice = once', () => {
    const rows = tallyRows(CONFIG, FACTS, BOOK).map(rowCells);
    const months = new Set(FACTS.map((f) => f.date.slice(0, 7))).size;
    expect(rows.length).toBeLessThanOrEqual(9 * months);
    expect(rows.length).toBeLessThan(FACTS.length / 4);
    expect(tallyRows(CONFIG, [...FACTS].reverse(), BOOK).map(rowCells)).toEqual(rows);
  });

  test('a period of whole months reads no day: the months’ totals are enough', () => {
    const parsed: string[] = [];
    const spy = {
      ...data,
      rows: data.rows.map((r) => ({
        ...r,
        get days() {
          parsed.push(r.days);
          return r.days;
        },
      })),
    };
    const p = { from: '2019-02-01', to: '2019-03-31' };
    expect(figuresOf(CONFIG, spy, p)).toEqual(figures(CONFIG, FACTS, BOOK, p));
    expect(parsed).toEqual([]);
    figuresOf(CONFIG, spy, { from: '2019-02-10', to: '2019-03-31' });
    expect(parsed.length).toBeGreaterThan(0);
  });
});
