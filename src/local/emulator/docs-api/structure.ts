// The Docs API's view of an emulated document: body.content with Google's startIndex/endIndex.
import type {
  BlockNode,
  CellNode,
  DocModel,
  ParaNode,
  RowNode,
  TableNode,
  TextNode,
} from '../documents';

/*
 * Indexes count UTF-16 code units from the start of the body (REF: developers.google.com/docs/api
 * /concepts/structure, and documents fetched live as published in public guides):
 * - the body opens with a section break holding index 0 (its JSON has no startIndex), so the first
 *   paragraph starts at 1;
 * - a paragraph spans its text plus its closing newline; a page break or horizontal rule is one
 *   unit; a line break inside a paragraph (`\r` in DocumentApp) is `\u000b`, one unit;
 * - a table takes one unit at its start, each row one at its start, each cell one at its start, so
 *   the first cell's first paragraph is at table start + 3; a cell ends where its last paragraph
 *   ends, a row where its last cell ends, and the next row or cell starts there;
 * - the table ends one unit after its last row (U: the published examples show the next
 *   paragraph at the table's endIndex, not the size of the closing unit).
 * Elements are keyed by the model's nodes, so a request can be applied where it points.
 */

/** A JSON value as the API returns it. */
export type Json = Record<string, unknown>;

/** One paragraph's place, and which container holds it (the body, or a table cell). */
export interface IndexedParagraph {
  node: ParaNode;
  startIndex: number;
  endIndex: number;
  /** The body or the cell holding it: a range may not run from one to another (U). */
  container: CellNode | null;
}

/** One table's place. */
export interface IndexedTable {
  node: TableNode;
  startIndex: number;
  endIndex: number;
}

/** The document as the API sees it: the JSON body and where each element is. */
export interface IndexedDocument {
  content: Json[];
  paragraphs: IndexedParagraph[];
  tables: IndexedTable[];
  /** The body's end index (one past its last paragraph's newline). */
  endIndex: number;
}

const pt = (v: unknown): Json | undefined =>
  typeof v === 'number' ? { magnitude: v, unit: 'PT' } : undefined;

/** DocumentApp heading names → the API's named style types. */
const NAMED: Record<string, string> = {
  NORMAL: 'NORMAL_TEXT',
  TITLE: 'TITLE',
  SUBTITLE: 'SUBTITLE',
  HEADING1: 'HEADING_1',
  HEADING2: 'HEADING_2',
  HEADING3: 'HEADING_3',
  HEADING4: 'HEADING_4',
  HEADING5: 'HEADING_5',
  HEADING6: 'HEADING_6',
};

const ALIGNMENT: Record<string, string> = {
  LEFT: 'START',
  CENTER: 'CENTER',
  RIGHT: 'END',
  JUSTIFY: 'JUSTIFIED',
};

/** What the API reports of a paragraph's style (a subset: U for the fields not listed). */
function paragraphStyle(p: ParaNode): Json {
  const a = p.attrs;
  const out: Json = {
    namedStyleType: NAMED[String(a.HEADING ?? 'NORMAL')] ?? 'NORMAL_TEXT',
    direction: 'LEFT_TO_RIGHT',
  };
  const align = ALIGNMENT[String(a.HORIZONTAL_ALIGNMENT)];
  if (align) out.alignment = align;
  if (typeof a.LINE_SPACING === 'number') out.lineSpacing = a.LINE_SPACING * 100;
  for (const [key, field] of [
    ['SPACING_BEFORE', 'spaceAbove'],
    ['SPACING_AFTER', 'spaceBelow'],
    ['INDENT_START', 'indentStart'],
    ['INDENT_END', 'indentEnd'],
    ['INDENT_FIRST_LINE', 'indentFirstLine'],
  ] as const) {
    const v = pt(a[key]);
    if (v) out[field] = v;
  }
  if (a.KEEP_WITH_NEXT === true) out.keepWithNext = true;
  if (a.KEEP_LINES_TOGETHER === true) out.keepLinesTogether = true;
  return out;
}

function textStyle(style: Readonly<Record<string, unknown>>): Json {
  const out: Json = {};
  if (typeof style.BOLD === 'boolean') out.bold = style.BOLD;
  if (typeof style.ITALIC === 'boolean') out.italic = style.ITALIC;
  if (typeof style.UNDERLINE === 'boolean') out.underline = style.UNDERLINE;
  const size = pt(style.FONT_SIZE);
  if (size) out.fontSize = size;
  if (typeof style.FONT_FAMILY === 'string')
    out.weightedFontFamily = { fontFamily: style.FONT_FAMILY, weight: 400 };
  return out;
}

