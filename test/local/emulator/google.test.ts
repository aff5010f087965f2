// Google-side order, delay and strictness switches (ws.google): late rows, unseen linked sheets, new question columns, typed items, unpublished forms.
import type { EmuForm } from '../../../src/local/emulator/forms';
import { UNPUBLISHED_FROM } from '../../../src/local/emulator/google';
import { createWorkspace, type Workspace } from '../../../src/local/emulator/runtime';
import type { EmuSheet } from '../../../src/local/emulator/spreadsheet';

// Tests about where Google writes a row, not when, have it write the row before the trigger.
const ROW_FIRST = 'row-first' as const;

const SCRIPT = `
function setup() {
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  var form = FormApp.create('Phiếu', true);
  form.addTextItem().setTitle('Đơn vị');
  var before = ss.getSheets().length;
  form.setDestination(FormApp.DestinationType.SPREADSHEET, ss.getId());
  var seen = [ss.getSheets().length - before];
  SpreadsheetApp.flush();
  seen.push(ss.getSheets().length - before);
  ScriptApp.newTrigger('onForm').forForm(form).onFormSubmit().create();
  ScriptApp.newTrigger('onSheet').forSpreadsheet(ss).onFormSubmit().create();
  PropertiesService.getScriptProperties().setProperty('formId', form.getId());
  return seen;
}
function onForm(e) {
  var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
  Logger.log('form ' + sheet.getLastRow());
}
function onSheet(e) {
  Logger.log('sheet ' + e.range.getRow() + ' ' + e.values[1]);
}
`;

/** A workspace with the script's form linked and its two submit triggers; returns the form. */
function setUp(ws: Workspace): EmuForm {
  ws.run(SCRIPT, 'setup');
  const id = String(ws.PropertiesService.getScriptProperties().getProperty('formId'));
  return ws.FormApp.openById(id);
}

const logs = (ws: Workspace): string[] => ws.executions.flatMap((e) => e.logs);

describe('rowOrder: the Forms trigger before the response row (U, live-risks D3)', () => {
  test("'row-first': the trigger sees the row", () => {
    const ws = createWorkspace({ google: { rowOrder: 'row-first' } });
    const form = setUp(ws);
    ws.submit(SCRIPT, form, { 'Đơn vị': 'Xã A' });
    expect(logs(ws)).toEqual(['form 2', 'sheet 2 Xã A']);
  });

  test("'trigger-first': the Forms trigger runs before the row; the row lands rowDelayMs later, then the sheet trigger", () => {
    const ws = createWorkspace({ google: { rowOrder: 'trigger-first', rowDelayMs: 4000 } });
    const form = setUp(ws);
    const sheet = form._destinationSheet() as EmuSheet;
    const start = ws.clock.now();
    const { response } = ws.submit(SCRIPT, form, { 'Đơn vị': 'Xã A' });
    expect(logs(ws)).toEqual(['form 1', 'sheet 2 Xã A']);
    // The sheet trigger waited for the row: it started when the row landed.
    expect(ws.executions.at(-1)?.startedAt.getTime()).toBe(start + 4000);
    expect(form._responseRow(response.getId())).toBe(2);
    expect(sheet._display(2, 2)).toBe('Xã A');
  });

  test('a late row lands when anyone moves the clock; rows land in submission order; an edit before it lands is written once, with the latest answers', () => {
    const ws = createWorkspace({ google: { rowOrder: 'trigger-first', rowDelayMs: 10000 } });
    const form = ws.FormApp.create('Phiếu', true).setAllowResponseEdits(true);
    form.addTextItem().setTitle('Đơn vị');
    form.setDestination(ws.FormApp.DestinationType.SPREADSHEET, ws.spreadsheet.getId());
    const sheet = form._destinationSheet() as EmuSheet;
    const a = ws.submitWithoutTrigger(form, { 'Đơn vị': 'Xã A' });
    ws.clock.advance(1000);
    ws.submitWithoutTrigger(form, { 'Đơn vị': 'Xã B' });
    ws.FormApp._edit(a.getId(), { 'Đơn vị': 'Xã A sửa' });
    expect(sheet._lastRow()).toBe(1);
    expect(ws.FormApp._rowDue(a.getId())).toBe(ws.clock.now() + 9000);
    ws.clock.advance(9000);
    expect(sheet._lastRow()).toBe(2);
    expect(sheet._display(2, 2)).toBe('Xã A sửa');
    ws.clock.advance(1000);
    expect(sheet._lastRow()).toBe(3);
    expect(sheet._display(3, 2)).toBe('Xã B');
    expect(ws.FormApp._rowDue(a.getId())).toBeNull();
  });

  test('a seeded probability: the same seed gives the same order, another seed another; both orders occur', () => {
    const orders = (seed: number): boolean[] => {
      const ws = createWorkspace({
        google: { rowOrder: { triggerFirstProbability: 0.5 }, seed, rowDelayMs: 1000 },
      });
      const form = ws.FormApp.create('Phiếu', true);
      form.addTextItem().setTitle('Đơn vị');
      form.setDestination(ws.FormApp.DestinationType.SPREADSHEET, ws.spreadsheet.getId());
      const late: boolean[] = [];
      for (let i = 0; i < 40; i++) {
        const r = ws.submitWithoutTrigger(form, { 'Đơn vị': `Xã ${i}` });
        late.push(ws.FormApp._rowDue(r.getId()) !== null);
        ws.clock.advance(2000);
      }
      return late;
    };
    const first = orders(7);
    expect(orders(7)).toEqual(first);
    expect(orders(8)).not.toEqual(first);
    const lateCount = first.filter(Boolean).length;
    expect(lateCount).toBeGreaterThan(5);
    expect(lateCount).toBeLessThan(35);
  });
});

