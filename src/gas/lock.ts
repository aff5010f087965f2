// The script lock: every change to the workbook is made holding it, for as short a time as the change needs.
/// <reference types="google-apps-script" />

// How long a whole-sheet pass (rebuild, reconcile) waits for the lock.
export const PASS_WAIT_MS = 60000;
// How long recording one finished item (a cell, a log line) waits: a submission holds the lock
// for seconds, a rebuild for longer; the item stays queued when this runs out.
export const RECORD_WAIT_MS = 30000;

const BUSY = 'Một lần xử lý khác đang chạy: chưa thay đổi gì, hãy thử lại sau ít phút.';

/** The lock stayed busy for the whole wait: nothing was changed (a caller may retry later). */
export class LockBusyError extends Error {}

/** Whether an error is withLock's "the lock stayed busy" (nothing was changed). */
export const isLockBusy = (e: unknown): boolean => e instanceof LockBusyError;

/** Runs `fn` holding the script lock, or fails with a message saying nothing was changed. */
export function withLock<T>(fn: () => T, waitMs = PASS_WAIT_MS): T {
  const lock = LockService.getScriptLock();
  if (!lock.tryLock(waitMs)) throw new LockBusyError(BUSY);
  try {
    return fn();
  } finally {
    lock.releaseLock();
  }
}

/** Runs a short write (recording one finished item) holding the script lock. */
export function withRecordLock<T>(fn: () => T): T {
  return withLock(fn, RECORD_WAIT_MS);
}
