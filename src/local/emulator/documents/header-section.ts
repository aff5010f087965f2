// HeaderSection.

import { SectionBase } from './section-base';
import { elements } from './wrap';

/** A `HeaderSection`. Page numbers cannot be added from Apps Script. */
export class EmuHeaderSection extends SectionBase {
  protected get cls(): string {
    return 'HeaderSection';
  }
}

elements.HeaderSection = EmuHeaderSection;
