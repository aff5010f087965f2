// The corrective-action state machine: every status by its evidence, keys, reports, reminders, overdue by unit.

import {
  type ActionSettings,
  actionKey,
  deriveActions,
  type FixReport,
  type OfficeEntry,
  overdueByUnit,
  remindersDue,
  STATUS,
} from '../../src/core/actions';
import { DEFAULT_CONFIG } from '../../src/core/config';
import { evaluate } from '../../src/core/evaluate';
import { factFromRow, factOf, factRow, type InspectionFact } from '../../src/core/facts';
import { ctx, response } from './fixtures';

const SETTINGS: ActionSettings = { days: 15, byCriterion: { A2: 7 }, remindBefore: 3 };

/** The facts of an inspection of Xã Hợp Tiến (or `unit`) on `date` with answers `set`. */
function fact(id: string, date: string, set: Record<string, string>, unit = 'Xã Hợp Tiến') {
  const [y, m, d] = date.split('-');
  const raw = response({ unit, date: `${d}/${m}/${y}`, set });
  const out = evaluate(raw, ctx);
  if (!out.ok) throw new Error(out.review.reason);
  return factOf(DEFAULT_CONFIG, id, out.inspection, raw);
}

const report = (over: Partial<FixReport>): FixReport => ({
  id: 'r1',
  unitCode: '10498',
  criterion: 'B2',
  date: '2019-02-25',
  ts: Date.UTC(2019, 1, 25),
  done: 'Đã làm biển tên cho 3 đồng chí',
  evidence: 'https://drive.example/anh',
  ...over,
});

const book = (
  facts: InspectionFact[],
  today: string,
  reports: FixReport[] = [],
  office: Record<string, Partial<OfficeEntry>> = {},
) =>
  deriveActions(
    DEFAULT_CONFIG,
    facts,
    reports,
    new Map(
      Object.entries(office).map(([k, v]) => [k, { confirm: '', note: '', reminded: '', ...v }]),
    ),
    SETTINGS,
    today,
  );

describe('deriveActions', () => {
  const feb = fact('resp-1', '2019-02-21', {
    B2: 'Không đạt',
    N1: '16',
    A1: '3',
    C2: 'Đạt một phần',
  });

  test('every finding is one action: wording with its numbers, deadline, open', () => {
    const { actions } = book([feb], '2019-02-22');
    expect(actions.map((a) => [a.key, a.finding, a.deadline, a.status])).toEqual([
      ['resp-1|A1', '3/16 cán bộ, công chức đi muộn', '2019-03-08', STATUS.open],
      ['resp-1|B2', 'Không có biển tên, chức danh tại bàn làm việc', '2019-03-08', STATUS.open],
      [
        'resp-1|C2',
        'Bộ phận Một cửa chưa gọn gàng, sạch đẹp hoặc thiếu trang thiết bị (đạt một phần)',
        '2019-03-08',
        STATUS.open,
      ],
    ]);
    expect(actions[0].basis).toBe('Còn 14 ngày.');
  });

  test('a criterion with its own number of days; the requirement where the office left the wording empty', () => {
    const config = {
      ...DEFAULT_CONFIG,
      checklist: {
        ...DEFAULT_CONFIG.checklist,
        criteria: DEFAULT_CONFIG.checklist.criteria.map((c) =>
          c.code === 'A2' || c.code === 'C2' ? { ...c, finding: '' } : c,
        ),
      },
    };
    const f = fact('x', '2019-02-21', { N1: '16', A2: '2', B2: 'Không đạt', C2: 'Đạt một phần' });
    const { actions } = deriveActions(config, [f], [], new Map(), SETTINGS, '2019-02-21');
    expect(actions.map((a) => [a.finding, a.deadline, a.critical])).toEqual([
      ['Không đạt: Số cán bộ, công chức vắng mặt không có lý do (2/16)', '2019-02-28', true],
      ['Không có biển tên, chức danh tại bàn làm việc', '2019-03-08', false],
      [
        'Không đạt: Bộ phận Một cửa bố trí gọn gàng, sạch đẹp, đủ trang thiết bị (đạt một phần)',
        '2019-03-08',
        false,
      ],
    ]);
  });

  test('the deadline passes open: overdue, with the days counted', () => {
    const { actions } = book([feb], '2019-03-10');
    expect(actions.every((a) => a.status === STATUS.overdue)).toBe(true);
    expect(actions[0].basis).toBe('Quá hạn 2 ngày.');
    expect(book([feb], '2019-03-08').actions[0].status).toBe(STATUS.open);
  });

  test('a report moves it to reported (not overdue), the office confirms or refuses', () => {
    const r = report({});
    let a = book([feb], '2019-03-10', [r]).actions.find((x) => x.criterion === 'B2')!;
    expect([a.status, a.report?.done]).toEqual([STATUS.reported, r.done]);
    a = book([feb], '2019-03-10', [r], { 'resp-1|B2': { confirm: 'Đã khắc phục' } }).actions.find(
      (x) => x.criterion === 'B2',
    )!;
    expect([a.status, a.basis]).toEqual([STATUS.fixed, 'Văn phòng xác nhận đã khắc phục.']);
    a = book([feb], '2019-03-10', [r], { 'resp-1|B2': { confirm: 'chưa đạt' } }).actions.find(
      (x) => x.criterion === 'B2',
    )!;
    expect(a.status).toBe(STATUS.overdue);
    expect(a.basis).toContain('Văn phòng chưa chấp nhận');
    a = book([feb], '2019-03-01', [r], { 'resp-1|B2': { confirm: 'Chưa đạt' } }).actions.find(
      (x) => x.criterion === 'B2',
    )!;
    expect([a.status, a.basis]).toEqual([
      STATUS.open,
      'Văn phòng chưa chấp nhận báo cáo khắc phục.',
    ]);
  });

  test('the office may confirm without a report', () => {
    const a = book([feb], '2019-03-20', [], { 'resp-1|A1': { confirm: 'x' } }).actions[0];
    expect(a.status).toBe(STATUS.fixed);
  });

  test('a later inspection closes what it passes and marks a repeat what it fails, over the office', () => {
    const mar = fact('resp-2', '2019-03-20', { B2: 'Không đạt' });
    const { actions } = book([mar, feb], '2019-03-21', [report({})], {
      'resp-1|B2': { confirm: 'Đã khắc phục' },
    });
    const status = Object.fromEntries(actions.map((a) => [a.key, [a.status, a.basis]]));
    expect(status).toEqual({
      'resp-1|A1': [STATUS.fixed, 'Kiểm tra ngày 20/03/2019 đã đạt.'],
      'resp-1|B2': [STATUS.repeat, 'Kiểm tra ngày 20/03/2019 vẫn không đạt.'],
      'resp-1|C2': [STATUS.fixed, 'Kiểm tra ngày 20/03/2019 đã đạt.'],
      'resp-2|B2': [STATUS.open, 'Còn 14 ngày.'],
    });
  });

  test('a later inspection where the criterion does not apply decides nothing', () => {
    const mar = fact('resp-2', '2019-03-20', { N1: '0' });
    const a = book([feb, mar], '2019-03-21').actions.find((x) => x.key === 'resp-1|A1')!;
    expect(a.status).toBe(STATUS.overdue);
  });

  test('another unit inspected later changes nothing', () => {
    const other = fact('resp-9', '2019-03-01', {}, 'Xã An Mỹ');
    expect(book([feb, other], '2019-02-22').actions.map((a) => a.status)).toEqual([
      STATUS.open,
      STATUS.open,
      STATUS.open,
    ]);
  });

  test('a report goes to the latest finding before it; a report with no finding is unmatched', () => {
    const mar = fact('resp-2', '2019-03-20', { B2: 'Không đạt' });
    const { actions, unmatched } = book([feb, mar], '2019-03-25', [
      report({ id: 'r2', date: '2019-03-24', ts: Date.UTC(2019, 2, 24) }),
      report({ id: 'r3', criterion: 'E3' }),
    ]);
    expect(actions.find((a) => a.key === 'resp-2|B2')?.status).toBe(STATUS.reported);
    expect(unmatched.map((u) => u.reason)).toEqual([
      'Không có tồn tại nào về tiêu chí E3 của đơn vị 10498 được phát hiện đến ngày 25/02/2019.',
    ]);
  });

  test('the same book whatever the order of facts and reports, or a repeated report', () => {
    const mar = fact('resp-2', '2019-03-20', { B2: 'Không đạt' });
    const r = report({});
    const a = book([feb, mar], '2019-03-25', [r]);
    const b = book([mar, feb], '2019-03-25', [r, r]);
    expect(b).toEqual(a);
  });

  test('a fact written to the sheet reads back the same', () => {
    expect(factFromRow(factRow(feb))).toEqual(feb);
    expect(factFromRow(['', '', '', '', '', '', '', '', '', '', '', ''])).toBeNull();
  });

  test('keys are response id and criterion', () => {
    expect(actionKey('abc', 'C7')).toBe('abc|C7');
  });
});

