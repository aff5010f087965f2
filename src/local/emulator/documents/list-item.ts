// ListItem: a paragraph with a list id, nesting level and glyph type.

import type { GasEnumValue } from '../utilities';
import { isInt } from './element-base';
import { ENUMS, lookup } from './helpers';
import { patchStyle } from './model';
import { ParagraphBase } from './paragraph-base';
import { elements } from './wrap';

/** A `ListItem`: a paragraph with a glyph, a nesting level and a list id. */
export class EmuListItem extends ParagraphBase {
  protected get cls(): string {
    return 'ListItem';
  }

  setGlyphType(...args: [glyphType: GasEnumValue]): EmuListItem {
    return this.setEnum('setGlyphType', 'GLYPH_TYPE', ENUMS.GlyphType, args);
  }

  getGlyphType(): GasEnumValue {
    this.rec('getGlyphType');
    return lookup(ENUMS.GlyphType, String(this._node.attrs.GLYPH_TYPE ?? 'BULLET'));
  }

  /** 0 is the outermost level. */
  setNestingLevel(...args: [nestingLevel: number]): EmuListItem {
    this.edit('setNestingLevel');
    const [level] = args;
    if (!isInt(level)) throw this.sig(args, 'setNestingLevel');
    this._node.attrs = patchStyle(this._node.attrs, { NESTING_LEVEL: level });
    return this;
  }

  getNestingLevel(): number {
    this.rec('getNestingLevel');
    return Number(this._node.attrs.NESTING_LEVEL ?? 0);
  }

  getListId(): string {
    this.rec('getListId');
    return String(this._node.attrs.LIST_ID ?? '');
  }

  /** Joins the list of `listItem`. */
  setListId(...args: [listItem: EmuListItem]): EmuListItem {
    this.edit('setListId');
    const [other] = args;
    if (!(other instanceof EmuListItem)) throw this.sig(args, 'setListId');
    this._node.attrs = patchStyle(this._node.attrs, {
      LIST_ID: other._node.attrs.LIST_ID ?? null,
    });
    return this;
  }
}

elements.ListItem = EmuListItem;
