// Exact half-up rounding to one decimal: on integers and fractions, never on floating-point noise.

/** A non-negative fraction of safe integers. */
export interface Frac {
  n: number;
  d: number;
}

const gcd = (a: number, b: number): number => {
  let x = Math.abs(a);
  let y = Math.abs(b);
  while (y) {
    const t = x % y;
    x = y;
    y = t;
  }
  return x || 1;
};

const safe = (...xs: number[]): boolean => xs.every((x) => Number.isSafeInteger(x));

/** A fraction from a decimal with at most a few decimals (points like 2.5). */
export function fracOf(x: number): Frac {
  let d = 1;
  while (!Number.isInteger(x * d) && d < 1e6) d *= 10;
  return reduce({ n: Math.round(x * d), d });
}

/** Reduces to lowest terms. */
export function reduce(f: Frac): Frac {
  const g = gcd(f.n, f.d);
  return { n: f.n / g, d: f.d / g };
}

/** a + b, exact while the numbers stay safe integers; null on overflow. */
export function add(a: Frac, b: Frac): Frac | null {
  // Same denominator (the common case: half points): no gcd needed to stay exact.
  if (a.d === b.d) {
    const n = a.n + b.n;
    return safe(n) ? { n, d: a.d } : null;
  }
  const g = gcd(a.d, b.d);
  const d = (a.d / g) * b.d;
  const n = a.n * (b.d / g) + b.n * (a.d / g);
  return safe(n, d) ? reduce({ n, d }) : null;
}

/** a × b, exact while the numbers stay safe integers; null on overflow. */
export function mul(a: Frac, b: Frac): Frac | null {
  if (a.d === 1 && b.d <= 2) {
    const n = a.n * b.n;
    return safe(n) ? { n, d: b.d } : null;
  }
  const g1 = gcd(a.n, b.d);
  const g2 = gcd(b.n, a.d);
  const n = (a.n / g1) * (b.n / g2);
  const d = (a.d / g2) * (b.d / g1);
  return safe(n, d) ? { n, d } : null;
}

/**
 * `scale × n / d` rounded half up to one decimal, exactly: 100 × 349/400 = 87.25 gives 87.3.
 * Falls back to a guarded float only when the integers would overflow.
 */
export function roundRatio1(scale: number, n: number, d: number): number {
  const num = 20 * scale * n + d;
  const den = 2 * d;
  if (safe(num, den)) return Math.floor(num / den) / 10;
  return Math.floor((10 * scale * n) / d + 0.5 + 1e-9) / 10;
}

/** Rounds a finite number half up to one decimal, treating it as the decimal it prints as. */
export function round1(x: number): number {
  const f = fracOf(x);
  return roundRatio1(1, f.n, f.d);
}
