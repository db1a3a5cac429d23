// Broken YAML as people write it: each parser phrase keeps its place and code, and is followed by what to do.
import { describe, expect, it } from 'vitest';
import { consentConstitution as constitution } from '../../../../test/support/constitution.ts';
import { memorySource } from '../common/index.ts';
import { validateSource } from './validate.ts';

interface Case {
  name: string;
  /** The broken file; governance/members/dan.yaml unless said. */
  file?: string;
  text: string;
  line: number;
  column: number;
  code: 'yaml.syntax' | 'yaml.duplicate-key';
  /** The `yaml` library's phrase the message starts with. */
  phrase: string;
  /** What the hint after it says. */
  hint: RegExp;
}

const cases: Case[] = [
  {
    name: 'a key without its colon',
    text: 'name: Dan Reis\ntier member\nsince: 2026-01-01\n',
    line: 2,
    column: 1,
    code: 'yaml.syntax',
    phrase: 'Implicit keys need to be on a single line.',
    hint: /A key and its value go on one line, with a colon and a space after the key: `name: Ana`\. Check this line for a missing colon\./,
  },
  {
    name: 'a value on the line after its key',
    text: 'name: Dan Reis\ntier\n  member\nsince: 2026-01-01\n',
    line: 2,
    column: 1,
    code: 'yaml.syntax',
    phrase: 'Implicit keys need to be on a single line.',
    hint: /A key and its value go on one line/,
  },
  {
    name: 'a key alone at the end',
    text: 'name: Dan Reis\nsince: 2026-01-01\ntier\n',
    line: 3,
    column: 1,
    code: 'yaml.syntax',
    phrase: 'Implicit map keys need to be followed by map values.',
    hint: /Put a colon and a space after the key, then its value: `tier: member`\./,
  },
  {
    name: 'a colon and a space inside a value',
    text: 'name: Dan: the translator\ntier: member\nsince: 2026-01-01\n',
    line: 1,
    column: 7,
    code: 'yaml.syntax',
    phrase: 'Nested mappings are not allowed in compact mappings.',
    hint: /A value with `: ` in it goes in quotes: `what: "Budget: Q4"`\./,
  },
  {
    name: 'a key indented under a plain value',
    text: 'name: Dan Reis\n  tier: member\nsince: 2026-01-01\n',
    line: 1,
    column: 7,
    code: 'yaml.syntax',
    phrase: 'Nested mappings are not allowed in compact mappings.',
    hint: /the keys of one map start at the same column\./,
  },
  {
    name: 'a duplicate key',
    text: 'name: Dan Reis\ntier: member\nname: Daniel Reis\nsince: 2026-01-01\n',
    line: 3,
    column: 1,
    code: 'yaml.duplicate-key',
    phrase: 'Map keys must be unique.',
    hint: /Each key may appear once in a map: remove or merge the repeated one\./,
  },
  {
    name: 'a nested key indented less than its siblings',
    text: 'name: Dan Reis\ntier: member\nsince: 2026-01-01\ndating:\n    stage: 1\n  since: 2026-01-01\n',
    line: 6,
    column: 1,
    code: 'yaml.syntax',
    phrase: 'All mapping items must start at the same column.',
    hint: /Start every key of a map at the same column, indented with spaces/,
  },
  {
    name: 'a tab as indentation',
    text: 'name: Dan Reis\ntier: member\nsince: 2026-01-01\ncircles:\n\tcare: member\n',
    line: 5,
    column: 1,
    code: 'yaml.syntax',
    phrase: 'Tabs are not allowed as indentation.',
    hint: /Indent with spaces, not tabs \(two spaces a level\)/,
  },
  {
    name: 'an unterminated double quote',
    text: 'name: "Dan Reis\ntier: member\nsince: 2026-01-01\n',
    line: 4,
    column: 1,
    code: 'yaml.syntax',
    phrase: 'Missing closing "quote.',
    hint: /Close the quote on the same line: `name: "Ana Costa"`/,
  },
  {
    name: 'an unterminated single quote',
    text: "name: 'Dan Reis\ntier: member\nsince: 2026-01-01\n",
    line: 4,
    column: 1,
    code: 'yaml.syntax',
    phrase: "Missing closing 'quote.",
    hint: /Close the quote on the same line/,
  },
  {
    name: 'text after a closing quote',
    text: 'name: "Dan" Reis\ntier: member\nsince: 2026-01-01\n',
    line: 1,
    column: 13,
    code: 'yaml.syntax',
    phrase: 'Unexpected scalar at node end.',
    hint: /quote the whole value when it holds quotes/,
  },
  {
    name: 'an unclosed list',
    text: 'name: Dan Reis\ntier: member\nemails: [dan@example.org\nsince: 2026-01-01\n',
    line: 4,
    column: 1,
    code: 'yaml.syntax',
    phrase: 'Flow sequence in block collection must be sufficiently indented and end with a ].',
    hint: /Close the list with `\]` on the same line, as in `emails: \[ana@example\.org\]`\./,
  },
  {
    name: 'an unclosed map',
    text: 'name: Dan Reis\ntier: member\nsince: 2026-01-01\ncircles: { care: member\n',
    line: 5,
    column: 1,
    code: 'yaml.syntax',
    phrase: 'Flow map in block collection must be sufficiently indented and end with a }.',
    hint: /Close the map with `\}` on the same line/,
  },
  {
    name: 'a bracket too many',
    text: 'name: Dan Reis\ntier: member\nsince: 2026-01-01\nemails: [dan@example.org]]\n',
    line: 4,
    column: 26,
    code: 'yaml.syntax',
    phrase: 'Unexpected flow-seq-end token in YAML stream: "]".',
    hint: /Brackets go in pairs/,
  },
  {
    name: 'two commas in a list',
    text: 'name: Dan Reis\ntier: member\nsince: 2026-01-01\nemails: [dan@example.org, , dan@example.com]\n',
    line: 4,
    column: 27,
    code: 'yaml.syntax',
    phrase: 'Unexpected , in flow sequence.',
    hint: /Remove the extra comma/,
  },
  {
    name: 'a value starting with @',
    text: 'name: Dan Reis\ntier: member\nsince: 2026-01-01\ngithub: @danreis\n',
    line: 4,
    column: 9,
    code: 'yaml.syntax',
    phrase: 'Plain value cannot start with reserved character @.',
    hint: /Put a value that starts with this character in quotes: `github: "@ana"`\./,
  },
  {
    name: 'a backslash between double quotes',
    text: 'name: "Dan \\Reis"\ntier: member\nsince: 2026-01-01\n',
    line: 1,
    column: 12,
    code: 'yaml.syntax',
    phrase: 'Invalid escape sequence \\R.',
    hint: /a backslash starts an escape: write `\\\\` for a backslash, or use single quotes\./,
  },
  {
    name: 'a # glued to a closing quote',
    text: 'name: "Dan Reis"#note\ntier: member\nsince: 2026-01-01\n',
    line: 1,
    column: 17,
    code: 'yaml.syntax',
    phrase: 'Comments must be separated from other tokens by white space characters.',
    hint: /Put a space before `#`/,
  },
  {
    name: 'a list written with *',
    text: 'name: Dan Reis\ntier: member\nsince: 2026-01-01\nemails:\n  * dan@example.org\n',
    line: 5,
    column: 3,
    code: 'yaml.syntax',
    phrase: 'Alias cannot be an empty string.',
    hint: /List items start with `- `, not `\* `/,
  },
  {
    name: 'text after a block scalar indicator',
    text: 'name: Dan Reis\ntier: member\nsince: 2026-01-01\nmentor: |x\n  ana\n',
    line: 4,
    column: 10,
    code: 'yaml.syntax',
    phrase: 'Block scalar header includes extra characters: |x.',
    hint: /Only `-`, `\+` or a digit may follow `\|` or `>`/,
  },
  {
    name: 'list items at different columns',
    text: 'name: Dan Reis\ntier: member\nsince: 2026-01-01\nemails:\n  - dan@example.org\n - dan@example.com\n',
    line: 6,
    column: 1,
    code: 'yaml.syntax',
    phrase: 'A block sequence may not be used as an implicit map key.',
    hint: /Start every `- ` item of a list at the same column, indented under its key\./,
  },
  {
    name: 'an entry key indented between its item and the next',
    file: 'governance/contributions/2026-11/dan.yaml',
    text: 'entries:\n  - date: 2026-11-03\n    stream: care\n   hours: 2\n    what: Onboarding\n',
    line: 4,
    column: 1,
    code: 'yaml.syntax',
    phrase: 'Sequence item without - indicator.',
    hint: /Line up the keys of a list item with its first key, just after the `- `/,
  },
  {
    name: "an entry key at the list's column",
    file: 'governance/contributions/2026-11/dan.yaml',
    text: 'entries:\n  - date: 2026-11-03\n    stream: care\n  hours: 2\n',
    line: 4,
    column: 1,
    code: 'yaml.syntax',
    phrase: 'All mapping items must start at the same column.',
    hint: /the keys of a list item just after its `- `\./,
  },
];

describe('YAML syntax errors are followed by what to do', () => {
  it.each(cases)('$name', async ({ file = 'governance/members/dan.yaml', text, line, column, code, phrase, hint }) => {
    const result = await validateSource(memorySource({ 'governance/constitution.yaml': constitution, [file]: text }));
    expect(result.errors).toHaveLength(1);
    const [error] = result.errors;
    expect({ file: error!.file, line: error!.line, column: error!.column, code: error!.code }).toEqual({ file, line, column, code });
    // The library's phrase first, then a hint that ends the message; never the generic one.
    expect(error!.message.startsWith(`${phrase} `)).toBe(true);
    const after = error!.message.slice(phrase.length + 1);
    expect(after).toMatch(hint);
    expect(after).toMatch(/[.)]$/);
    expect(after).not.toMatch(/^Fix the YAML syntax here/);
  });
});
