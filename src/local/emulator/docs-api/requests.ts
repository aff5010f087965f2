// The Docs API's batchUpdate requests the emulator knows: validated strictly, applied in order to a model.

import type { DocModel, ParaNode, RowNode, TextNode } from '../documents';
import type { Style, Value } from '../documents/helpers';
import {
  attach,
  deleteFromHost,
  insertIntoHost,
  newText,
  parents,
  patchStyle,
  slotsOf,
  styleRange,
  textNodesOf,
} from '../documents/model';
import { gasError } from '../errors';
import { type IndexedDocument, type IndexedParagraph, indexDocument } from './structure';

/*
 * Emulated request kinds: `insertText`, `deleteContentRange` (within one paragraph's text),
 * `updateTextStyle`, `updateParagraphStyle` and `pinTableHeaderRows`, with the fields listed
 * below. Any other kind, field, segment or tab is refused as "not emulated" rather than silently
 * ignored.
 *
 * Requests apply in order, each to the document as the ones before it left it (REF:
 * documents/batchUpdate: "The requests are validated before being applied ... applied in the
 * order they are specified"), and the batch is atomic ("If any request is not valid, then the
 * entire request will fail and nothing will be applied"): the caller applies them to a copy and
 * keeps it only when every request went through.
 *
 * Error texts follow Google's shape `Invalid requests[i].<kind>: <detail>` (C: seen in public
 * logs for Docs and Sheets); the details are U except the table-location one, the index-bound one
 * and the insertion one, quoted from live failures.
 */

/** One request: exactly one kind key. */
export type DocsRequest = Record<string, unknown>;

/** The paragraph-style fields emulated: the model key each sets and how the API's value reads. */
const PARAGRAPH_FIELDS: Record<string, { key: string; read: (v: unknown) => Value | undefined }> = {
  keepWithNext: { key: 'KEEP_WITH_NEXT', read: (v) => (typeof v === 'boolean' ? v : undefined) },
  keepLinesTogether: {
    key: 'KEEP_LINES_TOGETHER',
    read: (v) => (typeof v === 'boolean' ? v : undefined),
  },
  alignment: { key: 'HORIZONTAL_ALIGNMENT', read: (v) => ALIGNMENT[String(v)] },
  // The API's line spacing is a percentage (100 single); DocumentApp's a multiple.
  lineSpacing: {
    key: 'LINE_SPACING',
    read: (v) => (typeof v === 'number' && v >= 6 ? v / 100 : undefined),
  },
  spaceAbove: { key: 'SPACING_BEFORE', read: (v) => points(v) },
  spaceBelow: { key: 'SPACING_AFTER', read: (v) => points(v) },
  indentFirstLine: { key: 'INDENT_FIRST_LINE', read: (v) => points(v) },
};

/** The text-style fields emulated. */
const TEXT_FIELDS: Record<string, { key: string; read: (v: unknown) => Value | undefined }> = {
  bold: { key: 'BOLD', read: (v) => (typeof v === 'boolean' ? v : undefined) },
  italic: { key: 'ITALIC', read: (v) => (typeof v === 'boolean' ? v : undefined) },
  fontSize: { key: 'FONT_SIZE', read: (v) => points(v) },
  weightedFontFamily: { key: 'FONT_FAMILY', read: (v) => family(v) },
  foregroundColor: { key: 'FOREGROUND_COLOR', read: (v) => colour(v) },
};

const ALIGNMENT: Record<string, string> = {
  START: 'LEFT',
  CENTER: 'CENTER',
  END: 'RIGHT',
  JUSTIFIED: 'JUSTIFY',
};

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/** A Dimension in points (`{magnitude, unit: 'PT'}`, PT being the API's only unit). */
function points(v: unknown): number | undefined {
  if (!isObject(v) || v.unit !== 'PT' || typeof v.magnitude !== 'number') return undefined;
  return v.magnitude;
}

