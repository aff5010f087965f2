import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { CallLog } from '../../../src/local/emulator/calls';
import {
  type EmuSpreadsheet,
  SpreadsheetAppEmu,
  type SpreadsheetSnapshot,
  snapshot,
  snapshotSheet,
  snapshotSheetLayout,
  snapshotSheetRows,
} from '../../../src/local/emulator/spreadsheet';
import {
  excelNumberFormat,
  pixelsToExcelWidth,
  workbookToXlsx,
} from '../../../src/local/export/xlsx';
import { convertToPdf, officeTitle, withOffice } from './libreoffice';

/** 14 March 2025 09:30 in Hà Nội (UTC+7). */
const INSPECTED = new Date(Date.UTC(2025, 2, 14, 2, 30));

function build(): { app: SpreadsheetAppEmu; ss: EmuSpreadsheet } {
  const app = new SpreadsheetAppEmu(new CallLog(), { timeZone: 'Asia/Ho_Chi_Minh' });
  const ss = app._all()[0];
  const sheet = ss.getSheets()[0];
  sheet.setName('Kết quả');
  sheet
    .getRange(1, 1, 1, 6)
    .setValues([['Đơn vị', 'Thời điểm', 'Điểm', 'Ghi chú', 'Gấp đôi', 'Xếp loại']])
    .setFontWeight('bold')
    .setBackground('#d9ead3')
    .setHorizontalAlignment('center');
  sheet.setFrozenRows(1);
  sheet.setColumnWidth(1, 240);
  sheet.getRange('D3').setNumberFormat('@');
  sheet.getRange(2, 1, 3, 6).setValues([
    ['UBND xã Hòa Bình', INSPECTED, 87.25, "'=1+1", '=C2*2', 'Xuất sắc'],
    ['Phòng Tư pháp', INSPECTED, 3.5, '=1+1', '=C3*2', 'Khá'],
    ['Bộ phận một cửa', '', 70, '-trễ hẹn', '', 'xuất sắc'],
  ]);
  sheet.getRange('B2').setNumberFormat('dd/mm/yyyy hh:mm');
  sheet.getRange('B3').setNumberFormat('dd/mm/yyyy');
  sheet.getRange('C2:C4').setNumberFormat('0.0');
  sheet.getRange('C3').setNumberFormat('0.##');
  sheet.getRange('A5:B5').merge();
  sheet.getRange('A5').setValue('Tổng hợp').setFontColor('#cc0000').setFontStyle('italic');
  sheet.setConditionalFormatRules([
    app
      .newConditionalFormatRule()
      .whenTextEqualTo('Xuất sắc')
      .setBackground('#b7e1cd')
      .setRanges([sheet.getRange('F2:F10')])
      .build(),
    app
      .newConditionalFormatRule()
      .whenNumberLessThan(50)
      .setBackground('#f4cccc')
      .setRanges([sheet.getRange('C2:C10')])
      .build(),
    app
      .newConditionalFormatRule()
      .whenFormulaSatisfied('=$C2>80')
      .setBold(true)
      .setRanges([sheet.getRange('A2:A10')])
      .build(),
  ]);
  const hidden = ss.insertSheet('Cấu hình');
  hidden.getRange('A1:B1').setValues([['khóa', 'giá trị']]);
  hidden.hideSheet();
  ss.setActiveSheet(sheet);
  return { app, ss };
}

async function exported(): Promise<{
  snap: SpreadsheetSnapshot;
  buf: Buffer;
  wb: ExcelJS.Workbook;
}> {
  const { ss } = build();
  const snap = snapshot(ss);
  const buf = await workbookToXlsx(snap);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return { snap, buf, wb };
}

/** A Date's wall time in Hà Nội, as the UTC fields of the Date exceljs reads back. */
const hanoiWall = (d: Date): number => d.getTime() + 7 * 3600 * 1000;

