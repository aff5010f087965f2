// DocumentApp emulator snapshot → .docx bytes (docx), with the page numbers a Doc cannot have.
import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  Footer,
  Header,
  HeadingLevel,
  HeightRule,
  type ILevelsOptions,
  type IRunOptions,
  LevelFormat,
  LineRuleType,
  Packer,
  PageBreak,
  PageNumber,
  PageOrientation,
  Paragraph,
  type ParagraphChild,
  ShadingType,
  Tab,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  UnderlineType,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import type {
  AttributesSnapshot,
  BlockSnapshot,
  DocumentSnapshot,
  ParagraphSnapshot,
  RunSnapshot,
  TableSnapshot,
} from '../emulator/documents';

/*
 * Units: the snapshot is in points; Word wants twips (1/20 pt) for lengths, half-points for font
 * sizes and eighths of a point for borders.
 *
 * Defaults where the Doc left an attribute unset are Docs' own (11 pt, line spacing 1.15, heading
 * sizes of the Docs UI, cell padding 5 pt, 1 pt black table borders, list indents 36 pt a level),
 * except the font: Times New Roman, the Nghị định 30/2020 font, instead of Docs' Arial.
 *
 * Page numbers: Nghị định 30/2020 wants them centred in the top margin from page 2 on. Apps Script
 * cannot make a page-number field, so they are added here: a default header with a PAGE field and
 * a different first page (`w:titlePg`) whose header holds only the Doc's own header, if any.
 *
 * Pagination: DocumentApp has no header-row repeat and no "keep with next"; the bundle asks the
 * Docs API (advanced service) for them, and the emulated Doc keeps what it asked. The .docx shows
 * exactly that state: a row pinned as a table header (`TABLE_HEADER`) repeats on each page
 * (`w:tblHeader`), a paragraph set to keep with the next (`KEEP_WITH_NEXT`, `KEEP_LINES_TOGETHER`)
 * gets `w:keepNext`/`w:keepLines`, and nothing else does, so a bundle that forgets the call shows
 * it here. Rows are the exception, set from the shape of the content as before: a ruled table's
 * short rows move whole to the next page and a borderless layout table (header block, signature
 * columns) is never split (U: how Docs breaks a row is not published).
 */

const FONT = 'Times New Roman';
const DEFAULT_SIZE = 11;
const DEFAULT_LINE_SPACING = 1.15;
/** Docs' default table cell padding (0.069 in). */
const CELL_PADDING = 5;
const LINK_COLOR = '1155CC';
/** The page-number size: Nghị định 30/2020 says 13 to 14 pt, upright. */
const PAGE_NUMBER_SIZE = 14;

const twips = (pt: number): number => Math.round(pt * 20);

/**
 * Text as XML 1.0 allows it: control characters other than tab and line ends, U+FFFE, U+FFFF and
 * a surrogate without its pair are dropped (docx escapes markup but passes these, and one of them
 * makes Word refuse the whole file).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters to drop.
const XML_INVALID = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF\uD800-\uDFFF]/gu;
export const xmlSafe = (text: string): string => text.replace(XML_INVALID, '');
const hex = (color: string): string => color.replace('#', '').toUpperCase();

/** Docs' built-in paragraph styles (U: read from the Docs UI defaults). */
const HEADINGS: Record<
  string,
  { size: number; before: number; after: number; italic?: boolean; color?: string }
> = {
  TITLE: { size: 26, before: 0, after: 3 },
  SUBTITLE: { size: 15, before: 0, after: 16, color: '666666' },
  HEADING1: { size: 20, before: 20, after: 6 },
  HEADING2: { size: 16, before: 18, after: 6 },
  HEADING3: { size: 14, before: 16, after: 4, color: '434343' },
  HEADING4: { size: 12, before: 14, after: 4, color: '666666' },
  HEADING5: { size: 11, before: 12, after: 4, color: '666666' },
  HEADING6: { size: 11, before: 12, after: 4, italic: true, color: '666666' },
};

const HEADING_LEVELS: Record<string, (typeof HeadingLevel)[keyof typeof HeadingLevel]> = {
  TITLE: HeadingLevel.TITLE,
  HEADING1: HeadingLevel.HEADING_1,
  HEADING2: HeadingLevel.HEADING_2,
  HEADING3: HeadingLevel.HEADING_3,
  HEADING4: HeadingLevel.HEADING_4,
  HEADING5: HeadingLevel.HEADING_5,
  HEADING6: HeadingLevel.HEADING_6,
};

