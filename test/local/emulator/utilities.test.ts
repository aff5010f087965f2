// The Utilities emulator against reference §6; each test names its source.
import { CallLog } from '../../../src/local/emulator/calls';
import { VirtualClock } from '../../../src/local/emulator/clock';
import { gasError, signatureError } from '../../../src/local/emulator/errors';
import { UtilitiesService, wallTime, zonedMs } from '../../../src/local/emulator/utilities';

const HCM = 'Asia/Ho_Chi_Minh';
/** Monday 25 Feb 2019, 08:02:03.045 in Hà Nội. */
const MONDAY = new Date(Date.UTC(2019, 1, 25, 1, 2, 3, 45));

function setup(): { log: CallLog; clock: VirtualClock; u: UtilitiesService } {
  const log = new CallLog();
  const clock = new VirtualClock();
  return { log, clock, u: new UtilitiesService(log, clock) };
}

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a throw');
}

describe('errors (reference: general)', () => {
  test("gasError has name 'Exception' and the bare text as message (C)", () => {
    const e = gasError('Lock timeout: another process was holding the lock for too long.');
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('Exception');
    expect(String(e)).toBe(
      'Exception: Lock timeout: another process was holding the lock for too long.',
    );
  });

  test('signatureError names Service.Class.method (C; GF:src/support/helpers.js)', () => {
    expect(
      signatureError(['String', 'number'], 'SpreadsheetApp', 'Sheet', 'getRange').message,
    ).toBe(
      "The parameters (String,number) don't match the method signature for SpreadsheetApp.Sheet.getRange.",
    );
    expect(signatureError([], 'Utilities', '', 'formatDate').message).toBe(
      "The parameters () don't match the method signature for Utilities.formatDate.",
    );
  });
});

describe('time-zone helpers (shared with the Spreadsheet, Forms and trigger emulators)', () => {
  test("Java's custom GMT+7 ids work; unknown ids fall back to GMT (Java TimeZone.getTimeZone; U for Apps Script)", () => {
    for (const tz of ['GMT+7', 'GMT+07:00'])
      expect(wallTime(MONDAY.getTime(), tz)).toMatchObject({ hour: 8, offsetSeconds: 25200 });
    expect(wallTime(MONDAY.getTime(), 'GMT-0530')).toMatchObject({ offsetSeconds: -19800 });
    expect(wallTime(MONDAY.getTime(), 'Mars/Olympus')).toMatchObject({ hour: 1, offsetSeconds: 0 });
  });

  test('wallTime and zonedMs are inverse (helpers shared with the Spreadsheet emulator)', () => {
    const w = wallTime(MONDAY.getTime(), HCM);
    expect(w).toMatchObject({
      year: 2019,
      month: 2,
      day: 25,
      hour: 8,
      minute: 2,
      second: 3,
      millisecond: 45,
      weekday: 1,
      offsetSeconds: 25200,
    });
    expect(zonedMs(HCM, 2019, 2, 25, 8, 2, 3, 45)).toBe(MONDAY.getTime());
    // A DST gap resolves to a real instant rather than failing.
    expect(Number.isFinite(zonedMs('America/New_York', 2019, 3, 10, 2, 30))).toBe(true);
  });
});

