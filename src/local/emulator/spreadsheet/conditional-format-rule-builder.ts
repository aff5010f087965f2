// ConditionalFormatRuleBuilder: conditions and formats of a conditional format rule.
import { GAS_TYPE, gasTypeNames, signatureError } from '../errors';
import { EmuConditionalFormatRule } from './conditional-format-rule';
import { normalizeColor } from './formats';
import { DEFAULTS } from './helpers';
import { EmuRange } from './range';
import type { SpreadsheetAppEmu } from './spreadsheet-app';

// ---------------------------------------------------------------------------------------------
// Conditional formats.

/** A boolean condition as stored: the Apps Script criteria name and its values. */
export interface RuleCondition {
  type: string;
  values: (string | number)[];
}

/** The format a rule applies. */
export interface RuleFormat {
  background?: string;
  fontColor?: string;
  bold?: boolean;
  italic?: boolean;
}

/** A `ConditionalFormatRuleBuilder`. */
export class EmuConditionalFormatRuleBuilder {
  private condition: RuleCondition | null;
  private fmt: RuleFormat;
  private ranges: EmuRange[];

  constructor(
    private readonly app: SpreadsheetAppEmu,
    from?: { condition: RuleCondition | null; format: RuleFormat; ranges: EmuRange[] },
  ) {
    const c = from?.condition;
    this.condition = c ? { type: c.type, values: c.values.slice() } : null;
    this.fmt = { ...from?.format };
    this.ranges = from?.ranges.slice() ?? [];
  }

  get [GAS_TYPE](): string {
    return 'SpreadsheetApp.ConditionalFormatRuleBuilder';
  }

  private rec(method: string): void {
    this.app._log.record('ConditionalFormatRuleBuilder', method);
  }

  private when(
    method: string,
    args: ArrayLike<unknown>,
    type: string,
    kind: 'number' | 'string' | 'none',
    count: number,
  ): this {
    this.rec(method);
    const values = Array.from(args);
    if (values.length !== count || (kind !== 'none' && !values.every((v) => typeof v === kind))) {
      throw signatureError(
        gasTypeNames(args),
        'SpreadsheetApp',
        'ConditionalFormatRuleBuilder',
        method,
      );
    }
    this.condition = { type, values: values as (string | number)[] };
    return this;
  }

  whenTextEqualTo(...args: [text: string]): this {
    return this.when('whenTextEqualTo', args, 'TEXT_EQUAL_TO', 'string', 1);
  }

  whenTextContains(...args: [text: string]): this {
    return this.when('whenTextContains', args, 'TEXT_CONTAINS', 'string', 1);
  }

  whenNumberGreaterThanOrEqualTo(...args: [number: number]): this {
    return this.when(
      'whenNumberGreaterThanOrEqualTo',
      args,
      'NUMBER_GREATER_THAN_OR_EQUAL_TO',
      'number',
      1,
    );
  }

  whenNumberLessThan(...args: [number: number]): this {
    return this.when('whenNumberLessThan', args, 'NUMBER_LESS_THAN', 'number', 1);
  }

  whenNumberBetween(...args: [start: number, end: number]): this {
    return this.when('whenNumberBetween', args, 'NUMBER_BETWEEN', 'number', 2);
  }

  whenCellEmpty(...args: []): this {
    return this.when('whenCellEmpty', args, 'CELL_EMPTY', 'none', 0);
  }

  /** A custom formula such as `=$C2<50`. */
  whenFormulaSatisfied(...args: [formula: string]): this {
    return this.when('whenFormulaSatisfied', args, 'CUSTOM_FORMULA', 'string', 1);
  }

  setBackground(color: string | null): this {
    this.rec('setBackground');
    this.fmt.background = color === null ? undefined : normalizeColor(color, DEFAULTS.background);
    return this;
  }

  setFontColor(color: string | null): this {
    this.rec('setFontColor');
    this.fmt.fontColor = color === null ? undefined : normalizeColor(color, DEFAULTS.fontColor);
    return this;
  }

  setBold(bold: boolean | null): this {
    this.rec('setBold');
    this.fmt.bold = bold === null ? undefined : bold;
    return this;
  }

  setItalic(italic: boolean | null): this {
    this.rec('setItalic');
    this.fmt.italic = italic === null ? undefined : italic;
    return this;
  }

  setRanges(...args: [ranges: EmuRange[]]): this {
    const [ranges] = args;
    this.rec('setRanges');
    if (!Array.isArray(ranges) || !ranges.every((r) => r instanceof EmuRange)) {
      throw signatureError(
        gasTypeNames(args),
        'SpreadsheetApp',
        'ConditionalFormatRuleBuilder',
        'setRanges',
      );
    }
    this.ranges = ranges.slice();
    return this;
  }

  build(): EmuConditionalFormatRule {
    this.rec('build');
    return new EmuConditionalFormatRule(
      this.app,
      this.condition,
      { ...this.fmt },
      this.ranges.slice(),
    );
  }
}
