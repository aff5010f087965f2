// DriveApp: the service object (files, folders, root, blobs) and its factory.
import type { CallLog } from '../calls';
import type { VirtualClock } from '../clock';
import { GAS_TYPE, gasError, gasTypeNames, signatureError } from '../errors';
import { EmuBlob } from '../utilities';
import { EmuFile } from './file';
import { EmuFolder } from './folder';
import {
  BAD_EMAIL,
  convertedName,
  type DriveItem,
  type DriveOptions,
  FOLDER_MIME,
  GOOGLE_DOC_MIME,
  looksLikeEmail,
  type NewFileSpec,
  NO_BLOB_NAME,
  NOT_FOUND,
  ROLE_TEXT,
  SHARE_KIND,
  type ShareNotification,
} from './helpers';
import type { Who } from './item-handle';

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
