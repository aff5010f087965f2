// In-memory DocumentApp: element trees with styled text runs, tables, headers; stored as Drive files.

export { EmuBody } from './body';
export { DocStore } from './doc-store';
export { EmuDocument } from './document';
export {
  createDocumentApp,
  createDocumentServices,
  DocumentAppEmu,
  type DocumentOptions,
  type DocumentServices,
} from './document-app';
export { EmuFooterSection } from './footer-section';
export { EmuHeaderSection } from './header-section';
export type { AttributeName } from './helpers';
export { EmuHorizontalRule } from './horizontal-rule';
export { EmuListItem } from './list-item';
export type {
  BlockNode,
  CellNode,
  DocModel,
  InlineNode,
  MarkNode,
  ParaNode,
  RowNode,
  SectionNode,
  TableNode,
  TextNode,
} from './model';
export { EmuPageBreak } from './page-break';
export { EmuParagraph } from './paragraph';
export {
  type AttributesSnapshot,
  type BlockSnapshot,
  type DocumentSnapshot,
  type InlineSnapshot,
  type ParagraphSnapshot,
  pdfNameOf,
  type RunSnapshot,
  snapshotDocument,
  type TableCellSnapshot,
  type TableRowSnapshot,
  type TableSnapshot,
} from './snapshot';
export { EmuTable } from './table';
export { EmuTableCell } from './table-cell';
export { EmuTableRow } from './table-row';
export { EmuText } from './text';

/*
 * Hooks that are not Apps Script (a leading underscore; none of them counts as a call):
 * - `DocumentApp._endExecution()`: what the end of a script does to open documents: their edits
 *   are saved, so Drive exports see them. The runtime should call it after each execution.
 * - `DocumentApp._open(id)`: a fresh handle without counting, or null; `DocumentApp._ids()`.
 * - `DocumentApp._setActive(doc | null)`: a container-bound document (default none: this project's
 *   script is bound to a spreadsheet, so getActiveDocument() is null).
 * Reading state (for the .docx exporter and tests): `snapshotDocument(doc, {saved?})`.
 *
 * Saving: edits live in the open document until `saveAndClose()` or the end of the execution, and
 * Drive's exports (File.getAs/getBlob, and Document.getAs, which delegates to Drive) render the last
 * saved state. Widely reported (a PDF made before saveAndClose lacks the latest edits); U here.
 * `options.exportsSeeUnsavedEdits` turns that off. The advanced Docs service (docs-api/) reads and
 * changes the saved state too; what it sets that DocumentApp cannot (a pinned header row, keep
 * with next, keep lines together) is kept as TABLE_HEADER, KEEP_WITH_NEXT and KEEP_LINES_TOGETHER
 * in the model's attributes, which DocumentApp's getAttributes does not show.
 *
 * Not creatable from Apps Script, so not offered: page-number fields (they exist only as
 * UnsupportedElement, REF:reference/document/unsupported-element), "different first page"
 * headers, section breaks, footnotes, images. The exporter must add page numbers itself.
 *
 * Marked U below: defaults of getters for unset attributes (null here), style inheritance of
 * appended text, the texts of errors other than the closed-document one, and `\n` handling in
 * containers (a new paragraph per line).
 */
