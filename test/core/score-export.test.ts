// The response-table path (§8, §9): columns, records, duplicates, blank rows, results.json.

import fc from 'fast-check';
import { DEFAULT_CONFIG } from '../../src/core/config';
import { formHeaders } from '../../src/core/records';
import { InputError, scoreExport } from '../../src/core/score-export';
import { allPass } from './fixtures';

const headers = formHeaders(DEFAULT_CONFIG.checklist);
const idx = (h: string) => headers.findIndex((x) => x === h || x.startsWith(`${h}.`));

/** A record in form column order. */
const rec = (o: {
  ts?: string;
  unit?: string;
  date?: string;
  who?: string;
  set?: Record<string, string>;
  notes?: Record<string, string>;
}) => {
  const row = headers.map(() => '');
  row[0] = o.ts ?? '2019/02/21 8:35:12 AM GMT+7';
  row[1] = 'lan.nt@mydu.example.vn';
  row[2] = o.unit ?? 'Xã Hợp Tiến';
  row[3] = o.date ?? '21/02/2019';
  row[4] = o.who ?? 'Nguyễn Thị Lan';
  for (const [code, v] of Object.entries({ ...allPass(), ...(o.set ?? {}) })) row[idx(code)] = v;
  for (const [g, v] of Object.entries(o.notes ?? {})) row[headers.indexOf(`Ghi chú nhóm ${g}`)] = v;
  return row;
};
const score = (rows: string[][], opts = {}, head = headers) =>
  scoreExport([head, ...rows], DEFAULT_CONFIG, opts);

describe('columns (§8)', () => {
  test('no unit column is an error for the whole file', () => {
    const head = headers.filter((h) => h !== 'Đơn vị được kiểm tra');
    expect(() => score([], {}, head)).toThrow(InputError);
    expect(() => score([], {}, head)).toThrow(/Đơn vị được kiểm tra/);
  });

  test('English headers, case and spacing variants, CODE. with or without a space', () => {
    const head = headers.map((h) =>
      h === 'Dấu thời gian'
        ? 'Timestamp'
        : h === 'Địa chỉ email'
          ? 'EMAIL ADDRESS'
          : h === 'Đơn vị được kiểm tra'
            ? '  đơn vị được kiểm tra '
            : h.replace(/^A1\. /, 'A1.'),
    );
    const run = score([rec({ set: { A1: '2' } })], {}, head);
    expect(run.results.inspections[0].findings).toEqual(['A1']);
  });

  test('a criterion column missing from the file: missing everywhere, a warning, not an error', () => {
    const drop = idx('B2');
    const head = headers.filter((_, i) => i !== drop);
    const row = rec({}).filter((_, i) => i !== drop);
    const run = score([row], {}, head);
    expect(run.absentColumns).toEqual(['B2']);
    expect(run.results.inspections[0].max).toBe(97);
    expect(run.results.inspections[0].warnings.join(' ')).toContain('B2');
  });

  test('several columns with one code: the rightmost non-empty answer wins', () => {
    const head = [...headers, 'B2. Có biển tên (câu hỏi cũ)', 'B2. Có biển tên (mới)'];
    const a = [...rec({}), 'Không đạt', ''];
    expect(score([a], {}, head).results.inspections[0].findings).toEqual(['B2']);
    const b = [...rec({ set: { B2: 'Không đạt' } }), 'Không đạt', 'Đạt'];
    expect(score([b], {}, head).results.inspections[0].findings).toEqual([]);
  });

  test('unknown columns are kept as extra notes; a short record is padded', () => {
    const head = [...headers, 'Ảnh chụp'];
    const run = score([[...rec({}), 'ảnh 1.jpg'], rec({}).slice(0, 5)], {}, head);
    expect(run.batch.inspections[0].extras).toEqual([{ header: 'Ảnh chụp', value: 'ảnh 1.jpg' }]);
    expect(run.results.review[0]).toMatchObject({ row: 3, code: 'not-scorable' });
  });

  test('the recorded start time is read from its column (the biên bản time), never from the timestamp', () => {
    const at = (r: string[], time: string) => {
      r[headers.indexOf('Giờ bắt đầu kiểm tra')] = time;
      return r;
    };
    const run = score([
      at(rec({}), '7:40'),
      at(rec({ unit: 'Xã An Mỹ' }), '2:05:00 PM'),
      at(rec({ unit: 'Xã Tuy Lai' }), 'sáng sớm'),
      rec({ unit: 'Xã Đồng Tâm' }),
    ]);
    const [a, b, c, d] = run.batch.inspections;
    expect([a.startTime, b.startTime, c.startTime, d.startTime]).toEqual([
      '07:40',
      '14:05',
      null,
      null,
    ]);
    expect(a.extras).toEqual([]);
    expect(c.warnings).toContain(
      'Giờ kiểm tra không đọc được: "sáng sớm" (ghi dạng 08:30); biên bản chỉ ghi ngày.',
    );
    expect(a.bases).toEqual({ N1: 20, N2: 10 });
  });

  test('group notes are read by "Ghi chú nhóm X"', () => {
    const run = score([rec({ notes: { A: 'Đ/c Hùng đi muộn' } })]);
    expect(run.batch.inspections[0].notes).toEqual({ A: 'Đ/c Hùng đi muộn' });
  });
});

