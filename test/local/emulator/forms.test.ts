// FormApp emulator: items, settings, validation, responses and the response sheet Google writes; sources in test names.
import type { EmuForm } from '../../../src/local/emulator/forms';
import { createWorkspace, type Workspace } from '../../../src/local/emulator/runtime';
import type { EmuSheet } from '../../../src/local/emulator/spreadsheet';

const NOT_FOUND =
  'No item with the given ID could be found, or you do not have permission to access it.';

/** A checklist-like form: a text, a list, a date, a layout item and a paragraph. */
function inspectionForm(ws: Workspace, title = 'Phiếu kiểm tra'): EmuForm {
  const form = ws.FormApp.create(title);
  form.addTextItem().setTitle('Đơn vị').setRequired(true);
  form.addListItem().setTitle('Niêm yết TTHC').setChoiceValues(['Đạt', 'Không đạt']);
  form.addPageBreakItem().setTitle('Phần 2');
  form.addDateItem().setTitle('Ngày kiểm tra');
  form.addParagraphTextItem().setTitle('Ghi chú');
  return form;
}

function link(ws: Workspace, form: EmuForm): EmuSheet {
  form.setDestination(ws.FormApp.DestinationType.SPREADSHEET, ws.spreadsheet.getId());
  // The linked sheet shows after a flush (the stricter reading of D6, the default switch).
  ws.SpreadsheetApp.flush();
  return form._destinationSheet()!;
}

const rows = (sheet: EmuSheet): unknown[][] => sheet.getDataRange().getValues();
const display = (sheet: EmuSheet): string[][] => sheet.getDataRange().getDisplayValues();

// What Google writes into the linked sheet, not when: these tests have Google write the row
// before the trigger (the default is the stricter trigger-first, tested in google.test.ts).
const ROW_FIRST = { google: { rowOrder: 'row-first' as const } };

