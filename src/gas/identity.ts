// Identity of rows against what users do to sheets: derived rows found by response id, damage detected and repaired, states that follow their responses.
/// <reference types="google-apps-script" />

import { HEADERS, PROPS, SHEETS } from '../core/names';
import { a1, pad, writeBlock } from './cells';
import { notifyOffice } from './notify';
import {
  ALIGNED,
  type AlignedSheet,
  type BlockEdit,
  type Damage,
  damageOf,
  damageText,
  expectedIds,
  inOrder,
  locateEdits,
  planEdits,
  type RowOutcome,
  WIDTH,
} from './projection';
import { markWorkDue } from './queue';
import { docIdOf } from './reports';
import {
  emptyState,
  type IndexRow,
  misplacedRows,
  type ResponseRow,
  type RowState,
  sameInstant,
} from './response-table';
import { openOrNull } from './retry';
import { applyEdits, GROW_BY, logLine, type Responses, type Session } from './workbook';

type Cell = string | number | Date;

const quoted = (name: string) => `'${name.replace(/'/g, "''")}'`;

/**
 * Column A of a derived sheet below the header (one read): its first `upTo` rows when the grid is
 * known to hold them with room to spare, else to the end of the grid.
 */
function readIds(s: Session, name: AlignedSheet, upTo = 0, used = false): string[] {
  const grid = s.store.grid[name] ?? 0;
  // Well inside the known grid (a leader deleting a few rows cannot put the read out of bounds),
  // or within the used rows the sheet just told.
  const bounded = upTo > 0 && (used || upTo + 1 + SLACK < grid);
  return s.ss
    .getRange(bounded ? a1(name, 2, 1, upTo, 1) : `${quoted(name)}!A2:A`)
    .getValues()
    .map((r) => (r[0] === null || r[0] === undefined ? '' : String(r[0])));
}

// Rows read past the expected end of a sheet by a submission: a block a failed run left there, or
// a row a leader added, is seen; a few dozen cells, not the grid's headroom.
const MARGIN = 50;
// Rows of the known grid a leader may have deleted without a bounded read failing.
const SLACK = 100;

/** What a Forms response id looks like (a leader's remark does not). */
const looksLikeId = (id: string): boolean => /^[\w-]{20,}$/.test(id);

/**
 * A new response's blocks appended after every block the states count (`edits` start there, from
 * the kept totals): one read of a few cells of columns A:B per sheet confirms that the row above
 * is a response's (an id, or no id but its second column: a pasted row) and the rows below are
 * free, then they are written. Null, and nothing written, when a sheet does not look so (a leader
 * inserted or deleted rows): the caller places them by id.
 */
export function appendDerived(s: Session, edits: readonly BlockEdit[]): boolean | null {
  const text = (c: unknown) => (c === null || c === undefined ? '' : String(c));
  // Every window first, then the writes: a read after a write waits for its commit.
  const windows = edits.map((e) => {
    const grid = s.store.grid[e.sheet] ?? 0;
    const from = Math.max(2, e.start - 1);
    const to = Math.min(grid, e.start + e.rows.length - 1);
    if (grid === 0 || to < e.start) return null;
    const cells = s.ss.getRange(a1(e.sheet, from, 1, to - from + 1, 2)).getValues();
    return { e, from, cells: cells.map((r) => [text(r[0]), text(r[1])]) };
  });
  for (const w of windows) {
    if (!w) return null;
    if (w.e.start > 2) {
      const [id, next] = w.cells[0];
      if (id === '' ? next === '' : !looksLikeId(id)) return null;
    }
    if (w.cells.slice(w.e.start - w.from).some(([a, b]) => a !== '' || b !== '')) return null;
  }
  return applyEdits(s, edits);
}

/** Asks the worker's next run for a check of the sheets (it runs reconcile's checks and repairs). */
export function requestCheck(): void {
  PropertiesService.getScriptProperties().setProperty(PROPS.identityCheck, String(Date.now()));
  markWorkDue();
}

/** The check asked for is being done. */
export function clearCheck(): void {
  PropertiesService.getScriptProperties().deleteProperty(PROPS.identityCheck);
}

/**
 * A submission's edits of the derived sheets. Each sheet's id column is read (one call): a sheet
 * that holds exactly the ids the states expect, in order, is edited by position as always; any
 * other (sorted by a leader, rows inserted or deleted, a block left by a failed run) has each
 * changed response's rows found by id and replaced, appended or deleted, never another's. A sheet
 * left not matching the states, or a response sheet whose states sit on other rows, is handed
 * to the worker's check. Returns whether grid sizes changed.
 */
