// The config sheets as tables of cells: default contents, and reading them back into a validated configuration.

import type { Validated } from './checklist';
import { configFrom, DEFAULT_CONFIG } from './config';
import { formatDmy, isValidIsoDate, vnDateOf } from './dates';
import { SHEETS } from './names';
import { defaultSettingRows, readSettings, type Settings } from './settings';
import type { Config } from './types';
import { foldCase, normalizeText } from './vi';

export type { Settings };

const SHEET_TITLES = SHEETS;

/** Everything the script reads from the config sheets, validated. */
export interface AppConfig {
  config: Config;
  settings: Settings;
  /** Allowed respondent emails (lower case); empty = anyone. */
  inspectors: string[];
  /** Inspectors' names and positions (team members in the minutes). */
  team: { name: string; position: string }[];
  /** Unit email addresses by unit code (for per-unit results). */
  unitEmails: Record<string, string>;
}

type Cell = string | number | boolean | Date;
type Table = Cell[][];

const TYPE_NAMES: Record<string, 'yesno' | 'choice3' | 'count' | 'group' | 'base'> = {
  yesno: 'yesno',
  'đạt/không đạt': 'yesno',
  choice3: 'choice3',
  'ba mức': 'choice3',
  count: 'count',
  đếm: 'count',
  nhóm: 'group',
  group: 'group',
  'số liệu': 'base',
  base: 'base',
};
const TYPE_LABEL = { yesno: 'Đạt/Không đạt', choice3: 'Ba mức', count: 'Đếm' } as const;

/** Header rows of the config sheets. */
export const CONFIG_HEADERS = {
  settings: ['Mục', 'Giá trị', 'Giải thích'],
  criteria: [
    'Mã',
    'Nhóm',
    'Nội dung',
    'Loại',
    'Số liệu nền',
    'Điểm',
    'Nghiêm trọng',
    'Cách ghi tồn tại',
  ],
  tiers: ['Xếp loại', 'Điểm từ', 'Mức trần khi có số vi phạm nghiêm trọng từ'],
  units: ['Mã', 'Tên', 'Tên gọi khác', 'Hiệu lực từ', 'Hiệu lực đến', 'Email', 'Nay thuộc (mã)'],
  inspectors: ['Email', 'Họ và tên', 'Chức vụ'],
};

/** The default contents (header first) of each config sheet. */
export function defaultTables(
  config: Config = DEFAULT_CONFIG,
): Record<keyof typeof CONFIG_HEADERS, Table> {
  const c = config.checklist;
  const criteria: Table = [CONFIG_HEADERS.criteria];
  for (const g of c.groups) {
    criteria.push([g.code, '', g.title, 'Nhóm', '', '', '', '']);
    for (const b of c.bases) {
      const first = c.criteria.find((x) => x.base === b.code);
      if (first && first.group === g.code)
        criteria.push([b.code, g.code, b.title, 'Số liệu', '', '', '', '']);
    }
    for (const x of c.criteria.filter((k) => k.group === g.code))
      criteria.push([
        x.code,
        x.group,
        x.text,
        TYPE_LABEL[x.type],
        x.base ?? '',
        x.points,
        x.critical ? 'Có' : '',
        x.finding,
      ]);
  }
  const tiers: Table = [CONFIG_HEADERS.tiers];
  for (const t of c.tiers) {
    const cap = c.caps.find((k) => k.maxTier === t.label);
    tiers.push([t.label, t.min, cap ? cap.failures : '']);
  }
  return {
    settings: [CONFIG_HEADERS.settings, ...defaultSettingRows()],
    criteria,
    tiers,
    units: [CONFIG_HEADERS.units, ...config.units.map(unitCells)],
    inspectors: [CONFIG_HEADERS.inspectors],
  };
}

const text = (v: Cell | undefined): string =>
  v === undefined || v === null ? '' : v instanceof Date ? isoOf(v) : normalizeText(String(v));

/** A date cell or ISO/dd/mm/yyyy text → ISO; '' stays ''; anything else is returned as typed. */
function isoOf(v: Cell): string {
  // The workbook's time zone is Asia/Ho_Chi_Minh (setup sets it), so a date cell is Vietnam midnight.
  if (v instanceof Date) return vnDateOf(v.getTime());
  const s = normalizeText(String(v));
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  if (m) return `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`;
  return s;
}

const num = (v: Cell | undefined): number | string => {
  if (typeof v === 'number') return v;
  const s = text(v).replace(',', '.');
  return s !== '' && Number.isFinite(Number(s)) ? Number(s) : text(v);
};

const rows = (t: Table | undefined): Cell[][] =>
  (t ?? []).slice(1).filter((r) => r.some((c) => text(c) !== ''));

