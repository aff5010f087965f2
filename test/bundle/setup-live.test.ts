// Setup as it must survive Google: unpublished forms, failures mid-way, late or renamed response sheets, typed items refused, edited questions, the cell limit.

import { EmuForm } from '../../src/local/emulator/forms';
import { createWorkspace, type Workspace } from '../../src/local/emulator/runtime';
import { EmuSheet } from '../../src/local/emulator/spreadsheet';
import { patched } from './google-rules';
import { answers, CODE, responseSheet, rows, runDue, setUp } from './harness';

const props = (ws: Workspace) => ws.PropertiesService.getScriptProperties();

const INSPECTION = 'Phiếu kiểm tra công vụ đột xuất';
const FIX = 'Báo cáo kết quả khắc phục sau kiểm tra công vụ';

/** The forms of this title (setup makes one inspection form and one fix-report form; a second is a duplicate). */
const formsTitled = (ws: Workspace, title: string) =>
  ws.FormApp._all().filter((f) => f.getTitle() === title);

/** The sheets linked to this form, by its address. */
const sheetsOf = (ws: Workspace, form: { getPublishedUrl(): string }) =>
  ws.spreadsheet.getSheets().filter((s) => s.getFormUrl() === form.getPublishedUrl());

/** Exactly one form of each kind, the saved ids are theirs, and each has exactly one sheet. */
function oneOfEach(ws: Workspace): { formId: string; fixFormId: string } {
  const [inspection, ...moreInspection] = formsTitled(ws, INSPECTION);
  const [fix, ...moreFix] = formsTitled(ws, FIX);
  expect([moreInspection, moreFix]).toEqual([[], []]);
  expect(ws.FormApp._all()).toHaveLength(2);
  expect(props(ws).getProperty('formId')).toBe(inspection.getId());
  expect(props(ws).getProperty('fixFormId')).toBe(fix.getId());
  expect(sheetsOf(ws, inspection)).toHaveLength(1);
  expect(sheetsOf(ws, fix).map((s) => s.getName())).toEqual(['Báo cáo khắc phục']);
  return { formId: inspection.getId(), fixFormId: fix.getId() };
}

function editCriteria(ws: Workspace, edit: (sheet: EmuSheet, values: unknown[][]) => void): void {
  ws.log.uncounted(() => {
    const sheet = ws.spreadsheet.getSheetByName('Tiêu chí');
    if (!sheet) throw new Error('no sheet');
    edit(sheet, sheet.getDataRange().getValues());
  });
}

const E4 = ['E4', 'E', 'Có sổ góp ý của công dân', 'Đạt/Không đạt', '', 2, ''];

describe('the form is published and checked', () => {
  test('a form found unpublished is published again, and setup and the config check say so', () => {
    const { ws, formId } = setUp();
    const form = ws.FormApp._open(formId) as EmuForm;
    expect(form.isPublished()).toBe(true);
    form.setPublished(false);
    const message = String(ws.run(CODE, 'setup'));
    expect(message).toContain('chưa xuất bản');
    expect(message).toContain('xuất bản lại');
    expect(form.isPublished()).toBe(true);
    form.setPublished(false);
    expect(String(ws.run(CODE, 'checkConfig'))).toContain('đã được xuất bản lại');
    expect(form.isPublished()).toBe(true);
    expect(String(ws.run(CODE, 'checkConfig'))).toContain('Biểu mẫu đã xuất bản');
  });

  test('a new form starts published although Google starts new forms unpublished', () => {
    // Forms made after 30 June 2026 start unpublished unless `create(title, true)` asks otherwise.
    const { ws, formId } = setUp({ start: new Date('2026-12-01T01:00:00Z') });
    expect((ws.FormApp._open(formId) as EmuForm).isPublished()).toBe(true);
    const { response } = ws.submit(CODE, formId, answers(), { email: 'lan.nt@mydu.example' });
    expect(rows(ws, 'Kết quả').map((r) => r[0])).toEqual([response.getId()]);
  });
});

