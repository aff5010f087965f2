// The .xlsx exporter: an emulated spreadsheet, exported, read back with exceljs and LibreOffice.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { CallLog } from '../../../src/local/emulator/calls';
import {
  type EmuSpreadsheet,
  SpreadsheetAppEmu,
  type SpreadsheetSnapshot,
  snapshot,
} from '../../../src/local/emulator/spreadsheet';
import {
  excelNumberFormat,
  pixelsToExcelWidth,
  workbookToXlsx,
} from '../../../src/local/export/xlsx';

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
            ? (got.value as ExcelJS.CellFormulaValue).result
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

  test('text that looks like a formula stays text; real formulas keep their cached result', async () => {
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
    expect(ws.getCell('E2').value).toEqual({ formula: 'C2*2', result: 174.5 });
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

/** A program's path when it is on PATH, else null. */
function onPath(name: string): string | null {
  try {
    return execFileSync('which', [name], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

// Chosen at load time, so the test says why it skips.
const soffice = onPath('soffice') ?? onPath('libreoffice');
const withOffice = soffice ? test : test.skip;

describe('LibreOffice opens the .xlsx', () => {
  withOffice(
    `converts to PDF headless${soffice ? '' : ' (skipped: no soffice or libreoffice on PATH)'}`,
    async () => {
      const { buf } = await exported();
      const dir = mkdtempSync(join(tmpdir(), 'xlsx-export-'));
      try {
        const file = join(dir, 'ket-qua.xlsx');
        writeFileSync(file, buf);
        execFileSync(
          soffice!,
          [
            `-env:UserInstallation=file://${join(dir, 'profile')}`,
            '--headless',
            '--convert-to',
            'pdf',
            '--outdir',
            dir,
            file,
          ],
          { stdio: 'pipe', timeout: 170000 },
        );
        expect(existsSync(join(dir, 'ket-qua.pdf'))).toBe(true);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    180000,
  );
});
