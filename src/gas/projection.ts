// What each response row contributes to the derived sheets, and the block edits that keep them aligned with the rows.

import { rankUnits, unitsNotInspected } from '../core/aggregate';
import { tierOf } from '../core/classify';
import { vnInstant } from '../core/dates';
import { itemFinding } from '../core/findings';
import { HEADERS, SHEETS } from '../core/names';
import { reviewLabel } from '../core/results';
import type { Config, Inspection, RawResponse, ReviewEntry, UnitSummary } from '../core/types';
import type { RowState } from './response-table';

type Cell = string | number | Date;

/** The evaluation of one response row, with the state to record for it. */
export interface RowOutcome {
  row: number;
  ts: number | null;
  raw: RawResponse;
  state: RowState;
  inspection?: Inspection;
  review?: ReviewEntry;
}

/** Sheets whose rows follow the response rows, block by block. */
export const ALIGNED = [SHEETS.results, SHEETS.findings, SHEETS.review] as const;
export type AlignedSheet = (typeof ALIGNED)[number];

export const WIDTH: Record<AlignedSheet | typeof SHEETS.summary, number> = {
  [SHEETS.results]: HEADERS.results.length,
  [SHEETS.findings]: HEADERS.findings.length,
  [SHEETS.review]: HEADERS.review.length,
  [SHEETS.summary]: HEADERS.summary.length,
};

/** How many rows a response with this state has in each aligned sheet. */
export function countIn(sheet: AlignedSheet, s: RowState): number {
  if (sheet === SHEETS.results) return s.status === 'ok' ? 1 : 0;
  if (sheet === SHEETS.findings) return s.status === 'ok' ? s.findings : 0;
  return s.status !== '' && s.status !== 'ok' ? 1 : 0;
}

const dateCell = (iso: string): Cell => (iso ? new Date(vnInstant(iso)) : '');
const tsCell = (ts: number | null): Cell => (ts === null ? '' : new Date(ts));

/** The critical failures of an inspection, with the cap explained where it lowered the class. */
function capNote(i: Inspection, config: Config): string {
  const codes = i.criticalFailures.join(', ');
  const by = tierOf(config.checklist, i.score);
  return by !== i.tier ? `${codes} (xếp loại hạ từ ${by} xuống ${i.tier})` : codes;
}

/** The rows one outcome contributes to an aligned sheet. */
export function rowsFor(sheet: AlignedSheet, o: RowOutcome, config: Config): Cell[][] {
  const id = o.state.id;
  const i = o.inspection;
  if (sheet === SHEETS.results) {
    if (!i || o.state.status !== 'ok') return [];
    return [
      [
        id,
        o.row,
        tsCell(o.ts),
        dateCell(i.date),
        i.unitCode,
        i.unit,
        i.inspector,
        i.email,
        i.score,
        i.tier,
        i.findings.join(', '),
        capNote(i, config),
        Math.round(i.earned * 1e6) / 1e6,
        i.max,
        i.warnings.join(' '),
        o.state.minutes,
      ],
    ];
  }
  if (sheet === SHEETS.findings) {
    if (!i || o.state.status !== 'ok') return [];
    const crit = new Map(config.checklist.criteria.map((c) => [c.code, c]));
    return i.findings.map((code) => {
      const c = crit.get(code);
      const item = i.items.find((x) => x.code === code);
      const answer =
        c?.type === 'count' && c.base
          ? `${item?.answer ?? ''}/${o.raw.answers[c.base] ?? ''}`
          : (item?.answer ?? '');
      return [
        id,
        dateCell(i.date),
        i.unitCode,
        i.unit,
        code,
        c ? itemFinding(c, i) : '',
        answer,
        c?.critical ? 'Có' : '',
        (c && i.notes[c.group]) || '',
      ];
    });
  }
  const r = o.review;
  if (!r || o.state.status === 'ok' || o.state.status === '') return [];
  return [
    [id, o.row, tsCell(o.ts), o.raw.unit.trim(), o.raw.email.trim(), reviewLabel(r.code), r.reason],
  ];
}

/** A replacement of one response's block in an aligned sheet. */
export interface BlockEdit {
  sheet: AlignedSheet;
  /** First sheet row of the block. */
  start: number;
  oldCount: number;
  rows: Cell[][];
  /** Whether no data follows the block (then it can grow or shrink without moving rows). */
  atEnd: boolean;
}

