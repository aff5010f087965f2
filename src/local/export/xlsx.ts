// Spreadsheet emulator snapshot → .xlsx bytes (exceljs) that Excel and LibreOffice open as Sheets showed it.
import ExcelJS from 'exceljs';
import { isDate } from '../emulator/errors';
import type {
  BorderSpec,
  CellSnapshot,
  CellValue,
  RuleFormat,
  RuleSnapshot,
  SheetSnapshot,
  SpreadsheetSnapshot,
} from '../emulator/spreadsheet';
import { utcMs, wallTime } from '../emulator/utilities';

/*
 * What is carried over: every sheet in tab order (hidden ones hidden, tab colours), values typed as
 * Sheets holds them, number formats, fonts, colours, alignment, wrap, borders, merges, frozen
 * panes, column widths and row heights, and formulas with their cached result.
 *
 * Conditional formats: Sheets applies, per cell, the first rule whose condition holds. Rules the
 * exporter can decide from the values (text equal/contains, number comparisons, empty/not empty)
 * are resolved now, and the matching cells get the rule's fill, font colour, bold and italic as
 * plain formatting: the file looks as the sheet did, though the colours no longer follow edits made
 * in Excel. Custom-formula rules cannot be decided here, so they are written as native Excel
 * "expression" rules, which Excel and LibreOffice evaluate themselves.
 */

/** Excel's default font (Calibri 11) has a maximum digit width of 7 px at 96 dpi. */
const DIGIT_PX = 7;
/** The General format; Sheets' "automatic" reports this pattern for numbers. */
const AUTOMATIC_PATTERNS = new Set(['', 'general', '0.###############']);
const ERROR_CODES = new Set([
  '#NULL!',
  '#DIV/0!',
  '#VALUE!',
  '#REF!',
  '#NAME?',
  '#NUM!',
  '#N/A',
  '#ERROR!',
]);

/** Sheets' border styles by their Apps Script names → Excel's. */
const BORDER_STYLES: Record<string, ExcelJS.BorderStyle> = {
  DOTTED: 'dotted',
  DASHED: 'dashed',
  SOLID: 'thin',
  SOLID_MEDIUM: 'medium',
  SOLID_THICK: 'thick',
  DOUBLE: 'double',
};

const H_ALIGN: Record<string, ExcelJS.Alignment['horizontal'] | undefined> = {
  left: 'left',
  center: 'center',
  right: 'right',
  // Sheets' "normal" is left for every type; Excel's general would right-align numbers.
  'general-left': 'left',
  general: undefined,
};

const V_ALIGN: Record<string, ExcelJS.Alignment['vertical'] | undefined> = {
  top: 'top',
  middle: 'middle',
  bottom: undefined,
};

/** `#rrggbb` → exceljs ARGB. */
const argb = (color: string): string => `FF${color.replace('#', '').toUpperCase()}`;

/** Sheets column width in pixels → Excel `width` (characters of the default font, padding included). */
export function pixelsToExcelWidth(px: number): number {
  // ECMA-376 §18.3.1.13: characters = trunc((px − 5) / mdw · 100 + 0.5) / 100, then the stored
  // width adds the 5 px padding back, in 1/256 of a character.
  const chars = Math.trunc(((px - 5) / DIGIT_PX) * 100 + 0.5) / 100;
  return Math.trunc(((chars * DIGIT_PX + 5) / DIGIT_PX) * 256) / 256;
}

/**
 * A Sheets number-format pattern → an Excel one. The two grammars share tokens (`0`, `#`, `,`, `.`,
 * `%`, `"…"`, `\`, sections, `[Red]`, `d/m/y/h/s`, `AM/PM`), so most patterns pass unchanged; the
 * differences are the automatic format (General in Excel) and letter case in date parts, which
 * Excel matches only in lower case for some tokens.
 */
export function excelNumberFormat(pattern: string): string {
  if (AUTOMATIC_PATTERNS.has(pattern.toLowerCase())) return 'General';
  if (pattern === '@') return '@';
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '"') {
      const end = pattern.indexOf('"', i + 1);
      const stop = end < 0 ? pattern.length - 1 : end;
      out += pattern.slice(i, stop + 1);
      i = stop;
    } else if (ch === '\\') {
      out += pattern.slice(i, i + 2);
      i++;
    } else if (ch === '[') {
      const end = pattern.indexOf(']', i);
      const stop = end < 0 ? pattern.length - 1 : end;
      const tag = pattern.slice(i + 1, stop);
      // Elapsed-time tags ([h], [mm]) take lower case; colours and conditions pass as written.
      out += /^[hms]+$/i.test(tag) ? `[${tag.toLowerCase()}]` : pattern.slice(i, stop + 1);
      i = stop;
    } else if (/^am\/pm/i.test(pattern.slice(i))) {
      out += 'AM/PM';
      i += 4;
    } else if (/^a\/p/i.test(pattern.slice(i))) {
      out += 'A/P';
      i += 2;
    } else if (/[DMYHS]/.test(ch)) {
      out += ch.toLowerCase();
    } else {
      out += ch;
    }
  }
  return out;
}

