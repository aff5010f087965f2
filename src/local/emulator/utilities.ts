// Emulated Utilities (blobs, digests, virtual sleep) and shared time-zone helpers.
import { createHash, randomUUID } from 'node:crypto';
import type { CallLog } from './calls';
import type { VirtualClock } from './clock';
import { GAS_TYPE, gasError, gasTypeNames, signatureError } from './errors';

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
// Names for the spreadsheet's display formats.

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
