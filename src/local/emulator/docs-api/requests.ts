// The Docs API's batchUpdate requests the emulator knows: validated strictly, then applied to a model.

import type { DocModel, ParaNode, RowNode } from '../documents';
import { gasError } from '../errors';
import { type IndexedDocument, indexDocument } from './structure';

/*
 * Emulated request kinds: `pinTableHeaderRows` and `updateParagraphStyle` with the fields
 * `keepWithNext` and `keepLinesTogether`. Any other kind, field, segment or tab is refused as
 * "not emulated" rather than silently ignored.
 *
 * Google validates every request before applying any ("If any request is not valid, then the
 * entire request will fail and nothing will be applied", REF: documents/batchUpdate). The
 * emulated kinds move no index, so all are checked against the document as it was, then applied.
 *
 * Error texts follow Google's shape `Invalid requests[i].<kind>: <detail>` (C: seen in public
 * logs for Docs and Sheets); the details are U except the table-location one and the index-bound
 * one, quoted from live failures of other requests that check the same thing.
 */

/** One request: exactly one kind key. */
export type DocsRequest = Record<string, unknown>;

/** Where a request points, resolved against the model; applying it cannot fail. */
type Resolved =
  | { kind: 'pin'; rows: RowNode[]; count: number }
  | { kind: 'style'; paragraphs: ParaNode[]; patch: Record<string, boolean> };

/** The paragraph-style fields emulated, and the model key each sets. */
const PARAGRAPH_FIELDS: Record<string, string> = {
  keepWithNext: 'KEEP_WITH_NEXT',
  keepLinesTogether: 'KEEP_LINES_TOGETHER',
};

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

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/** Refuses a segment or tab other than the body's: only the body is emulated. */
function bodyOnly(where: Record<string, unknown>, what: string): void {
  if (where.segmentId !== undefined && where.segmentId !== '')
    throw notEmulated(`${what} in a header, footer or footnote (segmentId)`);
  if (where.tabId !== undefined) throw notEmulated(`${what} with a tabId`);
}

function resolvePin(i: number, r: unknown, doc: IndexedDocument): Resolved {
  const kind = 'pinTableHeaderRows';
  if (!isObject(r)) throw invalid(i, kind, 'The request must be an object.');
  for (const k of Object.keys(r))
    if (k !== 'tableStartLocation' && k !== 'pinnedHeaderRowsCount')
      throw notEmulated(`the ${kind} field ${k}`);
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
  return { kind: 'pin', rows: table.node.rows, count };
}

function resolveStyle(i: number, r: unknown, doc: IndexedDocument): Resolved {
  const kind = 'updateParagraphStyle';
  if (!isObject(r)) throw invalid(i, kind, 'The request must be an object.');
  for (const k of Object.keys(r))
    if (k !== 'range' && k !== 'paragraphStyle' && k !== 'fields')
      throw notEmulated(`the ${kind} field ${k}`);
  const fields = typeof r.fields === 'string' ? r.fields.split(',').map((f) => f.trim()) : [];
  if (fields.filter((f) => f !== '').length === 0)
    throw invalid(i, kind, "At least one field must be listed in 'fields'.");
  for (const f of fields)
    if (!(f in PARAGRAPH_FIELDS)) throw notEmulated(`the paragraph style field ${f}`);
  const style = r.paragraphStyle ?? {};
  if (!isObject(style)) throw invalid(i, kind, 'paragraphStyle must be an object.');
  const patch: Record<string, boolean> = {};
  for (const f of fields) {
    const v = style[f];
    // A listed field left unset goes back to its default (REF: UpdateParagraphStyleRequest.fields).
    if (v !== undefined && typeof v !== 'boolean')
      throw invalid(i, kind, `Invalid value at 'paragraphStyle.${f}': a boolean is expected.`);
    patch[PARAGRAPH_FIELDS[f]] = v === true;
  }
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
  const paragraphs = doc.paragraphs.filter((p) => p.startIndex < end && p.endIndex > start);
  // U: a range from the body into a table cell, or across cells, is refused here; Google's rule
  // for it is not published, and one request per cell is what a careful script sends anyway.
  const containers = new Set(paragraphs.map((p) => p.container));
  if (paragraphs.length === 0 || containers.size > 1)
    throw invalid(i, kind, 'The range must lie within one segment or table cell.');
  return { kind: 'style', paragraphs: paragraphs.map((p) => p.node), patch };
}

/** Checks every request against `model`; throws the first problem. Returns what each will change. */
export function resolveRequests(requests: unknown, model: DocModel): Resolved[] {
  if (!Array.isArray(requests))
    throw apiError('batchUpdate', "Invalid JSON payload received. 'requests' must be a list.");
  const doc = indexDocument(model);
  return requests.map((req, i) => {
    if (!isObject(req)) throw invalid(i, '', 'No request set.');
    const kinds = Object.keys(req).filter((k) => req[k] !== undefined && req[k] !== null);
    if (kinds.length === 0) throw invalid(i, '', 'No request set.');
    if (kinds.length > 1) throw invalid(i, '', `More than one request set (${kinds.join(', ')}).`);
    const [kind] = kinds;
    if (kind === 'pinTableHeaderRows') return resolvePin(i, req[kind], doc);
    if (kind === 'updateParagraphStyle') return resolveStyle(i, req[kind], doc);
    throw notEmulated(`the request kind ${kind}`);
  });
}

/** Applies resolved requests to the model they were resolved against. */
export function applyResolved(resolved: Resolved[]): void {
  for (const r of resolved) {
    if (r.kind === 'pin')
      r.rows.forEach((row, k) => {
        const { TABLE_HEADER: _, ...rest } = row.attrs;
        row.attrs = Object.freeze(k < r.count ? { ...rest, TABLE_HEADER: true } : rest);
      });
    else
      for (const p of r.paragraphs) {
        const attrs: Record<string, string | number | boolean> = { ...p.attrs };
        for (const [key, on] of Object.entries(r.patch)) {
          if (on) attrs[key] = true;
          else delete attrs[key];
        }
        p.attrs = Object.freeze(attrs);
      }
  }
}