describe('workbookToXlsx', () => {
  test('sheets keep their order, names, visibility and the active tab', async () => {
    const { wb, snap } = await exported();
    expect(wb.worksheets.map((w) => w.name)).toEqual(snap.sheets.map((s) => s.name));
    expect(wb.worksheets.map((w) => w.state)).toEqual(['visible', 'hidden']);
    expect(wb.views[0].activeTab).toBe(0);
    expect(wb.getWorksheet('Cấu hình')!.getCell('B1').value).toBe('giá trị');
  });

  test('every cell the emulator holds reads back with its value, type and number format', async () => {
    const { wb, snap } = await exported();
    for (const [i, sheet] of snap.sheets.entries()) {
      const ws = wb.worksheets[i];
      for (const cell of sheet.cells) {
        const got = ws.getCell(cell.row, cell.column);
        const where = `${sheet.name}!${got.address}`;
        const value =
          cell.formula !== ''
            ? ((got.value as ExcelJS.CellFormulaValue).result ?? '')
            : got.value === null
              ? ''
              : got.value;
        if (cell.value instanceof Date)
          expect([where, (value as Date).getTime()]).toEqual([where, hanoiWall(cell.value)]);
        else expect([where, value]).toEqual([where, cell.value]);
        if (cell.numberFormat !== '')
          expect([where, got.numFmt]).toEqual([where, excelNumberFormat(cell.numberFormat)]);
      }
    }
  });

  test('dates are Excel dates with the Sheets pattern; numbers keep 0.0 and 0.##', async () => {
    const { wb } = await exported();
    const ws = wb.getWorksheet('Kết quả')!;
    expect(ws.getCell('A2').value).toBe('UBND xã Hòa Bình');
    expect(ws.getCell('B2').value).toEqual(new Date(Date.UTC(2025, 2, 14, 9, 30)));
    expect(ws.getCell('B2').numFmt).toBe('dd/mm/yyyy hh:mm');
    expect(ws.getCell('B3').numFmt).toBe('dd/mm/yyyy');
    expect(ws.getCell('C2').value).toBe(87.25);
    expect(ws.getCell('C2').numFmt).toBe('0.0');
    expect(ws.getCell('C3').numFmt).toBe('0.##');
    expect(excelNumberFormat('M/d/yyyy H:mm:ss')).toBe('m/d/yyyy h:mm:ss');
    expect(excelNumberFormat('0.###############')).toBe('General');
  });

  test('text that looks like a formula stays text; real formulas go over uncomputed, for Excel to compute', async () => {
    const { wb, buf } = await exported();
    const ws = wb.getWorksheet('Kết quả')!;
    for (const [a1, text] of [
      ['D2', '=1+1'],
      ['D3', '=1+1'],
      ['D4', '-trễ hẹn'],
    ]) {
      expect(ws.getCell(a1).type).toBe(ExcelJS.ValueType.String);
      expect(ws.getCell(a1).value).toBe(text);
      expect(ws.getCell(a1).formula).toBeUndefined();
    }
    expect(ws.getCell('E2').value).toEqual({ formula: 'C2*2' });
    // And in the file itself: only column E has <f> elements.
    const xml = await (await JSZip.loadAsync(buf))
      .file('xl/worksheets/sheet1.xml')!
      .async('string');
    const formulaCells = [...xml.matchAll(/<c r="([A-Z]+\d+)"[^>]*>(?:(?!<\/c>).)*<f>/g)].map(
      (m) => m[1],
    );
    expect(formulaCells).toEqual(['E2', 'E3']);
  });

  test('fonts, fills, alignment, merges, frozen row and column widths carry over', async () => {
    const { wb } = await exported();
    const ws = wb.getWorksheet('Kết quả')!;
    const header = ws.getCell('A1');
    expect(header.font).toMatchObject({ bold: true, name: 'Arial', size: 10 });
    expect(header.fill).toMatchObject({ pattern: 'solid', fgColor: { argb: 'FFD9EAD3' } });
    expect(header.alignment).toMatchObject({ horizontal: 'center' });
    expect(ws.getCell('A5').font).toMatchObject({ italic: true, color: { argb: 'FFCC0000' } });
    expect(ws.getCell('B5').isMerged).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getColumn(1).width).toBe(pixelsToExcelWidth(240));
    // Excel's own rounding back to pixels gives the Sheets width.
    const w = pixelsToExcelWidth(240);
    expect(Math.trunc(((256 * w + Math.trunc(128 / 7)) / 256) * 7)).toBe(240);
  });

  test('conditional rules become the fills they produce; custom formulas stay Excel rules', async () => {
    const { wb } = await exported();
    const ws = wb.getWorksheet('Kết quả')!;
    const fill = (a1: string) => (ws.getCell(a1).fill as ExcelJS.FillPattern | undefined)?.fgColor;
    expect(fill('F2')).toEqual({ argb: 'FFB7E1CD' });
    // Sheets matches text rules without regard to case.
    expect(fill('F4')).toEqual({ argb: 'FFB7E1CD' });
    expect(fill('F3')).toBeUndefined();
    expect(fill('C3')).toEqual({ argb: 'FFF4CCCC' });
    expect(fill('C2')).toBeUndefined();
    // Read back by exceljs but missing from its typings.
    const rules = (
      ws as unknown as { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] }
    ).conditionalFormattings;
    expect(rules).toHaveLength(1);
    expect(rules[0].ref).toBe('A2:A10');
    expect(rules[0].rules[0]).toMatchObject({ type: 'expression', formulae: ['$C2>80'] });
  });
});

