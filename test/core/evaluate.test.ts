// Scoring of one inspection: answers (§1), base numbers (§2), score and faults (§4), tier (§5).

import fc from 'fast-check';
import { LABELS } from '../../src/core/answers';
import { DEFAULT_CONFIG } from '../../src/core/config';
import { evaluate, makeContext, type Outcome } from '../../src/core/evaluate';
import type { Inspection, ReviewEntry } from '../../src/core/types';
import { ctx, response } from './fixtures';

const scored = (o: Outcome): Inspection => {
  if (!o.ok) throw new Error(`expected a score, got ${o.review.code}: ${o.review.reason}`);
  return o.inspection;
};
const reviewed = (o: Outcome): ReviewEntry => {
  if (o.ok) throw new Error(`expected review, got score ${o.inspection.score}`);
  return o.review;
};
const run = (set: Record<string, string>, over = {}) => evaluate(response({ set, ...over }), ctx);

describe('answers (§1)', () => {
  test('all Đạt and no violations scores 100, Xuất sắc, no finding', () => {
    const i = scored(run({}));
    expect(i).toMatchObject({
      score: 100,
      earned: 100,
      max: 100,
      tier: 'Xuất sắc',
      findings: [],
      warnings: [],
    });
    expect(i.unitCode).toBe('10498');
  });

  test('labels compare after NFC, trimming and case folding', () => {
    const nfd = 'Không đạt'.normalize('NFD');
    const i = scored(
      run({ A3: `  ${nfd.toUpperCase()} `, B4: 'đạt MỘT phần', C4: 'không áp dụng' }),
    );
    expect(i.findings).toEqual(['A3', 'B4']);
    expect(i.max).toBe(97);
    expect(i.earned).toBe(100 - 3 - 3 - 2);
  });

  test('Đạt một phần on a yesno item is bad-answer naming the column and value', () => {
    const r = reviewed(run({ A3: 'Đạt một phần' }));
    expect(r.code).toBe('bad-answer');
    expect(r.reason).toContain('A3.');
    expect(r.reason).toContain('"Đạt một phần"');
  });

  test('choice3 credits: Đạt một phần = 0.5', () => {
    const i = scored(run({ C2: 'Đạt một phần' }));
    expect(i.earned).toBe(97.5);
    expect(i.findings).toEqual(['C2']);
  });

  test.each(['3.0', '+3', '-1', 'Đạt', '3 người', '٣'])('count %p is bad-number', (v) => {
    expect(reviewed(run({ A1: v })).code).toBe('bad-number');
  });

  test('counts may have leading zeros and surrounding spaces', () => {
    const i = scored(run({ A1: ' 03 ' }));
    expect(i.earned).toBeCloseTo(100 - (8 * 3) / 20, 9);
  });

  test('an empty answer is missing: excluded and named in warnings', () => {
    const i = scored(run({ B2: '', A1: '' }));
    expect(i.max).toBe(100 - 3 - 8);
    expect(i.score).toBe(100);
    expect(i.warnings).toHaveLength(2);
    expect(i.warnings[0]).toContain('A1');
    expect(i.warnings[1]).toContain('B2');
  });
});

describe('base numbers (§2)', () => {
  test('count credit is (b - v) / b', () => {
    const i = scored(run({ N1: '16', A1: '4', B1: '2' }));
    expect(i.earned).toBeCloseTo(100 - 8 * (4 / 16) - 5 * (2 / 16), 9);
  });

  test('an empty base makes its counts not applicable (and is warned about)', () => {
    const i = scored(run({ N1: '', A1: '5', A2: '5' }));
    expect(i.max).toBe(100 - 8 - 7 - 5);
    expect(i.findings).toEqual([]);
    expect(i.warnings.join(' ')).toContain('N1');
  });

  test('a base of 0 makes its counts not applicable and is not compared with them', () => {
    const i = scored(run({ N2: '0', C7: '4' }));
    expect(i.max).toBe(92);
    expect(i.findings).toEqual([]);
  });

  test('a bad base number is bad-number before any item fault', () => {
    const r = reviewed(run({ N2: 'mười', A3: 'sai' }));
    expect(r.code).toBe('bad-number');
    expect(r.reason).toContain('N2.');
    expect(r.reason).toContain('"mười"');
  });

  test('a count greater than its base is count-exceeds-base', () => {
    const r = reviewed(run({ N2: '5', C7: '6' }));
    expect(r.code).toBe('count-exceeds-base');
    expect(r.reason).toContain('C7');
  });

  test('a count equal to its base earns nothing but is valid', () => {
    const i = scored(run({ N2: '5', C7: '5' }));
    expect(i.criticalFailures).toEqual(['C7']);
    expect(i.earned).toBe(92);
  });
});

