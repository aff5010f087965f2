// The summary tally: updated from changed rows it ranks exactly as a tally made from every row, and says when it cannot.

import { rankUnits } from '../../src/core/aggregate';
import { DEFAULT_CONFIG } from '../../src/core/config';
import { applyChanges, rankedOf, type TallyRow, tallyOf } from '../../src/core/summary-tally';

const config = DEFAULT_CONFIG;
const period = { from: '2019-01-01', to: '2019-03-31' };
const units = config.units.slice(0, 6).map((u) => u.code);
const dates = ['2018-12-30', '2019-01-05', '2019-02-10', '2019-02-10', '2019-03-31', '2019-04-01'];

function draws(seed: number): (n: number) => number {
  let s = seed;
  return (n) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return Math.floor((s / 2147483648) * n);
  };
}

function randomState(pick: (n: number) => number, row: number): TallyRow {
  const status = ['ok', 'ok', 'ok', 'duplicate', 'count-exceeds-base', ''][pick(6)];
  return {
    row,
    state: {
      status,
      unitCode: status === 'ok' ? units[pick(units.length)] : '',
      date: status === 'ok' ? dates[pick(dates.length)] : '',
      score: status === 'ok' ? 60 + pick(400) / 10 : null,
      critical: status === 'ok' ? [0, 0, 0, 1, 2][pick(5)] : 0,
      findings: status === 'ok' ? pick(4) : 0,
      processedTs: 1_546_300_000_000 + pick(5) * 1000,
    },
  };
}

/** What rankUnits gives for the same rows (the summary's reference). */
function reference(rows: readonly TallyRow[]) {
  const names = new Map(config.units.map((u) => [u.code, u.name]));
  return rankUnits(
    config,
    rows
      .map((r) => r.state)
      .filter(
        (s) =>
          s.status === 'ok' && s.score !== null && s.date >= period.from && s.date <= period.to,
      )
      .map((s) => ({
        unit: names.get(s.unitCode) ?? s.unitCode,
        unitCode: s.unitCode,
        date: s.date,
        timestamp: s.processedTs,
        score: s.score as number,
        criticalCount: s.critical,
      })),
    '2019-03-31',
  );
}

describe('the summary tally', () => {
  test.each([1, 2, 3, 4])(
    'updated change by change, it ranks as rankUnits does (seed %i)',
    (seed) => {
      const pick = draws(seed);
      let rows = Array.from({ length: 40 }, (_, i) => randomState(pick, i + 2));
      let tally = tallyOf(config, period, rows);
      let kept = 0;
      for (let step = 0; step < 200; step++) {
        // A submission changes one row, sometimes a new one, sometimes its duplicates too.
        const n = 1 + pick(3);
        const at = new Set(Array.from({ length: n }, () => 2 + pick(rows.length + 1)));
        const before = rows.filter((r) => at.has(r.row));
        const after = [...at].map((row) => randomState(pick, row));
        rows = [...rows.filter((r) => !at.has(r.row)), ...after].sort((a, b) => a.row - b.row);
        if (applyChanges(tally, config, period, before, after)) kept++;
        else tally = tallyOf(config, period, rows);
        expect(rankedOf(config, tally, '2019-03-31')).toEqual(reference(rows));
        expect(tally.totals).toEqual(tallyOf(config, period, rows).totals);
      }
      // Most changes are applied; only a unit's latest leaving without a later one recomputes.
      expect(kept).toBeGreaterThan(100);
    },
  );
});
