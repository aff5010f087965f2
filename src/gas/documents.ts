// Renders a document model (báo cáo, biên bản) into a Google Doc in the Nghị định 30/2020 format, in few calls, and paginates it through the Docs API.
/// <reference types="google-apps-script" />

import type { Block, DocModel } from '../core/report';
import { withRetry } from './retry';

type Body = GoogleAppsScript.Document.Body;
type Attrs = Record<string, unknown>;

// A4 portrait in points, margins top/bottom 20 mm, left 30 mm, right 15 mm (Phụ lục I).
const MM = 72 / 25.4;
export const PAGE = {
  width: 595.28,
  height: 841.89,
  top: 20 * MM,
  bottom: 20 * MM,
  left: 30 * MM,
  right: 15 * MM,
};
/** The width between the margins: every table's columns add up to it, so none runs into a margin. */
export const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;
const FONT = 'Times New Roman';
// First-line indent 1.27 cm; at least 6 pt between paragraphs; line spacing 1.15.
const INDENT = 1.27 * 10 * MM;

function attrs(a: Partial<Record<string, unknown>>): Attrs {
  const A = DocumentApp.Attribute;
  const out: Attrs = { [A.FONT_FAMILY]: FONT, [A.FOREGROUND_COLOR]: '#000000' };
  for (const [k, v] of Object.entries(a)) out[A[k as keyof typeof A] as unknown as string] = v;
  return out;
}

const STYLE = () => {
  const H = DocumentApp.HorizontalAlignment;
  return {
    body: attrs({
      FONT_SIZE: 14,
      BOLD: false,
      ITALIC: false,
      HORIZONTAL_ALIGNMENT: H.JUSTIFY,
      INDENT_FIRST_LINE: INDENT,
      SPACING_AFTER: 6,
      LINE_SPACING: 1.15,
    }),
    item: attrs({
      FONT_SIZE: 14,
      BOLD: false,
      ITALIC: false,
      HORIZONTAL_ALIGNMENT: H.JUSTIFY,
      INDENT_FIRST_LINE: INDENT,
      SPACING_AFTER: 3,
      LINE_SPACING: 1.15,
    }),
    heading: attrs({
      FONT_SIZE: 14,
      BOLD: true,
      ITALIC: false,
      HORIZONTAL_ALIGNMENT: H.JUSTIFY,
      INDENT_FIRST_LINE: INDENT,
      SPACING_BEFORE: 6,
      SPACING_AFTER: 6,
    }),
    title: attrs({
      FONT_SIZE: 14,
      BOLD: true,
      ITALIC: false,
      HORIZONTAL_ALIGNMENT: H.CENTER,
      INDENT_FIRST_LINE: 0,
      SPACING_AFTER: 0,
    }),
    flushLeft: { [DocumentApp.Attribute.HORIZONTAL_ALIGNMENT]: H.LEFT } as Attrs,
    centre: (size: number, bold: boolean, italic = false) =>
      attrs({
        FONT_SIZE: size,
        BOLD: bold,
        ITALIC: italic,
        HORIZONTAL_ALIGNMENT: H.CENTER,
        INDENT_FIRST_LINE: 0,
        SPACING_AFTER: 0,
      }),
    left: (size: number, bold: boolean, italic = false) =>
      attrs({
        FONT_SIZE: size,
        BOLD: bold,
        ITALIC: italic,
        HORIZONTAL_ALIGNMENT: H.LEFT,
        INDENT_FIRST_LINE: 0,
        SPACING_AFTER: 0,
      }),
  };
};

/** Fills a cell with lines, each with its own attributes (a new cell already holds one empty paragraph). */
function fillCell(cell: GoogleAppsScript.Document.TableCell, lines: [string, Attrs][]): void {
  lines.forEach(([text, a], k) => {
    let p: GoogleAppsScript.Document.Paragraph;
    if (k === 0) {
      p = cell.getChild(0).asParagraph();
      p.setText(text);
    } else p = cell.appendParagraph(text);
    p.setAttributes(a);
  });
}

// A header word at 12 pt bold is at most about 8 pt a letter; a cell pads 5 pt on each side.
const LETTER = 8;
const PADDING = 10;

/**
 * Column widths that fill the text width exactly, in the proportions asked (equal shares where the
 * model gives none or too few): a model written for another page never overruns the margins. A
 * column is never narrower than the longest word of its header (`STT` is not cut into `ST`/`T`);
 * what that takes comes from the columns with room to spare.
 */
