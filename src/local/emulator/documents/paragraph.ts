// Paragraph.

import { ParagraphBase } from './paragraph-base';
import { elements } from './wrap';

/** A `Paragraph`. */
export class EmuParagraph extends ParagraphBase {
  protected get cls(): string {
    return 'Paragraph';
  }
}

elements.Paragraph = EmuParagraph;
