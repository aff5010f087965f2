// A small PDF 1.4 writer: the emulator's stand-in for Google's PDF export of a Doc (text, tables, rules).

/*
 * Not Google's rendering: a plain, valid PDF so exports have real bytes a viewer opens and a test
 * can read. Base-14 Times fonts with WinAnsiEncoding (no embedded font), uncompressed streams.
 * Letters outside WinAnsi (most Vietnamese letters: ạ ầ ơ ư đ …) are transliterated to the nearest
 * WinAnsi letter (`ế` → `ê`, `ạ` → `a`, `đ` → `d`): the stand-in PDF is readable, not faithful.
 * Line breaking uses approximate Times widths, so lines wrap near, not exactly, where Docs wraps.
 */

/** A stretch of text with one style. Sizes in points. */
export interface PrintRun {
  text: string;
  bold: boolean;
  italic: boolean;
  underline: boolean;
  strikethrough: boolean;
  size: number;
  /** `#rrggbb`; black when absent. */
  color?: string;
}

/** A paragraph (or list item) as printed. Lengths in points. */
export interface PrintParagraph {
  kind: 'paragraph';
  runs: PrintRun[];
  align: 'LEFT' | 'CENTER' | 'RIGHT' | 'JUSTIFY';
  indentStart: number;
  indentEnd: number;
  indentFirstLine: number;
  spaceBefore: number;
  spaceAfter: number;
  /** Multiplier: 1 = single. */
  lineSpacing: number;
  /** A list glyph printed before the first line (`•`, `1.`). */
  glyph?: string;
  /** Draw a horizontal rule in this paragraph. */
  rule?: boolean;
  /** A page break inside this paragraph: what follows starts a new page. */
  pageBreakAfter?: boolean;
}

/** A table as printed: rows of cells of blocks. */
export interface PrintTable {
  kind: 'table';
  borderWidth: number;
  borderColor: string;
  /** Per column: a width in points, or null to share what is left equally. */
  columnWidths: (number | null)[];
  rows: PrintCell[][];
  /** Row minimum heights in points. */
  minHeights: number[];
}

/** One table cell as printed. */
export interface PrintCell {
  blocks: PrintBlock[];
  background?: string;
  verticalAlignment: 'TOP' | 'CENTER' | 'BOTTOM';
  padding: { top: number; bottom: number; left: number; right: number };
}

/** What a page holds: paragraphs and tables. */
export type PrintBlock = PrintParagraph | PrintTable;

/** A whole document as printed. */
export interface PrintDocument {
  title: string;
  pageWidth: number;
  pageHeight: number;
  marginTop: number;
  marginBottom: number;
  marginLeft: number;
  marginRight: number;
  header: PrintBlock[];
  footer: PrintBlock[];
  body: PrintBlock[];
}

// ---------------------------------------------------------------------------------------------
// WinAnsi text.

/** Unicode → WinAnsi byte for the 0x80–0x9F block (the rest of WinAnsi is Latin-1). */
const WIN_ANSI_HIGH: Record<string, number> = {
  '€': 0x80,
  '‚': 0x82,
  ƒ: 0x83,
  '„': 0x84,
  '…': 0x85,
  '†': 0x86,
  '‡': 0x87,
  ˆ: 0x88,
  '‰': 0x89,
  Š: 0x8a,
  '‹': 0x8b,
  Œ: 0x8c,
  Ž: 0x8e,
  '‘': 0x91,
  '’': 0x92,
  '“': 0x93,
  '”': 0x94,
  '•': 0x95,
  '–': 0x96,
  '—': 0x97,
  '˜': 0x98,
  '™': 0x99,
  š: 0x9a,
  '›': 0x9b,
  œ: 0x9c,
  ž: 0x9e,
  Ÿ: 0x9f,
};

/** Letters with no WinAnsi form and no decomposition. */
const FALLBACK: Record<string, string> = { đ: 'd', Đ: 'D', ı: 'i', ł: 'l', Ł: 'L', ø: 'o' };