describe('records (§8)', () => {
  test('a blank record is skipped silently but keeps sheet row numbers', () => {
    const run = score([rec({}), headers.map(() => ''), [''], rec({ unit: 'Xã Hòa Bình' })]);
    expect(run.results.inspections.map((i) => i.row)).toEqual([2]);
    expect(run.results.review).toEqual([
      { row: 5, code: 'unknown-unit', reason: expect.stringContaining('Xã Hòa Bình') },
    ]);
  });

  test('dates: ISO always, else day first; month first on request, timestamps too', () => {
    expect(score([rec({ date: '2019-02-03' })]).results.inspections[0].date).toBe('2019-02-03');
    expect(score([rec({ date: '03/02/2019' })]).results.inspections[0].date).toBe('2019-02-03');
    expect(score([rec({ date: '03.02.2019' })]).results.inspections[0].date).toBe('2019-02-03');
    expect(
      score([rec({ date: '02/03/2019' })], { dateOrder: 'mdy' }).results.inspections[0].date,
    ).toBe('2019-02-03');
    expect(
      score([rec({ date: '', ts: '2/3/2019 8:00:00' })], { dateOrder: 'mdy' }).results
        .inspections[0].date,
    ).toBe('2019-02-03');
    expect(score([rec({ date: '', ts: '3/2/2019 8:00:00' })]).results.inspections[0].date).toBe(
      '2019-02-03',
    );
    expect(score([rec({ date: '13/13/2019' })]).results.review[0].code).toBe('bad-date');
  });

  test('duplicates: same unit, date and answers → the latest timestamp is kept, the other is reviewed', () => {
    const run = score([
      rec({ ts: '2019/02/21 9:00:00 AM GMT+7', notes: { A: 'bản sau' } }),
      rec({ ts: '2019/02/21 8:00:00 AM GMT+7', set: { A3: ' đạt ' } }),
      rec({ ts: '2019/02/21 8:30:00 AM GMT+7', set: { A1: '00' } }),
      rec({ ts: '2019/02/21 8:30:00 AM GMT+7', set: { A1: '1' } }),
    ]);
    expect(run.results.inspections.map((i) => i.row)).toEqual([2, 5]);
    expect(run.results.review.map((r) => [r.row, r.code])).toEqual([
      [3, 'duplicate'],
      [4, 'duplicate'],
    ]);
    expect(run.results.review[0].reason).toContain('dòng 2');
  });

  test('duplicates: a missing timestamp is oldest; on a tie the later row is kept', () => {
    const a = score([rec({ ts: '' }), rec({ ts: '2019/02/21 8:00:00 AM GMT+7' })]);
    expect(a.results.inspections.map((i) => i.row)).toEqual([3]);
    const b = score([rec({}), rec({})]);
    expect(b.results.inspections.map((i) => i.row)).toEqual([3]);
    expect(b.results.review).toEqual([
      { row: 2, code: 'duplicate', reason: expect.stringContaining('dòng 3') },
    ]);
  });

  test('records that cannot be scored are not duplicates of each other', () => {
    const run = score([rec({ set: { A3: 'sai' } }), rec({ set: { A3: 'sai' } })]);
    expect(run.results.review.map((r) => r.code)).toEqual(['bad-answer', 'bad-answer']);
  });

  test('review lists every faulty record whatever its date; inspections only those in the period', () => {
    const run = score(
      [
        rec({ date: '01/01/2019' }),
        rec({ date: '01/01/2019', set: { B2: 'x' } }),
        rec({ date: '21/02/2019', unit: 'Xã An Mỹ' }),
      ],
      {
        from: '2019-02-01',
      },
    );
    expect(run.results.inspections.map((i) => i.row)).toEqual([4]);
    expect(run.results.review.map((r) => r.row)).toEqual([3]);
  });

  test('property: shuffling records changes nothing when there are no duplicates', () => {
    const units = DEFAULT_CONFIG.units.map((u) => u.name);
    const arb = fc.array(
      fc.record({
        unit: fc.constantFrom(...units),
        day: fc.integer({ min: 1, max: 28 }),
        a1: fc.integer({ min: 0, max: 20 }),
        b4: fc.constantFrom('Đạt', 'Không đạt', 'Đạt một phần', 'Không áp dụng', 'sai'),
      }),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(arb, fc.infiniteStream(fc.nat()), (list, rand) => {
        const rows = list.map((r, k) =>
          rec({
            unit: r.unit,
            date: `${String(r.day).padStart(2, '0')}/02/2019`,
            set: { A1: String(r.a1), B4: r.b4, N2: String(20 + k) },
          }),
        );
        const shuffled = rows
          .map((r, k) => ({ r, k, s: rand.next().value as number }))
          .sort((x, y) => x.s - y.s);
        const a = score(rows).results;
        const b = score(shuffled.map((x) => x.r)).results;
        const key = (res: typeof a) => ({
          units: res.units,
          criteria: res.criteria,
          period: res.period,
          scores: res.inspections.map((i) => `${i.unitCode}|${i.date}|${i.score}`).sort(),
          review: res.review.map((r) => r.code).sort(),
        });
        expect(key(b)).toEqual(key(a));
      }),
      { numRuns: 50 },
    );
  });
});

