// User: an owner, editor or viewer of a Drive item, as DriveApp shows it.
import type { CallLog } from '../calls';
import { GAS_TYPE } from '../errors';

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