describe('reminders and overdue lists', () => {
  const feb = fact('resp-1', '2019-02-21', { B2: 'Không đạt', N1: '16', A2: '1' });
  const other = fact('resp-3', '2019-02-22', { E3: 'Không đạt' }, 'Xã An Mỹ');

  test('due soon or overdue, once per deadline, never for reported or closed actions', () => {
    const today = '2019-03-01';
    let acts = book([feb, other], today).actions;
    // A2 is due 28/02 (overdue), B2 08/03 (7 days: not yet), E3 09/03.
    expect(
      remindersDue(acts, SETTINGS, today).map((r) => [
        r.unit,
        r.items.map((i) => [i.action.criterion, i.kind]),
      ]),
    ).toEqual([['Xã Hợp Tiến', [['A2', 'overdue']]]]);
    acts = book([feb, other], '2019-03-06', [], {
      'resp-1|A2': { reminded: '2019-02-28' },
    }).actions;
    expect(
      remindersDue(acts, SETTINGS, '2019-03-06').map((r) => [
        r.unitCode,
        r.items.map((i) => [i.action.criterion, i.kind]),
      ]),
    ).toEqual([
      ['10462', [['E3', 'soon']]],
      ['10498', [['B2', 'soon']]],
    ]);
    acts = book([feb, other], '2019-03-06', [report({})], {
      'resp-1|A2': { reminded: '2019-02-28' },
      'resp-3|E3': { confirm: 'Đã khắc phục' },
    }).actions;
    expect(remindersDue(acts, SETTINGS, '2019-03-06')).toEqual([]);
  });

  test('overdue actions by unit, the most first, with days overdue', () => {
    const acts = book([feb, other], '2019-03-20').actions;
    expect(
      overdueByUnit(acts, '2019-03-20').map((u) => [
        u.unit,
        u.actions.map((a) => [a.criterion, a.days]),
      ]),
    ).toEqual([
      [
        'Xã Hợp Tiến',
        [
          ['A2', 20],
          ['B2', 12],
        ],
      ],
      ['Xã An Mỹ', [['E3', 11]]],
    ]);
  });
});
