// The leaders' dashboard (`Bảng điều khiển`): a period picker, figures, units needing attention, ranking, one unit's history, and native charts fed from ranges the script writes.
/// <reference types="google-apps-script" />

import { STATUS } from '../core/actions';
import { dec1, NOT_INSPECTED, unitHistory } from '../core/dashboard';
import { formatDmy, vnDateOf } from '../core/dates';
import { LOOP_PROPS, LOOP_SHEETS } from '../core/loop-names';
import {
  type ChosenPeriod,
  choiceOf,
  dateOf,
  PERIOD_CHOICES,
  resolveChoice,
} from '../core/periods';
import {
  attentionOf,
  type DashboardData,
  figuresOf,
  findingsByCriterionOf,
  rankingOf,
  tallies,
  visitsOf,
  weeklyMeansOf,
} from '../core/tally';
import type { Config } from '../core/types';
import { compareCodes, unitIdentity, unitKey, validDuring } from '../core/units';
import { pad, writeBlock } from './cells';
import { sheetNamed } from './sheet-cache';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Cell = string | number | boolean | Date;

const NAME = LOOP_SHEETS.dashboard;
// Columns A–G hold the readable blocks; A–D (36 + 170 + 64 + 90 = 360 px) carry rank, unit,
// score and class so a phone shows them without scrolling sideways.
const WIDTHS = [36, 170, 64, 90, 70, 70, 70, 24];
const WIDTH = 7;
/** Weeks on the mean-score chart. */
export const WEEKS = 13;
// Chart data: three tables side by side from column P (16), each a header row then its rows.
const DATA_COL = 16;
const CHART_COL = 9;

/** Where each block sits; fixed by the configuration (units, criteria, tiers). */
export interface Layout {
  /** Cells of the pickers: period B2, from B3, to B4, history unit B5. */
  pickers: { period: string; from: string; to: string; unit: string };
  figuresTop: number;
  figureRows: number;
  attentionTop: number;
  rankingTop: number;
  historyTop: number;
  units: number;
  criteria: number;
  tiers: number;
}

/** The layout for a configuration. */
export function layoutOf(config: Config): Layout {
  const counts = config.checklist.criteria.filter((c) => c.type === 'count').length;
  const tiers = config.checklist.tiers.length + 1;
  const units = config.units.length;
  // Figures: 4 headline rows, the count items, open and overdue actions, the class table (+ title).
  const figureRows = 4 + counts + 2 + 1 + tiers;
  const figuresTop = 9;
  const attentionTop = figuresTop + figureRows + 1;
  const rankingTop = attentionTop + 2 + units + 1;
  const historyTop = rankingTop + 2 + units + 1;
  return {
    pickers: { period: 'B2', from: 'B3', to: 'B4', unit: 'B5' },
    figuresTop,
    figureRows,
    attentionTop,
    rankingTop,
    historyTop,
    units,
    criteria: config.checklist.criteria.length,
    tiers,
  };
}

const signature = (l: Layout) => `${l.units}:${l.criteria}:${l.tiers}:${l.figureRows}`;

function unitNames(config: Config): string[] {
  const seen = new Set<string>();
  return [...config.units]
    .sort((a, b) => compareCodes(a.code, b.code))
    .map((u) => u.name)
    .filter((n) => !seen.has(n) && !!seen.add(n));
}

/**
 * Makes the dashboard (first tab) when missing, and its charts once: again only when the
 * layout changes with the configuration. The pickers keep what the office chose.
 */
