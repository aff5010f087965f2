// DocumentApp: the service object (create, open, active document, enums) and its factories.
import type { CallLog } from '../calls';
import type { VirtualClock } from '../clock';
import { createDriveApp, type DriveAppEmu, type DriveOptions, GOOGLE_DOC_MIME } from '../drive';
import { GAS_TYPE, gasError, gasTypeNames, signatureError } from '../errors';
import { DocStore } from './doc-store';
import { EmuDocument } from './document';
import { ENUMS } from './helpers';
import { DEFAULT_PAGE, newSection } from './model';

/** Options of the emulated DocumentApp. */
export interface DocumentOptions {
  /** Exports render unsaved edits too (default false: the last saved state, as live; U). */
  exportsSeeUnsavedEdits?: boolean;
}

/** The `DocumentApp` global. Documents are stored as Drive files of type Google Doc. */
export class DocumentAppEmu {
  readonly ParagraphHeading = ENUMS.ParagraphHeading;
  readonly HorizontalAlignment = ENUMS.HorizontalAlignment;
  readonly VerticalAlignment = ENUMS.VerticalAlignment;
  readonly GlyphType = ENUMS.GlyphType;
  readonly Attribute = ENUMS.Attribute;
  readonly ElementType = ENUMS.ElementType;
  readonly TextAlignment = ENUMS.TextAlignment;
  readonly _log: CallLog;
  readonly _drive: DriveAppEmu;
  readonly _options: DocumentOptions;
  private active: EmuDocument | null = null;
  private nextList = 1;
  /** Documents a handle was made for since the last end of an execution: only they can have edits. */
  readonly _opened = new Set<DocStore>();

  constructor(log: CallLog, drive: DriveAppEmu, options: DocumentOptions = {}) {
    this._log = log;
    this._drive = drive;
    this._options = options;
  }

  get [GAS_TYPE](): string {
    return 'DocumentApp';
  }

  /** A new document in the Drive root (`application/vnd.google-apps.document`): Letter page, one empty paragraph. */
  create(...args: [name: string]): EmuDocument {
    this._log.record('DocumentApp', 'create');
    const [name] = args;
    if (args.length !== 1 || typeof name !== 'string')
      throw signatureError(gasTypeNames(args), 'DocumentApp', '', 'create');
    const store = new DocStore(
      { body: newSection('BODY_SECTION', DEFAULT_PAGE), header: null, footer: null },
      this,
    );
    const id = this._drive._addFile({
      name,
      mimeType: GOOGLE_DOC_MIME,
      native: store,
      idPrefix: 'Doc',
    });
    return new EmuDocument(this, id, store);
  }

  /** A fresh, open handle; an unknown id throws the "is missing" error (C). */
  openById(...args: [id: string]): EmuDocument {
    this._log.record('DocumentApp', 'openById');
    const [id] = args;
    if (typeof id !== 'string')
      throw signatureError(gasTypeNames(args), 'DocumentApp', '', 'openById');
    return this.openOrThrow(id);
  }

  /** By a `/d/<id>/` or `?id=<id>` URL; otherwise as openById (U for a bad URL's text). */
  openByUrl(...args: [url: string]): EmuDocument {
    this._log.record('DocumentApp', 'openByUrl');
    const [url] = args;
    if (typeof url !== 'string')
      throw signatureError(gasTypeNames(args), 'DocumentApp', '', 'openByUrl');
    const id = /\/d\/([-\w]+)/.exec(url)?.[1] ?? /[?&]id=([-\w]+)/.exec(url)?.[1] ?? url;
    return this.openOrThrow(id);
  }

  /** Null: this project's script is bound to a spreadsheet, not a document. */
  getActiveDocument(): EmuDocument | null {
    this._log.record('DocumentApp', 'getActiveDocument');
    return this.active;
  }

  /** No document UI from a spreadsheet-bound script (U text, modelled on SpreadsheetApp's). */
  getUi(): never {
    this._log.record('DocumentApp', 'getUi');
    throw gasError('Cannot call DocumentApp.getUi() from this context.');
  }

  /** Non-Apps-Script: the end of an execution saves every document's edits. */
  _endExecution(): void {
    // Only documents opened since the last end can hold edits: saving every document of the
    // Drive at each end made a long run (1,000 biên bản) quadratic.
    for (const store of this._opened) store.save();
    this._opened.clear();
  }

  /** Non-Apps-Script: an open handle without counting, or null. */
  _open(id: string): EmuDocument | null {
    const store = this._drive._item(id)?.native;
    return store instanceof DocStore ? new EmuDocument(this, id, store) : null;
  }

  /** Non-Apps-Script: ids of every document, in creation order. */
  _ids(): string[] {
    return this._drive
      ._all()
      .filter((i) => i.native instanceof DocStore)
      .map((i) => i.id);
  }

  /** Non-Apps-Script: a container-bound document for getActiveDocument (null for none). */
  _setActive(doc: EmuDocument | null): void {
    this.active = doc;
  }

  /** Non-Apps-Script: a new list id shaped like Docs' (`kix.…`). */
  _newListId(): string {
    return `kix.emu${String(this.nextList++).padStart(6, '0')}`;
  }

  private openOrThrow(id: string): EmuDocument {
    const doc = this._open(id);
    if (!doc)
      throw gasError(
        `Document ${id} is missing (perhaps it was deleted, or you don't have read access?)`,
      );
    return doc;
  }
}

/** The services documents need: DocumentApp and the DriveApp it stores them in. */
export interface DocumentServices {
  DocumentApp: DocumentAppEmu;
  DriveApp: DriveAppEmu;
}

/**
 * Builds DocumentApp on the shared log. Pass `options.drive` to share a DriveApp (the runtime should,
 * so documents appear in the script's Drive); otherwise one is made with `options`.
 */
export function createDocumentApp(
  log: CallLog,
  clock: VirtualClock,
  options: DocumentOptions & DriveOptions & { drive?: DriveAppEmu } = {},
): DocumentAppEmu {
  return new DocumentAppEmu(log, options.drive ?? createDriveApp(log, clock, options), options);
}

/** Builds DriveApp and DocumentApp over it, for registering as the two globals. */
export function createDocumentServices(
  log: CallLog,
  clock: VirtualClock,
  options: DocumentOptions & DriveOptions = {},
): DocumentServices {
  const drive = createDriveApp(log, clock, options);
  return { DriveApp: drive, DocumentApp: new DocumentAppEmu(log, drive, options) };
}