/** A Date as Excel stores it: the wall time in the spreadsheet's zone (exceljs reads UTC fields). */
function excelDate(value: Date, timeZone: string): Date {
  const w = wallTime(value.getTime(), timeZone);
  return new Date(utcMs(w.year, w.month, w.day, w.hour, w.minute, w.second, w.millisecond));
}

/** A non-formula value; strings are always written as strings, whatever they start with. */
function plainValue(value: CellValue, timeZone: string): ExcelJS.CellValue {
  if (isDate(value)) return excelDate(value, timeZone);
  if (value === '') return null;
  return value;
}

function formulaValue(cell: CellSnapshot, timeZone: string): ExcelJS.CellFormulaValue {
  const v = cell.value;
  let result: ExcelJS.CellFormulaValue['result'];
  if (isDate(v)) result = excelDate(v, timeZone);
  else if (typeof v === 'string' && ERROR_CODES.has(v))
    result = { error: v as ExcelJS.CellErrorValue['error'] };
  else if (v !== '') result = v;
  return { formula: cell.formula.replace(/^=/, ''), result, date1904: false };
}

function border(spec: BorderSpec | undefined): Partial<ExcelJS.Border> | undefined {
  if (!spec) return undefined;
  return { style: BORDER_STYLES[spec.style] ?? 'thin', color: { argb: argb(spec.color) } };
}

function styleCell(target: ExcelJS.Cell, cell: CellSnapshot): void {
  target.font = {
    name: cell.fontFamily,
    size: cell.fontSize,
    bold: cell.fontWeight === 'bold',
    italic: cell.fontStyle === 'italic',
    color: { argb: argb(cell.fontColor) },
  };
  if (cell.background !== '#ffffff')
    target.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(cell.background) } };
  const horizontal = H_ALIGN[cell.horizontalAlignment];
  const vertical = V_ALIGN[cell.verticalAlignment];
  if (horizontal || vertical || cell.wrap)
    target.alignment = {
      ...(horizontal ? { horizontal } : {}),
      ...(vertical ? { vertical } : {}),
      ...(cell.wrap ? { wrapText: true } : {}),
    };
  if (cell.numberFormat !== '') target.numFmt = excelNumberFormat(cell.numberFormat);
  const { top, left, bottom, right } = cell.borders;
  if (top || left || bottom || right) {
    const b: Partial<ExcelJS.Borders> = {};
    if (top) b.top = border(top);
    if (left) b.left = border(left);
    if (bottom) b.bottom = border(bottom);
    if (right) b.right = border(right);
    target.border = b;
  }
}

/** Whether a decidable condition holds for a cell; undefined when it cannot be decided here. */
function conditionHolds(
  rule: RuleSnapshot,
  value: CellValue,
  display: string,
): boolean | undefined {
  const c = rule.condition;
  if (!c) return false;
  const [a, b] = c.values;
  const n = typeof value === 'number' ? value : null;
  // Sheets compares text without regard to case (U: observed in the UI, not documented).
  const text = display.toLowerCase();
  switch (c.type) {
    case 'TEXT_EQUAL_TO':
      return text === String(a).toLowerCase();
    case 'TEXT_CONTAINS':
      return text.includes(String(a).toLowerCase());
    case 'CELL_EMPTY':
      return value === '';
    case 'CELL_NOT_EMPTY':
      return value !== '';
    case 'NUMBER_EQUAL_TO':
      return n !== null && n === a;
    case 'NUMBER_GREATER_THAN':
      return n !== null && n > Number(a);
    case 'NUMBER_GREATER_THAN_OR_EQUAL_TO':
      return n !== null && n >= Number(a);
    case 'NUMBER_LESS_THAN':
      return n !== null && n < Number(a);
    case 'NUMBER_LESS_THAN_OR_EQUAL_TO':
      return n !== null && n <= Number(a);
    case 'NUMBER_BETWEEN':
      return (
        n !== null && n >= Math.min(Number(a), Number(b)) && n <= Math.max(Number(a), Number(b))
      );
    default:
      return undefined;
  }
}

/** The rule format each cell ends up with: first matching decidable rule wins, as in Sheets. */
function resolveRules(sheet: SheetSnapshot): Map<string, RuleFormat> {
  const out = new Map<string, RuleFormat>();
  const decided = new Set<string>();
  for (const rule of sheet.conditionalFormatRules) {
    if (rule.condition?.type === 'CUSTOM_FORMULA') continue;
    for (const range of rule.ranges) {
      if (range.sheet !== sheet.name) continue;
      for (let r = range.row; r < range.row + range.numRows; r++) {
        for (let c = range.column; c < range.column + range.numColumns; c++) {
          const key = `${r}:${c}`;
          if (decided.has(key)) continue;
          const value = sheet.values[r - 1]?.[c - 1] ?? '';
          const display = sheet.displayValues[r - 1]?.[c - 1] ?? '';
          if (conditionHolds(rule, value, display)) {
            decided.add(key);
            out.set(key, rule.format);
          }
        }
      }
    }
  }
  return out;
}

