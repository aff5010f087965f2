// ParagraphTextItem.
/// <reference types="google-apps-script" />
import { QuestionItem } from './question-item';

/** A long-answer `ParagraphTextItem` (paragraph validation is not emulated). */
export class EmuParagraphTextItem
  extends QuestionItem
  implements Pick<GoogleAppsScript.Forms.ParagraphTextItem, 'getId' | 'getTitle' | 'isRequired'>
{
  protected get _cls(): string {
    return 'ParagraphTextItem';
  }
}