export function fitWidths(
  asked: readonly number[],
  columns: number,
  headers: readonly string[] = [],
): number[] {
  const shares = Array.from({ length: columns }, (_, i) => {
    const w = asked[i];
    return typeof w === 'number' && Number.isFinite(w) && w > 0 ? w : 0;
  });
  const known = shares.filter((w) => w > 0);
  const fill = known.length > 0 ? known.reduce((a, w) => a + w, 0) / known.length : 1;
  const filled = shares.map((w) => (w > 0 ? w : fill));
  const total = filled.reduce((a, w) => a + w, 0);
  let widths = filled.map((w) => (w * TEXT_WIDTH) / total);
  const floors = widths.map((_, i) =>
    Math.min(
      PADDING +
        LETTER *
          Math.max(
            0,
            ...String(headers[i] ?? '')
              .split(/\s+/)
              .map((w) => w.length),
          ),
      TEXT_WIDTH / columns,
    ),
  );
  const deficit = widths.reduce((a, w, i) => a + Math.max(0, floors[i] - w), 0);
  if (deficit > 0) {
    const spare = widths.reduce((a, w, i) => a + Math.max(0, w - floors[i]), 0);
    widths = widths.map((w, i) =>
      w <= floors[i] ? floors[i] : w - ((w - floors[i]) / spare) * deficit,
    );
  }
  widths = widths.map((w) => Math.floor(w * 10) / 10);
  // Rounding down leaves a sliver: the last column takes it, so the sum is the text width.
  widths[columns - 1] =
    Math.round((TEXT_WIDTH - widths.slice(0, -1).reduce((a, w) => a + w, 0)) * 10) / 10;
  return widths;
}

const RULE = '\u2500';
// About as many capitals as fit on one line of the issuing body's column at 13 pt bold.
const BODY_LINE = 22;

/**
 * An issuing body's (or its parent's) name in capitals on one line, or on two split at the space nearest the middle
 * (`ỦY BAN NHÂN DÂN` / `HUYỆN MỸ ĐỨC`) when it would wrap anyway: balanced, as such names are set.
 */
export function balancedLines(name: string, max = BODY_LINE): string[] {
  const text = name.trim().replace(/\s+/g, ' ');
  if (text.length <= max) return [text];
  let best = -1;
  for (let i = text.indexOf(' '); i >= 0; i = text.indexOf(' ', i + 1))
    if (best < 0 || Math.abs(i - text.length / 2) < Math.abs(best - text.length / 2)) best = i;
  return best < 0 ? [text] : [text.slice(0, best), text.slice(best + 1)];
}

/** A borderless two-column layout table (header block, signatures); `share` is the left column's part of the text width. */
function layoutTable(body: Body, left: [string, Attrs][], right: [string, Attrs][], share: number) {
  const table = body.appendTable([['', '']]);
  table.setBorderWidth(0);
  const row = table.getRow(0);
  fillCell(row.getCell(0), left);
  fillCell(row.getCell(1), right);
  const [a, b] = fitWidths([share, 1 - share], 2);
  row.getCell(0).setWidth(a);
  row.getCell(1).setWidth(b);
  return table;
}

function block(body: Body, b: Block, s: ReturnType<typeof STYLE>): void {
  if (b.kind === 'table') {
    // Written whole, styled per table and header row: calls do not grow with the rows.
    const table = body.appendTable([b.headers, ...b.rows]);
    table.setBorderWidth(1).setBorderColor('#000000');
    table.setAttributes(attrs({ FONT_SIZE: 12 }));
    table.getRow(0).setAttributes(attrs({ BOLD: true, FONT_SIZE: 12 }));
    fitWidths(b.widths, b.headers.length, b.headers).forEach((w, i) => {
      table.setColumnWidth(i, w);
    });
    return;
  }
  const style = b.kind === 'paragraph' ? s.body : b.kind === 'item' ? s.item : s.heading;
  // A justified line that ends in a line break is stretched across the page: such a paragraph
  // is set flush left instead (its wrapped lines stay ragged, which reads as a list does).
  const broken = /[\r\n]/.test(b.text);
  body.appendParagraph(b.text).setAttributes(broken ? { ...style, ...s.flushLeft } : style);
}

