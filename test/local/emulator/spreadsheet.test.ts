// The SpreadsheetApp emulator against reference §1; each test names its source.
import { CallLog } from '../../../src/local/emulator/calls';
import {
  type EmuSheet,
  type EmuSpreadsheet,
  SpreadsheetAppEmu,
  snapshot,
  snapshotSheet,
} from '../../../src/local/emulator/spreadsheet';

function setup(options = {}): {
  log: CallLog;
  app: SpreadsheetAppEmu;
  ss: EmuSpreadsheet;
  sheet: EmuSheet;
} {
  const log = new CallLog();
  const app = new SpreadsheetAppEmu(log, options);
  const ss = app._open(app._all()[0]._id)!;
  return { log, app, ss, sheet: ss._sheets[0] };
}

/** The thrown error, to check both its name and its exact message. */
function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a throw');
}

describe('spreadsheets and sheets', () => {
  test('a new spreadsheet has Sheet1 of 1000×26, gid 0; insertSheet names SheetN (GF fakespreadsheet.js)', () => {
    const { app } = setup();
    const ss = app.create('Kết quả');
    const [first] = ss.getSheets();
    expect(first.getName()).toBe('Sheet1');
    expect(first.getSheetId()).toBe(0);
    expect([first.getMaxRows(), first.getMaxColumns()]).toEqual([1000, 26]);
    const second = ss.insertSheet();
    expect(second.getName()).toBe('Sheet2');
    expect([second.getMaxRows(), second.getMaxColumns()]).toEqual([1000, 26]);
    expect(ss.getActiveSheet()).toBe(second);
    expect(ss.getUrl()).toBe(`https://docs.google.com/spreadsheets/d/${ss.getId()}/edit`);
  });

  test('insertSheet accepts all eight overloads; index is 0-based, getIndex 1-based (DT/spreadsheet)', () => {
    const { ss, sheet } = setup();
    const a = ss.insertSheet('A');
    const b = ss.insertSheet('B', 0);
    const c = ss.insertSheet('C', 1, {});
    const d = ss.insertSheet('D', {});
    const e = ss.insertSheet(0);
    const f = ss.insertSheet(0, {});
    const g = ss.insertSheet({});
    // Without an index a sheet goes after the active one (U), and each new sheet becomes active.
    expect(b.getIndex()).toBe(4);
    expect(ss.getSheets().map((s) => s.getName())).toEqual([
      'Sheet7',
      'Sheet8',
      'Sheet6',
      'B',
      'C',
      'D',
      'Sheet1',
      'A',
    ]);
    expect([a, c, d, e, f, g, sheet].every((s) => ss.getSheets().includes(s))).toBe(true);
  });

  test('insertSheet with a template copies contents and formats (DT/spreadsheet `{template}`)', () => {
    const { ss, sheet } = setup();
    sheet
      .getRange('A1:B1')
      .setValues([['x', 1]])
      .setBackground('#ff0000');
    sheet.setFrozenRows(1);
    const copy = ss.insertSheet('Copy', { template: sheet });
    expect(copy.getRange('A1:B1').getValues()).toEqual([['x', 1]]);
    expect(copy.getRange('A1').getBackground()).toBe('#ff0000');
    expect(copy.getFrozenRows()).toBe(1);
    copy.getRange('A1').setValue('changed');
    expect(sheet.getRange('A1').getValue()).toBe('x');
  });

  test('bad insertSheet arguments give the signature error (C; GF:src/support/helpers.js)', () => {
    const { ss } = setup();
    const e = thrown(() => (ss.insertSheet as (...a: unknown[]) => unknown)(true));
    expect(e.name).toBe('Exception');
    expect(e.message).toBe(
      "The parameters (Boolean) don't match the method signature for SpreadsheetApp.Spreadsheet.insertSheet.",
    );
  });

  test('a duplicate sheet name throws, through insertSheet and setName (C; case-insensitive is U)', () => {
    const { ss, sheet } = setup();
    ss.insertSheet('Results');
    const message = 'A sheet with the name "Results" already exists. Please enter another name.';
    expect(thrown(() => ss.insertSheet('Results')).message).toBe(message);
    expect(thrown(() => sheet.setName('Results')).message).toBe(message);
    expect(thrown(() => ss.insertSheet('results')).message).toBe(
      'A sheet with the name "results" already exists. Please enter another name.',
    );
    expect(sheet.setName('Sheet1')).toBe(sheet);
  });

  test('getSheetByName returns null for a missing name (V, DT/spreadsheet)', () => {
    const { ss, sheet } = setup();
    expect(ss.getSheetByName('Sheet1')).toBe(sheet);
    expect(ss.getSheetByName('Nope')).toBeNull();
  });

  test('openById of an unknown id throws the "is missing" error (C)', () => {
    const { app, ss } = setup();
    expect(app.openById(ss.getId())).toBe(ss);
    const e = thrown(() => app.openById('nope'));
    expect(e.name).toBe('Exception');
    expect(e.message).toBe(
      "Document nope is missing (perhaps it was deleted, or you don't have read access?)",
    );
  });

  test('deleteSheet, setActiveSheet and moveActiveSheet keep the tab order (DT/spreadsheet)', () => {
    const { ss, sheet } = setup();
    const b = ss.insertSheet('B');
    ss.insertSheet('C');
    ss.setActiveSheet(sheet);
    ss.moveActiveSheet(3);
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['B', 'C', 'Sheet1']);
    ss.deleteSheet(b);
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['C', 'Sheet1']);
    ss.deleteSheet(ss.getSheetByName('C')!);
    // Live refuses to delete the last sheet; the exact text is U.
    expect(thrown(() => ss.deleteSheet(sheet)).name).toBe('Exception');
  });

  test('an unbound script has no active spreadsheet (V, DT/spreadsheet: getActiveSpreadsheet)', () => {
    const app = new SpreadsheetAppEmu(new CallLog(), { bound: false });
    expect(app.getActiveSpreadsheet()).toBeNull();
  });
});

