// Tests for Vietnamese text handling and collation, checked against Node's full-ICU Intl.Collator('vi').

import fc from 'fast-check';
import { compareVi, foldCase, nfc, normalizeText, sortVi, stripAccents } from '../../src/core/vi';

const icu = new Intl.Collator('vi');
const nfd = (s: string): string => s.normalize('NFD');

/** Sorting with compareVi and with ICU must give the same list; also every pair's sign must agree. */
function expectSameOrderAsIcu(names: string[]): void {
  expect([...names].sort(compareVi)).toEqual([...names].sort(icu.compare));
  for (const a of names) {
    for (const b of names) {
      const got = Math.sign(compareVi(a, b));
      const want = Math.sign(icu.compare(a, b));
      if (got !== want) throw new Error(`compareVi(${a}, ${b}) = ${got}, ICU says ${want}`);
    }
  }
}

describe('nfc', () => {
  it('composes NFD input', () => {
    expect(nfc('Ho\u0300a')).toBe('Hòa');
    expect(nfc(nfd('Nguyễn Thị Ậu'))).toBe('Nguyễn Thị Ậu');
    expect(nfc(nfd('Nguyễn'))).toHaveLength(6);
  });
});

describe('normalizeText', () => {
  it('trims and collapses white space, NBSP included', () => {
    expect(normalizeText('  Xã\u00a0 An \t\n Phú  ')).toBe('Xã An Phú');
    expect(normalizeText('\u00a0')).toBe('');
  });
  it('returns NFC', () => {
    expect(normalizeText(` ${nfd('Đạt một phần')} `)).toBe('Đạt một phần');
  });
});

describe('foldCase', () => {
  it('lower-cases Vietnamese capitals after normalising', () => {
    expect(foldCase('  KHÔNG  ĐẠT ')).toBe('không đạt');
    expect(foldCase(nfd('Không Áp Dụng'))).toBe('không áp dụng');
    expect(foldCase('Dấu thời gian')).toBe(foldCase('DẤU THỜI GIAN'));
  });
  it('keeps tones apart', () => {
    expect(foldCase('Đạt')).not.toBe(foldCase('Dat'));
  });
});

describe('stripAccents', () => {
  it('drops tones and letter marks, đ → d', () => {
    expect(stripAccents('Hồng Sơn')).toBe('Hong Son');
    expect(stripAccents('Thị trấn Đại Nghĩa')).toBe('Thi tran Dai Nghia');
    expect(stripAccents('ĂÂÊÔƠƯĐ ăâêôơưđ')).toBe('AAEOOUD aaeooud');
    expect(stripAccents('Xã Phù Lưu Tế')).toBe('Xa Phu Luu Te');
  });
  it('accepts NFD input', () => {
    expect(stripAccents(nfd('Ngọc Hồi'))).toBe('Ngoc Hoi');
  });
  it('leaves plain text alone', () => {
    expect(stripAccents('An Phu 2')).toBe('An Phu 2');
  });
});

