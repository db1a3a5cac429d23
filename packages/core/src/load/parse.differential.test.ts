// The fast reader (js-yaml with a YAML 1.2 core schema) and the reference (`yaml`) mean the same thing.
import fc from 'fast-check';
import { stringify } from 'yaml';
import jsYaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '../../../../test/support/property-runs.ts';
import { fastReading, MAX_REFERENCE_LENGTH, parseCanonical, parseYaml } from './parse.ts';
import { checkSchema, fileKinds } from './schema.ts';

/**
 * The readings agree: the fast reading, where it answers, gives what the reference gives (the same
 * value, or an error), and so does the project's reading; a text longer than the reference reads may
 * be refused where the reference reads it, never read otherwise.
 */
function expectAgreement(text: string): void {
  const reference = parseCanonical('t.yaml', text);
  const fast = fastReading('t.yaml', text);
  if (fast !== undefined) {
    expect({ text, ok: fast.ok }).toEqual({ text, ok: reference.ok });
    if (fast.ok && reference.ok) expect(fast.value).toStrictEqual(reference.value);
  }
  const project = parseYaml('t.yaml', text);
  if (text.length <= MAX_REFERENCE_LENGTH) expect({ text, ok: project.ok }).toEqual({ text, ok: reference.ok });
  else if (project.ok) expect({ text, ok: reference.ok }).toEqual({ text, ok: true });
  if (project.ok && reference.ok) expect(project.value).toStrictEqual(reference.value);
}

/**
 * The claim the loader relies on: whenever the fast reading gives a file that validates against its
 * schema, the reference reads the same value. (On text that is not a governance file at all, js-yaml
 * is more lenient than YAML 1.2 allows; such files fail either way.)
 */
function expectAgreementWhenValid(text: string): void {
  const fast = parseYaml('t.yaml', text);
  if (!fast.ok || !fileKinds.some((kind) => checkSchema(kind, 't.yaml', fast.value).length === 0)) return;
  const reference = parseCanonical('t.yaml', text);
  expect({ text, ok: reference.ok }).toEqual({ text, ok: true });
  if (reference.ok) expect(fast.value).toStrictEqual(reference.value);
}

/** Plain scalars whose type differs between YAML 1.1, 1.2 core and common parsers. */
const trickyScalars = [
  'yes',
  'no',
  'on',
  'off',
  'Yes',
  'NO',
  'y',
  'n',
  'true',
  'True',
  'TRUE',
  'tRUE',
  'false',
  'False',
  '~',
  'null',
  'Null',
  'NULL',
  'nULL',
  '',
  '0',
  '-0',
  '+0',
  '007',
  '08',
  '0x1F',
  '0X1F',
  '0o17',
  '0O17',
  '0b101',
  '1_000',
  '1,000',
  '.5',
  '5.',
  '+1',
  '-1',
  '1e3',
  '1E+3',
  '1e-3',
  '.1e3',
  '1.e3',
  '3.14',
  '-.5',
  '.inf',
  '-.Inf',
  '+.INF',
  '.nan',
  '.NaN',
  '.NAN',
  'inf',
  'nan',
  '12:30:00',
  '190:20:30',
  '2026-11-03',
  '2026-11-03T10:00:00Z',
  '2026-11-03 10:00:00',
  '2026-2-3',
  '= ',
  '<<',
  'a b',
  '9007199254740993',
  '1e400',
  '0x',
  '0o',
  '+.5',
  '-',
  '--',
  'é',
  '%x',
  '@x',
  '`x`',
];