describe('ranges', () => {
  test('getRange in all four numeric forms and A1, 1-based (DT/spreadsheet)', () => {
    const { sheet } = setup();
    const shape = (r: { getA1Notation(): string }) => r.getA1Notation();
    expect(shape(sheet.getRange(2, 3))).toBe('C2');
    expect(shape(sheet.getRange(2, 3, 4))).toBe('C2:C5');
    expect(shape(sheet.getRange(2, 3, 4, 2))).toBe('C2:D5');
    expect(shape(sheet.getRange('B2:C3'))).toBe('B2:C3');
    expect(shape(sheet.getRange('A:B'))).toBe('A1:B1000');
    expect(shape(sheet.getRange('2:3'))).toBe('A2:Z3');
    const r = sheet.getRange('b2:c3');
    expect([
      r.getRow(),
      r.getColumn(),
      r.getNumRows(),
      r.getNumColumns(),
      r.getLastRow(),
      r.getLastColumn(),
    ]).toEqual([2, 2, 2, 2, 3, 3]);
    expect(r.getSheet()).toBe(sheet);
  });

  test('getRange errors have the exact live texts (C)', () => {
    const { sheet } = setup();
    expect(thrown(() => sheet.getRange(0, 1)).message).toBe(
      'The starting row of the range is too small.',
    );
    expect(thrown(() => sheet.getRange(1, 0)).message).toBe(
      'The starting column of the range is too small.',
    );
    expect(thrown(() => sheet.getRange(1, 1, 0)).message).toBe(
      'The number of rows in the range must be at least 1.',
    );
    expect(thrown(() => sheet.getRange(1, 1, 1, 0)).message).toBe(
      'The number of columns in the range must be at least 1.',
    );
    expect(thrown(() => sheet.getRange(1000, 1, 2)).message).toBe(
      'The coordinates of the range are outside the dimensions of the sheet.',
    );
    expect(thrown(() => sheet.getRange(1, 27)).message).toBe(
      'The coordinates of the range are outside the dimensions of the sheet.',
    );
    const e = thrown(() => (sheet.getRange as (...a: unknown[]) => unknown)('A', 1));
    expect(e.name).toBe('Exception');
    expect(e.message).toBe(
      "The parameters (String,number) don't match the method signature for SpreadsheetApp.Sheet.getRange.",
    );
    // A bad A1 string: the text is U.
    expect(thrown(() => sheet.getRange('not a range')).message).toBe('Range not found');
  });

  test('Spreadsheet.getRange takes a sheet-qualified A1 (DT/spreadsheet)', () => {
    const { ss } = setup();
    const other = ss.insertSheet('Form Responses 1');
    other.getRange('B2').setValue('x');
    expect(ss.getRange("'Form Responses 1'!B2").getValue()).toBe('x');
    expect(ss.getRange("'Form Responses 1'!A1:B2").getSheet()).toBe(other);
  });

  test("empty cells read '' and never null; getDataRange of an empty sheet is A1 (reference §1)", () => {
    const { sheet } = setup();
    expect(sheet.getRange(1, 1, 2, 2).getValues()).toEqual([
      ['', ''],
      ['', ''],
    ]);
    expect(sheet.getRange('C3').getFormula()).toBe('');
    expect(sheet.getDataRange().getValues()).toEqual([['']]);
    expect(sheet.getLastRow()).toBe(0);
    expect(sheet.getLastColumn()).toBe(0);
    sheet.getRange('B3').setValue(0);
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([3, 2]);
    expect(sheet.getDataRange().getA1Notation()).toBe('A1:B3');
  });

  test('setValues needs the exact size: rows first, then columns (C)', () => {
    const { sheet } = setup();
    const range = sheet.getRange(1, 1, 2, 3);
    const rows = thrown(() => range.setValues([[1, 2, 3]]));
    expect(rows.name).toBe('Exception');
    expect(rows.message).toBe(
      'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
    );
    expect(
      thrown(() =>
        range.setValues([
          [1, 2, 3],
          [4, 5],
        ]),
      ).message,
    ).toBe(
      'The number of columns in the data does not match the number of columns in the range. The data has 2 but the range has 3.',
    );
    sheet.insertColumnsAfter(26, 93);
    expect(thrown(() => sheet.getRange(1, 1, 1, 119).setValues([[]])).message).toBe(
      'The number of columns in the data does not match the number of columns in the range. The data has 0 but the range has 119.',
    );
  });

  test('a 1-D array to setValues is a signature error (C: "The parameters (number[]) …")', () => {
    const { sheet } = setup();
    const e = thrown(() => (sheet.getRange('A1:B1').setValues as (v: unknown) => unknown)([1, 2]));
    expect(e.message).toBe(
      "The parameters (number[]) don't match the method signature for SpreadsheetApp.Range.setValues.",
    );
  });

  test('non-string values are stored as they are; Dates come back as copies (reference §1: getValues types)', () => {
    const { sheet } = setup();
    const when = new Date(Date.UTC(2019, 1, 25, 1, 30, 0));
    sheet.getRange('A1:D1').setValues([[3.25, true, when, 'text']]);
    const [[n, b, d, s]] = sheet.getRange('A1:D1').getValues();
    expect([n, b, s]).toEqual([3.25, true, 'text']);
    expect(d).toBeInstanceOf(Date);
    expect((d as Date).getTime()).toBe(when.getTime());
    expect(d).not.toBe(when);
    (d as Date).setFullYear(2000);
    expect((sheet.getRange('C1').getValue() as Date).getTime()).toBe(when.getTime());
    when.setFullYear(2001);
    expect((sheet.getRange('C1').getValue() as Date).getUTCFullYear()).toBe(2019);
  });

  test('a written Date gets a date-time format and displays in the spreadsheet zone (U: M/d/yyyy H:mm:ss)', () => {
    const { sheet } = setup();
    sheet.getRange('A1').setValue(new Date(Date.UTC(2019, 1, 25, 1, 30, 5)));
    expect(sheet.getRange('A1').getNumberFormat()).toBe('M/d/yyyy H:mm:ss');
    expect(sheet.getRange('A1').getDisplayValue()).toBe('2/25/2019 8:30:05');
  });

  test('dates are serials in the sheet: a new time zone moves the instant read back (U: Sheets serial model)', () => {
    const { ss, sheet } = setup();
    sheet.getRange('A1').setValue(new Date(Date.UTC(2019, 1, 25, 1, 0, 0)));
    ss.setSpreadsheetTimeZone('UTC');
    expect((sheet.getRange('A1').getValue() as Date).toISOString()).toBe(
      '2019-02-25T08:00:00.000Z',
    );
  });

  test('Dates are made by the makeDate option, so a vm realm gets its own Dates', () => {
    class RealmDate extends Date {}
    const { sheet } = setup({ makeDate: (ms: number) => new RealmDate(ms) });
    sheet.getRange('A1').setValue(new Date(0));
    expect(sheet.getRange('A1').getValue()).toBeInstanceOf(RealmDate);
  });

  test('time-only input reads back as a Date on 1899-12-30 (reference §1: getValues)', () => {
    const { sheet } = setup();
    sheet.getRange('A1').setValue('8:30');
    const v = sheet.getRange('A1').getValue() as Date;
    expect(v).toBeInstanceOf(Date);
    expect(sheet.getRange('A1').getDisplayValue()).toBe('8:30:00');
    // Asia/Ho_Chi_Minh was on local mean time (+7:06:30) in 1899, so the UTC instant looks odd.
    expect(v.toISOString()).toBe('1899-12-30T01:23:30.000Z');
  });
});

