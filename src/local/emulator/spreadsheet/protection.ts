// Protection: a protected sheet or range (editors, warning only, description).
import { GAS_TYPE, gasTypeNames, signatureError } from '../errors';
import { EmuUser } from '../services';
import { EmuRange } from './range';
import type { EmuSheet } from './sheet';

// ---------------------------------------------------------------------------------------------
// Protection.

/** A `Protection` of a sheet or a range. The owner is never listed among the editors (GF oddities). */
export class EmuProtection {
  _description = '';
  _warningOnly = false;
  _editors: string[] = [];
  _domainEdit = false;
  _unprotected: EmuRange[] = [];
  _removed = false;

  constructor(
    readonly _sheet: EmuSheet,
    readonly _type: 'RANGE' | 'SHEET',
    readonly _rangeRef: EmuRange | null,
  ) {}

  get [GAS_TYPE](): string {
    return 'SpreadsheetApp.Protection';
  }

  private rec(method: string): void {
    this._sheet._ss._app._log.record('Protection', method);
  }

  private emailOf(user: unknown, method: string, args: ArrayLike<unknown>): string {
    if (typeof user === 'string') return user;
    const getEmail = (user as { getEmail?: () => string } | null)?.getEmail;
    if (typeof getEmail === 'function')
      return this._sheet._ss._app._log.uncounted(() => String(getEmail.call(user)));
    throw signatureError(gasTypeNames(args), 'SpreadsheetApp', 'Protection', method);
  }

  setDescription(description: string): EmuProtection {
    this.rec('setDescription');
    this._description = String(description);
    return this;
  }

  getDescription(): string {
    this.rec('getDescription');
    return this._description;
  }

  setWarningOnly(...args: [warningOnly: boolean]): EmuProtection {
    const [warningOnly] = args;
    this.rec('setWarningOnly');
    if (typeof warningOnly !== 'boolean')
      throw signatureError(gasTypeNames(args), 'SpreadsheetApp', 'Protection', 'setWarningOnly');
    this._warningOnly = warningOnly;
    return this;
  }

  isWarningOnly(): boolean {
    this.rec('isWarningOnly');
    return this._warningOnly;
  }

  /** Users added as editors; empty for a new protection. */
  getEditors(): EmuUser[] {
    this.rec('getEditors');
    return this._editors.map((email) => new EmuUser(this._sheet._ss._app._log, email));
  }

  addEditor(...args: [emailAddress: string | EmuUser]): EmuProtection {
    const [emailAddress] = args;
    this.rec('addEditor');
    const email = this.emailOf(emailAddress, 'addEditor', args);
    if (!this._editors.includes(email)) this._editors.push(email);
    return this;
  }

  addEditors(...args: [emailAddresses: string[]]): EmuProtection {
    const [emailAddresses] = args;
    this.rec('addEditors');
    if (!Array.isArray(emailAddresses))
      throw signatureError(gasTypeNames(args), 'SpreadsheetApp', 'Protection', 'addEditors');
    for (const e of emailAddresses) {
      const email = this.emailOf(e, 'addEditors', args);
      if (!this._editors.includes(email)) this._editors.push(email);
    }
    return this;
  }

  removeEditor(...args: [emailAddress: string | EmuUser]): EmuProtection {
    const [emailAddress] = args;
    this.rec('removeEditor');
    const email = this.emailOf(emailAddress, 'removeEditor', args);
    this._editors = this._editors.filter((e) => e !== email);
    return this;
  }

  /** Accepts emails or Users (the usual `removeEditors(p.getEditors())`). */
  removeEditors(...args: [emailAddresses: (string | EmuUser)[]]): EmuProtection {
    const [emailAddresses] = args;
    this.rec('removeEditors');
    if (!Array.isArray(emailAddresses))
      throw signatureError(gasTypeNames(args), 'SpreadsheetApp', 'Protection', 'removeEditors');
    const gone = new Set(emailAddresses.map((e) => this.emailOf(e, 'removeEditors', args)));
    this._editors = this._editors.filter((e) => !gone.has(e));
    return this;
  }

  /** The owner (the user the script runs as, here) can always edit. */
  canEdit(): boolean {
    this.rec('canEdit');
    const app = this._sheet._ss._app;
    return (
      this._warningOnly ||
      app._user === (app._options.user ?? 'owner@example.com') ||
      this._editors.includes(app._user)
    );
  }

  /** The protected range; the whole grid for a sheet protection. */
  getRange(): EmuRange {
    this.rec('getRange');
    return (
      this._rangeRef ?? new EmuRange(this._sheet, 1, 1, this._sheet._maxRows, this._sheet._maxCols)
    );
  }

  getUnprotectedRanges(): EmuRange[] {
    this.rec('getUnprotectedRanges');
    return this._unprotected.slice();
  }

  /** Sheet protections only: ranges the office may edit without a warning (the dashboard's pickers). */
  setUnprotectedRanges(...args: [ranges: EmuRange[]]): EmuProtection {
    const [ranges] = args;
    this.rec('setUnprotectedRanges');
    if (!Array.isArray(ranges) || !ranges.every((r) => r instanceof EmuRange)) {
      throw signatureError(
        gasTypeNames(args),
        'SpreadsheetApp',
        'Protection',
        'setUnprotectedRanges',
      );
    }
    if (this._type === 'SHEET') this._unprotected = ranges.slice();
    return this;
  }

  remove(): void {
    this.rec('remove');
    this._removed = true;
    if (this._sheet._sheetProtection === this) this._sheet._sheetProtection = null;
    this._sheet._rangeProtections = this._sheet._rangeProtections.filter((p) => p !== this);
  }
}
