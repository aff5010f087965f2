// FooterSection.

import { SectionBase } from './section-base';
import { elements } from './wrap';

/** A `FooterSection`. */
export class EmuFooterSection extends SectionBase {
  protected get cls(): string {
    return 'FooterSection';
  }
}

elements.FooterSection = EmuFooterSection;
