// Bounded, readable echoes of what someone typed: in review reasons, warnings, printed lines and cells with a length limit.

/** Characters of one Google Sheets cell (a script's write of more is refused). */
export const SHEET_CELL_CHARS = 50_000;
/** Characters of one Excel cell (a longer one is refused or cut by Excel). */
export const XLSX_CELL_CHARS = 32_767;
/** Characters of a typed value quoted in a message. */
export const QUOTE_CHARS = 200;

/** 1000003 → "1.000.003" (Vietnamese digit grouping). */
export function groupDigits(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

// Characters that show nothing on their own: controls, format characters (U+200B, U+FEFF, the
// bidi marks), separators other than the plain space, and a combining mark with no letter before.
const HIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cn}]|[^\S ]/u;
const MARK = /\p{M}/u;
const LISTED = 8;

const codePoint = (ch: string) =>
  `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * A typed value as a message quotes it: invisible characters left out of the text and named by
 * code point after it, and at most 200 characters followed by how long it really is:
 * `"Xã OOO…" (1.000.003 ký tự)`, `"" (ký tự ẩn: U+200B U+200B)`.
 */
export function quoteValue(text: string, max = QUOTE_CHARS): string {
  const chars = Array.from(text);
  const hidden: string[] = [];
  const seen: string[] = [];
  let afterLetter = false;
  for (const ch of chars) {
    if (seen.length > max) break;
    if (HIDDEN.test(ch) || (MARK.test(ch) && !afterLetter)) {
      if (hidden.length <= LISTED) hidden.push(codePoint(ch));
      continue;
    }
    if (!MARK.test(ch)) afterLetter = ch !== ' ';
    seen.push(ch);
  }
  const cut = seen.length > max || chars.length > max;
  let shown = seen.slice(0, max).join('');
  if (cut) shown += '…';
  const notes: string[] = [];
  if (cut) notes.push(`${groupDigits(chars.length)} ký tự`);
  if (hidden.length)
    notes.push(
      `ký tự ẩn: ${hidden.slice(0, LISTED).join(' ')}${hidden.length > LISTED ? ' …' : ''}`,
    );
  return `"${shown}"${notes.length ? ` (${notes.join('; ')})` : ''}`;
}

/** Whether quoting changes what a reader sees: hidden characters or more than the quoted length. */
export function needsQuoting(text: string): boolean {
  if (text.length > QUOTE_CHARS) return true;
  let afterLetter = false;
  for (const ch of text) {
    if (HIDDEN.test(ch) || (MARK.test(ch) && !afterLetter)) return true;
    if (!MARK.test(ch)) afterLetter = ch !== ' ';
  }
  return false;
}

/**
 * Text cut to at most `max` UTF-16 units, ending with a visible mark that says it was cut and how
 * long it was; shorter text unchanged. A surrogate pair is never split.
 */
export function clipText(text: string, max: number): string {
  if (text.length <= max) return text;
  const mark = ` …[đã cắt bớt: ${groupDigits(Array.from(text).length)} ký tự]`;
  let end = Math.max(0, max - mark.length);
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return text.slice(0, end) + mark;
}
