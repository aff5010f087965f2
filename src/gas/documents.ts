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

/** How a paragraph looks, in plain terms: turned into DocumentApp attributes or Docs API styles. */
interface Look {
  size: number;
  bold: boolean;
  italic: boolean;
  align: 'LEFT' | 'CENTER' | 'JUSTIFY';
  indent: number;
  /** Points before and after; line spacing as a multiple. Left unset, the document's default. */
  before?: number;
  after: number;
  lineSpacing?: number;
}

/** A look as the attributes DocumentApp's `setAttributes` takes (Times New Roman, black). */
function attrsOf(l: Look): Attrs {
  const A = DocumentApp.Attribute;
  const out: Attrs = {
    [A.FONT_FAMILY as unknown as string]: FONT,
    [A.FOREGROUND_COLOR as unknown as string]: '#000000',
    [A.FONT_SIZE as unknown as string]: l.size,
    [A.BOLD as unknown as string]: l.bold,
    [A.ITALIC as unknown as string]: l.italic,
    [A.HORIZONTAL_ALIGNMENT as unknown as string]: DocumentApp.HorizontalAlignment[l.align],
    [A.INDENT_FIRST_LINE as unknown as string]: l.indent,
    [A.SPACING_AFTER as unknown as string]: l.after,
  };
  if (l.before !== undefined) out[A.SPACING_BEFORE as unknown as string] = l.before;
  if (l.lineSpacing !== undefined) out[A.LINE_SPACING as unknown as string] = l.lineSpacing;
  return out;
}

const LOOK = {
  body: {
    size: 14,
    bold: false,
    italic: false,
    align: 'JUSTIFY',
    indent: INDENT,
    after: 6,
    lineSpacing: 1.15,
  } as Look,
  item: {
    size: 14,
    bold: false,
    italic: false,
    align: 'JUSTIFY',
    indent: INDENT,
    after: 3,
    lineSpacing: 1.15,
  } as Look,
  heading: {
    size: 14,
    bold: true,
    italic: false,
    align: 'JUSTIFY',
    indent: INDENT,
    before: 6,
    after: 6,
  } as Look,
  title: { size: 14, bold: true, italic: false, align: 'CENTER', indent: 0, after: 0 } as Look,
  centre: (size: number, bold: boolean, italic = false): Look => ({
    size,
    bold,
    italic,
    align: 'CENTER',
    indent: 0,
    after: 0,
  }),
  left: (size: number, bold: boolean, italic = false): Look => ({
    size,
    bold,
    italic,
    align: 'LEFT',
    indent: 0,
    after: 0,
  }),
};

/**
 * A block's text as a document holds it: line ends as one `\n` each, and without the characters
 * the Docs API drops when it inserts text (control characters, the private-use area), so a
 * document reads the same however it was written.
 */
function docText(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the characters Google strips from inserted text.
  return text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\ue000-\uf8ff]/g, '');
}

/** One paragraph to write: its text (`\n` for a line break inside it) and its look. */
interface Line {
  text: string;
  look: Look;
}

const line = (text: string, look: Look): Line => ({ text: docText(text), look });

/** A text block as a line: a justified line that ends in a line break is stretched across the page,
 * so such a paragraph is set flush left (its wrapped lines stay ragged, which reads as a list does). */
function blockLine(b: Exclude<Block, { kind: 'table' }>): Line {
  const look = b.kind === 'paragraph' ? LOOK.body : b.kind === 'item' ? LOOK.item : LOOK.heading;
  const text = docText(b.text);
  return { text, look: text.includes('\n') ? { ...look, align: 'LEFT' } : look };
}

