// ElementBase: what every element has (type, parent, siblings, attributes, copy, removal).
import { GAS_TYPE, gasError, gasTypeNames, signatureError } from '../errors';
import type { GasEnumValue } from '../utilities';
import type { EmuBody } from './body';
import type { EmuDocument } from './document';
import type { DocumentAppEmu } from './document-app';
import { ENUMS, LAST_PARAGRAPH } from './helpers';
import type { EmuHorizontalRule } from './horizontal-rule';
import type { EmuListItem } from './list-item';
import {
  applyAttributes,
  type ContainerNode,
  cloneNode,
  detach,
  kidsOf,
  type Node,
  parents,
  readAttributes,
} from './model';
import type { EmuPageBreak } from './page-break';
import type { EmuParagraph } from './paragraph';
import type { EmuTable } from './table';
import type { EmuTableCell } from './table-cell';
import type { EmuTableRow } from './table-row';
import type { EmuText } from './text';
import { type AnyElement, wrapNode } from './wrap';

export function childIndexError(index: number, count: number): Error {
  return gasError(
    `Child index (${index}) must be less than the number of child elements (${count}).`,
  );
}

export const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/** What every element has: type, parent, siblings, attributes, copy and removal. */
export abstract class ElementBase<N extends Node = Node> {
  constructor(
    readonly _app: DocumentAppEmu,
    readonly _doc: EmuDocument | null,
    readonly _node: N,
  ) {}

  /** The class name: counts and signature errors use it. */
  protected abstract get cls(): string;

  get [GAS_TYPE](): string {
    return `DocumentApp.${this.cls}`;
  }

  protected rec(method: string): void {
    this._app._log.record(this.cls, method);
  }

  /** Counts an edit; a closed document refuses it (C). */
  protected edit(method: string): void {
    this.rec(method);
    this._doc?._edited();
  }

  protected sig(args: ArrayLike<unknown>, method: string): Error {
    return signatureError(gasTypeNames(args), 'DocumentApp', this.cls, method);
  }

  protected wrap(node: Node): AnyElement {
    return wrapNode(this._app, this._doc, node);
  }

  getType(): GasEnumValue {
    this.rec('getType');
    return ENUMS.ElementType[this._node.kind];
  }

  getParent(): AnyElement | null {
    this.rec('getParent');
    const p = parents.get(this._node);
    return p ? this.wrap(p) : null;
  }

  getNextSibling(): AnyElement | null {
    this.rec('getNextSibling');
    return this.sibling(1);
  }

  getPreviousSibling(): AnyElement | null {
    this.rec('getPreviousSibling');
    return this.sibling(-1);
  }

  private sibling(step: number): AnyElement | null {
    const p = parents.get(this._node);
    if (!p) return null;
    const kids = kidsOf(p)!;
    const next = kids[kids.indexOf(this._node) + step];
    return next ? this.wrap(next) : null;
  }

  /** Own attributes and text attributes; null where unset (U: live fills some NORMAL defaults). */
  getAttributes(): Record<string, unknown> {
    this.rec('getAttributes');
    return readAttributes(this._node);
  }

  setAttributes(...args: [attributes: Record<string, unknown>]): this {
    this.edit('setAttributes');
    const [attributes] = args;
    if (args.length !== 1 || attributes === null || typeof attributes !== 'object')
      throw this.sig(args, 'setAttributes');
    applyAttributes(this._node, attributes);
    return this;
  }

  /** A detached deep copy. */
  copy(): AnyElement {
    this.rec('copy');
    return wrapNode(this._app, null, cloneNode(this._node));
  }

  removeFromParent(): this {
    this.edit('removeFromParent');
    removeChecked(this._node);
    return this;
  }

  asParagraph(): EmuParagraph {
    return this.as<EmuParagraph>('asParagraph', 'PARAGRAPH');
  }

  asListItem(): EmuListItem {
    return this.as<EmuListItem>('asListItem', 'LIST_ITEM');
  }

  asTable(): EmuTable {
    return this.as<EmuTable>('asTable', 'TABLE');
  }

  asTableRow(): EmuTableRow {
    return this.as<EmuTableRow>('asTableRow', 'TABLE_ROW');
  }

  asTableCell(): EmuTableCell {
    return this.as<EmuTableCell>('asTableCell', 'TABLE_CELL');
  }

  asText(): EmuText {
    return this.as<EmuText>('asText', 'TEXT');
  }

  asBody(): EmuBody {
    return this.as<EmuBody>('asBody', 'BODY_SECTION');
  }

  asPageBreak(): EmuPageBreak {
    return this.as<EmuPageBreak>('asPageBreak', 'PAGE_BREAK');
  }

  asHorizontalRule(): EmuHorizontalRule {
    return this.as<EmuHorizontalRule>('asHorizontalRule', 'HORIZONTAL_RULE');
  }

  /** Casting to the element's own type returns it; another type throws (U text). */
  private as<T>(method: string, kind: Node['kind']): T {
    this.rec(method);
    if (this._node.kind !== kind) throw gasError(`Cannot cast ${this._node.kind} to ${kind}.`);
    return this as unknown as T;
  }

  toString(): string {
    return this.cls;
  }
}

/** Removes a node; a section or cell keeps a final paragraph (C-weak text). */
export function removeChecked(node: Node): void {
  const parent = parents.get(node);
  if (!parent) return;
  if (parent.kind === 'TABLE_CELL' || parent.kind.endsWith('_SECTION')) {
    const blocks = (parent as ContainerNode).blocks;
    const rest = blocks.filter((b) => b !== node);
    if (node.kind !== 'TABLE' && (rest.length === 0 || rest[rest.length - 1].kind === 'TABLE'))
      throw gasError(LAST_PARAGRAPH);
  }
  detach(node);
}
