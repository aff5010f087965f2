// The emulator's stand-in for Drive's PDF export of a Doc: laid out here, written by pdfkit in Tinos (Times New Roman's metric twin), every Vietnamese letter embedded.

/*
 * Not Google's rendering, but the same text: every letter as typed (diacritics included), in an
 * embedded serif with Times New Roman's widths, so lines wrap close to where Docs wraps them.
 * Tinos ships (npm `@fontsource/tinos`) as per-script subsets; each character is drawn with the
 * first subset of its style that has it (Latin, then Vietnamese, then Latin Extended).
 * Layout is linear in the text: character widths are cached and an unbroken token longer than a
 * line is cut where the running width passes the line: a 1 MB note takes some 20 s (mostly pdfkit
 * and garbage collection), not hours.
 * Rows of a table move whole to the next page when they fit on one; a row taller than a page is
 * split across pages (U: Docs' own choice for rows is not documented; the stricter reading is
 * that nothing is cut off). Rows pinned as header rows (through the Docs API) are drawn again at
 * the top of each page the table continues on, as Docs prints them.
 */

import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';

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
  /** Leading rows pinned as the table's header: repeated on each page (0 for none). */
  headerRows?: number;
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
// Fonts.

type Style = 'R' | 'B' | 'I' | 'BI';
const STYLE_FILES: Record<Style, string> = {
  R: '400-normal',
  B: '700-normal',
  I: '400-italic',
  BI: '700-italic',
};
const SUBSETS = ['latin', 'vietnamese', 'latin-ext'] as const;
/** A box-drawing horizontal (the rule under the motto): no Tinos subset has it, so it is drawn. */
const RULE_CHAR = '\u2500';
// Its width in Times New Roman (and Liberation Serif): 0.708 em.
const RULE_WIDTH = 708;

interface Face {
  key: string;
  data: Buffer;
  font: fontkit.Font;
}

/** Per style, the subsets in lookup order and a cache: character → [face index, width in 1/1000 em]. */
interface StyleFaces {
  faces: Face[];
  chars: Map<string, [number, number]>;
}

let loaded: Record<Style, StyleFaces> | null = null;

/**
 * A WOFF 1.0 file as the plain TrueType file it wraps. fontkit would inflate a compressed table
 * again at every glyph it reads (minutes for a long document); unwrapped once, reads are direct.
 */
export function woffToTtf(woff: Buffer): Buffer {
  if (woff.readUInt32BE(0) !== 0x774f4646) return woff;
  const flavor = woff.readUInt32BE(4);
  const count = woff.readUInt16BE(12);
  const tables = Array.from({ length: count }, (_, i) => {
    const at = 44 + i * 20;
    const offset = woff.readUInt32BE(at + 4);
    const compLength = woff.readUInt32BE(at + 8);
    const origLength = woff.readUInt32BE(at + 12);
    const raw = woff.subarray(offset, offset + compLength);
    return {
      tag: woff.readUInt32BE(at),
      checksum: woff.readUInt32BE(at + 16),
      data: compLength < origLength ? inflateSync(raw) : raw,
    };
  });
  let pow = 1;
  while (pow * 2 <= count) pow *= 2;
  const head = Buffer.alloc(12 + 16 * count);
  head.writeUInt32BE(flavor, 0);
  head.writeUInt16BE(count, 4);
  head.writeUInt16BE(pow * 16, 6);
  head.writeUInt16BE(Math.log2(pow), 8);
  head.writeUInt16BE(count * 16 - pow * 16, 10);
  const parts: Buffer[] = [head];
  let offset = head.length;
  tables.forEach((t, i) => {
    head.writeUInt32BE(t.tag, 12 + i * 16);
    head.writeUInt32BE(t.checksum, 16 + i * 16);
    head.writeUInt32BE(offset, 20 + i * 16);
    head.writeUInt32BE(t.data.length, 24 + i * 16);
    const padded = Buffer.alloc((t.data.length + 3) & ~3);
    t.data.copy(padded);
    parts.push(padded);
    offset += padded.length;
  });
  return Buffer.concat(parts);
}

