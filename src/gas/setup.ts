// setup and checkConfig: config sheets, the Form, the response sheet's state columns, derived sheets and triggers — idempotent.
/// <reference types="google-apps-script" />

import { type AppConfig, CONFIG_HEADERS, defaultTables } from '../core/config-tables';
import { vnDateOf } from '../core/dates';
import { DERIVED_SHEETS, HANDLERS, HEADERS, PROPS, SHEETS } from '../core/names';
import { safe } from './cells';
import {
  codelessQuestions,
  createPublishedForm,
  ensurePublished,
  syncItems,
  wantedItems,
} from './form';
import { ensureLinked } from './form-link';
import { warnCellLimit } from './limits';
import { findResponseSheet } from './linked-sheet';
import { setupLoop } from './loop';
import { applyOffice } from './office';
import { rebuildAll } from './rebuild';
import { folderOf } from './reports';
import { openOrNull } from './retry';
import { readStore, saveProps } from './store';
import { emptyListWarning } from './trust';
import { ConfigError, ensureStateColumns, loadConfigFromSheets, logLine } from './workbook';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const TIME_ZONE = 'Asia/Ho_Chi_Minh';
// Tier colours from best to worst; the summary and results colour the tier cell with them.
const TIER_COLOURS = ['#b7e1cd', '#d9ead3', '#fff2cc', '#fce5cd', '#f4cccc', '#ea9999'];

const CONFIG_SHEETS: [keyof typeof CONFIG_HEADERS, string, number[]][] = [
  ['settings', SHEETS.settings, [220, 420, 480]],
  ['criteria', SHEETS.criteria, [60, 60, 520, 110, 90, 60, 100, 420]],
  ['tiers', SHEETS.tiers, [120, 80, 280]],
  ['units', SHEETS.units, [80, 200, 220, 110, 110]],
  ['inspectors', SHEETS.inspectors, [260, 200, 220]],
];

const DERIVED: [string, readonly string[], number[], [number, string][]][] = [
  [
    SHEETS.summary,
    HEADERS.summary,
    [60, 90, 200, 110, 150, 120, 120, 110, 200],
    [
      [5, 'dd/mm/yyyy'],
      [6, '0.0'],
      [7, '0.0'],
    ],
  ],
  [
    SHEETS.results,
    HEADERS.results,
    [200, 60, 140, 110, 90, 180, 200, 200, 70, 100, 160, 160, 80, 70, 320, 260],
    [
      [3, 'dd/mm/yyyy hh:mm'],
      [4, 'dd/mm/yyyy'],
      [9, '0.0'],
      [13, '0.##'],
      [14, '0.##'],
    ],
  ],
  [
    SHEETS.findings,
    HEADERS.findings,
    [200, 110, 90, 180, 80, 380, 90, 100, 380],
    [[2, 'dd/mm/yyyy']],
  ],
  [SHEETS.review, HEADERS.review, [200, 60, 140, 200, 200, 150, 480], [[3, 'dd/mm/yyyy hh:mm']]],
  [SHEETS.log, HEADERS.log, [150, 160, 600], [[1, 'dd/mm/yyyy hh:mm:ss']]],
  [SHEETS.sent, HEADERS.sent, [260, 200, 100, 150, 300, 300, 260], [[4, 'dd/mm/yyyy hh:mm']]],
];

/** Result of setup or a config check, for the menu's alert and for tests. */
export interface SetupResult {
  ok: boolean;
  message: string;
  formId?: string;
}

/**
 * Creates what is missing and updates what exists: config sheets (defaults, never overwriting the
 * office's edits), the Form (in place), the response sheet's state columns, the derived sheets,
 * and exactly one trigger of each kind. Refuses to build from an invalid configuration.
 */