/** Writes the model into an empty document body. */
export function renderInto(body: Body, m: DocModel): void {
  const s = STYLE();
  body
    .setPageWidth(PAGE.width)
    .setPageHeight(PAGE.height)
    .setMarginTop(PAGE.top)
    .setMarginBottom(PAGE.bottom)
    .setMarginLeft(PAGE.left)
    .setMarginRight(PAGE.right);
  const first = body.getChild(0);

  // Header block: issuing body | national name and motto; number | place and date. The right
  // column holds the national name on one line at 12 pt (about 231 pt in Times; 13 pt, 250 pt,
  // is too close to the column's 270 pt for every renderer to agree).
  const left: [string, Attrs][] = [];
  if (m.header.parent)
    for (const line of balancedLines(m.header.parent.toUpperCase()))
      left.push([line, s.centre(13, false)]);
  for (const line of balancedLines(m.header.body.toUpperCase()))
    left.push([line, s.centre(13, true)]);
  // Rules under the issuing body (a third of its length) and under the motto (its length):
  // box-drawing lines, 7.08 pt each at 10 pt in Times New Roman.
  left.push([RULE.repeat(9), s.centre(10, false)]);
  left.push([m.header.number, s.centre(13, false)]);
  layoutTable(
    body,
    left,
    [
      [m.header.nation, s.centre(12, true)],
      [m.header.motto, s.centre(14, true)],
      [RULE.repeat(23), s.centre(10, false)],
      [m.header.dateLine, s.centre(14, false, true)],
    ],
    0.4,
  );

  body.appendParagraph('').setAttributes(s.centre(10, false));
  body.appendParagraph(m.title).setAttributes(s.title);
  for (const line of m.subtitle) body.appendParagraph(line).setAttributes(s.title);
  body.appendParagraph('').setAttributes(s.centre(10, false));
  for (const b of m.blocks) block(body, b, s);

  body.appendParagraph('').setAttributes(s.centre(10, false));
  if (m.signatures.length === 1) {
    const sig = m.signatures[0];
    const recipients: [string, Attrs][] = [['Nơi nhận:', s.left(12, true, true)]];
    for (const r of m.recipients) recipients.push([r, s.left(11, false)]);
    layoutTable(body, recipients, [...signatureLines(sig, s)], 0.5);
  } else {
    const [a, b] = m.signatures;
    // Both names on the same line: the column with fewer title lines gets blank ones.
    const lines = Math.max(headingLines(a).length, headingLines(b).length);
    layoutTable(body, signatureLines(a, s, lines), signatureLines(b, s, lines), 0.5);
  }
  // A document cannot start with the empty paragraph a new body holds: drop it.
  body.removeChild(first);
}

// About as many capitals as fit on one line of a signature column (half the text) at 13 pt bold.
const SIGN_LINE = 24;

/** A signature's title lines: each heading on one line, or two balanced ones when it would wrap. */
function headingLines(sig: DocModel['signatures'][number]): string[] {
  const lines = sig.heading.flatMap((h) => balancedLines(h, SIGN_LINE));
  if (sig.title) lines.push(sig.title);
  return lines;
}

function signatureLines(
  sig: DocModel['signatures'][number],
  s: ReturnType<typeof STYLE>,
  titleLines = 0,
): [string, Attrs][] {
  const titles = headingLines(sig);
  const lines: [string, Attrs][] = titles.map((h) => [h, s.centre(13, true)] as [string, Attrs]);
  for (let i = titles.length; i < titleLines; i++) lines.push(['', s.centre(13, false)]);
  lines.push(['', s.centre(13, false)], ['', s.centre(13, false)], ['', s.centre(13, false)]);
  lines.push([sig.name, s.centre(13, true)]);
  return lines;
}

/** Creates a Google Doc from the model, or rewrites an existing one in place (same id and link). */
export function writeDoc(m: DocModel, existingId?: string): GoogleAppsScript.Document.Document {
  let doc: GoogleAppsScript.Document.Document | null = null;
  if (existingId) {
    try {
      doc = DocumentApp.openById(existingId);
      doc.setName(m.name);
      doc.getBody().clear();
    } catch {
      doc = null;
    }
  }
  if (!doc) doc = DocumentApp.create(m.name);
  renderInto(doc.getBody(), m);
  doc.saveAndClose();
  return doc;
}

// ---------------------------------------------------------------------------------------------
// Pagination through the Docs API (the advanced service `Docs`): what DocumentApp cannot set.

/** The parts of the Docs API's structural elements read here (Google Docs API v1, documents.get). */
interface DocsElement {
  startIndex?: number;
  endIndex?: number;
  paragraph?: { elements?: { textRun?: { content?: string } }[] };
  table?: { rows?: number; tableRows?: { tableCells?: { content?: DocsElement[] }[] }[] };
}

