// What each emulated call costs on Google, in virtual milliseconds: one table, after google-costs.md §2.

/*
 * Source tags, as in google-costs.md: M measured and published, D documented by Google, C
 * consistent public reports or an inference, G no measurement (a guess, the upper end charged).
 * Where sources agree the agreed value is charged, rounded up; otherwise the pessimistic end.
 *
 * Sources named below by a short key:
 * - TK18: https://tanaikech.github.io/2018/10/12/benchmark-reading-and-writing-spreadsheet-using-google-apps-script/
 * - TK20: https://tanaikech.github.io/2020/09/30/benchmark-process-costs-for-searching-values-in-spreadsheet-using-google-apps-script/
 * - TK21: https://tanaikech.github.io/2021/05/19/benchmark-process-costs-for-retrieving-1st-empty-cell-and-1st-non-empty-cell-of-specific-column-in-google-spreadsheet-using-google-apps-script/
 * - TK22a: https://tanaikech.github.io/2022/04/25/report-handling-10000000-cells-in-google-spreadsheet-using-google-apps-script/
 * - TK22b: https://tanaikech.github.io/2022/08/31/report-process-cost-of-google-apps-script-during-large-calculations-by-formulas-on-google-spreadsheet/
 * - TK23: https://tanaikech.github.io/2023/03/08/exporting-google-docs-files-in-pdf-format-with-batch-requests-using-google-apps-script/
 * - BBN19: https://www.bugbugnow.net/2019/03/GoogleAppsScript-speed-up.html
 * - BP: https://developers.google.com/apps-script/guides/support/best-practices
 * - ZIR: https://ziritione.org/post/apps_script_performance
 * - JP25: https://justin.poehnelt.com/posts/apps-script-key-value-stores
 * - TK20v8: https://tanaikech.github.io/2020/02/09/benchmark-loop-for-array-processing-using-google-apps-script-with-v8/
 */

/** Start of a trigger or web-app execution (G); reported apart from an execution's own time. */
export const STARTUP_MS = 2000;
/** Plain JavaScript runs this many times slower than Node (TK20v8: 2–12×, M/W; the pessimistic end of the usual range). */
export const JS_FACTOR = 10;
/** Google stops an execution after 6 minutes (D: quotas page). */
export const EXECUTION_LIMIT_MS = 6 * 60 * 1000;
/** Simple triggers (onOpen, onEdit) are stopped after 30 seconds (D: quotas page). */
export const SIMPLE_TRIGGER_LIMIT_MS = 30 * 1000;

/** How a call reaches Google: served by the client library, or a server round trip. */
export type CallKind = 'local' | 'server';

/** One priced call. */
export interface Charge {
  ms: number;
  kind: CallKind;
}

/** What the meter knows about a call when it prices it. */
export interface PricedCall {
  /** The name the call is recorded under: `Range`, `Form`, `DocumentApp`, … */
  service: string;
  method: string;
  /** The family of the object called (`SpreadsheetApp`, `FormApp`, `DocumentApp`, …). */
  family: Family;
  /** Cells the call recorded (reads and writes), or counted from a 2-D array argument. */
  cells: number;
  /** Elements of the first argument when it is an array (choices), or of the result (responses). */
  items: number;
  /** True when `sendEmail` carries attachments. */
  attachments: boolean;
}

/** Which product a call belongs to. */
export type Family =
  | 'SpreadsheetApp'
  | 'FormApp'
  | 'DocumentApp'
  | 'Docs'
  | 'DriveApp'
  | 'MailApp'
  | 'LockService'
  | 'PropertiesService'
  | 'ScriptApp'
  | 'Utilities'
  | 'Logger'
  | 'other';

