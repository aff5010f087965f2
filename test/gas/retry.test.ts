// Transient Google failures are retried with backoff; only "does not exist" lets a caller make a new one.
import { isMissing, isTransient, openOrNull, withRetry } from '../../src/gas/retry';

const slept: number[] = [];
beforeAll(() => {
  (globalThis as { Utilities?: unknown }).Utilities = { sleep: (ms: number) => slept.push(ms) };
});
beforeEach(() => {
  slept.length = 0;
});

const TIMEOUT = 'Service Spreadsheets timed out while accessing document with id 1abc.';
const GONE =
  'No item with the given ID could be found, or you do not have permission to access it.';

describe('retry', () => {
  test("Google's passing failures are transient; a missing item and a bad argument are not", () => {
    expect(isTransient(new Error(TIMEOUT))).toBe(true);
    expect(
      isTransient(
        new Error("We're sorry, a server error occurred. Please wait a bit and try again."),
      ),
    ).toBe(true);
    expect(
      isTransient(
        new Error(
          'Service invoked too many times in a short time: forms. Try Utilities.sleep(1000) between calls.',
        ),
      ),
    ).toBe(true);
    expect(isTransient(new Error(GONE))).toBe(false);
    expect(isTransient(new Error('Service invoked too many times for one day: email.'))).toBe(
      false,
    );
    expect(isMissing(new Error(GONE))).toBe(true);
    expect(
      isMissing(
        new Error(
          "Document 1x is missing (perhaps it was deleted, or you don't have read access?)",
        ),
      ),
    ).toBe(true);
    expect(isMissing(new Error(TIMEOUT))).toBe(false);
  });

  test('a call that times out twice then succeeds is tried three times, waiting 1 s then 2 s', () => {
    let calls = 0;
    const value = withRetry(() => {
      calls++;
      if (calls < 3) throw new Error(TIMEOUT);
      return 'ok';
    });
    expect([value, calls, slept]).toEqual(['ok', 3, [1000, 2000]]);
  });

  test('a lasting transient failure is thrown after the last try; other errors at once', () => {
    let calls = 0;
    expect(() =>
      withRetry(() => {
        calls++;
        throw new Error(TIMEOUT);
      }),
    ).toThrow(TIMEOUT);
    expect(calls).toBe(4);
    calls = 0;
    expect(() =>
      withRetry(() => {
        calls++;
        throw new Error('Invalid email: x');
      }),
    ).toThrow('Invalid email');
    expect(calls).toBe(1);
  });

  test('openOrNull: null only when Google says the item is gone; a timeout is never taken for "gone"', () => {
    expect(
      openOrNull(() => {
        throw new Error(GONE);
      }),
    ).toBeNull();
    expect(() =>
      openOrNull(() => {
        throw new Error(TIMEOUT);
      }),
    ).toThrow(TIMEOUT);
    expect(openOrNull(() => 42)).toBe(42);
  });
});