describe('typed input (USER_ENTERED, gas-fakes issue #40)', () => {
  test('strings are parsed like UI input: numbers, booleans, percent (reference §1; sheetquery issue #20)', () => {
    const { sheet } = setup();
    sheet
      .getRange('A1:H1')
      .setValues([['01234', '3.5', '-2', 'TRUE', 'false', '5%', '22 34', '1,234.5']]);
    expect(sheet.getRange('A1:H1').getValues()).toEqual([
      [1234, 3.5, -2, true, false, 0.05, 2234, 1234.5],
    ]);
    expect(sheet.getRange('F1').getDisplayValue()).toBe('5%');
    expect(sheet.getRange('A1').getDisplayValue()).toBe('1234');
  });

  test('an ISO date string becomes a Date (reference §1: date strings → Date; en_US only)', () => {
    const { sheet } = setup();
    sheet.getRange('A1').setValue('2019-02-25');
    const v = sheet.getRange('A1').getValue();
    expect(v).toBeInstanceOf(Date);
    expect((v as Date).toISOString()).toBe('2019-02-24T17:00:00.000Z');
    expect(sheet.getRange('A1').getDisplayValue()).toBe('2019-02-25');
  });

  test('a leading "-" before text stays text (U); text that only looks numeric stays text', () => {
    const { sheet } = setup();
    sheet.getRange('A1:D1').setValues([['- không đạt', 'e5', '1.2.3', ' ']]);
    expect(sheet.getRange('A1:D1').getValues()).toEqual([['- không đạt', 'e5', '1.2.3', ' ']]);
  });

  test('formula injection: "=HYPERLINK(...)" written with setValues becomes a formula (reference §1: the injection vector)', () => {
    const { sheet } = setup();
    const evil = '=HYPERLINK("http://evil.example","Bấm vào đây")';
    sheet.getRange('A1:B1').setValues([[evil, 'ok']]);
    expect(sheet.getRange('A1').getFormula()).toBe(evil);
    // Formulas are stored, not computed (the bundle writes none): the cell reads ''.
    expect(sheet.getRange('A1').getValue()).toBe('');
    expect(sheet.getRange('A1:B1').getFormulas()).toEqual([[evil, '']]);
  });

  test('the same text stays text under the "@" format or after an apostrophe (reference §1; apostrophe is U)', () => {
    const { sheet } = setup();
    const evil = '=HYPERLINK("http://evil.example","x")';
    sheet.getRange('A1').setNumberFormat('@');
    sheet.getRange('A1').setValue(evil);
    expect(sheet.getRange('A1').getFormula()).toBe('');
    expect(sheet.getRange('A1').getValue()).toBe(evil);
    sheet.getRange('B1').setValues([[`'${evil}`]]);
    expect(sheet.getRange('B1').getFormula()).toBe('');
    expect(sheet.getRange('B1').getValue()).toBe(evil);
    // '@' also keeps number-like text as typed.
    sheet.getRange('C1').setNumberFormat('@').setValue('01234');
    expect(sheet.getRange('C1').getValue()).toBe('01234');
  });

  test('a leading "+" is a formula unless the text is a number (pygsheets PR #373)', () => {
    const { sheet } = setup();
    sheet.getRange('A1:B1').setValues([['+1+2', '+5']]);
    expect(sheet.getRange('A1').getFormula()).toBe('=+1+2');
    expect(sheet.getRange('A1').getValue()).toBe('');
    expect(sheet.getRange('B1').getFormula()).toBe('');
    expect(sheet.getRange('B1').getValue()).toBe(5);
  });

  test('appendRow writes after the last row, parses like setValues and grows the grid (reference §1: appendRow)', () => {
    const { log, ss } = setup();
    const sheet = ss.insertSheet('Log');
    sheet.deleteRows(3, 998);
    expect(sheet.getMaxRows()).toBe(2);
    sheet.getRange('A2').setValue('x');
    sheet.appendRow(['=1+1', '007', 'text']);
    expect(sheet.getMaxRows()).toBe(3);
    expect(sheet.getRange('A3:C3').getValues()).toEqual([['', 7, 'text']]);
    expect(sheet.getRange('A3').getFormula()).toBe('=1+1');
    expect(log.counts.get('Sheet.appendRow')).toBe(1);
  });
});

