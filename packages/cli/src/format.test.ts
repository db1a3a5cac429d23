// The caret frame: the line before, the line itself, and carets under the whole value.
import type { Diagnostic } from '@cooperage/core';
import { describe, expect, it } from 'vitest';
import { codeFrame, formatDiagnostic } from './format.ts';
import type { Paint } from './io.ts';

const plain: Paint = { red: (s) => s, yellow: (s) => s, green: (s) => s, dim: (s) => s, bold: (s) => s, cyan: (s) => s };
const text = 'name: Bob\ntier: membr\nsince: 2026-01-01\ndating:\n  stage: 9\n';

describe('codeFrame', () => {
  it('underlines the value from its column to its end', () => {
    expect(codeFrame(text, 2, 7, plain, { line: 2, column: 12 })).toBe(
      ['  1 | name: Bob', '> 2 | tier: membr', '    |       ^^^^^', '  3 | since: 2026-01-01'].join('\n'),
    );
  });

  it('puts one caret at a point, or when no end is known', () => {
    expect(codeFrame(text, 2, 7, plain, { line: 2, column: 7 }).split('\n')[2]).toBe('    |       ^');
    expect(codeFrame(text, 2, 7, plain).split('\n')[2]).toBe('    |       ^');
  });

  it('underlines to the end of the line a value that goes on past it', () => {
    expect(codeFrame(text, 5, 3, plain, { line: 6, column: 1 }).split('\n')[2]).toBe('    |   ^^^^^^^^');
  });
});

describe('formatDiagnostic', () => {
  it('gives file:line:column, the code, the message, and the value underlined', () => {
    const d: Diagnostic = {
      file: 'governance/members/bob.yaml',
      line: 2,
      column: 7,
      endLine: 2,
      endColumn: 12,
      code: 'member.tier-exists',
      message: 'The tier "membr" is not in the constitution.',
    };
    expect(formatDiagnostic(d, 'error', text, plain)).toBe(
      'governance/members/bob.yaml:2:7 error member.tier-exists: The tier "membr" is not in the constitution.\n  1 | name: Bob\n> 2 | tier: membr\n    |       ^^^^^\n  3 | since: 2026-01-01\n',
    );
  });
});
