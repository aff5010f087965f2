// MultipleChoiceItem.
/// <reference types="google-apps-script" />
import { ChoiceItem } from './choice-item';

/** A `MultipleChoiceItem`: answers must be one of the choices. */
export class EmuMultipleChoiceItem
  extends ChoiceItem
  implements Pick<GoogleAppsScript.Forms.MultipleChoiceItem, 'getId' | 'getTitle'>
{
  protected get _cls(): string {
    return 'MultipleChoiceItem';
  }
}