describe('FormApp: forms and items', () => {
  test('create sets the title; items get stable integer ids and 0-based indices (V, DT/forms)', () => {
    const ws = createWorkspace();
    const form = inspectionForm(ws);
    expect(form.getTitle()).toBe('Phiếu kiểm tra');
    const items = form.getItems();
    expect(items.map((i) => i.getTitle())).toEqual([
      'Đơn vị',
      'Niêm yết TTHC',
      'Phần 2',
      'Ngày kiểm tra',
      'Ghi chú',
    ]);
    expect(items.map((i) => i.getIndex())).toEqual([0, 1, 2, 3, 4]);
    const ids = items.map((i) => i.getId());
    for (const id of ids) expect(Number.isInteger(id)).toBe(true);
    expect(new Set(ids).size).toBe(5);
    form.moveItem(4, 0);
    expect(form.getItems().map((i) => i.getId())).toEqual([ids[4], ...ids.slice(0, 4)]);
    expect(form.getItemById(ids[0])!.getTitle()).toBe('Đơn vị');
    expect(form.getItemById(123)).toBeNull();
  });

  test('item types; ItemType compares == to its name but is not the string (V, DT/forms Item example)', () => {
    const ws = createWorkspace();
    const form = inspectionForm(ws);
    const types = form.getItems().map((i) => String(i.getType()));
    expect(types).toEqual(['TEXT', 'LIST', 'PAGE_BREAK', 'DATE', 'PARAGRAPH_TEXT']);
    const t = form.getItems()[0].getType();
    expect(t === ws.FormApp.ItemType.TEXT).toBe(true);
    // biome-ignore lint/suspicious/noDoubleEquals: the Apps Script idiom under test.
    expect((t as unknown) == 'TEXT').toBe(true);
    expect((t as unknown) === 'TEXT').toBe(false);
    expect(form.getItems(ws.FormApp.ItemType.DATE).map((i) => i.getTitle())).toEqual([
      'Ngày kiểm tra',
    ]);
    expect(form.addPageBreakItem().getType()).toBe(ws.FormApp.ItemType.PAGE_BREAK);
  });

  test('getItems gives generic Items: typed methods only after asXItem (V, DT/forms Item)', () => {
    const ws = createWorkspace();
    const form = inspectionForm(ws);
    const generic = form.getItems()[1] as unknown as Record<string, unknown>;
    expect(generic.setChoiceValues).toBeUndefined();
    const list = form.getItems()[1].asListItem();
    list.setChoiceValues(['Có', 'Không']);
    expect(list.getChoices().map((c) => c.getValue())).toEqual(['Có', 'Không']);
    expect(form.getItems()[3].asDateItem().getTitle()).toBe('Ngày kiểm tra');
  });

  test('a wrong cast throws "Invalid conversion for item type: <actual type>" (C)', () => {
    const ws = createWorkspace();
    const form = inspectionForm(ws);
    const header = form.getItems()[2];
    expect(() => header.asListItem()).toThrow('Invalid conversion for item type: PAGE_BREAK');
    expect(() => form.getItems()[0].asParagraphTextItem()).toThrow(
      'Invalid conversion for item type: TEXT',
    );
    try {
      header.asTextItem();
    } catch (e) {
      expect((e as Error).name).toBe('Exception');
    }
  });

  test('setChoiceValues([]) throws "Array is empty: values" (C-weak: quoted by one repo, Spanish form in another)', () => {
    const ws = createWorkspace();
    const item = ws.FormApp.create('f').addListItem();
    expect(() => item.setChoiceValues([])).toThrow('Array is empty: values');
  });

  test('setChoiceValues with a null element: the signature error (U)', () => {
    const ws = createWorkspace();
    const item = ws.FormApp.create('f').addMultipleChoiceItem();
    expect(() => item.setChoiceValues(['A', null as never])).toThrow(
      /match the method signature for FormApp.MultipleChoiceItem.setChoiceValues/,
    );
  });

  test('deleteItem by index or generic item (V, DT/forms)', () => {
    const ws = createWorkspace();
    const form = inspectionForm(ws);
    form.deleteItem(form.addListItem().getIndex());
    form.deleteItem(form.getItems()[0]);
    expect(form.getItems().map((i) => i.getTitle())).toEqual([
      'Niêm yết TTHC',
      'Phần 2',
      'Ngày kiểm tra',
      'Ghi chú',
    ]);
    expect(() => form.deleteItem(9)).toThrow('Invalid data updating form.');
  });

  test('bad argument types give the signature error (C format)', () => {
    const ws = createWorkspace();
    const form = ws.FormApp.create('f');
    expect(() => form.setTitle(5 as never)).toThrow(
      "The parameters (number) don't match the method signature for FormApp.Form.setTitle.",
    );
    expect(() => form.addTextItem().setRequired('yes' as never)).toThrow(
      "The parameters (String) don't match the method signature for FormApp.TextItem.setRequired.",
    );
  });

  test('the settings the bundle sets chain; a form made before 30 June 2026 is published (see google.test.ts)', () => {
    const ws = createWorkspace();
    const form = ws.FormApp.create('f');
    expect(form.isPublished()).toBe(true);
    expect(form.collectsEmail()).toBe(false);
    const same = form
      .setDescription('Mô tả')
      .setCollectEmail(true)
      .setAllowResponseEdits(true)
      .setConfirmationMessage('Cảm ơn')
      .setProgressBar(true)
      .setPublished(false);
    expect(same).toBe(form);
    expect(form.collectsEmail()).toBe(true);
    expect(form.isPublished()).toBe(false);
  });

  test('openById; an unknown id throws the not-found text (C for Drive, U for FormApp)', () => {
    const ws = createWorkspace();
    const form = ws.FormApp.create('f');
    expect(ws.FormApp.openById(form.getId())).toBe(form);
    expect(form.getEditUrl()).toBe(`https://docs.google.com/forms/d/${form.getId()}/edit`);
    expect(form.getPublishedUrl()).toMatch(
      /^https:\/\/docs\.google\.com\/forms\/d\/e\/[-\w]+\/viewform$/,
    );
    expect(() => ws.FormApp.openById('nope')).toThrow(NOT_FOUND);
  });

  test('every script call is counted under its class; the hooks are not', () => {
    const ws = createWorkspace();
    const form = inspectionForm(ws);
    expect(ws.log.counts.get('FormApp.create')).toBe(1);
    expect(ws.log.counts.get('Form.addTextItem')).toBe(1);
    expect(ws.log.counts.get('TextItem.setTitle')).toBe(1);
    expect(ws.log.counts.get('ListItem.setChoiceValues')).toBe(1);
    const before = ws.log.total();
    ws.FormApp._respond(form, { 'Đơn vị': 'Xã A' });
    form._items();
    expect(ws.log.total()).toBe(before);
  });
});

