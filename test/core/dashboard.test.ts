// What a leader reads on the dashboard for a chosen period: figures, attention list with reasons, series, history.

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
import { evaluate } from '../../src/core/evaluate';
import { factOf } from '../../src/core/facts';
import { readLoopSettings } from '../../src/core/loop-settings';
import { resolveChoice } from '../../src/core/periods';
import { ctx, response } from './fixtures';

function fact(id: string, unit: string, date: string, set: Record<string, string> = {}) {
  const [y, m, d] = date.split('-');
  const raw = response({ unit, date: `${d}/${m}/${y}`, set });
  const out = evaluate(raw, ctx);
  if (!out.ok) throw new Error(out.review.reason);
  return factOf(DEFAULT_CONFIG, id, out.inspection, raw);
}

// January: Hợp Tiến weak (two critical failures); February: three units, one late and one absent.
const FACTS = [
  fact('j1', 'Xã Hợp Tiến', '2019-01-10', { C8: 'Không đạt', A4: 'Không đạt', E1: 'Không đạt' }),
  fact('f1', 'Xã Hợp Tiến', '2019-02-19', { N1: '16', A1: '3', E1: 'Không áp dụng' }),
  fact('f2', 'Xã An Mỹ', '2019-02-20', { N1: '20', A2: '1' }),
  fact('f3', 'Xã Tuy Lai', '2019-02-21', { B2: 'Không đạt' }),
];
const SETTINGS = { days: 15, byCriterion: {}, remindBefore: 3 };
const TODAY = '2019-02-22';
const ACTIONS = deriveActions(DEFAULT_CONFIG, FACTS, [], new Map(), SETTINGS, TODAY).actions;

describe('figures for a chosen period', () => {
  test('this month: inspections, units of the total, mean, classes, critical, late and absent', () => {
    const p = resolveChoice('Tháng này', TODAY);
    const f = figures(DEFAULT_CONFIG, FACTS, ACTIONS, p);
    expect([f.inspections, f.unitsInspected, f.unitsTotal, f.meanScore]).toEqual([3, 3, 22, 98.4]);
    expect(f.perClass).toEqual([
      { label: 'Xuất sắc', units: 2 },
      { label: 'Tốt', units: 0 },
      { label: 'Khá', units: 0 },
      { label: 'Trung bình', units: 1 },
      { label: 'Yếu', units: 0 },
      { label: 'Chưa kiểm tra', units: 19 },
    ]);
    expect([f.criticalFailures, f.inspectionsWithCritical]).toEqual([1, 1]);
    expect(f.counts.slice(0, 2).map((c) => c.label)).toEqual([
      '3/56 lượt cán bộ, công chức đi muộn',
      '1/56 lượt cán bộ, công chức vắng mặt không có lý do',
    ]);
    expect([f.actionsOpen, f.actionsOverdue]).toEqual([3, 0]);
  });

  test('everything: January counts too; the unit capped in January stays Yếu only in "Tất cả"', () => {
    const all = figures(DEFAULT_CONFIG, FACTS, ACTIONS, resolveChoice('Tất cả', TODAY));
    expect(all.inspections).toBe(4);
    expect(all.perClass.find((c) => c.label === 'Yếu')?.units).toBe(1);
    const feb = ranking(
      DEFAULT_CONFIG,
      FACTS.filter((f) => f.date >= '2019-02-01'),
    );
    expect(feb.find((u) => u.unitCode === '10498')?.tier).toBe('Xuất sắc');
  });
});