function winAnsiByte(ch: string): number | null {
  const code = ch.codePointAt(0) ?? 0;
  if (ch.length === 1 && ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff)))
    return code;
  return WIN_ANSI_HIGH[ch] ?? null;
}

/**
 * The WinAnsi bytes of `text`, as a latin1 string. A letter WinAnsi lacks keeps as many of its
 * marks as still give a WinAnsi letter (`ế` → `ê`, `ạ` → `a`); anything else becomes `?`.
 */
export function toWinAnsi(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const direct = winAnsiByte(ch);
    if (direct !== null) {
      out += String.fromCharCode(direct);
      continue;
    }
    if (ch === '\t' || ch === '\r' || ch === '\n') {
      out += ' ';
      continue;
    }
    const fallback = FALLBACK[ch];
    if (fallback) {
      out += fallback;
      continue;
    }
    const [base, ...marks] = Array.from(ch.normalize('NFD'));
    let best = winAnsiByte(base ?? '') !== null ? base : FALLBACK[base ?? ''];
    let composed = base ?? '';
    // Marks come in canonical order (a dot below before a circumflex): skip the ones that do not fit.
    for (const mark of marks) {
      const next = (composed + mark).normalize('NFC');
      if (winAnsiByte(next) !== null) {
        composed = next;
        best = next;
      }
    }
    out += best ? String.fromCharCode(winAnsiByte(best) ?? 63) : '?';
  }
  return out;
}

/** A PDF literal string of WinAnsi bytes. */
function pdfString(latin1: string): string {
  let s = '(';
  for (const ch of latin1) {
    const c = ch.charCodeAt(0);
    if (ch === '(' || ch === ')' || ch === '\\') s += `\\${ch}`;
    else if (c < 0x20 || c > 0x7e) s += `\\${c.toString(8).padStart(3, '0')}`;
    else s += ch;
  }
  return `${s})`;
}

/** A PDF text string for the Info dictionary: UTF-16BE with a byte-order mark, so any letter fits. */
function pdfUnicodeString(text: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0');
  return `<${hex.toUpperCase()}>`;
}

// ---------------------------------------------------------------------------------------------
// Metrics: approximate Times widths in 1/1000 em, generous so lines never overrun.

const NARROW = new Set(Array.from(" .,;:!|'`il"));
const SEMI = new Set(Array.from('fjrtI()[]-/"'));
const WIDE = new Set(Array.from('mwMW%@&'));

function charWidth(byte: number, bold: boolean): number {
  const ch = String.fromCharCode(byte);
  let w: number;
  if (ch === ' ') w = 250;
  else if (NARROW.has(ch)) w = 278;
  else if (SEMI.has(ch)) w = 333;
  else if (WIDE.has(ch)) w = 900;
  else if (ch >= 'A' && ch <= 'Z') w = 700;
  else if (byte >= 0xc0 && byte <= 0xde) w = 700;
  else w = 500;
  return bold ? w * 1.05 : w;
}

function textWidth(latin1: string, size: number, bold: boolean): number {
  let w = 0;
  for (let i = 0; i < latin1.length; i++) w += charWidth(latin1.charCodeAt(i), bold);
  return (w * size) / 1000;
}

// ---------------------------------------------------------------------------------------------
// Layout.

/** One drawing operation on a page, in PDF coordinates (origin bottom left). */
type Op =
  | {
      kind: 'text';
      x: number;
      y: number;
      font: string;
      size: number;
      text: string;
      color?: string;
      wordSpacing: number;
    }
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; width: number; color?: string }
  | { kind: 'rect'; x: number; y: number; w: number; h: number; color: string };

interface Word {
  text: string;
  run: PrintRun;
  /** A space follows this word. */
  space: boolean;
  /** A line break (`\r` in a paragraph) instead of a word. */
  br?: boolean;
}

interface Line {
  words: Word[];
  width: number;
  height: number;
  ascent: number;
}

function fontOf(run: PrintRun): string {
  return run.bold ? (run.italic ? 'F4' : 'F2') : run.italic ? 'F3' : 'F1';
}

