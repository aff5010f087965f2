// Item: the generic view of an item (type, asXItem).
/// <reference types="google-apps-script" />
import { gasError } from '../errors';
import type { EmuDateItem } from './date-item';
import { ItemBase } from './item-base';
import type { EmuListItem } from './list-item';
import type { EmuMultipleChoiceItem } from './multiple-choice-item';
import type { EmuPageBreakItem } from './page-break-item';
import type { EmuParagraphTextItem } from './paragraph-text-item';
import type { EmuTextItem } from './text-item';

/** The generic `Item` that `getItems()` returns: no type-specific methods until cast. */
export class EmuItem
  extends ItemBase
  implements Pick<GoogleAppsScript.Forms.Item, 'getId' | 'getIndex' | 'getTitle' | 'getHelpText'>
{
  protected get _cls(): string {
    return 'Item';
  }

  /** Live: `Invalid conversion for item type: PAGE_BREAK` names the item's own type (C). */
  private cast(method: string, kind: string): ItemBase {
    this.rec(method);
    if (this._state.type !== kind)
      throw gasError(`Invalid conversion for item type: ${this._state.type}`);
    return this._form._typed(this._state);
  }

  asListItem(): EmuListItem {
    return this.cast('asListItem', 'LIST') as EmuListItem;
  }

  asMultipleChoiceItem(): EmuMultipleChoiceItem {
    return this.cast('asMultipleChoiceItem', 'MULTIPLE_CHOICE') as EmuMultipleChoiceItem;
  }

  asTextItem(): EmuTextItem {
    return this.cast('asTextItem', 'TEXT') as EmuTextItem;
  }

  asParagraphTextItem(): EmuParagraphTextItem {
    return this.cast('asParagraphTextItem', 'PARAGRAPH_TEXT') as EmuParagraphTextItem;
  }

  asDateItem(): EmuDateItem {
    return this.cast('asDateItem', 'DATE') as EmuDateItem;
  }

  asPageBreakItem(): EmuPageBreakItem {
    return this.cast('asPageBreakItem', 'PAGE_BREAK') as EmuPageBreakItem;
  }
}