describe('FormApp: text validation', () => {
  test('requireTextMatchesPattern: the whole answer must match; the help text names the refusal', () => {
    const ws = createWorkspace();
    const form = ws.FormApp.create('f');
    const count = form.addTextItem().setTitle('Số hồ sơ');
    count.setValidation(
      ws.FormApp.createTextValidation()
        .setHelpText('Nhập số nguyên')
        .requireTextMatchesPattern('\\d+')
        .build(),
    );
    const code = form.addTextItem().setTitle('Mã');
    // DT/forms shows a builder passed without build(); live accepts it.
    code.setValidation(ws.FormApp.createTextValidation().requireTextMatchesPattern('[A-Z]{2}\\d+'));
    const ok = ws.FormApp._respond(form, { 'Số hồ sơ': '12', Mã: 'HN01' });
    expect(ok.getItemResponses()).toHaveLength(2);
    expect(() => ws.FormApp._respond(form, { 'Số hồ sơ': '1.5' })).toThrow(
      'Answer to "Số hồ sơ" fails its validation (Nhập số nguyên): 1.5',
    );
    expect(() => ws.FormApp._respond(form, { Mã: 'xHN01' })).toThrow(/"Mã" fails its validation/);
  });

  test('requireTextIsUrl: a web address passes, plain words do not (U: the exact rule)', () => {
    const ws = createWorkspace();
    const form = ws.FormApp.create('f');
    form
      .addTextItem()
      .setTitle('Minh chứng')
      .setValidation(ws.FormApp.createTextValidation().requireTextIsUrl().build());
    expect(
      ws.FormApp._respond(form, { 'Minh chứng': 'https://drive.google.com/file/d/abc' }),
    ).toBeTruthy();
    expect(() => ws.FormApp._respond(form, { 'Minh chứng': 'đã khắc phục xong' })).toThrow(
      /"Minh chứng" fails its validation/,
    );
    expect(() =>
      (ws.FormApp.createTextValidation().requireTextIsUrl as (x: unknown) => unknown)('x'),
    ).toThrow(/don't match the method signature/);
  });

  test('build() without a requirement throws (U); a bad pattern throws (U)', () => {
    const ws = createWorkspace();
    expect(() => ws.FormApp.createTextValidation().build()).toThrow('Invalid argument: validation');
    expect(() => ws.FormApp.createTextValidation().requireTextMatchesPattern('(')).toThrow(
      'Invalid argument: pattern',
    );
  });
});

describe('FormApp: responses (hooks _respond / _edit)', () => {
  test('_respond refuses what the live form refuses; the message names the item (hook)', () => {
    const ws = createWorkspace();
    const form = inspectionForm(ws);
    expect(() => ws.FormApp._respond(form, { 'Niêm yết TTHC': 'Đạt' })).toThrow(
      'Missing answer to required question "Đơn vị"',
    );
    expect(() => ws.FormApp._respond(form, { 'Đơn vị': ' ' })).toThrow('"Đơn vị"');
    expect(() => ws.FormApp._respond(form, { 'Đơn vị': 'A', 'Niêm yết TTHC': 'Tốt' })).toThrow(
      'Answer to "Niêm yết TTHC" is not one of its choices: Tốt',
    );
    expect(() =>
      ws.FormApp._respond(form, { 'Đơn vị': 'A', 'Ngày kiểm tra': '25/02/2019' }),
    ).toThrow(/"Ngày kiểm tra" is not a date/);
    expect(() => ws.FormApp._respond(form, { 'Đơn vị': 'A', 'Không có': 'x' })).toThrow(
      'has no item "Không có"',
    );
    expect(() => ws.FormApp._respond(form, { 'Đơn vị': 'A', 'Phần 2': 'x' })).toThrow(
      'takes no answer',
    );
    expect(form.getResponses()).toHaveLength(0);
    // The office changed the choices after this was answered, or a test wants a bad value through.
    const r = ws.FormApp._respond(form, { 'Niêm yết TTHC': 'Tốt' }, { bypassValidation: true });
    expect(r.getItemResponses().map((x) => x.getResponse())).toEqual(['Tốt']);
  });

  test('answers by item id work as well as by title (hook)', () => {
    const ws = createWorkspace();
    const form = inspectionForm(ws);
    const id = form.getItems()[0].getId();
    expect(
      ws.FormApp._respond(form, { [id]: 'Xã B' })
        .getItemResponses()[0]
        .getResponse(),
    ).toBe('Xã B');
  });

  test('FormResponse: stable id, timestamp = at, answered items only in form order, date as YYYY-MM-DD (GF; REF:reference/forms/item-response)', () => {
    const ws = createWorkspace();
    const form = inspectionForm(ws);
    const at = new Date('2019-02-26T02:30:00Z');
    const r = ws.FormApp._respond(form, { 'Ngày kiểm tra': '2019-2-26', 'Đơn vị': 'Xã A' }, { at });
    expect(r.getId()).toMatch(/^2_ABaOnu[-\w]+$/);
    expect(r.getTimestamp().getTime()).toBe(at.getTime());
    expect(r.getItemResponses().map((x) => [x.getItem().getTitle(), x.getResponse()])).toEqual([
      ['Đơn vị', 'Xã A'],
      ['Ngày kiểm tra', '2019-02-26'],
    ]);
    expect(form.getResponse(r.getId())).toBe(r);
    expect(ws.clock.now()).toBe(at.getTime());
  });

  test('getRespondentEmail is "" unless the form collects emails (GF fakeformresponse.js)', () => {
    const ws = createWorkspace();
    const form = inspectionForm(ws);
    expect(
      ws.FormApp._respond(form, { 'Đơn vị': 'A' }, { email: 'a@x.vn' }).getRespondentEmail(),
    ).toBe('');
    form.setCollectEmail(true);
    expect(() => ws.FormApp._respond(form, { 'Đơn vị': 'A' })).toThrow('collects emails');
    expect(
      ws.FormApp._respond(form, { 'Đơn vị': 'A' }, { email: 'a@x.vn' }).getRespondentEmail(),
    ).toBe('a@x.vn');
  });

  test('getResponses: oldest first (GF fakeform.js); an edit keeps its place (U); since a Date: at or after it (U)', () => {
    const ws = createWorkspace({ start: new Date('2019-02-25T01:00:00Z') });
    const form = inspectionForm(ws).setAllowResponseEdits(true);
    const t = (m: number): Date => new Date(Date.UTC(2019, 1, 25, 1, m));
    const a = ws.FormApp._respond(form, { 'Đơn vị': 'A' }, { at: t(1) });
    const b = ws.FormApp._respond(form, { 'Đơn vị': 'B' }, { at: t(2) });
    const c = ws.FormApp._respond(form, { 'Đơn vị': 'C' }, { at: t(3) });
    ws.FormApp._edit(a.getId(), { 'Đơn vị': 'A2' }, { at: t(4) });
    expect(form.getResponses().map((r) => r.getId())).toEqual([a.getId(), b.getId(), c.getId()]);
    expect(form.getResponses()[0].getItemResponses()[0].getResponse()).toBe('A2');
    expect(form.getResponses(t(3)).map((r) => r.getId())).toEqual([a.getId(), c.getId()]);
    expect(() => form.getResponse('2_nope')).toThrow(
      'No response with ID 2_nope exists for this form.',
    );
  });

  test('_edit needs setAllowResponseEdits; "" clears an answer; validation still applies (hook)', () => {
    const ws = createWorkspace();
    const form = inspectionForm(ws);
    const r = ws.FormApp._respond(form, { 'Đơn vị': 'A', 'Ghi chú': 'x' });
    expect(() => ws.FormApp._edit(r.getId(), { 'Ghi chú': 'y' })).toThrow(
      'does not allow editing responses',
    );
    form.setAllowResponseEdits(true);
    ws.FormApp._edit(r.getId(), { 'Ghi chú': '' });
    expect(r.getItemResponses().map((x) => x.getItem().getTitle())).toEqual(['Đơn vị']);
    expect(() => ws.FormApp._edit(r.getId(), { 'Đơn vị': '' })).toThrow(
      'Missing answer to required question "Đơn vị"',
    );
  });
});

describe('FormApp: the linked response sheet (Google-side writes)', () => {
  test('getDestinationId throws when unlinked (two public repos; text U)', () => {
    const ws = createWorkspace(ROW_FIRST);
    const form = ws.FormApp.create('f');
    expect(() => form.getDestinationId()).toThrow(
      'The form currently has no response destination.',
    );
  });

  test('setDestination adds "Câu trả lời biểu mẫu 1" in vi_VN, then "… 2" (U: localised name, live-risks D6), first tab (U)', () => {
    const ws = createWorkspace(ROW_FIRST);
    const form = inspectionForm(ws);
    const sheet = link(ws, form);
    expect(sheet.getName()).toBe('Câu trả lời biểu mẫu 1');
    expect(sheet.getIndex()).toBe(1);
    expect(form.getDestinationId()).toBe(ws.spreadsheet.getId());
    const other = ws.FormApp.create('g');
    other.addTextItem().setTitle('Q');
    expect(link(ws, other).getName()).toBe('Câu trả lời biểu mẫu 2');
    expect(() => form.setDestination(ws.FormApp.DestinationType.SPREADSHEET, 'nope')).toThrow(
      NOT_FOUND,
    );
  });

  test('headers in vi_VN, the default here: "Dấu thời gian", "Địa chỉ email", then questions in item order, none for layout items (U for the vi texts)', () => {
    const ws = createWorkspace(ROW_FIRST);
    const form = inspectionForm(ws).setCollectEmail(true);
    const sheet = link(ws, form);
    expect(rows(sheet)[0]).toEqual([
      'Dấu thời gian',
      'Địa chỉ email',
      'Đơn vị',
      'Niêm yết TTHC',
      'Ngày kiểm tra',
      'Ghi chú',
    ]);
  });

  test('headers in en_US: "Timestamp", "Email Address" (reference §2; REF:guides/triggers/events)', () => {
    const ws = createWorkspace({ locale: 'en_US', ...ROW_FIRST });
    const form = inspectionForm(ws);
    form.setCollectEmail(true);
    const sheet = link(ws, form);
    expect(rows(sheet)[0]).toEqual([
      'Timestamp',
      'Email Address',
      'Đơn vị',
      'Niêm yết TTHC',
      'Ngày kiểm tra',
      'Ghi chú',
    ]);
    // The locale is the spreadsheet's: changing it changes later links (tiny addition used: setSpreadsheetLocale).
    ws.spreadsheet.setSpreadsheetLocale('vi_VN');
    const other = ws.FormApp.create('g');
    expect(rows(link(ws, other))[0]).toEqual(['Dấu thời gian']);
  });

  test('a row per submission: Timestamp as a Date, email, answers in item order (reference §2)', () => {
    const ws = createWorkspace(ROW_FIRST);
    const form = inspectionForm(ws).setCollectEmail(true);
    const sheet = link(ws, form);
    const at = new Date('2019-02-25T02:15:30Z');
    ws.FormApp._respond(
      form,
      { 'Đơn vị': 'UBND xã An Mỹ', 'Niêm yết TTHC': 'Đạt' },
      { at, email: 'can.bo@hanoi.gov.vn' },
    );
    const [, row] = rows(sheet);
    expect(row[0]).toBeInstanceOf(Date);
    expect((row[0] as Date).getTime()).toBe(at.getTime());
    expect(row.slice(1)).toEqual(['can.bo@hanoi.gov.vn', 'UBND xã An Mỹ', 'Đạt', '', '']);
    expect(display(sheet)[1][0]).toBe('25/2/2019 9:15:30');
  });

  test('email collection: VERIFIED records the signed-in account, nothing typed counts; RESPONDER_INPUT records what is typed (U: live scripts, not the type definitions)', () => {
    const ws = createWorkspace(ROW_FIRST);
    const form = inspectionForm(ws);
    expect(String(form.getEmailCollectionType())).toBe('DO_NOT_COLLECT');
    // The legacy switch: which type it gives is unverified; the emulator takes the typed one.
    form.setCollectEmail(true);
    expect(String(form.getEmailCollectionType())).toBe('RESPONDER_INPUT');
    const sheet = link(ws, form);
    const answers = { 'Đơn vị': 'UBND xã An Mỹ' };
    const spoof = { email: 'la.ma@gmail.example', typed: 'can.bo@hanoi.gov.vn' };
    ws.FormApp._respond(form, answers, spoof);
    form.setEmailCollectionType(ws.FormApp.EmailCollectionType.VERIFIED);
    expect(form.getEmailCollectionType()).toBe(ws.FormApp.EmailCollectionType.VERIFIED);
    expect(form.collectsEmail()).toBe(true);
    const verified = ws.FormApp._respond(form, answers, spoof);
    expect(rows(sheet).map((r) => r[1])).toEqual([
      'Địa chỉ email',
      'can.bo@hanoi.gov.vn',
      'la.ma@gmail.example',
    ]);
    expect(verified.getRespondentEmail()).toBe('la.ma@gmail.example');
    // Nobody signed in: a verified form takes no response.
    expect(() => ws.FormApp._respond(form, answers, {})).toThrow('must sign in');
    // Turning collection back on keeps VERIFIED; an unknown type is refused.
    form.setCollectEmail(true);
    expect(String(form.getEmailCollectionType())).toBe('VERIFIED');
    expect(() => form.setEmailCollectionType('ANYONE')).toThrow();
    form.setEmailCollectionType(ws.FormApp.EmailCollectionType.DO_NOT_COLLECT);
    expect(form.collectsEmail()).toBe(false);
  });

  test('a date answer is a Date at midnight in the spreadsheet zone; display follows the locale (U for formats)', () => {
    const ws = createWorkspace({ locale: 'en_US', ...ROW_FIRST });
    const form = inspectionForm(ws);
    const sheet = link(ws, form);
    ws.FormApp._respond(
      form,
      { 'Đơn vị': 'A', 'Ngày kiểm tra': '2019-02-26' },
      { at: new Date('2019-02-26T13:00:00Z') },
    );
    const value = sheet.getRange(2, 4).getValue() as Date;
    expect(value).toBeInstanceOf(Date);
    expect(value.toISOString()).toBe('2019-02-25T17:00:00.000Z');
    expect(display(sheet)[1]).toEqual(['2/26/2019 20:00:00', 'A', '', '2/26/2019', '']);
  });

  test('text answers are written like typed input; a leading = + - @ stays text, never a formula (U: Google escapes it)', () => {
    const ws = createWorkspace(ROW_FIRST);
    const form = ws.FormApp.create('f');
    for (const t of ['a', 'b', 'c', 'd', 'e', 'f', 'g']) form.addTextItem().setTitle(t);
    const sheet = link(ws, form);
    ws.FormApp._respond(form, {
      a: '=HYPERLINK("http://x")',
      b: '+84 912',
      c: '-5',
      d: '@user',
      e: '0123',
      f: 'TRUE',
      g: "'quoted",
    });
    const range = sheet.getRange(2, 2, 1, 7);
    expect(range.getValues()[0]).toEqual([
      '=HYPERLINK("http://x")',
      '+84 912',
      '-5',
      '@user',
      123,
      true,
      "'quoted",
    ]);
    expect(range.getFormulas()[0]).toEqual(['', '', '', '', '', '', '']);
  });

  test('linking a form that already has responses copies them into the new sheet (U)', () => {
    const ws = createWorkspace(ROW_FIRST);
    const form = inspectionForm(ws);
    ws.FormApp._respond(form, { 'Đơn vị': 'A' });
    ws.FormApp._respond(form, { 'Đơn vị': 'B' });
    const sheet = link(ws, form);
    expect(rows(sheet).map((r) => r[1])).toEqual(['Đơn vị', 'A', 'B']);
  });

  test('an edit rewrites the same row in place with the new Timestamp; same response id (mozilla/network-pulse#158)', () => {
    const ws = createWorkspace(ROW_FIRST);
    const form = inspectionForm(ws).setAllowResponseEdits(true);
    const sheet = link(ws, form);
    const a = ws.FormApp._respond(
      form,
      { 'Đơn vị': 'A', 'Ghi chú': 'cũ' },
      { at: new Date('2019-02-25T02:00:00Z') },
    );
    ws.FormApp._respond(form, { 'Đơn vị': 'B' }, { at: new Date('2019-02-25T02:05:00Z') });
    const edited = ws.FormApp._edit(
      a.getId(),
      { 'Ghi chú': 'mới' },
      { at: new Date('2019-02-25T03:00:00Z') },
    );
    expect(edited.getId()).toBe(a.getId());
    expect(form._responseRow(a.getId())).toBe(2);
    const all = rows(sheet);
    expect(all).toHaveLength(3);
    expect((all[1][0] as Date).toISOString()).toBe('2019-02-25T03:00:00.000Z');
    expect(all[1].slice(1)).toEqual(['A', '', '', 'mới']);
    expect(all[2][1]).toBe('B');
  });

  test('an edit leaves a column the script added to the row alone (U)', () => {
    const ws = createWorkspace(ROW_FIRST);
    const form = inspectionForm(ws).setAllowResponseEdits(true);
    const sheet = link(ws, form);
    const r = ws.FormApp._respond(form, { 'Đơn vị': 'A' });
    sheet.getRange(2, 7).setValue('Đã chấm');
    ws.FormApp._edit(r.getId(), { 'Đơn vị': 'A2' });
    expect(sheet.getRange(2, 2).getValue()).toBe('A2');
    expect(sheet.getRange(2, 7).getValue()).toBe('Đã chấm');
  });

  test('a question added after responses exist gets a new column at the right end (U)', () => {
    const ws = createWorkspace(ROW_FIRST);
    const form = inspectionForm(ws);
    const sheet = link(ws, form);
    ws.FormApp._respond(form, { 'Đơn vị': 'A' });
    const added = form.addTextItem().setTitle('Mới');
    form.moveItem(form.getItemById(added.getId())!, 0);
    expect(rows(sheet)[0]).toEqual([
      'Dấu thời gian',
      'Đơn vị',
      'Niêm yết TTHC',
      'Ngày kiểm tra',
      'Ghi chú',
      'Mới',
    ]);
    ws.FormApp._respond(form, { 'Đơn vị': 'B', Mới: 'x' });
    expect(rows(sheet)[2]).toEqual([expect.any(Date), 'B', '', '', '', 'x']);
  });

  test('renaming a question renames its header cell (U)', () => {
    const ws = createWorkspace(ROW_FIRST);
    const form = inspectionForm(ws);
    const sheet = link(ws, form);
    form.getItems()[0].setTitle('Tên đơn vị');
    expect(rows(sheet)[0][1]).toBe('Tên đơn vị');
  });

  test('a deleted question keeps its column; later rows leave it empty (U)', () => {
    const ws = createWorkspace(ROW_FIRST);
    const form = inspectionForm(ws);
    const sheet = link(ws, form);
    ws.FormApp._respond(form, { 'Đơn vị': 'A', 'Niêm yết TTHC': 'Đạt' });
    const gone = form.getItems()[1];
    form.deleteItem(1);
    gone.setTitle('Đổi tên sau khi xoá');
    ws.FormApp._respond(form, { 'Đơn vị': 'B' });
    const all = rows(sheet);
    expect(all[0][2]).toBe('Niêm yết TTHC');
    expect(all[1][2]).toBe('Đạt');
    expect(all[2][2]).toBe('');
  });

  test('Google-side writes are not counted as calls', () => {
    const ws = createWorkspace(ROW_FIRST);
    const form = inspectionForm(ws).setAllowResponseEdits(true);
    link(ws, form);
    const before = ws.log.total();
    const r = ws.FormApp._respond(form, { 'Đơn vị': 'A' });
    ws.FormApp._edit(r._state.id, { 'Đơn vị': 'B' });
    ws.FormApp._sheetEvent(r._state.id);
    expect(ws.log.total()).toBe(before);
  });
});
