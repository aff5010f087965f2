// DateItem.
/// <reference types="google-apps-script" />
import { QuestionItem } from './question-item';

/** A `DateItem`: answers are `'YYYY-MM-DD'`. */
export class EmuDateItem
  extends QuestionItem
  implements Pick<GoogleAppsScript.Forms.DateItem, 'getId' | 'getTitle'>
{
  protected get _cls(): string {
    return 'DateItem';
  }
}
