// Google calls that fail for a moment are tried again with backoff; only Google's "does not exist" means "make a new one".
/// <reference types="google-apps-script" />

// Texts Google uses for failures that pass (timeouts, server errors, short-term throttling).
const TRANSIENT = [
  /timed out/i,
  /server error/i,
  /invoked too many times in a short time/i,
  /please wait a bit and try again/i,
  /try again later/i,
  /service unavailable/i,
  /currently unavailable/i,
  /internal error/i,
  /backend error/i,
  /failed while accessing/i,
];

// Texts Google uses when the thing asked for is gone (deleted, or never existed for this user).
const MISSING = [
  /no item with the given id could be found/i,
  /is missing \(perhaps it was deleted/i,
];

const messageOf = (e: unknown): string =>
  e instanceof Error ? e.message : typeof e === 'string' ? e : String(e);

/** True when the error is one Google gives for a passing failure, worth trying again. */
export function isTransient(e: unknown): boolean {
  const m = messageOf(e);
  return TRANSIENT.some((r) => r.test(m));
}

/** True when Google says the item does not exist: the only case in which making a new one is right. */
export function isMissing(e: unknown): boolean {
  const m = messageOf(e);
  return MISSING.some((r) => r.test(m));
}

/** Waits between tries: 1 s, 2 s, 4 s (Google's own advice is `Utilities.sleep(1000)` and more). */
const BACKOFF_MS = [1000, 2000, 4000];

/**
 * Runs `fn`, trying again after a pause when it fails with a transient Google error; any other
 * error, or a transient one after the last try, is thrown as it came.
 */
export function withRetry<T>(fn: () => T): T {
  for (let attempt = 0; ; attempt++) {
    try {
      return fn();
    } catch (e) {
      if (attempt >= BACKOFF_MS.length || !isTransient(e)) throw e;
      Utilities.sleep(BACKOFF_MS[attempt]);
    }
  }
}

/**
 * Opens something by id, or returns null only when Google says it does not exist; a transient
 * failure is retried and then thrown, so a passing outage never makes a second form, folder or
 * document.
 */
export function openOrNull<T>(open: () => T): T | null {
  try {
    return withRetry(open);
  } catch (e) {
    if (isMissing(e)) return null;
    throw e;
  }
}
