// Spreadsheet emulator (live, or a snapshot) → .xlsx bytes that Excel and LibreOffice open as Sheets showed it.
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
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
 *
 * Size: an export of 100,000 form responses gives sheets of 100,000–200,000 rows, millions of
 * cells. So the workbook is streamed (exceljs's WorkbookWriter) and each row is written as soon as
 * it is read, the emulator read row by row (`snapshotSheetRows`) rather than through a full
 * snapshot when it is given live. exceljs still writes the package, the sheet frame (properties,
 * views, columns, merges, conditional formats) and the style sheet; the cells themselves are
 * serialised here, straight into the sheet's XML stream, as exceljs would write them (inline
 * strings as `t="str"`, styles through its style registry): its per-cell objects cost ~5 µs a cell,
 * minutes for such a workbook. Cells with the same format share one style object, so the style
 * sheet stays as small as the number of distinct formats.
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

/** XML text is passed to the zip in pieces of about this many characters. */
const CHUNK_CHARS = 1 << 16;

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
 * A Date as an Excel serial: the wall time in the spreadsheet's zone, in days since 1899-12-30
 * (computed as exceljs does from a Date whose UTC fields hold that wall time).
 */
function excelSerial(value: Date, timeZone: string): number {
  const w = wallTime(value.getTime(), timeZone);
  const ms = utcMs(w.year, w.month, w.day, w.hour, w.minute, w.second, w.millisecond);
  return 25569 + ms / (24 * 3600 * 1000);
}

// ---------------------------------------------------------------------------------------------
// Cell XML, as exceljs writes it (cell-xform.js) without shared strings.

// exceljs's xmlEncode: the five entities, and the control characters XML 1.0 forbids dropped.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters to drop.
const XML_SPECIAL = /[<>&'"\x7F\x00-\x08\x0B-\x0C\x0E-\x1F]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters to drop.
const XML_SPECIAL_ALL = /[<>&'"\x7F\x00-\x08\x0B-\x0C\x0E-\x1F]/g;
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
 * One `<c>` element: `value` as getValues gives it, `formula` '' or with its leading `=`. Strings
 * are always written as strings, whatever they start with; a formula keeps its cached result.
 * An empty cell without a style writes nothing.
 */
function cellXml(
  ref: string,
  styleId: number,
  value: CellValue,
  formula: string,
  timeZone: string,
): string {
  const open = styleId ? `<c r="${ref}" s="${styleId}"` : `<c r="${ref}"`;
  if (formula !== '') {
    const f = `<f>${xmlText(formula.replace(/^=/, ''))}</f>`;
    switch (typeof value) {
      case 'string':
        if (value === '') return `${open}>${f}</c>`;
        if (ERROR_CODES.has(value)) return `${open} t="e">${f}<v>${xmlText(value)}</v></c>`;
        return `${open} t="str">${f}<v>${xmlText(value)}</v></c>`;
      case 'number':
        return `${open}>${f}<v>${value}</v></c>`;
      case 'boolean':
        return `${open} t="b">${f}<v>${value ? 1 : 0}</v></c>`;
      default:
        return `${open}>${f}<v>${excelSerial(value, timeZone)}</v></c>`;
    }
  }
  switch (typeof value) {
    case 'string':
      if (value === '') return styleId ? `${open}/>` : '';
      return `${open} t="str"><v>${xmlText(value)}</v></c>`;
    case 'number':
      return `${open}><v>${value}</v></c>`;
    case 'boolean':
      return `${open} t="b"><v>${value ? 1 : 0}</v></c>`;
    default:
      return `${open}><v>${excelSerial(value, timeZone)}</v></c>`;
  }
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
  private lastStyleId = 0;
  /** Rows to visit even without cells: row heights, merges, blank cells that rules colour. */
  readonly extraRows: [number, number][];

  constructor(
    private readonly source: SheetSource,
    private readonly styles: StyleBook,
    private readonly timeZone: string,
  ) {
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

  private cell(row: number, column: number, cell: CellRowView | null): string {
    const value = cell ? cell.value : '';
    let entry = cell ? this.entryOf(column, cell.format) : this.styles.blank;
    const rule = this.ruleAt(row, column, value);
    if (rule) entry = this.styles.ruled(entry, rule);
    const id = this.styles.id(entry, typeof value === 'object');
    this.lastStyleId = id;
    return cellXml(`${letters(column)}${row}`, id, value, cell ? cell.formula : '', this.timeZone);
  }

  /** One `<row>`, or '' when it has nothing to write. */
  row(row: number, cells: CellRowView[] | null): string {
    let xml = '';
    const areas = this.extraRows.length > 0 ? this.areasAt(row) : null;
    if (!areas) {
      if (cells) for (const cell of cells) xml += this.cell(row, cell.column, cell);
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
          const id = this.masterIds[m];
          xml += id
            ? `<c r="${letters(column)}${row}" s="${id}"/>`
            : `<c r="${letters(column)}${row}"/>`;
          continue;
        }
        xml += this.cell(row, column, byColumn.get(column) ?? null);
        if (master) this.masterIds[m] = this.lastStyleId;
      }
    }
    const height = this.heights[row];
    if (height !== undefined)
      return `<row r="${row}" ht="${height * 0.75}" customHeight="1">${xml}</row>`;
    return xml === '' ? '' : `<row r="${row}">${xml}</row>`;
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

/** A sheet's XML stream inside exceljs (a StreamBuf); not in its typings. */
interface XmlStream {
  write(chunk: string): unknown;
  /** Where the StreamBuf passes its data (the zip entry); used to wait for it to drain. */
  pipes?: unknown[];
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

/** Passes XML to the sheet's stream, then waits while the zip side is behind. */
async function put(stream: XmlStream, xml: string): Promise<void> {
  void stream.write(xml);
  const next = stream.pipes?.[0] as
    | (NodeJS.EventEmitter & { writableNeedDrain?: boolean })
    | undefined;
  if (next?.writableNeedDrain) await once(next, 'drain');
  else if (!next) await new Promise((resolve) => setImmediate(resolve));
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
  let xml = '';
  for (const [row, cells] of allRows(source.rows(), rows.extraRows)) {
    xml += rows.row(row, cells);
    if (xml.length >= CHUNK_CHARS) {
      await put(ws.stream, xml);
      xml = '';
    }
  }
  if (xml !== '') await put(ws.stream, xml);
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
  return Buffer.concat(chunks);
}
