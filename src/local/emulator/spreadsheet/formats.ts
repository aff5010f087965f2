// Date serials, number/date formats, typed-input parsing and colours, as Sheets applies them.
import { DAYS, MONTHS, utcMs, wallTime, zonedMs } from '../utilities';
import { AUTOMATIC_FORMAT } from './helpers';

// ---------------------------------------------------------------------------------------------
// Dates as Sheets stores them: serial days since 1899-12-30 in the spreadsheet's time zone.

const DAY_MS = 86400000;
const SERIAL_EPOCH = utcMs(1899, 12, 30);

export function serialOf(ms: number, tz: string): number {
  const w = wallTime(ms, tz);
  return (
    (utcMs(w.year, w.month, w.day, w.hour, w.minute, w.second, w.millisecond) - SERIAL_EPOCH) /
    DAY_MS
  );
}

export function msOfSerial(serial: number, tz: string): number {
  const d = new Date(SERIAL_EPOCH + Math.round(serial * DAY_MS));
  return zonedMs(
    tz,
    d.getUTCFullYear(),
    d.getUTCMonth() + 1,
    d.getUTCDate(),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
    d.getUTCMilliseconds(),
  );
}

const serialOfWall = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number =>
  (utcMs(y, mo, d, h, mi, s) - SERIAL_EPOCH) / DAY_MS;

/** A format with only quoted text, escapes and colour tags removed, for classifying it. */
function bareFormat(format: string): string {
  return format
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(
      /\[(?:black|blue|cyan|green|magenta|red|white|yellow|color\s*\d+|[<>=][^\]]*)\]/gi,
      '',
    );
}

/** Automatic: never set, `general` (the documented reset), or the pattern getNumberFormat reports. */
export const isAutomatic = (format: string): boolean =>
  format === '' || format.toLowerCase() === 'general' || format === AUTOMATIC_FORMAT;

/** True for date/time formats: their cells read back as Date. */
export function isDateFormat(format: string): boolean {
  return !isAutomatic(format) && format !== '@' && /[dyhs]|mmm|am\/pm/i.test(bareFormat(format));
}

// ---------------------------------------------------------------------------------------------
// Display: Sheets number and date formats.

const two = (n: number): string => (n < 10 ? `0${n}` : String(n));

interface DateToken {
  kind: 'lit' | 'y' | 'm' | 'd' | 'h' | 's' | 'ampm' | 'ap' | 'frac';
  text: string;
  count: number;
  minute?: boolean;
}

function tokenizeDateFormat(format: string): DateToken[] {
  const tokens: DateToken[] = [];
  let i = 0;
  while (i < format.length) {
    const ch = format[i];
    const lower = format.slice(i).toLowerCase();
    if (ch === '"') {
      const end = format.indexOf('"', i + 1);
      const stop = end < 0 ? format.length : end;
      tokens.push({ kind: 'lit', text: format.slice(i + 1, stop), count: 0 });
      i = stop + 1;
    } else if (ch === '\\') {
      tokens.push({ kind: 'lit', text: format[i + 1] ?? '', count: 0 });
      i += 2;
    } else if (lower.startsWith('am/pm')) {
      tokens.push({ kind: 'ampm', text: format.slice(i, i + 5), count: 5 });
      i += 5;
    } else if (lower.startsWith('a/p')) {
      tokens.push({ kind: 'ap', text: format.slice(i, i + 3), count: 3 });
      i += 3;
    } else if (/[ymdhs]/i.test(ch)) {
      let j = i;
      while (j < format.length && format[j].toLowerCase() === ch.toLowerCase()) j++;
      tokens.push({ kind: ch.toLowerCase() as DateToken['kind'], text: '', count: j - i });
      i = j;
    } else if (ch === '.' && format[i + 1] === '0') {
      let j = i + 1;
      while (format[j] === '0') j++;
      tokens.push({ kind: 'frac', text: '', count: j - i - 1 });
      i = j;
    } else {
      tokens.push({ kind: 'lit', text: ch, count: 0 });
      i++;
    }
  }
  // `m`/`mm` means minutes right after an hour or right before seconds.
  const fields = tokens.filter((t) => t.kind !== 'lit');
  fields.forEach((t, k) => {
    if (t.kind === 'm' && t.count <= 2)
      t.minute = fields[k - 1]?.kind === 'h' || fields[k + 1]?.kind === 's';
  });
  return tokens;
}