function wordsOf(runs: PrintRun[]): Word[] {
  const words: Word[] = [];
  for (const run of runs) {
    // A paragraph's line breaks (`\r`) end the line there.
    const parts = run.text
      .split('\r')
      .flatMap((piece, i) =>
        i > 0 ? ['\r', ...toWinAnsi(piece).split(/( +)/)] : toWinAnsi(piece).split(/( +)/),
      );
    for (const part of parts) {
      if (part === '') continue;
      if (part === '\r') {
        words.push({ text: '', run, space: false, br: true });
        continue;
      }
      if (/^ +$/.test(part)) {
        if (words.length > 0) words[words.length - 1].space = true;
      } else {
        // A run boundary inside a word keeps the pieces glued (no space between them).
        words.push({ text: part, run, space: false });
      }
    }
  }
  return words;
}

function wordWidth(w: Word): number {
  return textWidth(w.text, w.run.size, w.run.bold);
}

function spaceWidth(w: Word): number {
  return textWidth(' ', w.run.size, w.run.bold);
}

/** Greedy line breaking; a word wider than the line is split by characters. */
function breakLines(words: Word[], firstWidth: number, width: number, baseSize: number): Line[] {
  const lines: Line[] = [];
  let current: Word[] = [];
  let used = 0;
  const limit = () => (lines.length === 0 ? firstWidth : width);
  const flush = () => {
    const sizes = current.map((w) => w.run.size);
    const size = sizes.length > 0 ? Math.max(...sizes) : baseSize;
    lines.push({ words: current, width: used, height: size * 1.2, ascent: size * 0.9 });
    current = [];
    used = 0;
  };
  const queue = words.slice();
  while (queue.length > 0) {
    const word = queue.shift()!;
    if (word.br) {
      flush();
      continue;
    }
    const prev = current[current.length - 1];
    const gap = prev?.space ? spaceWidth(prev) : 0;
    const w = wordWidth(word);
    if (current.length > 0 && used + gap + w > limit()) {
      flush();
      queue.unshift(word);
      continue;
    }
    if (current.length === 0 && w > limit() && word.text.length > 1) {
      // Split an overlong word at the last character that still fits.
      let n = word.text.length - 1;
      while (n > 1 && textWidth(word.text.slice(0, n), word.run.size, word.run.bold) > limit()) n--;
      queue.unshift({ ...word, text: word.text.slice(n) });
      current.push({ ...word, text: word.text.slice(0, n), space: false });
      used = textWidth(word.text.slice(0, n), word.run.size, word.run.bold);
      flush();
      continue;
    }
    current.push(word);
    used += gap + w;
  }
  if (current.length > 0 || lines.length === 0) flush();
  return lines;
}

function hexColor(color: string | undefined): string | undefined {
  if (!color) return undefined;
  const m = /^#?([0-9a-f]{6})$/i.exec(color.trim());
  if (!m) return undefined;
  const n = Number.parseInt(m[1], 16);
  const c = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((v) => (v / 255).toFixed(3));
  return c.join(' ');
}

/** Lays blocks into a column; the caller decides where pages break. */
class Column {
  readonly ops: Op[] = [];
  /** Distance down from the column top, in points. */
  height = 0;

  constructor(
    private readonly x: number,
    private readonly width: number,
  ) {}