function fonts(): Record<Style, StyleFaces> {
  if (loaded) return loaded;
  const out = {} as Record<Style, StyleFaces>;
  for (const style of Object.keys(STYLE_FILES) as Style[]) {
    const faces = SUBSETS.map((subset) => {
      const data = woffToTtf(
        readFileSync(
          require.resolve(`@fontsource/tinos/files/tinos-${subset}-${STYLE_FILES[style]}.woff`),
        ),
      );
      return { key: `${style}-${subset}`, data, font: fontkit.create(data) as fontkit.Font };
    });
    out[style] = { faces, chars: new Map() };
  }
  loaded = out;
  return out;
}

const styleOf = (run: PrintRun): Style =>
  run.bold ? (run.italic ? 'BI' : 'B') : run.italic ? 'I' : 'R';

/** The face index (-1: drawn as a rule) and width in 1/1000 em of one character in a style. */
function charInfo(style: Style, ch: string): [number, number] {
  const s = fonts()[style];
  let info = s.chars.get(ch);
  if (info) return info;
  if (ch === RULE_CHAR) info = [-1, RULE_WIDTH];
  else {
    const cp = ch.codePointAt(0) ?? 0x3f;
    let face = s.faces.findIndex((f) => f.font.hasGlyphForCodePoint(cp));
    // A letter no subset has is drawn as the first subset's missing-glyph box, at its width.
    if (face < 0) face = 0;
    const font = s.faces[face].font;
    info = [face, (font.glyphForCodePoint(cp).advanceWidth * 1000) / font.unitsPerEm];
  }
  s.chars.set(ch, info);
  return info;
}

function textWidth(text: string, run: PrintRun): number {
  const style = styleOf(run);
  let w = 0;
  for (const ch of text) w += charInfo(style, ch)[1];
  return (w * run.size) / 1000;
}

/** Printable text: NFC, tabs and line ends as spaces; controls, noncharacters and lone surrogates dropped. */
function printable(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const c = ch.codePointAt(0) ?? 0;
    if (c >= 9 && c <= 12) out += ' ';
    else if (
      c < 0x20 ||
      (c >= 0x7f && c < 0xa0) ||
      c === 0xfffe ||
      c === 0xffff ||
      (c >= 0xd800 && c <= 0xdfff)
    )
      continue;
    else out += ch;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Layout. Lengths in points; y grows downward from the top of whatever is being laid out.

type Op =
  | {
      kind: 'text';
      x: number;
      /** The baseline. */
      y: number;
      font: string;
      size: number;
      text: string;
      color?: string;
      wordSpacing: number;
    }
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; width: number; color?: string }
  | { kind: 'rect'; x: number; y: number; w: number; h: number; color: string };

/** A slice of laid-out content a page break may not cut: one line of text, or a rule. */
interface Band {
  top: number;
  bottom: number;
  ops: Op[];
}

interface Word {
  text: string;
  run: PrintRun;
  width: number;
  /** A space follows this word. */
  space: boolean;
  /** A line break (`\r` in a paragraph) instead of a word. */
  br?: boolean;
}

interface Line {
  words: Word[];
  width: number;
  size: number;
  /** The line ends at a line break (not by wrapping, not at the paragraph's end). */
  broken: boolean;
}

function wordsOf(runs: PrintRun[]): Word[] {
  const words: Word[] = [];
  for (const run of runs) {
    const lines = run.text.split('\r');
    lines.forEach((line, i) => {
      if (i > 0) words.push({ text: '', run, width: 0, space: false, br: true });
      for (const part of printable(line).split(/( +)/)) {
        if (part === '') continue;
        if (part.startsWith(' ')) {
          if (words.length > 0) words[words.length - 1].space = true;
        } else {
          // A run boundary inside a word keeps the pieces glued (no space between them).
          words.push({ text: part, run, width: textWidth(part, run), space: false });
        }
      }
    });
  }
  return words;
}

/** Cuts an unbroken token to lines: one pass over its characters, each measured once. */
function cutToken(word: Word, firstRoom: number, room: number): Word[] {
  const style = styleOf(word.run);
  const pieces: Word[] = [];
  let used = 0;
  let limit = firstRoom;
  let text = '';
  for (const ch of word.text) {
    const w = (charInfo(style, ch)[1] * word.run.size) / 1000;
    if (text !== '' && used + w > limit) {
      pieces.push({ text, run: word.run, width: used, space: false });
      text = '';
      used = 0;
      limit = room;
    }
    text += ch;
    used += w;
  }
  pieces.push({ text, run: word.run, width: used, space: word.space });
  return pieces;
}