export function editDerived(
  s: Session,
  before: readonly IndexRow[],
  outcomes: readonly RowOutcome[],
): boolean {
  const planned = planEdits(before, outcomes, s.app.config);
  const states = new Map(before.map((r) => [r.row, r.state]));
  const after = new Map(states);
  for (const o of outcomes) after.set(o.row, o.state);
  const afterRows = [...after.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([row, state]) => ({ row, state }));
  let gridChanged = false;
  let check = misplacedRows(before).size > 0;
  // Every id column first, then the writes: a read after a write waits for its commit.
  const reads = ALIGNED.map((name) => {
    const mine = planned.filter((e) => e.sheet === name);
    const expected = expectedIds(name, before);
    const writes = mine.reduce((n, e) => n + e.rows.length, 0);
    // Nothing of the changed responses there, before or after: the sheet is not even read.
    const ids = mine.length ? readIds(s, name, expected.length + writes + MARGIN) : [];
    return { name, mine, expected, ids };
  });
  for (const { name, mine, expected, ids } of reads) {
    if (mine.length === 0) continue;
    if (inOrder(ids, expected)) {
      gridChanged = applyEdits(s, mine) || gridChanged;
      continue;
    }
    const sheet = s.ss.getSheetByName(name) as GoogleAppsScript.Spreadsheet.Sheet;
    const last = sheet.getLastRow();
    // Rows past the window read: read to the last used row, once, on this rare path.
    const used =
      last - 1 > ids.length
        ? readIds(s, name, last - 1, true)
        : ids.slice(0, Math.max(0, last - 1));
    const edits = locateEdits(name, used, outcomes, states, s.app.config);
    applyLocated(s, sheet, name, edits, last);
    gridChanged = true;
    // Ids no state knows that look like a response's are responses in flight, not damage.
    const damage = damageOf(name, edits.after, expectedIds(name, afterRows), looksLikeId);
    if (edits.unplaced > 0 || damage) check = true;
  }
  if (check) requestCheck();
  return gridChanged;
}

/** Runs of consecutive indices, each as [first, count]. */
function runs(indices: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const i of indices) {
    const lastRun = out[out.length - 1];
    if (lastRun && lastRun[0] + lastRun[1] === i) lastRun[1]++;
    else out.push([i, 1]);
  }
  return out;
}

/** Applies located edits: writes (consecutive rows in one call), appends, then deletions bottom up. */
function applyLocated(
  s: Session,
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  name: AlignedSheet,
  e: ReturnType<typeof locateEdits>,
  lastRow: number,
): void {
  const width = WIDTH[name];
  const byIndex = new Map(e.writes.map((w) => [w.index, w.rows[0]]));
  for (const [first, count] of runs([...byIndex.keys()].sort((a, b) => a - b))) {
    const block: Cell[][] = [];
    for (let k = 0; k < count; k++) block.push(byIndex.get(first + k) as Cell[]);
    writeBlock(s.ss, name, first + 2, 1, pad(block, width));
  }
  let grid = sheet.getMaxRows();
  if (e.appends.length) {
    const at = Math.max(lastRow, 1) + 1;
    const need = at + e.appends.length - 1;
    if (need > grid) {
      sheet.insertRowsAfter(grid, Math.max(GROW_BY, need - grid));
      grid += Math.max(GROW_BY, need - grid);
    }
    writeBlock(s.ss, name, at, 1, pad(e.appends, width));
  }
  for (const [first, count] of runs(e.deletes).reverse()) {
    sheet.deleteRows(first + 2, count);
    grid -= count;
  }
  s.store.grid[name] = grid;
}

/**
 * Each derived sheet whose rows do not match what the states expect (rows missing, doubled, or
 * of no response); a sheet that is only in another order (a leader's sort) is kept as it is.
 */
export function damagedSheets(
  s: Session,
  rows: readonly { state: RowState }[],
  inFlight: (id: string) => boolean,
): Damage[] {
  const out: Damage[] = [];
  for (const name of ALIGNED) {
    const sheet = s.ss.getSheetByName(name);
    if (!sheet) continue;
    const ids = readIds(s, name);
    const expected = expectedIds(name, rows);
    if (inOrder(ids, expected)) continue;
    const used = ids.slice(0, Math.max(0, sheet.getLastRow() - 1));
    const d = damageOf(name, used, expected, inFlight);
    if (d) out.push(d);
  }
  return out;
}

/** Logs what a check found in each damaged sheet (it has been rebuilt). */
export function logDamage(fn: string, damage: readonly Damage[]): void {
  for (const d of damage) logLine(fn, damageText(d));
}

/**
 * After the form columns of the response sheet were sorted without the `[KTCV]` block, puts each
 * state back on the row of its response (its id, biên bản link and mail record with it): by the
 * timestamp the state processed, else by the form's own record of the response (timestamp and
 * email). A row whose response cannot be told loses the state it wrongly carried (no id, no link)
 * and is named in the log and to the office. Changes `read` in place; returns the rows moved.
 */
