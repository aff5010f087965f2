// ConditionalFormatRule: a built, read-only conditional format rule.
import { GAS_TYPE } from '../errors';
import {
  EmuConditionalFormatRuleBuilder,
  type RuleCondition,
  type RuleFormat,
} from './conditional-format-rule-builder';
import { EmuRange } from './range';
import type { EmuSheet } from './sheet';
import type { SpreadsheetAppEmu } from './spreadsheet-app';

/** A built `ConditionalFormatRule`: immutable, readable through `snapshot`. */
export class EmuConditionalFormatRule {
  constructor(
    private readonly app: SpreadsheetAppEmu,
    readonly _condition: RuleCondition | null,
    readonly _format: RuleFormat,
    readonly _ranges: EmuRange[],
  ) {}

  get [GAS_TYPE](): string {
    return 'SpreadsheetApp.ConditionalFormatRule';
  }

  /** A builder holding this rule's settings (the usual way to edit a rule). */
  copy(): EmuConditionalFormatRuleBuilder {
    this.app._log.record('ConditionalFormatRule', 'copy');
    return new EmuConditionalFormatRuleBuilder(this.app, {
      condition: this._condition,
      format: this._format,
      ranges: this._ranges,
    });
  }

  /** Non-Apps-Script: the same rule on another sheet (template copies). */
  _movedTo(sheet: EmuSheet): EmuConditionalFormatRule {
    const ranges = this._ranges.map(
      (r) => new EmuRange(sheet, r._row, r._col, r._numRows, r._numCols),
    );
    return new EmuConditionalFormatRule(this.app, this._condition, { ...this._format }, ranges);
  }
}
