// The office's configuration as plain data: defaults, overrides and validation of units (scoring.md §7).

import { DEFAULT_CHECKLIST, type Validated, validateChecklist } from './checklist';
import { isValidIsoDate } from './dates';
import { groupDigits, needsQuoting, quoteValue, SHEET_CELL_CHARS } from './shown';
import type { Config, Unit } from './types';
import { DEFAULT_UNITS } from './units';

/** The default configuration: the checklist of scoring.md §3 and the units of Mỹ Đức (2019). */
export const DEFAULT_CONFIG: Config = { checklist: DEFAULT_CHECKLIST, units: DEFAULT_UNITS };

const KEYS = ['groups', 'bases', 'criteria', 'tiers', 'caps', 'units'];

/**
 * Builds a configuration from plain data (a parsed JSON file): any of `groups`, `bases`,
 * `criteria`, `tiers`, `caps`, `units`; what is left out keeps its default.
 */
export function configFrom(input: unknown): Validated<Config> {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return { ok: false, errors: ['Cấu hình phải là một đối tượng JSON ({ ... }).'] };
  const data = input as Record<string, unknown>;
  const unknown = Object.keys(data).filter((k) => !KEYS.includes(k));
  const errors = unknown.map(
    (k) => `Khóa cấu hình không được hỗ trợ: "${k}" (chỉ nhận ${KEYS.join(', ')}).`,
  );
  const base = DEFAULT_CHECKLIST;
  const checklist = validateChecklist({
    groups: data.groups ?? base.groups,
    bases: data.bases ?? base.bases,
    criteria: data.criteria ?? base.criteria,
    tiers: data.tiers ?? base.tiers,
    caps: data.caps ?? base.caps,
  });
  if (!checklist.ok) errors.push(...checklist.errors);
  const units = validateUnits(data.units ?? DEFAULT_UNITS);
  if (!units.ok) errors.push(...units.errors);
  if (errors.length || !checklist.ok || !units.ok) return { ok: false, errors };
  return { ok: true, value: { checklist: checklist.value, units: units.value } };
}

/** Whether two validity periods (open ends unbounded) share a day. */
function overlaps(
  a: { validFrom?: string; validTo?: string },
  b: Record<string, string | undefined>,
) {
  return (
    (!a.validFrom || !b.validTo || a.validFrom <= b.validTo) &&
    (!b.validFrom || !a.validTo || b.validFrom <= a.validTo)
  );
}

/**
 * Validates a unit list: names present, validity dates real and in order, a code shared only by
 * units valid at different times, successors known.
 */
export function validateUnits(input: unknown): Validated<Unit[]> {
  if (!Array.isArray(input))
    return { ok: false, errors: ['Danh sách đơn vị "units" phải là một mảng.'] };
  const errors: string[] = [];
  const units: Unit[] = [];
  const codes = new Map<string, Unit[]>();
  for (const [i, raw] of input.entries()) {
    const where = `Đơn vị thứ ${i + 1}`;
    if (typeof raw !== 'object' || raw === null) {
      errors.push(`${where}: không phải một đối tượng.`);
      continue;
    }
    const u = raw as Record<string, unknown>;
    const code =
      typeof u.code === 'string' || typeof u.code === 'number' ? String(u.code).trim() : '';
    const name = typeof u.name === 'string' ? u.name.trim() : '';
    const label = name ? `Đơn vị ${needsQuoting(name) ? quoteValue(name) : name}` : where;
    if (!code) errors.push(`${label}: thiếu mã đơn vị.`);
    if (!name) errors.push(`${where}: thiếu tên đơn vị.`);
    // The name is a cell of the units sheet and a choice of the Form: it must fit one cell.
    if (name.length >= SHEET_CELL_CHARS)
      errors.push(
        `${label}: tên dài hơn ${groupDigits(SHEET_CELL_CHARS - 1)} ký tự, quá một ô Google Sheets.`,
      );
    const aliases = u.aliases ?? [];
    if (!Array.isArray(aliases) || aliases.some((a) => typeof a !== 'string'))
      errors.push(`${label}: "aliases" phải là danh sách tên.`);
    const dates: Record<string, string | undefined> = {};
    for (const k of ['validFrom', 'validTo']) {
      const v = u[k];
      if (v === undefined || v === null || v === '') continue;
      if (typeof v !== 'string' || !isValidIsoDate(v.trim()))
        errors.push(`${label}: ${k} phải là ngày dạng YYYY-MM-DD, nhận được ${JSON.stringify(v)}.`);
      else dates[k] = v.trim();
    }
    if (dates.validFrom && dates.validTo && dates.validFrom > dates.validTo)
      errors.push(`${label}: validFrom (${dates.validFrom}) sau validTo (${dates.validTo}).`);
    const rawNext = u.successors ?? [];
    const successors = Array.isArray(rawNext)
      ? rawNext.map((x) => String(x).trim()).filter((x) => x !== '')
      : [];
    if (!Array.isArray(rawNext) || rawNext.some((x) => typeof x !== 'string'))
      errors.push(`${label}: "successors" phải là danh sách mã đơn vị.`);
    else if (successors.length && !dates.validTo)
      errors.push(`${label}: có đơn vị kế thừa (${successors.join(', ')}) nhưng thiếu validTo.`);
    // A code may be reused by a successor (each new commune took one predecessor's code), so
    // two units share a code only when their validity periods do not overlap.
    const clash = code ? (codes.get(code) ?? []).find((o) => overlaps(o, dates)) : undefined;
    if (clash)
      errors.push(
        `Mã đơn vị bị trùng: ${code}. ${clash.name} và ${name || where} cùng có hiệu lực; một mã chỉ được dùng lại khi thời gian hiệu lực không trùng nhau.`,
      );
    const unit: Unit = {
      code,
      name,
      aliases: Array.isArray(aliases) ? aliases.map(String) : [],
      ...(dates.validFrom ? { validFrom: dates.validFrom } : {}),
      ...(dates.validTo ? { validTo: dates.validTo } : {}),
      ...(successors.length ? { successors } : {}),
    };
    if (code) codes.set(code, [...(codes.get(code) ?? []), unit]);
    units.push(unit);
  }
  for (const u of units)
    for (const next of u.successors ?? [])
      if (!codes.has(next))
        errors.push(
          `Đơn vị ${u.name || u.code}: mã đơn vị kế thừa "${next}" không có trong danh sách.`,
        );
  if (units.length === 0 && errors.length === 0) errors.push('Danh sách đơn vị trống.');
  return errors.length ? { ok: false, errors } : { ok: true, value: units };
}
