// ItemBase: what every item view has (id, title, help text, index, duplicate), and the typed-item union.
import { GAS_TYPE } from '../errors';
import type { GasEnumValue } from '../utilities';
import type { EmuDateItem } from './date-item';
import type { EmuForm } from './form';
import { checkArgs, ITEM_TYPE, type ItemState, isStr, type Pred } from './helpers';
import type { EmuListItem } from './list-item';
import type { EmuMultipleChoiceItem } from './multiple-choice-item';
import type { EmuPageBreakItem } from './page-break-item';
import type { EmuParagraphTextItem } from './paragraph-text-item';
import type { EmuTextItem } from './text-item';

/** What every item view shares: the state lives in the form, views are cheap. */
export abstract class ItemBase {
  constructor(
    readonly _form: EmuForm,
    readonly _state: ItemState,
  ) {}

  /** The class name live prints, e.g. `ListItem`, or `Item` for the generic view. */
  protected abstract get _cls(): string;

  get [GAS_TYPE](): string {
    return `FormApp.${this._cls}`;
  }

  protected rec(method: string): void {
    this._form._app._log.record(this._cls, method);
  }

  protected check(args: IArguments, method: string, ...shapes: Pred[][]): void {
    checkArgs(args, [this._cls, method], ...shapes);
  }

  /** A stable integer id. */
  getId(): number {
    this.rec('getId');
    return this._state.id;
  }

  /** 0-based position among the form's items. */
  getIndex(): number {
    this.rec('getIndex');
    return this._form._index(this._state);
  }

  getTitle(): string {
    this.rec('getTitle');
    return this._state.title;
  }

  /** Renaming a linked question renames its header cell (U). */
  setTitle(title: string): this {
    this.rec('setTitle');
    this.check(arguments, 'setTitle', [isStr]);
    this._state.title = title;
    this._form._renamed(this._state);
    return this;
  }

  getHelpText(): string {
    this.rec('getHelpText');
    return this._state.helpText;
  }

  setHelpText(text: string): this {
    this.rec('setHelpText');
    this.check(arguments, 'setHelpText', [isStr]);
    this._state.helpText = text;
    return this;
  }

  getType(): GasEnumValue {
    this.rec('getType');
    return ITEM_TYPE[this._state.type];
  }
}

export type TypedItem =
  | EmuListItem
  | EmuMultipleChoiceItem
  | EmuTextItem
  | EmuParagraphTextItem
  | EmuDateItem
  | EmuPageBreakItem;

export const isItemView = (v: unknown): v is ItemBase => v instanceof ItemBase;
