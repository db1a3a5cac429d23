// Where js-yaml and YAML 1.2 part ways, each reading gives the one meaning, or the one error, decided for governance files.
import { describe, expect, it } from 'vitest';
import { fastReading, MAX_REFERENCE_LENGTH, parseCanonical, parseYaml, type ParseResult } from './parse.ts';

type Outcome = { value: unknown } | { code: string; line: number; column: number };

const outcome = (result: ParseResult): Outcome =>
  result.ok ? { value: result.value } : { code: result.problem.code, line: result.problem.line!, column: result.problem.column! };

/** The project's reading and the reference both give `expected`; the fast reading gives it too, or leaves the file to the reference. */
function expectOneMeaning(text: string, expected: Outcome): void {
  expect(outcome(parseYaml('t.yaml', text))).toEqual(expected);
  expect(outcome(parseCanonical('t.yaml', text))).toEqual(expected);
  const fast = fastReading('t.yaml', text);
  if (fast !== undefined) expect(outcome(fast)).toEqual(expected);
}

const member = 'name: Ana Costa\ntier: member\nsince: 2024-03-01\n';

describe('one meaning where the readers part ways', () => {
  const cases: [string, string, Outcome][] = [
    // A carriage return alone: js-yaml ends the line, `yaml` keeps it as text or in a comment.
    ['a lone CR hiding a key in a comment', `${member}mentor: bob # note\rgithub: someone-else\n`, { code: 'yaml.line-break', line: 4, column: 19 }],
    ['a lone CR between two keys', 'a: b\rc: d\n', { code: 'yaml.line-break', line: 1, column: 5 }],
    ['a lone CR in quotes', 'a: "b\rc"\n', { code: 'yaml.line-break', line: 1, column: 6 }],
    ['a lone CR at the end', 'a: 1\r', { code: 'yaml.line-break', line: 1, column: 5 }],
    ['a lone CR after CRLF lines', 'a: 1\r\nb: 2\r\nc: x\ry\r\n', { code: 'yaml.line-break', line: 3, column: 5 }],
    ['CRLF line ends', 'a: 1\r\nb: [x, y]\r\nc: |\r\n  z\r\n', { value: { a: 1, b: ['x', 'y'], c: 'z\n' } }],
    // Text on the `---` line.
    ['a map on the --- line', '--- title: x\nauthor: ana\n', { code: 'yaml.syntax', line: 1, column: 5 }],
    ['a map on the --- line, indented after it', '--- key1: value1\n    key2: value2\n', { code: 'yaml.syntax', line: 1, column: 5 }],
    ['a no-break space after ---', '---\u00a0title: x\n', { value: { '---\u00a0title': 'x' } }],
    ['an em space after ---', '---\u2003title: x\n', { value: { '---\u2003title': 'x' } }],
    ['a scalar on the --- line', '--- x\n', { value: 'x' }],
    ['a comment on the --- line', '--- # proposal\ntitle: x\n', { value: { title: 'x' } }],
    ['text after ...', 'a: 1\n... x\n', { code: 'yaml.syntax', line: 2, column: 5 }],
    // A block scalar's leading blank lines indented more than its text, with no indentation indicator.
    ['spaces-only lines opening a folded block', 'summary: >\n \n  \n   \n # comment\n', { code: 'yaml.syntax', line: 5, column: 2 }],
    ['a blank line indented more than the text', 'summary: |\n    \n  text\n', { code: 'yaml.syntax', line: 3, column: 3 }],
    ['a blank line indented less than the text', 'summary: |\n \n  text\n', { value: { summary: '\ntext\n' } }],
    ['an indentation indicator', 'summary: |2\n    \n  text\n', { value: { summary: '  \ntext\n' } }],
    // A flow collection as a key, the colon right after it.
    ['a list as a key in a flow map', 'circles: { [care]:steward }\n', { code: 'yaml.key', line: 1, column: 12 }],
    ['a map as a key in a flow list', 'a: [ {b: c}:d ]\n', { code: 'yaml.key', line: 1, column: 6 }],
    ['a quoted key glued to its colon', 'a: { "b":c }\n', { value: { a: { b: 'c' } } }],
    // Tags: governance files use none, not even the non-specific `!` or the core schema's own.
    ['a bare ! tag', '!\n', { code: 'yaml.unsupported', line: 1, column: 1 }],
    ['a bare ! tag on a value', `${member}mentor: !\n`, { code: 'yaml.unsupported', line: 4, column: 9 }],
    ['a bare ! tag before a value', 'a: ! x\n', { code: 'yaml.unsupported', line: 1, column: 4 }],
    ['a ! tag in a flow list', 'a: [!, b]\n', { code: 'yaml.unsupported', line: 1, column: 5 }],
    ['a !!str tag', 'a: !!str 123\n', { code: 'yaml.unsupported', line: 1, column: 4 }],
    ['a !!map tag after an anchor', 'a: &x !!map { b: 1 }\n', { code: 'yaml.unsupported', line: 1, column: 7 }],
    ['a verbatim tag', 'a: !<tag:yaml.org,2002:str> x\n', { code: 'yaml.unsupported', line: 1, column: 4 }],
    ['an exclamation mark in text', 'title: Bienvenue !\n', { value: { title: 'Bienvenue !' } }],
    // Anchors: `&` then a space is text, unless it starts a node.
    ['an ampersand in text', 'what: Care & repair, love & care\n', { value: { what: 'Care & repair, love & care' } }],
    ['an anchor with no name', 'a: & x\n', { code: 'yaml.syntax', line: 1, column: 4 }],
    ['an anchor named by a control character', 'a: &\u000bx y\n', { value: { a: 'y' } }],
    // A list entry left empty, then a less indented one: js-yaml reads it into the inner list.
    ['an empty entry of a compact inner list', '- - \n- x\n', { value: [[null], 'x'] }],
    ['an empty entry, indented, then one at the edge', '  -\n- x\n', { code: 'yaml.syntax', line: 2, column: 1 }],
    ['an empty entry then a more indented one', 'k:\n  -\n  - x\n', { value: { k: [null, 'x'] } }],
    // A comment no further in than a key with no value, before the value.
    ['a comment at the edge between a key and its text', 'summary:\n# note\n  Text\nauthor: ana\n', { value: { summary: 'Text', author: 'ana' } }],
    ['the same, with no space after its #', 'summary:\n#note\n  Text\nauthor: ana\n', { code: 'yaml.syntax', line: 3, column: 3 }],
    ['a comment indented under a key, before its map', 'circles:\n  # note\n  care: steward\n', { value: { circles: { care: 'steward' } } }],
    // Directives, even with no document after them.
    ['a directive alone', '%YAML 1.2\n', { code: 'yaml.directive', line: 1, column: 1 }],
    ['an unknown directive alone', '%FOO bar\n', { code: 'yaml.directive', line: 1, column: 1 }],
    // Keys that become one name in plain data are one key.
    ['a number and its text as keys', '1: a\n"1": b\n', { code: 'yaml.duplicate-key', line: 2, column: 1 }],
    ['a boolean and its text as keys', 'circles: { true: a, "true": b }\n', { code: 'yaml.duplicate-key', line: 1, column: 21 }],
    ['a duplicate before a syntax error', 'a: 1\na: 2\nb: [\n', { code: 'yaml.duplicate-key', line: 2, column: 1 }],
    ['a syntax error before a duplicate', 'a: "x\nb: 1\nb: 2\n', { code: 'yaml.syntax', line: 4, column: 1 }],
  ];

  it.each(cases)('%s', (_, text, expected) => expectOneMeaning(text, expected));

  it('reads a list of 150,000 items with an anchor without overflowing the stack', () => {
    const text = `- &a x\n${'- y\n'.repeat(150_000)}`;
    const result = parseCanonical('t.yaml', text);
    expect(result.ok && (result.value as unknown[]).length).toBe(150_001);
  });
});

