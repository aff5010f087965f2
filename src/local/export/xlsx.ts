// Spreadsheet emulator (live, or a snapshot) → .xlsx bytes that Excel and LibreOffice open as Sheets showed it.
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { clipText, XLSX_CELL_CHARS } from '../../core/shown';
import {
  type BorderSpec,
  type CellFormatView,
  type CellRowView,
  type CellSnapshot,
  type CellValue,
  columnLetters,
  type EmuSpreadsheet,
  type RuleFormat,
  type RuleSnapshot,
  type SheetLayoutSnapshot,
  type SheetRowView,
  type SpreadsheetSnapshot,
  snapshotSheetLayout,
  snapshotSheetRows,
} from '../emulator/spreadsheet';
import { wallTime } from '../emulator/utilities';
import { addCharts } from './xlsx-charts';

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
 *
 * Size: an export of 100,000 form responses gives sheets of 100,000–200,000 rows, some 8 million
 * cells; exceljs's in-memory workbook needs gigabytes and minutes for that. So the workbook is
 * streamed with exceljs's WorkbookWriter, one row at a time, and, when it is given the live
 * spreadsheet rather than a snapshot, read row by row from the emulator (`snapshotSheetRows`),
 * without copying the cells. exceljs still writes the package, each sheet's frame (properties,
 * views, columns, merges, conditional formats) and the style sheet; the cells are serialised
 * here, straight into the sheet's XML stream, as exceljs writes them without shared strings (text
 * as `t="str"`, styles from its style registry): going through its Row and Cell objects costs
 * about 5 µs a cell, some 40 s for such a workbook. Cells of one format share one style object.
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

/** XML is passed to the zip in pieces of about this many bytes… */
const CHUNK_BYTES = 1 << 16;
/**
 * …and the writer pauses while more than this waits for compression. Besides bounding memory,
 * this keeps the buffers young: buffers that wait long get promoted to V8's old space, and the
 * external-memory pressure they add then starts full collections of the whole heap, which with
 * the emulator of 100,000 responses in it cost about a second each.
 */
const BACKLOG_BYTES = 1 << 19;

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

/**
 * Dates as Excel serials: the wall time in the spreadsheet's zone, in days since 1899-12-30 (as
 * exceljs computes it from a Date whose UTC fields hold that wall time). The zone's offset is
 * looked up once per hour of time, as `wallTime` itself caches it.
 */
class SerialClock {
  private readonly offsets = new Map<number, number>();

  constructor(private readonly timeZone: string) {}

  serial(value: Date): number {
    const ms = value.getTime();
    const hour = Math.floor(ms / 3600000);
    let offset = this.offsets.get(hour);
    if (offset === undefined) {
      offset = wallTime(ms, this.timeZone).offsetSeconds * 1000;
      this.offsets.set(hour, offset);
    }
    // The wall time's UTC reading is the instant shifted by the zone's offset.
    return 25569 + (ms + offset) / (24 * 3600 * 1000);
  }
}

// ---------------------------------------------------------------------------------------------
// Cell XML, as exceljs writes it (cell-xform.js) without shared strings.