  /** Lays out a paragraph at the current height; `top` is the PDF y of the column top. */
  paragraph(p: PrintParagraph, top: number, first: boolean): void {
    if (!first) this.height += p.spaceBefore;
    const left = this.x + p.indentStart;
    const width = Math.max(this.width - p.indentStart - p.indentEnd, 20);
    const baseSize = p.runs[0]?.size ?? 11;
    if (p.rule) {
      const y = top - this.height - baseSize * 0.6;
      this.ops.push({ kind: 'line', x1: left, y1: y, x2: left + width, y2: y, width: 0.75 });
      this.height += baseSize * 1.2;
    }
    const words = wordsOf(p.runs);
    if (words.length === 0 && p.rule) {
      this.height += p.spaceAfter;
      return;
    }
    const lines = breakLines(words, width - p.indentFirstLine, width, baseSize);
    lines.forEach((line, i) => {
      const lineHeight = line.height * p.lineSpacing;
      const baseline = top - this.height - line.ascent;
      const indent = i === 0 ? p.indentFirstLine : 0;
      const room = width - indent;
      let x = left + indent;
      if (p.align === 'CENTER') x += Math.max((room - line.width) / 2, 0);
      else if (p.align === 'RIGHT') x += Math.max(room - line.width, 0);
      const gaps = line.words.slice(0, -1).filter((w) => w.space).length;
      const last = i === lines.length - 1;
      const wordSpacing =
        p.align === 'JUSTIFY' && !last && gaps > 0 ? Math.max((room - line.width) / gaps, 0) : 0;
      if (i === 0 && p.glyph) {
        const glyph = toWinAnsi(p.glyph);
        const gw = textWidth(`${glyph} `, baseSize, false);
        this.ops.push({
          kind: 'text',
          x: x - gw,
          y: baseline,
          font: 'F1',
          size: baseSize,
          text: glyph,
          wordSpacing: 0,
        });
      }
      line.words.forEach((w, j) => {
        const text = w.space && j < line.words.length - 1 ? `${w.text} ` : w.text;
        const width = textWidth(text, w.run.size, w.run.bold);
        const spaces = text.endsWith(' ') ? 1 : 0;
        this.ops.push({
          kind: 'text',
          x,
          y: baseline,
          font: fontOf(w.run),
          size: w.run.size,
          text,
          color: hexColor(w.run.color),
          wordSpacing,
        });
        const advance = width + spaces * wordSpacing;
        if (w.run.underline || w.run.strikethrough) {
          const y = w.run.underline ? baseline - w.run.size * 0.12 : baseline + w.run.size * 0.28;
          this.ops.push({
            kind: 'line',
            x1: x,
            y1: y,
            x2: x + textWidth(w.text, w.run.size, w.run.bold),
            y2: y,
            width: Math.max(w.run.size / 18, 0.5),
            color: hexColor(w.run.color),
          });
        }
        x += advance;
      });
      this.height += lineHeight;
    });
    this.height += p.spaceAfter;
  }
}

/** Splits a block list into pages of operations. */
class Pager {
  readonly pages: Op[][] = [];
  private ops: Op[] = [];
  private used = 0;

  constructor(private readonly doc: PrintDocument) {}

  private get contentWidth(): number {
    return this.doc.pageWidth - this.doc.marginLeft - this.doc.marginRight;
  }

  private get contentHeight(): number {
    return this.doc.pageHeight - this.doc.marginTop - this.doc.marginBottom;
  }

  private get top(): number {
    return this.doc.pageHeight - this.doc.marginTop;
  }

  newPage(): void {
    this.pages.push(this.ops);
    this.ops = [];
    this.used = 0;
  }

  finish(): Op[][] {
    this.pages.push(this.ops);
    return this.pages;
  }

  /** Places ops laid out in a column of `height` at the current position, breaking the page first if needed. */
  private place(column: Column, height: number): void {
    if (this.used > 0 && this.used + height > this.contentHeight) this.newPage();
    const shift = -this.used;
    for (const op of column.ops) this.ops.push(shiftOp(op, shift));
    this.used += height;
  }

  blocks(blocks: PrintBlock[]): void {
    blocks.forEach((block, i) => {
      if (block.kind === 'paragraph') {
        // Lay out line by line so a long paragraph flows across pages.
        const column = new Column(this.doc.marginLeft, this.contentWidth);
        column.paragraph(block, this.top, i === 0 && this.used === 0);
        this.placeFlowing(column);
        if (block.pageBreakAfter) this.newPage();
      } else {
        this.table(block);
      }
    });
  }

