// Folder: a Drive folder (files, sub-folders, creation inside it).
import type { EmuFile } from './file';
import { handles, ItemHandle, type Who } from './item-handle';

/** A `Folder`. */
export class EmuFolder extends ItemHandle {
  protected get cls(): 'Folder' {
    return 'Folder';
  }

  setName(...args: [name: string]): EmuFolder {
    this.rec('setName');
    this.setNameImpl(args);
    return this;
  }

  setTrashed(...args: [trashed: boolean]): EmuFolder {
    this.rec('setTrashed');
    this.setTrashedImpl(args);
    return this;
  }

  moveTo(...args: [destination: EmuFolder]): EmuFolder {
    this.rec('moveTo');
    this.moveToImpl(args);
    return this;
  }

  /** `https://drive.google.com/drive/folders/<id>` (U). */
  getUrl(): string {
    this.rec('getUrl');
    return this._drive._urlOf(this._state);
  }

  createFolder(...args: [name: string]): EmuFolder {
    this.rec('createFolder');
    return this._drive._createFolder(args, this._id, 'Folder');
  }

  /** As DriveApp.createFile, in this folder. */
  createFile(...args: unknown[]): EmuFile {
    this.rec('createFile');
    return this._drive._createFile(args, this._id, 'Folder');
  }

  addViewer(...args: [user: Who]): EmuFolder {
    this.rec('addViewer');
    this.grant(args, 'addViewer', 'viewers');
    return this;
  }

  addViewers(...args: [emails: string[]]): EmuFolder {
    this.rec('addViewers');
    this.grant(args, 'addViewers', 'viewers');
    return this;
  }

  addEditor(...args: [user: Who]): EmuFolder {
    this.rec('addEditor');
    this.grant(args, 'addEditor', 'editors');
    return this;
  }

  addEditors(...args: [emails: string[]]): EmuFolder {
    this.rec('addEditors');
    this.grant(args, 'addEditors', 'editors');
    return this;
  }

  removeViewer(...args: [user: Who]): EmuFolder {
    this.rec('removeViewer');
    this.revoke(args, 'removeViewer', 'viewers');
    return this;
  }

  removeEditor(...args: [user: Who]): EmuFolder {
    this.rec('removeEditor');
    this.revoke(args, 'removeEditor', 'editors');
    return this;
  }
}

handles.Folder = EmuFolder;