const FAMILY_OF: Record<string, Family> = {
  SpreadsheetApp: 'SpreadsheetApp',
  Spreadsheet: 'SpreadsheetApp',
  Sheet: 'SpreadsheetApp',
  Range: 'SpreadsheetApp',
  Protection: 'SpreadsheetApp',
  ConditionalFormatRule: 'SpreadsheetApp',
  ConditionalFormatRuleBuilder: 'SpreadsheetApp',
  Ui: 'SpreadsheetApp',
  Menu: 'SpreadsheetApp',
  FormApp: 'FormApp',
  Form: 'FormApp',
  FormResponse: 'FormApp',
  ItemResponse: 'FormApp',
  Choice: 'FormApp',
  TextValidationBuilder: 'FormApp',
  Item: 'FormApp',
  DateItem: 'FormApp',
  ListItem: 'FormApp',
  MultipleChoiceItem: 'FormApp',
  PageBreakItem: 'FormApp',
  ParagraphTextItem: 'FormApp',
  SectionHeaderItem: 'FormApp',
  TextItem: 'FormApp',
  DocumentApp: 'DocumentApp',
  'Docs.Documents': 'Docs',
  DriveApp: 'DriveApp',
  File: 'DriveApp',
  Folder: 'DriveApp',
  FileIterator: 'DriveApp',
  FolderIterator: 'DriveApp',
  MailApp: 'MailApp',
  LockService: 'LockService',
  Lock: 'LockService',
  PropertiesService: 'PropertiesService',
  Properties: 'PropertiesService',
  ScriptApp: 'ScriptApp',
  Trigger: 'ScriptApp',
  TriggerBuilder: 'ScriptApp',
  ClockTriggerBuilder: 'ScriptApp',
  SpreadsheetTriggerBuilder: 'ScriptApp',
  FormTriggerBuilder: 'ScriptApp',
  DocumentTriggerBuilder: 'ScriptApp',
  Utilities: 'Utilities',
  Blob: 'Utilities',
  Logger: 'Logger',
};

/**
 * The family of a call from its recorded service name and the object's Apps Script type
 * (`DocumentApp.ListItem` is a document element; a bare `ListItem` is a form item).
 */
export function familyOf(service: string, gasType?: string): Family {
  const prefix = gasType?.includes('.') ? gasType.split('.')[0] : undefined;
  if (prefix === 'DocumentApp') return 'DocumentApp';
  if (prefix === 'DriveApp') return 'DriveApp';
  return FAMILY_OF[service] ?? (prefix && FAMILY_OF[prefix]) ?? 'other';
}

// ---------------------------------------------------------------------------------------------
// SpreadsheetApp: three kinds of call (served locally, round trip, queued write) and a commit.

/** Served by the client library (TK18 Fig. 5, TK22b: 0.4–8 ms, M): the pessimistic end. */
const SHEET_LOCAL = 8;
/** A server round trip (BBN19 160 ms, TK22b getName 150 ms, M: 110–175 ms), rounded up. */
const ROUND_TRIP = 200;
/** Commit of queued writes at the next round trip or flush (BP: 0.03–0.7 s for flush, M). */
const COMMIT = 200;
/** Per cell read by getValues (TK18, TK20, TK22a: 6–12 µs, M): the pessimistic end. */
const READ_CELL = 0.012;
/** Per cell read by getDisplayValues (TK21: ~20–36 µs, M): the pessimistic end. */
const DISPLAY_CELL = 0.036;
/** Per cell written, up to 15k cells in one call (TK18 Fig. 2: 0.1–0.2 s for ≤15k cells, M). */
const WRITE_CELL_SMALL = 0.015;
/** Per cell written when one call writes more than 15k (TK18 Fig. 2–3, TK22a: 55–67 µs, M). */
const WRITE_CELL_LARGE = 0.07;
const WRITE_STEP = 15000;
/** Per-cell formatters such as setBackgrounds (BP: 100×100 in about 1 s, M). */
const FORMAT_CELL = 0.1;
/** Structural changes: insert/delete rows, columns, sheets (G: lahirue 2020 only bounds it). */
const STRUCTURAL = 500;

