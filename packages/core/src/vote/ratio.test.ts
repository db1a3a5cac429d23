// Tests of exact fractions: decimals read exactly, and shares that mean a third or a sixth.
import { describe, expect, it } from 'vitest';
import { add, compare, format, fromNumber, mul, shareOf } from './ratio.ts';

describe('fromNumber', () => {
  it.each<[number, string]>([
    [0, '0'],
    [3, '3'],
    [0.1, '1/10'],
    [62.5, '125/2'],
    [-0.25, '-1/4'],
    [1e-7, '1/10000000'],
    [1.5e21, '1500000000000000000000'],
  ])('%d is %s', (x, expected) => expect(format(fromNumber(x))).toBe(expected));

  it('adds decimals exactly: 0.1 + 0.2 is 0.3', () => {
    expect(compare(add(fromNumber(0.1), fromNumber(0.2)), fromNumber(0.3))).toBe(0);
    expect(format(mul(fromNumber(2.5), fromNumber(25)))).toBe('125/2');
  });
});

describe('shareOf', () => {
  it.each<[number, string]>([
    [0.6667, '2/3'],
    [0.667, '2/3'],
    [0.67, '2/3'],
    [0.66667, '2/3'],
    [0.33, '1/3'],
    [0.3333, '1/3'],
    [0.8333, '5/6'],
    [0.17, '1/6'],
    // One place, or not within rounding of a third or a sixth: exactly as written.
    [0.3, '3/10'],
    [0.7, '7/10'],
    [0.66, '33/50'],
    [0.68, '17/25'],
    [0.6666, '3333/5000'],
    [0.5, '1/2'],
    [0.75, '3/4'],
    [0, '0'],
    [1, '1'],
  ])('%d means %s', (x, expected) => expect(format(shareOf(x))).toBe(expected));
});