describe('the form id is saved the moment the form exists', () => {
  test('a failure after creating the form never makes a second form at the next setup', () => {
    const ws = createWorkspace({ start: new Date('2019-02-18T01:00:00Z') });
    let failed = 0;
    patched(
      EmuForm.prototype,
      'setDestination',
      () =>
        function (this: EmuForm) {
          failed++;
          throw new Error('We’re sorry, a server error occurred. Please wait a bit and try again.');
        } as unknown as EmuForm['setDestination'],
      () => {
        expect(String(ws.run(CODE, 'setup'))).toBe('');
      },
    );
    expect(failed).toBeGreaterThan(1);
    // Setup stopped at the inspection form: no fix-report form yet.
    expect(ws.FormApp._all()).toHaveLength(1);
    expect(formsTitled(ws, INSPECTION)).toHaveLength(1);
    const saved = String(props(ws).getProperty('formId'));
    expect(saved).toBe(formsTitled(ws, INSPECTION)[0].getId());
    expect(String(ws.run(CODE, 'setup'))).toContain('Thiết lập xong');
    expect(oneOfEach(ws).formId).toBe(saved);
    expect((ws.FormApp._open(saved) as EmuForm).getDestinationId()).toBe(ws.spreadsheet.getId());
  });

  test('a form that times out is retried, never taken for deleted', () => {
    const { ws, formId } = setUp();
    const fixFormId = oneOfEach(ws).fixFormId;
    let calls = 0;
    const app = ws.FormApp;
    const original = app.openById;
    app.openById = function (this: typeof app, id: string) {
      calls++;
      if (calls === 1)
        throw new Error(`Service Forms timed out while accessing form with id ${id}`);
      return original.call(this, id);
    } as typeof app.openById;
    try {
      const message = String(ws.run(CODE, 'setup'));
      expect(message).toContain('Thiết lập xong');
    } finally {
      app.openById = original;
    }
    expect(calls).toBeGreaterThanOrEqual(2);
    expect(oneOfEach(ws)).toEqual({ formId, fixFormId });
  });

  test('a form that keeps timing out stops setup with the error; no second form', () => {
    const { ws, formId } = setUp();
    const fixFormId = oneOfEach(ws).fixFormId;
    const app = ws.FormApp;
    const original = app.openById;
    app.openById = (() => {
      throw new Error('Service Forms timed out while accessing form.');
    }) as typeof app.openById;
    try {
      const message = String(ws.run(CODE, 'setup'));
      expect(message).toBe('');
    } finally {
      app.openById = original;
    }
    expect(JSON.stringify(ws.SpreadsheetApp._alerts())).toContain('timed out');
    expect(oneOfEach(ws)).toEqual({ formId, fixFormId });
  });

  test('a deleted form is replaced by a new one', () => {
    const { ws, formId } = setUp();
    const fixFormId = oneOfEach(ws).fixFormId;
    const app = ws.FormApp;
    const original = app.openById;
    // The office deleted the inspection form; the fix-report form is still there.
    app.openById = function (this: typeof app, id: string) {
      if (id === formId)
        throw new Error(
          'No item with the given ID could be found, or you do not have permission to access it.',
        );
      return original.call(this, id);
    } as typeof app.openById;
    try {
      expect(String(ws.run(CODE, 'setup'))).toContain('đã tạo biểu mẫu mới');
    } finally {
      app.openById = original;
    }
    const inspection = formsTitled(ws, INSPECTION);
    expect(inspection.map((f) => f.getId())).toEqual([formId, expect.any(String)]);
    expect(props(ws).getProperty('formId')).toBe(inspection[1].getId());
    expect(formsTitled(ws, FIX).map((f) => f.getId())).toEqual([fixFormId]);
    expect(props(ws).getProperty('fixFormId')).toBe(fixFormId);
  });
});

