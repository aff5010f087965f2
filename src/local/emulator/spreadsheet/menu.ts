// Menu: a custom menu added by the script (items, separators, sub-menus).
import { GAS_TYPE, gasTypeNames, signatureError } from '../errors';
import type { MenuSnapshot, SpreadsheetAppEmu } from './spreadsheet-app';

/** A `Menu` under construction. */
export class EmuMenu {
  private readonly items: MenuSnapshot['items'] = [];

  constructor(
    private readonly app: SpreadsheetAppEmu,
    private readonly caption: string,
    private readonly addon: boolean,
  ) {}

  get [GAS_TYPE](): string {
    return 'Menu';
  }

  /** `functionName` must name a top-level function of the bundle, which tests can check. */
  addItem(...args: [caption: string, functionName: string]): EmuMenu {
    const [caption, functionName] = args;
    this.app._log.record('Menu', 'addItem');
    if (typeof caption !== 'string' || typeof functionName !== 'string')
      throw signatureError(gasTypeNames(args), 'Menu', '', 'addItem');
    this.items.push({ caption, functionName });
    return this;
  }

  addSeparator(): EmuMenu {
    this.app._log.record('Menu', 'addSeparator');
    this.items.push({ caption: '', separator: true });
    return this;
  }

  addToUi(): void {
    this.app._log.record('Menu', 'addToUi');
    this.app._menuList.push(this._snapshot());
  }

  _snapshot(): MenuSnapshot {
    return { caption: this.caption, addon: this.addon, items: this.items.map((i) => ({ ...i })) };
  }
}