export function setup(): SetupResult {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  if (ss.getSpreadsheetTimeZone() !== TIME_ZONE) ss.setSpreadsheetTimeZone(TIME_ZONE);
  const created = ensureConfigSheets(ss);
  removeDefaultSheet(ss);
  let app: AppConfig;
  let office = '';
  try {
    office = applyOffice(ss);
    app = loadConfigFromSheets(ss);
  } catch (e) {
    if (e instanceof ConfigError)
      return { ok: false, message: `Chưa thiết lập được. ${e.message}` };
    throw e;
  }
  const store = readStore();
  const opened = openOrCreateForm(store.formId, app);
  const form = opened.form;
  const formId = form.getId();
  // Questions first, then the link: a new form's sheet then gets every column at once.
  const sync = syncItems(
    form,
    wantedItems(app.config.checklist, app.config.units, vnDateOf(Date.now())),
  );
  const relinked = ensureLinked(form, ss);
  const sheet = findResponseSheet(ss, form, store.responseSheet);
  if (!sheet)
    return {
      ok: false,
      message:
        'Đã lưu biểu mẫu nhưng Google chưa cho thấy trang câu trả lời của nó trong bảng tính. ' +
        'Hãy chạy lại "Thiết lập" sau ít phút: biểu mẫu đã được ghi nhớ, sẽ không tạo biểu mẫu thứ hai.',
      formId,
    };
  const responseSheet = sheet.getName();
  saveProps({ responseSheet });
  ensureStateColumns(sheet);
  for (const d of DERIVED) ensureDerived(ss, d, app);
  orderTabs(ss);
  protect(sheet, 'Google Biểu mẫu ghi câu trả lời vào đây; các cột [KTCV] do tập lệnh ghi.');
  folderOf({ app });
  const triggers = ensureTriggers(form, app.settings.reconcileHour) + ensureReportTrigger(app);
  const fix = setupLoop(ss, app.config);
  const count = rebuildAll();
  const full = warnCellLimit('setup');
  const unlisted = emptyListWarning(app);
  // In Nhật ký once (a second setup with the same list adds no line); in every setup result.
  const props = PropertiesService.getScriptProperties();
  if ((props.getProperty(PROPS.unlistedWarned) ?? '') !== unlisted) {
    if (unlisted) {
      logLine('setup', unlisted);
      props.setProperty(PROPS.unlistedWarned, unlisted);
    } else props.deleteProperty(PROPS.unlistedWarned);
  }
  const typed = opened.verified
    ? ''
    : 'Biểu mẫu chưa thu được email đã xác minh (người gửi có thể gõ email của người khác): trong trình sửa biểu mẫu, mục Cài đặt → Câu trả lời → Thu thập địa chỉ email, hãy chọn "Đã xác minh".';
  if (typed) logLine('setup', typed);
  const parts = [
    opened.created ? 'đã tạo biểu mẫu mới' : 'đã cập nhật biểu mẫu',
    opened.republished
      ? 'biểu mẫu đang ở trạng thái chưa xuất bản (không nhận câu trả lời) nên đã được xuất bản lại'
      : '',
    relinked && !opened.created ? 'đã nối lại biểu mẫu với bảng tính này' : '',
    `${sync.added} câu hỏi thêm, ${sync.changed} câu hỏi sửa, ${sync.removed} câu hỏi bỏ`,
    sync.restored.length
      ? `khôi phục mã tiêu chí cho câu hỏi bị sửa tên trong trình sửa biểu mẫu: ${sync.restored.join('; ')}`
      : '',
    sync.unknown.length
      ? `câu hỏi không mang mã tiêu chí nào nên không được chấm (giữ nguyên để không mất câu trả lời): ${sync.unknown
          .map((t) => `"${t}"`)
          .join(
            ', ',
          )}. Nếu đó là tiêu chí bị sửa tên, hãy đặt lại tên có mã như ở trang "${SHEETS.criteria}"; nếu không dùng, hãy xoá trong trình sửa biểu mẫu`
      : '',
    created.length ? `tạo trang ${created.join(', ')}` : '',
    office,
    triggers ? `cài ${triggers} trình kích hoạt` : '',
    `chấm lại ${count} phiếu`,
    `trang câu trả lời: "${responseSheet}"`,
    `biểu mẫu báo cáo khắc phục: ${fix.url}`,
    fix.sheet
      ? ''
      : 'Google chưa cho thấy trang câu trả lời của biểu mẫu báo cáo khắc phục: hãy chạy lại "Thiết lập" sau ít phút (biểu mẫu đã được ghi nhớ, sẽ không tạo biểu mẫu thứ hai)',
  ].filter((p) => p !== '');
  return {
    ok: true,
    message: `Thiết lập xong: ${parts.join('; ')}. Đường dẫn biểu mẫu: ${form.getPublishedUrl()}${[
      full,
      typed,
      unlisted,
    ]
      .filter((w) => w !== '')
      .map((w) => `\n\nCẢNH BÁO: ${w}`)
      .join('')}`,
    formId,
  };
}

