// The one least-recently-used cache of core: a budget of weighted entries, the oldest read dropped first.

/**
 * A least-recently-used cache with a budget: each entry weighs `weight(value)` (1 each by default),
 * and when the weights add up to more than `budget` the entries least recently set or read are
 * dropped until they fit again. An entry heavier than the whole budget is dropped as soon as it is set.
 * Setting a key already held keeps the value held (what is cached never changes).
 */
export class Lru<K, V> {
  private readonly map = new Map<K, V>();
  private used = 0;
  constructor(
    private readonly budget: number,
    private readonly weight: (value: V) => number = () => 1,
  ) {}

  get size(): number {
    return this.map.size;
  }

  has(key: K): boolean {
    return this.map.has(key);
  }

  /** The value held for `key`, which becomes the most recently used. */
  get(key: K): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): void {
    if (this.map.has(key)) return;
    this.map.set(key, value);
    this.used += this.weight(value);
    // A Map iterates in insertion order, and get() re-inserts: the first entries are the least recent.
    for (const [oldest, old] of this.map) {
      if (this.used <= this.budget) break;
      this.map.delete(oldest);
      this.used -= this.weight(old);
    }
  }

  /** The keys held, least recently used first. */
  keys(): K[] {
    return [...this.map.keys()];
  }
}