describe('formats and display values', () => {
  test('getDisplayValues uses the cell number format (reference §1; GF oddities: FORMATTED_VALUE)', () => {
    const { sheet } = setup();
    const when = new Date(Date.UTC(2019, 1, 25, 1, 5, 0));
    sheet.getRange('A1:G1').setValues([[7.25, 7.25, when, when, '12', 1 / 3, 1234567.891]]);
    sheet
      .getRange('A1:G1')
      .setNumberFormats([
        ['0.0', '0', 'dd/mm/yyyy', 'dd/mm/yyyy hh:mm', '@', 'general', '#,##0.00'],
      ]);
    expect(sheet.getRange('A1:G1').getDisplayValues()).toEqual([
      ['7.3', '7', '25/02/2019', '25/02/2019 08:05', '12', '0.3333333333', '1,234,567.89'],
    ]);
  });

  test('a number in a date format reads back as a Date; a Date in "0.0" as a serial (U: Sheets serial model)', () => {
    const { sheet } = setup();
    sheet.getRange('A1').setValue(43521).setNumberFormat('dd/mm/yyyy');
    expect(sheet.getRange('A1').getValue()).toBeInstanceOf(Date);
    expect(sheet.getRange('A1').getDisplayValue()).toBe('25/02/2019');
    sheet.getRange('A1').setNumberFormat('0.0');
    expect(sheet.getRange('A1').getValue()).toBe(43521);
  });

  test("automatic cells report '0.###############'; 'general' resets; null is refused (GF oddities)", () => {
    const { sheet } = setup();
    const range = sheet.getRange('A1');
    expect(range.getNumberFormat()).toBe('0.###############');
    range.setNumberFormat('0.00');
    expect(range.getNumberFormats()).toEqual([['0.00']]);
    range.setNumberFormat('general');
    expect(range.getNumberFormat()).toBe('0.###############');
    expect(thrown(() => range.setNumberFormat(null as unknown as string)).message).toBe(
      "The parameters (null) don't match the method signature for SpreadsheetApp.Range.setNumberFormat.",
    );
  });

  test('colours, weights and fonts are stored per cell and read back normalised (DT/spreadsheet)', () => {
    const { sheet } = setup();
    const range = sheet.getRange('A1:B1');
    range
      .setBackground('red')
      .setFontColor('#FFF')
      .setFontWeight('bold')
      .setFontFamily('Times New Roman')
      .setFontSize(13);
    range.setHorizontalAlignment('center').setVerticalAlignment('middle').setWrap(true);
    expect(range.getBackgrounds()).toEqual([['#ff0000', '#ff0000']]);
    expect(range.getFontWeights()).toEqual([['bold', 'bold']]);
    sheet
      .getRange('A1:B1')
      .setBackgrounds([['#00ff00', null]])
      .setFontWeights([['normal', 'bold']]);
    expect(range.getBackgrounds()).toEqual([['#00ff00', '#ffffff']]);
    expect(range.getFontWeights()).toEqual([['normal', 'bold']]);
    const cell = snapshotSheet(sheet).cells.find((c) => c.row === 1 && c.column === 2)!;
    expect(cell).toMatchObject({
      fontColor: '#ffffff',
      fontFamily: 'Times New Roman',
      fontSize: 13,
      horizontalAlignment: 'center',
      verticalAlignment: 'middle',
      wrap: true,
    });
  });

  test("setHorizontalAlignment('normal') reads back 'general-left', null 'general' (GF oddities)", () => {
    const { sheet } = setup();
    expect(sheet.getRange('A1').setHorizontalAlignment('normal').getHorizontalAlignment()).toBe(
      'general-left',
    );
    expect(sheet.getRange('A1').setHorizontalAlignment(null).getHorizontalAlignment()).toBe(
      'general',
    );
  });

  test('setBorder draws the outline and inner lines; the snapshot lists them (DT/spreadsheet setBorder)', () => {
    const { app, sheet } = setup();
    sheet
      .getRange('A1:B2')
      .setBorder(true, true, true, true, true, true, '#333333', app.BorderStyle.SOLID_MEDIUM);
    const cells = snapshotSheet(sheet).cells;
    const a1 = cells.find((c) => c.row === 1 && c.column === 1)!;
    expect(a1.borders).toEqual({
      top: { style: 'SOLID_MEDIUM', color: '#333333' },
      left: { style: 'SOLID_MEDIUM', color: '#333333' },
      bottom: { style: 'SOLID_MEDIUM', color: '#333333' },
      right: { style: 'SOLID_MEDIUM', color: '#333333' },
    });
    sheet.getRange('A1:B2').setBorder(false, null, null, null, null, null);
    expect(
      snapshotSheet(sheet).cells.find((c) => c.row === 1 && c.column === 1)!.borders.top,
    ).toBeUndefined();
  });

  test('clearContent keeps formats, clear removes both (DT/spreadsheet)', () => {
    const { sheet } = setup();
    sheet
      .getRange('A1:A2')
      .setValues([['a'], ['b']])
      .setBackground('#eeeeee');
    sheet.getRange('A1').clearContent();
    expect(sheet.getRange('A1').getValue()).toBe('');
    expect(sheet.getRange('A1').getBackground()).toBe('#eeeeee');
    sheet.getRange('A2').clear();
    expect(sheet.getRange('A2').getBackground()).toBe('#ffffff');
    sheet.getRange('A1').setValue('z');
    sheet.clearContents();
    expect(sheet.getLastRow()).toBe(0);
  });
});