export function ensureDashboard(ss: Spreadsheet, config: Config): void {
  let sheet = ss.getSheetByName(NAME);
  const l = layoutOf(config);
  const props = PropertiesService.getScriptProperties();
  if (!sheet) {
    sheet = ss.insertSheet(NAME, 0);
    WIDTHS.forEach((w, i) => {
      (sheet as Sheet).setColumnWidth(i + 1, w);
    });
    sheet.getRange(1, 1, 5, 3).setValues([
      ['BẢNG ĐIỀU KHIỂN KIỂM TRA CÔNG VỤ', '', ''],
      ['Kỳ', 'Quý này', 'Chọn kỳ: mọi số liệu bên dưới theo kỳ này.'],
      ['Từ', '', 'Khi chọn "Khoảng ngày": ngày đầu (dd/mm/yyyy).'],
      ['Đến', '', 'Ngày cuối (dd/mm/yyyy); để trống là đến nay.'],
      ['Lịch sử', '', 'Chọn đơn vị để xem lịch sử ở cuối trang.'],
    ]);
    sheet.getRange('A1').setFontWeight('bold').setFontSize(14);
    sheet.getRange('A2:A5').setFontWeight('bold');
    sheet.getRange('B2:B5').setBackground('#fef7e0').setFontWeight('bold');
    sheet.getRange('C2:C5').setFontColor('#777777').setFontStyle('italic');
    sheet.getRange('B3:B4').setNumberFormat('dd/mm/yyyy');
    sheet.setFrozenRows(0);
    sheet
      .protect()
      .setDescription('Bảng do tập lệnh tính; chỉ chọn ở các ô màu vàng (kỳ, ngày, đơn vị).')
      .setWarningOnly(true)
      .setUnprotectedRanges([sheet.getRange('B2:B5')]);
  }
  sheet.getRange(l.pickers.period).setDataValidation(
    SpreadsheetApp.newDataValidation()
      .requireValueInList([...PERIOD_CHOICES], true)
      .setAllowInvalid(false)
      .setHelpText('Chọn một kỳ trong danh sách.')
      .build(),
  );
  sheet
    .getRange('B3:B4')
    .setDataValidation(
      SpreadsheetApp.newDataValidation()
        .requireDate()
        .setAllowInvalid(false)
        .setHelpText('Nhập ngày dạng dd/mm/yyyy.')
        .build(),
    );
  sheet
    .getRange(l.pickers.unit)
    .setDataValidation(
      SpreadsheetApp.newDataValidation()
        .requireValueInList(unitNames(config), true)
        .setAllowInvalid(false)
        .setHelpText('Chọn một đơn vị.')
        .build(),
    );
  if (props.getProperty(LOOP_PROPS.charts) !== signature(l)) {
    for (const c of sheet.getCharts()) sheet.removeChart(c);
    makeCharts(sheet, l);
    props.setProperty(LOOP_PROPS.charts, signature(l));
  }
}

/** The three native charts, fed from the data tables the refresh writes (never rebuilt by it). */
function makeCharts(sheet: Sheet, l: Layout): void {
  const weeks = sheet.getRange(1, DATA_COL, WEEKS + 1, 2);
  const crit = sheet.getRange(1, DATA_COL + 3, l.criteria + 1, 2);
  const tiers = sheet.getRange(1, DATA_COL + 6, l.tiers + 1, 2);
  sheet.insertChart(
    sheet
      .newChart()
      .asLineChart()
      .addRange(weeks)
      .setPosition(1, CHART_COL, 0, 0)
      .setOption('title', `Điểm trung bình theo tuần (${WEEKS} tuần gần nhất)`)
      .setOption('legend', { position: 'none' })
      .setOption('vAxis', { viewWindow: { min: 0, max: 100 } })
      .setOption('interpolateNulls', true)
      .setOption('width', 520)
      .setOption('height', 300)
      .build(),
  );
  sheet.insertChart(
    sheet
      .newChart()
      .asColumnChart()
      .addRange(crit)
      .setPosition(17, CHART_COL, 0, 0)
      .setOption('title', 'Số lần có tồn tại theo tiêu chí (trong kỳ)')
      .setOption('legend', { position: 'none' })
      .setOption('width', 520)
      .setOption('height', 300)
      .build(),
  );
  sheet.insertChart(
    sheet
      .newChart()
      .asPieChart()
      .addRange(tiers)
      .setPosition(33, CHART_COL, 0, 0)
      .setOption('title', 'Số đơn vị theo xếp loại (trong kỳ)')
      .setOption('pieSliceText', 'value')
      .setOption('width', 520)
      .setOption('height', 300)
      .build(),
  );
}

/** What the pickers hold, read in one call. */
export interface Pickers {
  period: ChosenPeriod;
  unitName: string;
  /** A picker problem to show in the status line ('' when none). */
  problem: string;
}

