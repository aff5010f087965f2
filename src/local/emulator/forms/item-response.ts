// ItemResponse: one answer of a form response.
import { GAS_TYPE } from '../errors';
import type { EmuForm } from './form';
import type { ItemState } from './helpers';
import type { EmuItem } from './item';

// ---------------------------------------------------------------------------------------------
// Responses.

/** One answer, as `FormResponse.getItemResponses()` gives it. */
export class EmuItemResponse {
  constructor(
    private readonly form: EmuForm,
    private readonly item: ItemState,
    private readonly answer: string,
  ) {}

  get [GAS_TYPE](): string {
    return 'FormApp.ItemResponse';
  }

  /** The generic Item. */
  getItem(): EmuItem {
    this.form._app._log.record('ItemResponse', 'getItem');
    return this.form._generic(this.item);
  }

  /** A string for the types emulated here; a date is `'YYYY-MM-DD'` (reference §2 table). */
  getResponse(): string {
    this.form._app._log.record('ItemResponse', 'getResponse');
    return this.answer;
  }
}
