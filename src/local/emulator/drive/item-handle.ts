// ItemHandle: what File and Folder share (names, parents, trash, sharing).
import { GAS_TYPE, gasError, gasTypeNames, signatureError } from '../errors';
import type { DriveAppEmu } from './drive-app';
import { EmuDriveUser } from './drive-user';
import type { EmuFolder } from './folder';
import { EmuFolderIterator } from './folder-iterator';
import type { DriveItem } from './helpers';

// ---------------------------------------------------------------------------------------------
// Files and folders.

export type Who = string | { getEmail(): string };

/**
 * The Folder class, registered by folder.ts when it loads: ItemHandle makes folders through it
 * rather than importing the subclass that extends it (as the DocumentApp elements do, wrap.ts).
 */
export const handles = {} as { Folder: typeof EmuFolder };

/** What File and Folder share: names, parents, trash and sharing. */
export abstract class ItemHandle {
  constructor(
    readonly _drive: DriveAppEmu,
    readonly _id: string,
  ) {}

  protected abstract get cls(): 'File' | 'Folder';

  get [GAS_TYPE](): string {
    return `DriveApp.${this.cls}`;
  }

  /** The stored item (it may have been changed through another handle). */
  get _state(): DriveItem {
    return this._drive._item(this._id)!;
  }

  protected rec(method: string): void {
    this._drive._log.record(this.cls, method);
  }

  protected sig(args: ArrayLike<unknown>, method: string): Error {
    return signatureError(gasTypeNames(args), 'DriveApp', this.cls, method);
  }

  protected touch(): void {
    this._state.updated = this._drive._clock.now();
  }

  getId(): string {
    this.rec('getId');
    return this._id;
  }

  getName(): string {
    this.rec('getName');
    return this._state.name;
  }

  getDescription(): string | null {
    this.rec('getDescription');
    return this._state.description;
  }

  /** The folders holding this item; the root has none (GF:test/testdrive.js). */
  getParents(): EmuFolderIterator {
    this.rec('getParents');
    return new EmuFolderIterator(
      this._drive._log,
      'FolderIterator',
      this._state.parents.map((id) => new handles.Folder(this._drive, id)),
    );
  }

  /** Hierarchical, as live: the owner, editors and viewers (GF notes/oddities.md). */
  getViewers(): EmuDriveUser[] {
    this.rec('getViewers');
    const s = this._state;
    return unique([s.owner, ...s.editors, ...s.viewers]).map(
      (e) => new EmuDriveUser(this._drive._log, e),
    );
  }

  /** The owner and the editors (GF notes/oddities.md; GF:test/testdocs.js). */
  getEditors(): EmuDriveUser[] {
    this.rec('getEditors');
    const s = this._state;
    return unique([s.owner, ...s.editors]).map((e) => new EmuDriveUser(this._drive._log, e));
  }

  protected guardRoot(method: string): void {
    // GF:test/testdrive.js: changing the root folder is refused with "Access denied…".
    if (this._id === this._drive._rootId) throw gasError(`Access denied: DriveApp.${method}`);
  }

  protected setDescriptionImpl(args: unknown[]): void {
    const [description] = args;
    if (typeof description !== 'string' && description !== null)
      throw this.sig(args, 'setDescription');
    this._state.description = description;
    this.touch();
  }

  protected setNameImpl(args: unknown[]): void {
    const [name] = args;
    if (typeof name !== 'string') throw this.sig(args, 'setName');
    this.guardRoot('setName');
    this._state.name = name;
    this.touch();
  }

  protected setTrashedImpl(args: unknown[]): void {
    const [trashed] = args;
    if (typeof trashed !== 'boolean') throw this.sig(args, 'setTrashed');
    this.guardRoot('setTrashed');
    this._state.trashed = trashed;
    this.touch();
  }

  protected moveToImpl(args: unknown[]): void {
    const [folder] = args;
    if (args.length !== 1 || !(folder instanceof handles.Folder)) throw this.sig(args, 'moveTo');
    this.guardRoot('moveTo');
    if (folder._id === this._id) throw gasError('Cannot move a folder into itself.');
    this._state.parents = [folder._id];
    this.touch();
  }

  /**
   * Adds users with a role; a higher role already held is kept (U). Each address but the owner's
   * gets Drive's share email, also when it already had access (U: the stricter reading).
   */
  protected grant(args: unknown[], method: string, role: 'editors' | 'viewers'): void {
    const [who] = args;
    const list = method.endsWith('s') ? who : [who];
    if (args.length !== 1 || !Array.isArray(list)) throw this.sig(args, method);
    const emails = list.map((w) => this._drive._emailOf(w as Who, args, this.cls, method));
    const s = this._state;
    for (const email of emails) {
      if (email === s.owner) continue;
      this._drive._notifyShare(s, email, role);
      if (role === 'editors') {
        s.viewers = s.viewers.filter((e) => e !== email);
        if (!s.editors.includes(email)) s.editors.push(email);
      } else if (!s.editors.includes(email) && !s.viewers.includes(email)) s.viewers.push(email);
    }
  }

  /** REF:reference/drive/file#removeViewer: an editor is not affected; an unknown user is silent. */
  protected revoke(args: unknown[], method: string, role: 'editors' | 'viewers'): void {
    if (args.length !== 1) throw this.sig(args, method);
    const email = this._drive._emailOf(args[0] as Who, args, this.cls, method);
    const s = this._state;
    if (role === 'editors') s.editors = s.editors.filter((e) => e !== email);
    else s.viewers = s.viewers.filter((e) => e !== email);
  }

  /** Live prints the name (GF:test/testdrive.js for folders). */
  toString(): string {
    return this._state.name;
  }
}

function unique(list: string[]): string[] {
  return [...new Set(list)];
}