describe('results.json (§9)', () => {
  test('has exactly the contract fields in order', () => {
    const run = score([rec({ set: { N1: '16', A1: '1', B1: '1' } }), rec({ unit: 'Xã Hòa Bình' })]);
    const r = run.results;
    expect(Object.keys(r)).toEqual([
      'period',
      'inspections',
      'units',
      'notInspected',
      'criteria',
      'review',
    ]);
    expect(Object.keys(r.inspections[0])).toEqual([
      'row',
      'unit',
      'unitCode',
      'date',
      'inspector',
      'score',
      'earned',
      'max',
      'tier',
      'findings',
      'criticalFailures',
      'warnings',
    ]);
    expect(Object.keys(r.units[0])).toEqual([
      'unit',
      'unitCode',
      'inspections',
      'mean',
      'rank',
      'tier',
    ]);
    expect(r.inspections[0]).toMatchObject({
      unit: 'Xã Hợp Tiến',
      unitCode: '10498',
      date: '2019-02-21',
      inspector: 'Nguyễn Thị Lan',
      max: 100,
    });
    expect(r.inspections[0].earned).toBeCloseTo(100 - 8 / 16 - 5 / 16, 9);
    expect(r.review[0]).toEqual({ row: 3, code: 'unknown-unit', reason: expect.any(String) });
    expect(r.notInspected).toHaveLength(21);
  });
});