/** Validates the config sheets and refreshes the cached configuration; lists every problem. Also checks that the form accepts answers, and publishes it again when it does not. */
export function checkConfig(): SetupResult {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  let message: string;
  let ok = true;
  try {
    const app = loadConfigFromSheets(ss);
    message = `Cấu hình hợp lệ: ${app.config.checklist.criteria.length} tiêu chí, ${app.config.units.length} đơn vị, ${app.inspectors.length} cán bộ kiểm tra được phép gửi phiếu.`;
    const unlisted = emptyListWarning(app);
    if (unlisted) message += `\n${unlisted}`;
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    message = e.message;
    ok = false;
  }
  const formId = readStore().formId;
  const form = formId ? openOrNull(() => FormApp.openById(formId)) : null;
  if (formId && !form) {
    message += '\nBiểu mẫu đã lưu không còn tồn tại: hãy chạy "Thiết lập" để tạo lại.';
    ok = false;
  } else if (form && ensurePublished(form))
    message +=
      '\nBiểu mẫu đang ở trạng thái chưa xuất bản (không nhận câu trả lời) nên đã được xuất bản lại.';
  else if (form) message += '\nBiểu mẫu đã xuất bản, đang nhận câu trả lời.';
  const orphans = form ? codelessQuestions(form) : [];
  if (orphans.length) {
    message += `\nCâu hỏi trên biểu mẫu không mang mã tiêu chí nên không được chấm: ${orphans
      .map((t) => `"${t}"`)
      .join(
        ', ',
      )}. Nếu đó là tiêu chí bị sửa tên trong trình sửa biểu mẫu, hãy chạy "Thiết lập" để khôi phục mã.`;
    ok = false;
  }
  return { ok, message };
}

function ensureConfigSheets(ss: Spreadsheet): string[] {
  const defaults = defaultTables();
  const created: string[] = [];
  for (const [key, name, widths] of CONFIG_SHEETS) {
    if (ss.getSheetByName(name)) continue;
    const sheet = ss.insertSheet(name);
    const rows = defaults[key];
    const width = CONFIG_HEADERS[key].length;
    sheet
      .getRange(1, 1, rows.length, width)
      .setValues(rows.map((r) => [...r, ...new Array(width - r.length).fill('')].map(safe)));
    styleHeader(sheet, width, widths);
    created.push(name);
  }
  return created;
}

function styleHeader(sheet: Sheet, width: number, widths: number[]): void {
  sheet.getRange(1, 1, 1, width).setFontWeight('bold').setBackground('#e8eaed');
  sheet.setFrozenRows(1);
  widths.forEach((w, i) => {
    sheet.setColumnWidth(i + 1, w);
  });
}

/**
 * Opens the saved form, or creates one when there is none or Google says it no longer exists (a
 * timeout is retried and thrown, never taken for "deleted"). A new form's id is saved the moment
 * it exists, so a failure later in setup never makes a second form at the next run.
 */
function openOrCreateForm(
  formId: string,
  app: AppConfig,
): {
  form: GoogleAppsScript.Forms.Form;
  created: boolean;
  republished: boolean;
  verified: boolean;
} {
  const found = formId ? openOrNull(() => FormApp.openById(formId)) : null;
  if (found) {
    found.setTitle(app.settings.formTitle).setDescription(app.settings.formDescription);
    const verified = collectVerifiedEmails(found);
    return { form: found, created: false, republished: ensurePublished(found), verified };
  }
  const form = createPublishedForm(app.settings.formTitle);
  saveProps({ formId: form.getId(), responseSheet: '' });
  const verified = collectVerifiedEmails(form);
  form
    .setDescription(app.settings.formDescription)
    .setAllowResponseEdits(true)
    .setProgressBar(true)
    .setConfirmationMessage('Đã ghi nhận phiếu kiểm tra. Cảm ơn đồng chí.');
  // Asked to start published; checked all the same, since an unpublished form collects nothing.
  ensurePublished(form);
  return { form, created: true, republished: false, verified };
}

