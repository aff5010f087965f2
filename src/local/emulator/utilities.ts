// Emulated Utilities (Java date formats, blobs, virtual sleep) and shared time-zone helpers.
import { createHash, randomUUID } from 'node:crypto';
import type { CallLog } from './calls';
import type { VirtualClock } from './clock';
import { GAS_TYPE, gasError, gasTypeNames, isDate, signatureError } from './errors';

// ---------------------------------------------------------------------------------------------
// Time zones: Node's Intl does the IANA work; Java's custom `GMT+7` ids are handled here.

/** A resolved zone: an IANA id, or a fixed offset (Java's `GMT+07:00` ids, and unknown ids). */
interface Zone {
  id: string;
  fixedSeconds?: number;
  fmt?: Intl.DateTimeFormat;
}

/** Wall-clock fields of an instant in a zone. `month` is 1–12, `weekday` 0 = Sunday. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  weekday: number;
  /** Zone offset at that instant, in seconds east of UTC (may have seconds: LMT before 1906). */
  offsetSeconds: number;
}

const zones = new Map<string, Zone>();

/**
 * Resolves a time-zone id as Java's `TimeZone.getTimeZone` does: IANA ids and `GMT±h[:mm]` work,
 * anything else silently becomes GMT (Java behaviour; U for Apps Script).
 */
