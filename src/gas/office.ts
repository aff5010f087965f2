// Who the office is: the setup dialog (Ui.prompt) and, at setup, the units sheet and document headers filled from the `Cài đặt` sheet.
/// <reference types="google-apps-script" />

import { CONFIG_HEADERS, defaultTables, unitCells } from '../core/config-tables';
import { formatDmy, isValidIsoDate, vnDateOf } from '../core/dates';
import { SHEETS } from '../core/names';
import {
  answerOfficeQuestion,
  levelLabel,
  mergeReform,
  nextOfficeQuestion,
  type Office,
  type OfficeAnswers,
  type OfficeSettings,
  officeFrom,
  officeSettings,
  officeUnits,
} from '../core/office';
import { SETTING_SPECS } from '../core/settings';
import type { Unit } from '../core/types';
import { foldCase, normalizeText } from '../core/vi';
import { safe } from './cells';
import { dropConfig } from './store';
import { ConfigError } from './workbook';

type Cell = string | number | boolean | Date;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

// What the last fill wrote (office, a fingerprint of the units rows, the settings values), so a
// later setup can tell the office's own edits (kept) from its own earlier fill (replaceable).
const PROP = 'officeApplied';

interface Applied {
  office: string;
  units: string;
  settings: Partial<OfficeSettings>;
}

const OFFICE_LABELS = {
  level: labelOf('officeLevel'),
  province: labelOf('officeProvince'),
  commune: labelOf('officeCommune'),
};

function labelOf(key: string): string {
  const spec = SETTING_SPECS.find((s) => s.key === key);
  if (!spec) throw new Error(`Thiếu cài đặt ${key}.`);
  return spec.label;
}

const cellText = (v: Cell | undefined): string =>
  v === undefined || v === null
    ? ''
    : v instanceof Date
      ? formatDmy(vnDateOf(v.getTime()))
      : normalizeText(String(v));

/** A cheap fingerprint of rows of text (FNV-1a), to recognise rows the script wrote itself. */
function fingerprint(rows: Cell[][]): string {
  const text = rows
    .map((r) => {
      const cells = r.map(cellText);
      while (cells.length && cells[cells.length - 1] === '') cells.pop();
      return cells;
    })
    .filter((cells) => cells.length > 0)
    .map((cells) => JSON.stringify(cells))
    .join('\n');
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `${h.toString(36)}:${text.length}`;
}

function unitRow(u: Unit, width: number): Cell[] {
  const row: Cell[] = unitCells(u);
  while (row.length < width) row.push('');
  return row.slice(0, width);
}

const isoOf = (c: Cell | undefined): string | undefined => {
  const t = cellText(c);
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  const iso = m ? `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}` : t;
  return iso && isValidIsoDate(iso) ? iso : undefined;
};

/** The units sheet's rows as units (only what the reform merge reads). */
function unitsOfRows(rows: Cell[][]): Unit[] {
  return rows.map((r) => {
    const validFrom = isoOf(r[3]);
    const validTo = isoOf(r[4]);
    const successors = cellText(r[6])
      .split(/[,;\s]+/)
      .filter((c) => c !== '');
    return {
      code: cellText(r[0]),
      name: cellText(r[1]),
      aliases: [],
      ...(validFrom ? { validFrom } : {}),
      ...(validTo ? { validTo } : {}),
      ...(successors.length ? { successors } : {}),
    };
  });
}

/**
 * At setup: when `Cài đặt` names the office (level and province, and the commune for a commune),
 * fills the units sheet and the document settings from the shipped 2025 list. The units sheet is
 * replaced only while it holds the Mỹ Đức defaults or this script's own earlier fill; an office's
 * own list is kept and, for a province, brought across the reform (old units end on 30/06/2025
 * with their successors, the new units are added). A setting is replaced only while it holds its
 * default or the earlier fill. Returns what was done ('' when nothing), throws ConfigError on a
 * setting it cannot read.
 */
