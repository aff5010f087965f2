// Turns ../shared/data/*.csv (the 2025 administrative units and the pre-reform mapping) into src/core/admin-units-data.ts.
//
// Usage: node scripts/units-data.mjs [DATA_DIR]   (default ../shared/data)
// Run it again when the units change, then `npm test` (test/core/admin-units.test.ts checks the
// generated file against the CSV files whenever they are present).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** `../shared/data` from the repository root; in a git worktree, from the main checkout's root. */
export function sharedDataDir() {
  const candidates = [resolve('../shared/data')];
  try {
    const common = execFileSync('git', ['rev-parse', '--git-common-dir'], { encoding: 'utf8' });
    candidates.push(resolve(dirname(resolve(common.trim())), '../shared/data'));
  } catch {
    // Not a git checkout: only the plain relative path applies.
  }
  return candidates.find((d) => existsSync(join(d, 'units-2025.csv'))) ?? null;
}

const dir = process.argv[2] ?? sharedDataDir();
if (!dir) {
  process.stderr.write(
    'No ../shared/data/units-2025.csv found; pass the data folder as argument.\n',
  );
  process.exit(1);
}
const OUT = 'src/core/admin-units-data.ts';

/** Minimal RFC 4180 reader: the files quote only when needed, never across lines. */
function readCsv(path) {
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  const rows = [];
  for (const line of text.split(/\r?\n/)) {
    if (line === '') continue;
    const cells = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      if (quoted) {
        if (ch === '"' && line[i + 1] === '"') {
          cell += '"';
          i++;
        } else if (ch === '"') quoted = false;
        else cell += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === ',') {
        cells.push(cell);
        cell = '';
      } else cell += ch;
    }
    cells.push(cell);
    rows.push(cells);
  }
  const [header, ...records] = rows;
  return records.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

const TYPES = { xã: ['x', 'Xã '], phường: ['p', 'Phường '], 'đặc khu': ['d', 'Đặc khu '] };
const SEPARATORS = /[|;,:~]/;

const units = readCsv(join(dir, 'units-2025.csv'));
const merged = readCsv(join(dir, 'merged-2025.csv'));

const provinces = new Map();
for (const u of units) {
  let p = provinces.get(u.province_code);
  if (!p) {
    p = { code: u.province_code, name: u.province_name, units: [], index: new Map(), old: [] };
    provinces.set(u.province_code, p);
  }
  const [letter, prefix] = TYPES[u.unit_type] ?? [];
  if (!letter) throw new Error(`Unknown unit type "${u.unit_type}" for ${u.unit_code}`);
  if (!u.unit_name.startsWith(prefix))
    throw new Error(`Name "${u.unit_name}" does not start with its type "${prefix.trim()}"`);
  if (!/^\d{5}$/.test(u.unit_code)) throw new Error(`Unit code "${u.unit_code}" is not 5 digits`);
  const rest = u.unit_name.slice(prefix.length);
  if (SEPARATORS.test(rest)) throw new Error(`Name "${u.unit_name}" holds a separator`);
  p.index.set(u.unit_code, p.units.length);
  p.units.push(`${u.unit_code}${letter}${rest}`);
}

// Each new unit's predecessors (pre-reform codes), in the new unit's order.
const preds = new Map();
for (const m of merged) {
  const p = provinces.get(m.new_province_code);
  if (p?.index.get(m.new_unit_code) === undefined)
    throw new Error(`Mapping to unknown unit ${m.new_unit_code}`);
  const list = preds.get(m.new_unit_code) ?? [];
  list.push(m.old_unit_code);
  preds.set(m.new_unit_code, list);
}
const oldCodes = new Set(merged.map((m) => m.old_unit_code));

// Codes in numeric order: the first in base 36, each next one as the base-36 step from the one
// before; `~` marks a 3-digit district code (the five island districts) so it keeps its length.
function encodePreds(codes) {
  let prev = 0;
  return [...codes]
    .sort((a, b) => Number(a) - Number(b))
    .map((code) => {
      const mark = code.length === 5 ? '' : code.length === 3 ? '~' : null;
      if (mark === null) throw new Error(`Old code "${code}" is neither 5 nor 3 digits`);
      const step = (Number(code) - prev).toString(36);
      prev = Number(code);
      return `${mark}${step}`;
    })
    .join('.');
}
for (const p of provinces.values())
  p.old = p.units.map((u) => {
    const list = preds.get(u.slice(0, 5));
    if (!list) throw new Error(`Unit ${u.slice(0, 5)} has no predecessor`);
    return encodePreds(list);
  });

// Quoted as Biome formats it (single quotes unless the text holds one), so the file stays lint-clean.
const quote = (s) =>
  s.includes("'") && !s.includes('"')
    ? `"${s.replace(/\\/g, '\\\\')}"`
    : `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const lines = [...provinces.values()].map(
  (p) => `  ${quote(`${p.code}|${p.name}|${p.units.join(';')}|${p.old.join(';')}`)},`,
);
const text = `// Generated by scripts/units-data.mjs from ../shared/data (units from 1 July 2025, pre-reform mapping): do not edit.
// Sources, licences and how to update: README.md, "Where the unit data comes from". One string per province:
// "code|name|units|old", units = "CODE" + type (x xã, p phường, d đặc khu) + name without its type, ";"-separated;
// old = per unit in the same order, its pre-reform codes: the first in base 36, then base-36 steps ("."-separated;
// ~ marks a 3-digit district code), ";"-separated.

/** The 34 provinces and their commune-level units (Công văn 915 and 1027/CTK-CSCL), compact. */
export const ADMIN_UNITS_DATA: readonly string[] = [
${lines.join('\n')}
];
`;
writeFileSync(OUT, text);
const bytes = Buffer.byteLength(text);
process.stdout.write(
  `${OUT}: ${provinces.size} provinces, ${units.length} units, ${oldCodes.size} pre-reform codes, ${merged.length} pairs, ${(bytes / 1024).toFixed(1)} KiB\n`,
);
