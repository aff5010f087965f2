// The second, short Form through which a unit reports a fix (unit, finding, what was done, evidence link), and reading its answers back.
/// <reference types="google-apps-script" />

import { type Action, criterionChoices, type FixReport, isOpen } from '../core/actions';
import { vnDateOf } from '../core/dates';
import { FIX_TITLES, LOOP_HANDLERS, LOOP_PROPS, LOOP_SHEETS } from '../core/loop-names';
import type { Config, Unit } from '../core/types';
import {
  indexUnits,
  matchUnit,
  type UnitIndex,
  unitLabelOn,
  unitLookup,
  validOn,
} from '../core/units';
import { normalizeText, sortVi } from '../core/vi';
import { createPublishedForm, ensurePublished } from './form';
import { ensureLinked } from './form-link';
import { findResponseSheet } from './linked-sheet';
import { openOrNull } from './retry';
import { sheetNamed } from './sheet-cache';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Form = GoogleAppsScript.Forms.Form;

const TITLE = 'Báo cáo kết quả khắc phục sau kiểm tra công vụ';
const DESCRIPTION =
  'Đơn vị được kiểm tra báo cáo từng tồn tại đã khắc phục, kèm đường dẫn minh chứng. Văn phòng sẽ xem và xác nhận.';

/**
 * The units a report can be for: those valid on `today`, then the ended units that still have
 * open actions, named as they are now (`Xã Hợp Tiến (nay thuộc Xã Hồng Sơn)`), so the unit they
 * went into reports fixes of findings made before the change.
 */
function unitChoices(config: Config, today: string, ended: readonly string[]): string[] {
  const own = (name: string) => name.replace(/^(xã|thị trấn|phường|đặc khu)\s+/i, '');
  const valid = sortVi(
    config.units.filter((u) => validOn(u, today)),
    (u) => own(u.name),
  ).map((u) => u.name);
  return [...new Set([...valid, ...sortVi([...ended], own)])];
}

/** Labels of the ended units (on `today`) with open actions, as the unit question offers them. */
export function endedWithOpenActions(
  config: Config,
  actions: readonly Action[],
  today: string,
): string[] {
  const lookup = unitLookup(config.units);
  const out = new Set<string>();
  for (const a of actions) {
    if (!isOpen(a)) continue;
    const unit = lookup.unitAt(a.unitCode, a.date);
    if (unit && !validOn(unit, today)) out.add(unitLabelOn(lookup.index, unit, today));
  }
  return [...out].sort();
}

const endedStored = (): string[] =>
  (PropertiesService.getScriptProperties().getProperty(LOOP_PROPS.fixEnded) ?? '')
    .split('\n')
    .filter((x) => x !== '');

/**
 * Keeps the form's unit question offering the ended units with open actions: the form is
 * opened and its list set only when that set changed since the last time (a property).
 */
export function syncEndedUnits(config: Config, ended: readonly string[], today: string): void {
  const props = PropertiesService.getScriptProperties();
  if (ended.join('\n') === endedStored().join('\n')) return;
  const id = props.getProperty(LOOP_PROPS.fixFormId);
  const form = id ? openOrNull(() => FormApp.openById(id)) : null;
  if (!form) return;
  for (const item of form.getItems(FormApp.ItemType.LIST))
    if (item.getTitle() === FIX_TITLES.unit)
      item.asListItem().setChoiceValues(unitChoices(config, today, ended));
  props.setProperty(LOOP_PROPS.fixEnded, ended.join('\n'));
}

/**
 * The unit a report names: an ended unit as the form offers it (`Xã Hợp Tiến (nay thuộc Xã Hồng
 * Sơn)`, on the report's date), else the unit the name means on that date.
 */
function reportUnit(
  config: Config,
  index: UnitIndex,
  text: string,
  date: string,
): ReturnType<typeof matchUnit> {
  const key = normalizeText(text);
  if (key.includes('(')) {
    const ended: Unit | undefined = config.units.find(
      (u) => !validOn(u, date) && normalizeText(unitLabelOn(index, u, date)) === key,
    );
    if (ended) return { ok: true, unit: ended };
  }
  return matchUnit(index, text, date);
}