/** Walks a document in index order, building the JSON and the index tables. */
class Indexer {
  readonly paragraphs: IndexedParagraph[] = [];
  readonly tables: IndexedTable[] = [];
  at = 1;

  blocks(blocks: BlockNode[], container: CellNode | null): Json[] {
    return blocks.map((b) => (b.kind === 'TABLE' ? this.table(b) : this.paragraph(b, container)));
  }

  private paragraph(p: ParaNode, container: CellNode | null): Json {
    const startIndex = this.at;
    const elements: Json[] = [];
    for (const inline of p.inlines) {
      if (inline.kind === 'TEXT') elements.push(...this.runs(inline));
      else {
        const key = inline.kind === 'PAGE_BREAK' ? 'pageBreak' : 'horizontalRule';
        elements.push({ startIndex: this.at, endIndex: this.at + 1, [key]: {} });
        this.at += 1;
      }
    }
    // The closing newline joins the last text run, or is a run of its own.
    const last = elements[elements.length - 1];
    const run = last?.textRun as Json | undefined;
    if (run) {
      run.content = `${run.content}\n`;
      last.endIndex = this.at + 1;
    } else
      elements.push({
        startIndex: this.at,
        endIndex: this.at + 1,
        textRun: { content: '\n', textStyle: textStyle(p.textStyle) },
      });
    this.at += 1;
    this.paragraphs.push({ node: p, startIndex, endIndex: this.at, container });
    const paragraph: Json = { elements, paragraphStyle: paragraphStyle(p) };
    if (p.kind === 'LIST_ITEM')
      paragraph.bullet = {
        listId: String(p.attrs.LIST_ID ?? ''),
        nestingLevel: Number(p.attrs.NESTING_LEVEL ?? 0),
      };
    return { startIndex, endIndex: this.at, paragraph };
  }

  /** A text node as runs, a new one wherever the reported text style changes. */
  private runs(t: TextNode): Json[] {
    const out: Json[] = [];
    const styles = t.styles.map((s) => textStyle(s));
    const keys = styles.map((s) => JSON.stringify(s));
    let from = 0;
    for (let i = 1; i <= t.text.length; i++) {
      if (i < t.text.length && keys[i] === keys[from]) continue;
      const content = t.text.slice(from, i).replace(/\r/g, '\u000b');
      out.push({
        startIndex: this.at,
        endIndex: this.at + content.length,
        textRun: { content, textStyle: styles[from] },
      });
      this.at += content.length;
      from = i;
    }
    return out;
  }

  private table(t: TableNode): Json {
    const startIndex = this.at;
    this.at += 1;
    const tableRows = t.rows.map((r) => this.row(r));
    this.at += 1;
    this.tables.push({ node: t, startIndex, endIndex: this.at });
    const columns = Math.max(0, ...t.rows.map((r) => r.cells.length));
    return {
      startIndex,
      endIndex: this.at,
      table: { rows: t.rows.length, columns, tableRows },
    };
  }

  private row(r: RowNode): Json {
    const startIndex = this.at;
    this.at += 1;
    const tableCells = r.cells.map((c) => {
      const cellStart = this.at;
      this.at += 1;
      const content = this.blocks(c.blocks, c);
      return {
        startIndex: cellStart,
        endIndex: this.at,
        content,
        tableCellStyle: { rowSpan: 1, columnSpan: 1 },
      };
    });
    const tableRowStyle: Json = { minRowHeight: pt(r.attrs.MINIMUM_HEIGHT) ?? { unit: 'PT' } };
    if (r.attrs.TABLE_HEADER === true) tableRowStyle.tableHeader = true;
    return { startIndex, endIndex: this.at, tableCells, tableRowStyle };
  }
}

/** The body of `model` as the API returns it, with every paragraph's and table's indexes. */
export function indexDocument(model: DocModel): IndexedDocument {
  const ix = new Indexer();
  const sectionBreak: Json = {
    endIndex: 1,
    sectionBreak: {
      sectionStyle: {
        columnSeparatorStyle: 'NONE',
        contentDirection: 'LEFT_TO_RIGHT',
        sectionType: 'CONTINUOUS',
      },
    },
  };
  const content = [sectionBreak, ...ix.blocks(model.body.blocks, null)];
  return { content, paragraphs: ix.paragraphs, tables: ix.tables, endIndex: ix.at };
}
