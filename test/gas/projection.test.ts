// What the derived sheets show a leader: finding wordings with numbers, review labels beside codes, the summary ranked by class with the cap explained.

import { DEFAULT_CONFIG } from '../../src/core/config';
import { evaluate } from '../../src/core/evaluate';
import { type RowOutcome, rowsFor, summaryRows } from '../../src/gas/projection';
import type { RowState } from '../../src/gas/response-table';
import { ctx, response } from '../core/fixtures';

const state = (over: Partial<RowState>): RowState => ({
  id: 'r',
  processedTs: 0,
  status: 'ok',
  unitCode: '',
  date: '2019-02-21',
  score: null,
  critical: 0,
  findings: 0,
  key: '',
  minutes: '',
  mailed: null,
  mail: '',
  ...over,
});

describe('derived sheets', () => {
  test('Tồn tại: the finding wording with its numbers, never the requirement', () => {
    const raw = response({ set: { A1: '3', N1: '16', B2: 'Không đạt', C2: 'Đạt một phần' } });
    const o = evaluate(raw, ctx);
    if (!o.ok) throw new Error(o.review.reason);
    const outcome: RowOutcome = {
      row: 2,
      ts: null,
      raw,
      state: state({ findings: 3 }),
      inspection: o.inspection,
    };
    const rows = rowsFor('Tồn tại', outcome, DEFAULT_CONFIG);
    expect(rows.map((r) => [r[4], r[5], r[6]])).toEqual([
      ['A1', '3/16 cán bộ, công chức đi muộn', '3/16'],
      ['B2', 'Không có biển tên, chức danh tại bàn làm việc', 'Không đạt'],
      [
        'C2',
        'Bộ phận Một cửa chưa gọn gàng, sạch đẹp hoặc thiếu trang thiết bị (đạt một phần)',
        'Đạt một phần',
      ],
    ]);
  });

  test('Kết quả: the critical failures with the cap explained', () => {
    const raw = response({ set: { C8: 'Không đạt' } });
    const o = evaluate(raw, ctx);
    if (!o.ok) throw new Error(o.review.reason);
    const outcome: RowOutcome = {
      row: 2,
      ts: null,
      raw,
      state: state({}),
      inspection: o.inspection,
    };
    const [row] = rowsFor('Kết quả', outcome, DEFAULT_CONFIG);
    expect(row.slice(8, 12)).toEqual([
      95,
      'Trung bình',
      'C8',
      'C8 (xếp loại hạ từ Xuất sắc xuống Trung bình)',
    ]);
  });

  test('Cần xem lại: a Vietnamese label beside the code', () => {
    const raw = response({ unit: 'Xã Hòa Bình' });
    const o = evaluate(raw, ctx);
    if (o.ok) throw new Error('expected review');
    const outcome: RowOutcome = {
      row: 2,
      ts: null,
      raw,
      state: state({ status: 'unknown-unit' }),
      review: o.review,
    };
    const [row] = rowsFor('Cần xem lại', outcome, DEFAULT_CONFIG);
    expect(row[5]).toBe('Không rõ đơn vị (unknown-unit)');
  });

  test('Tổng hợp: classification first, then mean; the cap explained where it lowered the class', () => {
    const rows = summaryRows(
      [
        state({ unitCode: '10498', score: 97.2, critical: 1 }),
        state({ unitCode: '10462', score: 86, critical: 0 }),
        state({ unitCode: '10450', score: 91, critical: 0 }),
      ],
      DEFAULT_CONFIG,
      '2019-02-21',
    );
    expect(rows.slice(0, 3).map((r) => [r[0], r[2], r[6], r[7], r[8]])).toEqual([
      [1, 'Xã Tuy Lai', 91, 'Xuất sắc', 0],
      [2, 'Xã An Mỹ', 86, 'Tốt', 0],
      [3, 'Xã Hợp Tiến', 97.2, 'Trung bình', '1 (xếp loại hạ từ Xuất sắc xuống Trung bình)'],
    ]);
  });
});
