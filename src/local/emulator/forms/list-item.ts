// ListItem.
/// <reference types="google-apps-script" />
import { ChoiceItem } from './choice-item';

/** A drop-down `ListItem`: answers must be one of the choices. */
export class EmuListItem
  extends ChoiceItem
  implements Pick<GoogleAppsScript.Forms.ListItem, 'getId' | 'getIndex' | 'getTitle' | 'isRequired'>
{
  protected get _cls(): string {
    return 'ListItem';
  }
}
