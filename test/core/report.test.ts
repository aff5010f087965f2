// Report content from data: header block, date line, sections, ranking table, recommendations; minutes; email.

import { aggregate } from '../../src/core/aggregate';
import { DEFAULT_CONFIG } from '../../src/core/config';
import {
  emptyNotice,
  escapeHtml,
  reportEmail,
  reportSubject,
  unitEmail,
} from '../../src/core/email';
import { evaluate } from '../../src/core/evaluate';
import { buildMinutes } from '../../src/core/minutes';
import { buildReport, type DocSettings, recipientLines, ubnd } from '../../src/core/report';
import type { Inspection } from '../../src/core/types';
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
  recipients: ['Thường trực Huyện ủy', 'UBND các xã, thị trấn'],
  recommendations: 'Đề nghị các xã chấn chỉnh.',
  fixDays: 15,
  reportTo: 'Phòng Nội vụ',
};

let row = 1;
const insp = (
  unit: string,
  date: string,
  set: Record<string, string> = {},
  notes: Record<string, string> = {},
): Inspection => {
  const o = evaluate(response({ row: ++row, unit, date, set, notes }), ctx);
  if (!o.ok) throw new Error(o.review.reason);
  return o.inspection;
};

const round = [
  insp('Xã Hợp Tiến', '21/02/2019', { B1: '2' }, { B: 'Đ/c Hùng, Đ/c Lan không đeo thẻ' }),
  insp('Xã Đại Hưng', '22/02/2019', { C8: 'Không đạt', B1: '1' }),
  insp('Xã An Mỹ', '22/02/2019'),
];
const agg = aggregate(DEFAULT_CONFIG, round, { from: '2019-02-18', to: '2019-02-24' });
const text = (blocks: ReturnType<typeof buildReport>['blocks']) =>
  blocks
    .map((b) => (b.kind === 'table' ? b.rows.map((r) => r.join(' | ')).join('\n') : b.text))
    .join('\n');

describe('báo cáo', () => {
  const m = buildReport(DEFAULT_CONFIG, agg, SETTINGS, '2019-03-05');

  test('header block, number and date line as Nghị định 30/2020 writes them', () => {
    expect(m.header).toEqual({
      parent: '',
      body: 'ỦY BAN NHÂN DÂN HUYỆN MỸ ĐỨC',
      number: 'Số: …/BC-UBND',
      nation: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      motto: 'Độc lập - Tự do - Hạnh phúc',
      dateLine: 'Mỹ Đức, ngày 05 tháng 3 năm 2019',
    });
    expect(m.title).toBe('BÁO CÁO');
    expect(m.subtitle).toEqual([
      'Kết quả kiểm tra công vụ đột xuất tại UBND các xã, thị trấn',
      '(từ ngày 18/02/2019 đến ngày 24/02/2019)',
    ]);
  });

  test('sections in order: căn cứ, I, II (1, 2, 3), III', () => {
    const heads = m.blocks
      .filter((b) => b.kind === 'heading' || b.kind === 'subheading')
      .map((b) => (b as { text: string }).text);
    expect(heads).toEqual([
      'I. PHẠM VI, HÌNH THỨC KIỂM TRA',
      'II. KẾT QUẢ KIỂM TRA',
      '1. Ưu điểm',
      '2. Tồn tại, hạn chế',
      '3. Bảng tổng hợp kết quả',
      'III. KIẾN NGHỊ, ĐỀ XUẤT',
    ]);
    expect(text(m.blocks)).toMatch(/^Căn cứ Kế hoạch số 207\/KH-UBND/);
    expect(text(m.blocks)).toContain('3/22 xã, thị trấn');
  });

  test('shortcomings name units and the people inspectors noted, most frequent first', () => {
    const all = text(m.blocks);
    const b1 = all.indexOf('- Số cán bộ, công chức không đeo thẻ công chức');
    const c8 = all.indexOf('- Công chức Bộ phận Một cửa có mặt tại vị trí làm việc');
    expect(b1).toBeGreaterThan(0);
    expect(c8).toBeGreaterThan(b1);
    expect(all).toContain(
      '2 lượt, tại Xã Hợp Tiến, Xã Đại Hưng. Cụ thể: Xã Hợp Tiến: Đ/c Hùng, Đ/c Lan không đeo thẻ',
    );
  });

  test('the ranking table in rank order, units not inspected after', () => {
    const table = m.blocks.find((b) => b.kind === 'table');
    if (table?.kind !== 'table') throw new Error('no table');
    expect(table.headers).toEqual([
      'STT',
      'Đơn vị',
      'Ngày kiểm tra',
      'Điểm',
      'Xếp loại',
      'Tồn tại chính',
    ]);
    expect(table.rows.slice(0, 3).map((r) => [r[1], r[3], r[4]])).toEqual([
      ['Xã An Mỹ', '100,0', 'Xuất sắc'],
      ['Xã Hợp Tiến', '99,5', 'Xuất sắc'],
      ['Xã Đại Hưng', '94,8', 'Trung bình'],
    ]);
    expect(table.rows).toHaveLength(22);
    expect(table.rows[3][4]).toBe('Chưa kiểm tra');
    expect(table.rows[3][1]).toBe('Thị trấn Đại Nghĩa');
  });

  test('kiến nghị: the standard text, a line per weak unit and per critical failure', () => {
    const all = text(m.blocks);
    expect(all).toContain('Đề nghị các xã chấn chỉnh.');
    expect(all).toContain('- UBND xã Đại Hưng (xếp loại Trung bình, 94,8 điểm)');
    expect(all).toContain('- Xã Đại Hưng, ngày 22/02/2019: vi phạm tiêu chí nghiêm trọng C8');
  });

  test('signature and Nơi nhận', () => {
    expect(m.signatures).toEqual([
      {
        heading: ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH'],
        title: 'PHÓ CHỦ TỊCH',
        name: 'Nguyễn Văn Bình',
      },
    ]);
    expect(m.recipients).toEqual([
      '- Thường trực Huyện ủy;',
      '- UBND các xã, thị trấn;',
      '- Lưu: VT, NV.',
    ]);
    expect(recipientLines(['A;'])).toEqual(['- A;', '- Lưu: VT, NV.']);
  });

  test('UBND before a unit name lower-cases its prefix', () => {
    expect(ubnd('Thị trấn Đại Nghĩa')).toBe('UBND thị trấn Đại Nghĩa');
  });
});

