// Report content from data: header block, date line, sections, ranking table, recommendations; minutes; email.

import { aggregate } from '../../src/core/aggregate';
import { configFrom, DEFAULT_CONFIG } from '../../src/core/config';
import {
  emptyNotice,
  escapeHtml,
  reportEmail,
  reportSubject,
  unitEmail,
} from '../../src/core/email';
import { evaluate, makeContext } from '../../src/core/evaluate';
import { buildMinutes, signerName } from '../../src/core/minutes';
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
  time = '',
): Inspection => {
  const o = evaluate(response({ row: ++row, unit, date, set, notes, time }), ctx);
  if (!o.ok) throw new Error(o.review.reason);
  return o.inspection;
};

// A round with known answers (N1 = 20, N2 = 10 everywhere), week 18–24/02/2019:
//   Hợp Tiến 21/02: A1 1/20, B1 2/20                 → 99,1 Xuất sắc
//   Đại Hưng 22/02: C8 Không đạt, A1 3/20, start 08:05 → 93,8, capped to Trung bình
//   An Mỹ 22/02: all pass                             → 100,0 Xuất sắc
//   Tuy Lai 23/02: B2 Không đạt, C2 partial, D1 Không đạt → 88,5 Tốt
// and the week before (11–17/02): Đại Hưng 92,0 (C8, B2) Trung bình, Tuy Lai 100 Xuất sắc,
// Hợp Tiến 99,2 (A1 2/20) Xuất sắc.
const round = [
  insp(
    'Xã Hợp Tiến',
    '21/02/2019',
    { A1: '1', B1: '2' },
    { A: 'Đ/c Nguyễn Văn Hùng đi muộn 20 phút.', B: 'Đ/c Hùng, Đ/c Lan không đeo thẻ.\n' },
  ),
  insp(
    'Xã Đại Hưng',
    '22/02/2019',
    { C8: 'Không đạt', A1: '3' },
    { C: 'Đ/c Trần Thị Hoa đi họp thôn, không có mặt tại Bộ phận Một cửa.' },
    '08:05',
  ),
  insp('Xã An Mỹ', '22/02/2019'),
  insp('Xã Tuy Lai', '23/02/2019', { B2: 'Không đạt', C2: 'Đạt một phần', D1: 'Không đạt' }),
];
const before = [
  insp('Xã Đại Hưng', '12/02/2019', { C8: 'Không đạt', B2: 'Không đạt' }),
  insp('Xã Tuy Lai', '13/02/2019'),
  insp('Xã Hợp Tiến', '14/02/2019', { A1: '2' }),
];
const agg = aggregate(DEFAULT_CONFIG, [...before, ...round], {
  from: '2019-02-18',
  to: '2019-02-24',
});
const text = (blocks: ReturnType<typeof buildReport>['blocks']) =>
  blocks
    .map((b) => (b.kind === 'table' ? b.rows.map((r) => r.join(' | ')).join('\n') : b.text))
    .join('\n');
/** The text between two headings. */
const section = (all: string, start: string, end: string) =>
  all.slice(all.indexOf(start), end ? all.indexOf(end) : undefined);

