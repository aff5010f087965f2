// SectionBase: what HeaderSection and FooterSection share.
import { ContainerBase } from './container-base';
import type { SectionNode } from './model';

/** A header or footer: paragraphs and tables, and removal from the document. */
export abstract class SectionBase extends ContainerBase<SectionNode> {
  override removeFromParent(): this {
    this.edit('removeFromParent');
    const model = this._doc?._store.model;
    if (model?.header === this._node) model.header = null;
    if (model?.footer === this._node) model.footer = null;
    return this;
  }
}
