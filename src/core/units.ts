// Units (communes, towns, wards): name matching with an accent-free fallback, and validity dates (scoring.md §7).

import { addDays, formatDmy } from './dates';
import type { Unit } from './types';
import { foldCase, sortVi, stripAccents } from './vi';

/** The 22 units of Mỹ Đức district, Hà Nội, in 2019 (official administrative codes). */
export const DEFAULT_UNITS: Unit[] = [
  ['10441', 'Thị trấn Đại Nghĩa'],
  ['10444', 'Xã Đồng Tâm'],
  ['10447', 'Xã Thượng Lâm'],
  ['10450', 'Xã Tuy Lai'],
  ['10453', 'Xã Phúc Lâm'],
  ['10456', 'Xã Mỹ Thành'],
  ['10459', 'Xã Bột Xuyên'],
  ['10462', 'Xã An Mỹ'],
  ['10465', 'Xã Hồng Sơn'],
  ['10468', 'Xã Lê Thanh'],
  ['10471', 'Xã Xuy Xá'],
  ['10474', 'Xã Phùng Xá'],
  ['10477', 'Xã Phù Lưu Tế'],
  ['10480', 'Xã Đại Hưng'],
  ['10483', 'Xã Vạn Kim'],
  ['10486', 'Xã Đốc Tín'],
  ['10489', 'Xã Hương Sơn'],
  ['10492', 'Xã Hùng Tiến'],
  ['10495', 'Xã An Tiến'],
  ['10498', 'Xã Hợp Tiến'],
  ['10501', 'Xã Hợp Thanh'],
  ['10504', 'Xã An Phú'],
].map(([code, name]) => ({ code, name, aliases: [] }));

const PREFIX = /^(xã|thị trấn|phường)\s+/;
const PREFIX_FOLDED = /^(xa|thi tran|phuong)\s+/;

/** The exact matching key: NFC, trimmed, spaces collapsed, case folded, prefix removed. */
export function unitKey(name: string): string {
  return foldCase(name).replace(PREFIX, '');
}

/** The accent-free key: the exact key without marks, đ→d, and the prefix in its accent-free form. */
export function unitLooseKey(name: string): string {
  return stripAccents(foldCase(name)).replace(PREFIX_FOLDED, '');
}

/** Whether a unit is valid on an ISO date (no date: valid). */
export function validOn(unit: Unit, date: string | null): boolean {
  if (!date) return true;
  return (!unit.validFrom || unit.validFrom <= date) && (!unit.validTo || date <= unit.validTo);
}

/** Whether a unit is valid on some day of an inclusive period. */
export function validDuring(unit: Unit, from: string | null, to: string | null): boolean {
  return (
    (!unit.validFrom || !to || unit.validFrom <= to) &&
    (!unit.validTo || !from || from <= unit.validTo)
  );
}

/**
 * Result of matching a typed name. `via` is the unit the name meant when it no longer existed on
 * the date and the match went on to its successor; `warning` then says so, in Vietnamese.
 */
export type UnitMatch =
  | { ok: true; unit: Unit; via?: Unit; warning?: string }
  | { ok: false; why: 'unknown' | 'ambiguous' | 'not-valid'; candidates: Unit[] };

/** An index of units by exact and accent-free key, built once per run. */
export interface UnitIndex {
  exact: Map<string, Unit[]>;
  loose: Map<string, Unit[]>;
}

/** Indexes units by name, aliases and code. */
export function indexUnits(units: readonly Unit[]): UnitIndex {
  const exact = new Map<string, Unit[]>();
  const loose = new Map<string, Unit[]>();
  const put = (m: Map<string, Unit[]>, k: string, u: Unit) => {
    const list = m.get(k);
    if (!list) m.set(k, [u]);
    else if (!list.includes(u)) list.push(u);
  };
  for (const u of units) {
    for (const name of [u.name, ...u.aliases]) {
      put(exact, unitKey(name), u);
      put(loose, unitLooseKey(name), u);
    }
    put(exact, foldCase(u.code), u);
  }
  return { exact, loose };
}

/**
 * Finds the unit a typed name means on a date. The accent-free key is used only when
 * exactly one unit (valid on that date, when several share it) has it.
 */