const ALIGN: Record<string, (typeof AlignmentType)[keyof typeof AlignmentType]> = {
  LEFT: AlignmentType.LEFT,
  CENTER: AlignmentType.CENTER,
  RIGHT: AlignmentType.RIGHT,
  JUSTIFY: AlignmentType.JUSTIFIED,
};

const V_ALIGN: Record<string, (typeof VerticalAlignTable)[keyof typeof VerticalAlignTable]> = {
  TOP: VerticalAlignTable.TOP,
  CENTER: VerticalAlignTable.CENTER,
  BOTTOM: VerticalAlignTable.BOTTOM,
};

/** List glyphs → a numbering level's format and text (`%n` is the level's number). */
const GLYPHS: Record<
  string,
  { format: (typeof LevelFormat)[keyof typeof LevelFormat]; text: string }
> = {
  BULLET: { format: LevelFormat.BULLET, text: '\u25CF' },
  HOLLOW_BULLET: { format: LevelFormat.BULLET, text: '\u25CB' },
  SQUARE_BULLET: { format: LevelFormat.BULLET, text: '\u25A0' },
  NUMBER: { format: LevelFormat.DECIMAL, text: '%n.' },
  LATIN_UPPER: { format: LevelFormat.UPPER_LETTER, text: '%n.' },
  LATIN_LOWER: { format: LevelFormat.LOWER_LETTER, text: '%n.' },
  ROMAN_UPPER: { format: LevelFormat.UPPER_ROMAN, text: '%n.' },
  ROMAN_LOWER: { format: LevelFormat.LOWER_ROMAN, text: '%n.' },
};

const num = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? v : undefined;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const flag = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined);

/** Numbering: one definition per glyph type; each Docs list id is its own instance, counted apart. */
class Lists {
  private readonly instances = new Map<string, number>();
  readonly used = new Set<string>();

  numbering(attrs: AttributesSnapshot): {
    reference: string;
    level: number;
    instance: number;
    custom: true;
  } {
    const glyph = GLYPHS[String(attrs.GLYPH_TYPE)] ? String(attrs.GLYPH_TYPE) : 'BULLET';
    const listId = String(attrs.LIST_ID ?? '');
    let instance = this.instances.get(listId);
    if (instance === undefined) {
      instance = this.instances.size + 1;
      this.instances.set(listId, instance);
    }
    this.used.add(glyph);
    const level = Math.min(Math.max(num(attrs.NESTING_LEVEL) ?? 0, 0), 8);
    // custom: no implicit ListParagraph style, whose indent and spacing Docs lists do not have.
    return { reference: `glyph-${glyph}`, level, instance, custom: true };
  }

  config(): { reference: string; levels: ILevelsOptions[] }[] {
    return [...this.used].map((glyph) => ({
      reference: `glyph-${glyph}`,
      levels: Array.from({ length: 9 }, (_, level) => ({
        level,
        format: GLYPHS[glyph].format,
        text: GLYPHS[glyph].text.replace('%n', `%${level + 1}`),
        alignment: AlignmentType.LEFT,
        // Docs' default list indents: text at 36 pt a level, the glyph 18 pt before it.
        style: {
          paragraph: { indent: { left: twips(36 * (level + 1)), hanging: twips(18) } },
        },
      })),
    }));
  }
}

/** Text attributes → Word run properties; unset ones inherit from the paragraph style. */
function runProps(a: AttributesSnapshot): IRunOptions {
  const link = str(a.LINK_URL);
  const size = num(a.FONT_SIZE);
  const color = str(a.FOREGROUND_COLOR);
  const background = str(a.BACKGROUND_COLOR);
  const font = str(a.FONT_FAMILY);
  const underline = flag(a.UNDERLINE) ?? (link ? true : undefined);
  return {
    ...(flag(a.BOLD) !== undefined ? { bold: flag(a.BOLD) } : {}),
    ...(flag(a.ITALIC) !== undefined ? { italics: flag(a.ITALIC) } : {}),
    ...(flag(a.STRIKETHROUGH) !== undefined ? { strike: flag(a.STRIKETHROUGH) } : {}),
    ...(underline ? { underline: { type: UnderlineType.SINGLE } } : {}),
    ...(size !== undefined ? { size: Math.round(size * 2) } : {}),
    ...(font ? { font } : {}),
    ...(color ? { color: hex(color) } : link ? { color: LINK_COLOR } : {}),
    ...(background
      ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: hex(background) } }
      : {}),
  };
}

