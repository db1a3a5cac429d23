// Exact fractions over bigint, so that tallies compare shares and credits without rounding errors.

/** A fraction num/den with den > 0, kept in lowest terms. */
export interface Ratio {
  readonly num: bigint;
  readonly den: bigint;
}

const abs = (n: bigint) => (n < 0n ? -n : n);

function gcd(a: bigint, b: bigint): bigint {
  a = abs(a);
  b = abs(b);
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

export function ratio(num: bigint, den: bigint = 1n): Ratio {
  if (den === 0n) throw new RangeError('A ratio cannot have a zero denominator.');
  if (den < 0n) [num, den] = [-num, -den];
  const g = gcd(num, den);
  return g > 1n ? { num: num / g, den: den / g } : { num, den };
}

export const ZERO: Ratio = { num: 0n, den: 1n };

/**
 * The exact value of a number as it is written in its shortest decimal form: 0.1 is 1/10, not the
 * binary double nearest to it. Every number read from YAML or JSON is such a decimal.
 */
export function fromNumber(x: number): Ratio {
  if (!Number.isFinite(x)) throw new RangeError(`${x} is not a finite number.`);
  const { digits, places } = decimalOf(x);
  return ratio(digits, 10n ** BigInt(places));
}

/** A number's shortest decimal form as integer digits and the places after the point: 0.6667 → 6667, 4. */
export function decimalOf(x: number): { digits: bigint; places: number } {
  const match = /^(-?)([0-9]+)(?:\.([0-9]+))?(?:e([+-]?[0-9]+))?$/.exec(String(x));
  if (match === null) throw new RangeError(`${x} is not a decimal number.`);
  const [, sign, whole, fraction = '', exponent = '0'] = match;
  let places = fraction.length - Number(exponent);
  let digits = BigInt(`${sign}${whole}${fraction}`);
  if (places < 0) {
    digits *= 10n ** BigInt(-places);
    places = 0;
  }
  return { digits, places };
}

export const add = (a: Ratio, b: Ratio): Ratio => ratio(a.num * b.den + b.num * a.den, a.den * b.den);
export const mul = (a: Ratio, b: Ratio): Ratio => ratio(a.num * b.num, a.den * b.den);

/** -1, 0 or 1 as a is less than, equal to or greater than b. */
export function compare(a: Ratio, b: Ratio): number {
  const left = a.num * b.den;
  const right = b.num * a.den;
  return left < right ? -1 : left > right ? 1 : 0;
}

export const toNumber = (r: Ratio): number => Number(r.num) / Number(r.den);

/** 2/3, 1/2, 3 — for people. */
export const format = (r: Ratio): string => (r.den === 1n ? String(r.num) : `${r.num}/${r.den}`);

/** Fractions people mean when they write a rounded decimal: two thirds has no exact decimal. */
const ROUNDED_FRACTIONS: readonly Ratio[] = [ratio(1n, 3n), ratio(2n, 3n), ratio(1n, 6n), ratio(5n, 6n)];

/**
 * The share a threshold or quorum written as a decimal means. A decimal with two or more places that
 * is a third or a sixth rounded to those places (0.33, 0.667, 0.6667, 0.8333) means that fraction
 * exactly, so 0.6667 is two thirds and 2 of 3 reaches it; any other decimal means exactly itself
 * (0.3 is 3/10, 0.66 is 66/100, 0.75 is 3/4).
 */
export function shareOf(x: number): Ratio {
  const { digits, places } = decimalOf(x);
  if (places >= 2) {
    const scale = 10n ** BigInt(places);
    for (const f of ROUNDED_FRACTIONS) {
      // |f - x| < half a unit of the last place written: 2·|f.num·scale − digits·f.den| < f.den
      if (2n * abs(f.num * scale - digits * f.den) < f.den) return f;
    }
  }
  return ratio(digits, 10n ** BigInt(places));
}
