// Hostile and broken input: each kind is reported at its place, never crashes, and leaves every other file checked.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { consentConstitution as constitution } from '../../../../test/support/constitution.ts';
import { compareDiagnostics, type Diagnostic } from '../common/index.ts';
import { MAX_DEPTH, parseCanonical, parseYaml } from './parse.ts';
import { MAX_FILE_BYTES, memorySource, workingTreeSource } from '../common/index.ts';
import { validateSource, type ValidationResult } from './validate.ts';

const ana = `name: Ana Costa
tier: member
since: 2024-03-01
`;

/** A member file that is fine, for cases that wrap or spoil one. */
const dan = `name: Dan Reis
tier: member
since: 2026-01-01
`;

/**
 * The independent error every case carries in another file: a proposal by someone who is not a
 * member. Its rule needs no constitution, so it is reported whatever else is broken.
 */
const elsewhereFile = 'governance/proposals/0001-welcome-dan.yaml';
const elsewhere = `title: Welcome Dan
author: zoe
`;
const elsewhereError = { file: elsewhereFile, line: 2, column: 9, code: 'proposal.author-exists' };

const base: Record<string, string> = {
  'governance/constitution.yaml': constitution,
  'governance/members/ana.yaml': ana,
  [elsewhereFile]: elsewhere,
};

const where = (d: Pick<Diagnostic, 'file' | 'line' | 'column' | 'code'>) => ({ file: d.file, line: d.line, column: d.column, code: d.code });

async function check(files: Record<string, string | Uint8Array>): Promise<ValidationResult> {
  return validateSource(memorySource({ ...base, ...files }));
}

interface Expected {
  file: string;
  line: number;
  column: number;
  code: string;
}

/** Asserts the errors are exactly the expected ones and the independent one; no warnings. */
function expectErrors(result: ValidationResult, expected: Expected[]): void {
  const all = [...expected, elsewhereError]
    .map((e) => ({ ...e, message: '' }))
    .sort(compareDiagnostics)
    .map(where);
  expect(result.errors.map(where)).toEqual(all);
  expect(result.warnings).toEqual([]);
  expect(result.ok).toBe(false);
}

const utf8 = (text: string) => new TextEncoder().encode(text);

/** The "billion laughs": 9 levels, each a list of 9 aliases of the level before. */
function aliasBomb(): string {
  const names = 'abcdefghi';
  let text = `a: &a [${Array(9).fill('"lol"').join(', ')}]\n`;
  for (let i = 1; i < names.length; i++) {
    text += `${names[i]}: &${names[i]} [${Array(9)
      .fill(`*${names[i - 1]}`)
      .join(', ')}]\n`;
  }
  return text;
}

/** A member file whose circles nest `levels` block maps deep (the file's own map is level 1). */
function deepBlock(levels: number): string {
  let text = dan + 'circles:\n';
  for (let level = 2; level <= levels; level++) text += `${'  '.repeat(level - 1)}a:\n`;
  return text + `${'  '.repeat(levels)}x\n`;
}

interface Case {
  name: string;
  /** Files added to the base, by full path. */
  files: Record<string, string | Uint8Array>;
  expect: Expected[];
  /** What the message of the first expected diagnostic must say. */
  message?: RegExp;
}

const danFile = 'governance/members/dan.yaml';
const on = (line: number, column: number, code: string, file = danFile): Expected => ({ file, line, column, code });

