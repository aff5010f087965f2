// Dates and times in Asia/Ho_Chi_Minh (UTC+7, no daylight saving) by plain arithmetic, never the host's zone.

// Vietnam has kept UTC+7 without daylight saving since 1975; every inspection date this system
// sees is later, so a constant offset is exact and no time-zone data (Intl, Date's local
// methods) is needed. `Date` is not used at all, so the host's TZ cannot leak in.

const MINUTE_MS = 60000;
const HOUR_MS = 3600000;
const DAY_MS = 86400000;
const VN_OFFSET_MS = 7 * HOUR_MS;

interface Ymd {
  year: number;
  month: number;
  day: number;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The date `days` days after 1970-01-01 (civil_from_days). */
function civilFromDays(days: number): Ymd {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(y: number, m: number): number {
  return m === 2 && isLeapYear(y) ? 29 : MONTH_DAYS[m - 1];
}

/** A real calendar date in the supported range (the range turns typos like 0219 away). */
function isRealDate(year: number, month: number, day: number): boolean {
  return (
    year >= 1900 &&
    year <= 2999 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function isoOf(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

function isoOfDays(days: number): string {
  const { year, month, day } = civilFromDays(days);
  return isoOf(year, month, day);
}

/** Parts of a valid ISO date; a programming error (not user input) otherwise, hence the throw. */
function partsOf(iso: string): Ymd {
  if (!isValidIsoDate(iso)) throw new RangeError(`Not an ISO date (YYYY-MM-DD, 1900–2999): ${iso}`);
  return {
    year: Number(iso.slice(0, 4)),
    month: Number(iso.slice(5, 7)),
    day: Number(iso.slice(8, 10)),
  };
}

function daysOf(iso: string): number {
  const { year, month, day } = partsOf(iso);
  return daysFromCivil(year, month, day);
}

/** 1 = Monday … 7 = Sunday; 1970-01-01 was a Thursday. */
function weekdayOfDays(days: number): number {
  return ((((days + 3) % 7) + 7) % 7) + 1;
}

/** True for a real calendar date written `YYYY-MM-DD`, years 1900–2999. */
export function isValidIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return m !== null && isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

// --- Parsing answers and timestamps (scoring.md §8) --------------------------------------------

interface DateMatch extends Ymd {
  /** What follows the date: empty, or a time introduced by a space (or `T` after a year-first date). */
  rest: string;
}

/**
 * The date at the start of `t`: year first (`2019-02-21`, also the Forms `2019/02/21`), or
 * `d/m/yyyy` / `m/d/yyyy` by `order` with `/`, `-` or `.` used for both separators.
 */
function matchDate(t: string, order: 'dmy' | 'mdy'): DateMatch | null {
  const ymd = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?=$|[ T])/.exec(t);
  if (ymd) {
    const rest = t.slice(ymd[0].length);
    return { year: Number(ymd[1]), month: Number(ymd[3]), day: Number(ymd[4]), rest };
  }
  const dmy = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})(?=$| )/.exec(t);
  if (!dmy) return null;
  const first = Number(dmy[1]);
  const second = Number(dmy[3]);
  return {
    year: Number(dmy[4]),
    month: order === 'dmy' ? second : first,
    day: order === 'dmy' ? first : second,
    rest: t.slice(dmy[0].length),
  };
}

/**
 * Milliseconds into the day and the zone offset of a time `H:mm[:ss[.fff]] [AM|PM] [zone]`;
 * zone = `Z`, `+07:00`, `+0700`, `+07`, `GMT`, `GMT+7`, `GMT+07:00` (also `UTC…`). No zone: null
 * offset. `SA`/`CH` (sáng/chiều) are the Vietnamese AM/PM.
 */
function parseTime(t: string): { ms: number; offsetMs: number | null } | null {
  const m =
    /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?: ?(AM|PM|SA|CH))?(?: ?(Z|(?:GMT|UTC)(?:([+-])(\d{1,2})(?::?(\d{2}))?)?|([+-])(\d{2})(?::?(\d{2}))?))?$/i.exec(
      t,
    );
  if (!m) return null;
  let hour = Number(m[1]);
  const minute = Number(m[2]);
  const second = m[3] === undefined ? 0 : Number(m[3]);
  // Milliseconds from the first three fraction digits, by string so no float rounding creeps in.
  const millis = m[4] === undefined ? 0 : Number(`${m[4]}00`.slice(0, 3));
  if (minute > 59 || second > 59) return null;
  if (m[5] !== undefined) {
    // 12-hour clock: 12 AM is midnight, 12 PM is noon; 0 or 13+ is not a 12-hour time.
    if (hour < 1 || hour > 12) return null;
    const pm = /^(PM|CH)$/i.test(m[5]);
    hour = (hour % 12) + (pm ? 12 : 0);
  } else if (hour > 23) {
    return null;
  }
  let offsetMs: number | null = null;
  if (m[6] !== undefined) {
    const sign = m[7] || m[10];
    const oh = Number(m[8] || m[11] || 0);
    const om = Number(m[9] || m[12] || 0);
    if (oh > 14 || om > 59) return null;
    offsetMs = (sign === '-' ? -1 : 1) * (oh * HOUR_MS + om * MINUTE_MS);
  }
  return { ms: hour * HOUR_MS + minute * MINUTE_MS + second * 1000 + millis, offsetMs };
}

/** Trimmed, with runs of white space (NBSP too) as one space, as exports and paste leave them. */
function tidy(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/**
 * The `Ngày kiểm tra` answer as an ISO date (scoring.md §8): `yyyy-mm-dd` (or `yyyy-m-d`) always,
 * else `d/m/yyyy` (`m/d/yyyy` for 'mdy') with `/`, `-` or `.`; a trailing time is ignored.
 * Null when empty, unparseable or not a real date.
 */
export function parseDateAnswer(s: string, order: 'dmy' | 'mdy'): string | null {
  const t = tidy(s);
  const d = matchDate(t, order);
  if (!d || !isRealDate(d.year, d.month, d.day)) return null;
  // Sheets may write a date cell as `21/02/2019 00:00:00`; the time must still be a time.
  if (d.rest !== '' && !parseTime(d.rest.slice(1))) return null;
  return isoOf(d.year, d.month, d.day);
}

/**
 * Epoch ms of a response timestamp (scoring.md §8): ISO with `T` or a space (no offset = Vietnam
 * time), `d/M/yyyy H:mm[:ss]` (month first for 'mdy'), or the Forms download form
 * `2019/02/21 8:35:12 AM GMT+7`. A bare date is midnight in Vietnam. Null when unparseable.
 */
export function parseTimestamp(s: string, order: 'dmy' | 'mdy'): number | null {
  const t = tidy(s);
  const d = matchDate(t, order);
  if (!d || !isRealDate(d.year, d.month, d.day)) return null;
  const time = d.rest === '' ? { ms: 0, offsetMs: null } : parseTime(d.rest.slice(1));
  if (!time) return null;
  const offset = time.offsetMs === null ? VN_OFFSET_MS : time.offsetMs;
  return daysFromCivil(d.year, d.month, d.day) * DAY_MS + time.ms - offset;
}

// --- Instants in Vietnam ---------------------------------------------------------------------

/** Calendar and clock fields of an instant in Vietnam; weekday 1 = Monday … 7 = Sunday. */
export function vnParts(ms: number): {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
} {
  if (!Number.isFinite(ms)) throw new RangeError(`Not an instant: ${ms}`);
  const local = ms + VN_OFFSET_MS;
  const days = Math.floor(local / DAY_MS);
  const inDay = local - days * DAY_MS;
  const { year, month, day } = civilFromDays(days);
  return {
    year,
    month,
    day,
    hour: Math.floor(inDay / HOUR_MS),
    minute: Math.floor((inDay % HOUR_MS) / MINUTE_MS),
    second: Math.floor((inDay % MINUTE_MS) / 1000),
    weekday: weekdayOfDays(days),
  };
}

// Saigon's local mean time (tz database: 7:06:30 until 1911-05-01).
const LMT_OFFSET_MS = (7 * 3600 + 6 * 60 + 30) * 1000;
const LMT_END_MS = Date.UTC(1911, 3, 30, 16, 53, 30);

/**
 * `HH:mm` of a time-only cell read from a sheet in Asia/Ho_Chi_Minh. Sheets stores a time of
 * day on its epoch day, 30/12/1899, and reads it back as that wall time in the zone's offset of
 * the day, which then was local mean time (+7:06:30), not +7; null for a date after 1911.
 */
export function vnClockOfTimeCell(ms: number): string | null {
  if (!Number.isFinite(ms) || ms >= LMT_END_MS) return null;
  const local = ms + LMT_OFFSET_MS;
  const inDay = ((local % DAY_MS) + DAY_MS) % DAY_MS;
  const minutes = Math.round(inDay / MINUTE_MS) % (24 * 60);
  return `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
}

/** The ISO date of an instant in Vietnam. */
export function vnDateOf(ms: number): string {
  const { year, month, day } = vnParts(ms);
  return isoOf(year, month, day);
}

/** Epoch ms of the Vietnam wall time `hour:minute` (default midnight) on `iso`. */
export function vnInstant(iso: string, hour = 0, minute = 0): number {
  return daysOf(iso) * DAY_MS + hour * HOUR_MS + minute * MINUTE_MS - VN_OFFSET_MS;
}

// --- Calendar arithmetic ---------------------------------------------------------------------

/** The date `n` days after `iso` (before, when `n` is negative). */
export function addDays(iso: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`Not a whole number of days: ${n}`);
  return isoOfDays(daysOf(iso) + n);
}

/** Whole days from `a` to `b` (b − a). */
export function daysBetween(a: string, b: string): number {
  return daysOf(b) - daysOf(a);
}

/** Day of the week of `iso`: 1 = Monday … 7 = Sunday. */
export function weekdayOf(iso: string): number {
  return weekdayOfDays(daysOf(iso));
}

/** ISO 8601 week: weeks start on Monday and belong to the year of their Thursday. */
export function isoWeek(iso: string): { year: number; week: number } {
  const days = daysOf(iso);
  const thursday = days - weekdayOfDays(days) + 4;
  const year = civilFromDays(thursday).year;
  return { year, week: Math.floor((thursday - daysFromCivil(year, 1, 1)) / 7) + 1 };
}

// --- Formatting ------------------------------------------------------------------------------

/** `2019-02-21` → `21/02/2019`. */
export function formatDmy(iso: string): string {
  const { year, month, day } = partsOf(iso);
  return `${pad2(day)}/${pad2(month)}/${year}`;
}

/** `2019-02-18` → `18/02`. */
export function formatDm(iso: string): string {
  const { month, day } = partsOf(iso);
  return `${pad2(day)}/${pad2(month)}`;
}

/** `HH:mm` (24 h) of an instant in Vietnam; seconds are dropped, as a clock shows them. */
export function formatTime(ms: number): string {
  const { hour, minute } = vnParts(ms);
  return `${pad2(hour)}:${pad2(minute)}`;
}

/**
 * Place–date line of an official document (NĐ 30/2020): `Mỹ Đức, ngày 05 tháng 3 năm 2019`.
 * Only days below 10 and months 1 and 2 take a leading zero.
 */
export function formatDateLine(place: string, iso: string): string {
  const { year, month, day } = partsOf(iso);
  // NĐ 30/2020 pads January and February so that `tháng 1`/`tháng 2` cannot be forged into 11/12.
  return `${place}, ngày ${pad2(day)} tháng ${month <= 2 ? pad2(month) : month} năm ${year}`;
}

// --- Reporting periods -----------------------------------------------------------------------

/** Monday–Sunday of the last week that ended before `todayIso` (on a Sunday, the week before). */
export function lastCompleteWeek(todayIso: string): { from: string; to: string } {
  const today = daysOf(todayIso);
  const sunday = today - weekdayOfDays(today);
  return { from: isoOfDays(sunday - 6), to: isoOfDays(sunday) };
}

/** First and last day of the calendar month before the month of `todayIso`. */
export function lastCompleteMonth(todayIso: string): { from: string; to: string } {
  const { year, month } = partsOf(todayIso);
  const y = month === 1 ? year - 1 : year;
  const m = month === 1 ? 12 : month - 1;
  return { from: isoOf(y, m, 1), to: isoOf(y, m, daysInMonth(y, m)) };
}