  /** Places a laid-out paragraph; one taller than what is left flows line by line onto new pages. */
  private placeFlowing(column: Column): void {
    if (this.used + column.height <= this.contentHeight) {
      this.place(column, column.height);
      return;
    }
    if (column.height <= this.contentHeight) {
      this.newPage();
      this.place(column, column.height);
      return;
    }
    // `start` is the depth within the paragraph at which the current page began.
    let start = 0;
    for (const op of column.ops) {
      const depth = this.top - opY(op);
      if (op.kind === 'text' && this.used + depth - start > this.contentHeight && this.used > 0) {
        this.newPage();
        start = depth - op.size * 0.9;
      }
      this.ops.push(shiftOp(op, start - this.used));
    }
    this.used += column.height - start;
  }

  private table(t: PrintTable): void {
    const columns = Math.max(0, ...t.rows.map((r) => r.length));
    if (columns === 0) return;
    const fixed = t.columnWidths.slice(0, columns);
    const known = fixed.reduce<number>((a, w) => a + (w ?? 0), 0);
    const free = fixed.length < columns ? columns - fixed.length : 0;
    const unknown = fixed.filter((w) => w === null || w === undefined).length + free;
    const share = unknown > 0 ? Math.max((this.contentWidth - known) / unknown, 20) : 0;
    const widths = Array.from({ length: columns }, (_, c) => fixed[c] ?? share);
    t.rows.forEach((row, r) => {
      // Lay out each cell, then the row is as tall as its tallest cell.
      const laid = row.map((cell, c) => {
        const x = this.doc.marginLeft + widths.slice(0, c).reduce((a, w) => a + w, 0);
        const column = new Column(
          x + cell.padding.left,
          widths[c] - cell.padding.left - cell.padding.right,
        );
        cell.blocks.forEach((b, i) => {
          if (b.kind === 'paragraph') column.paragraph(b, this.top, i === 0);
          // Nested tables print as their text, one paragraph per cell (a stand-in).
          else
            for (const nestedRow of b.rows)
              for (const nested of nestedRow)
                for (const nb of nested.blocks)
                  if (nb.kind === 'paragraph') column.paragraph(nb, this.top, false);
        });
        return { cell, column, x, width: widths[c] };
      });
      const content = Math.max(
        0,
        ...laid.map((l) => l.column.height + l.cell.padding.top + l.cell.padding.bottom),
      );
      const height = Math.max(content, t.minHeights[r] ?? 0, 12);
      if (this.used > 0 && this.used + height > this.contentHeight) this.newPage();
      const rowTop = this.top - this.used;
      for (const l of laid) {
        if (l.cell.background && hexColor(l.cell.background)) {
          this.ops.push({
            kind: 'rect',
            x: l.x,
            y: rowTop - height,
            w: l.width,
            h: height,
            color: hexColor(l.cell.background)!,
          });
        }
        const inner = l.column.height + l.cell.padding.top + l.cell.padding.bottom;
        const slack = height - inner;
        const down =
          l.cell.padding.top +
          (l.cell.verticalAlignment === 'CENTER'
            ? slack / 2
            : l.cell.verticalAlignment === 'BOTTOM'
              ? slack
              : 0);
        for (const op of l.column.ops) this.ops.push(shiftOp(op, -(this.used + down)));
        if (t.borderWidth > 0) {
          const color = hexColor(t.borderColor);
          const x2 = l.x + l.width;
          const y2 = rowTop - height;
          for (const [a, b, c, d] of [
            [l.x, rowTop, x2, rowTop],
            [l.x, y2, x2, y2],
            [l.x, rowTop, l.x, y2],
            [x2, rowTop, x2, y2],
          ])
            this.ops.push({
              kind: 'line',
              x1: a,
              y1: b,
              x2: c,
              y2: d,
              width: t.borderWidth,
              color,
            });
        }
      }
      this.used += height;
    });
  }
}

function opY(op: Op): number {
  return op.kind === 'line' ? op.y1 : op.y;
}

function shiftOp(op: Op, dy: number): Op {
  if (op.kind === 'line') return { ...op, y1: op.y1 + dy, y2: op.y2 + dy };
  return { ...op, y: op.y + dy };
}

