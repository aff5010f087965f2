// ParagraphBase: what Paragraph and ListItem share (text, alignment, heading, spacing, indents).
import { gasError } from '../errors';
import type { GasEnumValue } from '../utilities';
import { childIndexError, ElementBase, isInt } from './element-base';
import { ENUMS, type EnumTable, enumValueName, lookup, NOT_DETACHED, type Style } from './helpers';
import type { EmuHorizontalRule } from './horizontal-rule';
import {
  attach,
  detach,
  type InlineNode,
  lineBreaks,
  type MarkNode,
  newText,
  type ParaNode,
  parents,
  patchStyle,
  replaceInHost,
  setParagraphText,
  styleAll,
  stylesOf,
  type TextNode,
  textOf,
  trailingStyle,
  uniform,
} from './model';
import type { EmuPageBreak } from './page-break';
import type { EmuText } from './text';
import { type AnyElement, elements } from './wrap';

/** Out-of-range offsets (U: wording of the live message not verified). */
export function offsetError(offset: number, length: number): Error {
  return gasError(`Index (${offset}) must be less than the content length (${length}).`);
}

export const isBoolOrNull = (v: unknown): boolean => typeof v === 'boolean' || v === null;
export const isNumberOrNull = (v: unknown): boolean =>
  (typeof v === 'number' && Number.isFinite(v)) || v === null;
export const isStringOrNull = (v: unknown): boolean => typeof v === 'string' || v === null;

/** What Paragraph and ListItem share. */
export abstract class ParagraphBase extends ElementBase<ParaNode> {
  getText(): string {
    this.rec('getText');
    return textOf(this._node);
  }

  /** Replaces the text; returns nothing (DT/document: `setText(text): void`). */
  setText(...args: [text: string]): void {
    this.edit('setText');
    if (typeof args[0] !== 'string') throw this.sig(args, 'setText');
    setParagraphText(this._node, args[0]);
  }

  /** A new Text run at the end; it takes the style of the text before it (U). */
  appendText(...args: [text: string | EmuText]): EmuText {
    this.edit('appendText');
    const [text] = args;
    const node = this.textArg(text, args, 'appendText', trailingStyle(this._node));
    attach(this._node, node);
    return new elements.Text(this._app, this._doc, node);
  }

  insertText(...args: [childIndex: number, text: string | EmuText]): EmuText {
    this.edit('insertText');
    const [index, text] = args;
    if (!isInt(index)) throw this.sig(args, 'insertText');
    if (index < 0 || index > this._node.inlines.length)
      throw childIndexError(index, this._node.inlines.length + 1);
    const before = this._node.inlines
      .slice(0, index)
      .filter((i): i is TextNode => i.kind === 'TEXT')
      .pop();
    const node = this.textArg(text, args, 'insertText', trailingStyle(this._node, before));
    attach(this._node, node, index);
    return new elements.Text(this._app, this._doc, node);
  }

  private textArg(text: unknown, args: unknown[], method: string, style: Style): TextNode {
    if (typeof text === 'string') return newText(lineBreaks(text), style);
    if (text instanceof elements.Text && text._node.kind === 'TEXT') {
      if (parents.has(text._node)) throw gasError(NOT_DETACHED);
      return text._node;
    }
    throw this.sig(args, method);
  }

  editAsText(): EmuText {
    this.rec('editAsText');
    return new elements.Text(this._app, this._doc, this._node);
  }

  /** Removes the contents, keeps the paragraph. */
  clear(): this {
    this.edit('clear');
    for (const i of this._node.inlines.slice()) detach(i);
    return this;
  }

  replaceText(...args: [searchPattern: string, replacement: string]): this {
    this.edit('replaceText');
    const [pattern, replacement] = args;
    if (typeof pattern !== 'string' || typeof replacement !== 'string')
      throw this.sig(args, 'replaceText');
    replaceInHost(this._node, pattern, replacement);
    return this;
  }

  getNumChildren(): number {
    this.rec('getNumChildren');
    return this._node.inlines.length;
  }

  getChild(...args: [childIndex: number]): AnyElement {
    this.rec('getChild');
    const [i] = args;
    if (!isInt(i)) throw this.sig(args, 'getChild');
    const n = this._node.inlines.length;
    if (i < 0 || i >= n) throw childIndexError(i, n);
    return this.wrap(this._node.inlines[i]);
  }

  getChildIndex(...args: [child: AnyElement]): number {
    this.rec('getChildIndex');
    const [child] = args;
    if (!(child instanceof ElementBase)) throw this.sig(args, 'getChildIndex');
    const i = this._node.inlines.indexOf(child._node as InlineNode);
    if (i < 0) throw gasError('Element does not contain the specified child element.');
    return i;
  }

  removeChild(...args: [child: AnyElement]): this {
    this.edit('removeChild');
    const [child] = args;
    if (!(child instanceof ElementBase) || parents.get(child._node) !== this._node)
      throw gasError('Element does not contain the specified child element.');
    detach(child._node);
    return this;
  }