describe('sheet structure', () => {
  test('setFrozenRows and setFrozenColumns return nothing (V, DT/spreadsheet)', () => {
    const { sheet } = setup();
    expect(sheet.setFrozenRows(1)).toBeUndefined();
    expect(sheet.setFrozenColumns(2)).toBeUndefined();
    expect([sheet.getFrozenRows(), sheet.getFrozenColumns()]).toEqual([1, 2]);
  });

  test('insertRowsAfter and deleteRows shift content and resize the grid (DT/spreadsheet)', () => {
    const { sheet } = setup();
    sheet.getRange('A1:A3').setValues([['a'], ['b'], ['c']]);
    sheet.insertRowsAfter(1, 2);
    expect(sheet.getMaxRows()).toBe(1002);
    expect(sheet.getRange('A1:A5').getValues()).toEqual([['a'], [''], [''], ['b'], ['c']]);
    sheet.deleteRows(2, 2);
    expect(sheet.getMaxRows()).toBe(1000);
    expect(sheet.getRange('A1:A3').getValues()).toEqual([['a'], ['b'], ['c']]);
  });

  test("a user's single-row insert above/below and delete shift content like the plural calls", () => {
    const { sheet } = setup();
    sheet.getRange('A1:A3').setValues([['a'], ['b'], ['c']]);
    expect(sheet.insertRowBefore(2)).toBe(sheet);
    expect(sheet.getRange('A1:A4').getValues()).toEqual([['a'], [''], ['b'], ['c']]);
    expect(sheet.insertRowAfter(4)).toBe(sheet);
    expect(sheet.insertRowsBefore(1, 2)).toBe(sheet);
    expect(sheet.getMaxRows()).toBe(1004);
    expect(sheet.getRange('A1:A7').getValues()).toEqual([
      [''],
      [''],
      ['a'],
      [''],
      ['b'],
      ['c'],
      [''],
    ]);
    expect(sheet.deleteRow(4)).toBe(sheet);
    expect(sheet.getRange('A3:A5').getValues()).toEqual([['a'], ['b'], ['c']]);
    expect(sheet.getMaxRows()).toBe(1003);
    expect(() => sheet.insertRowBefore(0)).toThrow('Those rows are out of bounds.');
    expect(() => sheet.deleteRow(1004)).toThrow('Those rows are out of bounds.');
  });

  test('column widths default to 100 and autoResizeColumns measures the text (U: approximate)', () => {
    const { sheet } = setup();
    expect(sheet.getColumnWidth(1)).toBe(100);
    expect(sheet.setColumnWidth(1, 240)).toBe(sheet);
    sheet.setColumnWidths(2, 2, 50);
    expect([sheet.getColumnWidth(1), sheet.getColumnWidth(3)]).toEqual([240, 50]);
    sheet.getRange('D1').setValue('a rather long header');
    sheet.autoResizeColumns(4, 1);
    expect(sheet.getColumnWidth(4)).toBeGreaterThan(100);
    expect(snapshotSheet(sheet).columnWidths).toMatchObject({ 1: 240, 2: 50, 3: 50 });
  });

  test('tab colour, hiding and index are kept (DT/spreadsheet)', () => {
    const { ss, sheet } = setup();
    const other = ss.insertSheet('Other');
    expect(other.setTabColor('#0F9D58').hideSheet()).toBe(other);
    expect(other.isSheetHidden()).toBe(true);
    expect(other.getTabColor()).toBe('#0f9d58');
    expect([sheet.getIndex(), other.getIndex()]).toEqual([1, 2]);
  });

  test('sort moves whole rows by absolute column numbers; empties last (DT/spreadsheet Range.sort; order of types U)', () => {
    const { sheet } = setup();
    sheet.getRange('A1:B4').setValues([
      ['Đông', 3],
      ['An', 1],
      ['', 2],
      ['Bình', 1],
    ]);
    sheet.getRange('A1').setBackground('#ff0000');
    sheet.getRange('A1:B4').sort([{ column: 2, ascending: true }, 1]);
    expect(sheet.getRange('A1:B4').getValues()).toEqual([
      ['An', 1],
      ['Bình', 1],
      ['', 2],
      ['Đông', 3],
    ]);
    expect(sheet.getRange('A4').getBackground()).toBe('#ff0000');
    sheet.getRange('A1:B4').sort({ column: 1, ascending: false });
    expect(sheet.getRange('A1:A4').getValues()).toEqual([['Đông'], ['Bình'], ['An'], ['']]);
  });
});

