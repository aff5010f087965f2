// QuestionItem: what answerable items share (required, createResponse).
import { isBool } from './helpers';
import { ItemBase } from './item-base';

/** Items that take an answer. */
export abstract class QuestionItem extends ItemBase {
  setRequired(enabled: boolean): this {
    this.rec('setRequired');
    this.check(arguments, 'setRequired', [isBool]);
    this._state.required = enabled;
    return this;
  }

  isRequired(): boolean {
    this.rec('isRequired');
    return this._state.required;
  }
}