describe('linkedSheet: the sheet setDestination makes (U, live-risks D6)', () => {
  test("'after-flush': unseen in the same execution until SpreadsheetApp.flush()", () => {
    const ws = createWorkspace({ google: { linkedSheet: 'after-flush' } });
    expect(ws.run(SCRIPT, 'setup')).toEqual([0, 1]);
  });

  test("'after-flush': without flush, seen in the next execution; its name is taken meanwhile", () => {
    const ws = createWorkspace({ google: { linkedSheet: 'after-flush' } });
    const code = `function link() {
      var ss = SpreadsheetApp.getActiveSpreadsheet();
      var form = FormApp.create('Phiếu', true);
      form.addTextItem().setTitle('Q');
      form.setDestination(FormApp.DestinationType.SPREADSHEET, ss.getId());
      var names = ss.getSheets().map(function (s) { return s.getName(); });
      var byName = ss.getSheetByName('Câu trả lời biểu mẫu 1');
      try { ss.insertSheet('Câu trả lời biểu mẫu 1'); names.push('inserted'); } catch (e) { names.push(e.message); }
      return [names, byName === null];
    }
    function sheetsNow() { return SpreadsheetApp.getActiveSpreadsheet().getSheets().map(function (s) { return s.getName(); }); }`;
    expect(ws.run(code, 'link')).toEqual([
      [
        'Sheet1',
        'A sheet with the name "Câu trả lời biểu mẫu 1" already exists. Please enter another name.',
      ],
      true,
    ]);
    expect(ws.run(code, 'sheetsNow')).toEqual(['Câu trả lời biểu mẫu 1', 'Sheet1']);
  });

  test("'at-once': seen right after setDestination", () => {
    const ws = createWorkspace({ google: { linkedSheet: 'at-once' } });
    expect(ws.run(SCRIPT, 'setup')).toEqual([1, 1]);
  });
});

