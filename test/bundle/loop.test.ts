// The leaders' dashboard and the corrective-action loop through the real bundle: what the office and the leaders read at each step.

import type { Workspace } from '../../src/local/emulator/runtime';
import { answers, CODE, rows, runDue, setUp, workbook } from './harness';

const EMAIL = 'lan.nt@mydu.example';
const DASH = 'Bảng điều khiển';
const ACTIONS = 'Khắc phục';

/** Moves the virtual clock to a Vietnam wall time. */
function at(ws: Workspace, iso: string) {
  ws.clock.advance(new Date(`${iso}+07:00`).getTime() - ws.clock.now());
}

function setCell(
  ws: Workspace,
  sheet: string,
  find: (r: unknown[]) => boolean,
  col: number,
  v: string,
) {
  ws.log.uncounted(() => {
    const s = ws.spreadsheet.getSheetByName(sheet);
    const values = s?.getDataRange().getValues() ?? [];
    s?.getRange(values.findIndex(find) + 1, col).setValue(v);
  });
}

/** A workspace where Xã Hợp Tiến gets its results by email. */
function withUnitMail() {
  const { ws, formId } = setUp();
  setCell(ws, 'Cài đặt', (r) => r[0] === 'Gửi kết quả cho từng đơn vị', 2, 'Có');
  setCell(ws, 'Đơn vị', (r) => r[0] === '10498', 6, 'hoptien@mydu.example');
  ws.run(CODE, 'checkConfig');
  const fixFormId = String(ws.PropertiesService.getScriptProperties().getProperty('fixFormId'));
  return { ws, formId, fixFormId };
}

/** The actions sheet as [criterion, status, basis] per row with content, by unit. */
const actionsOf = (ws: Workspace, unit = 'Xã Hợp Tiến') =>
  rows(ws, ACTIONS)
    .filter((r) => r[0] === unit)
    .map((r) => [r[1], r[5], r[6]]);

/** The dashboard's value next to a label in column B. */
function figure(ws: Workspace, label: string): unknown {
  const row = rows(ws, DASH).find((r) => r[1] === label);
  return row ? row[2] : undefined;
}

/** The block under a section title of the dashboard, until the next blank row. */
function block(ws: Workspace, title: string): unknown[][] {
  const all = ws.log.uncounted(
    () => ws.spreadsheet.getSheetByName(DASH)?.getDataRange().getValues() ?? [],
  );
  const start = all.findIndex((r) => r[0] === title);
  const out: unknown[][] = [];
  for (let i = start + 1; i < all.length && all[i].slice(0, 7).some((c) => c !== ''); i++)
    out.push(all[i].slice(0, 7));
  return out;
}

const FIX = (criterion: string, done: string) => ({
  'Đơn vị báo cáo': 'Xã Hợp Tiến',
  'Tồn tại đã khắc phục (tiêu chí)': criterion,
  'Nội dung đã khắc phục': done,
  'Đường dẫn minh chứng (ảnh, văn bản)': 'https://drive.example/minh-chung/1',
});