/** Writes lines into a cell (a new cell already holds one empty paragraph), two calls a line. */
function fillCell(cell: GoogleAppsScript.Document.TableCell, lines: Line[]): void {
  lines.forEach((l, k) => {
    let p: GoogleAppsScript.Document.Paragraph;
    if (k === 0) {
      p = cell.getChild(0).asParagraph();
      p.setText(l.text);
    } else p = cell.appendParagraph(l.text);
    p.setAttributes(attrsOf(l.look));
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

/** A run of lines written through the Docs API in place of its token paragraph. */
export interface TextRun {
  /** The text of the one paragraph standing in for the run until the Docs API writes it. */
  token: string;
  lines: Line[];
  /** Lines `from…to` (by index, `to` excluded) keep with the next paragraph and their own lines together. */
  keep: [number, number];
}

/** Where the lines go: the body or a cell; with tokens, one token paragraph a run. */
interface Writer {
  tokens: boolean;
  runs: TextRun[];
  nonce: string;
}

/** A new run for `lines`, its token returned (written by the caller where the lines belong). */
function tokenFor(w: Writer, lines: Line[], keep: [number, number] = [0, 0]): string {
  const token = `[KTCV ${w.nonce} ${w.runs.length + 1}]`;
  w.runs.push({ token, lines, keep });
  return token;
}

/**
 * Body lines: each appended and styled, or one token paragraph for all of them. A table always
 * follows them, so from the last line with text on they keep with it (as `layoutRequests` asks).
 */
function bodyLines(body: Body, lines: Line[], w: Writer): void {
  if (lines.length === 0) return;
  let last = lines.length - 1;
  while (last > 0 && lines[last].text.trim() === '') last--;
  if (w.tokens) body.appendParagraph(tokenFor(w, lines, [last, lines.length]));
  else for (const l of lines) body.appendParagraph(l.text).setAttributes(attrsOf(l.look));
}

/**
 * A borderless two-column layout table (header block, signatures); `share` is the left column's
 * part of the text width. In a signature column every line but the name keeps with the next.
 */
function layoutTable(
  body: Body,
  left: Line[],
  right: Line[],
  share: number,
  w: Writer,
  signatures = false,
): void {
  const keep = (lines: Line[]): [number, number] => (signatures ? [0, lines.length - 1] : [0, 0]);
  const cells = w.tokens
    ? [tokenFor(w, left, keep(left)), tokenFor(w, right, keep(right))]
    : ['', ''];
  const table = body.appendTable([cells]);
  table.setBorderWidth(0);
  const row = table.getRow(0);
  if (!w.tokens) {
    fillCell(row.getCell(0), left);
    fillCell(row.getCell(1), right);
  }
  const [a, b] = fitWidths([share, 1 - share], 2);
  row.getCell(0).setWidth(a);
  row.getCell(1).setWidth(b);
}

function table(body: Body, b: Extract<Block, { kind: 'table' }>): void {
  // Written whole, styled per table and header row: calls do not grow with the rows.
  const t = body.appendTable([b.headers, ...b.rows]);
  t.setBorderWidth(1).setBorderColor('#000000');
  // Text attributes only: cells keep their own paragraph settings.
  const A = DocumentApp.Attribute;
  const text: Attrs = {
    [A.FONT_FAMILY as unknown as string]: FONT,
    [A.FOREGROUND_COLOR as unknown as string]: '#000000',
    [A.FONT_SIZE as unknown as string]: 12,
  };
  t.setAttributes(text);
  t.getRow(0).setAttributes({ ...text, [A.BOLD as unknown as string]: true });
  fitWidths(b.widths, b.headers.length, b.headers).forEach((w, i) => {
    t.setColumnWidth(i, w);
  });
}

/** A run of body paragraphs for `texts`, standing for `token` (the environment check's probe). */
export function bodyRun(token: string, texts: string[]): TextRun {
  return { token, lines: texts.map((t) => line(t, LOOK.body)), keep: [0, 0] };
}

/**
 * Writes the model into an empty document body. With `viaApi`, the lines between tables and those
 * of each layout cell are written as one token paragraph a run and returned, for `writeRuns` to
 * replace with the text through the Docs API in one request (two DocumentApp calls a line would
 * make a 200-unit report take minutes); without it every line is written here.
 */
export function renderInto(body: Body, m: DocModel, viaApi = false): TextRun[] {
  // Unguessable, so no text from a response can pass for a token.
  const w: Writer = { tokens: viaApi, runs: [], nonce: Math.random().toString(36).slice(2, 12) };
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
  const left: Line[] = [];
  if (m.header.parent)
    for (const text of balancedLines(m.header.parent.toUpperCase()))
      left.push(line(text, LOOK.centre(13, false)));
  for (const text of balancedLines(m.header.body.toUpperCase()))
    left.push(line(text, LOOK.centre(13, true)));
  // Rules under the issuing body (a third of its length) and under the motto (its length):
  // box-drawing lines, 7.08 pt each at 10 pt in Times New Roman.
  left.push(line(RULE.repeat(9), LOOK.centre(10, false)));
  left.push(line(m.header.number, LOOK.centre(13, false)));
  const right = [
    line(m.header.nation, LOOK.centre(12, true)),
    line(m.header.motto, LOOK.centre(14, true)),
    line(RULE.repeat(23), LOOK.centre(10, false)),
    line(m.header.dateLine, LOOK.centre(14, false, true)),
  ];
  layoutTable(body, left, right, 0.4, w);

  const spacer = () => line('', LOOK.centre(10, false));
  let lines: Line[] = [spacer(), line(m.title, LOOK.title)];
  for (const text of m.subtitle) lines.push(line(text, LOOK.title));
  lines.push(spacer());
  for (const b of m.blocks) {
    if (b.kind !== 'table') {
      lines.push(blockLine(b));
      continue;
    }
    bodyLines(body, lines, w);
    lines = [];
    table(body, b);
  }
  lines.push(spacer());
  bodyLines(body, lines, w);

  if (m.signatures.length === 1) {
    const sig = m.signatures[0];
    const recipients = [line('Nơi nhận:', LOOK.left(12, true, true))];
    for (const r of m.recipients) recipients.push(line(r, LOOK.left(11, false)));
    layoutTable(body, recipients, signatureLines(sig), 0.5, w, true);
  } else {
    const [a, b] = m.signatures;
    // Both names on the same line: the column with fewer title lines gets blank ones.
    const n = Math.max(headingLines(a).length, headingLines(b).length);
    layoutTable(body, signatureLines(a, n), signatureLines(b, n), 0.5, w, true);
  }
  // A document cannot start with the empty paragraph a new body holds: drop it.
  body.removeChild(first);
  return w.runs;
}

// About as many capitals as fit on one line of a signature column (half the text) at 13 pt bold.
const SIGN_LINE = 24;

/** A signature's title lines: each heading on one line, or two balanced ones when it would wrap. */
function headingLines(sig: DocModel['signatures'][number]): string[] {
  const lines = sig.heading.flatMap((h) => balancedLines(h, SIGN_LINE));
  if (sig.title) lines.push(sig.title);
  return lines;
}

function signatureLines(sig: DocModel['signatures'][number], titleLines = 0): Line[] {
  const titles = headingLines(sig);
  const blank = () => line('', LOOK.centre(13, false));
  const lines = titles.map((h) => line(h, LOOK.centre(13, true)));
  for (let i = titles.length; i < titleLines; i++) lines.push(blank());
  lines.push(blank(), blank(), blank());
  lines.push(line(sig.name, LOOK.centre(13, true)));
  return lines;
}

/**
 * Writes the model into `doc`, whose body is empty, saves it, and lays it out through the Docs API
 * (`writeRuns`, one read and one batchUpdate for the text and the layout). Where the Docs API cannot write the text, the body is written again
 * through DocumentApp: slower, as complete. Returns the lines for the log (empty when all went well).
 */
export function fillDoc(doc: GoogleAppsScript.Document.Document, m: DocModel): string[] {
  const id = doc.getId();
  const api = typeof Docs !== 'undefined' && Boolean(Docs?.Documents);
  const runs = renderInto(doc.getBody(), m, api);
  doc.saveAndClose();
  const log: string[] = [];
  if (api)
    try {
      writeRuns(id, runs, m);
      return log;
    } catch (e) {
      log.push(
        `Không ghi được nội dung văn bản "${m.name}" qua Google Docs API (${e instanceof Error ? e.message : String(e)}); đã ghi lại bằng DocumentApp, đầy đủ nhưng chậm hơn.`,
      );
      const again = withRetry(() => DocumentApp.openById(id));
      const body = again.getBody();
      body.clear();
      renderInto(body, m);
      again.saveAndClose();
    }
  // Without the Docs API's text (or without the API): the layout on its own, where it can be set.
  const problem = layoutDoc(id, m);
  if (problem) log.push(problem);
  return log;
}

/**
 * Creates a Google Doc from the model, or rewrites an existing one in place (same id and link),
 * filled and laid out; `log` receives what went wrong on the way.
 */
export function writeDoc(
  m: DocModel,
  existingId?: string,
  log: (line: string) => void = () => {},
): GoogleAppsScript.Document.Document {
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
  for (const line of fillDoc(doc, m)) log(line);
  return doc;
}

// ---------------------------------------------------------------------------------------------
// Text through the Docs API: a run of paragraphs in one request instead of two calls a line.

/** A Docs API request, as sent (the advanced service's @types are looser than the API). */
type DocsRequest = Record<string, unknown>;

const pt = (magnitude: number) => ({ magnitude, unit: 'PT' });
const API_ALIGN = { LEFT: 'START', CENTER: 'CENTER', JUSTIFY: 'JUSTIFIED' } as const;

/** The two style requests that give `range` a look: every field listed, so nothing is inherited. */
function lookRequests(l: Look, kept: boolean, startIndex: number, endIndex: number): DocsRequest[] {
  const range = { startIndex, endIndex };
  const paragraphStyle: Record<string, unknown> = {
    alignment: API_ALIGN[l.align],
    indentFirstLine: pt(l.indent),
    spaceBelow: pt(l.after),
    keepWithNext: kept,
    keepLinesTogether: kept,
  };
  if (l.before !== undefined) paragraphStyle.spaceAbove = pt(l.before);
  // The API's line spacing is a percentage of single.
  if (l.lineSpacing !== undefined) paragraphStyle.lineSpacing = Math.round(l.lineSpacing * 100);
  return [
    {
      updateParagraphStyle: {
        range,
        paragraphStyle,
        fields:
          'alignment,indentFirstLine,spaceAbove,spaceBelow,lineSpacing,keepWithNext,keepLinesTogether',
      },
    },
    {
      updateTextStyle: {
        range,
        textStyle: {
          bold: l.bold,
          italic: l.italic,
          fontSize: pt(l.size),
          weightedFontFamily: { fontFamily: FONT },
          foregroundColor: { color: { rgbColor: { red: 0, green: 0, blue: 0 } } },
        },
        fields: 'bold,italic,fontSize,weightedFontFamily,foregroundColor',
      },
    },
  ];
}

/**
 * The requests that put a run's text where its token paragraph starts (`at`): the token deleted,
 * the lines inserted as one text (a newline between paragraphs, `\u000b` for a line break inside
 * one), then one pair of style requests for each stretch of paragraphs that look (and keep) alike.
 */
export function runRequests(run: TextRun, at: number): DocsRequest[] {
  const [from, to] = run.keep;
  const lines = run.lines.map((l, k) => {
    const kept = k >= from && k < to;
    return {
      text: l.text.replace(/\n/g, '\u000b'),
      look: l.look,
      kept,
      key: JSON.stringify([l.look, kept]),
    };
  });
  const out: DocsRequest[] = [
    { deleteContentRange: { range: { startIndex: at, endIndex: at + run.token.length } } },
  ];
  const text = lines.map((l) => l.text).join('\n');
  if (text !== '') out.push({ insertText: { location: { index: at }, text } });
  let start = at;
  for (let k = 0; k < lines.length; ) {
    let end = start + lines[k].text.length + 1;
    let j = k + 1;
    for (; j < lines.length && lines[j].key === lines[k].key; j++) end += lines[j].text.length + 1;
    out.push(...lookRequests(lines[k].look, lines[k].kept, start, end));
    start = end;
    k = j;
  }
  return out;
}

/**
 * Replaces each run's token paragraph with the run's text and lays the document out (header rows
 * pinned, lines kept together as `layoutRequests` asks), in one read and one batchUpdate. A
 * passing failure is retried from the read: a batch applies whole or not at all, so tokens still
 * there mean it has not been applied, and none left after a send means it was. Throws when the
 * text could not be written.
 */
export function writeRuns(docId: string, runs: TextRun[], m: DocModel): void {
  const api = typeof Docs === 'undefined' ? undefined : Docs?.Documents;
  if (!api) throw new Error('dịch vụ nâng cao Google Docs API chưa được bật');
  let sent = false;
  withRetry(() => {
    const content = (withRetry(() => api.get(docId)).body?.content ?? []) as DocsElement[];
    const at = new Map<TextRun, number>();
    const byToken = new Map(runs.map((r) => [`${r.token}\n`, r]));
    const visit = (elements: DocsElement[]): void => {
      for (const e of elements) {
        const run = e.paragraph ? byToken.get(paragraphText(e)) : undefined;
        if (run && typeof e.startIndex === 'number') at.set(run, e.startIndex);
        for (const row of e.table?.tableRows ?? [])
          for (const cell of row.tableCells ?? []) visit(cell.content ?? []);
      }
    };
    visit(content);
    if (at.size === 0 && sent) return;
    if (at.size !== runs.length)
      throw new Error(`tìm thấy ${at.size}/${runs.length} chỗ đặt nội dung trong văn bản`);
    // Pins first, where the tables are now; then the runs from the end of the document back, so
    // each run's indexes are untouched by the others'.
    const requests: DocsRequest[] = [
      ...pinRequests(content, m),
      ...[...at.entries()]
        .sort((a, b) => b[1] - a[1])
        .flatMap(([run, index]) => runRequests(run, index)),
    ];
    sent = true;
    api.batchUpdate(
      { requests } as unknown as GoogleAppsScript.Docs.Schema.BatchUpdateDocumentRequest,
      docId,
    );
  });
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

/** The document's tables, checked to be those `renderInto` writes for `m`: header, data, signatures. */
function tablesOf(content: DocsElement[], m: DocModel): DocsElement[] {
  const tables = content.filter((e) => e.table);
  const ruled = m.blocks.filter((b) => b.kind === 'table').length;
  if (tables.length !== ruled + 2) throw new Error(`có ${tables.length} bảng, cần ${ruled + 2}`);
  return tables;
}

/** Every data table with rows under its header repeats the header row on each page. */
function pinRequests(content: DocsElement[], m: DocModel): LayoutRequest[] {
  return tablesOf(content, m)
    .slice(1, -1)
    .filter((t) => (t.table?.tableRows?.length ?? 0) > 1)
    .map((t) => ({
      pinTableHeaderRows: {
        tableStartLocation: { index: t.startIndex as number },
        pinnedHeaderRowsCount: 1,
      },
    }));
}

/**
 * The layout requests for a document written by `renderInto` from `m`, read back as the Docs API's
 * `body.content`: every ruled table of the model repeats its header row on each page; the
 * paragraph before each table after the header block (a caption, or the closing line and the
 * spacing before the signatures) stays with it; in each column of the signature table every line
 * stays with the next, so the titles (`TM. …`, `TRƯỞNG ĐOÀN`), the signing space and the name
 * are never parted. Throws when the document is not what `renderInto` writes.
 */
export function layoutRequests(content: DocsElement[], m: DocModel): LayoutRequest[] {
  const out = pinRequests(content, m);
  const tables = content.filter((e) => e.table);
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