/** Header and footer: laid out once, drawn on every page (no page numbers: Apps Script cannot add them). */
function sectionOps(doc: PrintDocument, blocks: PrintBlock[], where: 'header' | 'footer'): Op[] {
  if (blocks.length === 0) return [];
  const width = doc.pageWidth - doc.marginLeft - doc.marginRight;
  const column = new Column(doc.marginLeft, width);
  // Docs puts headers and footers 0.5 in from the page edge by default.
  const top = doc.pageHeight - 36;
  blocks.forEach((b, i) => {
    if (b.kind === 'paragraph') column.paragraph(b, top, i === 0);
  });
  if (where === 'header') return column.ops;
  // A footer ends 0.5 in above the bottom edge.
  const shift = 36 - (top - column.height);
  return column.ops.map((op) => shiftOp(op, shift));
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2);
}

function contentStream(ops: Op[]): string {
  const out: string[] = [];
  for (const op of ops) {
    if (op.kind === 'rect') {
      out.push(`q ${op.color} rg ${fmt(op.x)} ${fmt(op.y)} ${fmt(op.w)} ${fmt(op.h)} re f Q`);
    }
  }
  for (const op of ops) {
    if (op.kind === 'text') {
      const color = op.color ? `${op.color} rg ` : '0 g ';
      const tw = op.wordSpacing > 0 ? `${fmt(op.wordSpacing)} Tw ` : '0 Tw ';
      out.push(
        `BT ${color}${tw}/${op.font} ${fmt(op.size)} Tf ${fmt(op.x)} ${fmt(op.y)} Td ${pdfString(op.text)} Tj ET`,
      );
    } else if (op.kind === 'line') {
      const color = op.color ? `${op.color} RG ` : '0 G ';
      out.push(
        `q ${color}${fmt(op.width)} w ${fmt(op.x1)} ${fmt(op.y1)} m ${fmt(op.x2)} ${fmt(op.y2)} l S Q`,
      );
    }
  }
  return `${out.join('\n')}\n`;
}

/** Lays out `doc` and writes a PDF 1.4 file: one page at least, text in base-14 Times. */
export function renderPdf(doc: PrintDocument): Buffer {
  const pager = new Pager(doc);
  pager.blocks(doc.body);
  const pages = pager.finish();
  const header = sectionOps(doc, doc.header, 'header');
  const footer = sectionOps(doc, doc.footer, 'footer');

  const objects: string[] = [];
  const add = (body: string): number => {
    objects.push(body);
    return objects.length;
  };
  const catalog = add('');
  const pagesObj = add('');
  const fonts = ['Times-Roman', 'Times-Bold', 'Times-Italic', 'Times-BoldItalic'].map((name) =>
    add(`<< /Type /Font /Subtype /Type1 /BaseFont /${name} /Encoding /WinAnsiEncoding >>`),
  );
  const info = add(
    `<< /Title ${pdfUnicodeString(doc.title)} /Producer (kiem-tra-cong-vu Apps Script emulator) >>`,
  );
  const resources = `<< /Font << /F1 ${fonts[0]} 0 R /F2 ${fonts[1]} 0 R /F3 ${fonts[2]} 0 R /F4 ${fonts[3]} 0 R >> >>`;
  const kids: number[] = [];
  for (const ops of pages) {
    const stream = contentStream([...header, ...ops, ...footer]);
    const content = add(
      `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}endstream`,
    );
    kids.push(
      add(
        `<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 ${fmt(doc.pageWidth)} ${fmt(doc.pageHeight)}] /Resources ${resources} /Contents ${content} 0 R >>`,
      ),
    );
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObj} 0 R >>`;
  objects[pagesObj - 1] =
    `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;

  // Offsets are byte offsets: every string here is latin1, one byte per character.
  let pdf = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) pdf += `${String(off).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R /Info ${info} 0 R >>\nstartxref\n${xref}\n%%EOF`;
  return Buffer.from(pdf, 'latin1');
}
