// The one least-recently-used cache of core: a budget of weighted entries, the oldest read dropped first.

/**
 * A least-recently-used cache with a budget: each entry weighs what `set` was told (1 by default),
 * and when the weights add up to more than `budget` the entries least recently set or read are
 * dropped until they fit again. An entry heavier than the whole budget is dropped as soon as it is set.
 * Setting a key already held keeps the value held (what is cached never changes).
 *
 * The weight is passed to `set` rather than computed by a function the cache is given: the cache
 * serves several hot paths (the pack reader's delta bases, the history's trees), and with a function
 * per cache the audit benchmark took some 8% more CPU time than with the caches written inline.
 */
export class Lru<K, V> {
  private readonly map = new Map<K, { value: V; weight: number }>();
  private used = 0;
  constructor(private readonly budget: number) {}

  get size(): number {
    return this.map.size;
  }

  has(key: K): boolean {
    return this.map.has(key);
  }

  /** The value held for `key`, which becomes the most recently used. */
  get(key: K): V | undefined {
    const entry = this.map.get(key);
    if (entry === undefined) return undefined;
    this.map.delete(key);
    this.map.set(key, entry);
    return entry.value;
  }

  set(key: K, value: V, weight = 1): void {
    if (this.map.has(key)) return;
    this.map.set(key, { value, weight });
    this.used += weight;
    // A Map iterates in insertion order, and get() re-inserts: the first entries are the least recent.
    for (const [oldest, old] of this.map) {
      if (this.used <= this.budget) break;
      this.map.delete(oldest);
      this.used -= old.weight;
    }
  }

  /** The keys held, least recently used first. */
  keys(): K[] {
    return [...this.map.keys()];
  }
}