/** Calls answered without a round trip: coordinates, geometry, ids, builders, menus. */
const SHEET_LOCAL_METHODS = new Set([
  'Spreadsheet.getId',
  'Spreadsheet.getUrl',
  'Spreadsheet.getRange',
  'Spreadsheet.getActiveSheet',
  'Sheet.getRange',
  'Sheet.getSheetId',
  'Sheet.getParent',
  'Range.getRow',
  'Range.getColumn',
  'Range.getNumRows',
  'Range.getNumColumns',
  'Range.getLastRow',
  'Range.getLastColumn',
  'Range.getA1Notation',
  'Range.getSheet',
  'Range.getCell',
  'Range.offset',
  'SpreadsheetApp.getUi',
  'SpreadsheetApp.newConditionalFormatRule',
  'Ui.createMenu',
  'Ui.createAddonMenu',
  'Menu.addItem',
  'Menu.addSeparator',
  'Menu.addSubMenu',
  'ConditionalFormatRule.getRanges',
  'ConditionalFormatRule.copy',
]);

/** Writes of values: queued, priced per cell. */
const SHEET_WRITES = new Set([
  'setValue',
  'setValues',
  'setFormula',
  'setFormulas',
  'clear',
  'clearContent',
  'clearContents',
  'clearFormat',
  'clearFormats',
]);

/** Reads priced per cell (the call and its cells). */
const SHEET_READS = new Set([
  'getValue',
  'getValues',
  'getFormula',
  'getFormulas',
  'isBlank',
  'getBackground',
  'getBackgrounds',
  'getNumberFormat',
  'getNumberFormats',
  'getFontWeight',
  'getFontWeights',
  'getFontColor',
  'getFontColors',
]);

const STRUCTURAL_METHODS = new Set([
  'insertRowsAfter',
  'insertRowsBefore',
  'insertRowAfter',
  'insertRowBefore',
  'insertColumnsAfter',
  'insertColumnsBefore',
  'insertColumnAfter',
  'insertColumnBefore',
  'deleteRow',
  'deleteRows',
  'deleteColumn',
  'deleteColumns',
  'insertSheet',
  'deleteSheet',
  'setConditionalFormatRules',
  'clearConditionalFormatRules',
  'protect',
  'sort',
]);

/** Single-value formatters and settings: queued like writes, one charge whatever the range. */
const isQueuedSetter = (method: string): boolean =>
  /^(set|merge|breakApart|hideSheet|showSheet|activate|autoResize|toast)/.test(method);

/** Per-cell setters (`setBackgrounds`, `setNumberFormats`, …): plural set… taking a 2-D array. */
const isPerCellSetter = (method: string): boolean =>
  /^set[A-Z]\w*s$/.test(method) && method !== 'setValues' && method !== 'setFormulas';

// ---------------------------------------------------------------------------------------------
// The other services (every figure G unless said; google-costs.md §2 and §3).

/** FormApp: open and create 1 s; each mutation or fetch 400 ms; getters on fetched objects 8 ms. */
function formCost(c: PricedCall): number {
  const m = c.method;
  if (c.service === 'FormApp') {
    if (m === 'create' || m.startsWith('open') || m === 'getActiveForm') return 1000;
    return SHEET_LOCAL; // createTextValidation and the like: builders
  }
  if (c.service === 'TextValidationBuilder' || c.service === 'Choice') return SHEET_LOCAL;
  if (c.service === 'FormResponse' || c.service === 'ItemResponse') return SHEET_LOCAL;
  if (c.service === 'Form') {
    if (m === 'getId') return SHEET_LOCAL;
    if (m === 'getResponses') return 500 + 2 * c.items;
    return 400;
  }
  // An item: getters and conversions (asTextItem, getChoices) are local; setChoiceValues grows.
  if (m === 'setChoiceValues' || m === 'setChoices') return 400 + 2 * c.items;
  if (/^(get|is|has|as|createChoice)/.test(m)) return SHEET_LOCAL;
  return 400;
}

/** DocumentApp: create 3 s, open 2 s, save 3 s, each element call 100 ms (+10 ms a table cell). */
function documentCost(c: PricedCall): number {
  const m = c.method;
  if (c.service === 'DocumentApp') {
    if (m === 'create') return 3000;
    if (m.startsWith('open') || m === 'getActiveDocument') return 2000;
    return SHEET_LOCAL;
  }
  if (m === 'saveAndClose') return 3000;
  if (m === 'getAs' || m === 'getBlob') return 5000;
  if (c.service === 'Document' && (m === 'getId' || m === 'getUrl' || m === 'getName'))
    return SHEET_LOCAL;
  if (m === 'appendTable' || m === 'insertTable') return 100 + 10 * c.cells;
  return 100;
}