/** One run's text as Word runs: `\r` (a line break inside a Docs paragraph) and tabs kept. */
function textRuns(run: RunSnapshot): TextRun[] {
  const props = runProps(run.attributes);
  return xmlSafe(run.text)
    .split('\r')
    .map((line, i) => {
      const children: (string | Tab)[] = [];
      line.split('\t').forEach((part, j) => {
        if (j > 0) children.push(new Tab());
        if (part !== '') children.push(part);
      });
      return new TextRun({ ...props, ...(i > 0 ? { break: 1 } : {}), children });
    });
}

/** Runs in order, consecutive runs with one link URL wrapped in one hyperlink. */
function inlineChildren(runs: RunSnapshot[]): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  for (let i = 0; i < runs.length; ) {
    const link = str(runs[i].attributes.LINK_URL);
    if (!link) {
      out.push(...textRuns(runs[i]));
      i++;
      continue;
    }
    const children: TextRun[] = [];
    while (i < runs.length && runs[i].attributes.LINK_URL === link)
      children.push(...textRuns(runs[i++]));
    out.push(new ExternalHyperlink({ link, children }));
  }
  return out;
}

/** Docs measures the first line from the margin, as the other lines; Word relative to them. */
function indent(p: ParagraphSnapshot): Record<string, number> | undefined {
  const a = p.attributes;
  const start = num(a.INDENT_START);
  const end = num(a.INDENT_END);
  const first = num(a.INDENT_FIRST_LINE);
  if (start === undefined && end === undefined && first === undefined) return undefined;
  // A list item without its own start keeps its numbering level's indents.
  const list = p.type === 'LIST_ITEM';
  const level = num(a.NESTING_LEVEL) ?? 0;
  const left = start ?? (list ? 36 * (level + 1) : 0);
  const firstLine = first ?? (list ? left - 18 : left);
  const out: Record<string, number> = { left: twips(left) };
  if (end !== undefined) out.right = twips(end);
  if (firstLine >= left) out.firstLine = twips(firstLine - left);
  else out.hanging = twips(left - firstLine);
  return out;
}

function paragraph(p: ParagraphSnapshot, lists: Lists): Paragraph {
  const a = p.attributes;
  const heading = String(a.HEADING ?? 'NORMAL');
  const before = num(a.SPACING_BEFORE);
  const after = num(a.SPACING_AFTER);
  const line = num(a.LINE_SPACING);
  const children: ParagraphChild[] = [];
  let rule = false;
  for (const child of p.children) {
    if (child.type === 'TEXT') children.push(...inlineChildren(child.runs));
    else if (child.type === 'PAGE_BREAK') children.push(new PageBreak());
    else rule = true;
  }
  const ind = indent(p);
  return new Paragraph({
    children,
    ...(HEADING_LEVELS[heading] ? { heading: HEADING_LEVELS[heading] } : {}),
    ...(heading === 'SUBTITLE' ? { style: 'Subtitle' } : {}),
    ...(ALIGN[String(a.HORIZONTAL_ALIGNMENT)]
      ? { alignment: ALIGN[String(a.HORIZONTAL_ALIGNMENT)] }
      : {}),
    ...(ind ? { indent: ind } : {}),
    ...(before !== undefined || after !== undefined || line !== undefined
      ? {
          spacing: {
            ...(before !== undefined ? { before: twips(before) } : {}),
            ...(after !== undefined ? { after: twips(after) } : {}),
            ...(line !== undefined
              ? { line: Math.round(line * 240), lineRule: LineRuleType.AUTO }
              : {}),
          },
        }
      : {}),
    ...(p.type === 'LIST_ITEM' ? { numbering: lists.numbering(a) } : {}),
    ...(rule ? { thematicBreak: true } : {}),
    ...(a.KEEP_WITH_NEXT === true ? { keepNext: true } : {}),
    ...(a.KEEP_LINES_TOGETHER === true ? { keepLines: true } : {}),
    // The paragraph mark takes the style new text would: it sets an empty line's height.
    run: runProps(p.textStyle),
  });
}