describe('protections', () => {
  test('a new protection lists no editors: the owner is not among them (GF oddities)', () => {
    const { app, sheet } = setup();
    const p = sheet.getRange('A1:C1').protect().setDescription('Tiêu đề').setWarningOnly(false);
    expect(p.getEditors()).toEqual([]);
    expect(p.canEdit()).toBe(true);
    expect(p.getDescription()).toBe('Tiêu đề');
    expect(p.isWarningOnly()).toBe(false);
    p.addEditor('a@example.com').addEditors(['b@example.com']);
    expect(p.getEditors().map((u) => u.getEmail())).toEqual(['a@example.com', 'b@example.com']);
    p.removeEditors(p.getEditors());
    expect(p.getEditors()).toEqual([]);
    expect(p.getRange().getA1Notation()).toBe('A1:C1');
    expect(sheet.getProtections(app.ProtectionType.RANGE)).toEqual([p]);
    expect(sheet.getProtections(app.ProtectionType.SHEET)).toEqual([]);
    p.remove();
    expect(sheet.getProtections(app.ProtectionType.RANGE)).toEqual([]);
  });

  test('setUnprotectedRanges leaves cells of a protected sheet open (sheet protections only)', () => {
    const { sheet } = setup();
    const p = sheet.protect().setWarningOnly(true);
    expect(p.getUnprotectedRanges()).toEqual([]);
    p.setUnprotectedRanges([sheet.getRange('B2:B5')]);
    expect(p.getUnprotectedRanges().map((r) => r.getA1Notation())).toEqual(['B2:B5']);
    expect(snapshotSheet(sheet).protections[0].unprotectedRanges).toHaveLength(1);
    const cell = sheet.getRange('A1').protect();
    cell.setUnprotectedRanges([sheet.getRange('A1')]);
    expect(cell.getUnprotectedRanges()).toEqual([]);
    expect(() => p.setUnprotectedRanges(['B2'] as never)).toThrow(
      /don't match the method signature for SpreadsheetApp\.Protection\.setUnprotectedRanges/,
    );
  });

  test('canEdit is false for another user unless listed (REF:reference/spreadsheet/protection)', () => {
    const { app, sheet } = setup({ user: 'owner@example.com' });
    const p = sheet.protect().setWarningOnly(false);
    app._setUser('clerk@example.com');
    expect(p.canEdit()).toBe(false);
    p.addEditor('clerk@example.com');
    expect(p.canEdit()).toBe(true);
    expect(sheet.getProtections('SHEET')).toEqual([p]);
    expect(snapshotSheet(sheet).protections[0]).toMatchObject({
      type: 'SHEET',
      editors: ['clerk@example.com'],
      range: { a1: 'A1:Z1000' },
    });
  });
});

describe('conditional format rules', () => {
  test('setConditionalFormatRules replaces all rules: get, push, set (reference §1)', () => {
    const { app, sheet } = setup();
    const range = sheet.getRange('C2:C100');
    const low = app
      .newConditionalFormatRule()
      .whenNumberLessThan(50)
      .setBackground('#F4CCCC')
      .setRanges([range])
      .build();
    const mid = app
      .newConditionalFormatRule()
      .whenNumberBetween(50, 79.99)
      .setFontColor('#b45f06')
      .setRanges([range])
      .build();
    sheet.setConditionalFormatRules([low]);
    const rules = sheet.getConditionalFormatRules();
    rules.push(mid);
    expect(sheet.setConditionalFormatRules(rules)).toBeUndefined();
    expect(sheet.getConditionalFormatRules()).toHaveLength(2);
    sheet.setConditionalFormatRules([
      app
        .newConditionalFormatRule()
        .whenTextEqualTo('Không đạt')
        .setBold(true)
        .setRanges([range])
        .build(),
      app
        .newConditionalFormatRule()
        .whenNumberGreaterThanOrEqualTo(80)
        .setBackground('#d9ead3')
        .setRanges([range])
        .build(),
      app
        .newConditionalFormatRule()
        .whenFormulaSatisfied('=$D2>0')
        .setBackground('#ffff00')
        .setRanges([range])
        .build(),
    ]);
    expect(snapshotSheet(sheet).conditionalFormatRules).toEqual([
      {
        condition: { type: 'TEXT_EQUAL_TO', values: ['Không đạt'] },
        format: { bold: true },
        ranges: [expect.objectContaining({ a1: 'C2:C100', sheet: 'Sheet1' })],
      },
      {
        condition: { type: 'NUMBER_GREATER_THAN_OR_EQUAL_TO', values: [80] },
        format: { background: '#d9ead3' },
        ranges: [expect.objectContaining({ a1: 'C2:C100' })],
      },
      {
        condition: { type: 'CUSTOM_FORMULA', values: ['=$D2>0'] },
        format: { background: '#ffff00' },
        ranges: [expect.objectContaining({ a1: 'C2:C100' })],
      },
    ]);
  });

  test('a rule copied with copy() keeps its settings (DT/spreadsheet ConditionalFormatRule.copy)', () => {
    const { app, sheet } = setup();
    const rule = app
      .newConditionalFormatRule()
      .whenNumberLessThan(1)
      .setBackground('#000000')
      .setRanges([sheet.getRange('A1')])
      .build();
    const changed = rule.copy().setFontColor('#ffffff').build();
    expect(changed._condition).toEqual({ type: 'NUMBER_LESS_THAN', values: [1] });
    expect(changed._format).toEqual({ background: '#000000', fontColor: '#ffffff' });
    expect(rule._format).toEqual({ background: '#000000' });
  });

  test('a string where a number belongs is a signature error (C; GF:src/support/helpers.js)', () => {
    const { app } = setup();
    const builder = app.newConditionalFormatRule();
    expect(
      thrown(() => (builder.whenNumberLessThan as (v: unknown) => unknown)('50')).message,
    ).toBe(
      "The parameters (String) don't match the method signature for SpreadsheetApp.ConditionalFormatRuleBuilder.whenNumberLessThan.",
    );
  });
});

