// The form's response sheet as read in one call: Google's columns as text records, plus the script's state columns.

import { formatDmy, vnClockOfTimeCell, vnDateOf, vnParts } from '../core/dates';
import { mapColumns, readRecord } from '../core/records';
import type { Checklist, RawResponse } from '../core/types';
import { MACHINE_HEADERS } from './names';

type Cell = string | number | boolean | Date;

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
  /** Link of the inspection's biên bản ('' when none). */
  minutes: string;
  /** When the unit was emailed its result (ms), or null. */
  mailed: number | null;
}

/** One response row. */
export interface ResponseRow {
  row: number;
  raw: RawResponse;
  /** The row's Timestamp cell in ms (Google rewrites it on an edit), or null. */
  ts: number | null;
  state: RowState;
}

/** The response sheet, parsed. */
export interface ResponseTable {
  rows: ResponseRow[];
  /** 1-based column of the first state column (they are contiguous), or 0 when absent. */
  stateColumn: number;
  /** Number of Google's (form) columns, i.e. the columns before the state columns. */
  formColumns: number;
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

const emptyState = (): RowState => ({
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
});

function readState(cells: Cell[]): RowState {
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
    mailed: mailed instanceof Date ? mailed.getTime() : n(mailed),
  };
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
    s.mailed ?? '',
  ];
}

/** Parses `getDataRange().getValues()` of the response sheet; null when it has no unit column. */
export function parseResponseTable(values: Cell[][], checklist: Checklist): ResponseTable | null {
  const header = (values[0] ?? []).map((h) => String(h));
  const first = header.indexOf(MACHINE_HEADERS[0]);
  const formColumns = first >= 0 ? first : header.length;
  const map = mapColumns(header.slice(0, formColumns), checklist);
  if (!map) return null;
  const tsCols = new Set(map.roles.timestamp);
  const rows: ResponseRow[] = [];
  for (let i = 1; i < values.length; i++) {
    const line = values[i];
    const cells: string[] = [];
    let blank = true;
    for (let c = 0; c < formColumns; c++) {
      const t = cellText(line[c], tsCols.has(c));
      if (t.trim() !== '') blank = false;
      cells.push(t);
    }
    if (blank) continue;
    const tsCell = map.roles.timestamp.length ? line[map.roles.timestamp[0]] : '';
    rows.push({
      row: i + 1,
      raw: readRecord(map, cells, i + 1),
      ts: tsCell instanceof Date ? tsCell.getTime() : null,
      state:
        first >= 0 ? readState(line.slice(first, first + MACHINE_HEADERS.length)) : emptyState(),
    });
  }
  return { rows, stateColumn: first >= 0 ? first + 1 : 0, formColumns, absent: map.absent };
}

/** Whether the row's current content was processed (an edit after processing makes it pending). */
export function isProcessed(r: ResponseRow): boolean {
  return (
    r.state.status !== '' &&
    r.state.processedTs !== null &&
    (r.ts === null || r.state.processedTs >= r.ts)
  );
}

/** dd/MM/yyyy of an ISO date, or '' (for messages). */
export const dmy = (iso: string): string => (iso ? formatDmy(iso) : '');