/** Column widths in points: set ones as set, the rest share what is left of `available`. */
function columnWidths(t: TableSnapshot, available: number): number[] {
  const columns = Math.max(0, ...t.rows.map((r) => r.cells.length));
  const set = Array.from(
    { length: columns },
    (_, c) =>
      t.columnWidths[c] ??
      t.rows.map((r) => num(r.cells[c]?.attributes.WIDTH)).find((w) => w !== undefined) ??
      null,
  );
  const known = set.reduce<number>((s, w) => s + (w ?? 0), 0);
  const free = set.filter((w) => w === null).length;
  const share = free > 0 ? Math.max((available - known) / free, 36) : 0;
  return set.map((w) => w ?? share);
}

function table(t: TableSnapshot, available: number, lists: Lists): Table {
  const widths = columnWidths(t, available);
  const borderWidth = num(t.attributes.BORDER_WIDTH) ?? 1;
  const borderColor = hex(str(t.attributes.BORDER_COLOR) ?? '#000000');
  // Width 0 is how Apps Script hides a table's lines: no border at all, not a hairline.
  const edge =
    borderWidth > 0
      ? {
          style: BorderStyle.SINGLE,
          size: Math.min(Math.max(Math.round(borderWidth * 8), 2), 96),
          color: borderColor,
        }
      : { style: BorderStyle.NONE, size: 0, color: 'auto' };
  // Rows pinned through the Docs API repeat on every page; a ruled table's rows move whole to the
  // next page (a row too long for a page may still split); a borderless layout table (the header
  // block, the signature columns with their titles) never splits across a page.
  const ruled = borderWidth > 0;
  const rows = t.rows.map((r) => {
    const minHeight = num(r.attributes.MINIMUM_HEIGHT);
    return new TableRow({
      ...(minHeight ? { height: { value: twips(minHeight), rule: HeightRule.ATLEAST } } : {}),
      ...(r.attributes.TABLE_HEADER === true ? { tableHeader: true } : {}),
      ...(!ruled || rowText(r).length <= WHOLE_ROW ? { cantSplit: true } : {}),
      children: r.cells.map((cell, c) => {
        const a = cell.attributes;
        const pad = {
          top: num(a.PADDING_TOP) ?? CELL_PADDING,
          bottom: num(a.PADDING_BOTTOM) ?? CELL_PADDING,
          left: num(a.PADDING_LEFT) ?? CELL_PADDING,
          right: num(a.PADDING_RIGHT) ?? CELL_PADDING,
        };
        const width = widths[c] ?? 36;
        const children = blocks(cell.children, width - pad.left - pad.right, lists);
        // Word needs a paragraph last in every cell.
        if (children.length === 0 || children[children.length - 1] instanceof Table)
          children.push(new Paragraph({}));
        const background = str(a.BACKGROUND_COLOR);
        const valign = V_ALIGN[String(a.VERTICAL_ALIGNMENT)];
        return new TableCell({
          children,
          width: { size: twips(width), type: WidthType.DXA },
          margins: {
            top: twips(pad.top),
            bottom: twips(pad.bottom),
            left: twips(pad.left),
            right: twips(pad.right),
          },
          ...(background
            ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: hex(background) } }
            : {}),
          ...(valign ? { verticalAlign: valign } : {}),
        });
      }),
    });
  });
  return new Table({
    rows,
    columnWidths: widths.map(twips),
    width: { size: twips(widths.reduce((s, w) => s + w, 0)), type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    borders: {
      top: edge,
      bottom: edge,
      left: edge,
      right: edge,
      insideHorizontal: edge,
      insideVertical: edge,
    },
  });
}

function blocks(list: BlockSnapshot[], available: number, lists: Lists): (Paragraph | Table)[] {
  return list.map((b) => (b.type === 'TABLE' ? table(b, available, lists) : paragraph(b, lists)));
}

// A row with more text than this could fill a page: it is let split rather than pushed off it.
const WHOLE_ROW = 1500;

function rowText(r: TableSnapshot['rows'][number]): string {
  return r.cells.map((c) => c.text).join('');
}