/**
 * The Form records each respondent's signed-in Google account (VERIFIED), so nobody can type an
 * inspector's address; returns false when this runtime or account does not offer it (the Form
 * then collects typed addresses, and setup says how to fix it by hand).
 */
function collectVerifiedEmails(form: GoogleAppsScript.Forms.Form): boolean {
  // Not in the type definitions; present in the runtime (apps-script-services.md: U).
  const f = form as GoogleAppsScript.Forms.Form & {
    setEmailCollectionType?: (type: unknown) => unknown;
    getEmailCollectionType?: () => unknown;
  };
  try {
    const types = (FormApp as unknown as { EmailCollectionType?: Record<string, unknown> })
      .EmailCollectionType;
    if (!types?.VERIFIED || typeof f.setEmailCollectionType !== 'function')
      throw new Error('no EmailCollectionType');
    if (String(f.getEmailCollectionType?.()) !== 'VERIFIED')
      f.setEmailCollectionType(types.VERIFIED);
    return true;
  } catch {
    form.setCollectEmail(true);
    return false;
  }
}

// Names Google gives the first sheet of a new spreadsheet, by account language.
const DEFAULT_SHEET_NAMES = ['Sheet1', 'Trang tính1', 'Trang tính 1'];

/** Deletes the new spreadsheet's empty first sheet once the script's own sheets exist; never one holding anything. */
function removeDefaultSheet(ss: Spreadsheet): void {
  if (ss.getSheets().length < 2) return;
  for (const name of DEFAULT_SHEET_NAMES) {
    const sheet = ss.getSheetByName(name);
    if (sheet && sheet.getLastRow() === 0 && sheet.getLastColumn() === 0) ss.deleteSheet(sheet);
  }
}

function ensureDerived(
  ss: Spreadsheet,
  [name, header, widths, formats]: (typeof DERIVED)[number],
  app: AppConfig,
): void {
  let sheet = ss.getSheetByName(name);
  if (!sheet) {
    sheet = ss.insertSheet(name);
    sheet.getRange(1, 1, 1, header.length).setValues([[...header]]);
    styleHeader(sheet, header.length, widths);
    for (const [col, format] of formats)
      sheet.getRange(2, col, sheet.getMaxRows() - 1, 1).setNumberFormat(format);
  }
  trimColumns(sheet, header.length);
  const tierCol = header.indexOf('Xếp loại') + 1;
  if (tierCol > 0) colourTiers(sheet, tierCol, app);
  if (DERIVED_SHEETS.includes(name))
    protect(sheet, 'Trang do tập lệnh tính từ các phiếu: sửa ở đây sẽ bị ghi đè.');
}

/**
 * Deletes the grid columns right of what the sheet uses (a new sheet has 26): every empty cell
 * counts against the workbook's 10,000,000-cell limit. Columns holding anything are kept.
 */
function trimColumns(sheet: Sheet, width: number): void {
  const max = sheet.getMaxColumns();
  const keep = Math.max(width, sheet.getLastColumn());
  if (max > keep) sheet.deleteColumns(keep + 1, max - keep);
}

/** Conditional colours for the tier column, replaced whole so a second run adds nothing. */
function colourTiers(sheet: Sheet, col: number, app: AppConfig): void {
  const range = sheet.getRange(2, col, sheet.getMaxRows() - 1, 1);
  const rules = app.config.checklist.tiers.map((t, i) =>
    SpreadsheetApp.newConditionalFormatRule()
      .whenTextEqualTo(t.label)
      .setBackground(TIER_COLOURS[Math.min(i, TIER_COLOURS.length - 1)])
      .setRanges([range])
      .build(),
  );
  sheet.setConditionalFormatRules(rules);
}

function protect(sheet: Sheet, description: string): void {
  if (sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET).length > 0) return;
  sheet.protect().setDescription(description).setWarningOnly(true);
}

