// Document: an open document handle (body, header, footer, save, exports).
import { type EmuDriveUser, EmuFile } from '../drive';
import { GAS_TYPE, gasError, gasTypeNames, signatureError } from '../errors';
import type { EmuBlob } from '../utilities';
import { EmuBody } from './body';
import type { DocStore } from './doc-store';
import type { DocumentAppEmu } from './document-app';
import { EmuFooterSection } from './footer-section';
import { EmuHeaderSection } from './header-section';
import { CLOSED } from './helpers';
import { newSection } from './model';

/** A `Document` handle. After saveAndClose it refuses edits; `openById` gives a new, open one. */
export class EmuDocument {
  _closed = false;

  constructor(
    readonly _app: DocumentAppEmu,
    readonly _id: string,
    readonly _store: DocStore,
  ) {
    _app._opened.add(_store);
  }

  get [GAS_TYPE](): string {
    return 'DocumentApp.Document';
  }

  /** Throws the closed-document error (C) once saveAndClose ran. */
  _checkOpen(): void {
    if (this._closed) throw gasError(CLOSED);
  }

  /** An edit through this handle: refused once closed, else the store has unsaved edits. */
  _edited(): void {
    this._checkOpen();
    this._store.dirty = true;
  }

  private rec(method: string): void {
    this._app._log.record('Document', method);
  }

  private edit(method: string): void {
    this.rec(method);
    this._edited();
  }

  private file(): EmuFile {
    return new EmuFile(this._app._drive, this._id);
  }

  getId(): string {
    this.rec('getId');
    return this._id;
  }

  /** The Drive file's name. */
  getName(): string {
    this.rec('getName');
    return this._app._drive._item(this._id)?.name ?? '';
  }

  setName(...args: [name: string]): EmuDocument {
    this.edit('setName');
    const item = this._app._drive._item(this._id);
    if (typeof args[0] !== 'string')
      throw signatureError(gasTypeNames(args), 'DocumentApp', 'Document', 'setName');
    if (item) item.name = args[0];
    this._app._drive._touch(this._id);
    return this;
  }

  /** `https://docs.google.com/open?id=<id>` (U: the form seen in public logs for Docs). */
  getUrl(): string {
    this.rec('getUrl');
    return `https://docs.google.com/open?id=${this._id}`;
  }

  getBody(): EmuBody {
    this.rec('getBody');
    return new EmuBody(this._app, this, this._store.model.body);
  }

  /** Null when the document has no header. */
  getHeader(): EmuHeaderSection | null {
    this.rec('getHeader');
    const h = this._store.model.header;
    return h ? new EmuHeaderSection(this._app, this, h) : null;
  }

  /** Adds a header holding one empty paragraph; a second one throws (U text). */
  addHeader(): EmuHeaderSection {
    this.edit('addHeader');
    if (this._store.model.header) throw gasError('Document tab already contains a header.');
    this._store.model.header = newSection('HEADER_SECTION');
    return new EmuHeaderSection(this._app, this, this._store.model.header);
  }

  getFooter(): EmuFooterSection | null {
    this.rec('getFooter');
    const f = this._store.model.footer;
    return f ? new EmuFooterSection(this._app, this, f) : null;
  }

  addFooter(): EmuFooterSection {
    this.edit('addFooter');
    if (this._store.model.footer) throw gasError('Document tab already contains a footer.');
    this._store.model.footer = newSection('FOOTER_SECTION');
    return new EmuFooterSection(this._app, this, this._store.model.footer);
  }

  /** Saves, so Drive exports see the edits, and closes this handle (C: later edits throw). */
  saveAndClose(): void {
    this.edit('saveAndClose');
    this._store.save();
    this._app._drive._touch(this._id);
    this._closed = true;
  }

  /** Delegates to Drive: the saved state, converted (reference §4). Allowed after closing. */
  getAs(...args: [contentType: string]): EmuBlob {
    this.rec('getAs');
    const [contentType] = args;
    if (args.length !== 1 || typeof contentType !== 'string')
      throw signatureError(gasTypeNames(args), 'DocumentApp', 'Document', 'getAs');
    return this._app._drive._blobOf(this._app._drive._item(this._id)!, contentType);
  }

  /** The PDF export (U: as getAs('application/pdf')). */
  getBlob(): EmuBlob {
    this.rec('getBlob');
    return this._app._drive._blobOf(this._app._drive._item(this._id)!, null);
  }

  addEditor(...args: [user: string | { getEmail(): string }]): EmuDocument {
    this.rec('addEditor');
    this._app._log.uncounted(() => this.file().addEditor(...args));
    return this;
  }

  addEditors(...args: [emails: string[]]): EmuDocument {
    this.rec('addEditors');
    this._app._log.uncounted(() => this.file().addEditors(...args));
    return this;
  }

  addViewer(...args: [user: string | { getEmail(): string }]): EmuDocument {
    this.rec('addViewer');
    this._app._log.uncounted(() => this.file().addViewer(...args));
    return this;
  }

  addViewers(...args: [emails: string[]]): EmuDocument {
    this.rec('addViewers');
    this._app._log.uncounted(() => this.file().addViewers(...args));
    return this;
  }

  removeEditor(...args: [user: string | { getEmail(): string }]): EmuDocument {
    this.rec('removeEditor');
    this._app._log.uncounted(() => this.file().removeEditor(...args));
    return this;
  }

  removeViewer(...args: [user: string | { getEmail(): string }]): EmuDocument {
    this.rec('removeViewer');
    this._app._log.uncounted(() => this.file().removeViewer(...args));
    return this;
  }

  /** As Drive: the owner and editors (GF:test/testdocs.js). */
  getEditors(): EmuDriveUser[] {
    this.rec('getEditors');
    return this._app._log.uncounted(() => this.file().getEditors());
  }

  /** As Drive: hierarchical, the owner included (GF:test/testdocs.js). */
  getViewers(): EmuDriveUser[] {
    this.rec('getViewers');
    return this._app._log.uncounted(() => this.file().getViewers());
  }

  /** Live prints `Document` (GF:test/testdocs.js). */
  toString(): string {
    return 'Document';
  }
}
