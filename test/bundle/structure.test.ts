// What leaders do to the sheets (sort, insert, delete rows, sort or delete response columns): every unit's rows, ids and biên bản stay its own.

import type { Workspace } from '../../src/local/emulator/runtime';
import {
  answers,
  CODE,
  minutesDocs,
  responseSheet,
  rows,
  runDue,
  setUp,
  workbook,
} from './harness';

const EMAIL = 'doan1@mydu.example';
type Cell = string | number | boolean | Date;

const logText = (ws: Workspace) =>
  rows(ws, 'Nhật ký')
    .map((r) => `${r[1]}: ${r[2]}`)
    .join('\n');

/**
 * The round of attacks.md: Tuy Lai fails B2, Hợp Tiến B3 and C4, An Mỹ passes all, Đại Hưng fails
 * the critical C8; the worker then makes each its biên bản. Returns each unit's response id.
 */
function base(ws: Workspace, formId: string): Record<string, string> {
  const ids: Record<string, string> = {};
  const round: [string, Record<string, string>][] = [
    ['Xã Tuy Lai', { B2: 'Không đạt' }],
    ['Xã Hợp Tiến', { B3: 'Không đạt', C4: 'Không đạt' }],
    ['Xã An Mỹ', {}],
    ['Xã Đại Hưng', { C8: 'Không đạt' }],
  ];
  for (const [unit, over] of round) {
    ws.clock.advance(60_000);
    ids[unit] = ws
      .submit(CODE, formId, answers({ unit, ...over }), { email: EMAIL })
      .response.getId();
  }
  runDue(ws, 'runQueue');
  expect(minutesDocs(ws)).toHaveLength(4);
  return ids;
}

const docId = (link: Cell) =>
  (/\/document\/d\/([-\w]{20,})/.exec(String(link)) ??
    /[?&]id=([-\w]{20,})/.exec(String(link)))?.[1] ?? '';

/**
 * Kết quả by unit: its rows' response ids, scores, classes and the response each linked biên bản
 * names in its Drive description (the script's mark).
 */
function byUnit(ws: Workspace): Record<string, [string, Cell, Cell, string][]> {
  const out: Record<string, [string, Cell, Cell, string][]> = {};
  for (const r of rows(ws, 'Kết quả')) {
    const doc = ws.DriveApp._item(docId(r[15]));
    const owner = (doc?.description ?? '').split(' ').pop() ?? '';
    out[String(r[5])] = [...(out[String(r[5])] ?? []), [String(r[0]), r[8], r[9], owner]];
  }
  return out;
}

/** Findings as [unit, criterion, response id], in sheet order. */
const findings = (ws: Workspace) =>
  rows(ws, 'Tồn tại').map((r) => [String(r[3]), String(r[4]), String(r[0])]);

/** Kết quả, Tồn tại and Cần xem lại as a rebuild from the responses writes them (rows sorted). */
function truth(ws: Workspace): Record<string, string[]> {
  const read = () => {
    const all = workbook(ws);
    const out: Record<string, string[]> = {};
    for (const n of ['Kết quả', 'Tồn tại', 'Cần xem lại'])
      out[n] = (all[n] ?? [])
        .slice(1)
        .map((r) => JSON.stringify(r))
        .sort();
    return out;
  };
  return read();
}

function rebuilt(ws: Workspace): Record<string, string[]> {
  ws.run(CODE, 'rebuildAll');
  return truth(ws);
}

/** The sheet as a user sees it (uncounted), to act on it as a leader would. */
function sheet(ws: Workspace, name: string) {
  const s = ws.log.uncounted(() => ws.spreadsheet.getSheetByName(name));
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
}