function resolveZone(tz: string): Zone {
  const cached = zones.get(tz);
  if (cached) return cached;
  let zone: Zone;
  const custom = /^GMT([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(tz);
  if (custom) {
    const seconds =
      (Number(custom[2]) * 3600 + Number(custom[3] ?? 0) * 60) * (custom[1] === '-' ? -1 : 1);
    zone = { id: tz, fixedSeconds: seconds };
  } else {
    try {
      const fmt = new Intl.DateTimeFormat('en-US', {
        timeZone: tz,
        hour12: false,
        era: 'short',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
      zone = { id: tz, fmt };
    } catch {
      zone = { id: 'GMT', fixedSeconds: 0 };
    }
  }
  zones.set(tz, zone);
  return zone;
}

/** Epoch ms of a proleptic Gregorian UTC wall time; unlike Date.UTC, years 0–99 are literal. */
export function utcMs(
  year: number,
  month: number,
  day: number,
  h = 0,
  m = 0,
  s = 0,
  ms = 0,
): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(h, m, s, ms);
  return d.getTime();
}

// Offsets change at most on the hour in every zone in use: cache them per zone and hour, since
// Intl.formatToParts is slow and a large workbook converts hundreds of thousands of dates.
const OFFSET_CACHE = new WeakMap<Zone, Map<number, number>>();

function offsetSeconds(ms: number, zone: Zone): number {
  if (zone.fixedSeconds !== undefined) return zone.fixedSeconds;
  let cache = OFFSET_CACHE.get(zone);
  if (!cache) {
    cache = new Map();
    OFFSET_CACHE.set(zone, cache);
  }
  const hour = Math.floor(ms / 3600000);
  const hit = cache.get(hour);
  if (hit !== undefined) return hit;
  const off = computeOffset(ms, zone);
  if (cache.size > 100000) cache.clear();
  cache.set(hour, off);
  return off;
}

function computeOffset(ms: number, zone: Zone): number {
  const whole = ms - (((ms % 1000) + 1000) % 1000);
  const parts: Record<string, string> = {};
  for (const p of zone.fmt!.formatToParts(new Date(whole))) parts[p.type] = p.value;
  let year = Number(parts.year);
  if (parts.era === 'BC' || parts.era === 'B') year = 1 - year;
  const hour = Number(parts.hour) % 24;
  const local = utcMs(
    year,
    Number(parts.month),
    Number(parts.day),
    hour,
    Number(parts.minute),
    Number(parts.second),
  );
  return Math.round((local - whole) / 1000);
}

/** The wall-clock time of `ms` in time zone `tz` (IANA id or `GMT+7`; unknown ids are GMT). */
export function wallTime(ms: number, tz: string): WallTime {
  const zone = resolveZone(tz);
  const off = offsetSeconds(ms, zone);
  const d = new Date(ms + off * 1000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    millisecond: d.getUTCMilliseconds(),
    weekday: d.getUTCDay(),
    offsetSeconds: off,
  };
}

/** The instant at which the wall clock in `tz` shows the given time (the later one in a DST overlap). */
export function zonedMs(
  tz: string,
  year: number,
  month: number,
  day: number,
  h = 0,
  m = 0,
  s = 0,
  ms = 0,
): number {
  const zone = resolveZone(tz);
  const local = utcMs(year, month, day, h, m, s, ms);
  const first = local - offsetSeconds(local, zone) * 1000;
  return local - offsetSeconds(first, zone) * 1000;
}

// ---------------------------------------------------------------------------------------------
// Java SimpleDateFormat, as Utilities.formatDate uses it (Locale en: Sunday-first weeks).

/** English month and day names, shared with the spreadsheet's display formats. */
export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
export const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Java's own abbreviations where they differ from Intl's en-US short names (which say `GMT+7`). */
const JAVA_ZONE_NAMES: Record<string, [string, string]> = {
  'Asia/Ho_Chi_Minh': ['ICT', 'Indochina Time'],
  'Asia/Saigon': ['ICT', 'Indochina Time'],
  'Asia/Bangkok': ['ICT', 'Indochina Time'],
  'Asia/Phnom_Penh': ['ICT', 'Indochina Time'],
  'Asia/Vientiane': ['ICT', 'Indochina Time'],
};

function pad(n: number, width: number): string {
  const s = String(Math.abs(n));
  return (n < 0 ? '-' : '') + (s.length >= width ? s : '0'.repeat(width - s.length) + s);
}

function gmtOffset(seconds: number, style: 'basic' | 'colon' | 'hours'): string {
  const sign = seconds < 0 ? '-' : '+';
  const minutes = Math.floor(Math.abs(seconds) / 60);
  const hh = pad(Math.floor(minutes / 60), 2);
  const mm = pad(minutes % 60, 2);
  if (style === 'hours') return sign + hh;
  return style === 'colon' ? `${sign}${hh}:${mm}` : `${sign}${hh}${mm}`;
}

function zoneName(ms: number, tz: string, long: boolean, offset: number): string {
  const zone = resolveZone(tz);
  const java = JAVA_ZONE_NAMES[zone.id];
  if (java) return long ? java[1] : java[0];
  if (zone.fixedSeconds !== undefined) {
    return zone.id === 'GMT' && offset === 0 ? 'GMT' : `GMT${gmtOffset(offset, 'colon')}`;
  }
  const fmt = new Intl.DateTimeFormat('en-US', {
    timeZone: zone.id,
    timeZoneName: long ? 'long' : 'short',
  });
  const name =
    fmt.formatToParts(new Date(ms)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  return /^GMT[+-]/.test(name) ? `GMT${gmtOffset(offset, 'colon')}` : name;
}

const DAY_MS = 86400000;
const dayNumber = (y: number, m: number, d: number): number => Math.floor(utcMs(y, m, d) / DAY_MS);
const weekdayOf = (dn: number): number => (((dn + 4) % 7) + 7) % 7;

/** Week-based year and week of year with Sunday-first weeks, week 1 holding 1 January (Locale.US). */
function weekOfYear(w: WallTime): { weekYear: number; week: number } {
  const dn = dayNumber(w.year, w.month, w.day);
  const saturday = dn + 6 - w.weekday;
  const satYear = new Date(saturday * DAY_MS).getUTCFullYear();
  if (satYear > w.year) return { weekYear: satYear, week: 1 };
  const jan1 = dayNumber(w.year, 1, 1);
  return { weekYear: w.year, week: Math.floor((dn - (jan1 - weekdayOf(jan1))) / 7) + 1 };
}

function field(letter: string, count: number, w: WallTime, ms: number, tz: string): string {
  switch (letter) {
    case 'G':
      return w.year > 0 ? 'AD' : 'BC';
    case 'y':
      return count === 2 ? pad(w.year % 100, 2) : pad(w.year, count);
    case 'Y': {
      const { weekYear } = weekOfYear(w);
      return count === 2 ? pad(weekYear % 100, 2) : pad(weekYear, count);
    }
    case 'M':
    case 'L':
      if (count >= 4) return MONTHS[w.month - 1];
      if (count === 3) return MONTHS[w.month - 1].slice(0, 3);
      return pad(w.month, count);
    case 'w':
      return pad(weekOfYear(w).week, count);
    case 'W': {
      const first = dayNumber(w.year, w.month, 1);
      const start = first - weekdayOf(first);
      return pad(Math.floor((dayNumber(w.year, w.month, w.day) - start) / 7) + 1, count);
    }
    case 'D':
      return pad(dayNumber(w.year, w.month, w.day) - dayNumber(w.year, 1, 1) + 1, count);
    case 'd':
      return pad(w.day, count);
    case 'F':
      return pad(Math.floor((w.day - 1) / 7) + 1, count);
    case 'E':
      return count >= 4 ? DAYS[w.weekday] : DAYS[w.weekday].slice(0, 3);
    case 'u':
      return pad(((w.weekday + 6) % 7) + 1, count);
    case 'a':
      return w.hour < 12 ? 'AM' : 'PM';
    case 'H':
      return pad(w.hour, count);
    case 'k':
      return pad(w.hour === 0 ? 24 : w.hour, count);
    case 'K':
      return pad(w.hour % 12, count);
    case 'h':
      return pad(w.hour % 12 === 0 ? 12 : w.hour % 12, count);
    case 'm':
      return pad(w.minute, count);
    case 's':
      return pad(w.second, count);
    case 'S':
      return pad(w.millisecond, count);
    case 'z':
      return zoneName(ms, tz, count >= 4, w.offsetSeconds);
    case 'Z':
      return gmtOffset(w.offsetSeconds, 'basic');
    case 'X':
      if (count > 3) throw gasError(`invalid ISO 8601 format: length=${count}`);
      if (w.offsetSeconds === 0) return 'Z';
      return gmtOffset(w.offsetSeconds, count === 1 ? 'hours' : count === 2 ? 'basic' : 'colon');
    default:
      // Java: IllegalArgumentException; the Apps Script wrapping of it is U.
      throw gasError(`Illegal pattern character '${letter}'`);
  }
}

/**
 * Formats like Java's SimpleDateFormat with Locale en: pattern letters
 * `G y Y M L w W D d F E u a H k K h m s S z Z X`, repetition picks width or text form,
 * `'...'` quotes literal text and `''` is one quote, inside or outside a quoted part.
 */
export function formatJavaDate(date: Date, tz: string, pattern: string): string {
  const ms = date.getTime();
  const w = wallTime(ms, tz);
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === "'") {
      if (pattern[i + 1] === "'") {
        out += "'";
        i += 2;
        continue;
      }
      let j = i + 1;
      let text = '';
      for (;;) {
        if (j >= pattern.length) throw gasError('Unterminated quote');
        if (pattern[j] === "'") {
          if (pattern[j + 1] === "'") {
            text += "'";
            j += 2;
            continue;
          }
          break;
        }
        text += pattern[j];
        j++;
      }
      out += text;
      i = j + 1;
    } else if (/[A-Za-z]/.test(c)) {
      let j = i;
      while (pattern[j] === c) j++;
      out += field(c, j - i, w, ms, tz);
      i = j;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Blobs.

const EXTENSIONS: Record<string, string> = {
  'application/pdf': 'pdf',
  'text/plain': 'txt',
  'text/html': 'html',
  'text/csv': 'csv',
  'application/json': 'json',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
};

/** Node's name for a Java charset name (`UTF-8`, `ISO-8859-1`, `US-ASCII`); anything else is UTF-8 (U). */
function nodeEncoding(charset?: unknown): BufferEncoding {
  const name = String(charset ?? 'UTF-8')
    .toUpperCase()
    .replace(/_/g, '-');
  if (name === 'ISO-8859-1' || name === 'LATIN1') return 'latin1';
  if (name === 'US-ASCII' || name === 'ASCII') return 'ascii';
  if (name === 'UTF-16LE') return 'utf16le';
  return 'utf8';
}

/** Java bytes are signed: Apps Script byte arrays hold -128…127. */
function toSignedBytes(buf: Uint8Array): number[] {
  return Array.from(buf, (b) => (b > 127 ? b - 256 : b));
}

function fromByteArray(bytes: number[]): Buffer {
  return Buffer.from(bytes.map((b) => Number(b) & 0xff));
}

/**
 * An emulated Blob. Non-Apps-Script: the constructor and `_buffer()`, for other emulators (Drive,
 * Mail) that make or read blobs.
 */
export class EmuBlob {
  private bytes: Buffer;

  constructor(
    private readonly log: CallLog,
    bytes: Uint8Array,
    private contentType: string | null = null,
    private name: string | null = null,
  ) {
    this.bytes = Buffer.from(bytes);
  }

  get [GAS_TYPE](): string {
    return 'Blob';
  }

  /** Non-Apps-Script: a copy of the raw bytes. */
  _buffer(): Buffer {
    return Buffer.from(this.bytes);
  }

  /** The data as signed Java bytes. */
  getBytes(): number[] {
    this.log.record('Blob', 'getBytes');
    return toSignedBytes(this.bytes);
  }

  /** The data decoded as UTF-8 or the given charset. */
  getDataAsString(charset?: string): string {
    this.log.record('Blob', 'getDataAsString');
    return this.bytes.toString(nodeEncoding(charset));
  }

  setBytes(data: number[]): EmuBlob {
    this.log.record('Blob', 'setBytes');
    this.bytes = fromByteArray(data);
    return this;
  }

  setDataFromString(data: string, charset?: string): EmuBlob {
    this.log.record('Blob', 'setDataFromString');
    this.bytes = Buffer.from(String(data), nodeEncoding(charset));
    return this;
  }

  getContentType(): string | null {
    this.log.record('Blob', 'getContentType');
    return this.contentType;
  }

  setContentType(contentType: string): EmuBlob {
    this.log.record('Blob', 'setContentType');
    this.contentType = contentType;
    return this;
  }

  getName(): string | null {
    this.log.record('Blob', 'getName');
    return this.name;
  }

  setName(name: string): EmuBlob {
    this.log.record('Blob', 'setName');
    this.name = name;
    return this;
  }

  isGoogleType(): boolean {
    this.log.record('Blob', 'isGoogleType');
    return false;
  }

  /** BlobSource: a blob is its own source. */
  getBlob(): EmuBlob {
    this.log.record('Blob', 'getBlob');
    return this.copy();
  }

  copyBlob(): EmuBlob {
    this.log.record('Blob', 'copyBlob');
    return this.copy();
  }

  /**
   * Only the same content type is supported here (a plain copy); real conversions belong to the
   * Drive emulator. The name's extension is replaced after the last dot (REF:reference/base/blob#getAs).
   */
  getAs(contentType: string): EmuBlob {
    this.log.record('Blob', 'getAs');
    if (contentType !== this.contentType) {
      throw gasError(
        `Converting from ${this.contentType ?? 'application/octet-stream'} to ${contentType} is not supported.`,
      );
    }
    const copy = this.copy();
    const ext = EXTENSIONS[contentType];
    if (copy.name && ext) {
      const dot = copy.name.lastIndexOf('.');
      copy.name = `${dot > 0 ? copy.name.slice(0, dot) : copy.name}.${ext}`;
    }
    return copy;
  }

  private copy(): EmuBlob {
    return new EmuBlob(this.log, this.bytes, this.contentType, this.name);
  }
}

// ---------------------------------------------------------------------------------------------
// The service.

/** One value of an Apps Script enum: an object that prints as its name, so `==` with a string holds. */
export interface GasEnumValue {
  name(): string;
  ordinal(): number;
  toString(): string;
  toJSON(): string;
}

/**
 * Builds an enum like Apps Script's: values are objects (so `=== 'SOLID'` fails, as it does live)
 * that compare `==` to their name (DT/forms Item example).
 */
export function gasEnum<K extends string>(names: readonly K[]): Readonly<Record<K, GasEnumValue>> {
  const out = {} as Record<K, GasEnumValue>;
  names.forEach((n, i) => {
    out[n] = Object.freeze({
      name: () => n,
      ordinal: () => i,
      toString: () => n,
      toJSON: () => n,
    });
  });
  return Object.freeze(out);
}

/** Node names of the digests; MD2 is gone from OpenSSL 3, so it gets the signature error here. */
const DIGESTS: Record<string, string> = {
  MD5: 'md5',
  SHA_1: 'sha1',
  SHA_256: 'sha256',
  SHA_384: 'sha384',
  SHA_512: 'sha512',
};

/** Options for the emulated Utilities. */
export interface UtilitiesOptions {
  /** Makes `getUuid()` deterministic in tests. */
  uuid?: () => string;
}

/** The `Utilities` global. `sleep` moves the virtual clock instead of blocking. */
export class UtilitiesService {
  readonly DigestAlgorithm = gasEnum(['MD2', 'MD5', 'SHA_1', 'SHA_256', 'SHA_384', 'SHA_512']);
  readonly Charset = gasEnum(['US_ASCII', 'UTF_8']);

  constructor(
    private readonly log: CallLog,
    private readonly clock: VirtualClock,
    private readonly options: UtilitiesOptions = {},
  ) {}

  /** Java SimpleDateFormat output for `date` in `timeZone` (see `formatJavaDate`). */
  formatDate(...args: [date: Date, timeZone: string, format: string]): string {
    const [date, timeZone, format] = args;
    this.log.record('Utilities', 'formatDate');
    if (
      args.length !== 3 ||
      !isDate(date) ||
      typeof timeZone !== 'string' ||
      typeof format !== 'string'
    ) {
      throw signatureError(gasTypeNames(args), 'Utilities', '', 'formatDate');
    }
    return formatJavaDate(date, timeZone, format);
  }

  /** A blob from a string (UTF-8) or signed bytes. */
  newBlob(...args: [data: string | number[], contentType?: string, name?: string]): EmuBlob {
    const [data, contentType, name] = args;
    this.log.record('Utilities', 'newBlob');
    if (typeof data === 'string') {
      // A string blob reports text/plain when no type is given (U).
      return new EmuBlob(
        this.log,
        Buffer.from(data, 'utf8'),
        contentType ?? 'text/plain',
        name ?? null,
      );
    }
    if (Array.isArray(data))
      return new EmuBlob(this.log, fromByteArray(data), contentType ?? null, name ?? null);
    throw signatureError(gasTypeNames(args), 'Utilities', '', 'newBlob');
  }

  getUuid(): string {
    this.log.record('Utilities', 'getUuid');
    return this.options.uuid ? this.options.uuid() : randomUUID();
  }

  /** Records `ms` on the virtual clock; a value that is not a number throws as the runtime does. */
  sleep(milliseconds: number): void {
    this.log.record('Utilities', 'sleep');
    const ms =
      typeof milliseconds === 'number'
        ? milliseconds
        : typeof milliseconds === 'string'
          ? Number(milliseconds)
          : Number.NaN;
    if (!Number.isFinite(ms)) throw gasError(`Cannot convert ${String(milliseconds)} to int.`);
    this.clock.wait(Math.trunc(ms));
  }

  /** The digest as signed bytes. */
  computeDigest(
    ...args: [
      algorithm: GasEnumValue | string,
      value: string | number[],
      charset?: GasEnumValue | string,
    ]
  ): number[] {
    const [algorithm, value, charset] = args;
    this.log.record('Utilities', 'computeDigest');
    const alg = DIGESTS[String(algorithm)];
    if (!alg) throw signatureError(gasTypeNames(args), 'Utilities', '', 'computeDigest');
    const data =
      typeof value === 'string' ? Buffer.from(value, nodeEncoding(charset)) : fromByteArray(value);
    return toSignedBytes(createHash(alg).update(data).digest());
  }

  base64Encode(data: string | number[], charset?: GasEnumValue | string): string {
    this.log.record('Utilities', 'base64Encode');
    return this.bytesOf(data, charset).toString('base64');
  }

  base64EncodeWebSafe(data: string | number[], charset?: GasEnumValue | string): string {
    this.log.record('Utilities', 'base64EncodeWebSafe');
    return this.bytesOf(data, charset).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
  }

  base64Decode(encoded: string): number[] {
    this.log.record('Utilities', 'base64Decode');
    return toSignedBytes(Buffer.from(encoded, 'base64'));
  }

  base64DecodeWebSafe(encoded: string): number[] {
    this.log.record('Utilities', 'base64DecodeWebSafe');
    return toSignedBytes(Buffer.from(encoded, 'base64url'));
  }

  private bytesOf(data: string | number[], charset?: GasEnumValue | string): Buffer {
    return typeof data === 'string'
      ? Buffer.from(data, nodeEncoding(charset))
      : fromByteArray(data);
  }
}
