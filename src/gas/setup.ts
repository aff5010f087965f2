// setup and checkConfig: config sheets, the Form, the response sheet's state columns, derived sheets and triggers — idempotent.
/// <reference types="google-apps-script" />

import { vnDateOf } from '../core/dates';
import { safe } from './cells';
import { type AppConfig, CONFIG_HEADERS, defaultTables } from './config-tables';
import { syncItems, wantedItems } from './form';
import { setupLoop } from './loop';
import { DERIVED_SHEETS, HANDLERS, HEADERS, PROPS, SHEETS } from './names';
import { rebuildAll } from './rebuild';
import { folderOf } from './reports';
import { readStore, saveProps } from './store';
import { ConfigError, ensureStateColumns, loadConfigFromSheets } from './workbook';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const TIME_ZONE = 'Asia/Ho_Chi_Minh';
// Tier colours from best to worst; the summary and results colour the tier cell with them.
const TIER_COLOURS = ['#b7e1cd', '#d9ead3', '#fff2cc', '#fce5cd', '#f4cccc', '#ea9999'];

const CONFIG_SHEETS: [keyof typeof CONFIG_HEADERS, string, number[]][] = [
  ['settings', SHEETS.settings, [220, 420, 480]],
  ['criteria', SHEETS.criteria, [60, 60, 520, 110, 90, 60, 100]],
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
  let app: AppConfig;
  try {
    app = loadConfigFromSheets(ss);
  } catch (e) {
    if (e instanceof ConfigError)
      return { ok: false, message: `Chưa thiết lập được. ${e.message}` };
    throw e;
  }
  const store = readStore();
  const form = openOrCreateForm(ss, store.formId, app);
  const sync = syncItems(
    form.form,
    wantedItems(app.config.checklist, app.config.units, vnDateOf(Date.now())),
  );
  const responseSheet = form.responseSheet ?? store.responseSheet;
  const sheet = ss.getSheetByName(responseSheet);
  if (!sheet) throw new Error(`Không tìm thấy trang câu trả lời "${responseSheet}" của biểu mẫu.`);
  ensureStateColumns(sheet);
  for (const d of DERIVED) ensureDerived(ss, d, app);
  orderTabs(ss);
  protect(sheet, 'Google Biểu mẫu ghi câu trả lời vào đây; các cột [KTCV] do tập lệnh ghi.');
  saveProps({ formId: form.form.getId(), responseSheet });
  folderOf({ app });
  const triggers = ensureTriggers(form.form, app.settings.reconcileHour) + ensureReportTrigger(app);
  const fixUrl = setupLoop(ss, app.config);
  const count = rebuildAll();
  const parts = [
    form.created ? 'đã tạo biểu mẫu mới' : 'đã cập nhật biểu mẫu',
    `${sync.added} câu hỏi thêm, ${sync.changed} câu hỏi sửa, ${sync.removed} câu hỏi bỏ`,
    created.length ? `tạo trang ${created.join(', ')}` : '',
    triggers ? `cài ${triggers} trình kích hoạt` : '',
    `chấm lại ${count} phiếu`,
    `biểu mẫu báo cáo khắc phục: ${fixUrl}`,
  ].filter((p) => p !== '');
  return {
    ok: true,
    message: `Thiết lập xong: ${parts.join('; ')}. Đường dẫn biểu mẫu: ${form.form.getPublishedUrl()}`,
    formId: form.form.getId(),
  };
}

/** Validates the config sheets and refreshes the cached configuration; lists every problem. */
export function checkConfig(): SetupResult {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  try {
    const app = loadConfigFromSheets(ss);
    return {
      ok: true,
      message: `Cấu hình hợp lệ: ${app.config.checklist.criteria.length} tiêu chí, ${app.config.units.length} đơn vị, ${app.inspectors.length} cán bộ kiểm tra được phép gửi phiếu.`,
    };
  } catch (e) {
    if (e instanceof ConfigError) return { ok: false, message: e.message };
    throw e;
  }
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

function openOrCreateForm(
  ss: Spreadsheet,
  formId: string,
  app: AppConfig,
): { form: GoogleAppsScript.Forms.Form; created: boolean; responseSheet: string | null } {
  if (formId) {
    try {
      const form = FormApp.openById(formId);
      form.setTitle(app.settings.formTitle).setDescription(app.settings.formDescription);
      return { form, created: false, responseSheet: null };
    } catch {
      // The form was deleted: make a new one below.
    }
  }
  const before = new Set(ss.getSheets().map((s) => s.getSheetId()));
  const form = FormApp.create(app.settings.formTitle)
    .setDescription(app.settings.formDescription)
    .setCollectEmail(true)
    .setAllowResponseEdits(true)
    .setProgressBar(true)
    .setConfirmationMessage('Đã ghi nhận phiếu kiểm tra. Cảm ơn đồng chí.');
  form.setDestination(FormApp.DestinationType.SPREADSHEET, ss.getId());
  const linked = ss.getSheets().find((s) => !before.has(s.getSheetId()));
  return { form, created: true, responseSheet: linked ? linked.getName() : null };
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
  const tierCol = header.indexOf('Xếp loại') + 1;
  if (tierCol > 0) colourTiers(sheet, tierCol, app);
  if (DERIVED_SHEETS.includes(name))
    protect(sheet, 'Trang do tập lệnh tính từ các phiếu: sửa ở đây sẽ bị ghi đè.');
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
    else if (fn === HANDLERS.submit || fn === HANDLERS.reconcile) ScriptApp.deleteTrigger(t);
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
