// The printable form of a document model (numbered headings, list glyphs) for the PDF renderer.
import type { PrintBlock, PrintCell, PrintDocument, PrintParagraph, PrintRun } from '../pdf';
import type { Value } from './helpers';
import { type BlockNode, type DocModel, type ParaNode, textNodesOf } from './model';

// ---------------------------------------------------------------------------------------------
// Printing (the stand-in PDF).

/** Docs' default heading sizes and styles (U: from the Docs UI defaults). */
const HEADING_STYLE: Record<
  string,
  { size: number; bold?: boolean; italic?: boolean; before: number; after: number }
> = {
  NORMAL: { size: 11, before: 0, after: 0 },
  TITLE: { size: 26, before: 0, after: 3 },
  SUBTITLE: { size: 15, before: 0, after: 16 },
  HEADING1: { size: 20, before: 20, after: 6 },
  HEADING2: { size: 16, before: 18, after: 6 },
  HEADING3: { size: 14, before: 16, after: 4 },
  HEADING4: { size: 12, before: 14, after: 4 },
  HEADING5: { size: 11, before: 12, after: 4 },
  HEADING6: { size: 11, italic: true, before: 12, after: 4 },
};

export function num(v: Value | undefined, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

function roman(n: number): string {
  const table: [number, string][] = [
    [1000, 'm'],
    [900, 'cm'],
    [500, 'd'],
    [400, 'cd'],
    [100, 'c'],
    [90, 'xc'],
    [50, 'l'],
    [40, 'xl'],
    [10, 'x'],
    [9, 'ix'],
    [5, 'v'],
    [4, 'iv'],
    [1, 'i'],
  ];
  let out = '';
  for (const [v, s] of table)
    while (n >= v) {
      out += s;
      n -= v;
    }
  return out;
}

function glyphText(glyph: string, n: number): string {
  switch (glyph) {
    case 'NUMBER':
      return `${n}.`;
    case 'LATIN_UPPER':
      return `${String.fromCharCode(64 + (((n - 1) % 26) + 1))}.`;
    case 'LATIN_LOWER':
      return `${String.fromCharCode(96 + (((n - 1) % 26) + 1))}.`;
    case 'ROMAN_UPPER':
      return `${roman(n).toUpperCase()}.`;
    case 'ROMAN_LOWER':
      return `${roman(n)}.`;
    case 'HOLLOW_BULLET':
      return 'o';
    default:
      return '•';
  }
}

function printParagraph(p: ParaNode, counters: Map<string, number>): PrintParagraph {
  const heading = HEADING_STYLE[String(p.attrs.HEADING ?? 'NORMAL')] ?? HEADING_STYLE.NORMAL;
  const runs: PrintRun[] = [];
  for (const t of textNodesOf(p)) {
    for (let i = 0; i < t.text.length; i++) {
      const s = t.styles[i];
      const run: PrintRun = {
        text: t.text[i],
        bold: s.BOLD === true || (s.BOLD === undefined && heading.bold === true),
        italic: s.ITALIC === true || (s.ITALIC === undefined && heading.italic === true),
        underline: s.UNDERLINE === true || typeof s.LINK_URL === 'string',
        strikethrough: s.STRIKETHROUGH === true,
        size: num(s.FONT_SIZE, heading.size),
        color: typeof s.FOREGROUND_COLOR === 'string' ? s.FOREGROUND_COLOR : undefined,
      };
      const prev = runs[runs.length - 1];
      if (
        prev &&
        prev.bold === run.bold &&
        prev.italic === run.italic &&
        prev.underline === run.underline &&
        prev.strikethrough === run.strikethrough &&
        prev.size === run.size &&
        prev.color === run.color
      )
        prev.text += run.text;
      else runs.push(run);
    }
  }
  const list = p.kind === 'LIST_ITEM';
  const level = num(p.attrs.NESTING_LEVEL, 0);
  let glyph: string | undefined;
  if (list) {
    const key = `${p.attrs.LIST_ID ?? ''}/${level}`;
    const n = (counters.get(key) ?? 0) + 1;
    counters.set(key, n);
    glyph = glyphText(String(p.attrs.GLYPH_TYPE ?? 'BULLET'), n);
  }
  const align = String(p.attrs.HORIZONTAL_ALIGNMENT ?? 'LEFT') as PrintParagraph['align'];
  return {
    kind: 'paragraph',
    runs,
    align,
    indentStart: num(p.attrs.INDENT_START, list ? 36 * (level + 1) : 0),
    indentEnd: num(p.attrs.INDENT_END, 0),
    indentFirstLine: num(p.attrs.INDENT_FIRST_LINE, 0),
    spaceBefore: num(p.attrs.SPACING_BEFORE, heading.before),
    spaceAfter: num(p.attrs.SPACING_AFTER, heading.after),
    lineSpacing: num(p.attrs.LINE_SPACING, 1.15),
    glyph,
    rule: p.inlines.some((i) => i.kind === 'HORIZONTAL_RULE'),
    pageBreakAfter: p.inlines.some((i) => i.kind === 'PAGE_BREAK'),
  };
}

function printBlocks(blocks: BlockNode[], counters: Map<string, number>): PrintBlock[] {
  return blocks.map((b) => {
    if (b.kind !== 'TABLE') return printParagraph(b, counters);
    const columns = Math.max(0, ...b.rows.map((r) => r.cells.length));
    return {
      kind: 'table',
      borderWidth: num(b.attrs.BORDER_WIDTH, 1),
      borderColor: String(b.attrs.BORDER_COLOR ?? '#000000'),
      columnWidths: Array.from({ length: columns }, (_, c) => {
        const fromCells = b.rows
          .map((r) => r.cells[c]?.attrs.WIDTH)
          .find((w) => typeof w === 'number');
        return b.columnWidths[c] ?? (fromCells as number | undefined) ?? null;
      }),
      minHeights: b.rows.map((r) => num(r.attrs.MINIMUM_HEIGHT, 0)),
      // Rows the Docs API pinned (docs-api/): the leading run of them.
      headerRows: ((k) => (k < 0 ? b.rows.length : k))(
        b.rows.findIndex((r) => r.attrs.TABLE_HEADER !== true),
      ),
      rows: b.rows.map((r) =>
        r.cells.map(
          (c): PrintCell => ({
            blocks: printBlocks(c.blocks, counters),
            background:
              typeof c.attrs.BACKGROUND_COLOR === 'string' ? c.attrs.BACKGROUND_COLOR : undefined,
            verticalAlignment: String(
              c.attrs.VERTICAL_ALIGNMENT ?? 'TOP',
            ) as PrintCell['verticalAlignment'],
            // Docs' default cell padding is 0.069 in, about 5 pt (U).
            padding: {
              top: num(c.attrs.PADDING_TOP, 5),
              bottom: num(c.attrs.PADDING_BOTTOM, 5),
              left: num(c.attrs.PADDING_LEFT, 5),
              right: num(c.attrs.PADDING_RIGHT, 5),
            },
          }),
        ),
      ),
    };
  });
}

export function printDocument(model: DocModel, title: string): PrintDocument {
  const page = model.body.attrs;
  const counters = new Map<string, number>();
  return {
    title,
    pageWidth: num(page.PAGE_WIDTH, 612),
    pageHeight: num(page.PAGE_HEIGHT, 792),
    marginTop: num(page.MARGIN_TOP, 72),
    marginBottom: num(page.MARGIN_BOTTOM, 72),
    marginLeft: num(page.MARGIN_LEFT, 72),
    marginRight: num(page.MARGIN_RIGHT, 72),
    header: model.header ? printBlocks(model.header.blocks, new Map()) : [],
    footer: model.footer ? printBlocks(model.footer.blocks, new Map()) : [],
    body: printBlocks(model.body.blocks, counters),
  };
}