export function matchUnit(index: UnitIndex, name: string, date: string | null): UnitMatch {
  const pick = (found: Unit[] | undefined): UnitMatch | null => {
    if (!found || found.length === 0) return null;
    const valid = found.filter((u) => validOn(u, date));
    if (valid.length === 1) return { ok: true, unit: valid[0] };
    if (valid.length === 0) return { ok: false, why: 'not-valid', candidates: found };
    return { ok: false, why: 'ambiguous', candidates: valid };
  };
  const exact = pick(index.exact.get(unitKey(name)));
  if (exact) return followed(index, exact, date);
  const loose = pick(index.loose.get(unitLooseKey(name)));
  if (loose) return followed(index, loose, date);
  return { ok: false, why: 'unknown', candidates: [] };
}

/**
 * A name of a unit that no longer existed on the date (typed from an old list, or picked on a Form
 * not yet updated) is matched to the one unit it became by then, with a warning; when it went into
 * several units, the answer stays not valid and names them (a person must choose).
 */
function followed(index: UnitIndex, m: UnitMatch, date: string | null): UnitMatch {
  if (m.ok || m.why !== 'not-valid' || !date) return m;
  const ends = new Set<Unit>();
  for (const old of m.candidates) {
    if (old.validTo && date <= old.validTo) continue;
    for (const u of successorsOn(index, old, date)) ends.add(u);
  }
  const found = [...ends];
  const old = m.candidates.find((u) => successorsOn(index, u, date).length > 0);
  if (found.length === 1 && old)
    return {
      ok: true,
      unit: found[0],
      via: old,
      warning: `Đơn vị "${old.name}" không còn từ ngày ${formatDmy(addDays(old.validTo ?? date, 1))}; phiếu ngày ${formatDmy(date)} được tính cho ${found[0].name} (đơn vị kế thừa).`,
    };
  return found.length > 1 ? { ok: false, why: 'not-valid', candidates: found } : m;
}

/** Every unit with this code (a code may be reused by a successor after its predecessor ended). */
function byCode(index: UnitIndex, code: string): Unit[] {
  return (index.exact.get(foldCase(code)) ?? []).filter((u) => u.code === code);
}

/** The unit a successor code names the day after `unit` ended (codes can be reused). */
function successorUnits(index: UnitIndex, unit: Unit): Unit[] {
  if (!unit.validTo || !unit.successors?.length) return [];
  const day = addDays(unit.validTo, 1);
  const out: Unit[] = [];
  for (const code of unit.successors) {
    const next = byCode(index, code).find((u) => validOn(u, day));
    if (next && !out.includes(next)) out.push(next);
  }
  return out;
}

/**
 * The units valid on `date` that `unit`'s area went into, following successors through later
 * changes (Xã Bột Xuyên → Xã Mỹ Xuyên in 2025 → Xã Phúc Sơn); [] when it did not end or no
 * successor is known.
 */
export function successorsOn(index: UnitIndex, unit: Unit, date: string): Unit[] {
  const out: Unit[] = [];
  const seen = new Set<Unit>();
  const walk = (u: Unit) => {
    if (seen.has(u)) return;
    seen.add(u);
    if (validOn(u, date)) {
      if (!out.includes(u)) out.push(u);
      return;
    }
    for (const next of successorUnits(index, u)) walk(next);
  };
  for (const next of successorUnits(index, unit)) walk(next);
  return out;
}

/**
 * The unit whose trend carries `unit` on `date`: itself while valid, else the one unit it became
 * by then, else itself (a unit divided between several, or with nowhere to go, keeps its history
 * under its own name: assigning it to one part would be a guess).
 */
export function continuingUnit(index: UnitIndex, unit: Unit, date: string): Unit {
  if (validOn(unit, date)) return unit;
  const now = successorsOn(index, unit, date);
  return now.length === 1 ? now[0] : unit;
}

/**
 * How a unit is named on `date`: its name while valid; once ended, `Xã Hợp Tiến (nay thuộc Xã
 * Hồng Sơn)`, `Xã Hồng Sơn (cũ, đến 30/06/2025)` when its successor kept its name, or `Xã Đồng
 * Tâm (đã chia tách, nay thuộc Xã Phúc Sơn và Xã Trần Phú)` when it went into several.
 */
export function unitLabelOn(index: UnitIndex, unit: Unit, date: string): string {
  if (validOn(unit, date)) return unit.name;
  const now = successorsOn(index, unit, date);
  if (now.length === 1 && now[0].name === unit.name && unit.validTo)
    return `${unit.name} (cũ, đến ${formatDmy(unit.validTo)})`;
  if (now.length > 1) {
    const names = now.map((u) => u.name);
    const last = names.pop();
    return `${unit.name} (đã chia tách, nay thuộc ${names.join(', ')} và ${last})`;
  }
  return now.length ? `${unit.name} (nay thuộc ${now[0].name})` : unit.name;
}

