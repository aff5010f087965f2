// The document model: nodes, tree edits, text runs and attributes (no Apps Script surface).
import {
  ATTRIBUTES,
  EMPTY,
  ENUM_ATTRS,
  enumValueName,
  OWN_KEYS,
  type Style,
  TEXT_KEYS,
  type Value,
} from './helpers';

export interface TextNode {
  kind: 'TEXT';
  text: string;
  /** One style per UTF-16 code unit, as Apps Script offsets count. */
  styles: Style[];
}
export interface MarkNode {
  kind: 'PAGE_BREAK' | 'HORIZONTAL_RULE';
}
export type InlineNode = TextNode | MarkNode;
export interface ParaNode {
  kind: 'PARAGRAPH' | 'LIST_ITEM';
  attrs: Style;
  /** The style new text takes when there is no character to inherit from. */
  textStyle: Style;
  inlines: InlineNode[];
}
export interface CellNode {
  kind: 'TABLE_CELL';
  attrs: Style;
  blocks: BlockNode[];
}
export interface RowNode {
  kind: 'TABLE_ROW';
  attrs: Style;
  cells: CellNode[];
}
export interface TableNode {
  kind: 'TABLE';
  attrs: Style;
  columnWidths: Record<number, number>;
  rows: RowNode[];
}
export type BlockNode = ParaNode | TableNode;
export interface SectionNode {
  kind: 'BODY_SECTION' | 'HEADER_SECTION' | 'FOOTER_SECTION';
  attrs: Style;
  blocks: BlockNode[];
}
export type ContainerNode = SectionNode | CellNode;
export type Node = InlineNode | ParaNode | CellNode | RowNode | TableNode | SectionNode;

export interface DocModel {
  body: SectionNode;
  header: SectionNode | null;
  footer: SectionNode | null;
}

/** Letter, 1-inch margins: a new Doc's page (U: the account's locale may pick A4). */
export const DEFAULT_PAGE: Style = Object.freeze({
  PAGE_WIDTH: 612,
  PAGE_HEIGHT: 792,
  MARGIN_TOP: 72,
  MARGIN_BOTTOM: 72,
  MARGIN_LEFT: 72,
  MARGIN_RIGHT: 72,
});

/** Who holds whom; kept beside the model so the model stays plain data. */
export const parents = new WeakMap<Node, Node>();

export function kidsOf(node: Node): Node[] | null {
  switch (node.kind) {
    case 'PARAGRAPH':
    case 'LIST_ITEM':
      return node.inlines;
    case 'TABLE':
      return node.rows;
    case 'TABLE_ROW':
      return node.cells;
    case 'TABLE_CELL':
    case 'BODY_SECTION':
    case 'HEADER_SECTION':
    case 'FOOTER_SECTION':
      return node.blocks;
    default:
      return null;
  }
}

export function attach(parent: Node, child: Node, index?: number): void {
  const kids = kidsOf(parent)!;
  kids.splice(index ?? kids.length, 0, child);
  parents.set(child, parent);
}

export function detach(child: Node): void {
  const parent = parents.get(child);
  if (!parent) return;
  const kids = kidsOf(parent)!;
  const i = kids.indexOf(child);
  if (i >= 0) kids.splice(i, 1);
  parents.delete(child);
}

export function patchStyle(style: Style, patch: Record<string, Value | null>): Style {
  const out: Record<string, Value> = { ...style };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = v;
  }
  return Object.freeze(out);
}

export function styleKey(style: Style): string {
  return JSON.stringify(
    Object.keys(style)
      .sort()
      .map((k) => [k, style[k]]),
  );
}

export function textOnly(style: Style): Style {
  const out: Record<string, Value> = {};
  for (const [k, v] of Object.entries(style)) if (TEXT_KEYS.has(k)) out[k] = v;
  return Object.freeze(out);
}

/** Paragraphs may not hold `\n`; it becomes `\r` (V, DT/document Paragraph). */
export const lineBreaks = (text: string): string => text.replace(/\n/g, '\r');

export function newText(text: string, style: Style): TextNode {
  return { kind: 'TEXT', text, styles: new Array<Style>(text.length).fill(style) };
}

export function newParagraph(
  kind: ParaNode['kind'],
  text: string,
  textStyle: Style = EMPTY,
): ParaNode {
  const p: ParaNode = { kind, attrs: EMPTY, textStyle, inlines: [] };
  const clean = lineBreaks(text);
  if (clean !== '') attach(p, newText(clean, textStyle));
  return p;
}

export function newCell(text: string): CellNode {
  const cell: CellNode = { kind: 'TABLE_CELL', attrs: EMPTY, blocks: [] };
  for (const line of text.split('\n')) attach(cell, newParagraph('PARAGRAPH', line));
  return cell;
}