describe('newQuestionColumn: a question added after linking never overwrites a user column (U both ways, live-risks D5)', () => {
  /** A linked form with two questions, a `[KTCV]` user column after them and one response. */
  function linkedWithUserColumn(ws: Workspace): { form: EmuForm; sheet: EmuSheet } {
    const form = ws.FormApp.create('Phiếu', true);
    form.addTextItem().setTitle('Đơn vị');
    form.addTextItem().setTitle('Ghi chú');
    form.setDestination(ws.FormApp.DestinationType.SPREADSHEET, ws.spreadsheet.getId());
    const sheet = form._destinationSheet() as EmuSheet;
    ws.submitWithoutTrigger(form, { 'Đơn vị': 'Xã A', 'Ghi chú': 'ổn' });
    sheet.getRange(1, 4, 2, 1).setValues([['[KTCV] Mã phản hồi'], ['r-1']]);
    return { form, sheet };
  }

  test("'end-of-block': inserted after the form's columns; the user column shifts right with its data", () => {
    const ws = createWorkspace({
      google: { newQuestionColumn: 'end-of-block', rowOrder: ROW_FIRST },
    });
    const { form, sheet } = linkedWithUserColumn(ws);
    form.addTextItem().setTitle('E4. Có sổ góp ý');
    ws.submitWithoutTrigger(form, { 'Đơn vị': 'Xã B', 'E4. Có sổ góp ý': 'Có' });
    expect(
      sheet
        .getDataRange()
        .getDisplayValues()
        .map((r) => r.slice(1)),
    ).toEqual([
      ['Đơn vị', 'Ghi chú', 'E4. Có sổ góp ý', '[KTCV] Mã phản hồi'],
      ['Xã A', 'ổn', '', 'r-1'],
      ['Xã B', '', 'Có', ''],
    ]);
  });

  test("'after-last-column': after the last used column; the user column stays where it was", () => {
    const ws = createWorkspace({
      google: { newQuestionColumn: 'after-last-column', rowOrder: ROW_FIRST },
    });
    const { form, sheet } = linkedWithUserColumn(ws);
    form.addTextItem().setTitle('E4. Có sổ góp ý');
    form.setCollectEmail(true);
    ws.submitWithoutTrigger(
      form,
      { 'Đơn vị': 'Xã B', 'E4. Có sổ góp ý': 'Có' },
      { email: 'a@example.com' },
    );
    expect(
      sheet
        .getDataRange()
        .getDisplayValues()
        .map((r) => r.slice(1)),
    ).toEqual([
      ['Đơn vị', 'Ghi chú', '[KTCV] Mã phản hồi', 'E4. Có sổ góp ý', 'Địa chỉ email'],
      ['Xã A', 'ổn', 'r-1', '', ''],
      ['Xã B', '', '', 'Có', 'a@example.com'],
    ]);
  });

  test('the default is the reading where the new column lands beyond the user columns', () => {
    const ws = createWorkspace();
    expect(ws.google.newQuestionColumn).toBe('after-last-column');
    const { form, sheet } = linkedWithUserColumn(ws);
    form.addTextItem().setTitle('E4');
    expect(sheet._display(1, 4)).toBe('[KTCV] Mã phản hồi');
    expect(sheet._display(1, 5)).toBe('E4');
  });
});

describe('strictItemArguments: moveItem and deleteItem take a generic Item or an index (C, live-risks D4)', () => {
  const code = `function change(what) {
    var form = FormApp.openById(PropertiesService.getScriptProperties().getProperty('formId'));
    var typed = form.addMultipleChoiceItem().setTitle('Mới');
    try {
      if (what === 'move') form.moveItem(typed, 0); else form.deleteItem(typed);
      return 'ok';
    } catch (e) { return e.name + ': ' + e.message; }
  }
  function generic() {
    var form = FormApp.openById(PropertiesService.getScriptProperties().getProperty('formId'));
    var typed = form.addListItem().setTitle('Mới');
    form.moveItem(form.getItemById(typed.getId()), 0);
    var items = form.getItems();
    form.deleteItem(items[items.length - 1]);
    form.moveItem(1, 0);
    form.deleteItem(0);
    return form.getItems().map(function (i) { return i.getTitle(); });
  }`;

  function withForm(strict: boolean): Workspace {
    const ws = createWorkspace({ google: { strictItemArguments: strict } });
    const form = ws.FormApp.create('Phiếu', true);
    form.addTextItem().setTitle('A');
    form.addTextItem().setTitle('B');
    ws.PropertiesService.getScriptProperties().setProperty('formId', form.getId());
    return ws;
  }

  test("strict: a typed item throws Google's signature error; generic items and indices work", () => {
    const ws = withForm(true);
    expect(ws.run(code, 'change', 'move')).toBe(
      "Exception: The parameters (FormApp.MultipleChoiceItem,number) don't match the method signature for FormApp.Form.moveItem.",
    );
    expect(ws.run(code, 'change', 'delete')).toBe(
      "Exception: The parameters (FormApp.MultipleChoiceItem) don't match the method signature for FormApp.Form.deleteItem.",
    );
    // A, B, two typed 'Mới' refused above, the list item moved to the top; last deleted; 1 → 0; 0 deleted.
    expect(ws.run(code, 'generic')).toEqual(['Mới', 'B', 'Mới']);
  });

  test('lenient (until the bundle moves by generic item): a typed item is accepted', () => {
    const ws = withForm(false);
    expect(ws.run(code, 'change', 'move')).toBe('ok');
    expect(ws.run(code, 'change', 'delete')).toBe('ok');
  });
});

