// PageBreak.

import { ElementBase } from './element-base';
import type { MarkNode } from './model';
import { elements } from './wrap';

/** A `PageBreak`. */
export class EmuPageBreak extends ElementBase<MarkNode> {
  protected get cls(): string {
    return 'PageBreak';
  }
}

elements.PageBreak = EmuPageBreak;