function newRow(cells: string[]): RowNode {
  const row: RowNode = { kind: 'TABLE_ROW', attrs: EMPTY, cells: [] };
  for (const c of cells) attach(row, newCell(c));
  return row;
}

/** A table from strings; ragged rows are padded with empty cells (U). No argument: no rows (GF notes/oddities.md). */
export function newTable(cells: string[][] | null): TableNode {
  const table: TableNode = { kind: 'TABLE', attrs: EMPTY, columnWidths: {}, rows: [] };
  if (cells) {
    const width = Math.max(0, ...cells.map((r) => r.length));
    for (const r of cells) attach(table, newRow([...r, ...new Array(width - r.length).fill('')]));
  }
  return table;
}

export function newSection(kind: SectionNode['kind'], attrs: Style = EMPTY): SectionNode {
  const s: SectionNode = { kind, attrs, blocks: [] };
  // A new section holds one empty paragraph (GF notes/oddities.md: a new body has 1 child).
  attach(s, newParagraph('PARAGRAPH', ''));
  return s;
}

/** A deep copy, with its own parent links. */
export function cloneNode<T extends Node>(node: T): T {
  switch (node.kind) {
    case 'TEXT':
      return { ...node, styles: node.styles.slice() };
    case 'PAGE_BREAK':
    case 'HORIZONTAL_RULE':
      return { ...node };
    case 'TABLE': {
      const copy = { ...node, columnWidths: { ...node.columnWidths }, rows: [] } as TableNode;
      for (const r of node.rows) attach(copy, cloneNode(r));
      return copy as T;
    }
    default: {
      const copy = { ...node } as Node;
      const kids = kidsOf(node)!;
      if (copy.kind === 'TABLE_ROW') copy.cells = [];
      else if (copy.kind === 'PARAGRAPH' || copy.kind === 'LIST_ITEM') copy.inlines = [];
      else (copy as ContainerNode).blocks = [];
      for (const k of kids) attach(copy, cloneNode(k));
      return copy as T;
    }
  }
}

export function cloneModel(m: DocModel): DocModel {
  return {
    body: cloneNode(m.body),
    header: m.header && cloneNode(m.header),
    footer: m.footer && cloneNode(m.footer),
  };
}

/** Every paragraph and list item under `node`, in document order (into tables too). */
export function paragraphsOf(node: Node): ParaNode[] {
  if (node.kind === 'PARAGRAPH' || node.kind === 'LIST_ITEM') return [node];
  const kids = kidsOf(node);
  return kids ? kids.flatMap(paragraphsOf) : [];
}

export function tablesOf(node: Node): TableNode[] {
  const kids = kidsOf(node);
  if (!kids || node.kind === 'PARAGRAPH' || node.kind === 'LIST_ITEM') return [];
  return kids.flatMap((k) => (k.kind === 'TABLE' ? [k, ...tablesOf(k)] : tablesOf(k)));
}

export function textNodesOf(p: ParaNode): TextNode[] {
  return p.inlines.filter((i): i is TextNode => i.kind === 'TEXT');
}

export function paragraphOfText(node: TextNode): ParaNode | null {
  const p = parents.get(node);
  return p && (p.kind === 'PARAGRAPH' || p.kind === 'LIST_ITEM') ? p : null;
}

/** The style new text at the end of `p` takes: the last character's, without its link (U). */
export function trailingStyle(p: ParaNode | null, node?: TextNode): Style {
  const source =
    node ??
    (p
      ? textNodesOf(p)
          .filter((t) => t.text !== '')
          .pop()
      : undefined);
  const last = source?.styles[source.styles.length - 1];
  const style = last ?? p?.textStyle ?? EMPTY;
  return style.LINK_URL === undefined ? style : patchStyle(style, { LINK_URL: null });
}

// ---------------------------------------------------------------------------------------------
// Text views: a Text element is one text run, a paragraph's text (editAsText) or a container's
// text with `\n` between paragraphs.

export type TextHost = TextNode | ParaNode | ContainerNode | TableNode | RowNode;
/** One character of a view: where it is stored, or null for a `\n` between paragraphs. */
type Slot = { node: TextNode; index: number } | null;

export function slotsOf(host: TextHost): Slot[] {
  if (host.kind === 'TEXT') return Array.from(host.text, (_, index) => ({ node: host, index }));
  const out: Slot[] = [];
  paragraphsOf(host).forEach((p, i) => {
    if (i > 0) out.push(null);
    for (const node of textNodesOf(p))
      for (let index = 0; index < node.text.length; index++) out.push({ node, index });
  });
  return out;
}

export function textOf(host: TextHost): string {
  if (host.kind === 'TEXT') return host.text;
  return paragraphsOf(host)
    .map((p) =>
      textNodesOf(p)
        .map((t) => t.text)
        .join(''),
    )
    .join('\n');
}