describe('enums and Ui', () => {
  test('enum values compare == to their names but are not strings (reference: general, DT/forms Item example)', () => {
    const { app } = setup();
    const solid: unknown = app.BorderStyle.SOLID;
    // biome-ignore lint/suspicious/noDoubleEquals: the loose comparison is the behaviour under test.
    expect(solid == 'SOLID').toBe(true);
    expect(solid === 'SOLID').toBe(false);
    expect(String(app.ProtectionType.SHEET)).toBe('SHEET');
  });

  test('menus are recorded; getUi throws where there is no user interface (REF:guides/triggers; text C-weak)', () => {
    const { app } = setup();
    app.getUi().createMenu('Kiểm tra').addItem('Chấm điểm', 'menuScore').addSeparator().addToUi();
    expect(app._menus()).toEqual([
      {
        caption: 'Kiểm tra',
        addon: false,
        items: [
          { caption: 'Chấm điểm', functionName: 'menuScore' },
          { caption: '', separator: true },
        ],
      },
    ]);
    app._setUiAvailable(false);
    expect(thrown(() => app.getUi()).message).toBe(
      'Cannot call SpreadsheetApp.getUi() from this context.',
    );
  });
});

describe('call counting and Google-side writes', () => {
  test('every call is recorded with the cells it reads or writes (calls.ts contract)', () => {
    const { log, app } = setup();
    const ss = app.getActiveSpreadsheet()!;
    const sheet = ss.getSheetByName('Sheet1')!;
    sheet.getRange(1, 1, 10, 3).setValues(Array.from({ length: 10 }, () => ['a', 'b', 'c']));
    sheet.getRange(1, 1, 10, 3).getValues();
    sheet.getRange('A1').setBackground('#ffffff');
    app.flush();
    expect(Object.fromEntries(log.counts)).toEqual({
      'SpreadsheetApp.getActiveSpreadsheet': 1,
      'Spreadsheet.getSheetByName': 1,
      'Sheet.getRange': 3,
      'Range.setValues': 1,
      'Range.getValues': 1,
      'Range.setBackground': 1,
      'SpreadsheetApp.flush': 1,
    });
    expect(log.cells).toBe(60);
    expect(log.sheetCalls()).toBe(9);
  });

  test('the snapshot and the underscore hooks count nothing', () => {
    const { log, ss, sheet } = setup();
    sheet._range(1, 1).setValue('x');
    log.reset();
    const snap = snapshot(ss);
    sheet._range(2, 1);
    expect(log.total()).toBe(0);
    expect(snap.sheets[0].values).toEqual([['x']]);
    expect(snap).toMatchObject({
      name: 'Untitled spreadsheet',
      timeZone: 'Asia/Ho_Chi_Minh',
      activeSheet: 'Sheet1',
    });
  });

  test('a Google-side writer appends and rewrites rows uncounted (reference §2: linked spreadsheet)', () => {
    const { log, ss } = setup();
    const responses = ss._addSheet('Form Responses 1', { index: 0 });
    expect(ss._activeSheet._name).toBe('Sheet1');
    const ts = new Date(Date.UTC(2019, 1, 25, 1, 0, 0));
    expect(responses._googleAppendRow(['Timestamp', 'Đơn vị', 'Điểm'])).toBe(1);
    expect(responses._googleAppendRow([ts, 'UBND xã An Mỹ', 4])).toBe(2);
    expect(responses._googleAppendRow([ts, '=1+1', '01234'])).toBe(3);
    responses._googleWriteRow(2, [new Date(ts.getTime() + 60000), 'UBND xã An Mỹ', 5]);
    expect(log.total()).toBe(0);
    const values = log.uncounted(() => responses.getDataRange().getValues());
    expect(values.slice(1).map((r) => r.slice(1))).toEqual([
      ['UBND xã An Mỹ', 5],
      ['=1+1', '01234'],
    ]);
    expect(log.uncounted(() => responses.getRange(2, 1).getDisplayValue())).toBe(
      '2/25/2019 8:01:00',
    );
    expect(log.total()).toBe(0);
    // A row wider than the grid widens it rather than failing.
    responses._googleAppendRow(Array.from({ length: 30 }, (_, i) => i));
    expect(responses._maxCols).toBe(30);
  });

  test('log.uncounted also silences ordinary calls (calls.ts)', () => {
    const { log, sheet } = setup();
    log.uncounted(() => sheet.appendRow(['a']));
    expect(log.total()).toBe(0);
    expect(sheet._value(1, 1)).toBe('a');
  });
});

