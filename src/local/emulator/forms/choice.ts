// Choice: one option of a list or multiple-choice item.
/// <reference types="google-apps-script" />
import type { CallLog } from '../calls';
import { GAS_TYPE } from '../errors';
import type { ChoiceState } from './helpers';

// ---------------------------------------------------------------------------------------------
// Choices and items.

/** A `Choice` of a list or multiple-choice item. */
export class EmuChoice implements Pick<GoogleAppsScript.Forms.Choice, 'getValue'> {
  constructor(
    private readonly log: CallLog,
    readonly _state: ChoiceState,
  ) {}

  get [GAS_TYPE](): string {
    return 'FormApp.Choice';
  }

  getValue(): string {
    this.log.record('Choice', 'getValue');
    return this._state.value;
  }
}
