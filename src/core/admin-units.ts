// Vietnam's 34 provinces and 3,321 commune-level units from 1 July 2025, and which pre-reform unit went where (read from the generated data).

import { ADMIN_UNITS_DATA } from './admin-units-data';
import { foldCase, stripAccents } from './vi';

/** The day the 2025 units began operating (district level abolished). */
export const REFORM_DATE = '2025-07-01';
/** The last day of the pre-reform units. */
export const LAST_DAY_BEFORE_REFORM = '2025-06-30';

/** A province or centrally governed city (Công văn 915/CTK-CSCL). */
export interface Province {
  code: string;
  /** Full name: `Thành phố Hà Nội`, `Tỉnh Cao Bằng`. */
  name: string;
}

/** Commune-level unit types. */
export type AdminUnitType = 'xã' | 'phường' | 'đặc khu';

/** A commune-level unit from 1 July 2025 (Công văn 1027/CTK-CSCL). */
export interface AdminUnit {
  code: string;
  /** Full official name with its type: `Phường Hoàn Kiếm`, `Đặc khu Phú Quốc`. */
  name: string;
  type: AdminUnitType;
  provinceCode: string;
}

const TYPES: Record<string, [AdminUnitType, string]> = {
  x: ['xã', 'Xã'],
  p: ['phường', 'Phường'],
  d: ['đặc khu', 'Đặc khu'],
};

// Decoded lazily, one province at a time: setup needs one province, never the whole country.
const decoded = new Map<string, { units: AdminUnit[]; predecessors: string[][] }>();

function fields(line: string): string[] {
  return line.split('|');
}

/** The 34 provinces in official order. */
export function listProvinces(): Province[] {
  return ADMIN_UNITS_DATA.map((line) => {
    const a = line.indexOf('|');
    const b = line.indexOf('|', a + 1);
    return { code: line.slice(0, a), name: line.slice(a + 1, b) };
  });
}

function decode(provinceCode: string): { units: AdminUnit[]; predecessors: string[][] } | null {
  const hit = decoded.get(provinceCode);
  if (hit) return hit;
  const line = ADMIN_UNITS_DATA.find((l) => l.startsWith(`${provinceCode}|`));
  if (!line) return null;
  const [, , unitText, oldText] = fields(line);
  const units = unitText.split(';').map((s) => {
    const [type, word] = TYPES[s[5]];
    return { code: s.slice(0, 5), name: `${word} ${s.slice(6)}`, type, provinceCode };
  });
  const predecessors = oldText.split(';').map((list) => {
    let prev = 0;
    return list.split('.').map((step) => {
      const short = step.startsWith('~');
      prev += parseInt(short ? step.slice(1) : step, 36);
      return String(prev).padStart(short ? 3 : 5, '0');
    });
  });
  const out = { units, predecessors };
  decoded.set(provinceCode, out);
  return out;
}

/** A province's units in official order (not alphabetical); [] for an unknown code. */
export function provinceUnits(provinceCode: string): AdminUnit[] {
  return decode(provinceCode)?.units ?? [];
}

/** For each unit of a province, the pre-reform codes (catalogue of 1 March 2025) that went into it. */
export function predecessorCodes(provinceCode: string): Map<string, string[]> {
  const d = decode(provinceCode);
  const out = new Map<string, string[]>();
  if (!d) return out;
  d.units.forEach((u, i) => {
    out.set(u.code, d.predecessors[i]);
  });
  return out;
}

/**
 * Pre-reform code → the new units it went into, wholly or partly (in the new units' official
 * order). Join old and new through this map, never by code alone: codes were reused.
 */
export function successorCodes(provinceCode: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [code, olds] of predecessorCodes(provinceCode))
    for (const old of olds) {
      const list = out.get(old);
      if (list) list.push(code);
      else out.set(old, [code]);
    }
  return out;
}

// Short forms offices type for the two largest cities.
const PROVINCE_ALIASES: Record<string, string> = {
  hcm: '79',
  tphcm: '79',
  saigon: '79',
  hn: '01',
  tphn: '01',
};

const PROVINCE_PREFIX = /^(tỉnh|thành phố|tp\.?)\s*/;
const PROVINCE_PREFIX_FOLDED = /^(tinh|thanh pho|tp\.?)\s*/;

/** Finds a province by code (`1`, `01`) or name, with or without `Tỉnh`/`Thành phố`, accents optional. */
export function findProvince(text: string): Province | null {
  const t = foldCase(text);
  if (!t) return null;
  const all = listProvinces();
  if (/^\d{1,2}$/.test(t)) return all.find((p) => p.code === t.padStart(2, '0')) ?? null;
  const alias = PROVINCE_ALIASES[stripAccents(t).replace(/[\s.]+/g, '')];
  if (alias) return all.find((p) => p.code === alias) ?? null;
  const exact = all.filter(
    (p) => foldCase(p.name).replace(PROVINCE_PREFIX, '') === t.replace(PROVINCE_PREFIX, ''),
  );
  if (exact.length === 1) return exact[0];
  const loose = (s: string) => stripAccents(foldCase(s)).replace(PROVINCE_PREFIX_FOLDED, '');
  const found = all.filter((p) => loose(p.name) === loose(t));
  return found.length === 1 ? found[0] : null;
}

const UNIT_PREFIX = /^(xã|phường|đặc khu)\s+/;
const UNIT_PREFIX_FOLDED = /^(xa|phuong|dac khu)\s+/;

/**
 * Finds a unit of a province by code or name: the full name first (`Xã Hồng Sơn`), then the
 * name without its type, then without accents; a name shared by a xã and a phường is ambiguous.
 */
export function findAdminUnit(
  provinceCode: string,
  text: string,
): { ok: true; unit: AdminUnit } | { ok: false; candidates: AdminUnit[] } {
  const units = provinceUnits(provinceCode);
  const t = foldCase(text);
  const one = (list: AdminUnit[]) =>
    list.length === 1 ? { ok: true as const, unit: list[0] } : null;
  if (!t) return { ok: false, candidates: [] };
  const tries: ((u: AdminUnit) => boolean)[] = [
    (u) => u.code === t.padStart(5, '0') && /^\d+$/.test(t),
    (u) => foldCase(u.name) === t,
    (u) => foldCase(u.name).replace(UNIT_PREFIX, '') === t.replace(UNIT_PREFIX, ''),
    (u) =>
      stripAccents(foldCase(u.name)).replace(UNIT_PREFIX_FOLDED, '') ===
      stripAccents(t).replace(UNIT_PREFIX_FOLDED, ''),
  ];
  for (const test of tries) {
    const list = units.filter(test);
    const hit = one(list);
    if (hit) return hit;
    if (list.length > 1) return { ok: false, candidates: list };
  }
  return { ok: false, candidates: [] };
}

/** `Hà Nội` from `Thành phố Hà Nội`; Hồ Chí Minh City keeps its full name, as documents write it. */
export function provinceShortName(p: Province): string {
  if (p.code === '79') return p.name;
  return p.name.replace(/^(Tỉnh|Thành phố)\s+/, '');
}

/** The name without its type: `Hồng Sơn` from `Xã Hồng Sơn`. */
export function unitShortName(u: AdminUnit): string {
  return u.name.replace(/^(Xã|Phường|Đặc khu)\s+/, '');
}