describe('a leader sorts, inserts or deletes rows in the derived sheets', () => {
  test('Kết quả sorted by score, then an edit and a new submission: each unit once, the sort kept', () => {
    const { ws, formId } = setUp();
    const ids = base(ws, formId);
    ws.log.uncounted(() => {
      const s = sheet(ws, 'Kết quả');
      s.getRange(2, 1, s.getLastRow() - 1, s.getLastColumn()).sort({ column: 9, ascending: false });
    });
    const scores = rows(ws, 'Kết quả').map((r) => Number(r[8]));
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const sorted = rows(ws, 'Kết quả').map((r) => r[5]);
    expect(sorted).not.toEqual(Object.keys(ids));
    ws.clock.advance(60_000);
    ws.edit(CODE, ids['Xã An Mỹ'], answers({ unit: 'Xã An Mỹ', C4: 'Không đạt' }));
    ws.clock.advance(60_000);
    const pl = ws.submit(CODE, formId, answers({ unit: 'Xã Phúc Lâm', C2: 'Không đạt' }), {
      email: EMAIL,
    }).response;
    runDue(ws, 'runQueue');
    // The leader's order stays: An Mỹ replaced where it stood, Phúc Lâm appended.
    expect(rows(ws, 'Kết quả').map((r) => r[5])).toEqual([...sorted, 'Xã Phúc Lâm']);
    const units = byUnit(ws);
    for (const [unit, id] of Object.entries({ ...ids, 'Xã Phúc Lâm': pl.getId() })) {
      expect(units[unit]).toHaveLength(1);
      // Its own id, and the biên bản made for that response.
      expect([units[unit][0][0], units[unit][0][3]]).toEqual([id, id]);
    }
    expect(units['Xã An Mỹ'][0][1]).toBeLessThan(100);
    expect(units['Xã Đại Hưng'][0][2]).toBe('Trung bình');
    expect(findings(ws).filter((f) => f[0] === 'Xã An Mỹ')).toEqual([
      ['Xã An Mỹ', 'C4', ids['Xã An Mỹ']],
    ]);
    // A sort is a leader's view, not damage: reconcile keeps it and says nothing.
    runDue(ws, 'reconcile');
    expect(rows(ws, 'Kết quả').map((r) => r[5])).toEqual([...sorted, 'Xã Phúc Lâm']);
    expect(logText(ws)).not.toContain('sửa tay');
    expect(truth(ws)).toEqual(rebuilt(ws));
    expect(minutesDocs(ws).filter((d) => !d.trashed)).toHaveLength(5);
  });

  test('Tồn tại sorted by criterion, then Hợp Tiến edited to more and then fewer findings: its rows follow, no other row moves', () => {
    const { ws, formId } = setUp();
    const ids = base(ws, formId);
    ws.log.uncounted(() => {
      const s = sheet(ws, 'Tồn tại');
      s.getRange(2, 1, s.getLastRow() - 1, s.getLastColumn()).sort({ column: 5, ascending: false });
    });
    const sorted = findings(ws);
    expect(sorted.map((f) => f[1])).toEqual(['C8', 'C4', 'B3', 'B2']);
    const others = (f: string[][]) => f.filter((x) => x[0] !== 'Xã Hợp Tiến');
    ws.clock.advance(60_000);
    ws.edit(
      CODE,
      ids['Xã Hợp Tiến'],
      answers({ unit: 'Xã Hợp Tiến', B3: 'Không đạt', C4: 'Không đạt', C2: 'Không đạt' }),
    );
    let now = findings(ws);
    // Its two rows rewritten where they stood, the third appended; the others where they were.
    expect(now.map((f) => f[0])).toEqual([
      'Xã Đại Hưng',
      'Xã Hợp Tiến',
      'Xã Hợp Tiến',
      'Xã Tuy Lai',
      'Xã Hợp Tiến',
    ]);
    expect(others(now)).toEqual(others(sorted));
    expect(
      now
        .filter((f) => f[0] === 'Xã Hợp Tiến')
        .map((f) => f[1])
        .sort(),
    ).toEqual(['B3', 'C2', 'C4']);
    ws.clock.advance(60_000);
    ws.edit(CODE, ids['Xã Hợp Tiến'], answers({ unit: 'Xã Hợp Tiến', C4: 'Không đạt' }));
    now = findings(ws);
    expect(others(now)).toEqual(others(sorted));
    expect(now.filter((f) => f[0] === 'Xã Hợp Tiến').map((f) => f.slice(1))).toEqual([
      ['C4', ids['Xã Hợp Tiến']],
    ]);
    runDue(ws, 'runQueue');
    runDue(ws, 'reconcile');
    expect(logText(ws)).not.toContain('sửa tay');
    expect(truth(ws)).toEqual(rebuilt(ws));
  });

  test('a remark row inserted at the top of Tồn tại, then an edit clears Hợp Tiến: the others untouched, the sheet repaired', () => {
    const { ws, formId } = setUp();
    const ids = base(ws, formId);
    ws.log.uncounted(() => {
      const s = sheet(ws, 'Tồn tại');
      s.insertRowBefore(2);
      s.getRange(2, 1).setValue('Ghi chú: đã nhắc các xã khắc phục trong tuần');
    });
    ws.clock.advance(60_000);
    ws.edit(CODE, ids['Xã Hợp Tiến'], answers({ unit: 'Xã Hợp Tiến' }));
    // The submission removed exactly Hợp Tiến's findings; Tuy Lai's and Đại Hưng's stand.
    expect(findings(ws)).toEqual([
      ['', '', 'Ghi chú: đã nhắc các xã khắc phục trong tuần'],
      ['Xã Tuy Lai', 'B2', ids['Xã Tuy Lai']],
      ['Xã Đại Hưng', 'C8', ids['Xã Đại Hưng']],
    ]);
    // The row of no response is the worker's to repair, and it says so once.
    runDue(ws, 'runQueue');
    expect(findings(ws)).toEqual([
      ['Xã Tuy Lai', 'B2', ids['Xã Tuy Lai']],
      ['Xã Đại Hưng', 'C8', ids['Xã Đại Hưng']],
    ]);
    const said = logText(ws)
      .split('\n')
      .filter((l) => l.includes('Tồn tại'));
    expect(said).toEqual([
      'reconcile: Trang "Tồn tại" đã bị sắp xếp/sửa tay (1 dòng không thuộc phản hồi nào): đã dựng lại từ dữ liệu phản hồi.',
    ]);
    runDue(ws, 'runQueue');
    runDue(ws, 'reconcile');
    expect(
      logText(ws)
        .split('\n')
        .filter((l) => l.includes('Tồn tại')),
    ).toHaveLength(1);
    expect(truth(ws)).toEqual(rebuilt(ws));
    expect(minutesDocs(ws).filter((d) => !d.trashed)).toHaveLength(4);
  });

  test('a Kết quả row deleted by hand, then an edit of another unit: the edit in place, the missing row back', () => {
    const { ws, formId } = setUp();
    const ids = base(ws, formId);
    ws.log.uncounted(() => sheet(ws, 'Kết quả').deleteRow(3));
    expect(byUnit(ws)['Xã Hợp Tiến']).toBeUndefined();
    ws.clock.advance(60_000);
    ws.edit(
      CODE,
      ids['Xã Đại Hưng'],
      answers({ unit: 'Xã Đại Hưng', C8: 'Không đạt', B2: 'Không đạt' }),
    );
    let units = byUnit(ws);
    expect(units['Xã Đại Hưng']).toHaveLength(1);
    expect(units['Xã Tuy Lai']).toHaveLength(1);
    expect(units['Xã An Mỹ']).toHaveLength(1);
    runDue(ws, 'runQueue');
    units = byUnit(ws);
    for (const [unit, id] of Object.entries(ids)) {
      expect(units[unit]).toHaveLength(1);
      expect([units[unit][0][0], units[unit][0][3]]).toEqual([id, id]);
    }
    expect(logText(ws)).toContain(
      'Trang "Kết quả" đã bị sắp xếp/sửa tay (thiếu 1 dòng): đã dựng lại từ dữ liệu phản hồi.',
    );
    expect(truth(ws)).toEqual(rebuilt(ws));
    expect(minutesDocs(ws).filter((d) => !d.trashed)).toHaveLength(4);
  });
});

