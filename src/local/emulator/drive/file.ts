// File: a Drive file (content, blob and exports, copies).
import type { EmuBlob } from '../utilities';
import { EmuFolder } from './folder';
import { ItemHandle, type Who } from './item-handle';

/** A `File`. */
export class EmuFile extends ItemHandle {
  protected get cls(): 'File' {
    return 'File';
  }

  setName(...args: [name: string]): EmuFile {
    this.rec('setName');
    this.setNameImpl(args);
    return this;
  }

  setDescription(...args: [description: string]): EmuFile {
    this.rec('setDescription');
    this.setDescriptionImpl(args);
    return this;
  }

  setTrashed(...args: [trashed: boolean]): EmuFile {
    this.rec('setTrashed');
    this.setTrashedImpl(args);
    return this;
  }

  /** Moves the file into one folder (GF:test/testdrive.js for the signature errors). */
  moveTo(...args: [destination: EmuFolder]): EmuFile {
    this.rec('moveTo');
    this.moveToImpl(args);
    return this;
  }

  getMimeType(): string {
    this.rec('getMimeType');
    return this._state.mimeType;
  }

  /** Docs: `https://docs.google.com/document/d/<id>/edit?usp=drivesdk`; other files the Drive viewer (U). */
  getUrl(): string {
    this.rec('getUrl');
    return this._drive._urlOf(this._state);
  }

  /** The content; a Google Doc comes as its PDF export (U: named like getAs). */
  getBlob(): EmuBlob {
    this.rec('getBlob');
    return this._drive._blobOf(this._state, null);
  }

  /**
   * A converted copy. A Doc converts to `application/pdf` only; the name's part after the last dot
   * is replaced (V, REF:reference/base/blob#getAs).
   */
  getAs(...args: [contentType: string]): EmuBlob {
    this.rec('getAs');
    const [contentType] = args;
    if (args.length !== 1 || typeof contentType !== 'string') throw this.sig(args, 'getAs');
    return this._drive._blobOf(this._state, contentType);
  }

  /** A copy: same name (GF:test/testdrive.js) and folder unless given; a Doc copies its saved state. */
  makeCopy(...args: [nameOrFolder?: string | EmuFolder, folder?: EmuFolder]): EmuFile {
    this.rec('makeCopy');
    const [a, b] = args;
    let name = this._state.name;
    let parents = this._state.parents.slice();
    if (args.length === 1 && typeof a === 'string') name = a;
    else if (args.length === 1 && a instanceof EmuFolder) parents = [a._id];
    else if (args.length === 2 && typeof a === 'string' && b instanceof EmuFolder) {
      name = a;
      parents = [b._id];
    } else if (args.length !== 0) throw this.sig(args, 'makeCopy');
    const s = this._state;
    const id = this._drive._addFile({
      name,
      mimeType: s.mimeType,
      bytes: s.bytes,
      native: s.native?.duplicate(),
      parentId: parents[0],
      idPrefix: s.native ? 'Doc' : undefined,
    });
    return new EmuFile(this._drive, id);
  }

  addViewer(...args: [user: Who]): EmuFile {
    this.rec('addViewer');
    this.grant(args, 'addViewer', 'viewers');
    return this;
  }

  addViewers(...args: [emails: string[]]): EmuFile {
    this.rec('addViewers');
    this.grant(args, 'addViewers', 'viewers');
    return this;
  }

  addEditor(...args: [user: Who]): EmuFile {
    this.rec('addEditor');
    this.grant(args, 'addEditor', 'editors');
    return this;
  }

  addEditors(...args: [emails: string[]]): EmuFile {
    this.rec('addEditors');
    this.grant(args, 'addEditors', 'editors');
    return this;
  }

  removeViewer(...args: [user: Who]): EmuFile {
    this.rec('removeViewer');
    this.revoke(args, 'removeViewer', 'viewers');
    return this;
  }

  removeEditor(...args: [user: Who]): EmuFile {
    this.rec('removeEditor');
    this.revoke(args, 'removeEditor', 'editors');
    return this;
  }
}