/** Reads the pickers (one call) and resolves the period on `today`; a bad choice falls back to this quarter. */
export function readPickers(sheet: Sheet, today: string): Pickers {
  const [[period], [from], [to], [unit]] = sheet.getRange('B2:B5').getValues() as Cell[][];
  const asDate = (v: Cell): string | null =>
    v instanceof Date ? vnDateOf(v.getTime()) : dateOf(String(v ?? ''));
  const choice = choiceOf(String(period ?? '')) ?? 'Quý này';
  let problem = choiceOf(String(period ?? ''))
    ? ''
    : `Kỳ "${String(period)}" không có trong danh sách: đang xem Quý này.`;
  let chosen: ChosenPeriod;
  try {
    chosen = resolveChoice(choice, today, asDate(from), asDate(to));
  } catch (e) {
    problem = (e as Error).message;
    chosen = resolveChoice('Quý này', today);
  }
  return { period: chosen, unitName: String(unit ?? '').trim(), problem };
}

/**
 * Rewrites every block of the dashboard for the period in its picker: reads the pickers (one
 * call) and writes three blocks (the readable columns, the history, the chart data). Its input
 * is the aggregate (per unit and day sums; `stamp` says when they were computed), so the cost
 * does not grow with the number of responses, and a picker change shows what a refresh shows.
 */
export function refreshDashboard(
  ss: Spreadsheet,
  config: Config,
  data: DashboardData,
  today: string,
  stamp: string,
): Pickers {
  const sheet = sheetNamed(ss, NAME);
  if (!sheet) throw new Error(`Thiếu trang "${NAME}": hãy chạy "Thiết lập".`);
  const l = layoutOf(config);
  const pick = readPickers(sheet, today);
  const p = pick.period;
  const f = figuresOf(config, data, p);
  const rows: Cell[][] = [];
  const status = `${p.label} · cập nhật ${stamp}${pick.problem ? ` · ${pick.problem}` : ''}`;
  rows.push([status], [], ['SỐ LIỆU TRONG KỲ']);
  const fig: Cell[][] = [
    ['', 'Số lần kiểm tra', f.inspections],
    ['', 'Đơn vị đã kiểm tra', `${f.unitsInspected}/${f.unitsTotal}`],
    ['', 'Điểm trung bình', f.meanScore ?? '—'],
    ['', 'Vi phạm nghiêm trọng', f.criticalFailures, `${f.inspectionsWithCritical} lần kiểm tra`],
    ...f.counts.map((c) => [
      '',
      c.wording,
      `${c.violations}/${c.base}`,
      c.visits > 1 ? 'lượt' : '',
    ]),
    ['', 'Khắc phục đang mở', f.actionsOpen, 'từ các lần kiểm tra trong kỳ'],
    ['', 'Khắc phục quá hạn', f.actionsOverdue],
    ['', 'Xếp loại', 'Số đơn vị'],
    ...f.perClass.map((c) => ['', c.label, c.units]),
  ];
  rows.push(...fig);
  // Attention.
  rows.push([], ['CẦN CHÚ Ý', '', '', ''], ['#', 'Đơn vị', 'Lý do']);
  const att = attentionOf(config, data, p, today);
  const attRows: Cell[][] = att.map((a, k) => [k + 1, a.unit, a.reason]);
  if (att.length === 0) attRows.push(['', 'Không có đơn vị nào cần chú ý trong kỳ.']);
  rows.push(...pad(attRows, WIDTH, l.units));
  // Ranking.
  const ranked = rankingOf(config, tallies(data, p), p.to ?? today);
  const overdue = new Map<string, number>();
  for (const a of data.actions)
    if (a.status === STATUS.overdue) overdue.set(a.unitCode, (overdue.get(a.unitCode) ?? 0) + 1);
  rows.push(
    [],
    ['XẾP HẠNG TRONG KỲ'],
    ['Hạng', 'Đơn vị', 'Điểm', 'Xếp loại', 'Số lần', 'VPNT', 'Quá hạn'],
  );
  const rank: Cell[][] = ranked.map((u) => [
    u.rank,
    u.unit,
    u.mean,
    u.tier,
    u.inspections,
    u.maxCriticalFailures,
    overdue.get(u.unitCode) ?? 0,
  ]);
  const seen = new Set(ranked.map((u) => u.key));
  const span = { from: p.from ?? '0000-01-01', to: p.to ?? '9999-12-31' };
  for (const u of [...config.units].sort((a, b) => compareCodes(a.code, b.code))) {
    if (seen.has(unitIdentity(u)) || !validDuring(u, span.from, span.to)) continue;
    seen.add(unitIdentity(u));
    rank.push(['', u.name, '', NOT_INSPECTED, 0, '', overdue.get(u.code) ?? 0]);
  }
  rows.push(...pad(rank.slice(0, l.units), WIDTH, l.units));
  // The blocks and the history below them (after one blank row) in one write.
  const main = pad(rows, WIDTH, l.historyTop - 6);
  main.push(...historyRows(config, data, pick.unitName, today));
  writeBlock(ss, NAME, 6, 1, pad(main, WIDTH));
  writeChartData(ss, config, data, p, today, f.perClass);
  return pick;
}