describe('báo cáo', () => {
  const m = buildReport(DEFAULT_CONFIG, agg, SETTINGS, '2019-02-25');
  const all = text(m.blocks);

  test('header block, number and the date it is written', () => {
    expect(m.header).toEqual({
      parent: '',
      body: 'ỦY BAN NHÂN DÂN HUYỆN MỸ ĐỨC',
      number: 'Số: …/BC-UBND',
      nation: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      motto: 'Độc lập - Tự do - Hạnh phúc',
      dateLine: 'Mỹ Đức, ngày 25 tháng 02 năm 2019',
    });
    expect(m.title).toBe('BÁO CÁO');
    expect(m.subtitle).toEqual([
      'Kết quả kiểm tra công vụ đột xuất tại UBND các xã, thị trấn',
      '(từ ngày 18/02/2019 đến ngày 24/02/2019)',
    ]);
  });

  test('sections in the contract order', () => {
    const heads = m.blocks
      .filter((b) => b.kind === 'heading' || b.kind === 'subheading')
      .map((b) => (b as { text: string }).text);
    expect(heads).toEqual([
      'I. PHẠM VI, HÌNH THỨC KIỂM TRA',
      'II. KẾT QUẢ KIỂM TRA',
      '1. Ưu điểm',
      '2. Tồn tại, hạn chế',
      '3. Xếp loại',
      '4. So với kỳ trước',
      '5. Bảng tổng hợp kết quả',
      'III. KIẾN NGHỊ, ĐỀ XUẤT',
    ]);
    expect(all).toMatch(/^Căn cứ Kế hoạch số 207\/KH-UBND/);
  });

  test('scope: inspections, units out of the total, dates, content from the checklist, base numbers summed', () => {
    expect(all).toContain(
      'Đoàn kiểm tra công vụ đã kiểm tra đột xuất, không báo trước 4 lượt tại 4/22 đơn vị (các xã, thị trấn), vào các ngày 21/02/2019, 22/02/2019, 23/02/2019. Nội dung kiểm tra: chấp hành thời giờ làm việc, kỷ luật, kỷ cương; văn hóa công sở; bộ phận Một cửa; dịch vụ công trực tuyến, chuyển đổi số; cam kết và khắc phục.',
    );
    expect(all).toContain(
      'tổng số cán bộ, công chức theo danh sách: 80 (cộng 4 lượt kiểm tra có số liệu)',
    );
  });

  test('strengths never include a criterion with a critical failure', () => {
    const strengths = section(all, '1. Ưu điểm', '2. Tồn tại');
    expect(strengths).toContain('- Niêm yết mức thu phí, lệ phí: 4/4 lượt kiểm tra đạt;');
    expect(strengths).not.toContain('Công chức Bộ phận Một cửa');
    expect(strengths).not.toContain('đi muộn');
  });

  test('shortcomings: finding wordings with people counted, critical first, each note once and clean', () => {
    const weak = section(all, '2. Tồn tại', '3. Xếp loại');
    const items = weak.split('\n').filter((l) => l.startsWith('- '));
    expect(items).toEqual([
      '- Công chức Bộ phận Một cửa không có mặt tại vị trí làm việc (vi phạm nghiêm trọng): 1/4 lượt kiểm tra, tại Xã Đại Hưng (22/02);',
      '- 4/80 lượt cán bộ, công chức đi muộn: 2/4 lượt kiểm tra, tại Xã Hợp Tiến (21/02: 1/20), Xã Đại Hưng (22/02: 3/20);',
      '- 2/80 lượt cán bộ, công chức không đeo thẻ công chức: 1/4 lượt kiểm tra, tại Xã Hợp Tiến (21/02: 2/20);',
      '- Không có biển tên, chức danh tại bàn làm việc: 1/4 lượt kiểm tra, tại Xã Tuy Lai (23/02);',
      '- Bộ phận Một cửa chưa gọn gàng, sạch đẹp hoặc thiếu trang thiết bị (đạt một phần): 1/4 lượt kiểm tra, tại Xã Tuy Lai (23/02, đạt một phần);',
      '- Dịch vụ công trực tuyến mức độ 3, 4 chưa có hồ sơ phát sinh: 1/4 lượt kiểm tra, tại Xã Tuy Lai (23/02).',
    ]);
    expect(weak).toContain(
      '+ Ghi chú của Đoàn tại Xã Hợp Tiến (21/02/2019): Đ/c Hùng, Đ/c Lan không đeo thẻ.',
    );
    expect(weak.split('Đ/c Nguyễn Văn Hùng đi muộn 20 phút.')).toHaveLength(2);
    expect(weak).not.toMatch(/\.;|\.\.|;;|xem trang/);
  });

  test('no requirement text stands where a finding belongs', () => {
    const findingsPart = all.slice(all.indexOf('2. Tồn tại'));
    for (const c of DEFAULT_CONFIG.checklist.criteria) expect(findingsPart).not.toContain(c.text);
  });

  test('classification: counts that add up, the cap explained', () => {
    expect(all).toContain(
      'Trong 4 đơn vị được kiểm tra: Xuất sắc: 2 đơn vị; Tốt: 1 đơn vị; Trung bình: 1 đơn vị.',
    );
    expect(all).toContain(
      '- Xã Đại Hưng: 93,8 điểm, xếp loại Trung bình (hạ do vi phạm nghiêm trọng: C8 ngày 22/02/2019); theo điểm là Xuất sắc.',
    );
  });

  test('comparison with the previous week: mean, classes, repeat findings', () => {
    const cmp = section(all, '4. So với kỳ trước', '5. Bảng');
    expect(cmp).toContain(
      'Điểm trung bình của các lượt kiểm tra: kỳ này 95,4 điểm (4 lượt), kỳ trước (từ ngày 11/02/2019 đến ngày 17/02/2019) 97,1 điểm (3 lượt), giảm 1,7 điểm.',
    );
    expect(cmp).toContain('Đơn vị bị hạ xếp loại: Xã Tuy Lai (Xuất sắc → Tốt).');
    expect(cmp).toContain(
      '- Xã Hợp Tiến: 1/20 cán bộ, công chức đi muộn (kỳ trước: 2/20 cán bộ, công chức đi muộn);',
    );
    expect(cmp).toContain(
      '- Xã Đại Hưng: Công chức Bộ phận Một cửa không có mặt tại vị trí làm việc.',
    );
    const first = buildReport(
      DEFAULT_CONFIG,
      aggregate(DEFAULT_CONFIG, round, { from: '2019-02-18', to: '2019-02-24' }),
      SETTINGS,
      '2019-02-25',
    );
    expect(text(first.blocks)).toContain(
      'Kỳ trước (từ ngày 11/02/2019 đến ngày 17/02/2019) không có lượt kiểm tra nào nên chưa có số liệu để so sánh.',
    );
  });

  test('the table: classification first, then mean; change and main findings in words; units not inspected after', () => {
    const table = m.blocks.find((b) => b.kind === 'table');
    if (table?.kind !== 'table') throw new Error('no table');
    expect(table.headers).toEqual([
      'STT',
      'Đơn vị',
      'Số lần kiểm tra',
      'Điểm TB',
      'Xếp loại',
      'Thay đổi so với kỳ trước',
      'Tồn tại chính',
    ]);
    expect(table.widths.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(467);
    expect(table.rows.slice(0, 4)).toEqual([
      ['1', 'Xã An Mỹ', '1', '100,0', 'Xuất sắc', 'Kỳ trước chưa kiểm tra', 'Không có'],
      [
        '2',
        'Xã Hợp Tiến',
        '1',
        '99,1',
        'Xuất sắc',
        'Giữ nguyên (Xuất sắc)',
        '1/20 cán bộ, công chức đi muộn; 2/20 cán bộ, công chức không đeo thẻ công chức',
      ],
      [
        '3',
        'Xã Tuy Lai',
        '1',
        '88,5',
        'Tốt',
        'Giảm (từ Xuất sắc)',
        'Không có biển tên, chức danh tại bàn làm việc; Bộ phận Một cửa chưa gọn gàng, sạch đẹp hoặc thiếu trang thiết bị (đạt một phần); Dịch vụ công trực tuyến mức độ 3, 4 chưa có hồ sơ phát sinh',
      ],
      [
        '4',
        'Xã Đại Hưng',
        '1',
        '93,8',
        'Trung bình (hạ do vi phạm nghiêm trọng)',
        'Giữ nguyên (Trung bình)',
        'Công chức Bộ phận Một cửa không có mặt tại vị trí làm việc; 3/20 cán bộ, công chức đi muộn',
      ],
    ]);
    expect(table.rows).toHaveLength(22);
    expect(table.rows[4].slice(1, 5)).toEqual(['Thị trấn Đại Nghĩa', '0', '', 'Chưa kiểm tra']);
  });

  test('kiến nghị: one item per unit with findings, what to correct, by when, to whom', () => {
    const rec = all.slice(all.indexOf('III. KIẾN NGHỊ'));
    expect(rec).toContain('Đề nghị các xã chấn chỉnh.');
    expect(rec).toContain(
      'Đề nghị Chủ tịch UBND 3 đơn vị sau chỉ đạo khắc phục các tồn tại, hoàn thành trước ngày 12/03/2019 và báo cáo kết quả về Phòng Nội vụ:',
    );
    expect(rec.split('\n').filter((l) => l.startsWith('- '))).toEqual([
      '- UBND xã Hợp Tiến: 99,1 điểm, xếp loại Xuất sắc; khắc phục: 1/20 cán bộ, công chức đi muộn; 2/20 cán bộ, công chức không đeo thẻ công chức.',
      '- UBND xã Tuy Lai: 88,5 điểm, xếp loại Tốt; khắc phục: Không có biển tên, chức danh tại bàn làm việc; Bộ phận Một cửa chưa gọn gàng, sạch đẹp hoặc thiếu trang thiết bị (đạt một phần); Dịch vụ công trực tuyến mức độ 3, 4 chưa có hồ sơ phát sinh.',
      '- UBND xã Đại Hưng: 93,8 điểm, xếp loại Trung bình (hạ do vi phạm nghiêm trọng: C8 ngày 22/02/2019); khắc phục: Công chức Bộ phận Một cửa không có mặt tại vị trí làm việc; 3/20 cán bộ, công chức đi muộn; tổ chức kiểm điểm trách nhiệm của đ/c Trần Thị Hoa về vi phạm nghiêm trọng.',
    ]);
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

  test("an office's own checklist and addressee: the report describes them, nothing of the defaults", () => {
    const own = configFrom({
      groups: [{ code: 'T', title: 'Tiếp công dân' }],
      bases: [],
      criteria: [
        {
          code: 'T1',
          group: 'T',
          text: 'Có lịch tiếp công dân',
          type: 'yesno',
          points: 10,
          finding: 'Không có lịch tiếp công dân',
        },
        { code: 'T2', group: 'T', text: 'Có sổ tiếp công dân', type: 'yesno', points: 5 },
      ],
      units: [{ code: '1', name: 'Phường Quang Trung' }],
    });
    if (!own.ok) throw new Error(own.errors.join(' '));
    const c = makeContext(own.value);
    const o = evaluate(
      response({ unit: 'Phường Quang Trung', answers: { T1: 'Không đạt', T2: 'Không đạt' } }),
      c,
    );
    if (!o.ok) throw new Error(o.review.reason);
    const r = buildReport(
      own.value,
      aggregate(own.value, [o.inspection], { from: '2019-02-21', to: '2019-02-21' }),
      { ...SETTINGS, reportTo: 'Văn phòng UBND quận' },
      '2019-02-22',
    );
    const t = text(r.blocks);
    expect(r.subtitle[0]).toBe('Kết quả kiểm tra công vụ đột xuất tại UBND các phường');
    expect(t).toContain('Nội dung kiểm tra: tiếp công dân.');
    expect(t).toContain('- Không có lịch tiếp công dân: 1/1 lượt kiểm tra');
    expect(t).toContain('- Không đạt: Có sổ tiếp công dân: 1/1 lượt kiểm tra');
    expect(t).toContain('báo cáo kết quả về Văn phòng UBND quận');
    expect(t).not.toMatch(/Phòng Nội vụ|văn hóa công sở|Một cửa/);
  });

  test('UBND before a unit name lower-cases its prefix', () => {
    expect(ubnd('Thị trấn Đại Nghĩa')).toBe('UBND thị trấn Đại Nghĩa');
  });
});

describe('biên bản', () => {
  const m = buildMinutes(DEFAULT_CONFIG, round[1], SETTINGS, [
    { name: 'Nguyễn Thị Lan', position: 'Phó Trưởng phòng Nội vụ' },
  ]);
  const all = text(m.blocks);

  test('header, title, the recorded start time (never the submission time), the team, two signatures', () => {
    expect(m.header.body).toBe('ĐOÀN KIỂM TRA CÔNG VỤ');
    expect(m.header.number).toBe('Số: …/BB-ĐKTCV');
    expect(m.title).toBe('BIÊN BẢN');
    expect(m.subtitle).toEqual(['Kiểm tra công vụ đột xuất tại UBND xã Đại Hưng']);
    expect(all).toMatch(
      /^Hồi 08 giờ 05 phút, ngày 22 tháng 02 năm 2019, tại trụ sở UBND xã Đại Hưng/,
    );
    expect(all).toContain('- Ông (bà) Nguyễn Thị Lan, Phó Trưởng phòng Nội vụ - Trưởng đoàn;');
    // The unit's representative, to fill in by hand: name and position on lines of their own.
    expect(all).toContain(
      `2. Đại diện UBND xã Đại Hưng:\n- Ông (bà): ${'…'.repeat(14)}\n- Chức vụ: ${'…'.repeat(14)}`,
    );
    expect(m.signatures.map((s) => s.heading[0])).toEqual([
      'ĐẠI DIỆN ĐƠN VỊ ĐƯỢC KIỂM TRA',
      'TRƯỞNG ĐOÀN',
    ]);
    // Under the signature, the leader's name alone (the position is in the team list).
    expect(m.signatures[1].name).toBe('Nguyễn Thị Lan');
    expect(signerName('Lê Đức Thắng - Phó Chánh Thanh tra huyện')).toBe('Lê Đức Thắng');
    expect(signerName('Trần Văn Minh')).toBe('Trần Văn Minh');
    // Submitted at 08:35 with no start time recorded: the date alone.
    const noTime = text(buildMinutes(DEFAULT_CONFIG, round[0], SETTINGS, []).blocks);
    expect(noTime).toMatch(/^Ngày 21 tháng 02 năm 2019, tại trụ sở UBND xã Hợp Tiến/);
    expect(noTime).not.toContain('08 giờ 35');
  });

  test('per group: Mã | Tiêu chí | Ghi nhận (v/b) | Kết quả | Điểm; a critical failure is never shown as passed', () => {
    expect(m.blocks.filter((b) => b.kind === 'table')).toHaveLength(5);
    const table = m.blocks.find((b) => b.kind === 'table');
    if (table?.kind !== 'table') throw new Error('no table');
    expect(table.headers).toEqual(['Mã', 'Tiêu chí', 'Ghi nhận', 'Kết quả', 'Điểm']);
    expect(table.widths.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(467);
    expect(all).toContain(
      'A1 | Số cán bộ, công chức đi muộn so với giờ làm việc | 3/20 | Không đạt | 6,8/8',
    );
    expect(all).toContain(
      'C8 | Công chức Bộ phận Một cửa có mặt tại vị trí làm việc | Không đạt | Không đạt – vi phạm nghiêm trọng | 0/5',
    );
    // One absent official out of twenty is a critical failure, not `Đạt 95%`.
    const absent = insp('Xã Phùng Xá', '22/02/2019', { A2: '1' });
    expect(text(buildMinutes(DEFAULT_CONFIG, absent, SETTINGS, []).blocks)).toContain(
      'A2 | Số cán bộ, công chức vắng mặt không có lý do | 1/20 | Không đạt – vi phạm nghiêm trọng | 6,65/7',
    );
  });

  test('score with the cap explained, findings worded with numbers, deadline and addressee', () => {
    expect(all).toContain(
      'Tổng điểm: 93,8/100 (đạt 93,8 trên 100 điểm của các tiêu chí áp dụng). Xếp loại: Trung bình (hạ do vi phạm nghiêm trọng: C8; theo điểm là Xuất sắc).',
    );
    expect(all).toContain(
      'Đề nghị UBND xã Đại Hưng khắc phục các tồn tại sau, hoàn thành trước ngày 09/03/2019 và báo cáo kết quả về Phòng Nội vụ:',
    );
    expect(all).toContain('- 3/20 cán bộ, công chức đi muộn;');
    expect(all).toContain(
      '- Công chức Bộ phận Một cửa không có mặt tại vị trí làm việc (vi phạm nghiêm trọng).',
    );
    expect(all).toContain('Biên bản kết thúc hồi …… giờ …… phút cùng ngày');
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

  test('HTML and text carry the period, coverage, ranking with the cap explained, critical failures worded, the link; respondent text is escaped', () => {
    const evil = insp('Xã Phùng Xá', '23/02/2019', { C8: 'Không đạt' });
    const bad = { ...evil, unit: '<script>alert(1)</script>' };
    const a = aggregate(DEFAULT_CONFIG, [...round, bad], { from: '2019-02-18', to: '2019-02-24' });
    const e = reportEmail(DEFAULT_CONFIG, a, 'week', 'https://docs.example/d/1');
    expect(e.html).not.toContain('<script>');
    expect(e.html).toContain('&lt;script&gt;');
    expect(e.html).toContain('href="https://docs.example/d/1"');
    expect(e.text).toContain('Đã kiểm tra 5 lượt tại 5/22 đơn vị, từ 18/02/2019 đến 24/02/2019.');
    expect(e.text).toContain('1. Xã An Mỹ: 100,0 điểm, Xuất sắc');
    expect(e.text).toContain('3. Xã Tuy Lai: 88,5 điểm, Tốt');
    expect(e.text).toContain(
      '5. Xã Đại Hưng: 93,8 điểm, Trung bình (hạ do vi phạm nghiêm trọng: C8 ngày 22/02/2019)',
    );
    expect(e.text).toContain(
      '- Xã Đại Hưng (22/02/2019): Công chức Bộ phận Một cửa không có mặt tại vị trí làm việc',
    );
    expect(e.text).not.toContain('Công chức Bộ phận Một cửa có mặt');
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
    const u = unitEmail(DEFAULT_CONFIG, round[1], 15, '', 'Phòng Nội vụ');
    expect(u.subject).toBe(
      '[Kiểm tra công vụ] Kết quả kiểm tra tại UBND xã Đại Hưng ngày 22/02/2019',
    );
    expect(u.text).toContain(
      'Kết quả: 93,8 điểm, xếp loại Trung bình (hạ do vi phạm nghiêm trọng: C8; theo điểm là Xuất sắc).',
    );
    expect(u.text).toContain(
      'Tồn tại phải khắc phục trước ngày 09/03/2019, báo cáo kết quả về Phòng Nội vụ:',
    );
    expect(u.text).toContain('- 3/20 cán bộ, công chức đi muộn');
    expect(u.text).toContain(
      '- Công chức Bộ phận Một cửa không có mặt tại vị trí làm việc (vi phạm nghiêm trọng)',
    );
  });
});
