// In-memory SpreadsheetApp: typed input, formats, protections, rules, Google's limits and UI prompts; every call counted.

export { EmuConditionalFormatRule } from './conditional-format-rule';
export {
  EmuConditionalFormatRuleBuilder,
  type RuleCondition,
  type RuleFormat,
} from './conditional-format-rule-builder';
export {
  type BorderSpec,
  type CellValue,
  columnLetters,
  MAX_CELL_CHARS,
  MAX_CELLS,
} from './helpers';
export { EmuMenu } from './menu';
export { EmuPromptResponse, type PromptButton } from './prompt-response';
export { EmuProtection } from './protection';
export { EmuRange } from './range';
export { EmuSheet, type GoogleWriteOptions } from './sheet';
export {
  type CellFormatView,
  type CellRowView,
  type CellSnapshot,
  type ProtectionSnapshot,
  type RangeSnapshot,
  type RuleSnapshot,
  type SheetLayoutSnapshot,
  type SheetRowView,
  type SheetSnapshot,
  type SpreadsheetLayoutSnapshot,
  type SpreadsheetSnapshot,
  snapshot,
  snapshotLayout,
  snapshotSheet,
  snapshotSheetLayout,
  snapshotSheetRows,
} from './snapshot';
export { EmuSpreadsheet } from './spreadsheet';
export { type MenuSnapshot, SpreadsheetAppEmu, type SpreadsheetOptions } from './spreadsheet-app';
export { EmuUi } from './ui';

/*
 * Hooks that are not Apps Script (a leading underscore; none of them counts as a call):
 *
 * Google-side writes (the form → sheet destination, for the FormApp emulator):
 * - `sheet._googleAppendRow(values, {userEntered?})` appends after the last row with content and
 *   returns its row number; `sheet._googleWriteRow(row, values, {userEntered?})` rewrites a row in
 *   place (a response edit). Values are stored as given (Dates become date cells) unless
 *   `userEntered` asks for typed-input parsing. The grid grows as needed. Neither counts.
 * - `spreadsheet._addSheet(name, {index, rows, columns, unseen})` adds a sheet without counting and
 *   without changing the active sheet (a linked response sheet); `unseen` keeps it from the script
 *   until `SpreadsheetApp.flush()` or `app._endExecution()` (`spreadsheet._reveal()`).
 * - `sheet._range(row, col, numRows?, numCols?)` builds a Range without counting (e.g. `e.range`).
 * - Any Apps Script call can also be made uncounted with `log.uncounted(() => ...)`.
 *
 * Reading state (for the xlsx exporter and tests): `snapshot(spreadsheet)` and `snapshotSheet(sheet)`.
 * Large sheets, without copying every cell: `snapshotLayout(spreadsheet)`, `snapshotSheetLayout(sheet)`
 * and `snapshotSheetRows(sheet)` (row by row, formats shared; see there).
 * Set-up: `app._create(name)`, `app._open(id)`, `app._all()`, `app._setActive(ss)`,
 * `app._setUser(email)` (who runs the script; the owner is `options.user`),
 * `app._setUiAvailable(bool)`, `app._menus()`, `app._alerts()`, `app._prompts()`, and
 * `app._answerPrompt(text, button?)` to queue what the user types in the next `Ui.prompt`.
 *
 * Limits (C, live-risks D9): 10,000,000 grid cells per spreadsheet, counted over every sheet
 * (`spreadsheet._gridCells()`), and 50,000 characters per cell on a script's write.
 * The bundle runs in `node:vm`: pass `options.makeDate` so the Dates it reads are its own realm's.
 */
