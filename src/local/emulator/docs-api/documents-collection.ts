// `Docs.Documents`: the advanced service's get and batchUpdate over the emulated documents.
import type { CallLog } from '../calls';
import { DocStore, type DocumentAppEmu } from '../documents';
import { cloneModel } from '../documents/model';
import { GAS_TYPE, gasError, gasTypeNames, signatureError } from '../errors';
import { apiError, applyRequests } from './requests';
import { indexDocument } from './structure';

/*
 * The Docs API reads and writes what Google has stored: a document's last saved state. Edits made
 * through DocumentApp reach it only when the document is saved (`saveAndClose`, or the end of the
 * execution), so a script must save before it reads indexes or sends requests (U, the stricter
 * reading of "edits are buffered until saveAndClose", google-costs.md).
 *
 * A batchUpdate changes the saved state. When the open document has no unsaved DocumentApp edits
 * it changes the open state too, as the editor would reload it. When it has some, the open state
 * is left as it was and its later save writes it back over the API's changes (U, stricter: the
 * order Google merges the two in is not published).
 */
export class DocsDocuments {
  constructor(
    private readonly log: CallLog,
    private readonly docs: DocumentAppEmu,
  ) {}

  get [GAS_TYPE](): string {
    return 'Docs.Documents';
  }

  private store(method: string, id: string): DocStore {
    const store = this.docs._drive._item(id)?.native;
    if (!(store instanceof DocStore)) throw apiError(method, 'Requested entity was not found.');
    return store;
  }

  /** The document as the API returns it: id, title and body with structural indexes. */
  get(...args: [documentId: string, optionalArgs?: object]): Record<string, unknown> {
    this.log.record('Docs.Documents', 'get');
    const [id, options] = args;
    if (typeof id !== 'string' || (options !== undefined && typeof options !== 'object'))
      throw signatureError(gasTypeNames(args), 'Docs', 'Documents', 'get');
    if (options && Object.keys(options).length > 0)
      throw gasError(`Docs.Documents.get: optional arguments are not emulated`);
    const store = this.store('get', id);
    return {
      documentId: id,
      title: this.docs._drive._item(id)?.name ?? '',
      body: { content: indexDocument(store.saved).content },
    };
  }

  /** Applies the requests in order, all or nothing, as Google does. */
  batchUpdate(...args: [resource: object, documentId: string]): Record<string, unknown> {
    this.log.record('Docs.Documents', 'batchUpdate');
    const [resource, id] = args;
    if (resource === null || typeof resource !== 'object' || typeof id !== 'string')
      throw signatureError(gasTypeNames(args), 'Docs', 'Documents', 'batchUpdate');
    const body = resource as Record<string, unknown>;
    for (const k of Object.keys(body))
      if (k !== 'requests')
        throw gasError(`Docs.Documents.batchUpdate: the field ${k} is not emulated`);
    const store = this.store('batchUpdate', id);
    // Applied to a copy, kept only when every request went through: all or nothing.
    const saved = cloneModel(store.saved);
    applyRequests(body.requests, saved);
    // The open state equals the saved one when nothing is unsaved, so the same requests go
    // through on it too; applied in place, as open elements still point into it.
    if (!store.dirty) applyRequests(body.requests, store.model);
    store.saved = saved;
    this.docs._drive._touch(id);
    return {
      documentId: id,
      replies: (body.requests as unknown[]).map(() => ({})),
    };
  }
}
