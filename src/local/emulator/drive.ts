// In-memory DriveApp: files, folders, sharing and viewers, PDF export of Docs; every call counted.
/// <reference types="google-apps-script" />
import type { CallLog } from './calls';
import type { VirtualClock } from './clock';
import { GAS_TYPE, gasError, gasTypeNames, signatureError } from './errors';
import type { SentMessage } from './mail';
import { EmuBlob } from './utilities';

/*
 * Hooks that are not Apps Script (a leading underscore; none of them counts as a call):
 * - `drive._addFile({name, mimeType, bytes?, native?, parentId?, idPrefix?}) → id`: a file made by
 *   Google itself, e.g. the Drive side of `DocumentApp.create`. `native` is how a Google-type file
 *   (a Doc) exports itself; see NativeContent.
 * - `drive._item(id)`: the stored state of a file or folder, or null; `drive._all()`: every item.
 * - `drive._touch(id)`: marks an item updated now (a Doc saved).
 * - `drive._setUser(email)`: whom the script runs as; the owner of what it creates from then on.
 * - `drive._shareNotifications()`: the Drive emails sharing sent (see ShareNotification).
 * Reading state (for exporters and tests): `snapshotDrive(drive)`.
 *
 * Faithfulness: error texts are C or GF (gas-fakes tests that also run live) where marked; URLs,
 * iteration order and trashed files in searches are U.
 */

/** The mime type of a Google Doc (REF:reference/base/mime-type). */
export const GOOGLE_DOC_MIME = 'application/vnd.google-apps.document';
/** The mime type of a folder. */
export const FOLDER_MIME = 'application/vnd.google-apps.folder';

const NOT_FOUND =
  'No item with the given ID could be found, or you do not have permission to access it.';
/** GF:test/testdrive.js, run live too. */
const NO_BLOB_NAME = 'Blob object must have non-null name for this operation.';
/** A malformed sharing address (U: wording seen in public logs, not verified here). */
const BAD_EMAIL = 'Invalid argument: permission.value';
/** Next past the end (C-weak: quoted in public threads). */
const ITERATOR_END = 'Cannot retrieve the next object: iterator has reached the end.';

/** How a Google-type file (a Doc) turns into bytes; provided by the service that owns it. */
export interface NativeContent {
  /** The PDF export: of the last saved state, as Google exports what it has stored. */
  exportPdf(title: string): Buffer;
  /** An independent copy for `makeCopy`. */
  duplicate(): NativeContent;
}

/** One file or folder as stored. */
export interface DriveItem {
  id: string;
  name: string;
  mimeType: string;
  folder: boolean;
  parents: string[];
  trashed: boolean;
  /** Drive's description (the bundle marks the documents it makes with it). */
  description: string | null;
  created: number;
  updated: number;
  owner: string;
  editors: string[];
  viewers: string[];
  bytes: Buffer;
  native: NativeContent | null;
}

/** What `_addFile` takes. */
export interface NewFileSpec {
  name: string;
  mimeType: string;
  bytes?: Uint8Array;
  native?: NativeContent;
  /** Folder id; default the root. */
  parentId?: string;
  /** Id style, e.g. `Doc` gives 44-character ids like Docs'. */
  idPrefix?: string;
}

/**
 * The email Drive sends a person a file or folder is shared with (live-risks D10; C/U): DriveApp's
 * addViewer(s)/addEditor(s) have no way to stay silent, and Google does not count
 * these against MailApp's quota. Shaped as a sent message, so exporters can write it out.
 */
export interface ShareNotification extends SentMessage {
  itemId: string;
  role: 'viewer' | 'editor';
}

/** Texts of the notification, in Vietnamese as a vi account receives it (U: Google's exact wording). */
const SHARE_KIND = (item: DriveItem): string =>
  item.folder ? 'Thư mục' : item.mimeType === GOOGLE_DOC_MIME ? 'Tài liệu' : 'Tệp';
const ROLE_TEXT = { viewer: 'xem', editor: 'chỉnh sửa' } as const;

/** Options of the emulated DriveApp. */
export interface DriveOptions {
  /** Owner of the root folder and of what the script creates; default owner@example.com. */
  user?: string;
}

/** The name a converted blob gets: what follows the last dot is replaced (V, REF:reference/base/blob#getAs). */
export function convertedName(name: string, extension: string): string {
  const dot = name.lastIndexOf('.');
  return `${dot > 0 ? name.slice(0, dot) : name}.${extension}`;
}

