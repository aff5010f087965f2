// In-memory FormApp: forms, items, text validation, responses and the linked response sheet Google writes.

export { EmuChoice } from './choice';
export { EmuDateItem } from './date-item';
export { EmuForm } from './form';
export { FormAppEmu, type FormsOptions } from './form-app';
export { EmuFormResponse } from './form-response';
export type { Answers, EmailCollection, RespondOptions, SheetEventPart } from './helpers';
export { EmuItem } from './item';
export { EmuItemResponse } from './item-response';
export { EmuListItem } from './list-item';
export { EmuMultipleChoiceItem } from './multiple-choice-item';
export { EmuPageBreakItem } from './page-break-item';
export { EmuParagraphTextItem } from './paragraph-text-item';
export { EmuTextItem } from './text-item';
export { EmuTextValidation } from './text-validation';
export { EmuTextValidationBuilder } from './text-validation-builder';

/*
 * Hooks that are not Apps Script (a leading underscore; none of them counts as a call):
 *
 * Respondents and Google itself:
 * - `forms._respond(form, answers, {email?, typed?, at?, bypassValidation?}) → EmuFormResponse`: a
 *   respondent submits (`email`: the signed-in account on a VERIFIED form, else what is typed;
 *   `typed`: what is typed in the email field). `answers` maps an item title (or its numeric id)
 *   to the text typed or chosen; a date is `'YYYY-MM-DD'`. Refused like the live form unless `bypassValidation`; an unpublished form
 *   refuses always. Google then appends the row to the linked sheet, uncounted, at once or
 *   `ws.google.rowDelayMs` later on the virtual clock (`rowOrder`; `forms._rowDue(responseId)`).
 * - `forms._edit(responseId, answers, {at?, bypassValidation?}) → EmuFormResponse`: the respondent
 *   edits; the given answers replace the old ones ('' clears), the row is rewritten in place.
 * - `forms._sheetEvent(responseId, {blankUnchanged?})` and `forms._blankSheetEvent(form)`: the
 *   `{range, values, namedValues}` part of a spreadsheet form-submit event, for the runtime.
 *
 * Reading state: `forms._all()`, `forms._open(id)`, `forms._findResponse(id)`,
 * `form._destinationSheet()`, `form._responseRow(responseId)`.
 *
 * Google-side switches (`FormsOptions.google`, the workspace's `ws.google`, google.ts) decide the
 * row order, when a linked sheet is seen, where a later question's column goes, whether
 * moveItem/deleteItem take typed items and from when new forms start unpublished.
 */