/** Everything the emulator can format, on three sheets (one hidden, two with names Excel refuses). */
function buildRich(): { app: SpreadsheetAppEmu; ss: EmuSpreadsheet } {
  const app = new SpreadsheetAppEmu(new CallLog(), { timeZone: 'Asia/Ho_Chi_Minh' });
  const ss = app._all()[0];
  const a = ss.getSheets()[0];
  a.setName('Báo cáo: tổng/hợp [2025] dài hơn ba mươi mốt ký tự');
  a.setTabColor('#ff0000');
  a.getRange('A1:F1')
    .setValues([['Tên', 'Ngày', 'Điểm', 'Đúng?', 'Ghi chú', 'Công thức']])
    .setFontWeight('bold')
    .setBorder(true, true, true, true, true, true, '#0000ff', 'SOLID_MEDIUM');
  a.getRange('A2:F4').setValues([
    ['<b>&"x"\'', new Date(Date.UTC(2025, 0, 2, 3, 4, 5)), 9.5, true, 'dòng\nhai\u0001', '=C2*2'],
    ['  lề  ', new Date(Date.UTC(2024, 11, 31, 20)), -0.25, false, '#N/A', '=1/0'],
    ['', '', 100, '', 'x', '=A2'],
  ]);
  a.getRange('B2:B3').setNumberFormat('dd/mm/yyyy HH:mm');
  a.getRange('C2:C4').setNumberFormat('#,##0.00');
  a.getRange('E2:E4').setWrap(true).setVerticalAlignment('middle').setHorizontalAlignment('right');
  a.setRowHeight(3, 40);
  a.setRowHeight(12, 30);
  a.setColumnWidth(5, 300);
  a.getRange('A6:C7').merge();
  a.getRange('A6').setValue('Gộp').setBackground('#ffff00');
  a.getRange('E8:F8').merge();
  a.setFrozenRows(1);
  a.setFrozenColumns(1);
  a.setConditionalFormatRules([
    app
      .newConditionalFormatRule()
      .whenCellEmpty()
      .setBackground('#eeeeee')
      .setRanges([a.getRange('A2:D5')])
      .build(),
    app
      .newConditionalFormatRule()
      .whenNumberBetween(0, 10)
      .setFontColor('#00ff00')
      .setBold(true)
      .setRanges([a.getRange('C2:C4')])
      .build(),
    app
      .newConditionalFormatRule()
      .whenTextContains('LỀ')
      .setItalic(true)
      .setRanges([a.getRange('A1:A10')])
      .build(),
    app
      .newConditionalFormatRule()
      .whenFormulaSatisfied('=$C2>50')
      .setBackground('#ff00ff')
      .setRanges([a.getRange('A2:F4')])
      .build(),
  ]);
  const b = ss.insertSheet('Ẩn');
  b.getRange('A1:B2').setValues([
    [1, 'x'],
    [true, new Date(Date.UTC(2020, 1, 29))],
  ]);
  b.hideSheet();
  const c = ss.insertSheet('Báo cáo: tổng/hợp [2025] dài hơn ba mươi mốt ký tự 2');
  c.getRange('B3').setValue('lẻ');
  c.getRange('C5').setBackground('#00ffff');
  ss.setActiveSheet(b);
  return { app, ss };
}