/** A loose address check: one `@`, no spaces, a dot in the domain (U: Google's rule is stricter). */
export function looksLikeEmail(address: string): boolean {
  return /^[^\s@<>(),;:"[\]]+@[^\s@<>(),;:"[\]]+\.[^\s@<>(),;:"[\]]+$/.test(address);
}

// ---------------------------------------------------------------------------------------------
// Users.

/** A Drive `User`: counted under `User`, like Session's. */
export class EmuDriveUser {
  constructor(
    private readonly log: CallLog,
    private readonly email: string,
  ) {}

  get [GAS_TYPE](): string {
    return 'DriveApp.User';
  }

  getEmail(): string {
    this.log.record('User', 'getEmail');
    return this.email;
  }

  /** The local part of the address (U: live gives the account's display name). */
  getName(): string {
    this.log.record('User', 'getName');
    return this.email.split('@')[0] ?? '';
  }

  getDomain(): string {
    this.log.record('User', 'getDomain');
    return this.email.split('@')[1] ?? '';
  }

  toString(): string {
    return this.email;
  }
}

// ---------------------------------------------------------------------------------------------
// Iterators.

/** A `FolderIterator` over a fixed list taken when it was made (what getParents returns). */
class EmuIterator<T> {
  private index = 0;

  constructor(
    private readonly log: CallLog,
    private readonly cls: 'FolderIterator',
    private readonly items: T[],
  ) {}

  get [GAS_TYPE](): string {
    return `DriveApp.${this.cls}`;
  }

  hasNext(): boolean {
    this.log.record(this.cls, 'hasNext');
    return this.index < this.items.length;
  }

  next(): T {
    this.log.record(this.cls, 'next');
    if (this.index >= this.items.length) throw gasError(ITERATOR_END);
    return this.items[this.index++];
  }
}

/** A `FolderIterator`. */
export class EmuFolderIterator extends EmuIterator<EmuFolder> {}

// ---------------------------------------------------------------------------------------------
// Files and folders.

type Who = string | { getEmail(): string };

/** What File and Folder share: names, parents, trash and sharing. */
abstract class ItemHandle {
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
      this._state.parents.map((id) => new EmuFolder(this._drive, id)),
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
    if (args.length !== 1 || !(folder instanceof EmuFolder)) throw this.sig(args, 'moveTo');
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

// ---------------------------------------------------------------------------------------------
// The service.

/** The `DriveApp` global. */
export class DriveAppEmu {
  readonly _log: CallLog;
  readonly _clock: VirtualClock;
  readonly _rootId = '0AEmuRootFolder00000000Uk9PVA';
  private user: string;
  private readonly items = new Map<string, DriveItem>();
  private readonly counters = new Map<string, number>();
  private readonly shares: ShareNotification[] = [];

  constructor(log: CallLog, clock: VirtualClock, options: DriveOptions = {}) {
    this._log = log;
    this._clock = clock;
    this.user = options.user ?? 'owner@example.com';
    this.items.set(this._rootId, this.blank(this._rootId, 'My Drive', FOLDER_MIME, []));
  }

  get [GAS_TYPE](): string {
    return 'DriveApp';
  }

  /** Live prints `Drive` (GF:test/testdrive.js). */
  toString(): string {
    return 'Drive';
  }

  /** A file by id; a folder id, or none, throws the not-found text (C). Trashed files are found. */
  getFileById(...args: [id: string]): EmuFile {
    this._log.record('DriveApp', 'getFileById');
    const item = this.lookup(args, 'getFileById');
    if (item.folder) throw gasError(NOT_FOUND);
    return new EmuFile(this, item.id);
  }

  getFolderById(...args: [id: string]): EmuFolder {
    this._log.record('DriveApp', 'getFolderById');
    const item = this.lookup(args, 'getFolderById');
    if (!item.folder) throw gasError(NOT_FOUND);
    return new EmuFolder(this, item.id);
  }

  /** `My Drive`. */
  getRootFolder(): EmuFolder {
    this._log.record('DriveApp', 'getRootFolder');
    return new EmuFolder(this, this._rootId);
  }

  createFolder(...args: [name: string]): EmuFolder {
    this._log.record('DriveApp', 'createFolder');
    return this._createFolder(args, this._rootId, '');
  }

  /**
   * `createFile(blob)`, `createFile(name, content)` (text/plain) or `createFile(name, content,
   * mimeType)`, in the root folder. Errors as GF:test/testdrive.js found them live.
   */
  createFile(...args: unknown[]): EmuFile {
    this._log.record('DriveApp', 'createFile');
    return this._createFile(args, this._rootId, '');
  }

  // -------------------------------------------------------------------------------------------
  // Hooks and helpers (not Apps Script, never counted).

  /** Non-Apps-Script: creates a file as Google would (e.g. the Drive side of DocumentApp.create). */
  _addFile(spec: NewFileSpec): string {
    const id = this.newId(spec.idPrefix ?? 'File');
    const item = this.blank(id, spec.name, spec.mimeType, [spec.parentId ?? this._rootId]);
    item.bytes = Buffer.from(spec.bytes ?? new Uint8Array());
    item.native = spec.native ?? null;
    this.items.set(id, item);
    return id;
  }

  /** Non-Apps-Script: the stored state of an item, or null. */
  _item(id: string): DriveItem | null {
    return this.items.get(id) ?? null;
  }

  /** Non-Apps-Script: every item, root first, in creation order. */
  _all(): DriveItem[] {
    return [...this.items.values()];
  }

  /** Non-Apps-Script: marks an item updated now (a Doc was saved). */
  _touch(id: string): void {
    const item = this.items.get(id);
    if (item) item.updated = this._clock.now();
  }

  /** Non-Apps-Script: whom the script runs as; owns what is created from now on. */
  _setUser(email: string): void {
    this.user = email;
  }

  /** Non-Apps-Script: whom the script runs as. */
  _user(): string {
    return this.user;
  }

  /** Non-Apps-Script: the share emails sent so far, oldest first. */
  _shareNotifications(): ShareNotification[] {
    return this.shares.slice();
  }

  /** Non-Apps-Script: records the email Drive sends `email` for a new share of `item`. */
  _notifyShare(item: DriveItem, email: string, role: 'editors' | 'viewers'): void {
    const r = role === 'editors' ? 'editor' : 'viewer';
    const kind = SHARE_KIND(item);
    const url = this._urlOf(item);
    this.shares.push({
      at: this._clock.date(),
      from: this.user,
      to: [email],
      cc: [],
      bcc: [],
      recipients: 1,
      subject: `${kind} được chia sẻ với bạn: "${item.name}"`,
      body: `${this.user} đã chia sẻ ${kind.toLowerCase()} "${item.name}" với bạn (quyền ${ROLE_TEXT[r]}).\n${url}`,
      htmlBody: null,
      name: null,
      replyTo: null,
      noReply: false,
      attachments: [],
      inlineImages: {},
      itemId: item.id,
      role: r,
    });
  }

  _urlOf(item: DriveItem): string {
    if (item.folder) return `https://drive.google.com/drive/folders/${item.id}`;
    if (item.mimeType === GOOGLE_DOC_MIME)
      return `https://docs.google.com/document/d/${item.id}/edit?usp=drivesdk`;
    return `https://drive.google.com/file/d/${item.id}/view?usp=drivesdk`;
  }

  /** A blob of an item's content, converted to `contentType` when given. */
  _blobOf(item: DriveItem, contentType: string | null): EmuBlob {
    if (item.native) {
      const target = contentType ?? 'application/pdf';
      if (target !== 'application/pdf') {
        throw gasError(`Converting from ${item.mimeType} to ${target} is not supported.`);
      }
      return new EmuBlob(
        this._log,
        item.native.exportPdf(item.name),
        'application/pdf',
        convertedName(item.name, 'pdf'),
      );
    }
    const blob = new EmuBlob(this._log, item.bytes, item.mimeType, item.name);
    return contentType === null ? blob : this._log.uncounted(() => blob.getAs(contentType));
  }

  /** The address of a `string | User` argument; a malformed one throws (U text). */
  _emailOf(who: Who, args: ArrayLike<unknown>, cls: string, method: string): string {
    let email: unknown = who;
    if (who !== null && typeof who === 'object' && typeof who.getEmail === 'function')
      email = this._log.uncounted(() => who.getEmail());
    if (typeof email !== 'string')
      throw signatureError(gasTypeNames(args), 'DriveApp', cls, method);
    if (!looksLikeEmail(email.trim())) throw gasError(BAD_EMAIL);
    return email.trim().toLowerCase();
  }

  _createFolder(args: unknown[], parentId: string, cls: string): EmuFolder {
    const [name] = args;
    if (args.length !== 1 || typeof name !== 'string')
      throw signatureError(gasTypeNames(args), 'DriveApp', cls, 'createFolder');
    const id = this.newId('Folder');
    this.items.set(id, this.blank(id, name, FOLDER_MIME, [parentId]));
    return new EmuFolder(this, id);
  }

  _createFile(args: unknown[], parentId: string, cls: string): EmuFile {
    const sig = () => signatureError(gasTypeNames(args), 'DriveApp', cls, 'createFile');
    if (args.length === 1) {
      const blob = this.blobOfSource(args[0]);
      if (!blob) throw sig();
      const name = this._log.uncounted(() => blob.getName());
      if (name === null || name === undefined) throw gasError(NO_BLOB_NAME);
      const type = this._log.uncounted(() => blob.getContentType()) ?? 'application/octet-stream';
      const id = this._addFile({ name, mimeType: type, bytes: blob._buffer(), parentId });
      return new EmuFile(this, id);
    }
    if (args.length === 2 || args.length === 3) {
      const [name, content, mimeType] = args;
      // GF:test/testdrive.js: a null name is an argument error, not a signature error.
      if (name === null && typeof content === 'string') throw gasError('Invalid argument: name');
      if (
        typeof name !== 'string' ||
        typeof content !== 'string' ||
        (args.length === 3 && typeof mimeType !== 'string')
      )
        throw sig();
      const id = this._addFile({
        name,
        mimeType: (mimeType as string | undefined) ?? 'text/plain',
        bytes: Buffer.from(content, 'utf8'),
        parentId,
      });
      return new EmuFile(this, id);
    }
    throw sig();
  }

  private blobOfSource(source: unknown): EmuBlob | null {
    if (source instanceof EmuBlob) return source;
    if (source instanceof EmuFile) return this._blobOf(source._state, null);
    const withBlob = source as { getBlob?: () => unknown } | null;
    if (withBlob && typeof withBlob === 'object' && typeof withBlob.getBlob === 'function') {
      const blob = this._log.uncounted(() => withBlob.getBlob!());
      return blob instanceof EmuBlob ? blob : null;
    }
    return null;
  }

  private lookup(args: unknown[], method: string): DriveItem {
    const [id] = args;
    // GF:test/testdrive.js: null, undefined and '' ids are argument errors.
    if (id === null || id === undefined || id === '') throw gasError('Invalid argument: id');
    if (typeof id !== 'string') throw signatureError(gasTypeNames(args), 'DriveApp', '', method);
    const item = this.items.get(id);
    if (!item) throw gasError(NOT_FOUND);
    return item;
  }

  /** Deterministic ids shaped like Google's: 44 characters for Docs, 33 for Drive files. */
  private newId(prefix: string): string {
    const n = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, n);
    const head = `1Emu${prefix}`;
    const length = prefix === 'Doc' ? 44 : 33;
    return head + String(n).padStart(length - head.length, '0');
  }

  private blank(id: string, name: string, mimeType: string, parents: string[]): DriveItem {
    const now = this._clock.now();
    return {
      id,
      name,
      mimeType,
      folder: mimeType === FOLDER_MIME,
      parents,
      trashed: false,
      description: null,
      created: now,
      updated: now,
      owner: this.user,
      editors: [],
      viewers: [],
      // GF:test/testdrivesharing.js: a new file is PRIVATE / NONE.
      bytes: Buffer.alloc(0),
      native: null,
    };
  }
}

/** Builds the `DriveApp` global on the shared log and clock. */
export function createDriveApp(
  log: CallLog,
  clock: VirtualClock,
  options: DriveOptions = {},
): DriveAppEmu {
  return new DriveAppEmu(log, clock, options);
}

// ---------------------------------------------------------------------------------------------
// Snapshot.

/** One file or folder as the snapshot lists it. */
export interface DriveItemSnapshot {
  id: string;
  name: string;
  mimeType: string;
  url: string;
  /** Folder path from `My Drive`, e.g. `My Drive/Báo cáo` (first parent). */
  path: string;
  parents: string[];
  trashed: boolean;
  size: number;
  created: Date;
  updated: Date;
  owner: string;
  /** Explicit grants, not the hierarchical lists the getters return. */
  editors: string[];
  viewers: string[];
}

/** Everything in the emulated Drive. */
export interface DriveSnapshot {
  user: string;
  rootId: string;
  folders: DriveItemSnapshot[];
  files: DriveItemSnapshot[];
}

/** Non-Apps-Script: the whole Drive as plain data. Counts no calls. */
export function snapshotDrive(drive: DriveAppEmu): DriveSnapshot {
  const pathOf = (item: DriveItem): string => {
    const names: string[] = [];
    let parent = item.parents[0];
    const seen = new Set<string>();
    while (parent && !seen.has(parent)) {
      seen.add(parent);
      const p = drive._item(parent);
      if (!p) break;
      names.unshift(p.name);
      parent = p.parents[0];
    }
    return names.join('/');
  };
  const one = (item: DriveItem): DriveItemSnapshot => ({
    id: item.id,
    name: item.name,
    mimeType: item.mimeType,
    url: drive._urlOf(item),
    path: pathOf(item),
    parents: item.parents.slice(),
    trashed: item.trashed,
    size: item.bytes.length,
    created: new Date(item.created),
    updated: new Date(item.updated),
    owner: item.owner,
    editors: item.editors.slice(),
    viewers: item.viewers.slice(),
  });
  const all = drive._all();
  return {
    user: drive._user(),
    rootId: drive._rootId,
    folders: all.filter((i) => i.folder).map(one),
    files: all.filter((i) => !i.folder).map(one),
  };
}
