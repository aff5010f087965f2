// Text: the editable text of an element (insert, delete, replace, styles by offset).

import { gasError } from '../errors';
import type { GasEnumValue } from '../utilities';
import { ElementBase, isInt } from './element-base';
import { ENUMS, type Style, TEXT_KEYS, type Value } from './helpers';
import {
  appendToHost,
  type ContainerNode,
  deleteFromHost,
  insertIntoHost,
  lineBreaks,
  normalizeValue,
  outValue,
  paragraphOfText,
  replaceInHost,
  setContainerText,
  setParagraphText,
  slotsOf,
  styleAll,
  styleKey,
  styleRange,
  stylesOf,
  type TextHost,
  textOf,
  trailingStyle,
  uniform,
} from './model';
import { isBoolOrNull, isNumberOrNull, isStringOrNull, offsetError } from './paragraph-base';
import { elements } from './wrap';

/** A `Text`: one run, or a whole element's text through editAsText(). */
export class EmuText extends ElementBase<TextHost> {
  protected get cls(): string {
    return 'Text';
  }

  override getType(): GasEnumValue {
    this.rec('getType');
    return ENUMS.ElementType.TEXT;
  }

  getText(): string {
    this.rec('getText');
    return textOf(this._node);
  }

  setText(...args: [text: string]): EmuText {
    this.edit('setText');
    const [text] = args;
    if (typeof text !== 'string') throw this.sig(args, 'setText');
    const host = this._node;
    if (host.kind === 'TEXT') {
      const style = host.styles[0] ?? trailingStyle(paragraphOfText(host));
      host.text = lineBreaks(text);
      host.styles = new Array<Style>(host.text.length).fill(style);
    } else if (host.kind === 'PARAGRAPH' || host.kind === 'LIST_ITEM') setParagraphText(host, text);
    else if (host.kind === 'TABLE_CELL' || host.kind.endsWith('_SECTION'))
      setContainerText(host as ContainerNode, text);
    else throw gasError('Text of a table or row cannot be set as a whole.');
    return this;
  }

  appendText(...args: [text: string]): EmuText {
    this.edit('appendText');
    const [text] = args;
    if (typeof text !== 'string') throw this.sig(args, 'appendText');
    appendToHost(this._node, text);
    return this;
  }

  insertText(...args: [offset: number, text: string]): EmuText {
    this.edit('insertText');
    const [offset, text] = args;
    if (!isInt(offset) || typeof text !== 'string') throw this.sig(args, 'insertText');
    const length = textOf(this._node).length;
    if (offset < 0 || offset > length) throw offsetError(offset, length + 1);
    insertIntoHost(this._node, offset, text);
    return this;
  }

  deleteText(...args: [startOffset: number, endOffsetInclusive: number]): EmuText {
    this.edit('deleteText');
    const [start, end] = args;
    if (!isInt(start) || !isInt(end)) throw this.sig(args, 'deleteText');
    this.checkRange(start, end);
    deleteFromHost(this._node, start, end);
    return this;
  }

  /** Java-regex replacement (JS RegExp here: RE2 differences are U), paragraph by paragraph. */
  replaceText(...args: [searchPattern: string, replacement: string]): EmuText {
    this.edit('replaceText');
    const [pattern, replacement] = args;
    if (typeof pattern !== 'string' || typeof replacement !== 'string')
      throw this.sig(args, 'replaceText');
    replaceInHost(this._node, pattern, replacement);
    return this;
  }

  setBold(...args: [boolean] | [number, number, boolean]): EmuText {
    return this.styleCall('setBold', 'BOLD', args, isBoolOrNull);
  }

  setItalic(...args: [boolean] | [number, number, boolean]): EmuText {
    return this.styleCall('setItalic', 'ITALIC', args, isBoolOrNull);
  }

  setUnderline(...args: [boolean] | [number, number, boolean]): EmuText {
    return this.styleCall('setUnderline', 'UNDERLINE', args, isBoolOrNull);
  }

  setStrikethrough(...args: [boolean] | [number, number, boolean]): EmuText {
    return this.styleCall('setStrikethrough', 'STRIKETHROUGH', args, isBoolOrNull);
  }

  setFontSize(...args: [number] | [number, number, number]): EmuText {
    return this.styleCall('setFontSize', 'FONT_SIZE', args, isNumberOrNull);
  }

  setFontFamily(...args: [string] | [number, number, string]): EmuText {
    return this.styleCall('setFontFamily', 'FONT_FAMILY', args, isStringOrNull);
  }

  setForegroundColor(...args: [string] | [number, number, string]): EmuText {
    return this.styleCall('setForegroundColor', 'FOREGROUND_COLOR', args, isStringOrNull);
  }

  setBackgroundColor(...args: [string] | [number, number, string]): EmuText {
    return this.styleCall('setBackgroundColor', 'BACKGROUND_COLOR', args, isStringOrNull);
  }

