// Columns of a response export or response sheet → roles, and a row of text → a RawResponse (scoring.md §8).

import { itemTitle } from './checklist';
import type { ColumnTitles } from './evaluate';
import { QUOTE_CHARS, quoteValue } from './shown';
import type { Checklist, RawResponse } from './types';
import { foldCase, nfc } from './vi';

const ROLE_HEADERS: Record<string, Role> = {
  timestamp: 'timestamp',
  'dấu thời gian': 'timestamp',
  'email address': 'email',
  email: 'email',
  'địa chỉ email': 'email',
  'đơn vị được kiểm tra': 'unit',
  'ngày kiểm tra': 'date',
  'trưởng đoàn': 'inspector',
  // The start time the team records: the biên bản's time line, never the submission time.
  'giờ kiểm tra': 'time',
  'giờ bắt đầu kiểm tra': 'time',
  'thời gian bắt đầu kiểm tra': 'time',
};

type Role = 'timestamp' | 'email' | 'unit' | 'date' | 'inspector' | 'time';

/** Where each role, code and group note sits among the columns (several columns per code allowed). */
export interface ColumnMap {
  roles: Record<Role, number[]>;
  items: Map<string, number[]>;
  notes: Map<string, number[]>;
  extras: number[];
  headers: string[];
  /** Criterion and base-number codes with no column at all. */
  absent: string[];
  /** The column lists of roles and codes that have more than one column (checked for disagreement). */
  repeated: number[][];
  titles: ColumnTitles;
}

const CODE_PREFIX = /^([A-Za-z][A-Za-z0-9]*)\.(\s|$)?/;
const NOTE = /^ghi chú nhóm\s+([a-z0-9]+)$/;

/** Maps header cells to roles; null when there is no unit column (an error for the whole file). */
export function mapColumns(headerRow: readonly string[], checklist: Checklist): ColumnMap | null {
  const headers = headerRow.map((h) =>
    nfc(String(h))
      .replace(/^\uFEFF/, '')
      .trim(),
  );
  const codes = new Map<string, string>();
  for (const b of checklist.bases) codes.set(b.code.toUpperCase(), b.code);
  for (const c of checklist.criteria) codes.set(c.code.toUpperCase(), c.code);
  const groups = new Map(checklist.groups.map((g) => [g.code.toUpperCase(), g.code]));

  const roles: Record<Role, number[]> = {
    timestamp: [],
    email: [],
    unit: [],
    date: [],
    inspector: [],
    time: [],
  };
  const items = new Map<string, number[]>();
  const notes = new Map<string, number[]>();
  const extras: number[] = [];
  const push = (m: Map<string, number[]>, k: string, i: number) => {
    const list = m.get(k);
    if (list) list.push(i);
    else m.set(k, [i]);
  };
  for (const [i, h] of headers.entries()) {
    const key = foldCase(h);
    const role = ROLE_HEADERS[key];
    const code = CODE_PREFIX.exec(h);
    const known = code && codes.get(code[1].toUpperCase());
    const note = NOTE.exec(key);
    const group = note && groups.get(note[1].toUpperCase());
    if (role) roles[role].push(i);
    else if (known) push(items, known, i);
    else if (group) push(notes, group, i);
    else if (h !== '') extras.push(i);
  }
  if (roles.unit.length === 0) return null;

  // Titles are for messages: a header pasted with a whole text in it is named by its start.
  const title = (h: string) => (h.length > QUOTE_CHARS ? `${h.slice(0, QUOTE_CHARS)}…` : h);
  const titles: ColumnTitles = {
    unit: title(headers[roles.unit[0]]),
    date: roles.date.length ? title(headers[roles.date[0]]) : 'Ngày kiểm tra',
    timestamp: roles.timestamp.length ? title(headers[roles.timestamp[0]]) : 'Dấu thời gian',
    items: {},
  };
  const absent: string[] = [];
  for (const code of codes.values()) {
    const cols = items.get(code);
    if (cols) titles.items[code] = title(headers[cols[cols.length - 1]]);
    else absent.push(code);
  }
  const repeated = [...Object.values(roles), ...items.values()].filter((c) => c.length > 1);
  return { roles, items, notes, extras, headers, absent, titles, repeated };
}