/** The requests sent (the @types of the advanced service predate pinTableHeaderRows). */
type LayoutRequest =
  | { pinTableHeaderRows: { tableStartLocation: { index: number }; pinnedHeaderRowsCount: number } }
  | {
      updateParagraphStyle: {
        range: { startIndex: number; endIndex: number };
        paragraphStyle: { keepWithNext: boolean; keepLinesTogether: boolean };
        fields: string;
      };
    };

const paragraphText = (e: DocsElement): string =>
  (e.paragraph?.elements ?? []).map((x) => x.textRun?.content ?? '').join('');

/** Keep-with-next and keep-lines-together on the paragraphs overlapping `from…to`. */
const keep = (from: number, to: number): LayoutRequest => ({
  updateParagraphStyle: {
    range: { startIndex: from, endIndex: to },
    paragraphStyle: { keepWithNext: true, keepLinesTogether: true },
    fields: 'keepWithNext,keepLinesTogether',
  },
});

/**
 * The layout requests for a document written by `renderInto` from `m`, read back as the Docs API's
 * `body.content`: every ruled table of the model repeats its header row on each page; the
 * paragraph before each table after the header block (a caption, or the closing line and the
 * spacing before the signatures) stays with it; in each column of the signature table every line
 * stays with the next, so the titles (`TM. …`, `TRƯỞNG ĐOÀN`), the signing space and the name
 * are never parted. Throws when the document is not what `renderInto` writes.
 */
export function layoutRequests(content: DocsElement[], m: DocModel): LayoutRequest[] {
  const tables = content.filter((e) => e.table);
  const ruled = m.blocks.filter((b) => b.kind === 'table').length;
  if (tables.length !== ruled + 2) throw new Error(`có ${tables.length} bảng, cần ${ruled + 2}`);
  const out: LayoutRequest[] = [];
  for (const t of tables.slice(1, -1))
    if ((t.table?.tableRows?.length ?? 0) > 1)
      out.push({
        pinTableHeaderRows: {
          tableStartLocation: { index: t.startIndex as number },
          pinnedHeaderRowsCount: 1,
        },
      });
  for (const t of tables.slice(1)) {
    // Back from the table over empty paragraphs to the first one with text (or another table).
    let k = content.indexOf(t) - 1;
    while (k > 0 && content[k].paragraph && paragraphText(content[k]).trim() === '') k--;
    if (!content[k]?.paragraph) k++;
    const from = content[k]?.startIndex;
    if (content[k]?.paragraph && typeof from === 'number' && from < (t.startIndex as number))
      out.push(keep(from, t.startIndex as number));
  }
  const signatures = tables[tables.length - 1].table?.tableRows ?? [];
  for (const row of signatures)
    for (const cell of row.tableCells ?? []) {
      const lines = (cell.content ?? []).filter((e) => e.paragraph);
      const first = lines[0]?.startIndex;
      const last = lines[lines.length - 1]?.startIndex;
      // Up to the last line's start: every line but the name keeps with the next one.
      if (lines.length > 1 && typeof first === 'number' && typeof last === 'number')
        out.push(keep(first, last));
    }
  return out;
}

/**
 * Asks Google Docs, through the advanced Docs service, to repeat table header rows and keep the
 * signature block together (what DocumentApp cannot ask): one read of the document's structure and
 * one batchUpdate, each retried on a passing failure. The document must be saved first: the Docs
 * API sees only what DocumentApp has saved. Returns null when done, or the Vietnamese line to log:
 * the layout is a nicety, the document is delivered either way.
 */
export function layoutDoc(docId: string, m: DocModel): string | null {
  const fail = (why: string) =>
    `Không đặt được lặp dòng tiêu đề bảng và giữ khối chữ ký trên một trang cho văn bản "${m.name}" (${why}); nội dung văn bản vẫn đầy đủ, có thể đặt tay trong Google Docs.`;
  if (typeof Docs === 'undefined' || !Docs?.Documents)
    return fail('dịch vụ nâng cao Google Docs API chưa được bật trong appsscript.json');
  const api = Docs.Documents;
  try {
    const doc = withRetry(() => api.get(docId));
    const requests = layoutRequests((doc.body?.content ?? []) as DocsElement[], m);
    if (requests.length > 0)
      withRetry(() =>
        api.batchUpdate(
          { requests } as unknown as GoogleAppsScript.Docs.Schema.BatchUpdateDocumentRequest,
          docId,
        ),
      );
    return null;
  } catch (e) {
    return fail(e instanceof Error ? e.message : String(e));
  }
}
