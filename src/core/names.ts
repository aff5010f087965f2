// Names the workbook shows (sheets, headers, menu) and the keys the script stores: one place for each.

/** Titles of the inspection form's fixed questions (the criteria are titled from the checklist). */
export const UNIT_TITLE = 'Đơn vị được kiểm tra';
export const DATE_TITLE = 'Ngày kiểm tra';
export const LEADER_TITLE = 'Trưởng đoàn';
/** The start time the team records: the biên bản's time line (the submission time is not it). */
export const TIME_TITLE = 'Giờ bắt đầu kiểm tra';

/** Sheet names, in Vietnamese as the office sees them. */
export const SHEETS = {
  settings: 'Cài đặt',
  criteria: 'Tiêu chí',
  tiers: 'Xếp loại',
  units: 'Đơn vị',
  inspectors: 'Cán bộ kiểm tra',
  summary: 'Tổng hợp',
  results: 'Kết quả',
  findings: 'Tồn tại',
  review: 'Cần xem lại',
  log: 'Nhật ký',
  sent: 'Nhật ký gửi',
  envCheck: 'Kiểm tra môi trường',
} as const;

/** Sheets the office edits; an edit there makes the cached configuration stale. */
export const CONFIG_SHEETS: readonly string[] = [
  SHEETS.settings,
  SHEETS.criteria,
  SHEETS.tiers,
  SHEETS.units,
  SHEETS.inspectors,
];

/** Sheets the script derives from the responses; protected with a warning. */
export const DERIVED_SHEETS: readonly string[] = [
  SHEETS.summary,
  SHEETS.results,
  SHEETS.findings,
  SHEETS.review,
  SHEETS.log,
  SHEETS.sent,
];

export const HEADERS = {
  results: [
    'Mã phản hồi',
    'Dòng',
    'Dấu thời gian',
    'Ngày kiểm tra',
    'Mã đơn vị',
    'Đơn vị',
    'Trưởng đoàn',
    'Email',
    'Điểm',
    'Xếp loại',
    'Tồn tại',
    'Vi phạm nghiêm trọng',
    'Đạt được',
    'Tối đa',
    'Cảnh báo',
    'Biên bản',
  ],
  findings: [
    'Mã phản hồi',
    'Ngày kiểm tra',
    'Mã đơn vị',
    'Đơn vị',
    'Mã tiêu chí',
    'Tiêu chí',
    'Trả lời',
    'Nghiêm trọng',
    'Ghi chú của đoàn',
  ],
  review: [
    'Mã phản hồi',
    'Dòng',
    'Dấu thời gian',
    'Đơn vị (như đã nhập)',
    'Email',
    'Mã lỗi',
    'Lý do',
  ],
  summary: [
    'Hạng',
    'Mã đơn vị',
    'Đơn vị',
    'Số lần kiểm tra',
    'Ngày kiểm tra gần nhất',
    'Điểm lần gần nhất',
    'Điểm trung bình',
    'Xếp loại',
    'Vi phạm nghiêm trọng (nhiều nhất/lần)',
  ],
  log: ['Thời gian', 'Chức năng', 'Nội dung'],
  sent: ['Khóa', 'Kỳ báo cáo', 'Đối tượng', 'Thời gian', 'Người nhận', 'Văn bản', 'Ghi chú'],
  envCheck: ['Mã', 'Mục kiểm tra', 'Trình giả lập giả định', 'Thực tế', 'Kết luận', 'Mili giây'],
} as const;

/**
 * Columns the script keeps to the right of Google's columns in the form's response sheet: the
 * processing state of each response row. The row is the response's identity (an edit rewrites
 * the same row), so one read of that sheet tells what is processed, and rebuilds need no call
 * per response.
 */
