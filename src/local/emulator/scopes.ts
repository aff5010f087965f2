// OAuth scopes: which scope each emulated call needs, read against the manifest's `oauthScopes`.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Family } from './costs';
import { gasError } from './errors';

/*
 * With an explicit `oauthScopes` list, Apps Script grants exactly those scopes and a call outside
 * them throws "You do not have permission to call X. Required permissions: …"
 * (REF:concepts/scopes, V). The table follows the "Authorization" lines of each method's reference
 * page; a family's narrower scopes (`spreadsheets.currentonly`, `forms.currentonly`,
 * `documents.currentonly`) cover only the calls on the bound or active file.
 */

const AUTH = 'https://www.googleapis.com/auth/';

/** The scopes any one of which allows a call, and the one Google names in its error. */
interface Need {
  anyOf: string[];
  named: string;
}

const need = (named: string, ...wider: string[]): Need => ({
  anyOf: [AUTH + named, ...wider.map((w) => (w.startsWith('https:') ? w : AUTH + w))],
  named: AUTH + named,
});

const SHEETS_ANY = need('spreadsheets.currentonly', 'spreadsheets');
const SHEETS_ALL = need('spreadsheets');
const FORMS = need('forms');
const FORMS_ACTIVE = need('forms.currentonly', 'forms');
const DOCS = need('documents');
const DOCS_ACTIVE = need('documents.currentonly', 'documents');
const DRIVE = need('drive');
// The Docs API's methods list these scopes (REF: docs/api/reference/rest/v1/documents/get, batchUpdate).
const DOCS_API_READ = need(
  'documents',
  'documents.readonly',
  'drive',
  'drive.readonly',
  'drive.file',
);
const DOCS_API_WRITE = need('documents', 'drive', 'drive.file');

// Which of the two Google names in its refusal is unverified (U): the emulator names `drive`.
const DRIVE_READ: Need = {
  anyOf: [`${AUTH}drive.readonly`, `${AUTH}drive`],
  named: `${AUTH}drive`,
};

/*
 * DriveApp: every method needs the full `drive` scope; the reading ones also accept
 * `drive.readonly` (the "Authorization" lines of DriveApp's reference pages). None lists
 * `drive.file` (per-file access): that is a scope of the Drive REST API and the Advanced Drive
 * service, so a manifest that grants only `drive.file` is refused every DriveApp call (U: not
 * checked live; the stricter reading). The bundle's calls and the scope each needs:
 * DriveApp.getFolderById, DriveApp.getFileById, File.getAs, File.getDescription (read:
 * drive.readonly or drive); DriveApp.createFolder, Folder.createFile, Folder.addViewers,
 * Folder.removeViewer, File.moveTo, File.setDescription, File.setTrashed, File.addViewers (write:
 * drive).
 */
const DRIVE_READS = new Set([
  'getFolderById',
  'getFileById',
  'getRootFolder',
  'getFiles',
  'getFolders',
  'getFilesByName',
  'getFilesByType',
  'getFoldersByName',
  'getAs',
  'getBlob',
  'getDescription',
  'getName',
  'getId',
  'getUrl',
  'getMimeType',
  'getViewers',
  'getEditors',
  'getParents',
  'getOwner',
  'getSize',
  'getDateCreated',
  'getLastUpdated',
  'isTrashed',
  'hasNext',
  'next',
]);
const MAIL = need('script.send_mail', 'https://mail.google.com/');
const TRIGGERS = need('script.scriptapp');
const CONTAINER_UI = need('script.container.ui');

/** The scope a call needs, or null for calls that need none (Properties, Lock, Utilities, …). */
export function requiredScope(family: Family, service: string, method: string): Need | null {
  const key = `${service}.${method}`;
  switch (family) {
    case 'SpreadsheetApp':
      if (key === 'SpreadsheetApp.openById' || key === 'SpreadsheetApp.openByUrl')
        return SHEETS_ALL;
      if (key === 'SpreadsheetApp.create') return SHEETS_ALL;
      // Dialogs and sidebars need the container UI scope (REF:reference/base/ui); menus and
      // alerts list none (U: the stricter reading would refuse them too, but the docs are explicit).
      if (service === 'Ui' && /^show/.test(method)) return CONTAINER_UI;
      if (service === 'Ui' || service === 'Menu' || key === 'SpreadsheetApp.getUi') return null;
      return SHEETS_ANY;
    case 'FormApp':
      return key === 'FormApp.getActiveForm' ? FORMS_ACTIVE : FORMS;
    case 'DocumentApp':
      return key === 'DocumentApp.getActiveDocument' ? DOCS_ACTIVE : DOCS;
    case 'DriveApp':
      return DRIVE_READS.has(method) ? DRIVE_READ : DRIVE;
    case 'Docs':
      return method === 'get' ? DOCS_API_READ : DOCS_API_WRITE;
    case 'MailApp':
      return MAIL;
    case 'ScriptApp':
      return key === 'ScriptApp.getScriptId' ? null : TRIGGERS;
    default:
      return null;
  }
}

/** The granted scopes: a manifest's `oauthScopes`. */
export class Scopes {
  private readonly granted: ReadonlySet<string>;

  constructor(oauthScopes: readonly string[]) {
    this.granted = new Set(oauthScopes);
  }

  /** Throws Google's text when the call needs a scope the manifest does not grant. */
  check(family: Family, service: string, method: string, callName: string): void {
    const n = requiredScope(family, service, method);
    if (n === null || n.anyOf.some((s) => this.granted.has(s))) return;
    throw gasError(
      `You do not have permission to call ${callName}. Required permissions: ${n.named}`,
    );
  }
}

/** An advanced service the manifest enables (`dependencies.enabledAdvancedServices[]`). */
export interface AdvancedService {
  userSymbol: string;
  serviceId: string;
  version: string;
}

/** The built manifest, parsed (the first of `candidates` that exists). */
function readManifest(candidates: readonly string[]): Record<string, unknown> {
  const file = candidates.find((f) => existsSync(f));
  if (file === undefined)
    throw new Error('dist/appsscript.json is missing: build the bundle first (npm run build).');
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

/** Where the built manifest is looked for: the working directory, then the build and source trees. */
const MANIFESTS = [
  join(process.cwd(), 'dist', 'appsscript.json'),
  join(__dirname, '..', 'dist', 'appsscript.json'),
  join(__dirname, '..', '..', '..', 'dist', 'appsscript.json'),
];

/**
 * The `oauthScopes` of the built manifest `dist/appsscript.json` (the first of `candidates` that
 * exists). Null when the manifest lists none (Apps Script then infers scopes from the code, so
 * nothing can be refused).
 */
export function manifestScopes(candidates: readonly string[] = MANIFESTS): string[] | null {
  const manifest = readManifest(candidates);
  return Array.isArray(manifest.oauthScopes) ? manifest.oauthScopes.map(String) : null;
}

/** The advanced services the built manifest enables (none when it lists none). */
export function manifestAdvancedServices(
  candidates: readonly string[] = MANIFESTS,
): AdvancedService[] {
  const deps = readManifest(candidates).dependencies as
    | { enabledAdvancedServices?: unknown }
    | undefined;
  const list = Array.isArray(deps?.enabledAdvancedServices) ? deps.enabledAdvancedServices : [];
  return list.map((s: Record<string, unknown>) => ({
    userSymbol: String(s.userSymbol),
    serviceId: String(s.serviceId),
    version: String(s.version),
  }));
}