// exceljs's xmlEncode: the five entities, and the characters XML 1.0 forbids dropped: control
// characters, the noncharacters U+FFFE and U+FFFF, and a surrogate without its pair (with the `u`
// flag the class matches only a lone one). One of them would make the whole sheet unreadable.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters to drop.
const XML_SPECIAL = /[<>&'"\x7F\x00-\x08\x0B-\x0C\x0E-\x1F\uFFFE\uFFFF\uD800-\uDFFF]/u;
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters to drop.
const XML_SPECIAL_ALL = /[<>&'"\x7F\x00-\x08\x0B-\x0C\x0E-\x1F\uFFFE\uFFFF\uD800-\uDFFF]/gu;
const XML_ENTITIES: Record<string, string> = {
  '<': '&lt;',
  '>': '&gt;',
  '&': '&amp;',
  "'": '&apos;',
  '"': '&quot;',
};

function xmlText(text: string): string {
  return XML_SPECIAL.test(text)
    ? text.replace(XML_SPECIAL_ALL, (ch) => XML_ENTITIES[ch] ?? '')
    : text;
}

/**
 * What follows a cell reference by style id: the closing quote, then ` s="n"` (left out for the
 * default style, as exceljs does).
 */
const STYLE_ATTRS: string[] = ['"'];
const styleAttr = (id: number): string => {
  let attr = STYLE_ATTRS[id];
  if (attr === undefined) {
    attr = `" s="${id}"`;
    STYLE_ATTRS[id] = attr;
  }
  return attr;
};

/**
 * The string parts of a row's XML, joined once when the row is done. The array is kept from row
 * to row (emptying it would give its storage back, and every row would grow it again).
 */
class Parts {
  private readonly items: string[] = [];
  private n = 0;
  private high = 0;

  get count(): number {
    return this.n;
  }

  add(part: string): void {
    this.items[this.n++] = part;
  }

  /** The parts as one string; the parts are then cleared. */
  join(): string {
    const items = this.items;
    for (let i = this.n; i < this.high; i++) items[i] = '';
    this.high = this.n;
    this.n = 0;
    return items.join('');
  }
}

/** `<c r="A1" s="3"`, the start of a cell. */
function openCell(xml: Parts, column: string, row: string, styleId: number): void {
  xml.add('<c r="');
  xml.add(column);
  xml.add(row);
  xml.add(styleAttr(styleId));
}

/**
 * One `<c>` element: `value` as getValues gives it, `formula` '' or with its leading `=`. Strings
 * are always written as strings, whatever they start with; a formula keeps its cached result. An
 * empty cell without a style writes nothing.
 */
function addCell(
  xml: Parts,
  column: string,
  row: string,
  styleId: number,
  value: CellValue,
  formula: string,
  clock: SerialClock,
): void {
  if (formula !== '') {
    openCell(xml, column, row, styleId);
    if (typeof value === 'string' && value !== '')
      xml.add(ERROR_CODES.has(value) ? ' t="e"><f>' : ' t="str"><f>');
    else if (typeof value === 'boolean') xml.add(' t="b"><f>');
    else xml.add('><f>');
    xml.add(xmlText(formula.replace(/^=/, '')));
    if (value === '') {
      xml.add('</f></c>');
      return;
    }
    xml.add('</f><v>');
  } else if (typeof value === 'string') {
    if (value === '') {
      if (styleId) {
        openCell(xml, column, row, styleId);
        xml.add('/>');
      }
      return;
    }
    openCell(xml, column, row, styleId);
    xml.add(' t="str"><v>');
  } else {
    openCell(xml, column, row, styleId);
    xml.add(typeof value === 'boolean' ? ' t="b"><v>' : '><v>');
  }
  switch (typeof value) {
    case 'string':
      // Excel holds 32,767 characters in a cell (a Sheets cell holds 50,000): longer text is cut
      // with a visible mark, so the file opens and says what it left out.
      xml.add(xmlText(clipText(value, XLSX_CELL_CHARS)));
      break;
    case 'number':
      xml.add(String(value));
      break;
    case 'boolean':
      xml.add(value ? '1' : '0');
      break;
    default:
      xml.add(String(clock.serial(value)));
  }
  xml.add('</v></c>');
}

// ---------------------------------------------------------------------------------------------
// Styles: one exceljs style object per distinct format, registered once.

/** The part of exceljs's style registry (`StylesXform`) the writer uses; not in its typings. */
interface StyleRegistry {
  addStyleModel(style: Partial<ExcelJS.Style>, cellType: ExcelJS.ValueType): number;
}

interface StyleEntry {
  style: Partial<ExcelJS.Style>;
  /** Style ids: [for any value, for a Date when the style has no number format]. */
  ids: (number | undefined)[];
  /** This style with a conditional rule's format on top. */
  ruled?: Map<RuleFormat, StyleEntry>;
}

function border(spec: BorderSpec | undefined): Partial<ExcelJS.Border> | undefined {
  if (!spec) return undefined;
  return { style: BORDER_STYLES[spec.style] ?? 'thin', color: { argb: argb(spec.color) } };
}

/** The exceljs style of a cell's own format. */
function cellStyle(cell: CellFormatView): Partial<ExcelJS.Style> {
  const style: Partial<ExcelJS.Style> = {
    font: {
      name: cell.fontFamily,
      size: cell.fontSize,
      bold: cell.fontWeight === 'bold',
      italic: cell.fontStyle === 'italic',
      color: { argb: argb(cell.fontColor) },
    },
  };
  if (cell.background !== '#ffffff')
    style.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(cell.background) } };
  const horizontal = H_ALIGN[cell.horizontalAlignment];
  const vertical = V_ALIGN[cell.verticalAlignment];
  if (horizontal || vertical || cell.wrap)
    style.alignment = {
      ...(horizontal ? { horizontal } : {}),
      ...(vertical ? { vertical } : {}),
      ...(cell.wrap ? { wrapText: true } : {}),
    };
  if (cell.numberFormat !== '') style.numFmt = excelNumberFormat(cell.numberFormat);
  const { top, left, bottom, right } = cell.borders;
  if (top || left || bottom || right) {
    const b: Partial<ExcelJS.Borders> = {};
    if (top) b.top = border(top);
    if (left) b.left = border(left);
    if (bottom) b.bottom = border(bottom);
    if (right) b.right = border(right);
    style.border = b;
  }
  return style;
}

