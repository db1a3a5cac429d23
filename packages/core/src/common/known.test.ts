// Lookups of what must be there: the value when it is, an error that names what was missing when it is not.
import { describe, expect, it } from 'vitest';
import { known, knownAt, lastOf } from './known.ts';

describe('known', () => {
  it('gives the value of a key the map holds, falsy values too', () => {
    const map = new Map([
      ['a', 1],
      ['z', 0],
    ]);
    expect(known(map, 'a', 'The map')).toBe(1);
    expect(known(map, 'z', 'The map')).toBe(0);
  });

  it('throws a plain Error, a bug, naming the map and the key, for a key it does not hold', () => {
    expect(() => known(new Map<string, number>(), 'abc1234', 'The positions of the first-parent commits')).toThrow(
      new Error('The positions of the first-parent commits has no entry for abc1234, which it must have.'),
    );
  });
});

describe('knownAt', () => {
  it('gives the item at an index the list holds, and throws for one past its end', () => {
    expect(knownAt(['x', ''], 1, 'The list')).toBe('');
    expect(() => knownAt(['x'], 1, 'The list')).toThrow('The list has no item at 1 of 1, which it must have.');
    expect(() => knownAt(['x'], -1, 'The list')).toThrow(/no item at -1/);
  });
});

describe('lastOf', () => {
  it('gives the last item of a list that is never empty', () => {
    expect(lastOf(['a'])).toBe('a');
    expect(lastOf(['a', 'b', 'c'])).toBe('c');
  });
});