/** `{fontFamily, weight}`: the weight left out or 400; another weight is not modelled. */
function family(v: unknown): string | undefined {
  if (!isObject(v) || typeof v.fontFamily !== 'string' || v.fontFamily === '') return undefined;
  if (v.weight !== undefined && v.weight !== 400)
    throw notEmulated('a weightedFontFamily weight other than 400');
  return v.fontFamily;
}

/** An OptionalColor `{color: {rgbColor: {red, green, blue}}}` (0–1, absent 0) as `#rrggbb`. */
function colour(v: unknown): string | undefined {
  const rgb = isObject(v) && isObject(v.color) ? v.color.rgbColor : undefined;
  if (!isObject(rgb)) return undefined;
  const hex = (c: unknown) => {
    const n = c === undefined ? 0 : typeof c === 'number' && c >= 0 && c <= 1 ? c : Number.NaN;
    return Number.isNaN(n)
      ? ''
      : Math.round(n * 255)
          .toString(16)
          .padStart(2, '0');
  };
  const parts = [hex(rgb.red), hex(rgb.green), hex(rgb.blue)];
  return parts.includes('') ? undefined : `#${parts.join('')}`;
}

/** The error Google gives for an invalid request (a 400 from the API, through Apps Script). */
export function invalid(i: number, kind: string, detail: string): Error {
  return apiError(
    'batchUpdate',
    `Invalid requests[${i}]${kind ? `.${kind}` : ''}: ${detail}`,
    'GoogleJsonResponseException',
  );
}

/** An advanced-service error: `API call to docs.documents.<method> failed with error: <text>` (C). */
export function apiError(
  method: string,
  text: string,
  name = 'GoogleJsonResponseException',
): Error {
  const e = gasError(`API call to docs.documents.${method} failed with error: ${text}`);
  e.name = name;
  return e;
}

const notEmulated = (what: string): Error =>
  gasError(`Docs.Documents.batchUpdate: ${what} is not emulated`);

/** Refuses a segment or tab other than the body's: only the body is emulated. */
function bodyOnly(where: Record<string, unknown>, what: string): void {
  if (where.segmentId !== undefined && where.segmentId !== '')
    throw notEmulated(`${what} in a header, footer or footnote (segmentId)`);
  if (where.tabId !== undefined) throw notEmulated(`${what} with a tabId`);
}

/** Only the listed keys may appear in a request. */
function only(r: Record<string, unknown>, kind: string, keys: string[]): void {
  for (const k of Object.keys(r))
    if (!keys.includes(k)) throw notEmulated(`the ${kind} field ${k}`);
}

/** A request's `range`, checked against the document's bounds. */
function rangeOf(i: number, kind: string, r: Record<string, unknown>, doc: IndexedDocument) {
  const range = r.range;
  if (!isObject(range) || !isInt(range.startIndex) || !isInt(range.endIndex))
    throw invalid(i, kind, 'The range must have a start and an end index.');
  bodyOnly(range, kind);
  const { startIndex: start, endIndex: end } = range;
  if (start < 1) throw invalid(i, kind, `The start index (${start}) must be 1 or more.`);
  if (end <= start) throw invalid(i, kind, 'The range should not be empty.');
  if (end > doc.endIndex)
    throw invalid(
      i,
      kind,
      `Index ${end - 1} must be less than the end index of the referenced segment, ${doc.endIndex}.`,
    );
  return { start, end };
}

/** The paragraphs a range overlaps, all in one container (U: Google's rule across cells is not published). */
function paragraphsIn(
  i: number,
  kind: string,
  start: number,
  end: number,
  doc: IndexedDocument,
): IndexedParagraph[] {
  const paragraphs = doc.paragraphs.filter((p) => p.startIndex < end && p.endIndex > start);
  const containers = new Set(paragraphs.map((p) => p.container));
  if (paragraphs.length === 0 || containers.size > 1)
    throw invalid(i, kind, 'The range must lie within one segment or table cell.');
  return paragraphs;
}