export function realignStates(s: Session, read: Responses): number {
  const rows = read.table.rows;
  const bad = misplacedRows(rows);
  if (bad.size === 0) return 0;
  const loose = rows.filter((r) => bad.has(r.row)).map((r) => r.state);
  const taken = new Set<RowState>();
  const placed = new Map<number, RowState>();
  for (const r of rows) {
    if (!bad.has(r.row) || r.ts === null) continue;
    const ts = r.ts;
    const found = loose.filter(
      (st) => !taken.has(st) && st.processedTs !== null && sameInstant(st.processedTs, ts),
    );
    if (found.length !== 1) continue;
    placed.set(r.row, found[0]);
    taken.add(found[0]);
  }
  const left = rows.filter((r) => bad.has(r.row) && !placed.has(r.row));
  if (left.length) {
    const known = new Set(
      rows
        .filter((r) => !bad.has(r.row))
        .map((r) => r.state.id)
        .concat([...placed.values()].map((st) => st.id))
        .filter((id) => id !== ''),
    );
    const ids = formIds(s, left, known);
    for (const r of left) {
      const id = ids.get(r.row);
      if (!id) continue;
      // Its state, if it sat elsewhere; else a fresh one (the response is scored again).
      const st = loose.find((x) => !taken.has(x) && x.id === id);
      if (st) taken.add(st);
      placed.set(r.row, st ?? { ...emptyState(), id });
    }
  }
  const unknown: ResponseRow[] = [];
  let moved = 0;
  for (const r of rows) {
    if (!bad.has(r.row)) continue;
    const st = placed.get(r.row);
    if (st && st.id === r.state.id) continue;
    if (st) {
      r.state = { ...st };
      moved++;
    } else {
      unknown.push(r);
      r.state = emptyState();
    }
  }
  // States whose response was found nowhere: their biên bản is named, never reused for another.
  const lost = loose.filter((st) => !taken.has(st) && st.id !== '');
  const name = read.sheet.getName();
  // Rows that only looked moved (an edit in the same second as another response) keep theirs.
  if (moved === 0 && unknown.length === 0) return 0;
  if (moved > 0)
    logLine(
      'reconcile',
      `Các cột câu hỏi của trang "${name}" đã bị sắp xếp riêng (không kèm các cột [KTCV]): đã đưa mã phản hồi, trạng thái và biên bản của ${moved} phản hồi về đúng dòng của chúng.`,
    );
  if (unknown.length || lost.length) {
    const message = `Sau khi trang "${name}" bị sắp xếp, không xác định được phản hồi của ${unknown.length ? `dòng ${unknown.map((r) => r.row).join(', ')}` : 'một số dòng'}: các dòng đó được chấm lại như phản hồi chưa có mã, không gắn mã phản hồi hay biên bản của dòng khác.${lost.length ? ` Biên bản không còn gắn với dòng nào: ${lost.map((st) => `${st.id} (${st.minutes || 'chưa có biên bản'})`).join('; ')}.` : ''} Hãy kiểm tra trang câu trả lời.`;
    logLine('reconcile', message);
    notifyOffice('reconcile', message);
  }
  return moved + unknown.length;
}

/** The form's ids for rows (by timestamp and email), ids in `known` excluded; none without the form. */
function formIds(
  s: Session,
  rows: readonly ResponseRow[],
  known: Set<string>,
): Map<number, string> {
  const out = new Map<number, string>();
  const times = rows.map((r) => r.ts).filter((t): t is number => t !== null);
  const formId = s.store.formId;
  if (!formId || times.length === 0) return out;
  const form = openOrNull(() => FormApp.openById(formId));
  if (!form) return out;
  const responses = form.getResponses(new Date(Math.min(...times) - 1000)).map((r) => ({
    id: r.getId(),
    ts: r.getTimestamp().getTime(),
    email: r.getRespondentEmail().trim().toLowerCase(),
  }));
  for (const r of rows) {
    const email = r.raw.email.trim().toLowerCase();
    const match = responses.filter(
      (x) =>
        !known.has(x.id) &&
        r.ts !== null &&
        sameInstant(x.ts, r.ts) &&
        (!x.email || x.email === email),
    );
    if (match.length !== 1) continue;
    out.set(r.row, match[0].id);
    known.add(match[0].id);
  }
  return out;
}

/**
 * Biên bản links the `Kết quả` sheet still shows for responses whose state lost its link (the
 * `[KTCV]` columns deleted): put back on their state, so no second biên bản is made. Read only
 * when a counting response has no link; the worker still rewrites or trashes a document only
 * when its Drive description names the response.
 */
export function recoverLinks(s: Session, outcomes: readonly RowOutcome[]): number {
  const lacking = outcomes.filter((o) => o.state.id !== '' && o.state.minutes === '');
  if (!lacking.some((o) => o.state.status === 'ok')) return 0;
  const sheet = s.ss.getSheetByName(SHEETS.results);
  const last = sheet ? sheet.getLastRow() : 0;
  if (!sheet || last < 2) return 0;
  // Two single columns (the id and the link), not the rows between them.
  const ids = sheet.getRange(2, 1, last - 1, 1).getValues();
  const col = HEADERS.results.indexOf('Biên bản') + 1;
  const cells = sheet.getRange(2, col, last - 1, 1).getValues();
  const links = new Map<string, string>();
  ids.forEach((v, i) => {
    const id = String(v[0] ?? '');
    const link = String(cells[i][0] ?? '');
    if (id && docIdOf(link)) links.set(id, link);
  });
  let n = 0;
  for (const o of lacking) {
    const link = links.get(o.state.id);
    if (!link) continue;
    o.state.minutes = link;
    n++;
  }
  return n;
}