describe('blobs (REF:reference/base/blob)', () => {
  test('a string blob holds UTF-8; bytes are signed Java bytes', () => {
    const { u } = setup();
    const blob = u.newBlob('é');
    expect(blob.getBytes()).toEqual([-61, -87]);
    expect(blob.getDataAsString()).toBe('é');
    // Without a type a string blob reports text/plain (U).
    expect(blob.getContentType()).toBe('text/plain');
    expect(blob.getName()).toBeNull();
    const bytes = u.newBlob([72, 105, -61, -87], 'text/csv', 'a.csv');
    expect([bytes.getDataAsString(), bytes.getContentType(), bytes.getName()]).toEqual([
      'Hié',
      'text/csv',
      'a.csv',
    ]);
  });

  test('setters chain; copyBlob is independent', () => {
    const { u } = setup();
    const blob = u.newBlob('x').setName('a.txt').setContentType('text/html');
    const copy = blob.copyBlob().setName('b.html');
    expect([blob.getName(), copy.getName(), copy.getContentType()]).toEqual([
      'a.txt',
      'b.html',
      'text/html',
    ]);
  });

  test('getAs replaces what follows the last dot of the name (V, REF:reference/base/blob#getAs)', () => {
    const { u } = setup();
    expect(u.newBlob('x', 'text/plain', 'Q1.2024 report').getAs('text/plain').getName()).toBe(
      'Q1.txt',
    );
    expect(u.newBlob('x', 'text/plain', 'Report').getAs('text/plain').getName()).toBe('Report.txt');
  });

  test('getAs to another type throws here: conversions belong to the Drive emulator (U text)', () => {
    const { u } = setup();
    const e = thrown(() => u.newBlob('x', 'text/plain', 'r').getAs('application/pdf'));
    expect(e.name).toBe('Exception');
    expect(e.message).toBe('Converting from text/plain to application/pdf is not supported.');
  });
});

describe('sleep, uuid, encodings', () => {
  test('sleep moves the virtual clock instead of blocking; a non-number throws (GF fake: "Cannot convert x to int.")', () => {
    const { u, clock } = setup();
    const start = clock.now();
    u.sleep(1500);
    expect(clock.now() - start).toBe(1500);
    expect(clock.waited).toBe(1500);
    const e = thrown(() => u.sleep('abc' as unknown as number));
    expect(e.name).toBe('Exception');
    expect(e.message).toBe('Cannot convert abc to int.');
  });

  test('getUuid gives a v4 UUID, or what the uuid option says', () => {
    const { u } = setup();
    expect(u.getUuid()).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    let n = 0;
    const fixed = new UtilitiesService(new CallLog(), new VirtualClock(), {
      uuid: () => `id-${++n}`,
    });
    expect([fixed.getUuid(), fixed.getUuid()]).toEqual(['id-1', 'id-2']);
  });

  test('base64 and digests work on UTF-8 and signed bytes (REF:reference/utilities/utilities)', () => {
    const { u } = setup();
    expect(u.base64Encode('Hello')).toBe('SGVsbG8=');
    expect(u.base64Decode('SGVsbG8=')).toEqual([72, 101, 108, 108, 111]);
    expect(u.base64Encode([-1, -2])).toBe('//4=');
    expect(u.base64EncodeWebSafe([-1, -2])).toBe('__4=');
    expect(u.base64DecodeWebSafe('__4=')).toEqual([-1, -2]);
    expect(u.computeDigest(u.DigestAlgorithm.MD5, 'abc').slice(0, 4)).toEqual([-112, 1, 80, -104]);
    expect(u.computeDigest(u.DigestAlgorithm.SHA_256, 'abc', u.Charset.UTF_8)).toHaveLength(32);
  });

  test('enum values name themselves and know their place; newBlob of a number is a signature error', () => {
    const { u } = setup();
    expect([u.DigestAlgorithm.SHA_1.name(), u.DigestAlgorithm.SHA_1.ordinal()]).toEqual([
      'SHA_1',
      2,
    ]);
    expect(thrown(() => u.newBlob(42 as unknown as string)).message).toBe(
      "The parameters (number) don't match the method signature for Utilities.newBlob.",
    );
  });

  test('every call is counted under Utilities (calls.ts contract)', () => {
    const { u, log } = setup();
    u.sleep(1);
    u.newBlob('x').getBytes();
    expect(Object.fromEntries(log.counts)).toEqual({
      'Utilities.sleep': 1,
      'Utilities.newBlob': 1,
      'Blob.getBytes': 1,
    });
  });
});