/** Reads the config sheets' tables (header row first) and validates everything at once. */
export function readTables(
  tables: Partial<Record<keyof typeof CONFIG_HEADERS, Table>>,
): Validated<AppConfig> {
  const errors: string[] = [];
  for (const name of Object.keys(CONFIG_HEADERS) as (keyof typeof CONFIG_HEADERS)[])
    if (!tables[name]) errors.push(`Thiếu trang cấu hình "${SHEET_TITLES[name]}".`);

  const settings = readSettings(rows(tables.settings), errors);

  const groups: unknown[] = [];
  const bases: unknown[] = [];
  const criteria: unknown[] = [];
  // The finding column came later: found by its header; a sheet made before it has none, and
  // then a criterion still worded as the default one keeps the default finding.
  const findingCol = (tables.criteria?.[0] ?? []).findIndex(
    (h) => foldCase(text(h)) === foldCase(CONFIG_HEADERS.criteria[7]),
  );
  const defaults = new Map(DEFAULT_CONFIG.checklist.criteria.map((c) => [c.code, c]));
  rows(tables.criteria).forEach((r, i) => {
    const where = `Trang "${SHEET_TITLES.criteria}", dòng ${i + 2}`;
    const kind = TYPE_NAMES[foldCase(text(r[3]))];
    const code = text(r[0]);
    if (!kind) {
      errors.push(
        `${where}: loại "${text(r[3])}" không hợp lệ (chỉ nhận Nhóm, Số liệu, Đạt/Không đạt, Ba mức, Đếm).`,
      );
      return;
    }
    if (kind === 'group') groups.push({ code, title: text(r[2]) });
    else if (kind === 'base') bases.push({ code, title: text(r[2]) });
    else {
      const critical = foldCase(text(r[6]));
      if (!['', 'có', 'không', 'x', 'true', 'false'].includes(critical))
        errors.push(
          `${where}: cột "Nghiêm trọng" chỉ nhận "Có" hoặc để trống, nhận được "${text(r[6])}".`,
        );
      const d = defaults.get(code);
      const finding =
        findingCol >= 0
          ? text(r[findingCol])
          : d && foldCase(d.text) === foldCase(text(r[2]))
            ? d.finding
            : '';
      criteria.push({
        code,
        group: text(r[1]),
        text: text(r[2]),
        finding,
        type: kind,
        ...(text(r[4]) ? { base: text(r[4]) } : {}),
        points: num(r[5]),
        critical: critical === 'có' || critical === 'x' || critical === 'true',
      });
    }
  });

  const tiers: unknown[] = [];
  const caps: unknown[] = [];
  for (const r of rows(tables.tiers)) {
    tiers.push({ label: text(r[0]), min: num(r[1]) });
    if (text(r[2]) !== '') caps.push({ failures: num(r[2]), maxTier: text(r[0]) });
  }

  const units = rows(tables.units).map((r) => ({
    code: text(r[0]),
    name: text(r[1]),
    aliases: text(r[2])
      .split(/[,;]/)
      .map((a) => a.trim())
      .filter((a) => a !== ''),
    validFrom: isoOf(r[3] ?? ''),
    validTo: isoOf(r[4] ?? ''),
    successors: text(r[6])
      .split(/[,;\s]+/)
      .filter((c) => c !== ''),
  }));
  for (const u of units)
    for (const k of ['validFrom', 'validTo'] as const)
      if (u[k] !== '' && !isValidIsoDate(u[k]))
        errors.push(
          `Đơn vị ${u.name || u.code}: ngày hiệu lực "${u[k]}" không hợp lệ (dùng dd/mm/yyyy).`,
        );

  const inspectors: string[] = [];
  const team: { name: string; position: string }[] = [];
  const isEmail = (e: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(e);
  rows(tables.inspectors).forEach((r, i) => {
    const email = foldCase(text(r[0]));
    if (!isEmail(email))
      errors.push(
        `Trang "${SHEET_TITLES.inspectors}", dòng ${i + 2}: email không hợp lệ "${text(r[0])}".`,
      );
    else inspectors.push(email);
    if (text(r[1])) team.push({ name: text(r[1]), position: text(r[2]) });
  });
  const unitEmails: Record<string, string> = {};
  rows(tables.units).forEach((r, i) => {
    const email = foldCase(text(r[5]));
    if (!email) return;
    if (!isEmail(email))
      errors.push(
        `Trang "${SHEET_TITLES.units}", dòng ${i + 2}: email không hợp lệ "${text(r[5])}".`,
      );
    else unitEmails[text(r[0])] = email;
  });

  const config = configFrom({
    groups,
    bases,
    criteria,
    tiers,
    caps,
    units: units.map((u) => ({
      ...u,
      validFrom: u.validFrom || undefined,
      validTo: u.validTo || undefined,
    })),
  });
  if (!config.ok) errors.push(...config.errors);
  if (errors.length > 0 || !config.ok) return { ok: false, errors };
  return { ok: true, value: { config: config.value, settings, inspectors, team, unitEmails } };
}

/** A unit as a row of the units sheet (the email column, sixth, left empty). */
export function unitCells(u: Config['units'][number]): string[] {
  return [
    u.code,
    u.name,
    u.aliases.join(', '),
    u.validFrom ? formatDmy(u.validFrom) : '',
    u.validTo ? formatDmy(u.validTo) : '',
    '',
    (u.successors ?? []).join(', '),
  ];
}
