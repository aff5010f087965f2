// Units (communes, towns, wards): name matching with an accent-free fallback, and validity dates (scoring.md §7).

import type { Unit } from './types';
import { foldCase, stripAccents } from './vi';

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

/** Result of matching a typed name. */
export type UnitMatch =
  | { ok: true; unit: Unit }
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
  if (exact) return exact;
  const loose = pick(index.loose.get(unitLooseKey(name)));
  if (loose) return loose;
  return { ok: false, why: 'unknown', candidates: [] };
}

/** Compares unit codes: numerically when both are digits, else as text. */
export function compareCodes(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b) && a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}
