// The second, short Form through which a unit reports a fix (unit, finding, what was done, evidence link), and reading its answers back.
/// <reference types="google-apps-script" />

import type { FixReport } from '../core/actions';
import { vnDateOf } from '../core/dates';
import type { Config } from '../core/types';
import { indexUnits, matchUnit, validOn } from '../core/units';
import { sortVi } from '../core/vi';
import { findResponseSheet } from './linked-sheet';
import { FIX_TITLES, LOOP_HANDLERS, LOOP_PROPS, LOOP_SHEETS } from './loop-names';
import { sheetNamed } from './sheet-cache';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Form = GoogleAppsScript.Forms.Form;

const TITLE = 'Báo cáo kết quả khắc phục sau kiểm tra công vụ';
const DESCRIPTION =
  'Đơn vị được kiểm tra báo cáo từng tồn tại đã khắc phục, kèm đường dẫn minh chứng. Văn phòng sẽ xem và xác nhận.';

/** The criterion choices: `A1. requirement`, so a unit reads what it was asked to fix. */
export function criterionChoices(config: Config): string[] {
  return config.checklist.criteria.map((c) => `${c.code}. ${c.text}`);
}

function unitChoices(config: Config, today: string): string[] {
  return sortVi(
    config.units.filter((u) => validOn(u, today)),
    (u) => u.name.replace(/^(xã|thị trấn|phường)\s+/i, ''),
  ).map((u) => u.name);
}

/**
 * Opens or creates the fix-report form (linked to this workbook, its sheet named `Báo cáo khắc
 * phục`), keeps its lists in step with the units and criteria, and installs its one submit
 * trigger. Returns the form's published address.
 */
export function ensureFixForm(ss: Spreadsheet, config: Config): string {
  const props = PropertiesService.getScriptProperties();
  const today = vnDateOf(Date.now());
  let form: Form | null = null;
  const id = props.getProperty(LOOP_PROPS.fixFormId);
  if (id) {
    try {
      form = FormApp.openById(id);
    } catch {
      form = null;
    }
  }
  if (!form) {
    form = FormApp.create(TITLE)
      .setDescription(DESCRIPTION)
      .setCollectEmail(true)
      .setAllowResponseEdits(false)
      .setConfirmationMessage('Đã ghi nhận báo cáo khắc phục. Văn phòng sẽ xem và xác nhận.');
    props.setProperty(LOOP_PROPS.fixFormId, form.getId());
    form.addListItem().setTitle(FIX_TITLES.unit).setRequired(true);
    form
      .addListItem()
      .setTitle(FIX_TITLES.criterion)
      .setHelpText('Chọn tiêu chí của tồn tại đã khắc phục (xem thư kết quả kiểm tra).')
      .setRequired(true);
    form
      .addParagraphTextItem()
      .setTitle(FIX_TITLES.done)
      .setHelpText('Việc đã làm, ngày hoàn thành, người chịu trách nhiệm.')
      .setRequired(true);
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
    form.setDestination(FormApp.DestinationType.SPREADSHEET, ss.getId());
  }
  // Google may show the linked sheet only after a flush or in a later execution (live-risks D6):
  // it is looked for by its link until found, then named and put after the leaders' sheets.
  const known = props.getProperty(LOOP_PROPS.fixSheet) ?? '';
  if (!known || !ss.getSheetByName(known)) {
    const linked = findResponseSheet(ss, form, known);
    if (linked) {
      if (!ss.getSheetByName(LOOP_SHEETS.fixResponses)) linked.setName(LOOP_SHEETS.fixResponses);
      props.setProperty(LOOP_PROPS.fixSheet, linked.getName());
      ss.setActiveSheet(linked);
      ss.moveActiveSheet(ss.getSheets().length);
    }
  }
  for (const item of form.getItems(FormApp.ItemType.LIST)) {
    const title = item.getTitle();
    if (title === FIX_TITLES.unit) item.asListItem().setChoiceValues(unitChoices(config, today));
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
  return form.getPublishedUrl();
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
    const unit = matchUnit(index, text(u), date);
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