export function formatSheetsDate(ms: number, format: string, tz: string): string {
  const w = wallTime(ms, tz);
  const tokens = tokenizeDateFormat(format);
  const twelve = tokens.some((t) => t.kind === 'ampm' || t.kind === 'ap');
  let out = '';
  for (const t of tokens) {
    switch (t.kind) {
      case 'lit':
        out += t.text;
        break;
      case 'y':
        out += t.count <= 2 ? two(w.year % 100) : String(w.year);
        break;
      case 'm':
        if (t.minute) out += t.count === 1 ? String(w.minute) : two(w.minute);
        else if (t.count >= 4) out += MONTHS[w.month - 1];
        else if (t.count === 3) out += MONTHS[w.month - 1].slice(0, 3);
        else out += t.count === 1 ? String(w.month) : two(w.month);
        break;
      case 'd':
        if (t.count >= 4) out += DAYS[w.weekday];
        else if (t.count === 3) out += DAYS[w.weekday].slice(0, 3);
        else out += t.count === 1 ? String(w.day) : two(w.day);
        break;
      case 'h': {
        const h = twelve ? w.hour % 12 || 12 : w.hour;
        out += t.count === 1 ? String(h) : two(h);
        break;
      }
      case 's':
        out += t.count === 1 ? String(w.second) : two(w.second);
        break;
      case 'frac':
        out += `.${String(w.millisecond).padStart(3, '0').slice(0, t.count).padEnd(t.count, '0')}`;
        break;
      case 'ampm':
        out += w.hour < 12 ? 'AM' : 'PM';
        break;
      case 'ap':
        out += w.hour < 12 ? 'A' : 'P';
        break;
    }
  }
  return out;
}

/** Rounds half away from zero at `decimals` places, avoiding binary surprises (1.005 → 1.01). */
function roundHalfAway(n: number, decimals: number): number {
  const sign = n < 0 ? -1 : 1;
  return sign * Number(`${Math.round(Number(`${Math.abs(n)}e${decimals}`))}e-${decimals}`);
}

/** Automatic ("general") display: integers as is, others to 10 significant digits (U). */
export function formatGeneral(n: number): string {
  if (!Number.isFinite(n)) return n > 0 ? '#NUM!' : '#NUM!';
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  return String(Number(n.toPrecision(10))).replace('e', 'E');
}