describe('limits (C: live-risks D9)', () => {
  const CELLS =
    'This action would increase the number of cells in the workbook above the limit of 10000000 cells.';

  test('10,000,000 grid cells per spreadsheet, over every sheet: inserting rows, columns or sheets past it throws and changes nothing', () => {
    const { ss, sheet } = setup();
    // 10,000 rows of 26 columns: 260,000 cells; then a sheet of 974,000 rows of 10: 9,740,000.
    sheet.insertRowsAfter(1000, 9000);
    const big = ss.insertSheet('Lớn');
    big.deleteColumns(11, 16);
    big.insertRowsAfter(1000, 973_000);
    expect(ss._gridCells()).toBe(10_000_000);
    const e = thrown(() => sheet.insertRowsAfter(1, 1));
    expect([e.name, e.message]).toEqual(['Exception', CELLS]);
    expect(thrown(() => big.insertColumnsAfter(10, 1)).message).toBe(CELLS);
    expect(thrown(() => ss.insertSheet()).message).toBe(CELLS);
    // appendRow below the last grid row grows the grid by a row.
    sheet.getRange(10_000, 1).setValue('cuối');
    expect(thrown(() => sheet.appendRow(['x'])).message).toBe(CELLS);
    expect(sheet.getMaxRows()).toBe(10_000);
    expect(sheet.getLastRow()).toBe(10_000);
    expect(ss.getSheets()).toHaveLength(2);
    // Deleting frees room.
    big.deleteRows(2, 26_000);
    expect(ss.insertSheet('Nữa').getMaxRows()).toBe(1000);
  });

  test('a linked response sheet counts too: setDestination on a full workbook throws the same text', () => {
    const { ss, sheet } = setup();
    sheet.insertRowsAfter(1000, 384_615 - 1000);
    expect(ss._gridCells()).toBe(9_999_990);
    expect(thrown(() => ss._addSheet('Câu trả lời biểu mẫu 1')).message).toBe(CELLS);
  });

  test('50,000 characters per cell: a longer string throws and nothing of the write lands (support.google.com/drive/answer/37603; text C)', () => {
    const { sheet } = setup();
    const long = 'ồ'.repeat(50_001);
    const TOO_LONG =
      'Your input contains more than the maximum of 50000 characters in a single cell.';
    expect(thrown(() => sheet.getRange('A1:B1').setValues([['ok', long]])).message).toBe(TOO_LONG);
    expect(sheet.getRange('A1').getValue()).toBe('');
    expect(thrown(() => sheet.getRange('A1').setValue(long)).message).toBe(TOO_LONG);
    expect(thrown(() => sheet.appendRow(['ok', long])).message).toBe(TOO_LONG);
    expect(sheet.getLastRow()).toBe(0);
    sheet.getRange('A1').setValue('x'.repeat(50_000));
    expect(String(sheet.getRange('A1').getValue())).toHaveLength(50_000);
  });
});

describe('Ui.prompt (REF:base/ui, base/prompt-response; live-risks D11)', () => {
  test('answers come from the queue in order; getResponseText and getSelectedButton, compared with === as Google does', () => {
    const { app } = setup();
    app._answerPrompt('11/2026');
    app._answerPrompt('', 'CANCEL');
    const ui = app.getUi();
    const first = ui.prompt('Báo cáo', 'Kỳ báo cáo (tháng/năm):', ui.ButtonSet.OK_CANCEL);
    expect(first.getResponseText()).toBe('11/2026');
    expect(first.getSelectedButton() === ui.Button.OK).toBe(true);
    const second = app.getUi().prompt('Kỳ?', ui.ButtonSet.OK_CANCEL);
    expect(second.getSelectedButton() === app.getUi().Button.CANCEL).toBe(true);
    expect(second.getSelectedButton() === ui.Button.OK).toBe(false);
    expect(app._prompts()).toEqual(['Báo cáo\nKỳ báo cáo (tháng/năm):', 'Kỳ?']);
  });

  test("prompt(text) shows OK only; a button the dialog lacks, or no queued answer, is the test's error", () => {
    const { app } = setup();
    const ui = app.getUi();
    app._answerPrompt('x', 'CANCEL');
    expect(() => ui.prompt('Kỳ?')).toThrow('Ui.prompt "Kỳ?" shows OK/CLOSE, not CANCEL');
    app._answerPrompt('x', 'CLOSE');
    expect(String(ui.prompt('Kỳ?').getSelectedButton())).toBe('CLOSE');
    expect(() => ui.prompt('Kỳ?')).toThrow(
      'Ui.prompt "Kỳ?" was shown but the test queued no answer',
    );
  });

  test("Button and ButtonSet have Google's members; bad arguments get the signature error", () => {
    const { app } = setup();
    const ui = app.getUi();
    expect(Object.keys(ui.Button)).toEqual(['CLOSE', 'OK', 'CANCEL', 'YES', 'NO']);
    expect(Object.keys(ui.ButtonSet)).toEqual(['OK', 'OK_CANCEL', 'YES_NO', 'YES_NO_CANCEL']);
    expect(thrown(() => ui.prompt(3 as unknown as string)).message).toBe(
      "The parameters (number) don't match the method signature for Ui.prompt.",
    );
  });
});
