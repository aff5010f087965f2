// Every submission through the real bundle: scored, reviewed, edited, repeated, locked out, rebuilt, reconciled.

import { answers, CODE, responseSheet, rows, runDue, setUp, workbook } from './harness';

const A = (over: Record<string, string> = {}) => answers(over);
const results = (ws: Parameters<typeof rows>[0]) => rows(ws, 'Kết quả');

describe('handleFormSubmit', () => {
  test('a valid response: one results row, its findings, the summary ranked', () => {
    const { ws, formId } = setUp();
    const { response, runs } = ws.submit(
      CODE,
      formId,
      A({ B2: 'Không đạt', 'Ghi chú nhóm B': 'Đ/c Hùng không có biển tên' }),
      {
        email: 'lan.nt@mydu.example',
      },
    );
    expect(runs.map((r) => r.ok)).toEqual([true]);
    const r = results(ws);
    expect(r).toHaveLength(1);
    expect(r[0][0]).toBe(response.getId());
    expect(r[0].slice(4, 11)).toEqual([
      '10498',
      'Xã Hợp Tiến',
      'Nguyễn Thị Lan',
      'lan.nt@mydu.example',
      97,
      'Xuất sắc',
      'B2',
    ]);
    const findings = rows(ws, 'Tồn tại');
    expect(findings).toHaveLength(1);
    expect(findings[0].slice(4)).toEqual([
      'B2',
      'Không có biển tên, chức danh tại bàn làm việc',
      'Không đạt',
      '',
      'Đ/c Hùng không có biển tên',
    ]);
    const summary = rows(ws, 'Tổng hợp');
    expect(summary[0].slice(0, 4)).toEqual([1, '10498', 'Xã Hợp Tiến', 1]);
    expect(summary[0][7]).toBe('Xuất sắc');
    expect(summary.filter((s) => s[7] === 'Chưa kiểm tra')).toHaveLength(21);
  });

  test('ranking across units, critical cap, and a count over its base sent to review', () => {
    const { ws, formId } = setUp();
    ws.submit(CODE, formId, A({ unit: 'Xã Đại Hưng', C8: 'Không đạt' }), {
      email: 'a@mydu.example',
    });
    ws.submit(CODE, formId, A({ unit: 'Xã An Mỹ', B3: 'Không đạt' }), { email: 'a@mydu.example' });
    ws.submit(CODE, formId, A({ unit: 'Xã Tuy Lai', N1: '5', A1: '7' }), {
      email: 'a@mydu.example',
    });
    const summary = rows(ws, 'Tổng hợp').filter((s) => s[0] !== '');
    expect(summary.map((s) => [s[0], s[2], s[6], s[7]])).toEqual([
      [1, 'Xã An Mỹ', 97, 'Xuất sắc'],
      [2, 'Xã Đại Hưng', 95, 'Trung bình'],
    ]);
    const review = rows(ws, 'Cần xem lại');
    expect(review).toHaveLength(1);
    expect(review[0][5]).toBe('Số vi phạm lớn hơn số liệu nền (count-exceeds-base)');
    expect(String(review[0][6])).toContain('A1');
  });

  test('an edited response updates its own row; repeated and blank events change nothing', () => {
    const { ws, formId } = setUp();
    const { response } = ws.submit(CODE, formId, A({ B2: 'Không đạt' }), {
      email: 'a@mydu.example',
    });
    ws.clock.advance(60_000);
    ws.edit(CODE, response.getId(), A({ B2: 'Đạt', C4: 'Không đạt' }));
    const r = results(ws);
    expect(r).toHaveLength(1);
    expect(r[0][10]).toBe('C4');
    expect(rows(ws, 'Tồn tại').map((f) => f[4])).toEqual(['C4']);
    const before = workbook(ws);
    ws.fireFormSubmitAgain(CODE, response);
    ws.fireBlankSheetSubmit(CODE);
    expect(workbook(ws)).toEqual(before);
  });

  test('an edit that makes a response invalid moves it to review, and back when fixed', () => {
    const { ws, formId } = setUp();
    const { response } = ws.submit(CODE, formId, A(), { email: 'a@mydu.example' });
    ws.clock.advance(60_000);
    ws.edit(CODE, response.getId(), A({ N2: '3', C7: '4' }));
    expect(results(ws)).toHaveLength(0);
    expect(rows(ws, 'Cần xem lại')).toHaveLength(1);
    ws.clock.advance(60_000);
    ws.edit(CODE, response.getId(), A({ N2: '5', C7: '4' }));
    expect(results(ws)).toHaveLength(1);
    expect(rows(ws, 'Cần xem lại')).toHaveLength(0);
  });

  test('the same inspection submitted twice counts once: the later is kept, the earlier goes to review', () => {
    const { ws, formId } = setUp();
    const first = ws.submit(CODE, formId, A({ B2: 'Không đạt' }), {
      email: 'a@mydu.example',
    }).response;
    ws.clock.advance(120_000);
    const second = ws.submit(CODE, formId, A({ B2: 'Không đạt' }), {
      email: 'a@mydu.example',
    }).response;
    const r = results(ws);
    expect(r.map((x) => x[0])).toEqual([second.getId()]);
    const review = rows(ws, 'Cần xem lại');
    expect(review.map((x) => [x[0], x[5]])).toEqual([[first.getId(), 'Trùng lặp (duplicate)']]);
    expect(rows(ws, 'Tổng hợp')[0][3]).toBe(1);
    // Later submissions append after the kept one; nothing is overwritten.
    ws.clock.advance(60_000);
    ws.submit(CODE, formId, A({ unit: 'Xã An Mỹ' }), { email: 'a@mydu.example' });
    expect(results(ws).map((x) => x[5])).toEqual(['Xã Hợp Tiến', 'Xã An Mỹ']);
  });

  test('editing the kept copy of a duplicate to another date frees the earlier one: both count', () => {
    const { ws, formId } = setUp();
    const first = ws.submit(CODE, formId, A({ B2: 'Không đạt' }), {
      email: 'a@mydu.example',
    }).response;
    ws.clock.advance(120_000);
    const second = ws.submit(CODE, formId, A({ B2: 'Không đạt' }), {
      email: 'a@mydu.example',
    }).response;
    expect(rows(ws, 'Cần xem lại').map((x) => x[0])).toEqual([first.getId()]);
    // The inspector corrects the date of the second: it was another visit, not a repeat.
    ws.clock.advance(60_000);
    ws.edit(CODE, second.getId(), A({ B2: 'Không đạt', date: '2019-02-22' }));
    expect(results(ws).map((x) => x[0])).toEqual([first.getId(), second.getId()]);
    expect(rows(ws, 'Cần xem lại')).toHaveLength(0);
    expect(rows(ws, 'Tổng hợp')[0][3]).toBe(2);
    // The dashboard and biên bản follow at the queue's next run (every 5 minutes).
    runDue(ws, 'runQueue');
    const incremental = workbook(ws);
    ws.run(CODE, 'rebuildAll');
    expect(workbook(ws)).toEqual(incremental);
  });

  test('a duplicate that displaces an earlier row in the middle keeps every other row', () => {
    const { ws, formId } = setUp();
    ws.submit(CODE, formId, A({ unit: 'Xã Tuy Lai' }), { email: 'a@mydu.example' });
    ws.clock.advance(60_000);
    ws.submit(CODE, formId, A({ B2: 'Không đạt' }), { email: 'a@mydu.example' });
    ws.clock.advance(60_000);
    ws.submit(CODE, formId, A({ B2: 'Không đạt' }), { email: 'a@mydu.example' });
    ws.clock.advance(60_000);
    ws.submit(CODE, formId, A({ unit: 'Xã An Mỹ', C4: 'Không đạt' }), { email: 'a@mydu.example' });
    expect(results(ws).map((x) => [x[1], x[5]])).toEqual([
      [2, 'Xã Tuy Lai'],
      [4, 'Xã Hợp Tiến'],
      [5, 'Xã An Mỹ'],
    ]);
    expect(rows(ws, 'Tồn tại').map((f) => [f[3], f[4]])).toEqual([
      ['Xã Hợp Tiến', 'B2'],
      ['Xã An Mỹ', 'C4'],
    ]);
    // The dashboard and biên bản follow at the queue's next run (every 5 minutes).
    runDue(ws, 'runQueue');
    const incremental = workbook(ws);
    ws.run(CODE, 'rebuildAll');
    expect(workbook(ws)).toEqual(incremental);
  });

  test('respondent text never becomes a formula', () => {
    const { ws, formId } = setUp();
    const note = '=HYPERLINK("http://example.invalid","bấm")';
    ws.submit(
      CODE,
      formId,
      A({ B2: 'Không đạt', 'Ghi chú nhóm B': note, 'Trưởng đoàn': '+84 912 345 678' }),
      {
        email: 'a@mydu.example',
      },
    );
    const sheet = ws.spreadsheet.getSheetByName('Tồn tại');
    const cell = ws.log.uncounted(() => sheet?.getRange(2, 9));
    expect(ws.log.uncounted(() => cell?.getFormula())).toBe('');
    expect(ws.log.uncounted(() => cell?.getValue())).toBe(note);
    expect(results(ws)[0][6]).toBe('+84 912 345 678');
  });

  test('a sender not on the inspectors list goes to review when the list is not empty', () => {
    const { ws, formId } = setUp();
    ws.log.uncounted(() =>
      ws.spreadsheet
        .getSheetByName('Cán bộ kiểm tra')
        ?.appendRow(['lan.nt@mydu.example', 'Nguyễn Thị Lan', '']),
    );
    ws.run(CODE, 'checkConfig');
    ws.submit(CODE, formId, A(), { email: 'ai.do@example.com' });
    ws.submit(CODE, formId, A({ unit: 'Xã An Mỹ' }), { email: 'Lan.NT@mydu.example' });
    expect(rows(ws, 'Cần xem lại').map((r) => r[5])).toEqual([
      'Người gửi không có trong danh sách (not-inspector)',
    ]);
    expect(results(ws).map((r) => r[5])).toEqual(['Xã An Mỹ']);
  });

  test('with the lock held by another run the response waits for reconcile; nothing is lost', () => {
    const { ws, formId } = setUp();
    ws.holdLockElsewhere(true);
    ws.submit(CODE, formId, A(), { email: 'a@mydu.example' });
    ws.holdLockElsewhere(false);
    expect(results(ws)).toHaveLength(0);
    expect(rows(ws, 'Nhật ký').map((r) => r[1])).toContain('handleFormSubmit');
    // Reconcile runs at 23:00 in Hà Nội (16:00 UTC); clock triggers fire only when due.
    ws.clock.set(new Date('2019-02-18T16:00:00Z'));
    ws.fireClock(CODE, 'reconcile');
    expect(results(ws)).toHaveLength(1);
    expect(String(results(ws)[0][0])).not.toBe('');
  });

  test('reconcile scores responses whose trigger never ran, with their ids', () => {
    const { ws, formId } = setUp();
    ws.submit(CODE, formId, A(), { email: 'a@mydu.example' });
    const missed = ws.submitWithoutTrigger(formId, A({ unit: 'Xã An Mỹ' }), {
      email: 'a@mydu.example',
    });
    // Google writes the row a few seconds after the submission (the strict order).
    ws.clock.advance(ws.google.rowDelayMs);
    expect(results(ws)).toHaveLength(1);
    expect(ws.run(CODE, 'reconcile')).toBe(1);
    expect(results(ws).map((r) => r[0])).toContain(missed.getId());
    expect(ws.run(CODE, 'reconcile')).toBe(0);
  });

  test('rebuildAll gives exactly what incremental processing gave', () => {
    const { ws, formId } = setUp();
    const units = ['Xã Hợp Tiến', 'Xã An Mỹ', 'Xã Đại Hưng', 'Xã Tuy Lai', 'Thị trấn Đại Nghĩa'];
    const ids: string[] = [];
    units.forEach((unit, k) => {
      ws.clock.advance(60_000);
      ids.push(
        ws
          .submit(CODE, formId, A({ unit, B2: k % 2 ? 'Không đạt' : 'Đạt', A1: String(k) }), {
            email: 'a@mydu.example',
          })
          .response.getId(),
      );
    });
    ws.clock.advance(60_000);
    ws.submit(CODE, formId, A({ unit: 'Xã An Mỹ', B2: 'Không đạt', A1: '1' }), {
      email: 'a@mydu.example',
    }); // duplicate of #2
    ws.clock.advance(60_000);
    ws.edit(CODE, ids[3], A({ unit: 'Xã Tuy Lai', C8: 'Không đạt' }));
    ws.submit(CODE, formId, A({ N2: '1', C7: '3' }), { email: 'a@mydu.example' }); // review
    // The dashboard and biên bản follow at the queue's next run (every 5 minutes).
    runDue(ws, 'runQueue');
    const incremental = workbook(ws);
    ws.run(CODE, 'rebuildAll');
    expect(workbook(ws)).toEqual(incremental);
    expect(
      rows(ws, 'Cần xem lại')
        .map((r) => r[5])
        .sort(),
    ).toEqual(['Số vi phạm lớn hơn số liệu nền (count-exceeds-base)', 'Trùng lặp (duplicate)']);
  });

  test('an error is logged with time, function and message, and the data is left as it was', () => {
    const { ws, formId } = setUp();
    ws.submit(CODE, formId, A(), { email: 'a@mydu.example' });
    const before = workbook(ws);
    ws.log.uncounted(() => {
      const sheet = ws.spreadsheet.getSheetByName(responseSheet(ws));
      sheet?.setName('Đã đổi tên');
    });
    ws.submit(CODE, formId, A({ unit: 'Xã An Mỹ' }), { email: 'a@mydu.example' });
    const after = workbook(ws);
    const log = rows(ws, 'Nhật ký');
    expect(log.at(-1)?.[0]).toBeInstanceOf(Date);
    expect(log.at(-1)?.[1]).toBe('handleFormSubmit');
    expect(String(log.at(-1)?.[2])).toContain('Thiết lập');
    for (const name of ['Kết quả', 'Tồn tại', 'Tổng hợp', 'Cần xem lại'])
      expect(after[name]).toEqual(before[name]);
  });

  test('derived sheets are protected with a warning', () => {
    const { ws } = setUp();
    for (const name of ['Tổng hợp', 'Kết quả', 'Tồn tại', 'Cần xem lại']) {
      const p = ws.log.uncounted(() =>
        ws.spreadsheet.getSheetByName(name)?.getProtections(ws.SpreadsheetApp.ProtectionType.SHEET),
      );
      expect(p).toHaveLength(1);
      expect(ws.log.uncounted(() => p?.[0].isWarningOnly())).toBe(true);
    }
  });
});
