// TextValidation: a built rule for a text item.
import { GAS_TYPE } from '../errors';
import type { TextRule } from './helpers';

/** A built `TextValidation`. */
export class EmuTextValidation {
  constructor(readonly _rule: TextRule) {}

  get [GAS_TYPE](): string {
    return 'FormApp.TextValidation';
  }
}