describe('the response sheet sorted, or its [KTCV] columns deleted', () => {
  /** The response sheet's header. */
  const header = (ws: Workspace) =>
    ws.log.uncounted(() => {
      const s = sheet(ws, responseSheet(ws));
      return s.getRange(1, 1, 1, s.getLastColumn()).getValues()[0].map(String);
    });

  /** Each response row's unit and the id its [KTCV] block carries. */
  const stateIds = (ws: Workspace) => {
    const h = header(ws);
    const unit = h.indexOf('Đơn vị được kiểm tra');
    const id = h.indexOf('[KTCV] Mã phản hồi');
    return Object.fromEntries(
      rows(ws, responseSheet(ws)).map((r) => [String(r[unit]), String(r[id])]),
    );
  };

  test('the form columns sorted alone: reconcile puts each id and biên bản back with its response', () => {
    const { ws, formId } = setUp();
    const ids = base(ws, formId);
    const h = header(ws);
    ws.log.uncounted(() => {
      const s = sheet(ws, responseSheet(ws));
      s.getRange(2, 1, s.getLastRow() - 1, h.indexOf('[KTCV] Mã phản hồi')).sort({
        column: h.indexOf('Đơn vị được kiểm tra') + 1,
        ascending: true,
      });
    });
    expect(stateIds(ws)).not.toEqual(ids);
    runDue(ws, 'reconcile');
    expect(stateIds(ws)).toEqual(ids);
    const units = byUnit(ws);
    for (const [unit, id] of Object.entries(ids)) {
      expect(units[unit]).toHaveLength(1);
      expect([units[unit][0][0], units[unit][0][3]]).toEqual([id, id]);
    }
    expect(logText(ws)).toContain(
      'đã bị sắp xếp riêng (không kèm các cột [KTCV]): đã đưa mã phản hồi, trạng thái và biên bản của 4 phản hồi về đúng dòng của chúng.',
    );
    expect(minutesDocs(ws).filter((d) => !d.trashed)).toHaveLength(4);
    expect(truth(ws)).toEqual(rebuilt(ws));
  });

  test('form columns sorted, then a copy of one inspection submitted: the worker puts states back before anything is linked', () => {
    const { ws, formId } = setUp();
    const ids = base(ws, formId);
    const h = header(ws);
    ws.log.uncounted(() => {
      const s = sheet(ws, responseSheet(ws));
      s.getRange(2, 1, s.getLastRow() - 1, h.indexOf('[KTCV] Mã phản hồi')).sort({
        column: h.indexOf('Đơn vị được kiểm tra') + 1,
        ascending: true,
      });
    });
    ws.clock.advance(60_000);
    const again = ws.submit(CODE, formId, answers({ unit: 'Xã Tuy Lai', B2: 'Không đạt' }), {
      email: EMAIL,
    }).response;
    runDue(ws, 'runQueue');
    runDue(ws, 'runQueue');
    const now = { ...ids, 'Xã Tuy Lai': again.getId() };
    expect(stateIds(ws)).toEqual(now);
    const units = byUnit(ws);
    for (const [unit, id] of Object.entries(now)) {
      expect(units[unit]).toHaveLength(1);
      expect([units[unit][0][0], units[unit][0][3]]).toEqual([id, id]);
    }
    expect(rows(ws, 'Cần xem lại').map((r) => r[0])).toEqual([ids['Xã Tuy Lai']]);
    expect(logText(ws)).toContain('đã bị sắp xếp riêng (không kèm các cột [KTCV])');
    // The earlier copy's biên bản is in the trash, the new copy has its own: 4 in use.
    expect(minutesDocs(ws).filter((d) => !d.trashed)).toHaveLength(4);
  });

  test('form columns sorted and a timestamp typed over: the row no one can tell is named in the log and to the office, never mislinked', () => {
    const { ws, formId } = setUp();
    const ids = base(ws, formId);
    const h = header(ws);
    const unitCol = h.indexOf('Đơn vị được kiểm tra');
    ws.log.uncounted(() => {
      const s = sheet(ws, responseSheet(ws));
      s.getRange(2, 1, s.getLastRow() - 1, h.indexOf('[KTCV] Mã phản hồi')).sort({
        column: unitCol + 1,
        ascending: true,
      });
      // A clerk "corrects" the first row's timestamp: no state and no form response has it.
      s.getRange(2, 1).setValue(new Date('2019-01-05T01:00:00Z'));
    });
    const first = String(rows(ws, responseSheet(ws))[0][unitCol]);
    runDue(ws, 'reconcile');
    const said = logText(ws);
    expect(said).toContain(
      'không xác định được phản hồi của dòng 2: các dòng đó được chấm lại như phản hồi chưa có mã, không gắn mã phản hồi hay biên bản của dòng khác.',
    );
    const notice = ws.MailApp._outbox().filter((m) =>
      m.subject.includes('Có lỗi khi chạy tự động'),
    );
    expect(notice.map((m) => m.to)).toEqual([['noivu@mydu.example']]);
    expect(notice[0].body).toContain('dòng 2');
    // That row carries no other response's id or biên bản; every other unit has its own.
    const units = byUnit(ws);
    expect(units[first].map((u) => u[0])).toEqual(['']);
    expect(Object.values(ids)).not.toContain(units[first][0][3]);
    for (const [unit, id] of Object.entries(ids)) {
      if (unit === first) continue;
      expect([units[unit][0][0], units[unit][0][3]]).toEqual([id, id]);
    }
  });

  test('the whole response sheet sorted: ids stay with their rows; a duplicate and a new submission land right', () => {
    const { ws, formId } = setUp();
    const ids = base(ws, formId);
    const h = header(ws);
    ws.log.uncounted(() => {
      const s = sheet(ws, responseSheet(ws));
      s.getRange(2, 1, s.getLastRow() - 1, s.getLastColumn()).sort({
        column: h.indexOf('Đơn vị được kiểm tra') + 1,
        ascending: true,
      });
    });
    expect(stateIds(ws)).toEqual(ids);
    ws.clock.advance(60_000);
    // Tuy Lai's inspection sent again: the later copy counts, the earlier goes to review.
    const again = ws.submit(CODE, formId, answers({ unit: 'Xã Tuy Lai', B2: 'Không đạt' }), {
      email: EMAIL,
    }).response;
    ws.clock.advance(60_000);
    const pl = ws.submit(CODE, formId, answers({ unit: 'Xã Phúc Lâm' }), { email: EMAIL }).response;
    runDue(ws, 'runQueue');
    runDue(ws, 'reconcile');
    const units = byUnit(ws);
    const now = { ...ids, 'Xã Tuy Lai': again.getId(), 'Xã Phúc Lâm': pl.getId() };
    for (const [unit, id] of Object.entries(now)) {
      expect(units[unit]).toHaveLength(1);
      expect([units[unit][0][0], units[unit][0][3]]).toEqual([id, id]);
    }
    expect(rows(ws, 'Cần xem lại').map((r) => r[0])).toEqual([ids['Xã Tuy Lai']]);
    expect(findings(ws).map((f) => f.slice(0, 2))).toEqual(
      expect.arrayContaining([
        ['Xã Tuy Lai', 'B2'],
        ['Xã Hợp Tiến', 'B3'],
        ['Xã Hợp Tiến', 'C4'],
        ['Xã Đại Hưng', 'C8'],
      ]),
    );
    expect(findings(ws)).toHaveLength(4);
    // The earlier copy's biên bản went to the trash; one per counting inspection.
    expect(minutesDocs(ws).filter((d) => !d.trashed)).toHaveLength(5);
  });

  test('the [KTCV] columns deleted: reconcile restores ids and biên bản links, no second biên bản', () => {
    const { ws, formId } = setUp();
    const ids = base(ws, formId);
    const h = header(ws);
    ws.log.uncounted(() =>
      sheet(ws, responseSheet(ws)).deleteColumns(h.indexOf('[KTCV] Mã phản hồi') + 1, 11),
    );
    runDue(ws, 'reconcile');
    expect(stateIds(ws)).toEqual(ids);
    const units = byUnit(ws);
    for (const [unit, id] of Object.entries(ids)) {
      expect(units[unit]).toHaveLength(1);
      expect([units[unit][0][0], units[unit][0][3]]).toEqual([id, id]);
    }
    runDue(ws, 'runQueue');
    expect(minutesDocs(ws)).toHaveLength(4);
    // The state carries the links again: the worker's next runs make nothing.
    const link = header(ws).indexOf('[KTCV] Biên bản');
    expect(rows(ws, responseSheet(ws)).map((r) => docId(r[link]) !== '')).toEqual([
      true,
      true,
      true,
      true,
    ]);
  });
});