describe('attention list', () => {
  test('worst first, each reason in words', () => {
    const list = attention(DEFAULT_CONFIG, FACTS, ACTIONS, resolveChoice('Tất cả', TODAY), TODAY);
    expect(list.map((a) => [a.unit, a.reason])).toEqual([
      [
        'Xã Hợp Tiến',
        'Xếp loại Yếu (điểm trung bình 92,7, 2 lần kiểm tra). 2 vi phạm nghiêm trọng: A4 Uống rượu, bia hoặc làm việc riêng trong giờ làm việc (10/01/2019); C8 Công chức Bộ phận Một cửa không có mặt tại vị trí làm việc (10/01/2019). 1 việc khắc phục quá hạn (E1; lâu nhất 28 ngày).',
      ],
      [
        'Xã An Mỹ',
        '1 vi phạm nghiêm trọng: A2 1/20 cán bộ, công chức vắng mặt không có lý do (20/02/2019).',
      ],
    ]);
  });

  test('a unit with only overdue actions from before the period is still listed', () => {
    const list = attention(DEFAULT_CONFIG, FACTS, ACTIONS, resolveChoice('Tuần này', TODAY), TODAY);
    expect(list.map((a) => a.unit)).toEqual(['Xã An Mỹ', 'Xã Hợp Tiến']);
    expect(list[1].reason).toBe('1 việc khắc phục quá hạn (E1; lâu nhất 28 ngày).');
  });
});

describe('chart series and history', () => {
  test('weekly means with empty weeks, findings by criterion in the period', () => {
    const weeks = weeklyMeans(FACTS, TODAY, 8);
    expect(weeks.map((w) => [w.label, w.mean])).toEqual([
      ['31/12', null],
      ['07/01', 87],
      ['14/01', null],
      ['21/01', null],
      ['28/01', null],
      ['04/02', null],
      ['11/02', null],
      ['18/02', 98.4],
    ]);
    const by = findingsByCriterion(DEFAULT_CONFIG, FACTS, resolveChoice('Tháng này', TODAY));
    expect(by.filter((c) => c.findings > 0)).toEqual([
      { code: 'A1', findings: 1 },
      { code: 'A2', findings: 1 },
      { code: 'B2', findings: 1 },
    ]);
    expect(by).toHaveLength(DEFAULT_CONFIG.checklist.criteria.length);
  });

  test('one unit: every inspection, change, trend, open actions', () => {
    const h = unitHistory(DEFAULT_CONFIG, FACTS, ACTIONS, '10498');
    expect(h.lines.map((l) => [l.date, l.score, l.tier, l.change])).toEqual([
      ['2019-01-10', 87, 'Yếu', null],
      ['2019-02-19', 98.4, 'Xuất sắc', 11.4],
    ]);
    expect(h.trend).toBe('Đang tiến bộ');
    expect(h.open.map((a) => [a.criterion, a.status])).toEqual([
      ['E1', 'Quá hạn'],
      ['A1', 'Chưa khắc phục'],
    ]);
  });
});

describe('loop settings', () => {
  test('defaults, per-criterion days, and every wrong value named', () => {
    const errors: string[] = [];
    const s = readLoopSettings([['Số ngày khắc phục', 10]], ['A2', 'C7'], TODAY, errors);
    expect(s.actions).toEqual({ days: 10, byCriterion: {}, remindBefore: 3 });
    expect([s.summary.from, s.summary.to]).toEqual(['2019-01-01', '2019-03-31']);
    expect(errors).toEqual([]);
    const s2 = readLoopSettings(
      [
        ['Hạn khắc phục theo tiêu chí', 'A2: 7; Z9: 3'],
        ['Nhắc trước hạn khắc phục (ngày)', 'ba'],
        ['Kỳ của trang Tổng hợp', 'Năm nay'],
      ],
      ['A2', 'C7'],
      TODAY,
      errors,
    );
    expect(s2.actions.byCriterion).toEqual({ A2: 7 });
    expect(s2.summary.from).toBe('2019-01-01');
    expect(s2.summary.to).toBe('2019-12-31');
    expect(errors).toEqual([
      'Cài đặt "Nhắc trước hạn khắc phục (ngày)" phải là số nguyên từ 0 đến 60, nhận được "ba".',
      'Cài đặt "Hạn khắc phục theo tiêu chí": "Z9: 3" không hợp lệ (cần mã tiêu chí có trong trang Tiêu chí và số ngày từ 1 đến 365, ví dụ "A2: 7").',
    ]);
  });
});