/** Greedy line breaking; a word wider than the line is cut where it reaches the line's end. */
function breakLines(words: Word[], firstWidth: number, width: number, baseSize: number): Line[] {
  const lines: Line[] = [];
  let current: Word[] = [];
  let used = 0;
  const limit = () => (lines.length === 0 ? firstWidth : width);
  const flush = (broken: boolean) => {
    let size = 0;
    for (const w of current) size = Math.max(size, w.run.size);
    lines.push({ words: current, width: used, size: size || baseSize, broken });
    current = [];
    used = 0;
  };
  for (let k = 0; k < words.length; k++) {
    const word = words[k];
    if (word.br) {
      flush(true);
      continue;
    }
    const prev = current[current.length - 1];
    const gap = prev?.space ? textWidth(' ', prev.run) : 0;
    if (current.length > 0 && used + gap + word.width > limit()) flush(false);
    if (current.length === 0 && word.width > limit()) {
      const pieces = cutToken(word, limit(), width);
      for (const piece of pieces.slice(0, -1)) {
        current.push(piece);
        used = piece.width;
        flush(false);
      }
      const last = pieces[pieces.length - 1];
      current.push(last);
      used = last.width;
      continue;
    }
    const gap2 = current.length > 0 && current[current.length - 1].space ? gap : 0;
    current.push(word);
    used += gap2 + word.width;
  }
  if (current.length > 0 || lines.length === 0) flush(false);
  return lines;
}

/** Text ops of one line from `x`: one op per stretch of one style and one font subset. */
function lineOps(line: Line, x: number, baseline: number, wordSpacing: number, ops: Op[]): void {
  line.words.forEach((w, j) => {
    const text = w.space && j < line.words.length - 1 ? `${w.text} ` : w.text;
    const style = styleOf(w.run);
    const color = w.run.color && /^#[0-9a-f]{6}$/i.test(w.run.color) ? w.run.color : undefined;
    const start = x;
    let seg = '';
    let segFace = -2;
    let segWidth = 0;
    const emit = () => {
      if (seg === '') return;
      if (segFace === -1) {
        const y = baseline - w.run.size * 0.3;
        ops.push({ kind: 'line', x1: x, y1: y, x2: x + segWidth, y2: y, width: 0.6, color });
      } else {
        ops.push({
          kind: 'text',
          x,
          y: baseline,
          font: fonts()[style].faces[segFace].key,
          size: w.run.size,
          text: seg,
          color,
          wordSpacing,
        });
      }
      x += segWidth + (seg.match(/ /g)?.length ?? 0) * wordSpacing;
      seg = '';
      segWidth = 0;
    };
    for (const ch of text) {
      const [face, width] = charInfo(style, ch);
      // A space goes with whatever stretch it follows.
      const f = ch === ' ' && segFace >= 0 ? segFace : face;
      if (f !== segFace) emit();
      segFace = f;
      seg += ch;
      segWidth += (width * w.run.size) / 1000;
    }
    emit();
    if (w.run.underline || w.run.strikethrough) {
      const y = w.run.underline ? baseline + w.run.size * 0.12 : baseline - w.run.size * 0.28;
      ops.push({
        kind: 'line',
        x1: start,
        y1: y,
        x2: start + w.width,
        y2: y,
        width: Math.max(w.run.size / 18, 0.5),
        color,
      });
    }
  });
}

/** Lays blocks out in a column `width` wide starting at `x`; `height` is how far down it reached. */
class Column {
  readonly bands: Band[] = [];
  height = 0;

  constructor(
    private readonly x: number,
    private readonly width: number,
  ) {}