  setLinkUrl(...args: [string] | [number, number, string]): EmuText {
    return this.styleCall('setLinkUrl', 'LINK_URL', args, isStringOrNull);
  }

  /** `setAttributes(attrs)` or `setAttributes(start, endInclusive, attrs)`; text keys only. */
  override setAttributes(
    ...args: [Record<string, unknown>] | [number, number, Record<string, unknown>]
  ): this {
    this.edit('setAttributes');
    const attrs = args[args.length - 1];
    if (attrs === null || typeof attrs !== 'object' || (args.length !== 1 && args.length !== 3))
      throw this.sig(args, 'setAttributes');
    const patch: Record<string, Value | null> = {};
    for (const [key, raw] of Object.entries(attrs as Record<string, unknown>)) {
      if (!TEXT_KEYS.has(key)) continue;
      const value = normalizeValue(key, raw);
      if (value !== undefined) patch[key] = value;
    }
    if (args.length === 3) {
      const [start, end] = args;
      if (!isInt(start) || !isInt(end)) throw this.sig(args, 'setAttributes');
      this.checkRange(start, end);
      styleRange(this._node, start, end, patch);
    } else styleAll(this._node, patch);
    return this;
  }

  /** Text attributes at `offset`, or of the whole text (null where mixed). */
  override getAttributes(...args: [offset?: number]): Record<string, unknown> {
    this.rec('getAttributes');
    const out: Record<string, unknown> = {};
    const styles = this.stylesAt(args, 'getAttributes');
    for (const key of TEXT_KEYS) out[key] = outValue(key, uniform(styles, key));
    return out;
  }

  isBold(...args: [offset?: number]): boolean | null {
    return this.read('isBold', 'BOLD', args) as boolean | null;
  }

  isItalic(...args: [offset?: number]): boolean | null {
    return this.read('isItalic', 'ITALIC', args) as boolean | null;
  }

  isUnderline(...args: [offset?: number]): boolean | null {
    return this.read('isUnderline', 'UNDERLINE', args) as boolean | null;
  }

  isStrikethrough(...args: [offset?: number]): boolean | null {
    return this.read('isStrikethrough', 'STRIKETHROUGH', args) as boolean | null;
  }

  getFontSize(...args: [offset?: number]): number | null {
    return this.read('getFontSize', 'FONT_SIZE', args) as number | null;
  }

  getFontFamily(...args: [offset?: number]): string | null {
    return this.read('getFontFamily', 'FONT_FAMILY', args) as string | null;
  }

  getForegroundColor(...args: [offset?: number]): string | null {
    return this.read('getForegroundColor', 'FOREGROUND_COLOR', args) as string | null;
  }

  getBackgroundColor(...args: [offset?: number]): string | null {
    return this.read('getBackgroundColor', 'BACKGROUND_COLOR', args) as string | null;
  }

  getLinkUrl(...args: [offset?: number]): string | null {
    return this.read('getLinkUrl', 'LINK_URL', args) as string | null;
  }

  /** Offsets where the text attributes change, starting with 0. */
  getTextAttributeIndices(): number[] {
    this.rec('getTextAttributeIndices');
    const styles = slotsOf(this._node).map((s) => (s ? styleKey(s.node.styles[s.index]) : null));
    const out: number[] = [];
    let prev: string | null | undefined;
    styles.forEach((k, i) => {
      if (k !== null && k !== prev) out.push(i);
      if (k !== null) prev = k;
    });
    return out.length === 0 ? [0] : out;
  }

  private styleCall(
    method: string,
    key: string,
    args: unknown[],
    ok: (v: unknown) => boolean,
  ): EmuText {
    this.edit(method);
    if (args.length === 1 && ok(args[0])) {
      styleAll(this._node, { [key]: args[0] as Value | null });
      return this;
    }
    const [start, end, value] = args;
    if (args.length !== 3 || !isInt(start) || !isInt(end) || !ok(value))
      throw this.sig(args, method);
    this.checkRange(start, end);
    styleRange(this._node, start, end, { [key]: value as Value | null });
    return this;
  }

  private read(method: string, key: string, args: unknown[]): Value | null {
    this.rec(method);
    return uniform(this.stylesAt(args, method), key);
  }

  private stylesAt(args: unknown[], method: string): Style[] {
    if (args.length === 0 || args[0] === undefined || args[0] === null) return stylesOf(this._node);
    const [offset] = args;
    if (!isInt(offset)) throw this.sig(args, method);
    const slots = slotsOf(this._node);
    if (offset < 0 || offset >= slots.length) throw offsetError(offset, slots.length);
    const s = slots[offset];
    return s ? [s.node.styles[s.index]] : [];
  }

  private checkRange(start: number, end: number): void {
    const length = slotsOf(this._node).length;
    if (start < 0 || start > end) throw gasError(`Invalid offset range: ${start} to ${end}.`);
    if (end >= length) throw offsetError(end, length);
  }
}

elements.Text = EmuText;