describe('score of one inspection (§4)', () => {
  test('87.25 exactly rounds to 87.3', () => {
    // lost: A1 8×3/32 = 0.75, C8 5, C4 3, B4 4 → 87.25 of 100
    const i = scored(
      run({
        N1: '32',
        A1: '3',
        C8: 'Không đạt',
        C4: 'Không đạt',
        B4: 'Không đạt',
      }),
    );
    expect(i.earned).toBe(87.25);
    expect(i.score).toBe(87.3);
  });

  test('half-up on the exact value even where floating point computes a hair below .x5', () => {
    // Searches count answers over thirds, sevenths… for scores that are exactly a tie at .x5
    // (20 × score odd) and checks each was rounded up.
    let found = 0;
    for (let n1 = 1; n1 <= 40 && found < 3; n1++) {
      for (let a1 = 0; a1 <= n1; a1++) {
        for (const drop of ['A3', 'B2', 'C4', 'E3', 'D2']) {
          const o = run({ N1: String(n1), A1: String(a1), [drop]: 'Không đạt' });
          if (!o.ok) continue;
          const { earned, max, score } = o.inspection;
          const exactTimes20 = (earned * 2000) / max; // 20 × score: an odd integer means a tie at .x5
          if (
            Math.abs(exactTimes20 - Math.round(exactTimes20)) < 1e-9 &&
            Math.round(exactTimes20) % 2 === 1
          ) {
            expect(score * 20).toBeCloseTo(Math.round(exactTimes20) + 1, 6);
            found++;
          }
        }
      }
    }
    expect(found).toBeGreaterThan(0);
  });

  test('a finding is an applicable item with credit < 1; a critical failure a finding on a critical item', () => {
    const i = scored(run({ A4: 'Không đạt', B2: 'Không đạt', C3: 'Đạt một phần' }));
    expect(i.findings).toEqual(['A4', 'B2', 'C3']);
    expect(i.criticalFailures).toEqual(['A4', 'C3']);
  });

  test('no applicable item: not-scorable', () => {
    const set: Record<string, string> = { N1: '', N2: '' };
    for (const c of DEFAULT_CONFIG.checklist.criteria)
      set[c.code] = c.type === 'count' ? '' : 'Không áp dụng';
    expect(reviewed(run(set)).code).toBe('not-scorable');
  });

  test('fault order: unit before date before base before items', () => {
    expect(reviewed(run({ A3: 'x', N1: 'y' }, { unit: '', date: 'hôm qua' })).code).toBe(
      'missing-unit',
    );
    expect(reviewed(run({ A3: 'x', N1: 'y' }, { unit: 'Xã Hòa Bình', date: 'hôm qua' })).code).toBe(
      'unknown-unit',
    );
    expect(reviewed(run({ A3: 'x', N1: 'y' }, { date: 'hôm qua' })).code).toBe('bad-date');
    expect(reviewed(run({ A3: 'x', N1: 'y' })).code).toBe('bad-number');
    expect(reviewed(run({ A3: 'x', A1: 'y' })).code).toBe('bad-number');
    expect(reviewed(run({ A1: '1', A3: 'x', C7: '11' })).code).toBe('bad-answer');
  });

  test('unknown unit reason names the value', () => {
    expect(reviewed(run({}, { unit: 'Xã Hòa Bình' })).reason).toContain(
      'Không tìm thấy đơn vị: Xã Hòa Bình',
    );
  });

  test('bad-date: unparseable date, or empty date with empty/unparseable timestamp', () => {
    expect(reviewed(run({}, { date: '31/02/2019' })).code).toBe('bad-date');
    expect(reviewed(run({}, { date: '', timestamp: '' })).code).toBe('bad-date');
    expect(reviewed(run({}, { date: '', timestamp: 'sáng nay' })).code).toBe('bad-date');
  });

  test('empty date falls back to the timestamp date in Vietnam', () => {
    // 17:30 UTC on the 20th is 00:30 on the 21st in Hà Nội.
    expect(scored(run({}, { date: '', timestamp: '2019-02-20T17:30:00Z' })).date).toBe(
      '2019-02-21',
    );
  });

  test('inspector falls back to the email', () => {
    expect(scored(run({}, { inspector: '' })).inspector).toBe('lan.nt@mydu.example.vn');
  });

  test('property: the score stays in [0, 100]', () => {
    const labelArb = (type: 'yesno' | 'choice3') => fc.constantFrom(...LABELS[type], '');
    const answersArb = fc.record({
      N1: fc.integer({ min: 0, max: 40 }),
      N2: fc.integer({ min: 0, max: 40 }),
      counts: fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 4, maxLength: 4 }),
      labels: fc.tuple(
        ...DEFAULT_CONFIG.checklist.criteria
          .filter((c) => c.type !== 'count')
          .map((c) => labelArb(c.type as 'yesno')),
      ),
    });
    fc.assert(
      fc.property(answersArb, (a) => {
        const set: Record<string, string> = { N1: String(a.N1), N2: String(a.N2) };
        const counts = DEFAULT_CONFIG.checklist.criteria.filter((c) => c.type === 'count');
        counts.forEach((c, k) => {
          const b = c.base === 'N1' ? a.N1 : a.N2;
          set[c.code] = String(Math.min(a.counts[k], b));
        });
        DEFAULT_CONFIG.checklist.criteria
          .filter((c) => c.type !== 'count')
          .forEach((c, k) => {
            set[c.code] = a.labels[k];
          });
        const o = run(set);
        if (!o.ok) return o.review.code === 'not-scorable';
        return o.inspection.score >= 0 && o.inspection.score <= 100;
      }),
    );
  });

  test('property: answering Không áp dụng instead of Không đạt never lowers the score', () => {
    const labelCodes = DEFAULT_CONFIG.checklist.criteria
      .filter((c) => c.type === 'yesno')
      .map((c) => c.code);
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('Đạt', 'Không đạt', 'Không áp dụng'), {
          minLength: labelCodes.length,
          maxLength: labelCodes.length,
        }),
        fc.integer({ min: 0, max: labelCodes.length - 1 }),
        (labels, k) => {
          const set: Record<string, string> = {};
          labelCodes.forEach((code, j) => {
            set[code] = labels[j];
          });
          set[labelCodes[k]] = 'Không đạt';
          const failed = scored(run(set)).score;
          const na = scored(run({ ...set, [labelCodes[k]]: 'Không áp dụng' })).score;
          return na >= failed;
        },
      ),
    );
  });
});

