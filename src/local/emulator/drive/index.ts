// In-memory DriveApp: files, folders, sharing and viewers, PDF export of Docs; every call counted.

export { createDriveApp, DriveAppEmu } from './drive-app';
export { EmuDriveUser } from './drive-user';
export { EmuFile } from './file';
export { EmuFolder } from './folder';
export { EmuFolderIterator } from './folder-iterator';
export {
  convertedName,
  type DriveItem,
  type DriveOptions,
  FOLDER_MIME,
  GOOGLE_DOC_MIME,
  looksLikeEmail,
  type NativeContent,
  type NewFileSpec,
  type ShareNotification,
} from './helpers';
export { type DriveItemSnapshot, type DriveSnapshot, snapshotDrive } from './snapshot';

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