describe('the fix-report form is made once, as the inspection form is', () => {
  const timeout = (id: string) =>
    new Error(`Service Forms timed out while accessing form with id ${id}`);

  test('a failure after creating it never makes a second one at the next setup', () => {
    const ws = createWorkspace({ start: new Date('2019-02-18T01:00:00Z') });
    let failed = 0;
    patched(
      EmuForm.prototype,
      'setDestination',
      (original) =>
        function (this: EmuForm, ...args: Parameters<EmuForm['setDestination']>) {
          if (this.getTitle() !== FIX) return original.apply(this, args);
          failed++;
          throw new Error('We’re sorry, a server error occurred. Please wait a bit and try again.');
        } as EmuForm['setDestination'],
      () => {
        expect(String(ws.run(CODE, 'setup'))).toBe('');
      },
    );
    expect(failed).toBeGreaterThan(1);
    const [fix, ...more] = formsTitled(ws, FIX);
    expect(more).toEqual([]);
    expect(props(ws).getProperty('fixFormId')).toBe(fix.getId());
    expect(String(ws.run(CODE, 'setup'))).toContain('Thiết lập xong');
    expect(oneOfEach(ws).fixFormId).toBe(fix.getId());
    expect(fix.getDestinationId()).toBe(ws.spreadsheet.getId());
    // Its questions once each, although the first run stopped after making them.
    expect(fix.getItems().map((i) => i.getTitle())).toEqual([
      'Đơn vị báo cáo',
      'Tồn tại đã khắc phục (tiêu chí)',
      'Nội dung đã khắc phục',
      'Đường dẫn minh chứng (ảnh, văn bản)',
    ]);
  });

  test('one that times out is retried; one that keeps timing out stops setup; never a second one', () => {
    const { ws, formId } = setUp();
    const { fixFormId } = oneOfEach(ws);
    const app = ws.FormApp;
    const original = app.openById;
    let calls = 0;
    app.openById = function (this: typeof app, id: string) {
      if (id === fixFormId && ++calls === 1) throw timeout(id);
      return original.call(this, id);
    } as typeof app.openById;
    try {
      expect(String(ws.run(CODE, 'setup'))).toContain('Thiết lập xong');
      expect(calls).toBeGreaterThanOrEqual(2);
      app.openById = function (this: typeof app, id: string) {
        if (id === fixFormId) throw timeout(id);
        return original.call(this, id);
      } as typeof app.openById;
      expect(String(ws.run(CODE, 'setup'))).toBe('');
    } finally {
      app.openById = original;
    }
    expect(JSON.stringify(ws.SpreadsheetApp._alerts())).toContain('timed out');
    expect(oneOfEach(ws)).toEqual({ formId, fixFormId });
  });

  test('its sheet shown only in a later execution: setup says to run again, the next run finds it by its link, and reports are read from it', () => {
    const ws = createWorkspace({ start: new Date('2019-02-18T01:00:00Z') });
    patched(
      EmuSheet.prototype,
      'getFormUrl',
      (original) =>
        function (this: EmuSheet) {
          const url = original.call(this);
          return url === formsTitled(ws, FIX)[0]?.getPublishedUrl() ? null : url;
        },
      () => {
        const message = String(ws.run(CODE, 'setup'));
        expect(message).toContain('Thiết lập xong');
        expect(message).toContain(
          'Google chưa cho thấy trang câu trả lời của biểu mẫu báo cáo khắc phục: hãy chạy lại "Thiết lập" sau ít phút',
        );
      },
    );
    expect(formsTitled(ws, FIX)).toHaveLength(1);
    expect(String(ws.run(CODE, 'setup'))).not.toContain('chưa cho thấy');
    const { formId, fixFormId } = oneOfEach(ws);
    // The units' reports come after the leaders' sheets.
    expect(ws.spreadsheet.getSheets().at(-1)?.getName()).toBe('Báo cáo khắc phục');
    ws.submit(CODE, formId, answers({ B2: 'Không đạt' }), { email: 'lan.nt@mydu.example' });
    ws.clock.advance(4 * 24 * 3600 * 1000);
    ws.submit(
      CODE,
      fixFormId,
      {
        'Đơn vị báo cáo': 'Xã Hợp Tiến',
        'Tồn tại đã khắc phục (tiêu chí)': 'B2. Có biển tên, chức danh tại bàn làm việc',
        'Nội dung đã khắc phục': 'Đã làm biển tên',
        'Đường dẫn minh chứng (ảnh, văn bản)': 'https://drive.example/minh-chung/1',
      },
      { email: 'vanphong@hoptien.example' },
    );
    // Google may write the report's row after its trigger ran: the queue's next run shows it.
    runDue(ws, 'runQueue');
    expect(rows(ws, 'Khắc phục').map((r) => [r[0], r[1], r[5], r[7]])).toEqual([
      ['Xã Hợp Tiến', 'B2', 'Đã báo cáo khắc phục', 'Đã làm biển tên'],
    ]);
  });

  test('a deleted one is replaced; the inspection form is kept', () => {
    const { ws, formId } = setUp();
    const { fixFormId } = oneOfEach(ws);
    const app = ws.FormApp;
    const original = app.openById;
    app.openById = function (this: typeof app, id: string) {
      if (id === fixFormId)
        throw new Error(
          'No item with the given ID could be found, or you do not have permission to access it.',
        );
      return original.call(this, id);
    } as typeof app.openById;
    try {
      expect(String(ws.run(CODE, 'setup'))).toContain('Thiết lập xong');
    } finally {
      app.openById = original;
    }
    expect(formsTitled(ws, INSPECTION).map((f) => f.getId())).toEqual([formId]);
    const fix = formsTitled(ws, FIX);
    expect(fix.map((f) => f.getId())).toEqual([fixFormId, expect.any(String)]);
    expect(props(ws).getProperty('fixFormId')).toBe(fix[1].getId());
    expect(sheetsOf(ws, fix[1])).toHaveLength(1);
  });

  test('a new one starts published although Google starts new forms unpublished', () => {
    const { ws } = setUp({ start: new Date('2026-12-01T01:00:00Z') });
    const [fix] = formsTitled(ws, FIX);
    expect((fix as EmuForm).isPublished()).toBe(true);
  });
});

