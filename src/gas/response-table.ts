// The form's response sheet: its layout from the header row, rows as text records, and the script's state columns.

import { formatDmy, vnClockOfTimeCell, vnDateOf, vnParts } from '../core/dates';
import { MACHINE_HEADERS, MAIL_MARK } from '../core/names';
import { type ColumnMap, mapColumns, readRecord } from '../core/records';
import type { Checklist, RawResponse } from '../core/types';

type Cell = string | number | boolean | Date;

/** Where a unit's result email stands: none due, due, failed for good, or an attempt of unknown outcome. */
export type MailMark = '' | 'due' | 'failed' | 'unknown';

/** What the script recorded about one response row (empty strings when never processed). */
export interface RowState {
  id: string;
  /** The response timestamp (ms) that was processed, or null. */
  processedTs: number | null;
  /** 'ok' or a review code; '' when never processed. */
  status: string;
  unitCode: string;
  date: string;
  score: number | null;
  critical: number;
  findings: number;
  key: string;
  /**
   * Link of the inspection's biên bản ('' when none). It stays after the response stops counting,
   * until the worker has moved the document to the trash.
   */
  minutes: string;
  /** When the unit was emailed its result (ms), or null. */
  mailed: number | null;
  /** When not mailed: whether the unit's email is due (the worker sends it) or failed. */
  mail: MailMark;
}

/** One response row. */
export interface ResponseRow {
  row: number;
  raw: RawResponse;
  /** The row's Timestamp cell in ms (Google rewrites it on an edit), or null. */
  ts: number | null;
  state: RowState;
}

/**
 * Where things stand in the response sheet, from its header row alone. Every column whose header
 * is not `[KTCV] …` is Google's, wherever it stands (a question added later may land before or
 * after the state block); the state block is the run of all MACHINE_HEADERS in order.
 */
export interface Layout {
  /** Number of columns of the header row read. */
  width: number;
  /** 0-based sheet columns of Google's (form) columns, left to right. */
  formCols: number[];
  /** Their headers, in the same order (what the column mapping and the context are built from). */
  formHeaders: string[];
  /** The mapping of the form headers to roles, criteria and notes. */
  map: ColumnMap;
  /** 1-based column of the first state column, or 0 when the block is absent or incomplete. */
  stateColumn: number;
  /** 1-based column of the Timestamp, or 0. */
  tsColumn: number;
}

/** The response sheet, parsed. */
export interface ResponseTable {
  rows: ResponseRow[];
  /** 1-based column of the first state column (they are contiguous), or 0 when absent. */
  stateColumn: number;
  /** Google's (form) column headers, wherever they stand. */
  formHeaders: string[];
  /** Criterion and base-number codes that have no column. */
  absent: string[];
}

