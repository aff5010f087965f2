// ChoiceItem: what list and multiple-choice items share (choices).
import { gasError, gasTypeNames, signatureError } from '../errors';
import { EmuChoice } from './choice';
import { QuestionItem } from './question-item';

/** List and multiple-choice items. */
export abstract class ChoiceItem extends QuestionItem {
  /** An empty array throws `Array is empty: values` (C-weak: one public repo, and its Spanish form in another). */
  setChoiceValues(values: string[]): this {
    this.rec('setChoiceValues');
    if (
      arguments.length !== 1 ||
      !Array.isArray(values) ||
      values.some((v) => v === null || v === undefined || typeof v === 'object')
    ) {
      throw signatureError(gasTypeNames(arguments), 'FormApp', this._cls, 'setChoiceValues');
    }
    if (values.length === 0) throw gasError('Array is empty: values');
    this._state.choices = values.map((v) => ({
      value: String(v),
    }));
    return this;
  }

  getChoices(): EmuChoice[] {
    this.rec('getChoices');
    return this._state.choices.map((c) => new EmuChoice(this._form._app._log, { ...c }));
  }
}