  /** A page break inside this paragraph. */
  appendPageBreak(): EmuPageBreak {
    this.edit('appendPageBreak');
    const node: MarkNode = { kind: 'PAGE_BREAK' };
    attach(this._node, node);
    return new elements.PageBreak(this._app, this._doc, node);
  }

  appendHorizontalRule(): EmuHorizontalRule {
    this.edit('appendHorizontalRule');
    const node: MarkNode = { kind: 'HORIZONTAL_RULE' };
    attach(this._node, node);
    return new elements.HorizontalRule(this._app, this._doc, node);
  }

  setHeading(...args: [heading: GasEnumValue]): this {
    return this.setEnum('setHeading', 'HEADING', ENUMS.ParagraphHeading, args);
  }

  getHeading(): GasEnumValue {
    this.rec('getHeading');
    return lookup(ENUMS.ParagraphHeading, String(this._node.attrs.HEADING ?? 'NORMAL'));
  }

  setAlignment(...args: [alignment: GasEnumValue]): this {
    return this.setEnum('setAlignment', 'HORIZONTAL_ALIGNMENT', ENUMS.HorizontalAlignment, args);
  }

  /** Null when never set (U: live may report LEFT). */
  getAlignment(): GasEnumValue | null {
    this.rec('getAlignment');
    const a = this._node.attrs.HORIZONTAL_ALIGNMENT;
    return a === undefined ? null : lookup(ENUMS.HorizontalAlignment, String(a));
  }

  setIndentStart(...args: [indentStart: number]): this {
    return this.setNumber('setIndentStart', 'INDENT_START', args);
  }

  setIndentEnd(...args: [indentEnd: number]): this {
    return this.setNumber('setIndentEnd', 'INDENT_END', args);
  }

  setIndentFirstLine(...args: [indentFirstLine: number]): this {
    return this.setNumber('setIndentFirstLine', 'INDENT_FIRST_LINE', args);
  }

  setSpacingBefore(...args: [spacingBefore: number]): this {
    return this.setNumber('setSpacingBefore', 'SPACING_BEFORE', args);
  }

  setSpacingAfter(...args: [spacingAfter: number]): this {
    return this.setNumber('setSpacingAfter', 'SPACING_AFTER', args);
  }

  /** A multiplier: 1 single, 1.5, 2 double. */
  setLineSpacing(...args: [multiplier: number]): this {
    return this.setNumber('setLineSpacing', 'LINE_SPACING', args);
  }

  getIndentStart(): number | null {
    return this.getNumber('getIndentStart', 'INDENT_START');
  }

  getIndentEnd(): number | null {
    return this.getNumber('getIndentEnd', 'INDENT_END');
  }

  getIndentFirstLine(): number | null {
    return this.getNumber('getIndentFirstLine', 'INDENT_FIRST_LINE');
  }

  getSpacingBefore(): number | null {
    return this.getNumber('getSpacingBefore', 'SPACING_BEFORE');
  }

  getSpacingAfter(): number | null {
    return this.getNumber('getSpacingAfter', 'SPACING_AFTER');
  }

  getLineSpacing(): number | null {
    return this.getNumber('getLineSpacing', 'LINE_SPACING');
  }

  setLeftToRight(...args: [leftToRight: boolean]): this {
    this.edit('setLeftToRight');
    if (typeof args[0] !== 'boolean') throw this.sig(args, 'setLeftToRight');
    this._node.attrs = patchStyle(this._node.attrs, { LEFT_TO_RIGHT: args[0] });
    return this;
  }

  isLeftToRight(): boolean {
    this.rec('isLeftToRight');
    return this._node.attrs.LEFT_TO_RIGHT !== false;
  }

  /** A link on the whole paragraph's text. */
  setLinkUrl(...args: [url: string]): this {
    this.edit('setLinkUrl');
    if (!isStringOrNull(args[0])) throw this.sig(args, 'setLinkUrl');
    styleAll(this._node, { LINK_URL: args[0] as string | null });
    return this;
  }

  getLinkUrl(): string | null {
    this.rec('getLinkUrl');
    return uniform(stylesOf(this._node), 'LINK_URL') as string | null;
  }

  protected setEnum(method: string, key: string, table: EnumTable, args: unknown[]): this {
    this.edit(method);
    const name = enumValueName(table, args[0]);
    if (args.length !== 1 || name === undefined) throw this.sig(args, method);
    this._node.attrs = patchStyle(this._node.attrs, { [key]: name });
    return this;
  }

  protected setNumber(method: string, key: string, args: unknown[]): this {
    this.edit(method);
    const [value] = args;
    if (args.length !== 1 || typeof value !== 'number' || !Number.isFinite(value))
      throw this.sig(args, method);
    this._node.attrs = patchStyle(this._node.attrs, { [key]: value });
    return this;
  }

  protected getNumber(method: string, key: string): number | null {
    this.rec(method);
    const v = this._node.attrs[key];
    return typeof v === 'number' ? v : null;
  }
}
