// A seeded random source for the synthetic states and histories the bench writes: the same numbers on every platform, so every run measures the same data.

/** Plain functions, so that they can be taken out of it (`const { int, pick } = seeded(1)`). */
export interface Random {
  /** A number in [0, 1). */
  next: () => number;
  /** An integer from `lo` to `hi`, both included. */
  int: (lo: number, hi: number) => number;
  /** One element of a non-empty list. */
  pick: <T>(xs: readonly T[]) => T;
  /** True with probability `p`. */
  chance: (p: number) => boolean;
}

/** mulberry32: a small, fast generator, its sequence fixed by `seed`. */
export function seeded(seed: number): Random {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (xs) => xs[Math.floor(next() * xs.length)]!,
    chance: (p) => next() < p,
  };
}