describe('bad input in memory', () => {
  const cases: Case[] = [
    {
      name: 'an unclosed flow sequence',
      files: { [danFile]: 'name: Dan Reis\ntier: member\nemails: [dan@example.org\nsince: 2026-01-01\n' },
      expect: [on(4, 1, 'yaml.syntax')],
      message: /end with a \]\. Close the list with `\]` on the same line, as in `emails: \[ana@example\.org\]`\.$/,
    },
    {
      name: 'an unclosed flow sequence at the end of the file',
      files: { [danFile]: dan + 'emails: [dan@example.org' },
      expect: [on(4, 25, 'yaml.syntax')],
      message: /Close the list with `\]` on the same line, as in `emails: \[ana@example\.org\]`\.$/,
    },
    {
      name: 'a key indented under a plain value',
      files: { [danFile]: 'name: Dan Reis\n  tier: member\nsince: 2026-01-01\n' },
      expect: [on(1, 7, 'yaml.syntax')],
      message:
        /A map inside another starts on the next line, indented under a key with nothing after its colon; the keys of one map start at the same column\.$/,
    },
    {
      name: 'a nested key indented less than its siblings',
      files: { [danFile]: dan + 'dating:\n    stage: 1\n  since: 2026-01-01\n' },
      expect: [on(6, 1, 'yaml.syntax')],
      message: /^All mapping items must start at the same column\. Start every key of a map at the same column, indented with spaces/,
    },
    {
      name: 'a tab-indented map',
      files: { [danFile]: dan + 'circles:\n\tcare: member\n' },
      expect: [on(5, 1, 'yaml.syntax')],
      message: /^Tabs are not allowed as indentation\. Indent with spaces, not tabs \(two spaces a level\)/,
    },
    {
      name: 'a malformed constitution (the other files are still checked)',
      files: { 'governance/constitution.yaml': constitution.replace('rights: [vote, propose] }', 'rights: [vote, propose }') },
      expect: [on(2, 57, 'yaml.syntax', 'governance/constitution.yaml')],
    },
    {
      name: 'a duplicate key, at the second one',
      files: { [danFile]: 'name: Dan Reis\ntier: member\nname: Daniel Reis\nsince: 2026-01-01\n' },
      expect: [on(3, 1, 'yaml.duplicate-key')],
      message: /Each key may appear once in a map: remove or merge the repeated one\.$/,
    },
    {
      name: 'a duplicate key in a nested flow map',
      files: { [danFile]: dan + 'circles: { care: member, tech: member, care: steward }\n' },
      expect: [on(4, 40, 'yaml.duplicate-key')],
    },
    {
      name: '__proto__ and constructor keys (read by the fast path)',
      files: { [danFile]: dan + '__proto__: { polluted: true }\nconstructor: { polluted: true }\n' },
      expect: [on(4, 1, 'schema.unknown-property'), on(5, 1, 'schema.unknown-property')],
      message: /^`__proto__` is not a property of this file\. Remove it or use one of: name, tier, since/,
    },
    {
      name: '__proto__ and constructor keys (read by the reference parser, for the alias)',
      files: { [danFile]: dan + 'circles: &c { care: member }\n__proto__: { polluted: true, again: *c }\nconstructor: { prototype: { polluted: true } }\n' },
      expect: [on(5, 1, 'schema.unknown-property'), on(6, 1, 'schema.unknown-property')],
      message: /^`__proto__` is not a property of this file\./,
    },
    {
      name: '__proto__ as a circle name',
      files: { [danFile]: dan + 'circles: { __proto__: member }\n' },
      expect: [on(4, 12, 'schema.name')],
      message: /^`__proto__` is not a valid name here/,
    },
    {
      name: '100,000 nested flow sequences',
      files: { [danFile]: 'name: ' + '['.repeat(100_000) },
      expect: [on(1, 7 + MAX_DEPTH, 'yaml.too-deep')],
      message: /nests more than 64 levels deep\. Governance files never need to: flatten it\.$/,
    },
    {
      name: '200 levels of nested block maps',
      files: { [danFile]: deepBlock(200) },
      expect: [on(MAX_DEPTH + 4, 2 * MAX_DEPTH + 1, 'yaml.too-deep')],
      message: /nests more than 64 levels deep/,
    },
    {
      name: `${MAX_DEPTH} compact block sequences on one line, under the file's map and emails`,
      files: { [danFile]: dan + 'emails:\n  ' + '- '.repeat(MAX_DEPTH) + 'x\n' },
      // The emails list is level 2, at column 3; each level further is two columns on: level 65 is the 64th dash.
      expect: [on(5, 3 + 2 * (MAX_DEPTH - 1), 'yaml.too-deep')],
      message: /nests more than 64 levels deep/,
    },
    {
      name: 'more than 64 block sequences chained on one line',
      files: { [danFile]: dan + 'emails:\n  ' + '- '.repeat(300) + 'x\n' },
      // Refused before parsing, at the 65th dash of the line.
      expect: [on(5, 3 + 2 * MAX_DEPTH, 'yaml.too-deep')],
      message: /nests more than 64 levels deep/,
    },
    {
      name: 'a binary file (NUL bytes)',
      files: { [danFile]: new Uint8Array([0x6e, 0x61, 0x6d, 0x65, 0x00, 0x01, 0x02, 0xff]) },
      expect: [on(1, 1, 'file.binary')],
      message: /^This is a binary file, not YAML text\./,
    },
    {
      name: 'invalid UTF-8',
      files: { [danFile]: new Uint8Array([...utf8('name: Dan Re'), 0xc3, 0x28, ...utf8('s\ntier: member\nsince: 2026-01-01\n')]) },
      expect: [on(1, 1, 'file.encoding')],
      message: /^This file is not valid UTF-8\. Save it as UTF-8 text\.$/,
    },
    {
      name: 'a UTF-8 BOM: accepted, and positions after it are not shifted',
      files: { [danFile]: new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('name: Dan Reis\ntier: elder\nsince: 2026-01-01\n')]) },
      expect: [on(2, 7, 'member.tier-exists')],
    },
    {
      name: 'a file over 256 KiB',
      files: { [danFile]: dan + `# ${'x'.repeat(MAX_FILE_BYTES)}\n` },
      expect: [on(1, 1, 'file.too-large')],
      message: /^This file is \d+ bytes, over the limit of 262144 \(256 KiB\)\. Split it/,
    },
    {
      name: 'two YAML documents, at the second',
      files: { [danFile]: dan + '---\n' + dan },
      expect: [on(4, 1, 'yaml.multiple-documents')],
      message: /Keep one document per file: remove the extra `---`\.$/,
    },
    {
      name: 'an empty file',
      files: { [danFile]: '' },
      expect: [on(1, 1, 'file.empty')],
      message: /^This file is empty\. Fill it in as a member file \(see schemas\/member\.schema\.json\), or remove it\.$/,
    },
    {
      name: 'a file of comments only',
      files: { [danFile]: '# Dan joins in January.\n\n# To do: fill in.\n' },
      expect: [on(1, 1, 'file.empty')],
    },
    {
      name: 'a file that is a list, not a map',
      files: { [danFile]: '- Dan Reis\n- member\n' },
      expect: [on(1, 1, 'schema.type')],
      message: /^The file must be a map \(key: value lines\), not a list\./,
    },
    {
      name: 'a !!binary tag',
      files: { [danFile]: 'name: !!binary RGFu\ntier: member\nsince: 2026-01-01\n' },
      expect: [on(1, 7, 'yaml.unsupported')],
      message: /Tags are not used in governance files: remove it\.$/,
    },
    {
      name: 'a !!set tag (a YAML 1.1 type the core schema does not have)',
      files: { [danFile]: dan + 'circles: !!set { care }\n' },
      expect: [on(4, 10, 'yaml.unsupported')],
      message: /Tags are not used in governance files: remove it\.$/,
    },
    {
      name: 'a !!omap tag',
      files: { [danFile]: dan + 'circles: !!omap [ care: member ]\n' },
      expect: [on(4, 10, 'yaml.unsupported')],
    },
    {
      name: 'a !!timestamp tag',
      files: { [danFile]: 'name: Dan Reis\ntier: member\nsince: !!timestamp 2026-01-01\n' },
      expect: [on(3, 8, 'yaml.unsupported')],
    },
    {
      name: 'a custom tag',
      files: { [danFile]: 'name: Dan Reis\ntier: !custom member\nsince: 2026-01-01\n' },
      expect: [on(2, 7, 'yaml.unsupported')],
      message: /^Unresolved tag: !custom\. Tags are not used in governance files: remove it\.$/,
    },
    {
      name: 'unknown files',
      files: { 'governance/notes.txt': 'hello\n', 'governance/members/dan.yml': dan, 'governance/votes/42.yaml': 'yes\n' },
      expect: [
        on(1, 1, 'file.unknown', 'governance/members/dan.yml'),
        on(1, 1, 'file.unknown', 'governance/notes.txt'),
        on(1, 1, 'file.unknown', 'governance/votes/42.yaml'),
      ],
    },
  ];

  it.each(cases)('$name', async ({ files, expect: expected, message }) => {
    const result = await check(files);
    expectErrors(result, expected);
    if (message) {
      const first = result.errors.find((d) => d.file === expected[0]!.file && d.code === expected[0]!.code)!;
      expect(first.message).toMatch(message);
    }
  });

  it('answers an alias bomb quickly with yaml.alias-limit', async () => {
    const started = performance.now();
    const result = await check({ [danFile]: aliasBomb() });
    const elapsed = performance.now() - started;
    expectErrors(result, [on(1, 1, 'yaml.alias-limit')]);
    expect(result.errors[0]!.message).toMatch(/Write the values out instead of using anchors and aliases\.$/);
    expect(elapsed).toBeLessThan(1000);
  });

  it('refuses a file of chained block sequences as long as a file may be, quickly and without running out of memory', async () => {
    const started = performance.now();
    const result = await check({ [danFile]: '- '.repeat(MAX_FILE_BYTES / 2 - 1) + 'x' });
    expect(performance.now() - started).toBeLessThan(1000);
    expectErrors(result, [on(1, 1 + 2 * MAX_DEPTH, 'yaml.too-deep')]);
  });

  it('refuses block maps nested 700 deep, whatever the stack', async () => {
    const result = await check({ [danFile]: Array.from({ length: 700 }, (_, i) => `${' '.repeat(i)}a:`).join('\n') + ' 1\n' });
    // Up to where the parser gives up, which depends on the stack's size, the 65th level is
    // reported; past it, where it gave up. Either way, the file is refused as too deep.
    const refused = result.errors.find((d) => d.file === danFile)!;
    expect(refused.code).toBe('yaml.too-deep');
    expect(refused.line).toBe(refused.column);
    expect(result.errors.map(where)).toEqual([elsewhereError, where(refused)].sort((a, b) => compareDiagnostics({ ...a, message: '' }, { ...b, message: '' })));
  });

  it('says at most 100 schema problems of one file, then that there are more', async () => {
    const result = await check({ [danFile]: dan + Array.from({ length: 150 }, (_, i) => `k${i}: v\n`).join('') });
    const dans = result.errors.filter((d) => d.file === danFile);
    expect(dans.filter((d) => d.code === 'schema.unknown-property')).toHaveLength(100);
    expect(dans.filter((d) => d.code === 'schema.many').map(where)).toEqual([on(1, 1, 'schema.many')]);
    expect(dans.find((d) => d.code === 'schema.many')!.message).toBe(
      'This file has more problems than the 100 listed; the rest are not. Fix these, then check the file again.',
    );
  });

  it('does not pollute Object.prototype', async () => {
    await check({ [danFile]: dan + '__proto__: { polluted: true }\n' });
    await check({ [danFile]: dan + 'circles: &c { care: member }\n__proto__: { polluted: true, again: *c }\n' });
    await check({ [danFile]: dan + 'constructor: { prototype: { polluted: true } }\n' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
  });

  it('keeps a message short when the offending value is large', async () => {
    const result = await check({ [danFile]: dan + `status: { ${Array.from({ length: 300 }, (_, i) => `k${i}: v`).join(', ')} }\n` });
    expectErrors(result, [on(4, 9, 'schema.enum')]);
    expect(result.errors[0]!.message.length).toBeLessThan(300);
  });
});