export function stylesOf(host: TextHost): Style[] {
  return slotsOf(host)
    .filter((s): s is NonNullable<Slot> => s !== null)
    .map((s) => s.node.styles[s.index]);
}

/** Applies `patch` to the characters `start…end` (inclusive) of a view. */
export function styleRange(
  host: TextHost,
  start: number,
  end: number,
  patch: Record<string, Value | null>,
): void {
  const slots = slotsOf(host);
  for (let i = start; i <= end; i++) {
    const s = slots[i];
    if (s) s.node.styles[s.index] = patchStyle(s.node.styles[s.index], patch);
  }
}

/** Applies `patch` to all of a view, and to what its paragraphs will take for new text. */
export function styleAll(host: TextHost, patch: Record<string, Value | null>): void {
  const slots = slotsOf(host);
  styleRange(host, 0, slots.length - 1, patch);
  if (host.kind !== 'TEXT')
    for (const p of paragraphsOf(host)) p.textStyle = patchStyle(p.textStyle, patch);
}

function insertChars(node: TextNode, index: number, text: string, style: Style): void {
  node.text = node.text.slice(0, index) + text + node.text.slice(index);
  node.styles = node.styles
    .slice(0, index)
    .concat(new Array<Style>(text.length).fill(style), node.styles.slice(index));
}

/** Adds text at the end of a view; a container's goes to its last paragraph. */
export function appendToHost(host: TextHost, text: string): void {
  const clean = lineBreaks(text);
  if (host.kind === 'TEXT') {
    insertChars(host, host.text.length, clean, trailingStyle(paragraphOfText(host), host));
    return;
  }
  const p = paragraphsOf(host).pop();
  if (!p) return;
  const last = textNodesOf(p).pop();
  if (last) insertChars(last, last.text.length, clean, trailingStyle(p));
  else attach(p, newText(clean, p.textStyle));
}

/** Inserts text before the character at `offset` (or at the end), taking the previous character's style. */
export function insertIntoHost(host: TextHost, offset: number, text: string): void {
  const clean = lineBreaks(text);
  const slots = slotsOf(host);
  const before = offset > 0 ? slots[offset - 1] : null;
  if (before) {
    insertChars(before.node, before.index + 1, clean, before.node.styles[before.index]);
    return;
  }
  const at = slots[offset];
  if (at) {
    insertChars(at.node, at.index, clean, at.node.styles[at.index]);
    return;
  }
  // An empty paragraph (at the start of the view, or right after a `\n`).
  const paras = host.kind === 'TEXT' ? [] : paragraphsOf(host);
  const index = slots.slice(0, offset).filter((s) => s === null).length;
  const p = paras[index];
  if (host.kind === 'TEXT') insertChars(host, 0, clean, trailingStyle(paragraphOfText(host)));
  else if (p) attach(p, newText(clean, p.textStyle));
}

/** Deletes characters `start…end` (inclusive); `\n` between paragraphs stay (U: live merges them). */
export function deleteFromHost(host: TextHost, start: number, end: number): void {
  const slots = slotsOf(host).slice(start, end + 1);
  // Delete from the end so earlier indexes stay valid.
  for (let i = slots.length - 1; i >= 0; i--) {
    const s = slots[i];
    if (!s) continue;
    s.node.text = s.node.text.slice(0, s.index) + s.node.text.slice(s.index + 1);
    s.node.styles.splice(s.index, 1);
  }
  pruneEmptyText(host);
}

function pruneEmptyText(host: TextHost): void {
  if (host.kind === 'TEXT') return;
  for (const p of paragraphsOf(host)) for (const t of textNodesOf(p)) if (t.text === '') detach(t);
}

/** Replaces a paragraph's text with one run in the first character's style. */
export function setParagraphText(p: ParaNode, text: string): void {
  const style = textNodesOf(p)[0]?.styles[0] ?? p.textStyle;
  for (const i of p.inlines.slice()) detach(i);
  const clean = lineBreaks(text);
  if (clean !== '') attach(p, newText(clean, style));
}

/** A container's text becomes one paragraph per line; the first keeps its attributes (U). */
export function setContainerText(c: ContainerNode, text: string): void {
  const first = c.blocks.find((b): b is ParaNode => b.kind !== 'TABLE');
  for (const b of c.blocks.slice()) detach(b);
  text.split('\n').forEach((line, i) => {
    const p = newParagraph('PARAGRAPH', '');
    if (i === 0 && first) {
      p.kind = first.kind;
      p.attrs = first.attrs;
      p.textStyle = first.textStyle;
    }
    setParagraphText(p, line);
    if (i === 0 && first && p.inlines[0]?.kind === 'TEXT') {
      const t = p.inlines[0];
      t.styles.fill(textNodesOf(first)[0]?.styles[0] ?? first.textStyle);
    }
    attach(c, p);
  });
}

