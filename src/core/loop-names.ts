// Names of the leaders' dashboard and the corrective-action loop: sheets, headers, form titles, properties, handlers.

/** Sheets of the loop, in Vietnamese as the office sees them. */
export const LOOP_SHEETS = {
  dashboard: 'Bảng điều khiển',
  actions: 'Khắc phục',
  facts: 'Dữ liệu kiểm tra',
  tallies: 'Số liệu bảng điều khiển',
  fixResponses: 'Báo cáo khắc phục',
} as const;

/** Columns of `Khắc phục`; the office types in `Xác nhận của văn phòng` and `Ghi chú của văn phòng`. */
export const ACTION_HEADERS = [
  'Đơn vị',
  'Tiêu chí',
  'Tồn tại',
  'Ngày kiểm tra',
  'Hạn khắc phục',
  'Trạng thái',
  'Căn cứ',
  'Đơn vị đã làm',
  'Minh chứng',
  'Ngày báo cáo',
  'Xác nhận của văn phòng',
  'Ghi chú của văn phòng',
  'Mã đơn vị',
  'Nghiêm trọng',
  'Đã nhắc hạn',
  'Mã việc',
] as const;

/** 1-based columns of `Khắc phục` the code refers to. */
export const ACTION_COL = {
  status: 6,
  confirm: 11,
  note: 12,
  reminded: 15,
  key: 16,
} as const;

/** The fix-report form's questions (titles are how answers are read back). */
export const FIX_TITLES = {
  unit: 'Đơn vị báo cáo',
  criterion: 'Tồn tại đã khắc phục (tiêu chí)',
  done: 'Nội dung đã khắc phục',
  evidence: 'Đường dẫn minh chứng (ảnh, văn bản)',
} as const;

/** Script property keys of the loop. */
export const LOOP_PROPS = {
  fixFormId: 'fixFormId',
  fixSheet: 'fixResponseSheet',
  /** Rows the unit-history block used last time (blanked when shorter). */
  historyRows: 'dashboardHistoryRows',
  /** Ended units with open actions, as the fix-report form offers them (one per line). */
  fixEnded: 'fixFormEndedUnits',
  /** Signature of the chart layout: charts are made again only when it changes. */
  charts: 'dashboardCharts',
} as const;

/** Handlers the loop's triggers call. */
export const LOOP_HANDLERS = {
  fixReport: 'handleFixReport',
  daily: 'runDailyLoop',
} as const;