/** The patch a style request makes: listed fields set, a listed field left unset back to its default. */
function patchOf(
  i: number,
  kind: string,
  r: Record<string, unknown>,
  styleKey: string,
  table: typeof TEXT_FIELDS,
  what: string,
): Record<string, Value | null> {
  const fields = typeof r.fields === 'string' ? r.fields.split(',').map((f) => f.trim()) : [];
  if (fields.filter((f) => f !== '').length === 0)
    throw invalid(i, kind, "At least one field must be listed in 'fields'.");
  for (const f of fields) if (!(f in table)) throw notEmulated(`the ${what} field ${f}`);
  const style = r[styleKey] ?? {};
  if (!isObject(style)) throw invalid(i, kind, `${styleKey} must be an object.`);
  const patch: Record<string, Value | null> = {};
  for (const f of fields) {
    const raw = style[f];
    // A listed field left unset goes back to its default (REF: Update*StyleRequest.fields).
    if (raw === undefined) {
      patch[table[f].key] = null;
      continue;
    }
    const v = table[f].read(raw);
    if (v === undefined)
      throw invalid(i, kind, `Invalid value at '${styleKey}.${f}' (${JSON.stringify(raw)}).`);
    patch[table[f].key] = v;
  }
  return patch;
}

// Characters insertText drops (REF: InsertTextRequest: "Some control characters (U+0000-U+0008,
// U+000C-U+001F) and characters from the Unicode Basic Multilingual Plane Private Use Area
// (U+E000-U+F8FF) will be stripped out of the inserted text").
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters Google strips.
const STRIPPED = /[\u0000-\u0008\u000c-\u001f\ue000-\uf8ff]/g;

/** The paragraph holding index `at` (its text or its newline), or undefined. */
const paragraphAt = (doc: IndexedDocument, at: number) =>
  doc.paragraphs.find((p) => p.startIndex <= at && at < p.endIndex);

/** Index arithmetic inside a paragraph holds only for text: page breaks and rules are refused. */
function textOnly(p: ParaNode, kind: string): void {
  if (p.inlines.some((x) => x.kind !== 'TEXT'))
    throw notEmulated(`${kind} in a paragraph with a page break or horizontal rule`);
}

/** The style text inserted at `offset` takes: the character before it, else after it, else the paragraph's. */
function styleAt(p: ParaNode, offset: number): Style {
  const slots = slotsOf(p);
  const s = slots[offset - 1] ?? slots[offset];
  return s ? s.node.styles[s.index] : p.textStyle;
}

/** Moves the text after `offset` into a new paragraph placed right after `p`; returns it. */
function splitAfter(p: ParaNode, offset: number): ParaNode {
  const tail: ParaNode = { kind: p.kind, attrs: p.attrs, textStyle: p.textStyle, inlines: [] };
  let left = offset;
  for (const t of textNodesOf(p)) {
    if (left >= t.text.length) {
      left -= t.text.length;
      continue;
    }
    const moved: TextNode = newText(t.text.slice(left), p.textStyle);
    moved.styles = t.styles.slice(left);
    t.text = t.text.slice(0, left);
    t.styles = t.styles.slice(0, left);
    attach(tail, moved);
    left = 0;
  }
  for (const t of textNodesOf(p)) if (t.text === '') p.inlines.splice(p.inlines.indexOf(t), 1);
  const container = parents.get(p) as { kind: string; blocks: unknown[] } | undefined;
  if (!container) throw new Error('paragraph without a container');
  attach(container as never, tail, container.blocks.indexOf(p) + 1);
  return tail;
}