/** What setup did with the fix-report form. */
export interface FixFormState {
  /** The form's published address, for the units' emails. */
  url: string;
  /** The sheet its answers go to, or '' while Google does not show it yet (run setup again). */
  sheet: string;
}

/** Adds the questions the form lacks, by title (a run stopped half way is completed, nothing doubled). */
function ensureItems(form: Form): void {
  const have = new Set(form.getItems().map((i) => i.getTitle()));
  if (!have.has(FIX_TITLES.unit)) form.addListItem().setTitle(FIX_TITLES.unit).setRequired(true);
  if (!have.has(FIX_TITLES.criterion))
    form
      .addListItem()
      .setTitle(FIX_TITLES.criterion)
      .setHelpText('Chọn tiêu chí của tồn tại đã khắc phục (xem thư kết quả kiểm tra).')
      .setRequired(true);
  if (!have.has(FIX_TITLES.done))
    form
      .addParagraphTextItem()
      .setTitle(FIX_TITLES.done)
      .setHelpText('Việc đã làm, ngày hoàn thành, người chịu trách nhiệm.')
      .setRequired(true);
  if (!have.has(FIX_TITLES.evidence))
    form
      .addTextItem()
      .setTitle(FIX_TITLES.evidence)
      .setHelpText('Đường dẫn tới ảnh hoặc văn bản trên Google Drive.')
      .setValidation(
        FormApp.createTextValidation()
          .requireTextIsUrl()
          .setHelpText('Hãy dán một đường dẫn (bắt đầu bằng https://).')
          .build(),
      )
      .setRequired(true);
}

/**
 * Opens or creates the fix-report form as setup does the inspection form: a saved form is opened
 * (a timeout is retried and thrown, never taken for "deleted"); a new one's id is saved the moment
 * it exists, so a failure later never makes a second one. Its questions are completed, it is
 * linked to this workbook and its sheet is found by that link (named `Báo cáo khắc phục` and put
 * last when first found); its lists follow the units and criteria; one submit trigger.
 */
export function ensureFixForm(ss: Spreadsheet, config: Config): FixFormState {
  const props = PropertiesService.getScriptProperties();
  const today = vnDateOf(Date.now());
  const id = props.getProperty(LOOP_PROPS.fixFormId);
  let form: Form | null = id ? openOrNull(() => FormApp.openById(id)) : null;
  if (!form) {
    form = createPublishedForm(TITLE);
    props.setProperty(LOOP_PROPS.fixFormId, form.getId());
    props.deleteProperty(LOOP_PROPS.fixSheet);
    form
      .setDescription(DESCRIPTION)
      .setCollectEmail(true)
      .setAllowResponseEdits(false)
      .setConfirmationMessage('Đã ghi nhận báo cáo khắc phục. Văn phòng sẽ xem và xác nhận.');
  }
  ensurePublished(form);
  ensureItems(form);
  ensureLinked(form, ss);
  const last = props.getProperty(LOOP_PROPS.fixSheet) ?? '';
  const linked = findResponseSheet(ss, form, last);
  if (linked && linked.getName() !== last) {
    // First found (or renamed by the office): Google's name becomes ours unless the office chose
    // one; Google puts a linked sheet first, the units' reports belong after the leaders' sheets.
    if (last === '' && !ss.getSheetByName(LOOP_SHEETS.fixResponses))
      linked.setName(LOOP_SHEETS.fixResponses);
    if (last === '') {
      ss.setActiveSheet(linked);
      ss.moveActiveSheet(ss.getSheets().length);
    }
    props.setProperty(LOOP_PROPS.fixSheet, linked.getName());
  }
  for (const item of form.getItems(FormApp.ItemType.LIST)) {
    const title = item.getTitle();
    if (title === FIX_TITLES.unit)
      item.asListItem().setChoiceValues(unitChoices(config, today, endedStored()));
    if (title === FIX_TITLES.criterion) item.asListItem().setChoiceValues(criterionChoices(config));
  }
  const formId = form.getId();
  const triggers = ScriptApp.getProjectTriggers().filter(
    (t) => t.getHandlerFunction() === LOOP_HANDLERS.fixReport,
  );
  let kept = false;
  for (const t of triggers) {
    if (!kept && t.getTriggerSourceId() === formId) kept = true;
    else ScriptApp.deleteTrigger(t);
  }
  if (!kept) ScriptApp.newTrigger(LOOP_HANDLERS.fixReport).forForm(form).onFormSubmit().create();
  return { url: form.getPublishedUrl(), sheet: linked ? linked.getName() : '' };
}