describe('a failed submission followed by its event delivered again', () => {
  test('whichever write failed, the second delivery leaves exactly one block of the response', () => {
    const probe = setUp();
    base(probe.ws, probe.formId);
    probe.ws.clock.advance(60_000);
    probe.ws.log.reset();
    probe.ws.submit(CODE, probe.formId, answers({ unit: 'Xã Phúc Lâm', B2: 'Không đạt' }), {
      email: EMAIL,
    });
    const writes = probe.ws.log.counts.get('Range.setValues') ?? 0;
    expect(writes).toBeGreaterThan(2);
    for (let k = 1; k <= writes; k++) {
      const { ws, formId } = setUp();
      base(ws, formId);
      ws.clock.advance(60_000);
      ws.faults.failAt({ call: k, method: 'Range.setValues' });
      const { response } = ws.submit(
        CODE,
        formId,
        answers({ unit: 'Xã Phúc Lâm', B2: 'Không đạt' }),
        { email: EMAIL },
      );
      ws.faults.clear();
      ws.fireFormSubmitAgain(CODE, response, { at: ws.clock.now() + 2000 });
      const id = response.getId();
      expect([k, rows(ws, 'Kết quả').filter((r) => r[0] === id).length]).toEqual([k, 1]);
      expect([k, findings(ws).filter((f) => f[2] === id)]).toEqual([
        k,
        [['Xã Phúc Lâm', 'B2', id]],
      ]);
      runDue(ws, 'runQueue');
      expect(truth(ws)).toEqual(rebuilt(ws));
    }
  });
});