describe('classification (§5)', () => {
  const scoreWith = (loss: Record<string, string>) => scored(run(loss));

  test('bands by rounded score', () => {
    expect(scoreWith({ B2: 'Không đạt', B3: 'Không đạt', C4: 'Không đạt' }).tier).toBe('Xuất sắc'); // 91
    expect(
      scoreWith({ B2: 'Không đạt', B3: 'Không đạt', C4: 'Không đạt', E3: 'Không đạt' }).tier,
    ).toBe('Tốt'); // 88
  });

  test('one critical failure caps at Trung bình, two at Yếu', () => {
    const one = scoreWith({ C8: 'Không đạt' });
    expect(one.score).toBe(95);
    expect(one.tier).toBe('Trung bình');
    const two = scoreWith({ C8: 'Không đạt', A4: 'Không đạt' });
    expect(two.score).toBe(91);
    expect(two.tier).toBe('Yếu');
  });
});

describe('who is scored (step 0)', () => {
  const trust = { emails: ['NoiVu@mydu.example'], domains: ['mydu.example'] };
  const withTrust = (inspectors: string[] = []) =>
    makeContext(DEFAULT_CONFIG, 'dmy', undefined, inspectors, trust);
  const by = (email: string, c = withTrust()) => evaluate(response({ email }), c);

  test('an empty list trusts the office address and its domain; anyone else is held, named', () => {
    expect(scored(by('lan.nt@mydu.example')).score).toBe(100);
    expect(scored(by('NOIVU@mydu.example')).score).toBe(100);
    const held = reviewed(by('stranger1@gmail.example'));
    expect(held.code).toBe('not-inspector');
    expect(held.reason).toBe(
      'Giữ lại để xem xét: người gửi stranger1@gmail.example chưa được xác nhận là cán bộ kiểm tra. Danh sách cán bộ kiểm tra còn trống nên chỉ chấm phiếu gửi từ địa chỉ thuộc tên miền @mydu.example của cơ quan. Nếu đây là cán bộ kiểm tra, hãy thêm email vào danh sách cán bộ kiểm tra: phiếu sẽ được chấm ở lần chạy tự động sau.',
    );
    // A look-alike domain is not the office's.
    expect(reviewed(by('a@mydu.example.evil')).code).toBe('not-inspector');
    expect(reviewed(by('a@evil-mydu.example')).code).toBe('not-inspector');
  });

  test('a row without an address (typed or imported by an editor) is scored; no trust rule scores anyone', () => {
    expect(scored(by('')).score).toBe(100);
    // With a list too: an imported export scores in the workbook as it does in results.json.
    expect(scored(by('', withTrust(['hung.ld@gmail.example']))).score).toBe(100);
    expect(scored(evaluate(response({ email: 'x@gmail.example' }), ctx)).score).toBe(100);
  });

  test('a list decides alone: a listed outsider is scored, an unlisted colleague is held', () => {
    const listed = withTrust(['hung.ld@gmail.example']);
    expect(scored(by('Hung.LD@gmail.example', listed)).score).toBe(100);
    expect(reviewed(by('lan.nt@mydu.example', listed)).reason).toBe(
      'Người gửi không có trong danh sách cán bộ kiểm tra: lan.nt@mydu.example.',
    );
  });
});