describe('unpublishedFrom: forms created from 30 June 2026 start unpublished (V for the Forms API, U for FormApp; live-risks D1)', () => {
  test('after the cut-off: create(title) is unpublished and refuses responses until published', () => {
    const ws = createWorkspace({ start: new Date('2026-07-01T03:00:00Z') });
    const form = ws.FormApp.create('Phiếu');
    form.addTextItem().setTitle('Q');
    expect(form.isPublished()).toBe(false);
    expect(() => ws.submitWithoutTrigger(form, { Q: 'x' })).toThrow(
      'Form "Phiếu" is not published: its link takes no responses',
    );
    expect(form.getResponses()).toHaveLength(0);
    form.setPublished(true);
    ws.submitWithoutTrigger(form, { Q: 'x' });
    expect(form.getResponses()).toHaveLength(1);
    expect(ws.FormApp.create('Khác', true).isPublished()).toBe(true);
  });

  test('the cut-off day itself counts (the stricter reading); the day before is published', () => {
    const on = createWorkspace({ start: new Date(UNPUBLISHED_FROM) });
    expect(on.FormApp.create('f').isPublished()).toBe(false);
    const before = createWorkspace({ start: new Date(UNPUBLISHED_FROM - 1) });
    expect(before.FormApp.create('f').isPublished()).toBe(true);
  });

  test('null turns the rule off; setPublished(false) refuses responses at any date', () => {
    const ws = createWorkspace({
      start: new Date('2026-12-02T03:00:00Z'),
      google: { unpublishedFrom: null },
    });
    const form = ws.FormApp.create('Phiếu');
    form.addTextItem().setTitle('Q');
    expect(form.isPublished()).toBe(true);
    form.setPublished(false);
    expect(() => ws.submitWithoutTrigger(form, { Q: 'x' })).toThrow('is not published');
  });
});

describe('the response sheet is named for the spreadsheet locale (U, live-risks D6)', () => {
  test('vi_VN: "Câu trả lời biểu mẫu N", first free N; en_US: "Form Responses 1"', () => {
    const ws = createWorkspace();
    ws.spreadsheet.insertSheet('Câu trả lời biểu mẫu 1');
    const form = ws.FormApp.create('Phiếu', true);
    form.setDestination(ws.FormApp.DestinationType.SPREADSHEET, ws.spreadsheet.getId());
    expect(form._destinationSheet()?.getName()).toBe('Câu trả lời biểu mẫu 2');
    const en = createWorkspace({ locale: 'en_US' });
    const f = en.FormApp.create('Form', true);
    f.setDestination(en.FormApp.DestinationType.SPREADSHEET, en.spreadsheet.getId());
    expect(f._destinationSheet()?.getName()).toBe('Form Responses 1');
  });
});

describe('ws.google is read at each call', () => {
  test('a test flips a switch between steps: the next call follows it', () => {
    const ws = createWorkspace({ google: { strictItemArguments: false } });
    const form = ws.FormApp.create('Phiếu', true);
    form.addTextItem().setTitle('A');
    form.moveItem(form.addTextItem().setTitle('B'), 0);
    ws.google.strictItemArguments = true;
    expect(() => form.moveItem(form.addTextItem().setTitle('C'), 0)).toThrow(
      "The parameters (FormApp.TextItem,number) don't match the method signature for FormApp.Form.moveItem.",
    );
    ws.google.rowOrder = 'trigger-first';
    form.setDestination(ws.FormApp.DestinationType.SPREADSHEET, ws.spreadsheet.getId());
    const r = ws.submitWithoutTrigger(form, { A: 'x' });
    expect(ws.FormApp._rowDue(r.getId())).toBe(ws.clock.now() + ws.google.rowDelayMs);
  });
});

describe('a full workbook and the response sheet (U, live-risks D9)', () => {
  test('a response whose row would pass 10,000,000 cells stays in the form; its row is not written', () => {
    // Where Google writes, not when: the row before the trigger.
    const ws = createWorkspace({ google: { rowOrder: ROW_FIRST } });
    const form = ws.FormApp.create('Phiếu', true);
    form.addTextItem().setTitle('Q');
    form.setDestination(ws.FormApp.DestinationType.SPREADSHEET, ws.spreadsheet.getId());
    const sheet = form._destinationSheet() as EmuSheet;
    ws.submitWithoutTrigger(form, { Q: 'một' });
    // The response sheet shrunk to its 2×2 cells, the other sheet to one column filling the rest
    // but one cell: the next row (2 cells) does not fit.
    sheet.deleteRows(3, sheet.getMaxRows() - 2);
    sheet.deleteColumns(3, sheet.getMaxColumns() - 2);
    const other = ws.spreadsheet.getSheetByName('Sheet1') as EmuSheet;
    other.deleteColumns(2, 25);
    other.insertRowsAfter(1000, 10_000_000 - 4 - 1 - 1000);
    expect(ws.spreadsheet._gridCells()).toBe(9_999_999);
    const late = ws.submitWithoutTrigger(form, { Q: 'hai' });
    expect(form.getResponses()).toHaveLength(2);
    expect(ws.FormApp._findResponse(late.getId())?._state.row).toBe(0);
    expect(sheet.getLastRow()).toBe(2);
    expect(sheet.getMaxRows()).toBe(2);
  });
});