/** An instant as ISO 8601 with the Vietnam offset (what the core parses back exactly). */
export function isoInstant(ms: number): string {
  const p = vnParts(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}:${two(p.second)}+07:00`;
}

/** A cell as the text a CSV export would hold; dates as ISO (the sheet's zone is Vietnam). */
function cellText(v: Cell, isTimestamp: boolean): string {
  if (v instanceof Date) {
    // A time of day the sheet parsed from an answer (the start time) reads back on its epoch day.
    const clock = isTimestamp ? null : vnClockOfTimeCell(v.getTime());
    if (clock) return clock;
    return isTimestamp ? isoInstant(v.getTime()) : vnDateOf(v.getTime());
  }
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return v === undefined || v === null ? '' : String(v);
}

/** The state of a row no run has processed. */
export const emptyState = (): RowState => ({
  id: '',
  processedTs: null,
  status: '',
  unitCode: '',
  date: '',
  score: null,
  critical: 0,
  findings: 0,
  key: '',
  minutes: '',
  mailed: null,
  mail: '',
});

/** A state from the cells of a state block row. */
export function readStateCells(cells: readonly Cell[]): RowState {
  const [id, processed, status, unitCode, date, score, critical, findings, key, minutes, mailed] =
    cells;
  const n = (v: Cell) =>
    typeof v === 'number' ? v : v === '' || v === undefined ? null : Number(v);
  return {
    id: String(id ?? ''),
    processedTs: processed instanceof Date ? processed.getTime() : n(processed),
    status: String(status ?? ''),
    unitCode: String(unitCode ?? ''),
    date: date instanceof Date ? vnDateOf(date.getTime()) : String(date ?? ''),
    score: n(score),
    critical: n(critical) ?? 0,
    findings: n(findings) ?? 0,
    key: String(key ?? ''),
    minutes: String(minutes ?? ''),
    mailed: mailed instanceof Date ? mailed.getTime() : typeof mailed === 'number' ? mailed : null,
    mail: mailMarkOf(mailed),
  };
}

function mailMarkOf(v: Cell): MailMark {
  if (v === MAIL_MARK.due) return 'due';
  if (v === MAIL_MARK.failed) return 'failed';
  if (v === MAIL_MARK.unknown) return 'unknown';
  return '';
}

/** The cell `[KTCV] Đã gửi đơn vị lúc` holds for a state. */
function mailCell(s: RowState): string | number {
  if (s.mailed !== null) return s.mailed;
  return s.mail === '' ? '' : MAIL_MARK[s.mail];
}

/** The state columns of a row, in MACHINE_HEADERS order, ready to write. */
export function stateCells(s: RowState): (string | number)[] {
  return [
    s.id,
    s.processedTs ?? '',
    s.status,
    s.unitCode,
    s.date,
    s.score ?? '',
    s.critical,
    s.findings,
    s.key,
    s.minutes,
    mailCell(s),
  ];
}

const isMachine = (h: string): boolean => h.startsWith('[KTCV]');

/** The 0-based column where every state header stands in order, or -1. */
export function stateBlockAt(header: readonly string[]): number {
  for (let i = 0; i + MACHINE_HEADERS.length <= header.length; i++)
    if (MACHINE_HEADERS.every((h, k) => header[i + k] === h)) return i;
  return -1;
}

/** The layout of the response sheet from its header row; null when it has no unit column. */
export function layoutOf(headerRow: readonly Cell[], checklist: Checklist): Layout | null {
  const header = headerRow.map((h) => (h === undefined || h === null ? '' : String(h)));
  const formCols: number[] = [];
  header.forEach((h, i) => {
    if (!isMachine(h)) formCols.push(i);
  });
  const formHeaders = formCols.map((i) => header[i]);
  const map = mapColumns(formHeaders, checklist);
  if (!map) return null;
  const first = stateBlockAt(header);
  const ts = map.roles.timestamp.length ? formCols[map.roles.timestamp[0]] + 1 : 0;
  return {
    width: header.length,
    formCols,
    formHeaders,
    map,
    stateColumn: first >= 0 ? first + 1 : 0,
    tsColumn: ts,
  };
}

/** One sheet row (all its columns) as a response row; null when its form cells are all blank. */
export function parseRow(layout: Layout, line: readonly Cell[], row: number): ResponseRow | null {
  const tsCols = new Set(layout.map.roles.timestamp);
  const cells: string[] = [];
  let blank = true;
  layout.formCols.forEach((c, k) => {
    const t = cellText(line[c], tsCols.has(k));
    if (t.trim() !== '') blank = false;
    cells.push(t);
  });
  if (blank) return null;
  const tsCell = layout.tsColumn ? line[layout.tsColumn - 1] : '';
  const first = layout.stateColumn - 1;
  return {
    row,
    raw: readRecord(layout.map, cells, row),
    ts: tsCell instanceof Date ? tsCell.getTime() : null,
    state:
      first >= 0 ? readStateCells(line.slice(first, first + MACHINE_HEADERS.length)) : emptyState(),
  };
}

/** Parses `getDataRange().getValues()` of the response sheet; null when it has no unit column. */
export function parseResponseTable(values: Cell[][], checklist: Checklist): ResponseTable | null {
  const layout = layoutOf(values[0] ?? [], checklist);
  if (!layout) return null;
  const rows: ResponseRow[] = [];
  for (let i = 1; i < values.length; i++) {
    const r = parseRow(layout, values[i], i + 1);
    if (r) rows.push(r);
  }
  return {
    rows,
    stateColumn: layout.stateColumn,
    formHeaders: layout.formHeaders,
    absent: layout.map.absent,
  };
}

/** What the state columns and the Timestamp column alone tell about a row. */
export interface IndexRow {
  row: number;
  ts: number | null;
  state: RowState;
}

/**
 * The rows of the response sheet as the Timestamp column and the state block tell them (read as
 * two columns ranges, never the answers): a row counts when it has a timestamp or a state.
 */
export function parseIndex(tsCells: readonly Cell[][], blocks: readonly Cell[][]): IndexRow[] {
  const out: IndexRow[] = [];
  const n = Math.max(tsCells.length, blocks.length);
  for (let i = 0; i < n; i++) {
    const t = tsCells[i]?.[0];
    const state = blocks[i] ? readStateCells(blocks[i]) : emptyState();
    const hasTs = t !== undefined && t !== null && t !== '';
    if (!hasTs && state.id === '' && state.status === '') continue;
    out.push({ row: i + 2, ts: t instanceof Date ? t.getTime() : null, state });
  }
  return out;
}

/** Whether the row's current content was processed (an edit after processing makes it pending). */
export function isProcessed(r: { ts: number | null; state: RowState }): boolean {
  return (
    r.state.status !== '' &&
    r.state.processedTs !== null &&
    (r.ts === null || r.state.processedTs >= r.ts)
  );
}

/** dd/MM/yyyy of an ISO date, or '' (for messages). */
export const dmy = (iso: string): string => (iso ? formatDmy(iso) : '');

/** Whether two timestamps (ms) are the same second, as the sheet and the form tell them. */
export const sameInstant = (a: number, b: number): boolean => Math.abs(a - b) < 1000;

/**
 * Rows whose recorded state belongs to another response: the state says it processed a timestamp
 * the row does not hold, and either the row's timestamp is older (an edit only moves it forward)
 * or another row's state processed it. That is what sorting the form columns alone (not the
 * `[KTCV]` block) leaves; an edited row (newer timestamp no state has seen) is not one.
 */
export function misplacedRows(
  rows: readonly { row: number; ts: number | null; state: RowState }[],
): Set<number> {
  // Rows by the second their state processed, to find who claims a timestamp without a search.
  const seen = new Map<number, { row: number; at: number }[]>();
  for (const r of rows) {
    const p = r.state.processedTs;
    if (r.state.status === '' || p === null) continue;
    const k = Math.floor(p / 1000);
    seen.set(k, [...(seen.get(k) ?? []), { row: r.row, at: p }]);
  }
  const out = new Set<number>();
  for (const r of rows) {
    const p = r.state.processedTs;
    const ts = r.ts;
    if (r.state.status === '' || p === null || ts === null || sameInstant(ts, p)) continue;
    const k = Math.floor(ts / 1000);
    const claimed = [k - 1, k, k + 1]
      .flatMap((x) => seen.get(x) ?? [])
      .some((o) => o.row !== r.row && sameInstant(o.at, ts));
    if (ts < p || claimed) out.add(r.row);
  }
  return out;
}