describe('nesting depth', () => {
  const flow = (levels: number) => `${'['.repeat(levels)}1${']'.repeat(levels)}\n`;
  const block = (levels: number) => {
    let text = '';
    for (let level = 1; level < levels; level++) text += `${'  '.repeat(level - 1)}a:\n`;
    return text + `${'  '.repeat(levels - 1)}a: 1\n`;
  };
  it.each([
    ['flow', flow],
    ['block', block],
  ] as const)(`%s: ${MAX_DEPTH} levels are read, one more is refused, by both parsers alike`, (_, make) => {
    for (const parse of [parseYaml, parseCanonical]) {
      expect(parse('f.yaml', make(MAX_DEPTH)).ok).toBe(true);
      const refused = parse('f.yaml', make(MAX_DEPTH + 1));
      expect(refused.ok).toBe(false);
      expect(!refused.ok && refused.problem.code).toBe('yaml.too-deep');
    }
  });
});

describe('links in a working tree', () => {
  let root: string;
  let repo: string;

  /** Writes a file under the temporary folder, creating its folders. */
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  const link = (path: string, target: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    symlinkSync(target, join(root, path));
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'cooperage-bad-input-'));
    repo = join(root, 'repo');
    write('repo/governance/constitution.yaml', constitution);
    write('repo/governance/members/ana.yaml', ana);
    write(`repo/${elsewhereFile}`, elsewhere);
    // Outside the repository: content that would give errors of its own if it were ever read.
    write('outside/secret.yaml', 'name: [unclosed\n');
    write('outside/members/ana.yaml', 'name: Ana\ntier: elder\nsince: 2026-02-30\n');
  });

  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('reports a member file that links outside the repository, without reading its target', async () => {
    link(`repo/${danFile}`, join(root, 'outside/secret.yaml'));
    const result = await validateSource(workingTreeSource(repo));
    expectErrors(result, [on(1, 1, 'file.symlink')]);
    expect(result.errors.find((d) => d.code === 'file.symlink')!.message).toMatch(/links are never followed\. Replace it with the file itself\.$/);
    expect(result.texts.has(danFile)).toBe(false);
  });

  it('reports a member file that links to another file of the repository', async () => {
    link(`repo/${danFile}`, 'ana.yaml');
    const result = await validateSource(workingTreeSource(repo));
    expectErrors(result, [on(1, 1, 'file.symlink')]);
    expect(result.state.members.has('dan')).toBe(false);
  });

  it('counts a linked member file as existing, though untrusted, for the rules that name members', async () => {
    link(`repo/${danFile}`, join(root, 'outside/secret.yaml'));
    write(`repo/governance/proposals/0002-by-dan.yaml`, 'title: By Dan\nauthor: dan\n');
    const result = await validateSource(workingTreeSource(repo));
    expectErrors(result, [on(1, 1, 'file.symlink')]);
  });

  it('reports a linked constitution once, not also as missing', async () => {
    write('outside/constitution.yaml', constitution);
    rmSync(join(repo, 'governance/constitution.yaml'));
    link('repo/governance/constitution.yaml', join(root, 'outside/constitution.yaml'));
    const result = await validateSource(workingTreeSource(repo));
    expectErrors(result, [on(1, 1, 'file.symlink', 'governance/constitution.yaml')]);
  });

  it('does not follow a linked members folder', async () => {
    rmSync(join(repo, 'governance/members'), { recursive: true });
    link('repo/governance/members', join(root, 'outside/members'));
    const result = await validateSource(workingTreeSource(repo));
    expectErrors(result, [on(1, 1, 'file.symlink', 'governance/members')]);
    expect(result.state.members.size).toBe(0);
  });

  it('does not follow governance itself as a link', async () => {
    const real = join(root, 'outside/governance');
    mkdirSync(real);
    writeFileSync(join(real, 'constitution.yaml'), 'tiers: [unclosed\n');
    rmSync(join(repo, 'governance'), { recursive: true });
    symlinkSync(real, join(repo, 'governance'));
    const result = await validateSource(workingTreeSource(repo));
    expect(result.errors.map(where)).toEqual([
      { file: 'governance', line: 1, column: 1, code: 'file.symlink' },
      { file: 'governance/constitution.yaml', line: 1, column: 1, code: 'constitution.missing' },
    ]);
    expect(result.errors[0]!.message).toMatch(/^governance is a symbolic link; links are never followed\. Make it a real folder\.$/);
    expect(result.texts.size).toBe(0);
  });
});