/** insertText: newlines make paragraphs with the style of the one inserted into; `\u000b` is a line break. */
function insertText(i: number, r: unknown, doc: IndexedDocument): () => void {
  const kind = 'insertText';
  if (!isObject(r)) throw invalid(i, kind, 'The request must be an object.');
  only(r, kind, ['text', 'location']);
  if (typeof r.text !== 'string') throw invalid(i, kind, 'The text must be a string.');
  // U: Google's handling of an empty text is not published; refusing it is the stricter reading.
  if (r.text === '') throw invalid(i, kind, 'The text to insert must not be empty.');
  const loc = r.location;
  if (!isObject(loc) || !isInt(loc.index)) throw invalid(i, kind, 'The location must be set.');
  bodyOnly(loc, kind);
  const at = loc.index;
  const hit = paragraphAt(doc, at);
  // C: the text Google gives for an index at a table's start or outside any paragraph.
  if (!hit)
    throw invalid(
      i,
      kind,
      'The insertion index must be inside the bounds of an existing paragraph. You can still create new paragraphs by inserting newlines.',
    );
  const p = hit.node;
  textOnly(p, kind);
  const text = r.text.replace(STRIPPED, '');
  const offset = at - hit.startIndex;
  return () => {
    if (text === '') return;
    const style = styleAt(p, offset);
    const [first, ...more] = text.split('\n').map((s) => s.split('\u000b').join('\r'));
    const insert = (into: ParaNode, where: number, s: string) => {
      if (s === '') return;
      if (textNodesOf(into).length === 0) attach(into, newText(s, style));
      else {
        insertIntoHost(into, where, s);
        // insertIntoHost takes a neighbour's style; the API's rule picked `style` above.
        const slots = slotsOf(into);
        for (let k = where; k < where + s.length; k++) {
          const slot = slots[k];
          if (slot) slot.node.styles[slot.index] = style;
        }
      }
    };
    insert(p, offset, first);
    if (more.length === 0) return;
    // The original newline closes the last new paragraph; the new newlines take the inserted style.
    let tail = splitAfter(p, offset + first.length);
    const closing = tail.textStyle;
    p.textStyle = style;
    tail.textStyle = style;
    for (const s of more.slice(0, -1)) {
      insert(tail, 0, s);
      tail = splitAfter(tail, s.length);
    }
    insert(tail, 0, more[more.length - 1]);
    tail.textStyle = closing;
  };
}

/** deleteContentRange within one paragraph's text (its newline kept: merging paragraphs is not emulated). */
function deleteRange(i: number, r: unknown, doc: IndexedDocument): () => void {
  const kind = 'deleteContentRange';
  if (!isObject(r)) throw invalid(i, kind, 'The request must be an object.');
  only(r, kind, ['range']);
  const { start, end } = rangeOf(i, kind, r, doc);
  const hit = paragraphAt(doc, start);
  if (!hit || end > hit.endIndex - 1)
    throw notEmulated(`${kind} across a paragraph's newline or outside a paragraph`);
  textOnly(hit.node, kind);
  return () => deleteFromHost(hit.node, start - hit.startIndex, end - hit.startIndex - 1);
}

/** updateTextStyle: the characters in range, and a paragraph's own text style where its newline is in range. */
function updateTextStyle(i: number, r: unknown, doc: IndexedDocument): () => void {
  const kind = 'updateTextStyle';
  if (!isObject(r)) throw invalid(i, kind, 'The request must be an object.');
  only(r, kind, ['range', 'textStyle', 'fields']);
  const patch = patchOf(i, kind, r, 'textStyle', TEXT_FIELDS, 'text style');
  const { start, end } = rangeOf(i, kind, r, doc);
  const hits = paragraphsIn(i, kind, start, end, doc);
  for (const h of hits) textOnly(h.node, kind);
  return () => {
    for (const h of hits) {
      const from = Math.max(start, h.startIndex) - h.startIndex;
      const to = Math.min(end, h.endIndex - 1) - h.startIndex;
      if (to > from) styleRange(h.node, from, to - 1, patch);
      if (end >= h.endIndex) h.node.textStyle = patchStyle(h.node.textStyle, patch);
    }
  };
}

