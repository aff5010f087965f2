// Mime types, messages, stored item shapes and small checks shared by the DriveApp emulator classes.
import type { SentMessage } from '../mail';

/** The mime type of a Google Doc (REF:reference/base/mime-type). */
export const GOOGLE_DOC_MIME = 'application/vnd.google-apps.document';
/** The mime type of a folder. */
export const FOLDER_MIME = 'application/vnd.google-apps.folder';

export const NOT_FOUND =
  'No item with the given ID could be found, or you do not have permission to access it.';
/** GF:test/testdrive.js, run live too. */
export const NO_BLOB_NAME = 'Blob object must have non-null name for this operation.';
/** A malformed sharing address (U: wording seen in public logs, not verified here). */
export const BAD_EMAIL = 'Invalid argument: permission.value';
/** Next past the end (C-weak: quoted in public threads). */
export const ITERATOR_END = 'Cannot retrieve the next object: iterator has reached the end.';

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
export const SHARE_KIND = (item: DriveItem): string =>
  item.folder ? 'Thư mục' : item.mimeType === GOOGLE_DOC_MIME ? 'Tài liệu' : 'Tệp';
export const ROLE_TEXT = { viewer: 'xem', editor: 'chỉnh sửa' } as const;

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
