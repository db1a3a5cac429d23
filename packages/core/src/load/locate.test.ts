// Positions of values in a YAML file: where each starts, and where it ends.
import { describe, expect, it } from 'vitest';
import { PositionIndex } from './locate.ts';

const text = `name: Ana Costa
tier: member
emails: [ana@example.org, ana@example.com]
dating:
  stage: 2
  since: "2026-09-01"
note: |
  two
  lines
empty:
`;

describe('PositionIndex.span', () => {
  const index = new PositionIndex(text);

  it('gives a scalar from its first character to just after its last', () => {
    expect(index.span(['tier'])).toEqual({ line: 2, column: 7, endLine: 2, endColumn: 13 });
    expect(index.span(['name'])).toEqual({ line: 1, column: 7, endLine: 1, endColumn: 16 });
  });

  it('gives a quoted value with its quotes, a list item alone, and a key alone', () => {
    expect(index.span(['dating', 'since'])).toEqual({ line: 6, column: 10, endLine: 6, endColumn: 22 });
    expect(index.span(['emails', 1])).toEqual({ line: 3, column: 27, endLine: 3, endColumn: 42 });
    expect(index.span(['dating', 'stage'], 'key')).toEqual({ line: 5, column: 3, endLine: 5, endColumn: 8 });
  });

  it('gives a map or a block scalar over the lines it takes', () => {
    expect(index.span(['dating'])).toMatchObject({ line: 5, column: 3, endLine: 7 });
    expect(index.span(['note'])).toMatchObject({ line: 7, column: 7, endLine: 10 });
  });

  it('gives a point where there is nothing to underline: a missing property, an empty value, the whole file', () => {
    expect(index.span(['dating', 'until'])).toEqual({ line: 5, column: 3, endLine: 5, endColumn: 3 });
    expect(index.span(['empty'])).toEqual({ line: 10, column: 7, endLine: 10, endColumn: 7 });
    expect(index.span([])).toEqual({ line: 1, column: 1, endLine: 1, endColumn: 1 });
  });

  it('starts where locate says', () => {
    for (const path of [['tier'], ['emails', 0], ['dating', 'since'], ['dating', 'nope'], []] as const) {
      const { line, column } = index.span(path);
      expect(index.locate(path)).toEqual({ line, column });
    }
  });
});