describe('a derived sheet deleted (attack L4)', () => {
  test('Tồn tại deleted: the submission says in Vietnamese what is missing and what to do, nothing is lost, setup repairs', () => {
    const { ws, formId } = setUp();
    base(ws, formId);
    ws.log.uncounted(() => ws.spreadsheet.deleteSheet(sheet(ws, 'Tồn tại')));
    ws.clock.advance(60_000);
    ws.submit(CODE, formId, answers({ unit: 'Xã Phúc Lâm', B3: 'Không đạt' }), { email: EMAIL });
    runDue(ws, 'runQueue');
    const log = logText(ws);
    expect(log).toContain('Thiếu trang "Tồn tại": hãy chạy "Thiết lập".');
    expect(log).not.toMatch(/Range not found|undefined|TypeError/);
    // Setup puts the sheet back; the queued response is scored once, with every unit's findings.
    ws.run(CODE, 'setup');
    runDue(ws, 'runQueue');
    ws.run(CODE, 'reconcile');
    expect(Object.keys(byUnit(ws)).sort()).toEqual(
      ['Xã An Mỹ', 'Xã Hợp Tiến', 'Xã Phúc Lâm', 'Xã Tuy Lai', 'Xã Đại Hưng'].sort(),
    );
    expect(findings(ws).map(([u, c]) => `${u} ${c}`)).toEqual(
      expect.arrayContaining([
        'Xã Tuy Lai B2',
        'Xã Hợp Tiến C4',
        'Xã Đại Hưng C8',
        'Xã Phúc Lâm B3',
      ]),
    );
    expect(truth(ws)).toEqual(rebuilt(ws));
  });
});