/** A style with a conditional rule's format applied over it. */
function ruledStyle(base: Partial<ExcelJS.Style>, format: RuleFormat): Partial<ExcelJS.Style> {
  const style = { ...base };
  if (format.background)
    style.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(format.background) } };
  if (format.fontColor || format.bold !== undefined || format.italic !== undefined)
    style.font = {
      ...style.font,
      ...(format.fontColor ? { color: { argb: argb(format.fontColor) } } : {}),
      ...(format.bold !== undefined ? { bold: format.bold } : {}),
      ...(format.italic !== undefined ? { italic: format.italic } : {}),
    };
  return style;
}

const sameEdge = (a: BorderSpec | undefined, b: BorderSpec | undefined): boolean =>
  a === b || (!!a && !!b && a.style === b.style && a.color === b.color);

function sameFormat(a: CellFormatView, b: CellFormatView): boolean {
  return (
    a === b ||
    (a.numberFormat === b.numberFormat &&
      a.background === b.background &&
      a.fontColor === b.fontColor &&
      a.fontWeight === b.fontWeight &&
      a.fontStyle === b.fontStyle &&
      a.fontFamily === b.fontFamily &&
      a.fontSize === b.fontSize &&
      a.horizontalAlignment === b.horizontalAlignment &&
      a.verticalAlignment === b.verticalAlignment &&
      a.wrap === b.wrap &&
      sameEdge(a.borders.top, b.borders.top) &&
      sameEdge(a.borders.left, b.borders.left) &&
      sameEdge(a.borders.bottom, b.borders.bottom) &&
      sameEdge(a.borders.right, b.borders.right))
  );
}

const edgeKey = (b: BorderSpec | undefined): string => (b ? `${b.style} ${b.color}` : '');

function formatKey(f: CellFormatView): string {
  return [
    f.numberFormat,
    f.background,
    f.fontColor,
    f.fontWeight,
    f.fontStyle,
    f.fontFamily,
    f.fontSize,
    f.horizontalAlignment,
    f.verticalAlignment,
    f.wrap,
    edgeKey(f.borders.top),
    edgeKey(f.borders.left),
    edgeKey(f.borders.bottom),
    edgeKey(f.borders.right),
  ].join('\u0001');
}