async function readBack(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

/** The package's parts by name; the creation time is left out. */
async function parts(buf: Buffer): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(buf);
  const out: Record<string, string> = {};
  for (const name of Object.keys(zip.files).sort())
    if (name !== 'docProps/core.xml') out[name] = await zip.file(name)!.async('string');
  return out;
}

describe('workbookToXlsx on the live spreadsheet (large exports)', () => {
  test('the spreadsheet itself and its snapshot give the same file', async () => {
    for (const make of [build, buildRich]) {
      const { ss } = make();
      expect(await parts(await workbookToXlsx(ss))).toEqual(
        await parts(await workbookToXlsx(snapshot(ss))),
      );
    }
  });

  test('the lean reader hands over the snapshot cells, row by row', () => {
    for (const make of [build, buildRich]) {
      const { ss } = make();
      for (const sheet of ss.getSheets()) {
        const full = snapshotSheet(sheet);
        const { values, displayValues, formulas, cells, ...layout } = full;
        expect(snapshotSheetLayout(sheet)).toEqual(layout);
        const lean = [...snapshotSheetRows(sheet)].flatMap(({ row, cells: line }) =>
          line.map(({ column, value, formula, format }) => ({
            row,
            column,
            value,
            formula,
            numberFormat: format.numberFormat,
            background: format.background,
            fontColor: format.fontColor,
            fontWeight: format.fontWeight,
            fontStyle: format.fontStyle,
            fontFamily: format.fontFamily,
            fontSize: format.fontSize,
            horizontalAlignment: format.horizontalAlignment,
            verticalAlignment: format.verticalAlignment,
            wrap: format.wrap,
            borders: { ...format.borders },
          })),
        );
        expect(lean).toEqual(cells.map(({ display: _display, ...cell }) => cell));
      }
    }
  });

  test('a note with U+FFFE, U+FFFF, controls or a lone surrogate keeps the sheet well-formed and the rest of its text', async () => {
    const app = new SpreadsheetAppEmu(new CallLog(), { timeZone: 'Asia/Ho_Chi_Minh' });
    const ss = app._all()[0];
    const note = 'Ctrl:[\u0008][\u000b][\u001b][\ufffe][\uffff][\ud800][\u0085][\u2028] Đ/c Hải 😀';
    ss.getSheets()[0].setName('Tồn tại');
    ss.getSheets()[0]
      .getRange(1, 1, 2, 2)
      .setValues([
        ['Đơn vị', 'Ghi chú'],
        ['Xã Xuy Xá', note],
      ]);
    const bytes = await workbookToXlsx(ss);
    const zip = await JSZip.loadAsync(bytes);
    const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    const bad = [...xml].filter((ch) => {
      const c = ch.codePointAt(0) ?? 0;
      const control = c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d;
      return control || c === 0xfffe || c === 0xffff || (c >= 0xd800 && c <= 0xdfff);
    });
    expect(bad).toEqual([]);
    const wb = await readBack(bytes);
    expect(wb.getWorksheet('Tồn tại')?.getCell('B2').value).toBe(
      'Ctrl:[][][][][][][\u0085][\u2028] Đ/c Hải 😀',
    );
  });

  test('borders, wrap, row heights, tab colours, rule-coloured blanks, merges and odd text', async () => {
    const { ss } = buildRich();
    const wb = await readBack(await workbookToXlsx(ss));
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([
      ['Báo cáo_ tổng_hợp _2025_ dài hơ', 'visible'],
      ['Ẩn', 'hidden'],
      ['Báo cáo_ tổng_hợp _2025_ dài ~2', 'visible'],
    ]);
    // The active sheet is hidden: the file opens on the first visible one.
    expect(wb.views[0].activeTab).toBe(0);
    const ws = wb.worksheets[0];
    expect(ws.properties.tabColor).toEqual({ argb: 'FFFF0000' });
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 1, topLeftCell: 'B2' });
    expect(ws.getCell('B1').border).toEqual({
      top: { style: 'medium', color: { argb: 'FF0000FF' } },
      left: { style: 'medium', color: { argb: 'FF0000FF' } },
      bottom: { style: 'medium', color: { argb: 'FF0000FF' } },
      right: { style: 'medium', color: { argb: 'FF0000FF' } },
    });
    expect(ws.getCell('E2').alignment).toEqual({
      horizontal: 'right',
      vertical: 'middle',
      wrapText: true,
    });
    expect(ws.getRow(3).height).toBe(30);
    expect(ws.getRow(12).height).toBe(22.5);
    expect(ws.getColumn(5).width).toBe(pixelsToExcelWidth(300));
    // Text as written: entities escaped, the control character XML forbids dropped.
    expect(ws.getCell('A2').value).toBe('<b>&"x"\'');
    expect(ws.getCell('E2').value).toBe('dòng\nhai');
    expect(ws.getCell('E3').value).toBe('#N/A');
    expect(ws.getCell('D2').value).toBe(true);
    expect(ws.getCell('F3').value).toEqual({ formula: '1/0' });
    expect(ws.getCell('F4').value).toEqual({ formula: 'A2' });
    // CELL_EMPTY colours blank cells, including ones the emulator never held (row 5).
    const fill = (a1: string) => (ws.getCell(a1).fill as ExcelJS.FillPattern | undefined)?.fgColor;
    for (const a1 of ['A4', 'B4', 'D4', 'A5', 'D5']) expect(fill(a1)).toEqual({ argb: 'FFEEEEEE' });
    expect(fill('C4')).toBeUndefined();
    expect(ws.getCell('C2').font).toMatchObject({ bold: true, color: { argb: 'FF00FF00' } });
    expect(ws.getCell('A3').font).toMatchObject({ italic: true });
    // Merged cells take the top-left cell's style.
    expect(ws.getCell('C7').isMerged).toBe(true);
    expect(fill('C7')).toEqual({ argb: 'FFFFFF00' });
    expect(ws.getCell('F8').isMerged).toBe(true);
    expect(wb.worksheets[1].getCell('B2').value).toEqual(new Date(Date.UTC(2020, 1, 29, 7)));
  });

  test('a sheet of many rows streams through, every row and format intact', async () => {
    const app = new SpreadsheetAppEmu(new CallLog(), { timeZone: 'Asia/Ho_Chi_Minh' });
    const ss = app._all()[0];
    const sheet = ss.getSheets()[0];
    const rows = 20000;
    app._log.uncounted(() => {
      sheet._googleAppendRow(['Dấu thời gian', 'Đơn vị', 'Điểm', 'Ghi chú', 'Đạt']);
      for (let r = 1; r <= rows; r++)
        sheet._googleAppendRow([
          new Date(INSPECTED.getTime() + r * 60000),
          `Đơn vị số ${r % 37}`,
          r % 101,
          r % 7 === 0 ? '' : `Ghi chú <${r}> & "tiếp"`,
          r % 2 === 0,
        ]);
      sheet.getRange(1, 1, 1, 5).setFontWeight('bold');
      sheet.getRange(2, 3, rows, 1).setNumberFormat('0.0');
      sheet.setFrozenRows(1);
    });
    const buf = await workbookToXlsx(ss);
    const ws = (await readBack(buf)).worksheets[0];
    expect(ws.rowCount).toBe(rows + 1);
    expect(ws.getCell('A1').font).toMatchObject({ bold: true });
    for (const r of [2, 9, 4321, rows + 1]) {
      const n = r - 1;
      expect(ws.getCell(r, 1).value).toEqual(new Date(hanoiWall(INSPECTED) + n * 60000));
      expect(ws.getCell(r, 1).numFmt).toBe('m/d/yyyy h:mm:ss');
      expect(ws.getCell(r, 2).value).toBe(`Đơn vị số ${n % 37}`);
      expect(ws.getCell(r, 3).value).toBe(n % 101);
      expect(ws.getCell(r, 3).numFmt).toBe('0.0');
      expect(ws.getCell(r, 4).value).toBe(n % 7 === 0 ? null : `Ghi chú <${n}> & "tiếp"`);
      expect(ws.getCell(r, 5).value).toBe(n % 2 === 0);
    }
  }, 60000);
});

describe('LibreOffice opens the .xlsx', () => {
  withOffice(
    officeTitle,
    async () => {
      const { buf } = await exported();
      await convertToPdf('ket-qua.xlsx', buf);
    },
    180000,
  );
});