describe('dashboard', () => {
  test('first tab, with its pickers, three native charts fed from the script’s ranges', () => {
    const { ws } = setUp();
    const sheets = ws.spreadsheet.getSheets();
    expect(sheets[0].getName()).toBe(DASH);
    const dash = sheets[0];
    expect(ws.log.uncounted(() => dash.getRange('B2').getValue())).toBe('Quý này');
    const rule = ws.log.uncounted(() => dash.getRange('B2').getDataValidation());
    expect(rule?.getCriteriaValues()[0]).toEqual([
      'Tuần này',
      'Tuần trước',
      'Tháng này',
      'Tháng trước',
      'Quý này',
      'Năm nay',
      'Tất cả',
      'Khoảng ngày',
    ]);
    const charts = ws.log.uncounted(() => dash.getCharts());
    expect(charts.map((c) => [c._spec.type, c._spec.options.title])).toEqual([
      ['LINE', 'Điểm trung bình theo tuần (13 tuần gần nhất)'],
      ['COLUMN', 'Số lần có tồn tại theo tiêu chí (trong kỳ)'],
      ['PIE', 'Số đơn vị theo xếp loại (trong kỳ)'],
    ]);
    // Ranking columns within the first 360 px for a phone.
    const widths = ws.log.uncounted(() => [1, 2, 3, 4].map((c) => dash.getColumnWidth(c)));
    expect(widths.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(360);
    const order = () =>
      ws.spreadsheet
        .getSheets()
        .slice(0, 3)
        .map((x) => x.getName());
    expect(order()).toEqual([DASH, 'Tổng hợp', ACTIONS]);
    // Setup again: the same tabs and charts, none added.
    ws.run(CODE, 'setup');
    expect(order()).toEqual([DASH, 'Tổng hợp', ACTIONS]);
    expect(ws.log.uncounted(() => dash.getCharts()).map((c) => c._id)).toEqual(
      charts.map((c) => c._id),
    );
  });

  test('figures, attention and ranking follow the picker; onEdit runs in LIMITED mode', () => {
    const { ws, formId } = setUp();
    ws.submit(
      CODE,
      formId,
      answers({ unit: 'Xã Hợp Tiến', date: '2019-02-19', N1: '16', A1: '3' }),
      {
        email: EMAIL,
      },
    );
    ws.submit(
      CODE,
      formId,
      answers({ unit: 'Xã Đại Hưng', date: '2019-02-20', C8: 'Không đạt', A4: 'Không đạt' }),
      { email: EMAIL },
    );
    ws.submit(CODE, formId, answers({ unit: 'Xã An Mỹ', date: '2019-01-08', N1: '20', A2: '2' }), {
      email: EMAIL,
    });
    runDue(ws, 'runQueue');
    // This quarter (default): all three.
    expect(figure(ws, 'Số lần kiểm tra')).toBe(3);
    expect(figure(ws, 'Đơn vị đã kiểm tra')).toBe('3/22');
    expect(figure(ws, 'Vi phạm nghiêm trọng')).toBe(3);
    expect(figure(ws, 'cán bộ, công chức đi muộn')).toBe('3/56');
    expect(figure(ws, 'cán bộ, công chức vắng mặt không có lý do')).toBe('2/56');
    expect(figure(ws, 'Yếu')).toBe(1);
    expect(figure(ws, 'Chưa kiểm tra')).toBe(19);
    expect(
      block(ws, 'CẦN CHÚ Ý')
        .slice(1, 3)
        .map((r) => [r[0], r[1], r[2]]),
    ).toEqual([
      [
        1,
        'Xã Đại Hưng',
        'Xếp loại Yếu (điểm trung bình 91,0, 1 lần kiểm tra). 2 vi phạm nghiêm trọng: A4 Uống rượu, bia hoặc làm việc riêng trong giờ làm việc (20/02/2019); C8 Công chức Bộ phận Một cửa không có mặt tại vị trí làm việc (20/02/2019).',
      ],
      [
        2,
        'Xã An Mỹ',
        '1 vi phạm nghiêm trọng: A2 2/20 cán bộ, công chức vắng mặt không có lý do (08/01/2019). 1 việc khắc phục quá hạn (A2; lâu nhất 26 ngày).',
      ],
    ]);
    // Rank order is the ranking's own (scoring.md §6); here, what each unit scored and its class.
    const ranked = block(ws, 'XẾP HẠNG TRONG KỲ')
      .slice(1, 4)
      .map((r) => r.slice(1, 4));
    expect(ranked.sort((x, y) => String(x[0]).localeCompare(String(y[0])))).toEqual([
      ['Xã An Mỹ', 99.3, 'Trung bình'],
      ['Xã Đại Hưng', 91, 'Yếu'],
      ['Xã Hợp Tiến', 98.5, 'Xuất sắc'],
    ]);

    // The picker: this month only (February): An Mỹ's January inspection drops out.
    const runs = ws.userEdit(CODE, DASH, 'B2', 'Tháng này');
    expect(runs.map((r) => [r.kind, r.ok])).toEqual([['simple', true]]);
    expect(figure(ws, 'Số lần kiểm tra')).toBe(2);
    expect(figure(ws, 'Đơn vị đã kiểm tra')).toBe('2/22');
    expect(figure(ws, 'cán bộ, công chức vắng mặt không có lý do')).toBe('0/36');
    expect(
      block(ws, 'CẦN CHÚ Ý')
        .slice(1)
        .map((r) => [r[1], r[2]]),
    ).toEqual([
      [
        'Xã Đại Hưng',
        'Xếp loại Yếu (điểm trung bình 91,0, 1 lần kiểm tra). 2 vi phạm nghiêm trọng: A4 Uống rượu, bia hoặc làm việc riêng trong giờ làm việc (20/02/2019); C8 Công chức Bộ phận Một cửa không có mặt tại vị trí làm việc (20/02/2019).',
      ],
      // Overdue actions count whatever the period: January's finding is still not fixed.
      ['Xã An Mỹ', '1 việc khắc phục quá hạn (A2; lâu nhất 26 ngày).'],
    ]);
    expect(String(rows(ws, DASH)[4][0])).toContain('Tháng này (01/02/2019 – 28/02/2019)');
    // Two dates.
    ws.userEdit(CODE, DASH, 'B2', 'Khoảng ngày');
    ws.userEdit(CODE, DASH, 'B3', '2019-01-01');
    ws.userEdit(CODE, DASH, 'B4', '2019-01-31');
    expect(figure(ws, 'Số lần kiểm tra')).toBe(1);
    expect(block(ws, 'XẾP HẠNG TRONG KỲ')[1].slice(0, 4)).toEqual([
      1,
      'Xã An Mỹ',
      99.3,
      'Trung bình',
    ]);
    // Dates the wrong way round: said in the status line, the quarter shown meanwhile.
    ws.userEdit(CODE, DASH, 'B3', '2019-03-01');
    expect(String(rows(ws, DASH)[4][0])).toContain(
      'Khoảng ngày không hợp lệ: "Từ ngày" 01/03/2019 sau "Đến ngày" 31/01/2019.',
    );
    expect(figure(ws, 'Số lần kiểm tra')).toBe(3);
    // A value not in the list is refused as the UI does.
    expect(() => ws.userEdit(CODE, DASH, 'B2', 'Quý sau')).toThrow('vi phạm các quy tắc');
    // One unit's history on demand.
    ws.userEdit(CODE, DASH, 'B5', 'Xã Đại Hưng');
    const history = block(ws, 'LỊCH SỬ ĐƠN VỊ');
    expect(history[0][1]).toBe('Xã Đại Hưng: 1 lần kiểm tra · Chưa đủ số liệu');
    expect(history[2].slice(0, 6)).toEqual([1, '20/02/2019', 91, 'Yếu', '', 'A4, C8']);
  });

  test("a new response's fact is appended without reading the stored ids; an earlier copy of a fact never counts twice", () => {
    const { ws, formId } = setUp();
    const first = ws.submit(
      CODE,
      formId,
      answers({ unit: 'Xã Hợp Tiến', date: '2019-02-19', C8: 'Không đạt' }),
      { email: EMAIL },
    );
    runDue(ws, 'runQueue');
    const FACTS = 'Dữ liệu kiểm tra';
    const stored = rows(ws, FACTS);
    expect(stored.map((r) => r[0])).toEqual([first.response.getId()]);
    // A run stopped at the wrong moment left an earlier copy of that fact, here for another unit.
    ws.log.uncounted(() => {
      const sheet = ws.spreadsheet.getSheetByName(FACTS);
      sheet?.insertRowsBefore(2, 1);
      const copy = [...stored[0]];
      copy[3] = '10462';
      copy[4] = 'Xã An Mỹ';
      // Text kept as text, as the script writes it.
      sheet
        ?.getRange(2, 1, 1, copy.length)
        .setValues([copy.map((c) => (typeof c === 'string' && c !== '' ? `'${c}` : c))]);
    });
    ws.log.reset();
    ws.submit(CODE, formId, answers({ unit: 'Xã Đại Hưng', date: '2019-02-20' }), {
      email: EMAIL,
    });
    // One call appended the fact: the id column was not read.
    expect(ws.log.counts.get('Sheet.appendRow')).toBe(1);
    expect(rows(ws, FACTS)).toHaveLength(3);
    runDue(ws, 'runQueue');
    expect(figure(ws, 'Số lần kiểm tra')).toBe(2);
    expect(figure(ws, 'Đơn vị đã kiểm tra')).toBe('2/22');
    expect(figure(ws, 'Vi phạm nghiêm trọng')).toBe(1);
  });

  test('a change of the picker costs the same whatever is stored', () => {
    const { ws, formId } = setUp();
    ws.submit(CODE, formId, answers({ unit: 'Xã Hợp Tiến', date: '2019-02-19' }), { email: EMAIL });
    runDue(ws, 'runQueue');
    const cost = (r: { callCount: number; cells: number }) => [r.callCount, r.cells];
    const one = cost(ws.userEdit(CODE, DASH, 'B2', 'Tháng này')[0]);
    // Five more inspections of the unit this month: the picker reads the unit's month, not them.
    for (const day of ['11', '12', '13', '14', '15'])
      ws.submit(
        CODE,
        formId,
        answers({ unit: 'Xã Hợp Tiến', date: `2019-02-${day}`, B2: 'Không đạt' }),
        {
          email: EMAIL,
        },
      );
    runDue(ws, 'runQueue');
    expect(figure(ws, 'Số lần kiểm tra')).toBe(6);
    const six = cost(ws.userEdit(CODE, DASH, 'B2', 'Năm nay')[0]);
    expect(six).toEqual(one);
    expect(figure(ws, 'Số lần kiểm tra')).toBe(6);
    // An inspection of an earlier month: the worker rewrites only the rows from
    // the first that changed, and they hold exactly what a rebuild writes.
    ws.submit(CODE, formId, answers({ unit: 'Xã An Mỹ', date: '2019-01-15', A4: 'Không đạt' }), {
      email: EMAIL,
    });
    runDue(ws, 'runQueue');
    // Then one of February again: only February's row is written.
    ws.submit(CODE, formId, answers({ unit: 'Xã Hợp Tiến', date: '2019-02-20', A4: 'Không đạt' }), {
      email: EMAIL,
    });
    runDue(ws, 'runQueue');
    expect(figure(ws, 'Số lần kiểm tra')).toBe(8);
    const incremental = workbook(ws)['Số liệu bảng điều khiển'];
    expect(incremental.map((r) => r[0])).toEqual([
      'Đơn vị và tháng',
      '2019-01|10462',
      '2019-02|10498',
    ]);
    ws.run(CODE, 'rebuildAll');
    expect(workbook(ws)['Số liệu bảng điều khiển']).toEqual(incremental);
  });
});

describe('Tổng hợp over the period in the settings', () => {
  test('default this quarter; "Tháng này" leaves January out, so a January cap no longer weighs', () => {
    const { ws, formId } = setUp({ start: new Date('2019-02-25T01:00:00Z') });
    const settings = rows(ws, 'Cài đặt').map((r) => r[0]);
    expect(settings).toEqual(
      expect.arrayContaining([
        'Hạn khắc phục theo tiêu chí',
        'Nhắc trước hạn khắc phục (ngày)',
        'Kỳ của trang Tổng hợp',
      ]),
    );
    ws.submit(CODE, formId, answers({ unit: 'Xã Hợp Tiến', date: '2019-01-10', C8: 'Không đạt' }), {
      email: EMAIL,
    });
    ws.submit(CODE, formId, answers({ unit: 'Xã Hợp Tiến', date: '2019-02-21' }), { email: EMAIL });
    const line = () => rows(ws, 'Tổng hợp').find((r) => r[2] === 'Xã Hợp Tiến') ?? [];
    expect([line()[3], line()[6], line()[7]]).toEqual([2, 97.5, 'Trung bình']);
    // The sheet says which period it covers, below the units (in the unit column, phone-visible).
    const period = () => rows(ws, 'Tổng hợp').at(-1)?.[2];
    expect(period()).toMatch(
      /^Kỳ tổng hợp: Quý I\/2019 \(01\/01\/2019 – 31\/03\/2019\) · cập nhật 2[5-9]\/02\/2019 \d\d:\d\d$/,
    );
    expect(rows(ws, 'Tổng hợp').filter((r) => r[1] !== '')).toHaveLength(22);
    setCell(ws, 'Cài đặt', (r) => r[0] === 'Kỳ của trang Tổng hợp', 2, 'Tháng này');
    ws.run(CODE, 'rebuildAll');
    expect([line()[3], line()[6], line()[7]]).toEqual([1, 100, 'Xuất sắc']);
    expect(period()).toMatch(/^Kỳ tổng hợp: Tháng 02\/2019 \(01\/02\/2019 – 28\/02\/2019\) · /);
    setCell(ws, 'Cài đặt', (r) => r[0] === 'Kỳ của trang Tổng hợp', 2, '15/01/2019 - 20/02/2019');
    ws.run(CODE, 'rebuildAll');
    expect(period()).toMatch(/^Kỳ tổng hợp: 15\/01\/2019 – 20\/02\/2019 · /);
  });
});

describe('corrective actions through the whole loop', () => {
  test('report, confirmation, deadline, reminder once, follow-up closing one and finding a repeat', () => {
    const { ws, formId, fixFormId } = withUnitMail();
    at(ws, '2019-02-19T15:00:00');
    const first = ws.submit(
      CODE,
      formId,
      answers({
        unit: 'Xã Hợp Tiến',
        date: '2019-02-19',
        N1: '16',
        A1: '3',
        B2: 'Không đạt',
        C2: 'Không đạt',
      }),
      { email: EMAIL },
    ).response;
    runDue(ws, 'runQueue');
    expect(actionsOf(ws)).toEqual([
      ['A1', 'Chưa khắc phục', 'Còn 15 ngày.'],
      ['B2', 'Chưa khắc phục', 'Còn 15 ngày.'],
      ['C2', 'Chưa khắc phục', 'Còn 15 ngày.'],
    ]);
    const row = rows(ws, ACTIONS)[0];
    expect(row[2]).toBe('3/16 cán bộ, công chức đi muộn');
    expect(row[15]).toBe(`${first.getId()}|A1`);
    expect(figure(ws, 'Khắc phục đang mở')).toBe(3);

    // The unit reports B2 through the second form.
    at(ws, '2019-02-25T09:00:00');
    const fix = ws.submit(
      CODE,
      fixFormId,
      FIX('B2. Có biển tên, chức danh tại bàn làm việc', 'Đã làm biển tên cho 3 đồng chí'),
      { email: 'vanphong@hoptien.example' },
    );
    expect(fix.runs.map((r) => [r.fn, r.ok])).toEqual([['handleFixReport', true]]);
    // Google may write the report's row after its trigger ran: the queue's next run shows it.
    runDue(ws, 'runQueue');
    const b2 = rows(ws, ACTIONS)[1];
    expect([b2[5], b2[6], b2[7], b2[8]]).toEqual([
      'Đã báo cáo khắc phục',
      'Đơn vị báo cáo ngày 25/02/2019, chờ văn phòng xác nhận.',
      'Đã làm biển tên cho 3 đồng chí',
      'https://drive.example/minh-chung/1',
    ]);
    const fixRow = rows(ws, 'Báo cáo khắc phục')[0];
    expect(fixRow[fixRow.length - 1]).toBe(
      'Ghi nhận cho tồn tại B2 phát hiện ngày 19/02/2019: Đã báo cáo khắc phục.',
    );
    // A report for a criterion with no finding is answered next to it.
    ws.submit(
      CODE,
      fixFormId,
      FIX('E3. Duy trì hòm thư góp ý, kênh tiếp nhận phản ánh, kiến nghị', 'Đã có hòm thư'),
      {
        email: 'vanphong@hoptien.example',
      },
    );
    runDue(ws, 'runQueue');
    const bad = rows(ws, 'Báo cáo khắc phục')[1];
    expect(bad[bad.length - 1]).toBe(
      'Không có tồn tại nào về tiêu chí E3 của đơn vị 10498 được phát hiện đến ngày 25/02/2019.',
    );

    // The office confirms B2 in its column (simple onEdit, LIMITED) and writes a note.
    const edit = ws.userEdit(CODE, ACTIONS, 'K3', 'Đã khắc phục');
    expect(edit.map((r) => r.ok)).toEqual([true]);
    ws.userEdit(CODE, ACTIONS, 'L3', 'Đã kiểm tra ảnh');
    expect(actionsOf(ws)[1]).toEqual(['B2', 'Đã khắc phục', 'Văn phòng xác nhận đã khắc phục.']);

    // Deadlines pass: the daily run marks overdue and reminds the unit once.
    const mailsBefore = ws.MailApp._outbox().length;
    at(ws, '2019-03-07T07:00:00');
    ws.fireClock(CODE, 'runDailyLoop');
    expect(actionsOf(ws).map((a) => a[1])).toEqual(['Quá hạn', 'Đã khắc phục', 'Quá hạn']);
    expect(figure(ws, 'Khắc phục quá hạn')).toBe(2);
    const reminders = ws.MailApp._outbox().slice(mailsBefore);
    expect(reminders.map((m) => [m.to[0], m.subject])).toEqual([
      ['hoptien@mydu.example', '[Kiểm tra công vụ] Xã Hợp Tiến: 2 tồn tại đã quá hạn khắc phục'],
    ]);
    expect(reminders[0].body).toContain(
      '- A1. 3/16 cán bộ, công chức đi muộn — hạn 06/03/2019 (Quá hạn)',
    );
    at(ws, '2019-03-08T07:00:00');
    ws.fireClock(CODE, 'runDailyLoop');
    expect(ws.MailApp._outbox()).toHaveLength(mailsBefore + 1);
    expect(block(ws, 'CẦN CHÚ Ý')[1].slice(1, 3)).toEqual([
      'Xã Hợp Tiến',
      '2 việc khắc phục quá hạn (A1, C2; lâu nhất 2 ngày).',
    ]);

    // Follow-up inspection: A1 passes (closed automatically), B2 fails again (repeat), C2 not checked.
    at(ws, '2019-03-12T10:00:00');
    const follow = ws.submit(
      CODE,
      formId,
      answers({ unit: 'Xã Hợp Tiến', date: '2019-03-12', B2: 'Không đạt', C2: 'Không áp dụng' }),
      { email: EMAIL },
    ).response;
    runDue(ws, 'runQueue');
    expect(actionsOf(ws)).toEqual([
      ['A1', 'Đã khắc phục', 'Kiểm tra ngày 12/03/2019 đã đạt.'],
      ['B2', 'Tái phạm', 'Kiểm tra ngày 12/03/2019 vẫn không đạt.'],
      ['C2', 'Quá hạn', 'Quá hạn 6 ngày.'],
      ['B2', 'Chưa khắc phục', 'Còn 15 ngày.'],
    ]);
    // The office's note stays on its action.
    expect(rows(ws, ACTIONS)[1].slice(10, 12)).toEqual(['Đã khắc phục', 'Đã kiểm tra ảnh']);
    // The unit's result lists what is still open from before, with its deadline.
    const result = ws.MailApp._outbox().at(-1);
    expect(result?.subject).toContain('Kết quả kiểm tra tại UBND xã Hợp Tiến ngày 12/03/2019');
    expect(result?.body).toContain(
      'Các tồn tại từ lần kiểm tra trước chưa khắc phục xong: (1 đã quá hạn)',
    );
    expect(result?.body).toContain(
      '- C2. Bộ phận Một cửa chưa gọn gàng, sạch đẹp hoặc thiếu trang thiết bị — hạn 06/03/2019 (Quá hạn)',
    );

    // Doubled triggers duplicate nothing; a rebuild gives the same sheets.
    const before = workbook(ws);
    ws.fireFormSubmitAgain(CODE, follow);
    expect(workbook(ws)).toEqual(before);
    ws.run(CODE, 'rebuildAll');
    expect(workbook(ws)[ACTIONS]).toEqual(before[ACTIONS]);

    // The follow-up sent to review: its open action goes, the earlier ones are as before it.
    at(ws, '2019-03-13T10:00:00');
    ws.edit(
      CODE,
      follow.getId(),
      answers({ unit: 'Xã Hợp Tiến', date: '2019-03-12', N1: '5', A1: '7' }),
    );
    runDue(ws, 'runQueue');
    expect(actionsOf(ws)).toEqual([
      ['A1', 'Quá hạn', 'Quá hạn 7 ngày.'],
      ['B2', 'Đã khắc phục', 'Văn phòng xác nhận đã khắc phục.'],
      ['C2', 'Quá hạn', 'Quá hạn 7 ngày.'],
    ]);
    expect(rows(ws, ACTIONS)).toHaveLength(3);
    at(ws, '2019-03-13T11:00:00');
    // Edited back: the same action comes back on a row of its own, its key unchanged.
    ws.edit(
      CODE,
      follow.getId(),
      answers({ unit: 'Xã Hợp Tiến', date: '2019-03-12', B2: 'Không đạt' }),
    );
    runDue(ws, 'runQueue');
    expect(rows(ws, ACTIONS).map((r) => r[15])).toContain(`${follow.getId()}|B2`);
  });
});

describe('reminders within the mail quota', () => {
  test('one recipient a day: a unit left over is reminded the next day, each once', () => {
    const { ws, formId } = setUp({ mailQuota: 1 });
    setCell(ws, 'Cài đặt', (r) => r[0] === 'Gửi kết quả cho từng đơn vị', 2, 'Có');
    setCell(ws, 'Đơn vị', (r) => r[0] === '10498', 6, 'hoptien@mydu.example');
    setCell(ws, 'Đơn vị', (r) => r[0] === '10462', 6, 'anmy@mydu.example');
    ws.run(CODE, 'checkConfig');
    at(ws, '2019-02-19T15:00:00');
    ws.submit(CODE, formId, answers({ unit: 'Xã Hợp Tiến', date: '2019-02-19', B2: 'Không đạt' }), {
      email: EMAIL,
    });
    ws.submit(CODE, formId, answers({ unit: 'Xã An Mỹ', date: '2019-02-19', C4: 'Không đạt' }), {
      email: EMAIL,
    });
    const sent = () => ws.MailApp._outbox().filter((m) => m.subject.includes('hạn khắc phục'));
    at(ws, '2019-03-02T07:00:00');
    ws.fireClock(CODE, 'runDailyLoop');
    at(ws, '2019-03-03T07:00:00');
    ws.fireClock(CODE, 'runDailyLoop');
    // Due in three days from 03/03; one recipient a day: units in code order, An Mỹ first.
    expect(sent().map((m) => m.to[0])).toEqual(['anmy@mydu.example']);
    at(ws, '2019-03-04T07:00:00');
    ws.fireClock(CODE, 'runDailyLoop');
    at(ws, '2019-03-05T07:00:00');
    ws.fireClock(CODE, 'runDailyLoop');
    expect(sent().map((m) => m.to[0])).toEqual(['anmy@mydu.example', 'hoptien@mydu.example']);
    expect(rows(ws, ACTIONS).map((r) => r[14] instanceof Date)).toEqual([true, true]);
  });
});
