// Vietnamese text: NFC normalisation, case folding, accent stripping and Vietnamese collation without Intl.

/** Unicode NFC: phones and some keyboards send NFD, storage and comparison use NFC. */
export function nfc(s: string): string {
  // Plain ASCII is already NFC, and short answers repeat: both shortcuts matter on large exports.
  if (ASCII.test(s)) return s;
  if (s.length > 32) return s.normalize('NFC');
  const hit = NFC_CACHE.get(s);
  if (hit !== undefined) return hit;
  const out = s.normalize('NFC');
  if (NFC_CACHE.size >= FOLD_CACHE_MAX) NFC_CACHE.clear();
  NFC_CACHE.set(s, out);
  return out;
}

const NFC_CACHE = new Map<string, string>();

// Every UTF-16 unit below U+0080: such text has no combining mark and no composable pair.
const ASCII = /^[^\u0080-\uffff]*$/;

/** NFC, trimmed, every run of white space (NBSP included) collapsed to one space. */
export function normalizeText(s: string): string {
  // JS `\s` covers NBSP, the U+2000 spaces and the ideographic space, so pasted text collapses too.
  return nfc(s).replace(/\s+/g, ' ').trim();
}

// Answers repeat a handful of labels thousands of times: memoising the fold keeps a 100,000-row
// export from normalising the same short strings over and over. Bounded so memory stays flat.
const FOLD_CACHE = new Map<string, string>();
const FOLD_CACHE_MAX = 4096;

/** `normalizeText` then lower case: the key for comparing labels, headers and names. */
export function foldCase(s: string): string {
  const hit = FOLD_CACHE.get(s);
  if (hit !== undefined) return hit;
  // toLowerCase, not toLocaleLowerCase: the result must not depend on the host's locale.
  const folded = normalizeText(s).toLowerCase();
  if (s.length <= 64) {
    if (FOLD_CACHE.size >= FOLD_CACHE_MAX) FOLD_CACHE.clear();
    FOLD_CACHE.set(s, folded);
  }
  return folded;
}

/** Accent-free form: NFD, combining marks dropped, đ→d and Đ→D, then NFC (`Hồng Sơn` → `Hong Son`). */
export function stripAccents(s: string): string {
  return s
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
}

// --- Collation ---------------------------------------------------------------------------------
//
// A small re-implementation of ICU's `vi` collation (CLDR root order plus the Vietnamese
// tailoring `&̀<<̉<<̃<<́<<̣ &a<ă<<<Ă<â<<<Â &d<đ<<<Đ &e<ê<<<Ê &o<ô<<<Ô<ơ<<<Ơ &u<ư<<<Ư`), because
// Apps Script's ICU data is unknown and `Intl` is off limits in the core. Each string becomes a
// sort key of three levels, as ICU's sort keys are: base letters, then diacritics, then case.
// The keys are strings of UTF-16 units compared with `<`, so sorting needs no custom comparator
// over arrays. Weights start at 2; 1 separates the levels so a shorter string sorts first.

const LEVEL_SEPARATOR = '\u0001';

/** Marks that NFD can produce on Latin text, plus the other combining blocks. */
const COMBINING_MARKS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
const IS_MARK = /^[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]$/;

// Primary order of CLDR root: white space, then punctuation, then symbols, then digits, then
// letters. The white space and punctuation lists are ICU's own order (read off
// `Intl.Collator('vi')` on Node); characters not listed fall back to code-point order after the
// letters, which matters only for text no unit name contains.
const WHITE_SPACE = '\t\n\u000b\f\r\u0085\u2028\u2029 ';
const PUNCTUATION =
  '_-\u2013\u2014,;:!\u00a1?\u00bf.\u00b7\'\u2018\u2019"\u201c\u201d\u00ab\u00bb()[]{}\u00a7@*/\\&#%\u2022`^\u00b0+<=>|~$';
const DIGITS = '0123456789';
// f, j, w and z are not Vietnamese letters but appear in names and sort where the Latin order puts them.
const LETTERS = 'aăâbcdđeêfghijklmnoôơpqrstuưvwxyz';

const PRIMARY: { [ch: string]: number } = {};
let nextPrimary = 0x10;
for (const ch of WHITE_SPACE + PUNCTUATION + DIGITS + LETTERS) PRIMARY[ch] = nextPrimary++;

// ă â ê ô ơ ư are letters of their own (level 1) although NFD writes them as a base letter plus
// a combining mark; ICU matches these contractions, so must we.
const CONTRACTIONS: { [base: string]: { [mark: string]: string } } = {
  a: { '\u0306': 'ă', '\u0302': 'â' },
  e: { '\u0302': 'ê' },
  o: { '\u0302': 'ô', '\u031b': 'ơ' },
  u: { '\u031b': 'ư' },
};

