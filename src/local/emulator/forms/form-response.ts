// FormResponse: one submission (answers, timestamp, email, edit URL).
/// <reference types="google-apps-script" />
import { GAS_TYPE } from '../errors';
import type { EmuForm } from './form';
import type { ResponseState } from './helpers';
import { EmuItemResponse } from './item-response';

/** A `FormResponse`; reads the response's current state, so an edit shows through. */
export class EmuFormResponse
  implements
    Pick<GoogleAppsScript.Forms.FormResponse, 'getId' | 'getRespondentEmail' | 'getTimestamp'>
{
  constructor(
    readonly _form: EmuForm,
    readonly _state: ResponseState,
  ) {}

  get [GAS_TYPE](): string {
    return 'FormApp.FormResponse';
  }

  private rec(method: string): void {
    this._form._app._log.record('FormResponse', method);
  }

  /** Stable across edits. */
  getId(): string {
    this.rec('getId');
    return this._state.id;
  }

  /** The last submit (an edit moves it). */
  getTimestamp(): Date {
    this.rec('getTimestamp');
    return new Date(this._state.timestamp);
  }

  /** '' when the form does not collect emails (GF fakeformresponse.js). */
  getRespondentEmail(): string {
    this.rec('getRespondentEmail');
    return this._state.email;
  }

  /** Answered items only, in the form's current order (GF; U live). */
  getItemResponses(): EmuItemResponse[] {
    this.rec('getItemResponses');
    return this._form
      ._items()
      .filter((item) => this._state.answers.has(item.id))
      .map((item) => new EmuItemResponse(this._form, item, this._state.answers.get(item.id)!));
  }
}
