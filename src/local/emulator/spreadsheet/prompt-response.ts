// PromptResponse: what the user answered to Ui.prompt, and the button sets.
import { GAS_TYPE } from '../errors';
import type { GasEnumValue } from '../utilities';
import type { SpreadsheetAppEmu } from './spreadsheet-app';

// ---------------------------------------------------------------------------------------------
// Ui: onOpen menus, alerts and prompts.

export const BUTTON_SETS = ['OK', 'OK_CANCEL', 'YES_NO', 'YES_NO_CANCEL'] as const;
export const BUTTONS = ['CLOSE', 'OK', 'CANCEL', 'YES', 'NO'] as const;
/** A `Ui.Button` name. */
export type PromptButton = (typeof BUTTONS)[number];
/** The buttons each `Ui.ButtonSet` shows; CLOSE (the dialog's ×) is always there (REF:base/button). */
export const SET_BUTTONS: Record<(typeof BUTTON_SETS)[number], PromptButton[]> = {
  OK: ['OK', 'CLOSE'],
  OK_CANCEL: ['OK', 'CANCEL', 'CLOSE'],
  YES_NO: ['YES', 'NO', 'CLOSE'],
  YES_NO_CANCEL: ['YES', 'NO', 'CANCEL', 'CLOSE'],
};

/** What `Ui.prompt` gives back (REF:base/prompt-response). */
export class EmuPromptResponse {
  constructor(
    private readonly app: SpreadsheetAppEmu,
    private readonly text: string,
    private readonly button: GasEnumValue,
  ) {}

  get [GAS_TYPE](): string {
    return 'PromptResponse';
  }

  /** The text typed, whatever button was clicked. */
  getResponseText(): string {
    this.app._log.record('PromptResponse', 'getResponseText');
    return this.text;
  }

  /** A `Ui.Button`, compared with `===` as in Google's example. */
  getSelectedButton(): GasEnumValue {
    this.app._log.record('PromptResponse', 'getSelectedButton');
    return this.button;
  }
}