function applyRuleFormat(target: ExcelJS.Cell, format: RuleFormat): void {
  if (format.background)
    target.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(format.background) } };
  if (format.fontColor || format.bold !== undefined || format.italic !== undefined) {
    target.font = {
      ...target.font,
      ...(format.fontColor ? { color: { argb: argb(format.fontColor) } } : {}),
      ...(format.bold !== undefined ? { bold: format.bold } : {}),
      ...(format.italic !== undefined ? { italic: format.italic } : {}),
    };
  }
}

/** Custom-formula rules stay rules: Excel evaluates them relative to each range's top-left cell. */
function addFormulaRules(ws: ExcelJS.Worksheet, sheet: SheetSnapshot): void {
  sheet.conditionalFormatRules.forEach((rule, i) => {
    if (rule.condition?.type !== 'CUSTOM_FORMULA') return;
    const f = rule.format;
    const style: Partial<ExcelJS.Style> = {};
    // Differential fills take bgColor in Excel's dxf records.
    if (f.background)
      style.fill = { type: 'pattern', pattern: 'solid', bgColor: { argb: argb(f.background) } };
    if (f.fontColor || f.bold !== undefined || f.italic !== undefined)
      style.font = {
        ...(f.fontColor ? { color: { argb: argb(f.fontColor) } } : {}),
        ...(f.bold !== undefined ? { bold: f.bold } : {}),
        ...(f.italic !== undefined ? { italic: f.italic } : {}),
      };
    const formula = String(rule.condition.values[0] ?? '').replace(/^=/, '');
    for (const range of rule.ranges) {
      if (range.sheet !== sheet.name) continue;
      ws.addConditionalFormatting({
        ref: range.a1,
        rules: [{ type: 'expression', priority: i + 1, formulae: [formula], style }],
      });
    }
  });
}

/** Excel forbids `[]:*?/\` in sheet names and caps them at 31 characters; Sheets allows both. */
function excelSheetNames(sheets: SheetSnapshot[]): string[] {
  const taken = new Set<string>();
  return sheets.map((s) => {
    const base =
      s.name
        .replace(/[[\]:*?/\\]/g, '_')
        .replace(/^'|'$/g, '_')
        .slice(0, 31) || 'Sheet';
    let name = base;
    for (let n = 2; taken.has(name.toLowerCase()); n++)
      name = `${base.slice(0, 31 - String(n).length - 1)}~${n}`;
    taken.add(name.toLowerCase());
    return name;
  });
}

function writeSheet(ws: ExcelJS.Worksheet, sheet: SheetSnapshot, timeZone: string): void {
  if (sheet.hidden) ws.state = 'hidden';
  if (sheet.tabColor) ws.properties.tabColor = { argb: argb(sheet.tabColor) };
  ws.properties.defaultColWidth = pixelsToExcelWidth(sheet.defaultColumnWidth);
  // Pixels → points at 96 dpi.
  ws.properties.defaultRowHeight = sheet.defaultRowHeight * 0.75;
  if (sheet.frozenRows > 0 || sheet.frozenColumns > 0)
    ws.views = [
      {
        state: 'frozen',
        xSplit: sheet.frozenColumns,
        ySplit: sheet.frozenRows,
        topLeftCell: `${ws.getColumn(sheet.frozenColumns + 1).letter}${sheet.frozenRows + 1}`,
      },
    ];
  for (const [col, px] of Object.entries(sheet.columnWidths))
    ws.getColumn(Number(col)).width = pixelsToExcelWidth(px);
  for (const [row, px] of Object.entries(sheet.rowHeights))
    ws.getRow(Number(row)).height = px * 0.75;

  for (const cell of sheet.cells) {
    const target = ws.getCell(cell.row, cell.column);
    target.value = cell.formula ? formulaValue(cell, timeZone) : plainValue(cell.value, timeZone);
    styleCell(target, cell);
  }
  for (const [key, format] of resolveRules(sheet)) {
    const [r, c] = key.split(':').map(Number);
    applyRuleFormat(ws.getCell(r, c), format);
  }
  addFormulaRules(ws, sheet);
  for (const m of sheet.merges)
    if (m.numRows > 1 || m.numColumns > 1)
      ws.mergeCells(m.row, m.column, m.row + m.numRows - 1, m.column + m.numColumns - 1);
}

/** Builds an .xlsx of the whole spreadsheet `snap` (from `snapshot(spreadsheet)`). */
export async function workbookToXlsx(snap: SpreadsheetSnapshot): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.title = snap.name;
  wb.creator = 'kiem-tra-cong-vu';
  const names = excelSheetNames(snap.sheets);
  snap.sheets.forEach((sheet, i) => {
    writeSheet(wb.addWorksheet(names[i]), sheet, snap.timeZone);
  });
  // Excel refuses a hidden active tab: open on the Sheets active sheet, else the first visible.
  let active = snap.sheets.findIndex((s) => s.name === snap.activeSheet && !s.hidden);
  if (active < 0)
    active = Math.max(
      0,
      snap.sheets.findIndex((s) => !s.hidden),
    );
  wb.views = [
    {
      x: 0,
      y: 0,
      width: 20000,
      height: 12000,
      firstSheet: 0,
      activeTab: active,
      visibility: 'visible',
    },
  ];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