/** Regex replacement within each paragraph; replaced text takes the first matched character's style. */
export function replaceInHost(host: TextHost, pattern: string, replacement: string): void {
  const re = new RegExp(pattern, 'g');
  const paras = host.kind === 'TEXT' ? [] : paragraphsOf(host);
  const units: { nodes: TextNode[] }[] =
    host.kind === 'TEXT' ? [{ nodes: [host] }] : paras.map((p) => ({ nodes: textNodesOf(p) }));
  for (const { nodes } of units) {
    const chars: { ch: string; style: Style; owner: number }[] = [];
    nodes.forEach((n, owner) => {
      for (let i = 0; i < n.text.length; i++)
        chars.push({ ch: n.text[i], style: n.styles[i], owner });
    });
    const text = chars.map((c) => c.ch).join('');
    const out: typeof chars = [];
    let last = 0;
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      if (m[0] === '') {
        re.lastIndex++;
        continue;
      }
      out.push(...chars.slice(last, m.index));
      const first = chars[m.index];
      const replaced = lineBreaks(m[0].replace(new RegExp(pattern), replacement));
      for (const ch of replaced) out.push({ ch, style: first.style, owner: first.owner });
      last = m.index + m[0].length;
    }
    if (last === 0) continue;
    out.push(...chars.slice(last));
    nodes.forEach((n, owner) => {
      const mine = out.filter((c) => c.owner === owner);
      n.text = mine.map((c) => c.ch).join('');
      n.styles = mine.map((c) => c.style);
    });
  }
  pruneEmptyText(host);
}

// ---------------------------------------------------------------------------------------------
// Attributes.

/** Normalizes one attribute value: null clears, enums are stored by name (strings accepted, U). */
export function normalizeValue(key: string, value: unknown): Value | null | undefined {
  if (value === null || value === undefined) return null;
  const table = ENUM_ATTRS[key];
  if (table) {
    const name = enumValueName(table, value) ?? (typeof value === 'string' ? value : undefined);
    return name !== undefined && name in table ? name : undefined;
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return value;
  return undefined;
}

/**
 * `setAttributes` on an element: its own keys are stored on it; text keys go to all its text (for
 * the body: GF notes/oddities.md, existing paragraphs take text attributes only). Keys that fit
 * neither are ignored (U).
 */
export function applyAttributes(node: Node, attrs: Record<string, unknown>): void {
  const own = OWN_KEYS[node.kind];
  const ownPatch: Record<string, Value | null> = {};
  const textPatch: Record<string, Value | null> = {};
  for (const [key, raw] of Object.entries(attrs)) {
    if (!(ATTRIBUTES as readonly string[]).includes(key)) continue;
    const value = normalizeValue(key, raw);
    if (value === undefined) continue;
    if (own.has(key)) ownPatch[key] = value;
    else if (TEXT_KEYS.has(key)) textPatch[key] = value;
  }
  if (Object.keys(ownPatch).length > 0)
    (node as { attrs: Style }).attrs = patchStyle((node as { attrs: Style }).attrs, ownPatch);
  if (
    Object.keys(textPatch).length > 0 &&
    node.kind !== 'PAGE_BREAK' &&
    node.kind !== 'HORIZONTAL_RULE'
  )
    styleAll(node as TextHost, textPatch);
}

/** The value for a key across characters: shared value, or null when mixed or unset. */
export function uniform(styles: Style[], key: string, fallback?: Style): Value | null {
  if (styles.length === 0) return fallback?.[key] ?? null;
  const first = styles[0][key];
  for (const s of styles) if (s[key] !== first) return null;
  return first ?? null;
}

export function outValue(key: string, value: Value | null | undefined): unknown {
  if (value === null || value === undefined) return null;
  const table = ENUM_ATTRS[key];
  return table ? (table[String(value)] ?? null) : value;
}

/** `getAttributes()`: the element's own keys and the text keys, null where unset or mixed. */
export function readAttributes(node: Node): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const own = (node as { attrs?: Style }).attrs ?? EMPTY;
  for (const key of OWN_KEYS[node.kind]) out[key] = outValue(key, own[key]);
  if (node.kind === 'PARAGRAPH' || node.kind === 'LIST_ITEM')
    out.HEADING = outValue('HEADING', own.HEADING ?? 'NORMAL');
  if (node.kind !== 'PAGE_BREAK' && node.kind !== 'HORIZONTAL_RULE') {
    const styles = stylesOf(node as TextHost);
    const fallback =
      node.kind === 'PARAGRAPH' || node.kind === 'LIST_ITEM' ? node.textStyle : undefined;
    for (const key of TEXT_KEYS)
      if (!(key in out)) out[key] = outValue(key, uniform(styles, key, fallback));
  }
  return out;
}
