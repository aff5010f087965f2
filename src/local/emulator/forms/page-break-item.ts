// PageBreakItem.
import { ItemBase } from './item-base';

/** A `PageBreakItem`: layout, no answer, no column. */
export class EmuPageBreakItem extends ItemBase {
  protected get _cls(): string {
    return 'PageBreakItem';
  }
}