export const MACHINE_HEADERS = [
  '[KTCV] Mã phản hồi',
  '[KTCV] Đã xử lý lúc',
  '[KTCV] Trạng thái',
  '[KTCV] Mã đơn vị',
  '[KTCV] Ngày kiểm tra',
  '[KTCV] Điểm',
  '[KTCV] Số vi phạm nghiêm trọng',
  '[KTCV] Số tồn tại',
  '[KTCV] Khóa trùng',
  '[KTCV] Biên bản',
  '[KTCV] Đã gửi đơn vị lúc',
] as const;

/** Script property keys. */
export const PROPS = {
  formId: 'formId',
  responseSheet: 'responseSheet',
  config: 'config',
  grid: 'gridRows',
  reconcileHour: 'reconcileHour',
  folderId: 'folderId',
  pending: 'pendingReports',
  reportSchedule: 'reportSchedule',
  lastFailureMail: 'lastFailureMail',
  lastCellWarning: 'lastCellWarning',
  envTrigger: 'envCheckTrigger',
  /** The office folder's committee viewers as last shared (JSON list), so sharing happens once. */
  folderViewers: 'folderViewers',
  /** The worker's lease (JSON {until, by}): one worker at a time. */
  workerLease: 'workerLease',
  /** Links in `[KTCV] Biên bản` found not to be the script's documents (JSON list of ids). */
  foreignDocs: 'foreignDocs',
  /**
   * Set (to the time) when rows may owe a biên bản or a unit mail, so that an idle worker run reads
   * nothing but the properties; cleared by a full pass that left nothing due.
   */
  workDue: 'workDue',
  /** The Vietnam day a unit-mail deferral for quota was last logged (one log line a day). */
  mailDeferredDay: 'mailDeferredDay',
  /** The Vietnam day the daily document quota was last logged as reached (one log line a day). */
  docsDeferredDay: 'docsDeferredDay',
  /** A fingerprint of what scoring reads (checklist, units, inspectors, trust): a change re-scores. */
  scoredWith: 'scoredWith',
  /** Set (to the time) when the scoring configuration changed: the worker re-scores every row. */
  rescoreDue: 'rescoreDue',
  /** Set (to the time) when the daily reconcile found the lock busy: the worker runs it within minutes. */
  reconcileDue: 'reconcileDue',
  /** The Vietnam day a failed whole pass was last logged (one log line a day). */
  passFailedDay: 'passFailedDay',
  /** The empty-inspectors-list warning last written to Nhật ký by setup (written once). */
  unlistedWarned: 'unlistedWarned',
  /**
   * Set (to the time) when a submission found a derived sheet not matching the states, or states
   * on the wrong response rows: the worker's next run checks and repairs (as reconcile does).
   */
  identityCheck: 'identityCheck',
} as const;

/**
 * Prefixes of the queue's journal, one script property per item (each value far below 9 KB):
 * a response whose row was not there yet, a biên bản to (re)write, a unit mail in flight, a
 * report period due.
 */
export const QUEUE = {
  response: 'q.r.',
  minutes: 'q.m.',
  mail: 'q.u.',
  report: 'q.p.',
  /** A report period sent (or settled), kept beside `Nhật ký gửi` so a cleared sheet never sends twice. */
  sent: 'q.s.',
} as const;

/** What `[KTCV] Đã gửi đơn vị lúc` holds besides the time a unit was mailed. */
export const MAIL_MARK = {
  due: 'Chờ gửi',
  failed: 'Không gửi được',
  unknown: 'Chưa rõ đã gửi',
} as const;

/** The Drive description the script gives each biên bản it makes: it rewrites or trashes only those. */
export const MINUTES_MARKER = 'Kiểm tra công vụ: biên bản do tập lệnh lập cho phản hồi';

/** Handler names the triggers call (top-level functions of the bundle). */
export const HANDLERS = {
  submit: 'handleFormSubmit',
  reconcile: 'reconcile',
  report: 'sendScheduledSummary',
  envCheck: 'checkEnvironmentLater',
  worker: 'runQueue',
} as const;

export const MENU_TITLE = 'Kiểm tra công vụ';
