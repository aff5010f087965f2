// Ui: alerts, prompts and menus of the spreadsheet UI.
import { GAS_TYPE, gasTypeNames, signatureError } from '../errors';
import { type GasEnumValue, gasEnum } from '../utilities';
import { EmuMenu } from './menu';
import { BUTTON_SETS, BUTTONS, EmuPromptResponse, SET_BUTTONS } from './prompt-response';
import type { SpreadsheetAppEmu } from './spreadsheet-app';

/** One enum object for every Ui, so `getSelectedButton() === ui.Button.OK` holds across getUi() calls. */
const UI_BUTTON_SET = gasEnum(BUTTON_SETS);
const UI_BUTTON = gasEnum(BUTTONS);

/** The spreadsheet's `Ui`: menus, alerts and prompts. */
export class EmuUi {
  readonly ButtonSet = UI_BUTTON_SET;
  readonly Button = UI_BUTTON;

  constructor(private readonly app: SpreadsheetAppEmu) {}

  get [GAS_TYPE](): string {
    return 'Ui';
  }

  createMenu(caption: string): EmuMenu {
    this.app._log.record('Ui', 'createMenu');
    return new EmuMenu(this.app, String(caption), false);
  }

  /** Records the text and answers OK (YES for yes/no button sets). */
  alert(...args: unknown[]): GasEnumValue {
    this.app._log.record('Ui', 'alert');
    const text =
      args.length >= 2 && typeof args[1] === 'string'
        ? `${String(args[0])}\n${args[1]}`
        : String(args[0]);
    this.app._alertList.push(text);
    const buttons = String(args[args.length - 1]);
    return buttons.startsWith('YES_NO') ? this.Button.YES : this.Button.OK;
  }

  /**
   * `prompt(prompt)`, `prompt(prompt, buttons)` or `prompt(title, prompt, buttons)`; the default
   * set is OK. The answer is the next one a test queued with `SpreadsheetApp._answerPrompt`; none
   * queued is a host error (the test forgot the user), as is a button the dialog does not show.
   */
  prompt(...args: unknown[]): EmuPromptResponse {
    this.app._log.record('Ui', 'prompt');
    const isSet = (v: unknown) =>
      v !== null && v !== undefined && (BUTTON_SETS as readonly string[]).includes(String(v));
    const shape = args.map((v) => (typeof v === 'string' ? 's' : isSet(v) ? 'b' : 'x')).join('');
    if (!['s', 'sb', 'ssb'].includes(shape))
      throw signatureError(gasTypeNames(args), 'Ui', '', 'prompt');
    const title = shape === 'ssb' ? String(args[0]) : '';
    const text = String(args[shape === 'ssb' ? 1 : 0]);
    const set = (shape === 's' ? 'OK' : String(args[args.length - 1])) as keyof typeof SET_BUTTONS;
    this.app._promptList.push(title === '' ? text : `${title}\n${text}`);
    const answer = this.app._promptAnswers.shift();
    if (!answer)
      throw new Error(
        `Ui.prompt "${text}" was shown but the test queued no answer: call SpreadsheetApp._answerPrompt(text, button) first`,
      );
    if (!SET_BUTTONS[set].includes(answer.button))
      throw new Error(
        `Ui.prompt "${text}" shows ${SET_BUTTONS[set].join('/')}, not ${answer.button}`,
      );
    return new EmuPromptResponse(this.app, answer.text, this.Button[answer.button]);
  }
}