/** updateParagraphStyle on every paragraph the range overlaps. */
function updateParagraphStyle(i: number, r: unknown, doc: IndexedDocument): () => void {
  const kind = 'updateParagraphStyle';
  if (!isObject(r)) throw invalid(i, kind, 'The request must be an object.');
  only(r, kind, ['range', 'paragraphStyle', 'fields']);
  const patch = patchOf(i, kind, r, 'paragraphStyle', PARAGRAPH_FIELDS, 'paragraph style');
  const { start, end } = rangeOf(i, kind, r, doc);
  const hits = paragraphsIn(i, kind, start, end, doc);
  return () => {
    for (const h of hits) {
      // keepWithNext and keepLinesTogether are stored only when on.
      const p: Record<string, Value | null> = {};
      for (const [k, v] of Object.entries(patch))
        p[k] = v === false && k.startsWith('KEEP_') ? null : v;
      h.node.attrs = patchStyle(h.node.attrs, p);
    }
  };
}

function pinTableHeaderRows(i: number, r: unknown, doc: IndexedDocument): () => void {
  const kind = 'pinTableHeaderRows';
  if (!isObject(r)) throw invalid(i, kind, 'The request must be an object.');
  only(r, kind, ['tableStartLocation', 'pinnedHeaderRowsCount']);
  const loc = r.tableStartLocation;
  if (!isObject(loc) || !isInt(loc.index))
    throw invalid(i, kind, 'The table start location must be specified.');
  bodyOnly(loc, kind);
  const table = doc.tables.find((t) => t.startIndex === loc.index);
  // C: Google's text for insertTableColumn given an index that is not a table's start (a public
  // bug log, 2026); the same table-location check is assumed for pinTableHeaderRows.
  if (!table)
    throw invalid(
      i,
      kind,
      'Invalid table start location. Must specify the start index of the table.',
    );
  const count = r.pinnedHeaderRowsCount ?? 0;
  if (!isInt(count) || count < 0)
    throw invalid(i, kind, 'The number of pinned header rows must be zero or more.');
  // U: stricter than a silent clamp, which Google may do.
  if (count > table.node.rows.length)
    throw invalid(
      i,
      kind,
      `The number of pinned header rows (${count}) exceeds the number of rows in the table (${table.node.rows.length}).`,
    );
  const rows: RowNode[] = table.node.rows;
  return () =>
    rows.forEach((row, k) => {
      const { TABLE_HEADER: _, ...rest } = row.attrs;
      row.attrs = Object.freeze(k < count ? { ...rest, TABLE_HEADER: true } : rest);
    });
}

const KINDS: Record<string, (i: number, r: unknown, doc: IndexedDocument) => () => void> = {
  insertText,
  deleteContentRange: deleteRange,
  updateTextStyle,
  updateParagraphStyle,
  pinTableHeaderRows,
};

// Requests after which indexes move, so the next one is checked against a new index.
const MOVES = new Set(['insertText', 'deleteContentRange']);

/**
 * Checks and applies `requests` to `model` one after the other; throws the first problem. The
 * model may then be half changed: callers pass a copy and keep it only when this returns.
 */
export function applyRequests(requests: unknown, model: DocModel): void {
  if (!Array.isArray(requests))
    throw apiError('batchUpdate', "Invalid JSON payload received. 'requests' must be a list.");
  let doc = indexDocument(model);
  requests.forEach((req, i) => {
    if (!isObject(req)) throw invalid(i, '', 'No request set.');
    const kinds = Object.keys(req).filter((k) => req[k] !== undefined && req[k] !== null);
    if (kinds.length === 0) throw invalid(i, '', 'No request set.');
    if (kinds.length > 1) throw invalid(i, '', `More than one request set (${kinds.join(', ')}).`);
    const [kind] = kinds;
    const resolve = KINDS[kind];
    if (!resolve) throw notEmulated(`the request kind ${kind}`);
    resolve(i, req[kind], doc)();
    if (MOVES.has(kind)) doc = indexDocument(model);
  });
}
