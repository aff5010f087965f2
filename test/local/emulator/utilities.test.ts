// The Utilities emulator against reference §6; each test names its source.
import { CallLog } from '../../../src/local/emulator/calls';
import { VirtualClock } from '../../../src/local/emulator/clock';
import { gasError, signatureError } from '../../../src/local/emulator/errors';
import {
  formatJavaDate,
  UtilitiesService,
  wallTime,
  zonedMs,
} from '../../../src/local/emulator/utilities';

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

describe('Utilities.formatDate: Java SimpleDateFormat (reference §6; GF fakeutilities.js only approximates it)', () => {
  const f = (pattern: string, date = MONDAY, tz = HCM) => formatJavaDate(date, tz, pattern);

  test('repetition picks the width or the text form', () => {
    expect(f('yyyy-MM-dd HH:mm:ss')).toBe('2019-02-25 08:02:03');
    expect([f('M'), f('MM'), f('MMM'), f('MMMM')]).toEqual(['2', '02', 'Feb', 'February']);
    expect([f('y'), f('yy'), f('yyyy'), f('yyyyy')]).toEqual(['2019', '19', '2019', '02019']);
    expect([f('d'), f('dd'), f('H'), f('m'), f('mm'), f('s')]).toEqual([
      '25',
      '25',
      '8',
      '2',
      '02',
      '3',
    ]);
    expect([f('E'), f('EEE'), f('EEEE')]).toEqual(['Mon', 'Mon', 'Monday']);
    expect([f('S'), f('SSS')]).toEqual(['45', '045']);
  });

  test("quoted text is literal and '' is one quote, inside quotes or out", () => {
    expect(f("yyyy-MM-dd'T'HH:mm:ss")).toBe('2019-02-25T08:02:03');
    expect(f("h 'o''clock' a")).toBe("8 o'clock AM");
    expect(f("''")).toBe("'");
    expect(f("'Ngày' dd 'tháng' MM")).toBe('Ngày 25 tháng 02');
    expect(thrown(() => f("'open")).name).toBe('Exception');
  });

  test('zone letters: Z, X, XX, XXX, z and zzzz', () => {
    expect([f('Z'), f('X'), f('XX'), f('XXX')]).toEqual(['+0700', '+07', '+0700', '+07:00']);
    expect([f('z'), f('zzzz')]).toEqual(['ICT', 'Indochina Time']);
    expect([f('X', MONDAY, 'UTC'), f('z', MONDAY, 'UTC'), f('HH', MONDAY, 'UTC')]).toEqual([
      'Z',
      'UTC',
      '01',
    ]);
    expect([
      f('z', new Date(Date.UTC(2019, 0, 15)), 'America/New_York'),
      f('z', new Date(Date.UTC(2019, 6, 15)), 'America/New_York'),
    ]).toEqual(['EST', 'EDT']);
  });

  test("Java's custom GMT+7 ids work; unknown ids fall back to GMT (Java TimeZone.getTimeZone; U for Apps Script)", () => {
    expect([f('HH:mm z', MONDAY, 'GMT+7'), f('HH:mm z', MONDAY, 'GMT+07:00')]).toEqual([
      '08:02 GMT+07:00',
      '08:02 GMT+07:00',
    ]);
    expect(f('HH:mm z', MONDAY, 'Mars/Olympus')).toBe('01:02 GMT');
  });

  test('hours in H, k, K, h with a (midnight and noon)', () => {
    const midnight = new Date(Date.UTC(2019, 1, 24, 17, 0, 0));
    const noon = new Date(Date.UTC(2019, 1, 25, 5, 0, 0));
    expect([
      f('H', midnight),
      f('k', midnight),
      f('K', midnight),
      f('h', midnight),
      f('a', midnight),
    ]).toEqual(['0', '24', '0', '12', 'AM']);
    expect([f('H', noon), f('k', noon), f('K', noon), f('h', noon), f('a', noon)]).toEqual([
      '12',
      '12',
      '0',
      '12',
      'PM',
    ]);
  });

  test('calendar fields D, u, F, w, W with Sunday-first weeks (Locale.US)', () => {
    expect([f('D'), f('u'), f('F'), f('w'), f('W')]).toEqual(['56', '1', '4', '9', '5']);
  });

  test('week year Y differs from y in the last days of December (the classic YYYY bug)', () => {
    const sunday = new Date(Date.UTC(2019, 11, 29, 5, 0, 0));
    expect([f('yyyy', sunday), f('YYYY', sunday), f('ww', sunday)]).toEqual(['2019', '2020', '01']);
  });

  test('an unknown pattern letter throws (Java IllegalArgumentException; U for the wrapping)', () => {
    const e = thrown(() => f('yyyy-qq'));
    expect(e.name).toBe('Exception');
    expect(e.message).toBe("Illegal pattern character 'q'");
  });

  test('a string where the Date belongs is a signature error (C)', () => {
    const { u } = setup();
    expect(
      thrown(() => (u.formatDate as (...a: unknown[]) => unknown)('2019-02-25', HCM, 'yyyy'))
        .message,
    ).toBe(
      "The parameters (String,String,String) don't match the method signature for Utilities.formatDate.",
    );
    expect(u.formatDate(MONDAY, HCM, 'dd/MM/yyyy')).toBe('25/02/2019');
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

  test('every call is counted under Utilities (calls.ts contract)', () => {
    const { u, log } = setup();
    u.formatDate(MONDAY, HCM, 'yyyy');
    u.sleep(1);
    u.newBlob('x').getBytes();
    expect(Object.fromEntries(log.counts)).toEqual({
      'Utilities.formatDate': 1,
      'Utilities.sleep': 1,
      'Utilities.newBlob': 1,
      'Blob.getBytes': 1,
    });
  });
});