/** Exactly one form-submit trigger on this form and one daily reconcile; extras are deleted. Returns how many were created. */
function ensureTriggers(form: GoogleAppsScript.Forms.Form, hour: number): number {
  const formId = form.getId();
  let submit = false;
  let clock = false;
  let worker = false;
  let created = 0;
  for (const t of ScriptApp.getProjectTriggers()) {
    const fn = t.getHandlerFunction();
    if (fn === HANDLERS.submit && !submit && t.getTriggerSourceId() === formId) submit = true;
    else if (
      fn === HANDLERS.reconcile &&
      !clock &&
      String(t.getEventType()) === 'CLOCK' &&
      hourOf(t) === hour
    )
      clock = true;
    else if (fn === HANDLERS.worker && !worker) worker = true;
    else if (fn === HANDLERS.submit || fn === HANDLERS.reconcile || fn === HANDLERS.worker)
      ScriptApp.deleteTrigger(t);
  }
  if (!worker) {
    // The queue's worker: biên bản, unit mails and reports left by a run, every 5 minutes.
    ScriptApp.newTrigger(HANDLERS.worker).timeBased().everyMinutes(5).create();
    created++;
  }
  if (!submit) {
    ScriptApp.newTrigger(HANDLERS.submit).forForm(form).onFormSubmit().create();
    created++;
  }
  if (!clock) {
    ScriptApp.newTrigger(HANDLERS.reconcile)
      .timeBased()
      .everyDays(1)
      .atHour(hour)
      .inTimezone(TIME_ZONE)
      .create();
    created++;
    PropertiesService.getScriptProperties().setProperty(PROPS.reconcileHour, String(hour));
  }
  return created;
}

/** The hour a reconcile trigger was installed for (triggers do not expose it; we record it). */
function hourOf(_t: GoogleAppsScript.Script.Trigger): number {
  return Number(PropertiesService.getScriptProperties().getProperty(PROPS.reconcileHour) ?? -1);
}

/** The report trigger as the settings want it (weekly or monthly at an hour, or none); replaced when they change. */
function ensureReportTrigger(app: AppConfig): number {
  const { schedule, weekday, monthDay, sendHour } = app.settings;
  const want =
    schedule === 'off'
      ? ''
      : `${schedule}:${schedule === 'weekly' ? weekday : monthDay}:${sendHour}`;
  const props = PropertiesService.getScriptProperties();
  const have = ScriptApp.getProjectTriggers().filter(
    (t) => t.getHandlerFunction() === HANDLERS.report,
  );
  if (want && have.length === 1 && props.getProperty(PROPS.reportSchedule) === want) return 0;
  for (const t of have) ScriptApp.deleteTrigger(t);
  props.setProperty(PROPS.reportSchedule, want);
  if (!want) return 0;
  const days = [
    ScriptApp.WeekDay.MONDAY,
    ScriptApp.WeekDay.TUESDAY,
    ScriptApp.WeekDay.WEDNESDAY,
    ScriptApp.WeekDay.THURSDAY,
    ScriptApp.WeekDay.FRIDAY,
    ScriptApp.WeekDay.SATURDAY,
    ScriptApp.WeekDay.SUNDAY,
  ];
  const clock = ScriptApp.newTrigger(HANDLERS.report).timeBased();
  const timed =
    schedule === 'weekly' ? clock.onWeekDay(days[weekday - 1]) : clock.onMonthDay(monthDay);
  timed.atHour(sendHour).inTimezone(TIME_ZONE).create();
  return 1;
}

// What leaders open first: the ranking, then the inspections, the findings and what needs review.
const FRONT = [SHEETS.summary, SHEETS.results, SHEETS.findings, SHEETS.review];

/** Puts the leaders' sheets first, in order; moves only what is out of place. */
function orderTabs(ss: Spreadsheet): void {
  const names = ss.getSheets().map((sh) => sh.getName());
  FRONT.forEach((name, i) => {
    if (names[i] === name) return;
    const sheet = ss.getSheetByName(name);
    if (!sheet) return;
    ss.setActiveSheet(sheet);
    ss.moveActiveSheet(i + 1);
    names.splice(names.indexOf(name), 1);
    names.splice(i, 0, name);
  });
  const first = ss.getSheetByName(FRONT[0]);
  if (first) ss.setActiveSheet(first);
}
