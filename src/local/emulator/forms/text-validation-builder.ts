// TextValidationBuilder: requirements and help text of a text item's validation.
import type { CallLog } from '../calls';
import { GAS_TYPE, gasError } from '../errors';
import { checkArgs, isStr, type TextRule } from './helpers';
import { EmuTextValidation } from './text-validation';

/**
 * `FormApp.createTextValidation()` with the one criterion the bundle uses: the whole answer must
 * match a regular expression (Forms' "Matches"). Other criteria are not emulated.
 */
export class EmuTextValidationBuilder {
  private rule: Omit<TextRule, 'helpText'> | null = null;
  private helpText = '';

  constructor(private readonly log: CallLog) {}

  get [GAS_TYPE](): string {
    return 'FormApp.TextValidationBuilder';
  }

  /** A bad pattern throws `Invalid argument: pattern` (U for the text). */
  requireTextMatchesPattern(pattern: string): this {
    this.log.record('TextValidationBuilder', 'requireTextMatchesPattern');
    checkArgs(arguments, ['TextValidationBuilder', 'requireTextMatchesPattern'], [isStr]);
    let re: RegExp;
    try {
      re = new RegExp(`^(?:${pattern})$`, 'u');
    } catch {
      throw gasError('Invalid argument: pattern');
    }
    this.rule = { describe: `match /${pattern}/`, test: (s) => re.test(s) };
    return this;
  }

  /** A web address (the evidence link of a fix report); Google's exact rule is U: host with a dot. */
  requireTextIsUrl(): this {
    this.log.record('TextValidationBuilder', 'requireTextIsUrl');
    checkArgs(arguments, ['TextValidationBuilder', 'requireTextIsUrl'], []);
    this.rule = {
      describe: 'a URL',
      test: (s) => /^(?:https?:\/\/)?[^\s/]+\.[^\s]+$/i.test(s.trim()),
    };
    return this;
  }

  /** The message the respondent sees when the answer fails. */
  setHelpText(text: string): this {
    this.log.record('TextValidationBuilder', 'setHelpText');
    checkArgs(arguments, ['TextValidationBuilder', 'setHelpText'], [isStr]);
    this.helpText = text;
    return this;
  }

  /** A builder without any `require…` builds nothing usable (U for the text). */
  build(): EmuTextValidation {
    this.log.record('TextValidationBuilder', 'build');
    return this._build();
  }

  /** Non-Apps-Script: build without counting (setValidation accepts a builder too, DT/forms). */
  _build(): EmuTextValidation {
    if (!this.rule) throw gasError('Invalid argument: validation');
    return new EmuTextValidation({ ...this.rule, helpText: this.helpText });
  }
}
