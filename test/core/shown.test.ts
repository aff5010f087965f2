// Typed values quoted in messages (bounded, hidden characters named) and text cut to a cell's limit with a mark.

import { clipText, needsQuoting, quoteValue } from '../../src/core/shown';

describe('quoteValue', () => {
  test('short visible text is quoted as typed', () => {
    expect(quoteValue('Xã Hòa Bình')).toBe('"Xã Hòa Bình"');
    expect(needsQuoting('Xã Hòa Bình')).toBe(false);
  });
  test('invisible characters are left out of the text and named by code point', () => {
    expect(quoteValue('\u200b\u200b')).toBe('"" (ký tự ẩn: U+200B U+200B)');
    expect(quoteValue('\u0301\u0301')).toBe('"" (ký tự ẩn: U+0301 U+0301)');
    expect(quoteValue('Xã An\u200bMỹ')).toBe('"Xã AnMỹ" (ký tự ẩn: U+200B)');
    expect(quoteValue('\ufeff\u00a0')).toBe('"" (ký tự ẩn: U+FEFF U+00A0)');
    // A combining accent on a letter is part of the letter (NFD typing).
    expect(quoteValue('Xa\u0303')).toBe('"Xa\u0303"');
    expect(needsQuoting('Xa\u0303')).toBe(false);
    expect(needsQuoting('\u200b')).toBe(true);
  });
  test('a long value: its first 200 characters and its length', () => {
    const text = `Xã ${'O'.repeat(1_000_000)}`;
    expect(quoteValue(text)).toBe(`"Xã ${'O'.repeat(197)}…" (1.000.003 ký tự)`);
    expect(quoteValue('😀'.repeat(201))).toBe(`"${'😀'.repeat(200)}…" (201 ký tự)`);
  });
});

describe('clipText', () => {
  test('text within the limit is unchanged', () => {
    expect(clipText('abc', 3)).toBe('abc');
  });
  test('longer text is cut to the limit, ending with a mark that gives its length', () => {
    const cut = clipText('x'.repeat(60_000), 50_000);
    expect(cut).toHaveLength(50_000);
    expect(cut.endsWith('x …[đã cắt bớt: 60.000 ký tự]')).toBe(true);
  });
  test('a surrogate pair is never split', () => {
    const mark = ' …[đã cắt bớt: 100 ký tự]';
    const cut = clipText('😀'.repeat(100), mark.length + 3);
    expect(cut).toBe(`😀${mark}`);
  });
});
