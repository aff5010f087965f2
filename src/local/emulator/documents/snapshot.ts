// Read-only snapshots of documents (for the .docx exporter and tests).
import { convertedName } from '../drive';
import type { EmuDocument } from './document';
import { type BlockNode, styleKey, type TextNode, textNodesOf, textOf, textOnly } from './model';
import { num } from './print';

// ---------------------------------------------------------------------------------------------
// Snapshot.

/** Attribute name → value; enum values by name. Only what was set. */
export type AttributesSnapshot = Record<string, string | number | boolean>;

/** A stretch of text with one set of text attributes. */
export interface RunSnapshot {
  text: string;
  attributes: AttributesSnapshot;
}

/** What a paragraph holds, in order. */
export type InlineSnapshot =
  | { type: 'TEXT'; text: string; runs: RunSnapshot[] }
  | { type: 'PAGE_BREAK' }
  | { type: 'HORIZONTAL_RULE' };

/** A paragraph or list item. */
export interface ParagraphSnapshot {
  type: 'PARAGRAPH' | 'LIST_ITEM';
  text: string;
  /**
   * Paragraph attributes set on it (HEADING, HORIZONTAL_ALIGNMENT, INDENT_*, SPACING_*, LINE_SPACING;
   * list keys), and KEEP_WITH_NEXT / KEEP_LINES_TOGETHER when the Docs API set them (docs-api/).
   */
  attributes: AttributesSnapshot;
  /** The text style the paragraph gives new text (set through setAttributes or a whole-text setter). */
  textStyle: AttributesSnapshot;
  /** All its text as runs, merged across Text elements. */
  runs: RunSnapshot[];
  children: InlineSnapshot[];
}

/** A table cell. */
export interface TableCellSnapshot {
  text: string;
  attributes: AttributesSnapshot;
  children: BlockSnapshot[];
}

/** A table row. */
export interface TableRowSnapshot {
  /** MINIMUM_HEIGHT; TABLE_HEADER when the Docs API pinned it as a header row (docs-api/). */
  attributes: AttributesSnapshot;
  cells: TableCellSnapshot[];
}

/** A table. */
export interface TableSnapshot {
  type: 'TABLE';
  attributes: AttributesSnapshot;
  /** Per column: points set with setColumnWidth, or null. */
  columnWidths: (number | null)[];
  rows: TableRowSnapshot[];
}

/** A block of a section or cell. */
export type BlockSnapshot = ParagraphSnapshot | TableSnapshot;

/** A whole document, for the .docx exporter and tests. */
export interface DocumentSnapshot {
  id: string;
  name: string;
  /** Which state: the one being edited, or the last saved. */
  state: 'current' | 'saved';
  /** Points. */
  page: {
    width: number;
    height: number;
    marginTop: number;
    marginBottom: number;
    marginLeft: number;
    marginRight: number;
  };
  body: BlockSnapshot[];
  header: BlockSnapshot[] | null;
  footer: BlockSnapshot[] | null;
}

function runsOf(nodes: TextNode[]): RunSnapshot[] {
  const runs: RunSnapshot[] = [];
  let key = '';
  let last: unknown = null;
  for (const n of nodes) {
    for (let i = 0; i < n.text.length; i++) {
      // Styles are frozen and shared: the same object means the same run, without serialising it.
      if (n.styles[i] === last && runs.length > 0) {
        runs[runs.length - 1].text += n.text[i];
        continue;
      }
      last = n.styles[i];
      const k = styleKey(n.styles[i]);
      if (runs.length > 0 && k === key) runs[runs.length - 1].text += n.text[i];
      else {
        runs.push({ text: n.text[i], attributes: { ...textOnly(n.styles[i]) } });
        key = k;
      }
    }
  }
  return runs;
}

function snapBlock(b: BlockNode): BlockSnapshot {
  if (b.kind === 'TABLE') {
    const columns = Math.max(0, ...b.rows.map((r) => r.cells.length));
    return {
      type: 'TABLE',
      attributes: { ...b.attrs },
      columnWidths: Array.from({ length: columns }, (_, c) => b.columnWidths[c] ?? null),
      rows: b.rows.map((r) => ({
        attributes: { ...r.attrs },
        cells: r.cells.map((c) => ({
          text: textOf(c),
          attributes: { ...c.attrs },
          children: c.blocks.map(snapBlock),
        })),
      })),
    };
  }
  return {
    type: b.kind,
    text: textOf(b),
    attributes: { ...b.attrs },
    textStyle: { ...b.textStyle },
    runs: runsOf(textNodesOf(b)),
    children: b.inlines.map((i) =>
      i.kind === 'TEXT' ? { type: 'TEXT', text: i.text, runs: runsOf([i]) } : { type: i.kind },
    ),
  };
}

/** Non-Apps-Script: a document's full tree as plain data (current edits, or `{saved: true}`). Counts no calls. */
export function snapshotDocument(
  doc: EmuDocument,
  options: { saved?: boolean } = {},
): DocumentSnapshot {
  const model = options.saved ? doc._store.saved : doc._store.model;
  const page = model.body.attrs;
  return {
    id: doc._id,
    name: doc._app._drive._item(doc._id)?.name ?? '',
    state: options.saved ? 'saved' : 'current',
    page: {
      width: num(page.PAGE_WIDTH, 612),
      height: num(page.PAGE_HEIGHT, 792),
      marginTop: num(page.MARGIN_TOP, 72),
      marginBottom: num(page.MARGIN_BOTTOM, 72),
      marginLeft: num(page.MARGIN_LEFT, 72),
      marginRight: num(page.MARGIN_RIGHT, 72),
    },
    body: model.body.blocks.map(snapBlock),
    header: model.header ? model.header.blocks.map(snapBlock) : null,
    footer: model.footer ? model.footer.blocks.map(snapBlock) : null,
  };
}

/** The file name a PDF export of `doc` gets (the Drive rule, exported for exporters). */
export function pdfNameOf(name: string): string {
  return convertedName(name, 'pdf');
}