describe('biên bản', () => {
  const m = buildMinutes(DEFAULT_CONFIG, round[1], SETTINGS, [
    { name: 'Trần Văn Minh', position: 'Chuyên viên Phòng Nội vụ' },
  ]);
  test('header, title, time and place, team, groups, score and requests with a deadline, two signatures', () => {
    expect(m.header.body).toBe('ĐOÀN KIỂM TRA CÔNG VỤ');
    expect(m.header.number).toBe('Số: …/BB-ĐKTCV');
    expect(m.title).toBe('BIÊN BẢN');
    expect(m.subtitle).toEqual(['Kiểm tra công vụ đột xuất tại UBND xã Đại Hưng']);
    const all = text(m.blocks);
    expect(all).toMatch(
      /^Hồi 08 giờ 35 phút, ngày 22 tháng 02 năm 2019, tại trụ sở UBND xã Đại Hưng/,
    );
    expect(all).toContain('- Trần Văn Minh - Chuyên viên Phòng Nội vụ;');
    expect(m.blocks.filter((b) => b.kind === 'table')).toHaveLength(5);
    expect(all).toContain(
      'C8 | Công chức Bộ phận Một cửa có mặt tại vị trí làm việc | Không đạt | Không đạt',
    );
    expect(all).toContain('Xếp loại: Trung bình');
    expect(all).toContain(
      '- C8. Công chức Bộ phận Một cửa có mặt tại vị trí làm việc: khắc phục trước ngày 09/03/2019;',
    );
    expect(m.signatures.map((s) => s.heading[0])).toEqual([
      'ĐẠI DIỆN ĐƠN VỊ ĐƯỢC KIỂM TRA',
      'TRƯỞNG ĐOÀN',
    ]);
  });
});

describe('email', () => {
  test('subject names the ISO week and the period', () => {
    expect(reportSubject('week', '2019-02-18', '2019-02-24')).toBe(
      '[Kiểm tra công vụ] Báo cáo tuần 08/2019 (18/02–24/02/2019)',
    );
    expect(reportSubject('month', '2019-02-01', '2019-02-28')).toBe(
      '[Kiểm tra công vụ] Báo cáo tháng 02/2019 (01/02–28/02/2019)',
    );
    expect(reportSubject('custom', '2018-12-31', '2019-01-06')).toBe(
      '[Kiểm tra công vụ] Báo cáo (31/12/2018–06/01/2019)',
    );
  });

  test('HTML and text carry the period, coverage, ranking, critical failures and the link; respondent text is escaped', () => {
    const evil = insp('Xã Tuy Lai', '23/02/2019', { C8: 'Không đạt' });
    const bad = { ...evil, unit: '<script>alert(1)</script>' };
    const a = aggregate(DEFAULT_CONFIG, [...round, bad], { from: '2019-02-18', to: '2019-02-24' });
    const e = reportEmail(DEFAULT_CONFIG, a, 'week', 'https://docs.example/d/1');
    expect(e.html).not.toContain('<script>');
    expect(e.html).toContain('&lt;script&gt;');
    expect(e.html).toContain('href="https://docs.example/d/1"');
    expect(e.text).toContain('Đã kiểm tra 4 lượt tại 4/22 đơn vị, từ 18/02/2019 đến 24/02/2019.');
    expect(e.text).toContain('1. Xã An Mỹ: 100,0 điểm, Xuất sắc');
    expect(e.text).toContain('Xã Đại Hưng (22/02/2019): C8.');
    expect(escapeHtml(`"'&`)).toBe('&quot;&#39;&amp;');
  });

  test('a long period keeps the message small: the first 20 critical failures, then a count', () => {
    const many = Array.from({ length: 500 }, (_, k) => ({ ...round[1], row: 1000 + k }));
    const a = aggregate(DEFAULT_CONFIG, many, { from: '2019-01-01', to: '2019-12-31' });
    const e = reportEmail(DEFAULT_CONFIG, a, 'custom', 'https://docs.example/d/2');
    expect(e.text).toContain('… và 480 vi phạm khác (xem báo cáo)');
    expect(e.html.length).toBeLessThan(20000);
  });

  test('empty-period notice and the unit email with its deadline', () => {
    expect(emptyNotice('week', '2019-02-25', '2019-03-03').text).toContain(
      'không có phiếu kiểm tra',
    );
    const u = unitEmail(DEFAULT_CONFIG, round[1], 15, '');
    expect(u.subject).toBe(
      '[Kiểm tra công vụ] Kết quả kiểm tra tại UBND xã Đại Hưng ngày 22/02/2019',
    );
    expect(u.text).toContain('Tồn tại phải khắc phục trước ngày 09/03/2019:');
    expect(u.text).toContain(
      '- C8. Công chức Bộ phận Một cửa có mặt tại vị trí làm việc (nghiêm trọng)',
    );
  });
});