/** A key naming one unit even where its code was reused: the code, and the start date if any. */
export function unitIdentity(unit: Unit): string {
  return unit.validFrom ? `${unit.code}@${unit.validFrom}` : unit.code;
}

/** Finds, for a code and a date, the unit that code named then (codes can be reused). */
export interface UnitLookup {
  index: UnitIndex;
  /** The unit the code named on the date (else any unit with the code), or undefined. */
  unitAt(code: string, date: string): Unit | undefined;
  /** `unitIdentity` of `unitAt`, or the bare code for a code not in the list. */
  keyAt(code: string, date: string): string;
}

/** Builds a lookup over a unit list, once per aggregate. */
export function unitLookup(units: readonly Unit[]): UnitLookup {
  const index = indexUnits(units);
  const unitAt = (code: string, date: string) => {
    const list = byCode(index, code);
    return list.find((u) => validOn(u, date)) ?? list[0];
  };
  return {
    index,
    unitAt,
    keyAt: (code, date) => {
      const u = unitAt(code, date);
      return u ? unitIdentity(u) : code;
    },
  };
}

/** One inspection (or any dated row) of a unit, as trends and comparisons see it. */
export interface Followed<T> {
  item: T;
  /** The unit the inspection was scored as. */
  then: Unit;
  /** The unit its history continues in on the reference date. */
  now: Unit;
  /** `then`'s name, with `(nay thuộc …)` when it has ended by the reference date. */
  label: string;
}

/**
 * Re-keys dated rows to the units they continue in on `asOf`, for trends and the comparison
 * with an earlier period: a row keeps the unit it was scored as (`then`) and is counted under
 * `now`, labelled so that the reader sees the change. Rows whose unit code is not in the list
 * are dropped.
 */
export function followUnits<T extends { unitCode: string; date: string }>(
  units: readonly Unit[],
  rows: readonly T[],
  asOf: string,
): Followed<T>[] {
  const { index, unitAt } = unitLookup(units);
  const out: Followed<T>[] = [];
  for (const item of rows) {
    const then = unitAt(item.unitCode, item.date);
    if (!then) continue;
    out.push({
      item,
      then,
      now: continuingUnit(index, then, asOf),
      label: unitLabelOn(index, then, asOf),
    });
  }
  return out;
}

/** Compares unit codes: numerically when both are digits, else as text. */
export function compareCodes(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b) && a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** How the Form asks for the unit: radio buttons for a short list, a dropdown for a long one. */
export interface UnitQuestion {
  kind: 'choice' | 'list';
  choices: string[];
  help: string;
}

/**
 * Up to this many units show as radio buttons (all visible on one phone screen); more go into a
 * dropdown, which a phone opens as a scrolling picker instead of a page-long list of buttons.
 */
export const RADIO_MAX = 10;

const TYPE_PREFIX = /^(xã|thị trấn|phường|đặc khu)\s+/i;

/**
 * The unit question for the units valid on `today`: sorted by the unit's own name, whatever its
 * type (Phường Ba Đình, Xã Ba Vì, Phường Bạch Mai…), since a dropdown on a phone cannot be
 * searched and the reader scrolls to an initial; the help says so.
 */
export function unitQuestion(units: readonly Unit[], today: string): UnitQuestion {
  const own = (u: Unit) => u.name.replace(TYPE_PREFIX, '');
  const valid = sortVi(
    sortVi(
      units.filter((u) => validOn(u, today)),
      (u) => u.name,
    ),
    own,
  );
  const choices = [...new Set(valid.map((u) => u.name))];
  if (choices.length <= RADIO_MAX)
    return { kind: 'choice', choices, help: 'Chọn đơn vị được kiểm tra.' };
  const example = valid[Math.floor(valid.length / 2)];
  const initial = own(example).charAt(0).toUpperCase();
  const words = ['Xã', 'Phường', 'Thị trấn', 'Đặc khu'].filter((w) =>
    valid.some((u) => u.name.startsWith(`${w} `)),
  );
  const skip = words.length ? `, không kể chữ ${words.join(', ')}` : '';
  return {
    kind: 'list',
    choices,
    help: `Chọn trong danh sách ${choices.length} đơn vị, xếp theo tên riêng${skip}: ví dụ ${example.name} ở vần ${initial}.`,
  };
}
