// The `Docs` global: the Apps Script advanced Docs service (Google Docs API v1), when the manifest enables it.
import type { CallLog } from '../calls';
import type { DocumentAppEmu } from '../documents';
import { GAS_TYPE } from '../errors';
import { DocsDocuments } from './documents-collection';

/*
 * Only `Docs.Documents.get` and `Docs.Documents.batchUpdate` are emulated (requests.ts lists the
 * request kinds); reading any other member throws "not emulated" through the runtime's membrane.
 * The runtime registers the global only when `dependencies.enabledAdvancedServices` of the
 * manifest lists `{userSymbol: "Docs", serviceId: "docs", version: "v1"}`: without it `Docs` is
 * undefined, as on Google.
 */
export class DocsEmu {
  readonly Documents: DocsDocuments;

  constructor(log: CallLog, docs: DocumentAppEmu) {
    this.Documents = new DocsDocuments(log, docs);
  }

  get [GAS_TYPE](): string {
    return 'Docs';
  }
}

/** The advanced Docs service over the documents of `docs` (the same Drive). */
export function createDocs(log: CallLog, docs: DocumentAppEmu): DocsEmu {
  return new DocsEmu(log, docs);
}