describe('compareVi', () => {
  const sorted = (xs: string[]): string[] => [...xs].sort(compareVi);

  it('orders tones none, huyền, hỏi, ngã, sắc, nặng', () => {
    expect(sorted(['Họa', 'Hóa', 'Hõa', 'Hỏa', 'Hòa', 'Hoa'])).toEqual([
      'Hoa',
      'Hòa',
      'Hỏa',
      'Hõa',
      'Hóa',
      'Họa',
    ]);
  });

  it('treats ă â đ ê ô ơ ư as letters of their own, not as code points', () => {
    expect(sorted(['Bình', 'Ân', 'Ăn', 'An'])).toEqual(['An', 'Ăn', 'Ân', 'Bình']);
    expect(sorted(['Đồng', 'Đại', 'Dương', 'Em'])).toEqual(['Dương', 'Đại', 'Đồng', 'Em']);
    expect(sorted(['Ơn', 'Pha', 'Ôn', 'On'])).toEqual(['On', 'Ôn', 'Ơn', 'Pha']);
    expect(sorted(['Vân', 'Ưng', 'Uyên'])).toEqual(['Uyên', 'Ưng', 'Vân']);
    // Code-point order would put Đ (U+0110) after every ASCII letter.
    expect(compareVi('Đồng Tâm', 'Hợp Tiến')).toBeLessThan(0);
  });

  it('compares base letters before any tone', () => {
    // ả carries a tone but a < ă decides first.
    expect(compareVi('Hả', 'Hă')).toBeLessThan(0);
    expect(compareVi('Hồng', 'Hợp')).toBeLessThan(0); // ô < ơ
    expect(compareVi('Hợp', 'Hùng')).toBeLessThan(0); // ơ < u
  });

  it('compares tones left to right', () => {
    // The first difference is on the o: none before huyền, whatever follows.
    expect(compareVi('Hoà', 'Hòa')).toBeLessThan(0);
    expect(compareVi('Hòa', 'Hoà')).toBeGreaterThan(0);
  });

  it('puts lower case before upper case, but only as the last resort', () => {
    expect(sorted(['HOA', 'Hoa', 'hoa'])).toEqual(['hoa', 'Hoa', 'HOA']);
    expect(compareVi('Hoa', 'hòa')).toBeLessThan(0); // tone beats case
    expect(compareVi('an', 'AN')).toBeLessThan(0);
    expect(compareVi('AN', 'anh')).toBeLessThan(0); // letters beat case
  });

  it('sorts spaces and punctuation before digits, digits before letters', () => {
    expect(sorted(['Xã An Phú', 'Xã An Mỹ'])).toEqual(['Xã An Mỹ', 'Xã An Phú']);
    expect(sorted(['Anh', 'An Mỹ', 'An'])).toEqual(['An', 'An Mỹ', 'Anh']);
    expect(sorted(['a', '9', '1', '-', ' '])).toEqual([' ', '-', '1', '9', 'a']);
    expect(sorted(['Tổ 10', 'Tổ 1', 'Tổ A'])).toEqual(['Tổ 1', 'Tổ 10', 'Tổ A']);
  });

  it('gives 0 only for canonically equal strings', () => {
    expect(compareVi(nfd('Nguyễn Thị Ậu'), 'Nguyễn Thị Ậu')).toBe(0);
    expect(compareVi('a\u0323\u0302', 'ậ')).toBe(0);
    expect(compareVi('', '')).toBe(0);
    expect(compareVi('Hoa', 'Hoa ')).toBeLessThan(0);
    expect(compareVi('', 'a')).toBeLessThan(0);
  });

  it('agrees with ICU on the Mỹ Đức units, old and new', () => {
    const units = [
      'Thị trấn Đại Nghĩa',
      'Xã Đồng Tâm',
      'Xã Thượng Lâm',
      'Xã Tuy Lai',
      'Xã Phúc Lâm',
      'Xã Mỹ Thành',
      'Xã Bột Xuyên',
      'Xã An Mỹ',
      'Xã Hồng Sơn',
      'Xã Lê Thanh',
      'Xã Xuy Xá',
      'Xã Phùng Xá',
      'Xã Phù Lưu Tế',
      'Xã Đại Hưng',
      'Xã Vạn Kim',
      'Xã Đốc Tín',
      'Xã Hương Sơn',
      'Xã Hùng Tiến',
      'Xã An Tiến',
      'Xã Hợp Tiến',
      'Xã Hợp Thanh',
      'Xã An Phú',
      'Xã Mỹ Xuyên',
      'Xã Vạn Tín',
      'Xã Mỹ Đức',
      'Xã Phúc Sơn',
    ];
    const bare = units.map((u) => u.replace(/^(Xã|Thị trấn) /, ''));
    // Written out by hand from the documented alphabet, so the test does not rest on ICU alone.
    expect(sortVi(bare, (u) => u)).toEqual([
      'An Mỹ',
      'An Phú',
      'An Tiến',
      'Bột Xuyên',
      'Đại Hưng',
      'Đại Nghĩa',
      'Đốc Tín',
      'Đồng Tâm',
      'Hồng Sơn',
      'Hợp Thanh',
      'Hợp Tiến',
      'Hùng Tiến',
      'Hương Sơn',
      'Lê Thanh',
      'Mỹ Đức',
      'Mỹ Thành',
      'Mỹ Xuyên',
      'Phù Lưu Tế',
      'Phúc Lâm',
      'Phúc Sơn',
      'Phùng Xá',
      'Thượng Lâm',
      'Tuy Lai',
      'Vạn Kim',
      'Vạn Tín',
      'Xuy Xá',
    ]);
    expectSameOrderAsIcu(units);
    expectSameOrderAsIcu(bare);
    expectSameOrderAsIcu([...bare.map((u) => u.toUpperCase()), ...bare.map(nfd)]);
  });

  it('agrees with ICU on tricky sets', () => {
    expectSameOrderAsIcu(['Hòa', 'Hoà', 'Hoa', 'Hóa', 'Họa', 'Hỏa', 'Hõa', 'hoa', 'HOA', 'HÒA']);
    expectSameOrderAsIcu([
      'An',
      'Ăn',
      'Ân',
      'Ẩn',
      'Ấn',
      'Ằn',
      'Ặn',
      'Ậm',
      'an',
      'ăn',
      'Anh',
      'An Ninh',
    ]);
    expectSameOrderAsIcu(['Đồng', 'Dương', 'Đại', 'Dung', 'Đinh', 'đỗ', 'Do', 'DO', 'Đo']);
    expectSameOrderAsIcu(['Ơn', 'Ôn', 'On', 'Ốc', 'Ở', 'Ợ', 'Ộ', 'Ọ', 'Oanh', 'Ông']);
    expectSameOrderAsIcu(['Ưng', 'Uyên', 'Ứng', 'Ừ', 'Ự', 'Ụ', 'Uy', 'Ủy', 'Uỷ', 'Ưu']);
    expectSameOrderAsIcu(['Xã An Phú', 'Xã An Mỹ', 'Xã An', 'Xã Ân Thi', 'Xã  An', 'Xã\u00a0An']);
    expectSameOrderAsIcu([
      'Nguyễn Văn A',
      'Nguyễn Văn Ánh',
      'Nguyễn Văn An',
      'Ngô Văn B',
      'Nghiêm',
    ]);
    expectSameOrderAsIcu(['Tổ 1', 'Tổ 10', 'Tổ 2', 'Tổ-2', 'Tổ (cũ)', 'Tổ.2', "Tổ'2", 'Tổ A']);
  });

  // Real names are NFC or NFD text made of Vietnamese letters: a base letter, at most one of the
  // letter marks that base takes (ă â ê ô ơ ư) and at most one tone, in either case.
  const BASES = 'aăâbcdđeêfghijklmnoôơpqrstuưvwxyz'.split('');
  const TONES = ['', '\u0300', '\u0309', '\u0303', '\u0301', '\u0323'];
  const letter = fc
    .tuple(fc.constantFrom(...BASES), fc.constantFrom(...TONES), fc.boolean())
    .map(([base, tone, upper]) => {
      const withTone = /[aăâeêioôơuưy]/.test(base) ? base + tone : base;
      return upper ? withTone.toUpperCase() : withTone;
    });
  const word = fc.array(letter, { minLength: 1, maxLength: 6 }).map((ls) => ls.join(''));
  const name = fc
    .tuple(fc.array(word, { minLength: 1, maxLength: 3 }), fc.boolean())
    .map(([ws, decomposed]) => {
      const s = ws.join(' ');
      return decomposed ? s.normalize('NFD') : s.normalize('NFC');
    });

  it('agrees with ICU on random Vietnamese names (property)', () => {
    fc.assert(
      fc.property(
        name,
        name,
        (a, b) => Math.sign(compareVi(a, b)) === Math.sign(icu.compare(a, b)),
      ),
      { numRuns: 3000 },
    );
  });

  it('agrees with ICU on names that differ only in tones and case (property)', () => {
    // Random pairs mostly differ in their first letter; here both share the same base letters,
    // so the second and third levels decide.
    const skeleton = fc.array(fc.constantFrom(...'aeoudy '.split('')), {
      minLength: 1,
      maxLength: 6,
    });
    const dress = (skel: string[]) =>
      fc
        .tuple(
          ...skel.map((c) =>
            fc.tuple(fc.constantFrom(...variantsOf(c)), fc.constantFrom(...TONES), fc.boolean()),
          ),
        )
        .map((parts) =>
          parts
            .map(([base, tone, upper]) => {
              const l = base === ' ' || base === 'd' || base === 'đ' ? base : base + tone;
              return upper ? l.toUpperCase() : l;
            })
            .join(''),
        );
    const pair = skeleton.chain((skel) => fc.tuple(dress(skel), dress(skel), fc.boolean()));
    fc.assert(
      fc.property(pair, ([a, b, decomposed]) => {
        const x = decomposed ? a.normalize('NFD') : a.normalize('NFC');
        return Math.sign(compareVi(x, b)) === Math.sign(icu.compare(x, b));
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees with ICU on ASCII punctuation, digits and spaces mixed with letters (property)', () => {
    const chars = fc.constantFrom(
      ...' -.,()/\'"_0123456789aAbBđĐăĂơƠưƯàẠếỆ\u00a0'.split(''),
      ...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)),
    );
    const text = fc.array(chars, { maxLength: 8 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(
        text,
        text,
        (a, b) => Math.sign(compareVi(a, b)) === Math.sign(icu.compare(a, b)),
      ),
      { numRuns: 3000 },
    );
  });

  it('is a consistent order: NFD equals NFC, antisymmetric (property)', () => {
    fc.assert(
      fc.property(name, name, (a, b) => {
        return (
          compareVi(nfd(a), nfc(a)) === 0 &&
          Math.sign(compareVi(a, b)) === -Math.sign(compareVi(b, a))
        );
      }),
    );
  });
});

/** The letters that share the base `c` on level 1 apart from their marks. */
function variantsOf(c: string): string[] {
  switch (c) {
    case 'a':
      return ['a', 'ă', 'â'];
    case 'e':
      return ['e', 'ê'];
    case 'o':
      return ['o', 'ô', 'ơ'];
    case 'u':
      return ['u', 'ư'];
    case 'd':
      return ['d', 'đ'];
    default:
      return [c];
  }
}

describe('sortVi', () => {
  it('returns a sorted copy and leaves the input alone', () => {
    const input = [{ n: 'Đồng Tâm' }, { n: 'An Phú' }, { n: 'Dương' }];
    const out = sortVi(input, (u) => u.n);
    expect(out.map((u) => u.n)).toEqual(['An Phú', 'Dương', 'Đồng Tâm']);
    expect(input.map((u) => u.n)).toEqual(['Đồng Tâm', 'An Phú', 'Dương']);
    expect(out).not.toBe(input);
  });

  it('is stable for equal keys, NFD and NFC included', () => {
    const input = [
      { n: 'Hòa', id: 1 },
      { n: 'An', id: 2 },
      { n: nfd('Hòa'), id: 3 },
      { n: 'Hòa', id: 4 },
    ];
    expect(sortVi(input, (u) => u.n).map((u) => u.id)).toEqual([2, 1, 3, 4]);
  });

  it('agrees with compareVi (property)', () => {
    const BASE = 'aăâdđoôơuư hHĐ';
    const s = fc.array(fc.constantFrom(...BASE.split('')), { maxLength: 5 }).map((x) => x.join(''));
    fc.assert(
      fc.property(fc.array(s, { maxLength: 20 }), (xs) => {
        const out = sortVi(xs, (x) => x);
        return (
          out.every((x, i) => i === 0 || compareVi(out[i - 1], x) <= 0) && out.length === xs.length
        );
      }),
    );
  });
});