describe('the fast reader agrees with the reference', () => {
  it.each(trickyScalars.filter((s) => !/^[%@`]/.test(s)))('plain scalar %j', (scalar) => {
    expectAgreement(`value: ${scalar}\nlist: [${scalar}]\n- ${scalar}\n`.replace(/\n- .*\n$/, '\n'));
    expectAgreement(`- ${scalar}\n- key: ${scalar}\n`);
  });

  const adversarial: Record<string, string> = {
    'merge key': 'base: &b { a: 1 }\nuse:\n  <<: *b\n  c: 2\n',
    'alias of a scalar': 'a: &x hello\nb: *x\n',
    'alias of a map': 'a: &x { k: v }\nb: *x\n',
    'alias of a list': 'a: &x [1, 2]\nb: *x\n',
    'undefined alias': 'a: *nope\n',
    'explicit str tag': 'a: !!str 123\n',
    'explicit int tag': 'a: !!int "42"\n',
    'explicit float tag': 'a: !!float "1"\n',
    'binary tag': 'a: !!binary aGVsbG8=\n',
    'timestamp tag': 'a: !!timestamp 2026-11-03\n',
    'set tag': 'a: !!set { x, y }\n',
    'omap tag': 'a: !!omap [ x: 1 ]\n',
    'local tag': 'a: !thing x\n',
    'yaml 1.1 directive': '%YAML 1.1\n---\na: yes\n',
    'yaml 1.2 directive': '%YAML 1.2\n---\na: yes\n',
    'tag directive': '%TAG !e! tag:example.com,2000:\n---\na: !e!x 1\n',
    'document markers': '---\na: 1\n...\n',
    'two documents': 'a: 1\n---\nb: 2\n',
    'duplicate key': 'a: 1\na: 2\n',
    'duplicate key, quoted': 'a: 1\n"a": 2\n',
    'duplicate key, numbers': '1: a\n01: b\n',
    'null key': '~: a\n',
    'empty key': ': a\n',
    'numeric keys': '1: a\n2.5: b\ntrue: c\n',
    'complex key': '? [a, b]\n: c\n',
    'map key': '? { a: 1 }\n: c\n',
    'folded block': 'a: >\n  one\n  two\n\n  three\n',
    'literal block keep': 'a: |+\n  one\n\n',
    'literal block strip': 'a: |-\n  one\n',
    'indent indicator': 'a: |2\n   x\n',
    'double-quoted escapes': 'a: "\\u00e9\\x41\\t\\n\\\\ \\/ \\0 \\e \\N \\_ \\L \\P"\n',
    'single-quoted': "a: 'it''s'\n",
    'multi-line plain': 'a: one\n  two\n  three\n',
    'multi-line quoted': 'a: "one\n  two"\n',
    comments: '# c\na: 1 # c\n# c\n',
    'crlf line endings': 'a: 1\r\nb: [x, y]\r\n',
    'tab indentation': 'a:\n\tb: 1\n',
    'tab after value': 'a: 1\t\n',
    'flow map': '{ a: 1, b: [2, 3], c: { d: e } }\n',
    'flow with trailing comma': '[1, 2, ]\n',
    'empty flow': 'a: []\nb: {}\n',
    'nested lists': '- - - a\n',
    'list of maps': '- a: 1\n  b: 2\n- c: 3\n',
    'colon in plain': 'a: b:c\nurl: https://example.org/x\n',
    'hash in plain': 'a: b#c\n',
    'proto key': '__proto__: { polluted: true }\n',
    'constructor key': 'constructor: 1\n',
    'bad indentation': 'a:\n  b: 1\n c: 2\n',
    'unclosed flow': 'a: [1, 2\n',
    'unclosed quote': 'a: "x\n',
    'only comments': '# nothing\n',
    empty: '',
    'scalar document': 'just text\n',
    'reserved indicator': 'a: @x\n',
    backtick: 'a: `x`\n',
    unicode: 'name: "Zoë Ågren" \nwhat: 翻訳\n',
    'long key': `${'k'.repeat(1100)}: 1\n`,
    'anchor on key': '&k a: 1\n',
    'deep flow': `${'['.repeat(200)}${']'.repeat(200)}\n`,
    'lone carriage return': 'mentor: bob # note\rgithub: someone-else\n',
    'lone carriage return in quotes': 'a: "b\rc"\n',
    'text after ---': '--- title: x\n',
    'no-break space after ---': '---\u00a0title: x\n',
    'ideographic space after ---': '---\u3000title: x\n',
    'text after ...': 'a: 1\n... x\n',
    'over-indented blank lines in a block scalar': 'a: >\n \n  \n   \n # comment\n',
    'over-indented blank line before text': 'a: |\n    \n  x\n',
    'indentation indicator, trailing spaces': 'a: |2-\n    z\n  x\n    \n  \n',
    'list as a key glued to its colon': '{ [care]:steward }\n',
    'map as a key glued to its colon': '[ {a: b}:c ]\n',
    'map as an entry of a flow map': 'a: { b: , { c: 1 } }\n',
    'list as an entry of a flow map': 'a: { [b, c] }\n',
    'bare tag': '!\n',
    'bare tag on a value': 'a: !\n',
    'bare tag in a flow list': 'a: [!, b]\n',
    'directive alone': '%YAML 1.2\n',
    'byte order mark inside': '#\n\ufeff1\n',
    'byte order mark before ---': '\ufeff--- a: x\n',
    'number and text keys': '1: a\n"1": b\n',
    'empty entry of a compact inner list': '- - \n- x\n',
    'empty entry, indented, then one at the edge': '  -\n- x\n',
    "comment at the edge before a key's text": 'a:\n# c\n  v\nb: 1\n',
  };
  it.each(Object.entries(adversarial))('%s', (_, text) => expectAgreement(text));

  it('agrees on generated governance-like documents, whatever the style they are written in', () => {
    const scalar = fc.oneof(
      fc.constantFrom(...trickyScalars),
      fc.string({ maxLength: 12 }),
      fc.integer({ min: -1e6, max: 1e6 }),
      fc.double({ noNaN: true, min: -1e6, max: 1e6 }),
      fc.boolean(),
      fc.constant(null),
      fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
    );
    const key = fc.oneof(
      fc.constantFrom('name', 'tier', 'since', 'entries', 'date', 'stream', 'hours', 'what', 'a-b', 'yes', '1', 'null'),
      fc.string({ minLength: 1, maxLength: 8 }),
    );
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, scalar, tie('list'), tie('map')),
      list: fc.array(tie('node'), { maxLength: 4 }),
      map: fc.dictionary(key, tie('node'), { maxKeys: 5 }),
    })).map;
    const style = fc.record({
      writer: fc.constantFrom('yaml', 'js-yaml'),
      collectionStyle: fc.constantFrom('any', 'block', 'flow'),
      defaultStringType: fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED') as fc.Arbitrary<'PLAIN'>,
    });
    fc.assert(
      fc.property(value, style, (data, s) => {
        const text =
          s.writer === 'yaml'
            ? stringify(data, { collectionStyle: s.collectionStyle, defaultStringType: s.defaultStringType })
            : jsYaml.dump(data, { flowLevel: s.collectionStyle === 'flow' ? 0 : -1 });
        expectAgreement(text);
      }),
      propertyRuns(1500),
    );
  });

  /** Spaces and breaks outside ASCII that some readers take as white space or line breaks. */
  const unicodeSpaces = ['\u00a0', '\u2003', '\u3000', '\ufeff', '\u0085', '\u2028', '\u2029', '\u200b', '\u000b', '\u000c'];

  const fragments = [
    'a: ',
    'b:',
    '- ',
    '  ',
    '\n',
    '[',
    ']',
    '{',
    '}',
    ', ',
    '"',
    "'",
    '&x ',
    '*x',
    '!!str ',
    '? ',
    '# c',
    '|',
    '>',
    '---',
    '...',
    '\t',
    'x',
    '1',
    '~',
    ':',
    '2026-11-03',
    // The classes the YAML test suite found: lone carriage returns, text after `---`, over-indented
    // blank lines in block scalars, collections as keys glued to their colon, bare tags.
    '\r',
    '\r\n',
    '--- ',
    '--- a: ',
    '... ',
    ']:',
    '}:',
    ']:x',
    '}:x',
    '! ',
    '!',
    '|\n   \n',
    '>\n \n  x',
    '   \n',
    '|2\n',
    '|-\n',
    '>+\n',
    '"a":',
    // And what a wider run of them found: empty list entries, comments at the edge, more indentation.
    '- - ',
    '\n- ',
    '\n  - ',
    '\n#',
    '\n    ',
    'a:b',
    '\\"',
    "''",
    ':\t',
    ...unicodeSpaces,
    ...trickyScalars.slice(0, 30),
  ];

  it('agrees on texts spliced from YAML fragments, wherever the fast reading validates', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...fragments), { maxLength: 25 }), (parts) => expectAgreementWhenValid(parts.join(''))),
      propertyRuns(3000),
    );
  });

  const validFiles = [
    'name: Ana Costa\ntier: member\nsince: 2024-03-01\ngithub: AnaCosta\nemails: [ana@example.org]\ncircles: { care: steward }\nmentor: bob\n',
    'name: Dan\ntier: dater\nsince: 2026-09-01\ndating: { stage: 2, since: 2026-09-01 }\nstatus: active\n',
    'entries:\n  - date: 2026-11-03\n    stream: care\n    hours: 2.5\n    what: Onboarding call\n    link: https://example.org/pull/12\n  - date: 2026-11-04\n    stream: love\n    credits: 40\n    what: "Translated: the guide"\n',
    'statement: I keep our translation workflow running.\nperiods:\n  - quarter: 2026-Q4\n    pledge: { love: { credits: 400 }, care: { hours: 20 } }\n    signed: 2026-10-01\n',
    'title: Raise the care rate\nauthor: ana\ndecision: majority\nsummary: |\n  Care work is under-valued.\n\n  We propose 25 credits.\n',
    '---\ntitle: Welcome Dan\nauthor: ana\nsummary: >-\n  Dan has translated\n  the guide.\n...\n',
  ];

  it('agrees on valid governance files with fragments spliced in, wherever the fast reading validates', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...validFiles),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom(...fragments)), { minLength: 1, maxLength: 3 }),
        (file, edits) => {
          let text = file;
          for (const [at, fragment] of edits) {
            const i = at % (text.length + 1);
            text = text.slice(0, i) + fragment + text.slice(i);
          }
          expectAgreementWhenValid(text);
        },
      ),
      propertyRuns(20000),
    );
    // All 20,000 runs take about 15 s under CI on two cores; a busy machine can double that.
  }, 90_000);

  it('agrees exactly on the valid files themselves', () => {
    for (const file of validFiles) expectAgreement(file);
  });

  const smallValue = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: 'small' }, fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.boolean(), fc.constant(null)), tie('list'), tie('map')),
    list: fc.array(tie('node'), { maxLength: 3 }),
    map: fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), tie('node'), { maxKeys: 4 }),
  })).map;

  it('agrees on generated documents with other line ends and with text or Unicode spaces after ---', () => {
    const head = fc.constantFrom('', '---\n', '--- ', '---\t', '--- # c\n', '---\r\n', ...unicodeSpaces.map((space) => `---${space}`));
    const ends = fc.constantFrom('LF', 'CRLF', 'CR', 'mixed');
    const tail = fc.constantFrom('', '...\n', '... x\n', '---\n');
    fc.assert(
      fc.property(
        smallValue,
        fc.constantFrom('yaml', 'js-yaml'),
        fc.constantFrom('any', 'block', 'flow'),
        head,
        ends,
        tail,
        (data, writer, collectionStyle, start, lineEnds, end) => {
          let text =
            start +
            (writer === 'yaml'
              ? stringify(data, { collectionStyle: collectionStyle as 'any' })
              : jsYaml.dump(data, { flowLevel: collectionStyle === 'flow' ? 0 : -1 })) +
            end;
          if (lineEnds === 'CRLF') text = text.replace(/\n/g, '\r\n');
          else if (lineEnds === 'CR') text = text.replace(/\n/g, '\r');
          else if (lineEnds === 'mixed') text = text.replace(/\n/g, (_, i: number) => ['\r', '\r\n', '\n'][i % 3]!);
          expectAgreement(text);
        },
      ),
      propertyRuns(3000),
    );
  });

  it('agrees on block scalars, whatever their header, blank lines and indentation', () => {
    const block = fc.record({
      under: fc.constantFrom('', '  ', '- ', '  - '),
      style: fc.constantFrom('|', '>'),
      indentation: fc.constantFrom('', '', '1', '2', '3'),
      chomping: fc.constantFrom('', '-', '+'),
      comment: fc.constantFrom('', ' # c'),
      leading: fc.array(fc.nat(6), { maxLength: 3 }),
      lines: fc.array(fc.tuple(fc.nat(4), fc.constantFrom('x', 'a b', '# t', '- y', '  z', '')), { maxLength: 4 }),
      trailing: fc.array(fc.nat(6), { maxLength: 3 }),
      after: fc.constantFrom('', 'k: v\n', '- w\n', '...\n', '---\n'),
    });
    fc.assert(
      fc.property(block, (b) => {
        const blank = (spaces: number) => `${' '.repeat(spaces)}\n`;
        expectAgreement(
          `${b.under}a: ${b.style}${b.indentation}${b.chomping}${b.comment}\n${b.leading.map(blank).join('')}` +
            `${b.lines.map(([spaces, line]) => `${' '.repeat(spaces)}${line}\n`).join('')}${b.trailing.map(blank).join('')}${b.after}`,
        );
      }),
      propertyRuns(5000),
    );
  });

  it('agrees on collections and quoted text as keys, glued to their colon or not, and on entries of flow maps', () => {
    const key = fc.constantFrom('[a]', '{a: b}', '[]', '{}', '"k"', "'k'", 'k', '[a, b]');
    const colon = fc.constantFrom(':', ': ', ' :', ' : ', '');
    const value = fc.constantFrom('v', '[v]', '{v: w}', '', '"v"');
    fc.assert(
      fc.property(fc.constantFrom('{', '['), key, colon, value, fc.constantFrom('', 'x: ', '- '), (open, k, sep, v, before) => {
        const close = open === '{' ? '}' : ']';
        expectAgreement(`${before}${open} ${k}${sep}${v} ${close}\n`);
        expectAgreement(`${before}${open}${k}${sep}${v}${close}\n`);
        expectAgreement(`${before}${open} a: 1, ${k}${sep}${v} ${close}\n`);
        expectAgreement(`${before}${k}${sep}${v}\n`);
      }),
      propertyRuns(2000),
    );
  });

  it('agrees on tags, bare or named, wherever they stand', () => {
    const tag = fc.constantFrom('!', '! ', '!!str ', '!x ', '!<tag:yaml.org,2002:str> ', '!!map ', '!!seq ', '!!null ', '!! ', '!a!b ');
    const place = fc.constantFrom('a: %\n', '- %\n', '%k: v\n', '[%]\n', '{a: %}\n', '{%k: v}\n', 'a: %x\n', '%\n', 'a: &z %x\n', 'a:\n  %\n  b: 1\n');
    fc.assert(
      fc.property(tag, place, (t, p) => expectAgreement(p.replace('%', t))),
      propertyRuns(500),
    );
  });

  it('agrees on large flat maps, on either side of the length the reference reads, with anchors, repeated keys and CRLF', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1000, max: 8000 }),
        fc.option(fc.nat(), { nil: undefined }),
        fc.boolean(),
        fc.constantFrom('\n', '\r\n'),
        (keys, repeatAt, anchor, lineEnd) => {
          const lines = Array.from({ length: keys }, (_, i) => `k${i}: v${i}`);
          if (repeatAt !== undefined) lines.push(`k${repeatAt % keys}: again`);
          if (anchor) lines[keys >> 1] = `k${keys >> 1}: &x v`;
          expectAgreement(lines.join(lineEnd) + lineEnd);
        },
      ),
      propertyRuns(40),
    );
  });
});