/** The workbook's styles: shared style objects and their ids in exceljs's registry. */
class StyleBook {
  private readonly byKey = new Map<string, StyleEntry>();
  /** A cell with the default format (an unstyled blank). */
  readonly blank: StyleEntry = { style: {}, ids: [] };

  constructor(private readonly registry: StyleRegistry) {}

  of(format: CellFormatView): StyleEntry {
    const key = formatKey(format);
    let entry = this.byKey.get(key);
    if (!entry) {
      entry = { style: cellStyle(format), ids: [] };
      this.byKey.set(key, entry);
    }
    return entry;
  }

  ruled(entry: StyleEntry, format: RuleFormat): StyleEntry {
    entry.ruled ??= new Map();
    let out = entry.ruled.get(format);
    if (!out) {
      out = { style: ruledStyle(entry.style, format), ids: [] };
      entry.ruled.set(format, out);
    }
    return out;
  }

  /** The style id; exceljs gives a Date without a number format its default date format. */
  id(entry: StyleEntry, date: boolean): number {
    const k = date && !entry.style.numFmt ? 1 : 0;
    let id = entry.ids[k];
    if (id === undefined) {
      // exceljs caches ids by style object, so the date variant registers a copy.
      id = k
        ? this.registry.addStyleModel({ ...entry.style }, ExcelJS.ValueType.Date)
        : this.registry.addStyleModel(entry.style, ExcelJS.ValueType.Number);
      entry.ids[k] = id;
    }
    return id;
  }
}

// ---------------------------------------------------------------------------------------------
// Conditional formats.