describe('the response sheet is found by its link to the form', () => {
  test('a renamed response sheet is still found, and submissions work again after setup', () => {
    const { ws, formId } = setUp();
    ws.log.uncounted(() => {
      ws.spreadsheet.getSheetByName(responseSheet(ws))?.setName('Phiếu 2019');
    });
    const message = String(ws.run(CODE, 'setup'));
    expect(message).toContain('Thiết lập xong');
    expect(message).toContain('trang câu trả lời: "Phiếu 2019"');
    expect(responseSheet(ws)).toBe('Phiếu 2019');
    ws.submit(CODE, formId, answers({ B2: 'Không đạt' }), { email: 'lan.nt@mydu.example' });
    expect(rows(ws, 'Kết quả').map((r) => [r[5], r[8]])).toEqual([['Xã Hợp Tiến', 97]]);
  });

  test('a sheet Google shows only in a later execution: setup says to run again, and the next run finds it with the same form', () => {
    const ws = createWorkspace({ start: new Date('2019-02-18T01:00:00Z') });
    patched(
      EmuSheet.prototype,
      'getFormUrl',
      () =>
        function (this: EmuSheet) {
          return null;
        },
      () => {
        const message = String(ws.run(CODE, 'setup'));
        expect(message).toContain('chưa cho thấy trang câu trả lời');
        expect(message).toContain('sẽ không tạo biểu mẫu thứ hai');
      },
    );
    // Setup stopped before the fix-report form.
    expect(ws.FormApp._all()).toHaveLength(1);
    const [form] = formsTitled(ws, INSPECTION);
    expect(String(ws.run(CODE, 'setup'))).toContain('Thiết lập xong');
    expect(oneOfEach(ws).formId).toBe(form.getId());
  });

  test('the sheet of an older form linked to the same workbook is not taken for this one', () => {
    const { ws, formId } = setUp();
    ws.log.uncounted(() => {
      const old = ws.FormApp._create('Phiếu cũ');
      old.setDestination(ws.FormApp.DestinationType.SPREADSHEET, ws.spreadsheet.getId());
      ws.SpreadsheetApp.flush();
    });
    const [old] = formsTitled(ws, 'Phiếu cũ');
    expect(sheetsOf(ws, old)).toHaveLength(1);
    const before = responseSheet(ws);
    ws.run(CODE, 'setup');
    expect(responseSheet(ws)).toBe(before);
    expect(props(ws).getProperty('formId')).toBe(formId);
    expect(sheetsOf(ws, old)).toHaveLength(1);
  });
});

