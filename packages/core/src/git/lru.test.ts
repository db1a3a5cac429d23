// The LRU cache: what it drops, in which order, by count and by weight.
import { describe, expect, it } from 'vitest';
import { Lru } from './lru.ts';

describe('Lru', () => {
  it('drops the least recently used entry first, a read counting as a use', () => {
    const lru = new Lru<string, number>(3);
    lru.set('a', 1);
    lru.set('b', 2);
    lru.set('c', 3);
    expect(lru.get('a')).toBe(1);
    lru.set('d', 4);
    expect(lru.keys()).toEqual(['c', 'a', 'd']);
    expect(lru.get('b')).toBeUndefined();
    lru.set('e', 5);
    expect(lru.keys()).toEqual(['a', 'd', 'e']);
  });

  it('keeps the value first set for a key, without making it recent', () => {
    const lru = new Lru<string, number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    lru.set('a', 9);
    expect(lru.keys()).toEqual(['a', 'b']);
    lru.set('c', 3);
    expect(lru.keys()).toEqual(['b', 'c']);
  });

  it('drops by weight as many of the oldest as it takes to fit the budget', () => {
    const lru = new Lru<number, Uint8Array>(10);
    const set = (key: number, bytes: Uint8Array) => lru.set(key, bytes, bytes.length);
    set(1, new Uint8Array(4));
    set(2, new Uint8Array(4));
    set(3, new Uint8Array(2));
    expect(lru.keys()).toEqual([1, 2, 3]);
    set(4, new Uint8Array(7));
    expect(lru.keys()).toEqual([3, 4]);
    // Heavier than the whole budget: it goes at once, with everything before it.
    set(5, new Uint8Array(11));
    expect(lru.size).toBe(0);
  });
});
