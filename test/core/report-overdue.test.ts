// Section III of the báo cáo with the corrective actions past their deadline: sentences per unit and the short table.

import { type Action, type ActionStatus, overdueByUnit, STATUS } from '../../src/core/actions';
import { aggregate } from '../../src/core/aggregate';
import { DEFAULT_CONFIG } from '../../src/core/config';
import { evaluate } from '../../src/core/evaluate';
import { buildReport, type DocSettings } from '../../src/core/report';
import { ctx, response } from './fixtures';

const SETTINGS: DocSettings = {
  parentBody: '',
  issuingBody: 'ỦY BAN NHÂN DÂN HUYỆN MỸ ĐỨC',
  issuingShort: 'UBND huyện Mỹ Đức',
  place: 'Mỹ Đức',
  reportNumber: '…/BC-UBND',
  basis: 'Kế hoạch số 207/KH-UBND ngày 15/02/2019 của UBND huyện Mỹ Đức',
  signerAuthority: ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH'],
  signerTitle: 'PHÓ CHỦ TỊCH',
  signerName: 'Nguyễn Văn Bình',
  recipients: ['UBND các xã, thị trấn'],
  recommendations: 'Đề nghị các xã chấn chỉnh.',
  fixDays: 15,
  reportTo: 'Phòng Văn hóa - Nội vụ',
};

let n = 0;
const action = (
  unitCode: string,
  unit: string,
  criterion: string,
  finding: string,
  deadline: string,
  status: ActionStatus = STATUS.overdue,
): Action => ({
  key: `r${++n}|${criterion}`,
  responseId: `r${n}`,
  unitCode,
  unit,
  criterion,
  critical: false,
  finding,
  date: '2019-02-20',
  deadline,
  status,
  basis: '',
  report: null,
  office: { confirm: '', note: '', reminded: '' },
});

// On 17/03/2019: Hợp Tiến has one overdue action, Phùng Xá two (listed out of deadline order),
// Tuy Lai one still open and one fixed (neither overdue).
const ACTIONS: Action[] = [
  action('10498', 'Xã Hợp Tiến', 'A1', '3/16 cán bộ, công chức đi muộn', '2019-03-06'),
  action('10510', 'Xã Phùng Xá', 'C2', 'Bộ phận Một cửa chưa gọn gàng', '2019-03-14'),
  action(
    '10510',
    'Xã Phùng Xá',
    'B2',
    'Không có biển tên, chức danh tại bàn làm việc',
    '2019-03-12',
  ),
  action('10507', 'Xã Tuy Lai', 'D1', 'Chưa công khai thủ tục', '2019-03-20', STATUS.open),
  action('10507', 'Xã Tuy Lai', 'B1', 'Không đeo thẻ', '2019-03-01', STATUS.fixed),
];
const TODAY = '2019-03-17';

const inspection = (() => {
  const o = evaluate(
    response({ row: 2, unit: 'Xã Tuy Lai', date: '11/03/2019', set: { D1: 'Không đạt' } }),
    ctx,
  );
  if (!o.ok) throw new Error(o.review.reason);
  return o.inspection;
})();
const agg = aggregate(DEFAULT_CONFIG, [inspection], { from: '2019-03-11', to: '2019-03-17' });

/** Section III's blocks (everything after its heading). */
const sectionIII = (m: ReturnType<typeof buildReport>) =>
  m.blocks.slice(m.blocks.findIndex((b) => b.kind === 'heading' && b.text.startsWith('III.')));

describe('overdue corrective actions in the báo cáo', () => {
  const overdue = overdueByUnit(ACTIONS, TODAY);
  const m = buildReport(DEFAULT_CONFIG, agg, SETTINGS, TODAY, overdue);
  const iii = sectionIII(m);

  test('after the standard text, one sentence per unit, the unit with the most first', () => {
    expect(iii[1]).toEqual({ kind: 'paragraph', text: 'Đề nghị các xã chấn chỉnh.' });
    expect(iii[2]).toEqual({
      kind: 'paragraph',
      text: 'Đến ngày 17/03/2019, 2 đơn vị còn việc khắc phục đã quá hạn:',
    });
    expect(iii[3]).toEqual({
      kind: 'item',
      text: '- UBND xã Phùng Xá còn 2 việc khắc phục quá hạn: Không có biển tên, chức danh tại bàn làm việc (hạn 12/03/2019, quá 5 ngày); Bộ phận Một cửa chưa gọn gàng (hạn 14/03/2019, quá 3 ngày); đề nghị hoàn thành ngay và báo cáo về Phòng Văn hóa - Nội vụ.',
    });
    expect(iii[4]).toEqual({
      kind: 'item',
      text: '- UBND xã Hợp Tiến còn 1 việc khắc phục quá hạn: 3/16 cán bộ, công chức đi muộn (hạn 06/03/2019, quá 11 ngày); đề nghị hoàn thành ngay và báo cáo về Phòng Văn hóa - Nội vụ.',
    });
    // Units with no overdue action (Tuy Lai: one open, one fixed) are not named here.
    expect(
      iii
        .slice(2, 6)
        .map((b) => (b.kind === 'table' ? '' : b.text))
        .join('\n'),
    ).not.toContain('Tuy Lai');
  });

  test('a short table of the same actions, widths summing to the text width', () => {
    const table = iii[5];
    if (table.kind !== 'table') throw new Error(`expected a table, got ${table.kind}`);
    expect(table.headers).toEqual([
      'STT',
      'Đơn vị',
      'Tồn tại quá hạn',
      'Hạn khắc phục',
      'Số ngày quá hạn',
    ]);
    expect(table.rows).toEqual([
      ['1', 'Xã Phùng Xá', 'Không có biển tên, chức danh tại bàn làm việc', '12/03/2019', '5'],
      ['2', 'Xã Phùng Xá', 'Bộ phận Một cửa chưa gọn gàng', '14/03/2019', '3'],
      ['3', 'Xã Hợp Tiến', '3/16 cán bộ, công chức đi muộn', '06/03/2019', '11'],
    ]);
    expect(table.widths.reduce((a, b) => a + b, 0)).toBe(466);
    expect(table.widths).toHaveLength(5);
    // The per-unit requests for this period's findings follow.
    expect(iii[6].kind).toBe('paragraph');
    expect(iii[6].kind !== 'table' && iii[6].text).toContain('Đề nghị Chủ tịch UBND đơn vị');
  });

  test('none overdue (or not given): section III is exactly as before, no empty lead or table', () => {
    const plain = sectionIII(buildReport(DEFAULT_CONFIG, agg, SETTINGS, TODAY));
    const none = sectionIII(buildReport(DEFAULT_CONFIG, agg, SETTINGS, TODAY, []));
    const notYet = sectionIII(
      buildReport(
        DEFAULT_CONFIG,
        agg,
        SETTINGS,
        TODAY,
        overdueByUnit(
          ACTIONS.filter((a) => a.status !== STATUS.overdue),
          TODAY,
        ),
      ),
    );
    expect(none).toEqual(plain);
    expect(notYet).toEqual(plain);
    expect(plain.some((b) => b.kind === 'table')).toBe(false);
    expect(JSON.stringify(plain)).not.toContain('quá hạn');
    expect(iii.length - plain.length).toBe(4);
  });
});