/** Whether a decidable condition holds for a cell; undefined when it cannot be decided here. */
function conditionHolds(
  rule: RuleSnapshot,
  value: CellValue,
  display: () => string,
): boolean | undefined {
  const c = rule.condition;
  if (!c) return false;
  const [a, b] = c.values;
  const n = typeof value === 'number' ? value : null;
  switch (c.type) {
    // Sheets compares text without regard to case (U: observed in the UI, not documented).
    case 'TEXT_EQUAL_TO':
      return display().toLowerCase() === String(a).toLowerCase();
    case 'TEXT_CONTAINS':
      return display().toLowerCase().includes(String(a).toLowerCase());
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

/** A rectangle of a sheet, inclusive. */
interface Area {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** A decidable rule's range within one column, in rule order. */
interface ColumnRule {
  rule: RuleSnapshot;
  top: number;
  bottom: number;
}

/** Custom-formula rules stay rules: Excel evaluates them relative to each range's top-left cell. */
function addFormulaRules(ws: SheetWriter, sheet: SheetLayoutSnapshot): void {
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

// ---------------------------------------------------------------------------------------------
// Sources: a snapshot, or the live emulator read row by row.

/** What the writer reads of one sheet. */
interface SheetSource {
  layout: SheetLayoutSnapshot;
  /** Cells with content or a non-default format, row by row, columns ascending. */
  rows(): Iterable<SheetRowView>;
  /** A cell's display text (for text conditions). */
  display(row: number, column: number): string;
}

interface BookSource {
  name: string;
  timeZone: string;
  activeSheet: string;
  sheets: SheetSource[];
}

/** A snapshot's cells grouped by row (sorted first if need be; a later duplicate wins). */
function* snapshotRows(cells: CellSnapshot[]): Generator<SheetRowView, void, undefined> {
  const ordered = cells.every(
    (c, i) =>
      i === 0 ||
      c.row > cells[i - 1].row ||
      (c.row === cells[i - 1].row && c.column >= cells[i - 1].column),
  )
    ? cells
    : [...cells].sort((a, b) => a.row - b.row || a.column - b.column);
  let i = 0;
  while (i < ordered.length) {
    const row = ordered[i].row;
    const out: CellRowView[] = [];
    for (; i < ordered.length && ordered[i].row === row; i++) {
      const c = ordered[i];
      const view = { column: c.column, value: c.value, formula: c.formula, format: c };
      if (out.length > 0 && out[out.length - 1].column === c.column) out[out.length - 1] = view;
      else out.push(view);
    }
    yield { row, cells: out };
  }
}

function fromSnapshot(snap: SpreadsheetSnapshot): BookSource {
  return {
    name: snap.name,
    timeZone: snap.timeZone,
    activeSheet: snap.activeSheet,
    sheets: snap.sheets.map((sheet) => ({
      layout: sheet,
      rows: () => snapshotRows(sheet.cells),
      display: (row, column) => sheet.displayValues[row - 1]?.[column - 1] ?? '',
    })),
  };
}

function fromSpreadsheet(ss: EmuSpreadsheet): BookSource {
  return {
    name: ss._name,
    timeZone: ss._timeZone,
    activeSheet: ss._activeSheet._name,
    sheets: ss._sheets.map((sheet) => ({
      layout: snapshotSheetLayout(sheet),
      rows: () => snapshotSheetRows(sheet),
      display: (row, column) => sheet._display(row, column),
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// Rows.

/** Column number → letters, cached. */
const LETTERS: string[] = [];
const letters = (column: number): string => {
  let s = LETTERS[column];
  if (s === undefined) {
    s = columnLetters(column);
    LETTERS[column] = s;
  }
  return s;
};

/** Sorted, merged row intervals. */
function unionOf(intervals: [number, number][]): [number, number][] {
  const sorted = intervals.slice().sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** The rows with cells, and in order among them the `extra` rows (as rows without cells). */
function* allRows(
  rows: Iterable<SheetRowView>,
  extra: [number, number][],
): Generator<[number, CellRowView[] | null], void, undefined> {
  let k = 0;
  let next = 1;
  for (const { row, cells } of rows) {
    for (; k < extra.length && extra[k][0] < row; k++) {
      const [a, b] = extra[k];
      for (let r = Math.max(a, next); r <= Math.min(b, row - 1); r++) yield [r, null];
      if (b >= row) break;
    }
    yield [row, cells];
    next = row + 1;
  }
  for (; k < extra.length; k++)
    for (let r = Math.max(extra[k][0], next); r <= extra[k][1]; r++) yield [r, null];
}

/** Turns one sheet's rows into `<row>` elements. */
class SheetRows {
  private readonly rulesByColumn: (ColumnRule[] | undefined)[] = [];
  /** Decidable rules that hold on blank cells: their blank cells are written too. */
  private readonly blankAreas: Area[] = [];
  private readonly merges: Area[] = [];
  /** Style id of each merge's top-left cell, once written; the other cells take it. */
  private readonly masterIds: number[] = [];
  private readonly heights: Record<number, number>;
  /** The last format seen in each column and its style: formats repeat down a column. */
  private readonly lastFormat: (CellFormatView | undefined)[] = [];
  private readonly lastEntry: StyleEntry[] = [];
  /** The parts of the row being written. */
  private readonly xml = new Parts();
  private readonly clock: SerialClock;
  /** Rows to visit even without cells: row heights, merges, blank cells that rules colour. */
  readonly extraRows: [number, number][];

  constructor(
    private readonly source: SheetSource,
    private readonly styles: StyleBook,
    timeZone: string,
  ) {
    this.clock = new SerialClock(timeZone);
    const layout = source.layout;
    this.heights = layout.rowHeights;
    for (const rule of layout.conditionalFormatRules) {
      if (rule.condition?.type === 'CUSTOM_FORMULA') continue;
      const onBlank = conditionHolds(rule, '', () => '') === true;
      for (const range of rule.ranges) {
        if (range.sheet !== layout.name) continue;
        const area = {
          top: range.row,
          bottom: range.row + range.numRows - 1,
          left: range.column,
          right: range.column + range.numColumns - 1,
        };
        for (let c = area.left; c <= area.right; c++) {
          const list = this.rulesByColumn[c] ?? [];
          list.push({ rule, top: area.top, bottom: area.bottom });
          this.rulesByColumn[c] = list;
        }
        if (onBlank) this.blankAreas.push(area);
      }
    }
    for (const m of layout.merges) {
      if (m.numRows <= 1 && m.numColumns <= 1) continue;
      const area = {
        top: m.row,
        bottom: m.row + m.numRows - 1,
        left: m.column,
        right: m.column + m.numColumns - 1,
      };
      // As exceljs's mergeCells: overlapping merges are an error.
      if (
        this.merges.some(
          (o) =>
            o.left <= area.right &&
            area.left <= o.right &&
            o.top <= area.bottom &&
            area.top <= o.bottom,
        )
      )
        throw new Error('Cannot merge already merged cells');
      this.merges.push(area);
      this.masterIds.push(0);
    }
    this.extraRows = unionOf([
      ...Object.keys(this.heights).map((r): [number, number] => [Number(r), Number(r)]),
      ...[...this.blankAreas, ...this.merges].map((a): [number, number] => [a.top, a.bottom]),
    ]);
  }

  /** The merges' A1 ranges, for the sheet's `<mergeCells>`. */
  mergeRefs(): string[] {
    return this.merges.map((m) => `${letters(m.left)}${m.top}:${letters(m.right)}${m.bottom}`);
  }

  /** The first decidable rule that holds for a cell, as Sheets picks it. */
  private ruleAt(row: number, column: number, value: CellValue): RuleFormat | undefined {
    const rules = this.rulesByColumn[column];
    if (!rules) return undefined;
    let display: string | undefined;
    const text = () => {
      display ??= this.source.display(row, column);
      return display;
    };
    for (const r of rules)
      if (row >= r.top && row <= r.bottom && conditionHolds(r.rule, value, text))
        return r.rule.format;
    return undefined;
  }

  private entryOf(column: number, format: CellFormatView): StyleEntry {
    const last = this.lastFormat[column];
    if (last && sameFormat(last, format)) {
      this.lastFormat[column] = format;
      return this.lastEntry[column];
    }
    const entry = this.styles.of(format);
    this.lastFormat[column] = format;
    this.lastEntry[column] = entry;
    return entry;
  }

  /** Pushes a cell's XML; returns its style id. */
  private cell(row: number, rowText: string, column: number, cell: CellRowView | null): number {
    const value = cell ? cell.value : '';
    let entry = cell ? this.entryOf(column, cell.format) : this.styles.blank;
    const rule = this.ruleAt(row, column, value);
    if (rule) entry = this.styles.ruled(entry, rule);
    const id = this.styles.id(entry, typeof value === 'object');
    addCell(this.xml, letters(column), rowText, id, value, cell ? cell.formula : '', this.clock);
    return id;
  }

  /** One `<row>`, or '' when it has nothing to write. */
  row(row: number, cells: CellRowView[] | null): string {
    const xml = this.xml;
    const rowText = String(row);
    const height = this.heights[row];
    xml.add(
      height === undefined
        ? `<row r="${rowText}">`
        : `<row r="${rowText}" ht="${height * 0.75}" customHeight="1">`,
    );
    const areas = this.extraRows.length > 0 ? this.areasAt(row) : null;
    if (!areas) {
      if (cells) for (const cell of cells) this.cell(row, rowText, cell.column, cell);
    } else {
      const columns = new Set<number>(cells?.map((c) => c.column));
      for (const a of areas) for (let c = a.left; c <= a.right; c++) columns.add(c);
      const byColumn = new Map(cells?.map((c) => [c.column, c]));
      for (const column of [...columns].sort((a, b) => a - b)) {
        const m = this.merges.findIndex(
          (a) => row >= a.top && row <= a.bottom && column >= a.left && column <= a.right,
        );
        const master = m >= 0 && row === this.merges[m].top && column === this.merges[m].left;
        if (m >= 0 && !master) {
          // Covered by a merge: the top-left cell's style and no value, as exceljs merges.
          xml.add('<c r="');
          xml.add(letters(column));
          xml.add(rowText);
          xml.add(styleAttr(this.masterIds[m]));
          xml.add('/>');
          continue;
        }
        const id = this.cell(row, rowText, column, byColumn.get(column) ?? null);
        if (master) this.masterIds[m] = id;
      }
    }
    if (xml.count === 1 && height === undefined) {
      xml.join();
      return '';
    }
    xml.add('</row>');
    return xml.join();
  }

  /** Merges and rule-coloured blank areas that cover a row, or null. */
  private areasAt(row: number): Area[] | null {
    const out: Area[] = [];
    for (const a of this.blankAreas) if (row >= a.top && row <= a.bottom) out.push(a);
    for (const a of this.merges) if (row >= a.top && row <= a.bottom) out.push(a);
    return out.length > 0 ? out : null;
  }
}

// ---------------------------------------------------------------------------------------------
// The workbook.

/** What `held` reads of a stream. */
interface StreamState {
  writableLength?: number;
  readableLength?: number;
  _writableState?: { length?: number };
  _readableState?: { length?: number };
}

/** A sheet's XML stream inside exceljs (a StreamBuf); not in its typings. */
interface XmlStream {
  write(chunk: Buffer): unknown;
  /** True when the StreamBuf copies each write into its own buffers before passing them on. */
  batch?: boolean;
  /** Where the StreamBuf passes its data (the zip entry's input); watched to bound the backlog. */
  pipes?: StreamState[];
}

/** exceljs's streaming WorksheetWriter, as far as it is used here. */
interface SheetWriter {
  getColumn(column: number): { width?: number };
  getRow(row: number): { commit(): void };
  addConditionalFormatting(cf: ExcelJS.ConditionalFormattingOptions): void;
  commit(): void;
  /** Not in the typings: the sheet's XML stream. */
  readonly stream: XmlStream;
  /** Not in the typings: the merged ranges, written as `<mergeCell ref="…"/>` on commit. */
  readonly _merges: unknown[];
}

interface BookWriter {
  addWorksheet(name: string, options: Record<string, unknown>): SheetWriter;
  commit(): Promise<unknown>;
  title: string;
  creator: string;
  lastModifiedBy: string;
  views: ExcelJS.WorkbookView[];
  /** Not in the typings: the style registry. */
  readonly styles: StyleRegistry;
}

/** Excel forbids `[]:*?/\` in sheet names and caps them at 31 characters; Sheets allows both. */
function excelSheetNames(sheets: { name: string }[]): string[] {
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

/** Bytes a stream holds (Node's streams and the readable-stream copies archiver uses). */
function held(stream: StreamState): number {
  return (
    (stream.writableLength ?? stream._writableState?.length ?? 0) +
    (stream.readableLength ?? stream._readableState?.length ?? 0)
  );
}

/** Rows' XML, encoded to UTF-8 row by row into a reused buffer and passed on by the buffer-full. */
class XmlOut {
  private readonly buf = Buffer.allocUnsafe(4 * CHUNK_BYTES);
  private used = 0;

  constructor(private readonly stream: XmlStream) {}

  /** Adds XML; true when a buffer-full went to the stream. */
  add(xml: string): boolean {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
    const room = 3 * xml.length;
    let flushed = false;
    if (this.used + room > this.buf.length) flushed = this.flush();
    if (room > this.buf.length) {
      void this.stream.write(Buffer.from(xml, 'utf8'));
      return true;
    }
    this.used += this.buf.write(xml, this.used, 'utf8');
    if (this.used >= CHUNK_BYTES) flushed = this.flush();
    return flushed;
  }

  flush(): boolean {
    if (this.used === 0) return false;
    const bytes = this.buf.subarray(0, this.used);
    // exceljs's sheet streams (StreamBuf in batch mode) copy what they are given at once, so the
    // buffer is reused; any other stream gets a copy of its own.
    void this.stream.write(this.stream.batch === true ? bytes : Buffer.from(bytes));
    this.used = 0;
    return true;
  }
}

/**
 * Lets the event loop turn, so that archiver and zlib (on libuv's thread pool) work alongside the
 * rows, and waits while more than `BACKLOG_BYTES` wait for them.
 */
async function letZipRun(stream: XmlStream): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  const next = stream.pipes?.[0];
  while (next && held(next) > BACKLOG_BYTES) await new Promise((resolve) => setTimeout(resolve, 1));
}

async function writeSheet(
  wb: BookWriter,
  name: string,
  source: SheetSource,
  styles: StyleBook,
  timeZone: string,
): Promise<void> {
  const sheet = source.layout;
  const ws = wb.addWorksheet(name, {
    state: sheet.hidden ? 'hidden' : 'visible',
    properties: {
      ...(sheet.tabColor ? { tabColor: { argb: argb(sheet.tabColor) } } : {}),
      defaultColWidth: pixelsToExcelWidth(sheet.defaultColumnWidth),
      // Pixels → points at 96 dpi.
      defaultRowHeight: sheet.defaultRowHeight * 0.75,
    },
    views:
      sheet.frozenRows > 0 || sheet.frozenColumns > 0
        ? [
            {
              state: 'frozen',
              xSplit: sheet.frozenColumns,
              ySplit: sheet.frozenRows,
              topLeftCell: `${letters(sheet.frozenColumns + 1)}${sheet.frozenRows + 1}`,
            },
          ]
        : [],
  });
  if (typeof ws.stream?.write !== 'function' || !Array.isArray(ws._merges))
    throw new Error('exceljs: its streaming worksheet writer is not the one this exporter knows');
  for (const [col, px] of Object.entries(sheet.columnWidths))
    ws.getColumn(Number(col)).width = pixelsToExcelWidth(px);
  addFormulaRules(ws, sheet);
  const rows = new SheetRows(source, styles, timeZone);
  ws._merges.push(...rows.mergeRefs());
  // Committing an empty first row makes exceljs write <cols> and open <sheetData> (an empty row
  // itself writes nothing); the rows then go straight into the stream.
  ws.getRow(1).commit();
  const out = new XmlOut(ws.stream);
  for (const [row, cells] of allRows(source.rows(), rows.extraRows))
    if (out.add(rows.row(row, cells))) await letZipRun(ws.stream);
  out.flush();
  ws.commit();
}

/**
 * Builds an .xlsx of the whole spreadsheet: give the emulator's spreadsheet itself for large ones
 * (read row by row, nothing copied), or a `snapshot(spreadsheet)`; both give the same file.
 */
export async function workbookToXlsx(
  source: SpreadsheetSnapshot | EmuSpreadsheet,
): Promise<Buffer> {
  const book = 'sheets' in source ? fromSnapshot(source) : fromSpreadsheet(source);
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = once(out, 'end');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  }) as unknown as BookWriter;
  wb.title = book.name;
  wb.creator = 'kiem-tra-cong-vu';
  wb.lastModifiedBy = 'kiem-tra-cong-vu';
  const styles = new StyleBook(wb.styles);
  const names = excelSheetNames(book.sheets.map((s) => s.layout));
  for (const [i, sheet] of book.sheets.entries())
    await writeSheet(wb, names[i], sheet, styles, book.timeZone);
  // Excel refuses a hidden active tab: open on the Sheets active sheet, else the first visible.
  const layouts = book.sheets.map((s) => s.layout);
  let active = layouts.findIndex((s) => s.name === book.activeSheet && !s.hidden);
  if (active < 0)
    active = Math.max(
      0,
      layouts.findIndex((s) => !s.hidden),
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
  await wb.commit();
  await ended;
  // Embedded charts, as native xlsx charts (exceljs cannot write them): the live spreadsheet only.
  return 'sheets' in source ? Buffer.concat(chunks) : addCharts(Buffer.concat(chunks), source);
}
