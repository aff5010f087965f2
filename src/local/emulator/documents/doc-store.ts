// DocStore: the saved and open state of one document, as Drive holds it.
import type { NativeContent } from '../drive';
import { renderPdf } from '../pdf';
import type { DocumentAppEmu } from './document-app';
import { cloneModel, type DocModel } from './model';
import { printDocument } from './print';

// ---------------------------------------------------------------------------------------------
// Documents.

/** One document's content as stored in Drive: what is being edited, and what was last saved. */
export class DocStore implements NativeContent {
  saved: DocModel;
  /** True while DocumentApp edits are not saved yet (the Docs API sees only the saved state). */
  dirty = false;

  constructor(
    public model: DocModel,
    private readonly app: DocumentAppEmu,
  ) {
    this.saved = cloneModel(model);
  }

  /** Drive's PDF export: of the saved state unless the app is told exports see unsaved edits. */
  exportPdf(title: string): Buffer {
    const source = this.app._options.exportsSeeUnsavedEdits ? this.model : this.saved;
    return renderPdf(printDocument(source, title));
  }

  /** makeCopy copies what is saved. */
  duplicate(): DocStore {
    return new DocStore(cloneModel(this.saved), this.app);
  }

  save(): void {
    this.saved = cloneModel(this.model);
    this.dirty = false;
  }
}