function pageNumberParagraph(): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    children: [
      new TextRun({ children: [PageNumber.CURRENT], size: PAGE_NUMBER_SIZE * 2, font: FONT }),
    ],
  });
}

/** Options of the .docx export. */
export interface DocxOptions {
  /** Page numbers top centre from page 2 on (Nghị định 30/2020); default true. */
  pageNumbers?: boolean;
}

/** Builds a .docx of `snap` (from `snapshotDocument(doc)`), page-numbered from page 2 unless told not to. */
export async function documentToDocx(
  snap: DocumentSnapshot,
  options: DocxOptions = {},
): Promise<Buffer> {
  const lists = new Lists();
  const page = snap.page;
  const textWidth = page.width - page.marginLeft - page.marginRight;
  const body = blocks(snap.body, textWidth, lists);
  // A section must hold something; Docs always has at least one paragraph.
  if (body.length === 0) body.push(new Paragraph({}));
  const numbered = options.pageNumbers !== false;
  const landscape = page.width > page.height;
  // Each header or footer part gets its own elements (docx elements belong to one part), ending
  // in a paragraph as Word requires.
  const own = (section: BlockSnapshot[] | null): (Paragraph | Table)[] => {
    const out = section ? blocks(section, textWidth, lists) : [];
    if (out.length === 0 || out[out.length - 1] instanceof Table) out.push(new Paragraph({}));
    return out;
  };
  const headers = numbered
    ? {
        default: new Header({
          children: [pageNumberParagraph(), ...(snap.header ? own(snap.header) : [])],
        }),
        first: new Header({ children: own(snap.header) }),
      }
    : snap.header
      ? { default: new Header({ children: own(snap.header) }) }
      : undefined;
  // With a different first page, the first page's footer must be given too or it is blank.
  const footers = snap.footer
    ? {
        default: new Footer({ children: own(snap.footer) }),
        ...(numbered ? { first: new Footer({ children: own(snap.footer) }) } : {}),
      }
    : undefined;

  const headingStyles = Object.fromEntries(
    Object.entries(HEADINGS)
      .filter(([name]) => name !== 'SUBTITLE')
      .map(([name, h]) => [
        name === 'TITLE' ? 'title' : `heading${name.slice(-1)}`,
        {
          run: {
            font: FONT,
            size: h.size * 2,
            bold: false,
            italics: h.italic === true,
            color: h.color ?? '000000',
          },
          paragraph: {
            spacing: { before: twips(h.before), after: twips(h.after) },
            keepNext: true,
            keepLines: true,
          },
        },
      ]),
  );
  const subtitle = HEADINGS.SUBTITLE;

  const doc = new Document({
    title: xmlSafe(snap.name),
    creator: 'kiem-tra-cong-vu',
    styles: {
      default: {
        document: {
          run: { font: FONT, size: DEFAULT_SIZE * 2, language: { value: 'vi-VN' } },
          paragraph: {
            spacing: {
              before: 0,
              after: 0,
              line: Math.round(DEFAULT_LINE_SPACING * 240),
              lineRule: LineRuleType.AUTO,
            },
          },
        },
        ...headingStyles,
      },
      paragraphStyles: [
        {
          id: 'Subtitle',
          name: 'Subtitle',
          basedOn: 'Normal',
          next: 'Normal',
          quickFormat: true,
          run: { font: FONT, size: subtitle.size * 2, color: subtitle.color },
          paragraph: {
            spacing: { before: twips(subtitle.before), after: twips(subtitle.after) },
            keepNext: true,
          },
        },
      ],
    },
    numbering: { config: lists.config() },
    sections: [
      {
        properties: {
          page: {
            // docx swaps the two for landscape, so they are given portrait-wise.
            size: {
              width: twips(Math.min(page.width, page.height)),
              height: twips(Math.max(page.width, page.height)),
              orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
            },
            margin: {
              top: twips(page.marginTop),
              bottom: twips(page.marginBottom),
              left: twips(page.marginLeft),
              right: twips(page.marginRight),
              // Docs' header and footer sit 0.5 in from the page edge.
              header: twips(36),
              footer: twips(36),
            },
          },
          ...(numbered ? { titlePage: true } : {}),
        },
        ...(headers ? { headers } : {}),
        ...(footers ? { footers } : {}),
        children: body,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