  paragraph(p: PrintParagraph, first: boolean): void {
    if (!first) this.height += p.spaceBefore;
    const left = this.x + p.indentStart;
    const width = Math.max(this.width - p.indentStart - p.indentEnd, 20);
    const baseSize = p.runs[0]?.size ?? 11;
    if (p.rule) {
      const y = this.height + baseSize * 0.6;
      this.bands.push({
        top: this.height,
        bottom: this.height + baseSize * 1.2,
        ops: [{ kind: 'line', x1: left, y1: y, x2: left + width, y2: y, width: 0.75 }],
      });
      this.height += baseSize * 1.2;
    }
    const words = wordsOf(p.runs);
    if (words.length === 0 && p.rule) {
      this.height += p.spaceAfter;
      return;
    }
    const lines = breakLines(words, width - p.indentFirstLine, width, baseSize);
    lines.forEach((line, i) => {
      const ops: Op[] = [];
      const lineHeight = line.size * 1.15 * p.lineSpacing;
      const baseline = this.height + line.size * 0.891;
      const indent = i === 0 ? p.indentFirstLine : 0;
      const room = width - indent;
      let x = left + indent;
      if (p.align === 'CENTER') x += Math.max((room - line.width) / 2, 0);
      else if (p.align === 'RIGHT') x += Math.max(room - line.width, 0);
      const gaps = line.words.slice(0, -1).filter((w) => w.space).length;
      const last = i === lines.length - 1;
      // Docs stretches a justified line that ends in a line break as any other (U: the stricter
      // reading; the renderer avoids it by left-aligning such paragraphs).
      const wordSpacing =
        p.align === 'JUSTIFY' && !last && gaps > 0 ? Math.max((room - line.width) / gaps, 0) : 0;
      if (i === 0 && p.glyph) {
        const run: PrintRun = {
          text: p.glyph,
          bold: false,
          italic: false,
          underline: false,
          strikethrough: false,
          size: baseSize,
        };
        const gw = textWidth(`${p.glyph} `, run);
        lineOps(
          {
            words: [{ text: p.glyph, run, width: gw, space: false }],
            width: gw,
            size: baseSize,
            broken: false,
          },
          x - gw,
          baseline,
          0,
          ops,
        );
      }
      lineOps(line, x, baseline, wordSpacing, ops);
      this.bands.push({ top: this.height, bottom: this.height + lineHeight, ops });
      this.height += lineHeight;
    });
    this.height += p.spaceAfter;
  }

  /** A table nested in a cell prints as its cells' paragraphs, one after another (a stand-in). */
  nested(t: PrintTable): void {
    for (const row of t.rows)
      for (const cell of row)
        for (const b of cell.blocks) if (b.kind === 'paragraph') this.paragraph(b, false);
  }
}

function shift(op: Op, dx: number, dy: number): Op {
  if (op.kind === 'line')
    return { ...op, x1: op.x1 + dx, x2: op.x2 + dx, y1: op.y1 + dy, y2: op.y2 + dy };
  return { ...op, x: op.x + dx, y: op.y + dy };
}

