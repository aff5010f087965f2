// HorizontalRule.

import { ElementBase } from './element-base';
import type { MarkNode } from './model';
import { elements } from './wrap';

/** A `HorizontalRule`. */
export class EmuHorizontalRule extends ElementBase<MarkNode> {
  protected get cls(): string {
    return 'HorizontalRule';
  }
}

elements.HorizontalRule = EmuHorizontalRule;