describe('form items are changed the way Google accepts', () => {
  test('after a checklist change, new items are moved by index where they belong (typed items refused as Google refuses them)', () => {
    const { ws, formId } = setUp();
    editCriteria(ws, (sheet, values) => {
      const b2 = values.findIndex((r) => r[0] === 'B2');
      sheet.getRange(b2 + 1, 3).setValue('Có biển tên, chức danh rõ ràng tại bàn làm việc');
      const b3 = values.findIndex((r) => r[0] === 'B3');
      sheet.deleteRows(b3 + 1, 1);
      sheet.appendRow(E4);
    });
    // Google refuses a typed item in moveItem/deleteItem (the emulator's default, D4).
    const message = String(ws.run(CODE, 'setup'));
    expect(message).toContain('1 câu hỏi thêm');
    expect(message).toContain('1 câu hỏi bỏ');
    const titles = ws.FormApp.openById(formId)
      .getItems()
      .map((i) => i.getTitle());
    expect(titles).toContain('B2. Có biển tên, chức danh rõ ràng tại bàn làm việc');
    expect(titles.some((t) => t.startsWith('B3.'))).toBe(false);
    expect(titles.indexOf('E4. Có sổ góp ý của công dân')).toBe(
      titles.indexOf('Ghi chú nhóm E') - 1,
    );
  });

  test('a question whose code was dropped in the Form editor gets its code back, and the setup message says so', () => {
    const { ws, formId } = setUp();
    const form = ws.FormApp._open(formId) as EmuForm;
    const count = form.getItems().length;
    const b2 = form.getItems().find((i) => i.getTitle().startsWith('B2.'));
    const id = b2?.getId();
    b2?.setTitle('Có biển tên, chức danh tại bàn làm việc');
    expect(String(ws.run(CODE, 'checkConfig'))).toContain(
      'không mang mã tiêu chí nên không được chấm: "Có biển tên, chức danh tại bàn làm việc". Nếu đó là tiêu chí bị sửa tên trong trình sửa biểu mẫu, hãy chạy "Thiết lập" để khôi phục mã.',
    );
    const message = String(ws.run(CODE, 'setup'));
    expect(message).toContain('khôi phục mã tiêu chí');
    expect(message).toContain('"Có biển tên, chức danh tại bàn làm việc" → B2');
    expect(form.getItems()).toHaveLength(count);
    expect(form.getItemById(id as number)?.getTitle()).toBe(
      'B2. Có biển tên, chức danh tại bàn làm việc',
    );
    ws.submit(CODE, formId, answers({ B2: 'Không đạt' }), { email: 'lan.nt@mydu.example' });
    expect(rows(ws, 'Kết quả').map((r) => [r[8], r[10]])).toEqual([[97, 'B2']]);
    expect(String(ws.run(CODE, 'checkConfig'))).not.toContain('không mang mã tiêu chí');
  });

  test('a question matching nothing in the checklist is kept and named, never silently dropped', () => {
    const { ws, formId } = setUp();
    const form = ws.FormApp._open(formId) as EmuForm;
    form.addParagraphTextItem().setTitle('Ý kiến khác của đoàn');
    const count = form.getItems().length;
    const message = String(ws.run(CODE, 'setup'));
    expect(message).toContain('không mang mã tiêu chí');
    expect(message).toContain('"Ý kiến khác của đoàn"');
    expect(form.getItems()).toHaveLength(count);
  });
});

describe('a question added after responses exist', () => {
  test('old inspections keep their scores, and the new criterion is scored on new responses', () => {
    const { ws, formId } = setUp();
    ws.submit(CODE, formId, answers({ B2: 'Không đạt' }), { email: 'lan.nt@mydu.example' });
    ws.clock.advance(60_000);
    ws.submit(CODE, formId, answers({ unit: 'Xã An Mỹ' }), { email: 'lan.nt@mydu.example' });
    const before = rows(ws, 'Kết quả').map((r) => [r[0], r[5], r[8], r[10]]);
    expect(before.map((r) => r[2])).toEqual([97, 100]);
    editCriteria(ws, (sheet) => {
      sheet.appendRow(E4);
    });
    ws.google.newQuestionColumn = 'end-of-block';
    const message = String(ws.run(CODE, 'setup'));
    expect(message).toContain('Thiết lập xong');
    expect(message).toContain('1 câu hỏi thêm');
    expect(message).toContain('chấm lại 2 phiếu');
    const header = ws.log.uncounted(() => {
      const sheet = ws.spreadsheet.getSheetByName(responseSheet(ws));
      return (sheet?.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0] ?? []).map(String);
    });
    expect(header.filter((h) => h === '[KTCV] Mã phản hồi')).toHaveLength(1);
    expect(header.filter((h) => h === 'E4. Có sổ góp ý của công dân')).toHaveLength(1);
    expect(rows(ws, 'Kết quả').map((r) => [r[0], r[5], r[8], r[10]])).toEqual(before);
    ws.clock.advance(60_000);
    ws.submit(
      CODE,
      formId,
      answers({ unit: 'Xã Tuy Lai', 'E4. Có sổ góp ý của công dân': 'Không đạt' }),
      { email: 'lan.nt@mydu.example' },
    );
    const tuyLai = rows(ws, 'Kết quả').find((r) => r[5] === 'Xã Tuy Lai');
    expect(tuyLai?.[10]).toBe('E4');
    expect(Number(tuyLai?.[8])).toBeLessThan(100);
    expect(
      rows(ws, 'Kết quả')
        .map((r) => [r[0], r[5], r[8], r[10]])
        .slice(0, 2),
    ).toEqual(before);
  });
});