describe(`files longer than ${MAX_REFERENCE_LENGTH / 1024} KiB`, () => {
  const votes = (n: number) => `votes:\n${Array.from({ length: n }, (_, i) => `  - voter: m${i}\n    vote: yes\n    at: 2026-11-03T10:00:00Z\n`).join('')}`;
  const long = votes(1000);

  it('are read when plain, with the meaning the reference gives', () => {
    expect(long.length).toBeGreaterThan(MAX_REFERENCE_LENGTH);
    const result = parseYaml('t.yaml', long);
    expect(result).toEqual(parseCanonical('t.yaml', long));
    expect(result.ok && (result.value as { votes: unknown[] }).votes).toHaveLength(1000);
  });

  it('are refused when not plain, at the construct', () => {
    const text = long.replace('  - voter: m500\n', '  - voter: &v m500\n');
    expect(outcome(parseYaml('t.yaml', text))).toEqual({ code: 'yaml.unsupported', line: 1502, column: 12 });
    expect(parseYaml('t.yaml', text)).toMatchObject({
      problem: { message: expect.stringMatching(/^A file over 32 KiB must be plain YAML, and this is not: .* Write it plainly, or split the file\.$/) },
    });
  });

  it("are refused at a syntax error, in the fast reading's words", () => {
    const text = long.replace('  - voter: m500\n    vote: yes\n', '  - voter: m500\n   vote: yes\n');
    const result = parseYaml('t.yaml', text);
    expect(outcome(result)).toEqual({ code: 'yaml.syntax', line: 1503, column: 4 });
    expect(!result.ok && result.problem.message).toMatch(/^Bad indentation of a sequence entry\. Fix the YAML syntax here/);
  });

  it('are refused at a repeated key', () => {
    const text = long.replace('    vote: yes\n    at: 2026-11-03T10:00:00Z\n', '    vote: yes\n    vote: no\n    at: 2026-11-03T10:00:00Z\n');
    expect(outcome(parseYaml('t.yaml', text))).toEqual({ code: 'yaml.duplicate-key', line: 4, column: 5 });
  });

  it('are refused when they nest too deep, as the reference refuses them', () => {
    const text = `${long}deep: ${'['.repeat(100)}${']'.repeat(100)}\n`;
    expect(outcome(parseYaml('t.yaml', text))).toEqual(outcome(parseCanonical('t.yaml', text)));
    expect(outcome(parseYaml('t.yaml', text))).toMatchObject({ code: 'yaml.too-deep' });
  });

  it('still refuse a lone CR', () => {
    expect(outcome(parseYaml('t.yaml', `${long}x: 1\ry: 2\n`))).toEqual({ code: 'yaml.line-break', line: 3002, column: 5 });
  });
});