/** Splits blocks into pages of ops in page coordinates (origin top left). */
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

  private newPage(): void {
    this.pages.push(this.ops);
    this.ops = [];
    this.used = 0;
  }

  finish(): Op[][] {
    this.pages.push(this.ops);
    return this.pages;
  }

  private get room(): number {
    return this.contentHeight - this.used;
  }

  /** Places a column's bands from the current position, breaking pages between bands. */
  private flow(column: Column): void {
    // Line by line, as Docs flows a paragraph (its "keep lines together" is off by default).
    // `origin`: the depth in the column placed at the current position.
    let origin = 0;
    for (const band of column.bands) {
      if (band.bottom - origin > this.room && (this.used > 0 || band.top > origin)) {
        this.newPage();
        origin = band.top;
      }
      this.put([band], origin);
    }
    this.used += column.height - origin;
  }

  /** Adds bands' ops at the current position, `origin` being the column depth placed at it. */
  private put(bands: Band[], origin: number): void {
    const dy = this.doc.marginTop + this.used - origin;
    for (const b of bands) for (const op of b.ops) this.ops.push(shift(op, 0, dy));
  }

  blocks(blocks: PrintBlock[]): void {
    blocks.forEach((block, i) => {
      if (block.kind === 'paragraph') {
        const column = new Column(this.doc.marginLeft, this.contentWidth);
        column.paragraph(block, i === 0 && this.used === 0);
        this.flow(column);
        if (block.pageBreakAfter) this.newPage();
      } else this.table(block);
    });
  }

  private table(t: PrintTable): void {
    const columns = Math.max(0, ...t.rows.map((r) => r.length));
    if (columns === 0) return;
    const fixed = Array.from({ length: columns }, (_, c) => t.columnWidths[c] ?? null);
    const known = fixed.reduce<number>((a, w) => a + (w ?? 0), 0);
    const unknown = fixed.filter((w) => w === null).length;
    const share = unknown > 0 ? Math.max((this.contentWidth - known) / unknown, 20) : 0;
    const widths = fixed.map((w) => w ?? share);
    const lefts = widths.map(
      (_, c) => this.doc.marginLeft + widths.slice(0, c).reduce((a, w) => a + w, 0),
    );
    const laid = t.rows.map((row, r) => {
      const cells = row.map((cell, c) => {
        const column = new Column(
          lefts[c] + cell.padding.left,
          widths[c] - cell.padding.left - cell.padding.right,
        );
        cell.blocks.forEach((b, i) => {
          if (b.kind === 'paragraph') column.paragraph(b, i === 0);
          else column.nested(b);
        });
        return { cell, column, x: lefts[c], width: widths[c] };
      });
      const content = Math.max(
        0,
        ...cells.map((l) => l.column.height + l.cell.padding.top + l.cell.padding.bottom),
      );
      return { cells, height: Math.max(content, t.minHeights[r] ?? 0, 12) };
    });
    const whole = (row: (typeof laid)[number]) => {
      this.rowPart(t, row.cells, row.height, (l) => {
        const inner = l.column.height + l.cell.padding.top + l.cell.padding.bottom;
        const slack = row.height - inner;
        const valign = l.cell.verticalAlignment;
        const down =
          l.cell.padding.top + (valign === 'CENTER' ? slack / 2 : valign === 'BOTTOM' ? slack : 0);
        return { bands: l.column.bands, origin: -down };
      });
      this.used += row.height;
    };
    // The pinned header rows, drawn again on each page the table goes on to (when they leave room).
    const pinned = laid.slice(0, Math.min(t.headerRows ?? 0, laid.length - 1));
    const pinnedHeight = pinned.reduce((a, row) => a + row.height, 0);
    const turn = (r: number) => {
      this.newPage();
      if (r >= pinned.length && pinnedHeight < this.contentHeight / 2)
        for (const h of pinned) whole(h);
    };
    laid.forEach(({ cells, height }, r) => {
      if (height > this.room && this.used > 0) turn(r);
      if (height <= this.room) {
        whole(laid[r]);
        return;
      }
      // A row taller than a page: each cell's lines flow on, page after page.
      const next = cells.map(() => 0);
      const origin = cells.map((l) => -l.cell.padding.top);
      for (;;) {
        const avail = this.room;
        const parts = cells.map((l, k) => {
          const all = l.column.bands;
          const bands: Band[] = [];
          let bottom = 0;
          while (next[k] < all.length) {
            const b = all[next[k]];
            if (bands.length > 0 && b.bottom - origin[k] > avail) break;
            bands.push(b);
            bottom = b.bottom - origin[k];
            next[k]++;
          }
          return { bands, origin: origin[k], bottom: bottom + l.cell.padding.bottom };
        });
        const done = cells.every((l, k) => next[k] >= l.column.bands.length);
        const h = done ? Math.max(12, ...parts.map((p) => p.bottom)) : avail;
        this.rowPart(t, cells, h, (_l, k) => parts[k]);
        this.used += h;
        if (done) return;
        turn(r);
        cells.forEach((l, k) => {
          if (next[k] < l.column.bands.length)
            origin[k] = l.column.bands[next[k]].top - l.cell.padding.top;
        });
      }
    });
  }

  /** Draws one row (or the part of it on this page): backgrounds, content, borders. */
  private rowPart(
    t: PrintTable,
    cells: { cell: PrintCell; column: Column; x: number; width: number }[],
    height: number,
    content: (
      l: { cell: PrintCell; column: Column; x: number; width: number },
      k: number,
    ) => { bands: Band[]; origin: number },
  ): void {
    const top = this.doc.marginTop + this.used;
    cells.forEach((l, k) => {
      if (l.cell.background && /^#[0-9a-f]{6}$/i.test(l.cell.background))
        this.ops.push({
          kind: 'rect',
          x: l.x,
          y: top,
          w: l.width,
          h: height,
          color: l.cell.background,
        });
      const { bands, origin } = content(l, k);
      for (const b of bands) for (const op of b.ops) this.ops.push(shift(op, 0, top - origin));
      if (t.borderWidth > 0) {
        const color = /^#[0-9a-f]{6}$/i.test(t.borderColor) ? t.borderColor : undefined;
        const x2 = l.x + l.width;
        const y2 = top + height;
        for (const [a, b, c, d] of [
          [l.x, top, x2, top],
          [l.x, y2, x2, y2],
          [l.x, top, l.x, y2],
          [x2, top, x2, y2],
        ])
          this.ops.push({ kind: 'line', x1: a, y1: b, x2: c, y2: d, width: t.borderWidth, color });
      }
    });
  }
}

