// The element wrapper for a model node, by kind, and the registry of element classes it builds from.

import type { EmuBody } from './body';
import type { EmuDocument } from './document';
import type { DocumentAppEmu } from './document-app';
import type { EmuFooterSection } from './footer-section';
import type { EmuHeaderSection } from './header-section';
import type { EmuHorizontalRule } from './horizontal-rule';
import type { EmuListItem } from './list-item';
import type { Node } from './model';
import type { EmuPageBreak } from './page-break';
import type { EmuParagraph } from './paragraph';
import type { EmuTable } from './table';
import type { EmuTableCell } from './table-cell';
import type { EmuTableRow } from './table-row';
import type { EmuText } from './text';

/**
 * The element classes, each registered by its own file when it loads. The base classes build their
 * subclasses through it (never by importing them), so no base waits on a subclass that extends it
 * (gas-fakes registers its element factories the same way).
 */
export const elements = {} as {
  Paragraph: typeof EmuParagraph;
  ListItem: typeof EmuListItem;
  Table: typeof EmuTable;
  TableRow: typeof EmuTableRow;
  TableCell: typeof EmuTableCell;
  Text: typeof EmuText;
  PageBreak: typeof EmuPageBreak;
  HorizontalRule: typeof EmuHorizontalRule;
  Body: typeof EmuBody;
  HeaderSection: typeof EmuHeaderSection;
  FooterSection: typeof EmuFooterSection;
};

// ---------------------------------------------------------------------------------------------
// Elements.

export type AnyElement =
  | EmuParagraph
  | EmuListItem
  | EmuTable
  | EmuTableRow
  | EmuTableCell
  | EmuText
  | EmuPageBreak
  | EmuHorizontalRule
  | EmuBody
  | EmuHeaderSection
  | EmuFooterSection;

/** The wrapper for a node, bound to the document handle it was reached through (null: detached). */
export function wrapNode(app: DocumentAppEmu, doc: EmuDocument | null, node: Node): AnyElement {
  switch (node.kind) {
    case 'PARAGRAPH':
      return new elements.Paragraph(app, doc, node);
    case 'LIST_ITEM':
      return new elements.ListItem(app, doc, node);
    case 'TABLE':
      return new elements.Table(app, doc, node);
    case 'TABLE_ROW':
      return new elements.TableRow(app, doc, node);
    case 'TABLE_CELL':
      return new elements.TableCell(app, doc, node);
    case 'TEXT':
      return new elements.Text(app, doc, node);
    case 'PAGE_BREAK':
      return new elements.PageBreak(app, doc, node);
    case 'HORIZONTAL_RULE':
      return new elements.HorizontalRule(app, doc, node);
    case 'BODY_SECTION':
      return new elements.Body(app, doc, node);
    case 'HEADER_SECTION':
      return new elements.HeaderSection(app, doc, node);
    default:
      return new elements.FooterSection(app, doc, node);
  }
}