/** A fix report row that could not be read, with the reason in words. */
export interface BadReport {
  row: number;
  reason: string;
}

/** The fix reports as read from their sheet in one call: the reports, the rows at fault, and the sheet's width. */
export interface FixSheet {
  reports: (FixReport & { row: number })[];
  bad: BadReport[];
  /** 1-based column for the script's result column ([KTCV] Kết quả), 0 without a sheet. */
  resultColumn: number;
  rows: number;
  /** What the result column holds now, by row (so an unchanged column is not written again). */
  results: Map<number, string>;
}

/** The result column the script writes next to each report. */
export const FIX_RESULT_HEADER = '[KTCV] Kết quả';

/** Reads every fix report (one call); unknown units or criteria are named with the value at fault. */
export function readFixReports(ss: Spreadsheet, config: Config): FixSheet {
  const name = PropertiesService.getScriptProperties().getProperty(LOOP_PROPS.fixSheet);
  const sheet = name ? sheetNamed(ss, name) : null;
  if (!sheet) return { reports: [], bad: [], resultColumn: 0, rows: 0, results: new Map() };
  const values = sheet.getDataRange().getValues();
  const header = (values[0] ?? []).map((h) => String(h).trim());
  const col = (title: string) => header.indexOf(title);
  const ts = header.findIndex((h) => h === 'Timestamp' || h === 'Dấu thời gian');
  const [u, c, d, e] = [
    FIX_TITLES.unit,
    FIX_TITLES.criterion,
    FIX_TITLES.done,
    FIX_TITLES.evidence,
  ].map(col);
  let result = col(FIX_RESULT_HEADER);
  if (result < 0) result = header.length;
  const index = indexUnits(config.units);
  const codes = new Set(config.checklist.criteria.map((x) => x.code));
  const reports: (FixReport & { row: number })[] = [];
  const bad: BadReport[] = [];
  for (let i = 1; i < values.length; i++) {
    const line = values[i];
    const text = (k: number) => (k >= 0 ? String(line[k] ?? '').trim() : '');
    if ([u, c, d, e].every((k) => text(k) === '')) continue;
    const at = line[ts];
    const ms = at instanceof Date ? at.getTime() : Date.now();
    const date = vnDateOf(ms);
    const unit = reportUnit(config, index, text(u), date);
    const code = /^([A-Za-z]\d+)\./.exec(text(c))?.[1]?.toUpperCase() ?? '';
    if (!unit.ok) {
      bad.push({ row: i + 1, reason: `Không tìm thấy đơn vị "${text(u)}".` });
      continue;
    }
    if (!codes.has(code)) {
      bad.push({ row: i + 1, reason: `Không có tiêu chí "${text(c)}" trong trang Tiêu chí.` });
      continue;
    }
    reports.push({
      id: `dòng ${i + 1}`,
      row: i + 1,
      unitCode: unit.unit.code,
      criterion: code,
      date,
      ts: ms,
      done: text(d),
      evidence: text(e),
    });
  }
  const results = new Map<number, string>();
  for (let i = 1; i < values.length; i++) results.set(i + 1, String(values[i][result] ?? ''));
  return { reports, bad, resultColumn: result + 1, rows: values.length, results };
}