/** Header and footer: laid out once, drawn on every page (no page numbers: Apps Script cannot add them). */
function sectionOps(doc: PrintDocument, blocks: PrintBlock[], where: 'header' | 'footer'): Op[] {
  if (blocks.length === 0) return [];
  const column = new Column(doc.marginLeft, doc.pageWidth - doc.marginLeft - doc.marginRight);
  blocks.forEach((b, i) => {
    if (b.kind === 'paragraph') column.paragraph(b, i === 0);
  });
  // Docs puts a header 0.5 in below the top edge and ends a footer 0.5 in above the bottom one.
  const dy = where === 'header' ? 36 : doc.pageHeight - 36 - column.height;
  return column.bands.flatMap((b) => b.ops.map((op) => shift(op, 0, dy)));
}

/** Lays out `doc` and writes the PDF: one page at least, the text in embedded Tinos. */
export function renderPdf(doc: PrintDocument): Buffer {
  const pager = new Pager(doc);
  pager.blocks(doc.body);
  const pages = pager.finish();
  const header = sectionOps(doc, doc.header, 'header');
  const footer = sectionOps(doc, doc.footer, 'footer');
  const faces = fonts();
  // Each document gets its own font objects: fontkit keeps per-font glyph state that pdfkit's
  // subsetting changes, and a font shared between documents lost letters in the next one.
  const own = new Map<string, fontkit.Font>();
  for (const style of Object.values(faces))
    for (const face of style.faces) own.set(face.key, fontkit.create(face.data) as fontkit.Font);
  // Page sizes as Drive writes them, to the hundredth of a point.
  const size = [Math.round(doc.pageWidth * 100) / 100, Math.round(doc.pageHeight * 100) / 100];
  const pdf = new PDFDocument({
    size,
    pdfVersion: '1.4',
    margin: 0,
    autoFirstPage: false,
    // The default font would be Helvetica read from pdfkit's data files: start with Tinos instead.
    font: own.get('R-latin') as unknown as string,
    info: { Title: doc.title, Producer: 'kiem-tra-cong-vu', Creator: 'kiem-tra-cong-vu' },
    lang: 'vi-VN',
  });
  // pdfkit caches a font by name only when no font of the same PostScript name is open; all
  // Tinos subsets of a style share one, so each is opened once here and cached by its key.
  const internal = pdf as unknown as {
    _font: { font: unknown };
    _fontFamilies: Record<string, unknown>;
  };
  for (const style of Object.values(faces))
    for (const face of style.faces) {
      const font = own.get(face.key);
      pdf.registerFont(face.key, font as unknown as string);
      pdf.font(face.key);
      if (internal._font.font !== font)
        throw new Error(`pdfkit took the font ${face.key} for another subset of the same name`);
      internal._fontFamilies[face.key] = internal._font;
    }
  let current = '';
  for (const ops of pages) {
    pdf.addPage({ size, margin: 0 });
    const all = [...header, ...ops, ...footer];
    for (const op of all) if (op.kind === 'rect') pdf.rect(op.x, op.y, op.w, op.h).fill(op.color);
    for (const op of all) {
      if (op.kind === 'text') {
        if (op.font !== current) pdf.font(op.font);
        current = op.font;
        pdf
          .fontSize(op.size)
          .fillColor(op.color ?? '#000000')
          .text(op.text, op.x, op.y, {
            lineBreak: false,
            baseline: 'alphabetic',
            wordSpacing: op.wordSpacing,
          });
      } else if (op.kind === 'line') {
        pdf
          .moveTo(op.x1, op.y1)
          .lineTo(op.x2, op.y2)
          .lineWidth(op.width)
          .strokeColor(op.color ?? '#000000')
          .stroke();
      }
    }
  }
  pdf.end();
  // pdfkit pushes every byte while `end()` runs: the stream's buffer already holds the whole file.
  const chunks: Buffer[] = [];
  for (let chunk = pdf.read() as Buffer | null; chunk !== null; chunk = pdf.read() as Buffer | null)
    chunks.push(chunk);
  return Buffer.concat(chunks);
}