function splitSections(format: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < format.length; i++) {
    const ch = format[i];
    if (ch === '"') quoted = !quoted;
    if (ch === '\\' && !quoted) {
      cur += ch + (format[i + 1] ?? '');
      i++;
      continue;
    }
    if (ch === ';' && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** Number formats such as `0`, `0.0`, `#,##0.00`, `0%`, `0.00%`, `"x" 0`, with sections (U beyond). */
export function formatNumber(n: number, format: string): string {
  const sections = splitSections(format);
  let section = sections[0];
  let v = n;
  let signed = true;
  if (n < 0 && sections.length > 1 && sections[1] !== '') {
    section = sections[1];
    v = -n;
    signed = false;
  } else if (n === 0 && sections.length > 2 && sections[2] !== '') {
    section = sections[2];
  }
  section = section.replace(
    /\[(?:black|blue|cyan|green|magenta|red|white|yellow|color\s*\d+|[<>=][^\]]*)\]/gi,
    '',
  );
  let prefix = '';
  let core = '';
  let suffix = '';
  let stage = 0;
  let percent = false;
  const literal = (s: string): void => {
    if (stage === 0) prefix += s;
    else {
      stage = 2;
      suffix += s;
    }
  };
  for (let i = 0; i < section.length; i++) {
    const ch = section[i];
    if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      const stop = end < 0 ? section.length : end;
      literal(section.slice(i + 1, stop));
      i = stop;
    } else if (ch === '\\') {
      literal(section[i + 1] ?? '');
      i++;
    } else if (ch === '_') {
      literal(' ');
      i++;
    } else if (ch === '*') {
      i++;
    } else if (/[0#?]/.test(ch) && stage < 2) {
      stage = 1;
      core += ch;
    } else if ((ch === '.' || ch === ',') && (stage === 1 || /[0#?]/.test(section[i + 1] ?? ''))) {
      stage = 1;
      core += ch;
    } else if (ch === '%') {
      percent = true;
      literal('%');
    } else literal(ch);
  }
  if (core === '') return (signed && n < 0 ? '-' : '') + prefix + suffix;
  const [intPattern, fracPattern = ''] = core.split('.');
  const decimals = (fracPattern.match(/[0#?]/g) ?? []).length;
  const minFrac = (fracPattern.match(/0/g) ?? []).length;
  const minInt = (intPattern.match(/0/g) ?? []).length;
  const rounded = roundHalfAway(Math.abs(v) * (percent ? 100 : 1), decimals);
  let [intDigits, fracDigits = ''] = rounded.toFixed(decimals).split('.');
  if (intDigits === '0' && minInt === 0) intDigits = '';
  intDigits = intDigits.padStart(minInt, '0');
  if (intPattern.includes(',')) intDigits = intDigits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  while (fracDigits.length > minFrac && fracDigits.endsWith('0'))
    fracDigits = fracDigits.slice(0, -1);
  const body = intDigits + (core.includes('.') ? `.${fracDigits}` : '');
  const minus = signed && v < 0 && rounded !== 0 ? '-' : '';
  return minus + prefix + body + suffix;
}

// ---------------------------------------------------------------------------------------------
// Typed input (USER_ENTERED), en_US conventions.

interface Parsed {
  value: string | number | boolean;
  formula: string;
  /** A format the input implies for an automatic cell (percent, date). */
  format?: string;
}

const NUMBER = /^[+-]?(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

function parseNumber(text: string): number | null {
  let s = text.trim();
  // sheetquery issue #20: digit groups separated by single spaces are read as one number.
  if (/^[+-]?\d+(?: \d+)+$/.test(s)) s = s.replace(/ /g, '');
  if (!NUMBER.test(s)) return null;
  return Number(s.replace(/,/g, ''));
}

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  if (m === 2 && d === 29) return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  // Days in month m of leap year 2000; 29 February was settled above.
  return d <= new Date(Date.UTC(2000, m, 0)).getUTCDate();
}

function parseDateInput(text: string): { serial: number; format: string } | null {
  const s = text.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
  const time = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(s);
  if (time) {
    const [h, mi, sec] = [Number(time[1]), Number(time[2]), Number(time[3] ?? 0)];
    if (h > 23 || mi > 59 || sec > 59) return null;
    return { serial: (h * 3600 + mi * 60 + sec) / 86400, format: 'h:mm:ss' };
  }
  const m = iso ?? us;
  if (!m) return null;
  const [y, mo, d] = iso
    ? [Number(m[1]), Number(m[2]), Number(m[3])]
    : [Number(m[3]), Number(m[1]), Number(m[2])];
  const [h, mi, sec] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  if (!validDate(y, mo, d) || h > 23 || mi > 59 || sec > 59) return null;
  const withTime = m[4] !== undefined;
  const format = iso
    ? withTime
      ? 'yyyy-mm-dd h:mm:ss'
      : 'yyyy-mm-dd'
    : withTime
      ? 'M/d/yyyy H:mm:ss'
      : 'M/d/yyyy';
  return { serial: serialOfWall(y, mo, d, h, mi, sec), format };
}

/**
 * How Sheets reads typed text (gas-fakes issue #40: Apps Script writes USER_ENTERED): `=…` is a
 * formula, `+…` too unless it is a number (pygsheets PR #373), an apostrophe keeps the rest as
 * text, numbers, percentages, TRUE/FALSE and dates are converted. Locale: en_US only (U for vi_VN,
 * where `3,5` is the number and `3.5` is not).
 */
export function parseUserInput(text: string): Parsed {
  if (text === '') return { value: '', formula: '' };
  if (text.startsWith("'")) return { value: text.slice(1), formula: '' };
  if (text.startsWith('=') && text.length > 1) return { value: '', formula: text };
  const n = parseNumber(text);
  if (n !== null) return { value: n, formula: '' };
  if (text.startsWith('+') && text.length > 1) return { value: '', formula: `=${text}` };
  const pct = /^\s*(.+?)\s?%\s*$/.exec(text);
  if (pct) {
    const p = parseNumber(pct[1]);
    if (p !== null)
      return { value: p / 100, formula: '', format: pct[1].includes('.') ? '0.00%' : '0%' };
  }
  if (/^(true|false)$/i.test(text.trim()))
    return { value: text.trim().toLowerCase() === 'true', formula: '' };
  const date = parseDateInput(text);
  if (date) return { value: date.serial, formula: '', format: date.format };
  return { value: text, formula: '' };
}

// ---------------------------------------------------------------------------------------------
// Formulas: typed text starting with `=` (or `+` and not a number) is stored as a formula, which is
// how a respondent's text would become one (the injection vector, reference §1). Nothing computes
// them: the bundle writes no formula, so a formula cell reads '' and getFormula shows what landed.

// ---------------------------------------------------------------------------------------------
// Colours.

const NAMED_COLORS: Record<string, string> = {
  black: '#000000',
  white: '#ffffff',
  red: '#ff0000',
  green: '#008000',
  lime: '#00ff00',
  blue: '#0000ff',
  yellow: '#ffff00',
  orange: '#ffa500',
  gray: '#808080',
  grey: '#808080',
  silver: '#c0c0c0',
  purple: '#800080',
  navy: '#000080',
  maroon: '#800000',
  cyan: '#00ffff',
  magenta: '#ff00ff',
};

/** Sheets reports colours as lowercase `#rrggbb`; CSS names are accepted on input. */
export function normalizeColor(color: string | null | undefined, fallback: string): string {
  if (color === null || color === undefined || color === '') return fallback;
  const c = String(color).trim().toLowerCase();
  if (NAMED_COLORS[c]) return NAMED_COLORS[c];
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(c);
  return short ? `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}` : c;
}