/** The history block (blank rows added to cover a longer history shown before). */
function historyRows(
  config: Config,
  data: DashboardData,
  unitName: string,
  today: string,
): Cell[][] {
  const props = PropertiesService.getScriptProperties();
  const used = Number(props.getProperty(LOOP_PROPS.historyRows) ?? 0);
  const rows: Cell[][] = [['LỊCH SỬ ĐƠN VỊ']];
  const key = unitKey(unitName);
  const unit = unitName ? config.units.find((u) => unitKey(u.name) === key) : undefined;
  if (!unit) rows.push(['', 'Chọn đơn vị ở ô B5 để xem lịch sử.']);
  else {
    const visits = visitsOf(config, data, unit.code, today);
    const h = unitHistory(config, visits, data.actions, unit.code, today);
    // Inspections of units that went into this one say which (a seventh column, only then).
    const followed = h.lines.some((x) => x.from !== null);
    rows.push(['', `${h.unit}: ${h.lines.length} lần kiểm tra · ${h.trend}`]);
    rows.push([
      '#',
      'Ngày kiểm tra',
      'Điểm',
      'Xếp loại',
      'Thay đổi',
      'Tồn tại',
      ...(followed ? ['Kiểm tra tại'] : []),
    ]);
    h.lines.forEach((x, k) => {
      rows.push([
        k + 1,
        formatDmy(x.date),
        x.score,
        x.tier,
        x.change === null ? '' : `${x.change > 0 ? '+' : ''}${dec1(x.change)}`,
        x.findings.join(', '),
        ...(followed ? [x.from ?? h.unit] : []),
      ]);
    });
    rows.push([], ['', `Khắc phục đang mở: ${h.open.length}`]);
    if (h.open.length) rows.push(['#', 'Tồn tại', 'Hạn', 'Trạng thái']);
    h.open.forEach((a, k) => {
      rows.push([k + 1, `${a.criterion}. ${a.finding}`, formatDmy(a.deadline), a.status]);
    });
  }
  if (used !== rows.length) props.setProperty(LOOP_PROPS.historyRows, String(rows.length));
  return pad(rows, WIDTH, Math.max(rows.length, used));
}

function writeChartData(
  ss: Spreadsheet,
  config: Config,
  data: DashboardData,
  p: ChosenPeriod,
  today: string,
  perClass: { label: string; units: number }[],
): void {
  const weeks = weeklyMeansOf(data, today, WEEKS);
  const crit = findingsByCriterionOf(config, data, p);
  const height = Math.max(WEEKS, crit.length, perClass.length) + 1;
  const rows: Cell[][] = [
    ['Tuần', 'Điểm trung bình', '', 'Tiêu chí', 'Số lần có tồn tại', '', 'Xếp loại', 'Số đơn vị'],
  ];
  for (let k = 0; k < height - 1; k++) {
    const w = weeks[k];
    const c = crit[k];
    const t = perClass[k];
    rows.push([
      w ? w.label : '',
      w?.mean ?? '',
      '',
      c ? c.code : '',
      c ? c.findings : '',
      '',
      t ? t.label : '',
      t ? t.units : '',
    ]);
  }
  writeBlock(ss, NAME, 1, DATA_COL, rows);
}
