// Tổng hợp kept from a tally updated by each submission equals Tổng hợp rebuilt from every row, after submissions, duplicates, edits, reviews and a run stopped half-way.

import type { Workspace } from '../../src/local/emulator/runtime';
import { answers, CODE, rows, runDue, setUp, unstamped } from './harness';

const EMAIL = 'a@mydu.example';
const UNITS = ['Xã Hợp Tiến', 'Xã An Mỹ', 'Xã Đại Hưng', 'Xã Tuy Lai', 'Thị trấn Đại Nghĩa'];
const DATES = ['2019-01-10', '2019-01-28', '2019-02-04', '2019-02-11', '2019-02-15'];

/** Seeded draws, so a failure names a sequence that can be replayed. */
function draws(seed: number): (n: number) => number {
  let s = seed;
  return (n) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return Math.floor((s / 2147483648) * n);
  };
}

/** Random answers: a unit, a date, some criteria failed (C8 is critical), now and then a count over its base. */
function randomAnswers(pick: (n: number) => number): Record<string, string> {
  const set: Record<string, string> = { unit: UNITS[pick(UNITS.length)], date: DATES[pick(5)] };
  for (const code of ['B2', 'B3', 'C8']) if (pick(4) === 0) set[code] = 'Không đạt';
  // A count over its base goes to review.
  if (pick(8) === 0) Object.assign(set, { N2: '1', C7: '3' });
  return answers(set);
}

/** Tổng hợp now, and after a rebuild from every row (which replaces it). */
function keptAndRebuilt(ws: Workspace): { kept: unknown[][]; rebuilt: unknown[][] } {
  // The period line's refresh time is when each was written, not data.
  const read = () => rows(ws, 'Tổng hợp').map((r) => r.map(unstamped));
  const kept = read();
  ws.run(CODE, 'rebuildAll');
  return { kept, rebuilt: read() };
}

describe('Tổng hợp kept by each submission', () => {
  test.each([7, 2026])(
    'equals the rebuilt one after a random sequence of submissions, duplicates, edits and reviews (seed %i)',
    (seed) => {
      const { ws, formId } = setUp();
      const pick = draws(seed);
      const sent: { id: string; answers: Record<string, string> }[] = [];
      for (let step = 0; step < 24; step++) {
        ws.clock.advance(60_000 + pick(600_000));
        const kind = sent.length < 3 ? 0 : pick(6);
        if (kind === 4) {
          // An inspector edits an earlier response: another unit, date or answers.
          const k = pick(sent.length);
          const next = randomAnswers(pick);
          ws.edit(CODE, sent[k].id, next);
          sent[k].answers = next;
        } else if (kind === 5) {
          // The same inspection sent again: a duplicate displaces the earlier one.
          const again = sent[pick(sent.length)].answers;
          sent.push({
            id: ws.submit(CODE, formId, again, { email: EMAIL }).response.getId(),
            answers: again,
          });
        } else {
          const a = randomAnswers(pick);
          sent.push({
            id: ws.submit(CODE, formId, a, { email: EMAIL }).response.getId(),
            answers: a,
          });
        }
      }
      const { kept, rebuilt } = keptAndRebuilt(ws);
      expect(kept.length).toBeGreaterThan(UNITS.length - 1);
      expect(kept).toEqual(rebuilt);
    },
  );

  test('an edit that moves a unit’s latest inspection earlier shows the one now latest', () => {
    const { ws, formId } = setUp();
    ws.submit(CODE, formId, answers({ unit: 'Xã An Mỹ', date: '2019-01-10' }), { email: EMAIL });
    ws.clock.advance(60_000);
    const late = ws.submit(
      CODE,
      formId,
      answers({ unit: 'Xã An Mỹ', date: '2019-02-15', B2: 'Không đạt' }),
      { email: EMAIL },
    );
    ws.clock.advance(60_000);
    ws.submit(CODE, formId, answers({ unit: 'Xã An Mỹ', date: '2019-02-04', B3: 'Không đạt' }), {
      email: EMAIL,
    });
    const line = () => rows(ws, 'Tổng hợp').find((r) => r[2] === 'Xã An Mỹ') ?? [];
    const lastDate = () => (line()[4] as Date).toISOString().slice(0, 10);
    expect(line()[3]).toBe(3);
    // 15/02 in Hà Nội is 14/02 17:00 UTC.
    expect(lastDate()).toBe('2019-02-14');
    ws.clock.advance(60_000);
    ws.edit(CODE, late.response.getId(), answers({ unit: 'Xã An Mỹ', date: '2019-01-20' }));
    expect(line()[3]).toBe(3);
    expect(lastDate()).toBe('2019-02-03');
    const { kept, rebuilt } = keptAndRebuilt(ws);
    expect(kept).toEqual(rebuilt);
  });

  test('a run stopped after saving the tally and before writing the states leaves nothing counted twice', () => {
    // Each of the submission's writes fails in turn; the worker scores it again, another
    // submission follows, and Tổng hợp still equals the rebuilt one.
    for (let k = 1; k <= 4; k++) {
      const { ws, formId } = setUp();
      ws.submit(CODE, formId, answers({ unit: 'Xã An Mỹ' }), { email: EMAIL });
      ws.clock.advance(60_000);
      ws.faults.failAt({ call: k, method: 'Range.setValues' });
      ws.submit(CODE, formId, answers({ B2: 'Không đạt' }), { email: EMAIL });
      ws.faults.clear();
      runDue(ws, 'runQueue');
      ws.clock.advance(60_000);
      ws.submit(CODE, formId, answers({ unit: 'Xã Tuy Lai', C8: 'Không đạt' }), { email: EMAIL });
      const { kept, rebuilt } = keptAndRebuilt(ws);
      expect([k, kept]).toEqual([k, rebuilt]);
      expect(kept.filter((r) => r[3] === 1)).toHaveLength(3);
    }
  });
});