export function applyOffice(ss: Spreadsheet): string {
  const settingsSheet = ss.getSheetByName(SHEETS.settings);
  const unitsSheet = ss.getSheetByName(SHEETS.units);
  if (!settingsSheet || !unitsSheet) return '';
  const settingRows = settingsSheet.getDataRange().getValues() as Cell[][];
  const added = addMissingSettings(settingsSheet, settingRows);
  const rowOf = new Map(settingRows.map((r, i) => [foldCase(cellText(r[0])), i]));
  const settingOf = (label: string) => {
    const i = rowOf.get(foldCase(label));
    return i === undefined ? '' : cellText(settingRows[i][1]);
  };
  const answers: OfficeAnswers = {
    level: settingOf(OFFICE_LABELS.level),
    province: settingOf(OFFICE_LABELS.province),
    commune: settingOf(OFFICE_LABELS.commune),
  };
  const note = added ? `thêm ${added} mục vào trang "${SHEETS.settings}"` : '';
  if (!answers.level && !answers.province) return note;
  const found = officeFrom(answers);
  if (!found.ok) throw new ConfigError(found.errors.map((e) => `Trang "${SHEETS.settings}": ${e}`));
  const office = found.office;
  const key = officeKey(office);
  const props = PropertiesService.getScriptProperties();
  let before: Applied | null = null;
  try {
    before = JSON.parse(props.getProperty(PROP) ?? 'null') as Applied | null;
  } catch {
    before = null;
  }
  const done: string[] = note ? [note] : [];

  // Units.
  const width = CONFIG_HEADERS.units.length;
  const current = unitsSheet.getDataRange().getValues() as Cell[][];
  const body = current.slice(1);
  const defaults = defaultTables().units.slice(1);
  const fresh = officeUnits(office);
  const replaceable =
    fingerprint(body) === fingerprint(defaults) ||
    (before !== null && fingerprint(body) === before.units);
  let rows: Cell[][] | null = null;
  // The fingerprint of the units sheet while it holds only this script's fill ('' once the office's
  // own list is in it): only such a sheet is replaced when the office later names another office.
  let own = replaceable && before !== null ? before.units : '';
  if (replaceable && (before?.office !== key || fingerprint(body) === fingerprint(defaults))) {
    rows = fresh.map((u) => unitRow(u, width));
    own = fingerprint(rows);
    done.push(`điền ${fresh.length} đơn vị ${unitsOf(office)}`);
  } else if (!replaceable && office.level === 'province' && before?.office !== key) {
    const kept = body.filter((r) => r.some((c) => cellText(c) !== ''));
    const merged = mergeReform(unitsOfRows(kept), fresh, office.province.code);
    if (merged.added || merged.ended) {
      rows = [
        ...kept.map((r, i) => {
          const u = merged.units[i];
          const out = [...r, ...new Array<Cell>(Math.max(0, width - r.length)).fill('')];
          out[4] = u.validTo ? formatDmy(u.validTo) : out[4];
          out[6] = (u.successors ?? []).join(', ');
          return out.slice(0, width).map(cellText);
        }),
        ...merged.units.slice(kept.length).map((u) => unitRow(u, width)),
      ];
      done.push(
        `thêm ${merged.added} đơn vị từ 01/7/2025 của ${office.province.name}, ${merged.ended} đơn vị cũ hết hiệu lực từ 01/7/2025 (ghi đơn vị kế thừa)`,
      );
      if (merged.unmapped.length)
        done.push(
          `chưa rõ đơn vị kế thừa của ${merged.unmapped.join(', ')}: điền cột "Hiệu lực đến" và "Nay thuộc (mã)" ở trang "${SHEETS.units}"`,
        );
    }
  }
  if (rows) {
    unitsSheet
      .getRange(1, 1, rows.length + 1, width)
      .setValues([[...CONFIG_HEADERS.units], ...rows].map((r) => r.map(safe)));
    if (current.length > rows.length + 1)
      unitsSheet
        .getRange(rows.length + 2, 1, current.length - rows.length - 1, width)
        .clearContent();
  }

  // Document settings: replaced while they hold the default or the earlier fill.
  const year = Number(vnDateOf(Date.now()).slice(0, 4));
  const want = officeSettings(office, year);
  const values: (string | null)[] = settingRows.map(() => null);
  let changed = 0;
  for (const [k, v] of Object.entries(want) as [keyof OfficeSettings, string][]) {
    const spec = SETTING_SPECS.find((s) => s.key === k);
    const i = spec ? rowOf.get(foldCase(spec.label)) : undefined;
    if (!spec || i === undefined) continue;
    const now = String(settingRows[i][1] ?? '').trim();
    const mine = now === String(spec.value) || (before !== null && now === before.settings[k]);
    if (mine && now !== v) {
      values[i] = v;
      changed++;
    }
  }
  if (changed) {
    // Only the changed cells, in runs of neighbouring rows: the office's other values are never rewritten.
    for (let i = 0; i < values.length; ) {
      if (values[i] === null) {
        i++;
        continue;
      }
      let j = i;
      while (j < values.length && values[j] !== null) j++;
      settingsSheet
        .getRange(i + 1, 2, j - i, 1)
        .setValues(values.slice(i, j).map((v) => [asTyped(v as string)]));
      i = j;
    }
    done.push(`điền ${changed} mục văn bản (${want.issuingBody}, địa danh ${want.place})`);
  }

  props.setProperty(
    PROP,
    JSON.stringify({ office: key, units: own, settings: want } satisfies Applied),
  );
  if (rows || changed) dropConfig();
  return done.join('; ');
}