/** The rightmost non-empty value among the columns, or ''. */
function pick(values: readonly string[], cols: readonly number[] | undefined): string {
  if (!cols) return '';
  for (let k = cols.length - 1; k >= 0; k--) {
    const v = values[cols[k]];
    if (v === undefined || v === '') continue;
    const text = nfc(String(v));
    if (text.trim() !== '') return text;
  }
  return '';
}

const CONFLICT = 'cột khác giá trị';

/** Whether a warning is one of `readRecord`'s disagreeing-columns sentences. */
export const isConflictWarning = (w: string): boolean => w.includes(CONFLICT);

/**
 * When columns of one role or code hold different non-empty values in a record, a sentence naming
 * the columns and values and which one counts (the rightmost, as the contract says); else null.
 */
function disagreement(
  map: ColumnMap,
  values: readonly string[],
  cols: readonly number[],
): string | null {
  const filled = cols
    .map((c) => ({ c, v: nfc(String(values[c] ?? '')).trim() }))
    .filter((x) => x.v !== '');
  if (new Set(filled.map((x) => foldCase(x.v))).size < 2) return null;
  const used = filled[filled.length - 1];
  const list = filled.map((x) => `${quoteValue(x.v)} ở cột ${x.c + 1}`).join(', ');
  return `Cột ${quoteValue(map.headers[used.c])} có ${filled.length} ${CONFLICT}: ${list}; dùng giá trị ở cột ${used.c + 1} (cột bên phải nhất).`;
}

/** Whether every field of a record is empty (a blank record is skipped silently). */
export function isBlank(values: readonly string[]): boolean {
  return values.every((v) => v === undefined || String(v).trim() === '');
}

/** Reads one record (short records count as padded with empty fields). */
export function readRecord(map: ColumnMap, values: readonly string[], row: number): RawResponse {
  const answers: Record<string, string> = {};
  for (const [code, cols] of map.items) answers[code] = pick(values, cols);
  const notes: Record<string, string> = {};
  for (const [group, cols] of map.notes) {
    const v = pick(values, cols);
    if (v.trim()) notes[group] = v.trim();
  }
  const extras: { header: string; value: string }[] = [];
  for (const i of map.extras) {
    const v = values[i];
    if (v !== undefined && String(v).trim() !== '')
      extras.push({ header: map.headers[i], value: nfc(String(v)).trim() });
  }
  const conflicts: string[] = [];
  for (const cols of map.repeated) {
    const d = disagreement(map, values, cols);
    if (d) conflicts.push(d);
  }
  return {
    ...(conflicts.length ? { conflicts } : {}),
    row,
    timestamp: pick(values, map.roles.timestamp),
    email: pick(values, map.roles.email),
    unit: pick(values, map.roles.unit),
    date: pick(values, map.roles.date),
    inspector: pick(values, map.roles.inspector),
    time: pick(values, map.roles.time),
    answers,
    notes,
    extras,
  };
}

/** The headers of a form built from this checklist, in form order (what Google writes as row 1). */
export function formHeaders(checklist: Checklist, collectEmail = true): string[] {
  const out = ['Dấu thời gian'];
  if (collectEmail) out.push('Địa chỉ email');
  out.push('Đơn vị được kiểm tra', 'Ngày kiểm tra', 'Trưởng đoàn', 'Giờ bắt đầu kiểm tra');
  for (const g of checklist.groups) {
    const crit = checklist.criteria.filter((c) => c.group === g.code);
    const baseCodes = crit.map((c) => c.base).filter((b): b is string => !!b);
    for (const b of checklist.bases) {
      const firstUse = checklist.criteria.find((c) => c.base === b.code);
      if (firstUse && firstUse.group === g.code && baseCodes.includes(b.code))
        out.push(itemTitle(b.code, b.title));
    }
    for (const c of crit) out.push(itemTitle(c.code, c.text));
    out.push(`Ghi chú nhóm ${g.code}`);
  }
  return out;
}