/**
 * The block edits that turn the aligned sheets from `before` into `after` for the changed rows,
 * last row first so that earlier starts stay valid while the edits are applied in order.
 */
export function planEdits(
  before: readonly { row: number; state: RowState }[],
  changed: readonly RowOutcome[],
  config: Config,
): BlockEdit[] {
  const edits: BlockEdit[] = [];
  const byRow = new Map(changed.map((o) => [o.row, o]));
  const rows = [...changed].sort((a, b) => b.row - a.row);
  for (const sheet of ALIGNED) {
    // Prefix sums of the old layout.
    const start = new Map<number, number>();
    let pos = 2;
    for (const r of before) {
      start.set(r.row, pos);
      pos += countIn(sheet, r.state);
    }
    const end = pos;
    // Rows of the sheet that follow a block once the later edits (applied first) are in place.
    const countAfter = (row: number): number => {
      let n = 0;
      for (const r of before) {
        if (r.row <= row) continue;
        const changedRow = byRow.get(r.row);
        n += countIn(sheet, changedRow ? changedRow.state : r.state);
      }
      return n;
    };
    for (const o of rows) {
      const old = before.find((r) => r.row === o.row);
      const oldCount = old ? countIn(sheet, old.state) : 0;
      const s = start.get(o.row) ?? end;
      const out = rowsFor(sheet, byRow.get(o.row) as RowOutcome, config);
      if (oldCount === 0 && out.length === 0) continue;
      edits.push({ sheet, start: s, oldCount, rows: out, atEnd: countAfter(o.row) === 0 });
    }
  }
  return edits;
}

/** The whole contents (no header) of an aligned sheet for outcomes in row order. */
export function fullRows(
  sheet: AlignedSheet,
  outcomes: readonly RowOutcome[],
  config: Config,
): Cell[][] {
  const out: Cell[][] = [];
  for (const o of outcomes) for (const r of rowsFor(sheet, o, config)) out.push(r);
  return out;
}

/**
 * The summary sheet rows: ranked units (a unit ended by `today` named with where it went), then
 * the units not inspected (valid on `today`).
 */
export function summaryRows(states: readonly RowState[], config: Config, today: string): Cell[][] {
  const names = new Map(config.units.map((u) => [u.code, u.name]));
  return summaryRowsOf(
    rankUnits(
      config,
      states
        .filter((s) => s.status === 'ok' && s.score !== null)
        .map((s) => ({
          unit: names.get(s.unitCode) ?? s.unitCode,
          unitCode: s.unitCode,
          date: s.date,
          timestamp: s.processedTs,
          score: s.score as number,
          criticalCount: s.critical,
        })),
      today,
    ),
    config,
    today,
  );
}

/** The summary sheet rows of units already ranked (from the states, or from the kept tally). */
export function summaryRowsOf(
  ranked: readonly UnitSummary[],
  config: Config,
  today: string,
): Cell[][] {
  const rows: Cell[][] = ranked.map((u) => [
    u.rank,
    u.unitCode,
    u.unit,
    u.inspections,
    dateCell(u.lastDate),
    u.lastScore,
    u.mean,
    u.tier,
    // The cap explained where it lowered the class (ranking is by class first, then mean).
    u.tier !== u.uncappedTier
      ? `${u.maxCriticalFailures} (xếp loại hạ từ ${u.uncappedTier} xuống ${u.tier})`
      : u.maxCriticalFailures,
  ]);
  const inspected = new Set(ranked.map((u) => u.key));
  for (const u of unitsNotInspected(config, inspected, { from: today, to: today }))
    rows.push(['', u.unitCode, u.unit, 0, '', '', '', 'Chưa kiểm tra', '']);
  return rows;
}

/**
 * The response ids an aligned sheet holds for these states, one per sheet row in response-row
 * order ('' for a response without an id, e.g. a row imported without the form).
 */
export function expectedIds(sheet: AlignedSheet, states: readonly { state: RowState }[]): string[] {
  const out: string[] = [];
  for (const r of states) {
    const n = countIn(sheet, r.state);
    for (let k = 0; k < n; k++) out.push(r.state.id);
  }
  return out;
}

/**
 * Whether a sheet's id column (every grid row below the header) holds exactly `expected`, in
 * order, and nothing below: then the blocks stand where their response rows put them.
 */
export function inOrder(actual: readonly string[], expected: readonly string[]): boolean {
  if (actual.length < expected.length) return false;
  for (let i = 0; i < actual.length; i++)
    if (actual[i] !== (i < expected.length ? expected[i] : '')) return false;
  return true;
}