/** Text the script wrote itself, quoted only when Sheets would read it as a formula, number or date. */
function asTyped(v: string): string {
  return /^[=+\-@]/.test(v) || /^[\d\s.,/:-]+$/.test(v) ? `'${v}` : v;
}

/**
 * A workbook set up by an earlier version lacks the newer settings (who the office is, the units'
 * name): their rows are appended with their defaults, in one write, so the office sees them.
 * `rows` gets them too. Returns how many were added.
 */
function addMissingSettings(sheet: GoogleAppsScript.Spreadsheet.Sheet, rows: Cell[][]): number {
  const have = new Set(rows.map((r) => foldCase(cellText(r[0]))));
  const missing = SETTING_SPECS.filter((s) => !have.has(foldCase(s.label)));
  if (missing.length === 0) return 0;
  const width = Math.max(3, rows[0]?.length ?? 3);
  const extra = missing.map((s) => {
    const row: Cell[] = [s.label, s.value, s.help];
    while (row.length < width) row.push('');
    return row;
  });
  sheet.getRange(rows.length + 1, 1, extra.length, width).setValues(extra.map((r) => r.map(safe)));
  rows.push(...extra);
  return extra.length;
}

function officeKey(o: Office): string {
  return `${o.level}|${o.province.code}|${o.commune?.code ?? ''}`;
}

function unitsOf(o: Office): string {
  return o.level === 'commune' && o.commune
    ? `(các phòng của ${o.commune.name})`
    : `của ${o.province.name}`;
}

/**
 * Menu: asks who the office is, in Vietnamese, one question at a time (a wrong answer is
 * explained and asked again), and writes the answers into `Cài đặt`. Returns false when the
 * person cancels; the caller then runs setup, which fills everything from them.
 */
export function askOffice(): boolean {
  const ui = SpreadsheetApp.getUi();
  let answers: Partial<OfficeAnswers> = {};
  let note = '';
  for (let q = nextOfficeQuestion(answers), asked = 0; q; q = nextOfficeQuestion(answers)) {
    if (++asked > 12) return false;
    const r = ui.prompt(q.title, `${note}${q.prompt}`, ui.ButtonSet.OK_CANCEL);
    if (r.getSelectedButton() !== ui.Button.OK) return false;
    const a = answerOfficeQuestion(answers, q.key, r.getResponseText());
    if (a.ok) {
      answers = a.answers;
      note = '';
    } else note = `${a.message}\n\n`;
  }
  const found = officeFrom({ level: '', province: '', commune: '', ...answers });
  if (!found.ok) return false;
  const o = found.office;
  writeOfficeSettings({
    level: levelLabel(o.level),
    province: o.province.name,
    commune: o.commune?.name ?? '',
  });
  return true;
}

/** Writes the office's answers into `Cài đặt` (rows added when an older sheet lacks them). */
function writeOfficeSettings(a: OfficeAnswers): void {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const sheet = ss.getSheetByName(SHEETS.settings);
  if (!sheet) throw new ConfigError([`Thiếu trang cấu hình "${SHEETS.settings}".`]);
  const rows = sheet.getDataRange().getValues() as Cell[][];
  const width = Math.max(3, rows[0]?.length ?? 3);
  const out = rows.map((r) => [...r, ...new Array<Cell>(width - r.length).fill('')]);
  for (const [k, label] of Object.entries(OFFICE_LABELS) as [keyof OfficeAnswers, string][]) {
    const i = out.findIndex((r) => foldCase(cellText(r[0])) === foldCase(label));
    const help = SETTING_SPECS.find((s) => s.label === label)?.help ?? '';
    if (i >= 0) out[i][1] = a[k];
    else out.push([label, a[k], help, ...new Array<Cell>(width - 3).fill('')]);
  }
  sheet.getRange(1, 1, out.length, width).setValues(out.map((r) => r.map(safe)));
  dropConfig();
}