/**
 * The advanced Docs service: each call is one HTTP request to the Docs API (a server round trip
 * and the API's own work). `get` returns the whole document, 500 ms (G); `batchUpdate` 1 s per
 * call (google-costs.md §2 charges "1 s per request", G: no latency was ever measured, and a
 * batch counts as one request toward the API's quota, W), plus 10 ms for each request it carries
 * (U, stricter: Google applies them one by one, so a batch that grows with the document is not
 * charged as a fixed call).
 */
function docsApiCost(c: PricedCall): number {
  if (c.method === 'batchUpdate') return 1000 + 10 * c.items;
  if (c.method === 'get') return 500;
  return ROUND_TRIP;
}

/** DriveApp: fetch 0.5 s, change 1 s, create a file or share 1.5 s, export a PDF 5 s. */
function driveCost(c: PricedCall): number {
  const m = c.method;
  if (m === 'getFileById' || m === 'getFolderById') return 500;
  if (m === 'createFile' || /^add(Viewer|Editor|Commenter)s?$/.test(m)) return 1500;
  if (m === 'getAs' || m === 'getBlob') return 5000;
  if (m === 'getUrl' || m === 'getId' || m === 'hasNext' || m === 'getName') return SHEET_LOCAL;
  if (m.startsWith('get') && c.service === 'DriveApp') return 500; // searches and iterators
  if (/^(getParents|getViewers|getEditors|getOwner|getSharing)/.test(m)) return 500;
  if (/^(get|is|next)/.test(m)) return SHEET_LOCAL;
  return 1000; // createFolder, moveTo, setTrashed, setName, setSharing, makeCopy
}

/** The price of one call. Pure: the Sheets queue is handled by `CostMeter`. */
export function priceOf(c: PricedCall): Charge {
  const key = `${c.service}.${c.method}`;
  switch (c.family) {
    case 'SpreadsheetApp':
      return sheetPrice(c, key);
    case 'FormApp':
      return serverUnlessLocal(formCost(c));
    case 'DocumentApp':
      return serverUnlessLocal(documentCost(c));
    case 'DriveApp':
      return serverUnlessLocal(driveCost(c));
    case 'Docs':
      return { ms: docsApiCost(c), kind: 'server' };
    case 'MailApp':
      // sendEmail 1.5 s, 3 s with a PDF (G; ≥0.6 s per Gmail draft, W); quota 100 ms (G).
      if (c.method === 'sendEmail') return { ms: c.attachments ? 3000 : 1500, kind: 'server' };
      return { ms: 100, kind: 'server' };
    case 'LockService':
      // tryLock 100 ms, releaseLock 50 ms, getScriptLock 8 ms (G); waiting is charged by the lock.
      if (c.method === 'tryLock' || c.method === 'waitLock') return { ms: 100, kind: 'server' };
      if (c.method === 'releaseLock') return { ms: 50, kind: 'server' };
      return { ms: SHEET_LOCAL, kind: 'local' };
    case 'PropertiesService':
      // ZIR, JP25: get 30–40 ms, set 50–62 ms (M), rounded up.
      if (c.service === 'PropertiesService') return { ms: SHEET_LOCAL, kind: 'local' };
      if (/^(get)/.test(c.method)) return { ms: 40, kind: 'server' };
      return { ms: 65, kind: 'server' };
    case 'ScriptApp':
      // Trigger changes and listings reach the server (G); builders and getters are local.
      if (
        key === 'ScriptApp.getProjectTriggers' ||
        key === 'ScriptApp.getUserTriggers' ||
        key === 'ScriptApp.deleteTrigger'
      )
        return { ms: ROUND_TRIP, kind: 'server' };
      if (c.method === 'create') return { ms: STRUCTURAL, kind: 'server' };
      return { ms: SHEET_LOCAL, kind: 'local' };
    case 'Utilities':
      // Utilities.sleep is charged by the wait itself.
      return { ms: key === 'Utilities.sleep' ? 0 : SHEET_LOCAL, kind: 'local' };
    case 'Logger':
      return { ms: SHEET_LOCAL, kind: 'local' };
    default:
      // Anything not in the table is priced as a round trip (G), the stricter reading.
      return { ms: ROUND_TRIP, kind: 'server' };
  }
}