// Level 2: the five tones in the documented order (huyền, hỏi, ngã, sắc, nặng), then the other
// Latin marks in ICU's order; any other mark after them by code point (all ≥ U+0300).
const SECONDARY_ORDER =
  '\u0300\u0309\u0303\u0301\u0323\u0306\u0302\u030c\u030a\u0308\u030b\u0307\u0327\u0328\u0304\u031b';
const SECONDARY_COMMON = 0x05;

// Level 3: lower case (and caseless) before upper case, as in ICU's default; white space other
// than the plain space (NBSP, U+2000 spaces…) ties with the space on level 1 but differs here.
const TERTIARY_COMMON = 0x05;
const TERTIARY_SPACE_VARIANT = 0x06;
const TERTIARY_UPPER = 0x08;

/** Canonical combining class of the marks met in Latin text; the rest are treated as 230 (above). */
function combiningClass(mark: string): number {
  const cp = mark.charCodeAt(0);
  if (cp === 0x031b) return 216;
  if (cp === 0x0321 || cp === 0x0322 || cp === 0x0327 || cp === 0x0328) return 202;
  if (cp >= 0x0334 && cp <= 0x0338) return 1;
  if (
    (cp >= 0x0316 && cp <= 0x0319) ||
    (cp >= 0x031c && cp <= 0x0320) ||
    (cp >= 0x0323 && cp <= 0x0326) ||
    (cp >= 0x0329 && cp <= 0x0333) ||
    (cp >= 0x0339 && cp <= 0x033c)
  ) {
    return 220;
  }
  return 230;
}

/** Level-1 weight as key units; unknown characters get two units that sort after every letter. */
function primaryUnits(ch: string): string {
  const w = PRIMARY[ch];
  if (w !== undefined) return String.fromCharCode(w);
  const cp = ch.codePointAt(0)!;
  return String.fromCharCode(0xe000 + (cp >> 12), 0x1000 + (cp & 0xfff));
}

/** Level-2 weight of a combining mark. */
function secondaryUnit(mark: string): string {
  const i = SECONDARY_ORDER.indexOf(mark);
  return i >= 0 ? String.fromCharCode(0x10 + i) : mark;
}

/** The three-level sort key of `s` under Vietnamese collation. */
function collationKey(s: string): string {
  const chars = Array.from(s.normalize('NFD'));
  let primary = '';
  let secondary = '';
  let tertiary = '';
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    if (ch === '\ufeff') continue; // a stray BOM is ignorable in ICU
    if (IS_MARK.test(ch)) {
      // A mark with no contraction is a level-2 difference on the letter before it.
      secondary += secondaryUnit(ch);
      tertiary += String.fromCharCode(TERTIARY_COMMON);
      continue;
    }
    let base = ch.toLowerCase();
    const upper = base !== ch;
    const marks = CONTRACTIONS[base];
    if (marks) {
      // NFD puts the dot below (220) and the horn (216) before a circumflex or breve (230), as
      // in `ậ` = a + ̣ + ̂ ; like ICU, match the contraction across marks of a lower class.
      let blockingClass = 0;
      for (let j = i + 1; j < chars.length && IS_MARK.test(chars[j]); j++) {
        const cc = combiningClass(chars[j]);
        const letter = marks[chars[j]];
        if (letter && cc > blockingClass) {
          base = letter;
          chars.splice(j, 1);
          break;
        }
        if (cc > blockingClass) blockingClass = cc;
      }
    }
    let tertiaryWeight = upper ? TERTIARY_UPPER : TERTIARY_COMMON;
    if (PRIMARY[base] === undefined && /\s/.test(base)) {
      base = ' ';
      tertiaryWeight = TERTIARY_SPACE_VARIANT;
    }
    primary += primaryUnits(base);
    secondary += String.fromCharCode(SECONDARY_COMMON);
    tertiary += String.fromCharCode(tertiaryWeight);
  }
  return primary + LEVEL_SEPARATOR + secondary + LEVEL_SEPARATOR + tertiary;
}

/**
 * Vietnamese alphabetical order (a ă â b c d đ e ê … o ô ơ … u ư …; tones none, huyền, hỏi, ngã,
 * sắc, nặng; lower before upper case), agreeing with `Intl.Collator('vi')`. NFD equals NFC.
 */
export function compareVi(a: string, b: string): number {
  if (a === b) return 0;
  const ka = collationKey(a);
  const kb = collationKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** A stable copy of `items` sorted in Vietnamese order of `key`. */
export function sortVi<T>(items: readonly T[], key: (t: T) => string): T[] {
  // Keys are computed once per item; the index keeps equal keys in input order on any engine.
  const decorated = items.map((item, index) => ({ item, index, k: collationKey(key(item)) }));
  decorated.sort((x, y) => (x.k < y.k ? -1 : x.k > y.k ? 1 : x.index - y.index));
  return decorated.map((d) => d.item);
}