/** How a derived sheet's rows differ from what the states expect, counted as rows. */
export interface Damage {
  sheet: AlignedSheet;
  /** Rows of a response that are not there. */
  missing: number;
  /** Rows of a response there more often than it has rows. */
  doubled: number;
  /** Rows of no response (a leader's row, a response that no longer has rows there). */
  foreign: number;
}

/**
 * Compares the ids of the used rows of a sheet with the expected ones as multisets: a mere change
 * of order (a leader's sort) is no damage, nor rows of a response `inFlight` (scored by a run
 * that failed before recording its state; its next run replaces them by id); null when nothing
 * is missing, doubled or foreign.
 */
export function damageOf(
  sheet: AlignedSheet,
  used: readonly string[],
  expected: readonly string[],
  inFlight: (id: string) => boolean = () => false,
): Damage | null {
  const want = new Map<string, number>();
  for (const id of expected) want.set(id, (want.get(id) ?? 0) + 1);
  const have = new Map<string, number>();
  for (const id of used) have.set(id, (have.get(id) ?? 0) + 1);
  const d: Damage = { sheet, missing: 0, doubled: 0, foreign: 0 };
  for (const [id, n] of want) {
    const h = have.get(id) ?? 0;
    if (h < n) d.missing += n - h;
  }
  for (const [id, h] of have) {
    const n = want.get(id) ?? 0;
    // A blank id is a row without one: an extra one is a row the script did not write.
    if (h > n) {
      if (n > 0 && id !== '') d.doubled += h - n;
      // A response being scored (its rows written, its state not yet): its own run places it.
      else if (n === 0 && id !== '' && inFlight(id)) continue;
      else d.foreign += h - n;
    }
  }
  return d.missing || d.doubled || d.foreign ? d : null;
}

/** What it said in the log: the sheet and what was found in it. */
export function damageText(d: Damage): string {
  const parts: string[] = [];
  if (d.missing) parts.push(`thiếu ${d.missing} dòng`);
  if (d.doubled) parts.push(`${d.doubled} dòng bị lặp`);
  if (d.foreign) parts.push(`${d.foreign} dòng không thuộc phản hồi nào`);
  return `Trang "${d.sheet}" đã bị sắp xếp/sửa tay (${parts.join(', ')}): đã dựng lại từ dữ liệu phản hồi.`;
}

/**
 * Edits of one aligned sheet that find each changed response's rows by the id in column A,
 * wherever a leader's sort put them: its rows are rewritten in place, extra new rows appended
 * after the last used row, and rows it no longer has (or has twice) deleted. Rows of other
 * responses are never touched.
 */
export interface LocatedEdits {
  /** Rows written over existing rows, by 0-based index below the header (before deletions). */
  writes: { index: number; rows: Cell[][] }[];
  /** Rows appended after the last used row. */
  appends: Cell[][];
  /** 0-based indices below the header of rows to delete (after the writes and appends). */
  deletes: number[];
  /** Changed responses without an id whose rows cannot be found: the sheet must be rebuilt. */
  unplaced: number;
  /** The ids of the used rows once the edits are applied (to tell damage left behind). */
  after: string[];
}

/** The located edits of `sheet` whose used rows hold `used` ids, for the changed outcomes. */
export function locateEdits(
  sheet: AlignedSheet,
  used: readonly string[],
  changed: readonly RowOutcome[],
  before: ReadonlyMap<number, RowState>,
  config: Config,
): LocatedEdits {
  const out: LocatedEdits = { writes: [], appends: [], deletes: [], unplaced: 0, after: [] };
  const ids = [...used];
  const dropped = new Set<number>();
  for (const o of changed) {
    const rows = rowsFor(sheet, o, config);
    const old = before.get(o.row);
    const id = o.state.id;
    if (!id) {
      if (rows.length || (old && countIn(sheet, old) > 0)) out.unplaced++;
      continue;
    }
    const at: number[] = [];
    ids.forEach((x, i) => {
      if (x === id) at.push(i);
    });
    rows.forEach((r, k) => {
      if (k < at.length) out.writes.push({ index: at[k], rows: [r] });
      else {
        out.appends.push(r);
        ids.push(id);
      }
    });
    for (const i of at.slice(rows.length)) dropped.add(i);
  }
  out.deletes = [...dropped].sort((a, b) => a - b);
  out.after = ids.filter((_, i) => !dropped.has(i));
  return out;
}