const serverUnlessLocal = (ms: number): Charge => ({
  ms,
  kind: ms <= SHEET_LOCAL ? 'local' : 'server',
});

function sheetPrice(c: PricedCall, key: string): Charge {
  const m = c.method;
  if (SHEET_LOCAL_METHODS.has(key)) return { ms: SHEET_LOCAL, kind: 'local' };
  if (SHEET_WRITES.has(m)) {
    const perCell = c.cells > WRITE_STEP ? WRITE_CELL_LARGE : WRITE_CELL_SMALL;
    return { ms: SHEET_LOCAL + perCell * c.cells, kind: 'local' };
  }
  if (isPerCellSetter(m)) return { ms: SHEET_LOCAL + FORMAT_CELL * c.cells, kind: 'local' };
  if (m === 'getDisplayValue' || m === 'getDisplayValues')
    return { ms: ROUND_TRIP + DISPLAY_CELL * c.cells, kind: 'server' };
  if (SHEET_READS.has(m)) return { ms: ROUND_TRIP + READ_CELL * c.cells, kind: 'server' };
  if (STRUCTURAL_METHODS.has(m)) return { ms: STRUCTURAL, kind: 'server' };
  if (key === 'SpreadsheetApp.create') return { ms: 1000, kind: 'server' };
  if (isQueuedSetter(m) && c.service !== 'Protection' && c.service !== 'Ui')
    return { ms: SHEET_LOCAL, kind: 'local' };
  // getSheets, getSheetByName, getName, getLastRow, getMaxRows, getDataRange, appendRow, flush,
  // openById, Protection calls, Ui dialogs, and anything else: a round trip (M, or G → stricter).
  return { ms: ROUND_TRIP, kind: 'server' };
}

/** True when the call writes into the Sheets queue (committed at the next round trip or flush). */
function queues(c: PricedCall, charge: Charge): boolean {
  return (
    c.family === 'SpreadsheetApp' &&
    charge.kind === 'local' &&
    /^(set|clear|merge|breakApart|hideSheet|showSheet|activate|autoResize)/.test(c.method)
  );
}

const FIRST_ACCESS = new Set([
  'SpreadsheetApp.getActiveSpreadsheet',
  'SpreadsheetApp.getActive',
  'SpreadsheetApp.getActiveSheet',
]);

/**
 * The cost of one execution's calls: prices each call and keeps the Sheets write queue (queued
 * writes cost a commit at the next round trip, at `flush`, or at the end of the execution) and
 * the first access to the bound spreadsheet (a round trip; later `getActiveSpreadsheet` is local).
 */
export class CostMeter {
  private pending = false;
  private opened = false;

  /** How a call will reach Google, before it runs (for faults, which hit server calls only). */
  peek(c: Pick<PricedCall, 'service' | 'method' | 'family'>): CallKind {
    if (FIRST_ACCESS.has(`${c.service}.${c.method}`)) return this.opened ? 'local' : 'server';
    return priceOf({ ...c, cells: 0, items: 0, attachments: false }).kind;
  }

  /** Milliseconds to charge for `c`, and how it reached Google. */
  charge(c: PricedCall): Charge {
    let price = priceOf(c);
    if (FIRST_ACCESS.has(`${c.service}.${c.method}`)) {
      // First access (TK22a: 0.2–0.3 s with one operation, M), then served locally.
      price = this.opened ? { ms: SHEET_LOCAL, kind: 'local' } : { ms: ROUND_TRIP, kind: 'server' };
      this.opened = true;
    }
    if (c.family === 'SpreadsheetApp' && price.kind === 'server') {
      if (this.pending) price = { ms: price.ms + COMMIT, kind: 'server' };
      this.pending = false;
    } else if (queues(c, price)) {
      this.pending = true;
    }
    return price;
  }

  /** At the end of the execution Google commits what is still queued. */
  finish(): number {
    const ms = this.pending ? COMMIT : 0;
    this.pending = false;
    return ms;
  }
}