describe('the workbook holds only what it uses', () => {
  test('the empty default sheet is removed; derived sheets keep only their columns', () => {
    const { ws } = setUp();
    const names = ws.spreadsheet.getSheets().map((s) => s.getName());
    expect(names).not.toContain('Sheet1');
    const width = (name: string) => ws.spreadsheet.getSheetByName(name)?.getMaxColumns();
    expect(width('Kết quả')).toBe(16);
    expect(width('Tồn tại')).toBe(9);
    expect(width('Tổng hợp')).toBe(9);
    expect(width('Cần xem lại')).toBe(7);
    expect(width('Nhật ký')).toBe(3);
    expect(width('Nhật ký gửi')).toBe(7);
  });

  test('a default sheet holding anything is kept', () => {
    const ws = createWorkspace({ start: new Date('2019-02-18T01:00:00Z') });
    ws.log.uncounted(() =>
      ws.spreadsheet.getSheetByName('Sheet1')?.getRange('A1').setValue('ghi chú'),
    );
    ws.run(CODE, 'setup');
    expect(ws.spreadsheet.getSheets().map((s) => s.getName())).toContain('Sheet1');
  });
});

describe('the cell limit', () => {
  test('past 80 % of 10,000,000 cells the office is warned in the log and by email, once a day', () => {
    const { ws } = setUp();
    ws.log.uncounted(() => {
      const settings = ws.spreadsheet.getSheetByName('Cài đặt');
      if (!settings) throw new Error('no sheet');
      const at = settings
        .getDataRange()
        .getValues()
        .findIndex((r) => r[0] === 'Email văn phòng');
      settings.getRange(at + 1, 2).setValue('vanphong@mydu.example');
      const big = ws.spreadsheet.insertSheet('Lưu trữ');
      big.insertRowsAfter(1000, 310_000);
    });
    ws.run(CODE, 'checkConfig');
    const warnings = () =>
      rows(ws, 'Nhật ký').filter((r) => String(r[2]).includes('giới hạn 10.000.000 ô'));
    const mails = () =>
      ws.MailApp._outbox().filter((m) => m.subject === '[Kiểm tra công vụ] Bảng tính sắp đầy');
    ws.clock.set(Date.parse('2019-02-18T16:00:00Z')); // 23:00 in Hà Nội: the daily reconcile
    ws.fireClock(CODE, 'reconcile');
    expect(warnings()).toHaveLength(1);
    expect(String(warnings()[0][2])).toMatch(/8\d%/);
    expect(String(warnings()[0][2])).toContain('"Lưu trữ" 8.086.000 ô');
    expect(String(warnings()[0][2])).toContain('Tạo bản sao');
    expect(mails()).toHaveLength(1);
    expect(mails()[0].to).toEqual(['vanphong@mydu.example']);
    // Reconcile again the same day, from the menu: no second warning.
    ws.clock.advance(1_800_000);
    ws.run(CODE, 'reconcile');
    expect(warnings()).toHaveLength(1);
    expect(mails()).toHaveLength(1);
    ws.clock.set(Date.parse('2019-02-19T16:00:00Z'));
    ws.fireClock(CODE, 'reconcile');
    expect(warnings()).toHaveLength(2);
    expect(mails()).toHaveLength(2);
    expect(String(ws.run(CODE, 'setup'))).toContain('CẢNH BÁO: Bảng tính đã dùng');
  });

  test('below 80 % nothing is said', () => {
    const { ws } = setUp();
    ws.clock.set(Date.parse('2019-02-18T16:00:00Z'));
    ws.fireClock(CODE, 'reconcile');
    expect(rows(ws, 'Nhật ký').filter((r) => String(r[2]).includes('giới hạn'))).toHaveLength(0);
  });
});
