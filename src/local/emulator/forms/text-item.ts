// TextItem: a short text question, with its validation.
/// <reference types="google-apps-script" />
import { QuestionItem } from './question-item';
import { EmuTextValidation } from './text-validation';
import { EmuTextValidationBuilder } from './text-validation-builder';

/** A short-answer `TextItem`, optionally validated. */
export class EmuTextItem
  extends QuestionItem
  implements Pick<GoogleAppsScript.Forms.TextItem, 'getId' | 'getTitle' | 'isRequired'>
{
  protected get _cls(): string {
    return 'TextItem';
  }

  /** A built validation, or a builder (DT/forms shows both). */
  setValidation(validation: EmuTextValidation | EmuTextValidationBuilder): this {
    this.rec('setValidation');
    const ok = (v: unknown): boolean =>
      v instanceof EmuTextValidation || v instanceof EmuTextValidationBuilder;
    this.check(arguments, 'setValidation', [ok]);
    this._state.validation =
      validation instanceof EmuTextValidation ? validation._rule : validation._build()._rule;
    return this;
  }
}
