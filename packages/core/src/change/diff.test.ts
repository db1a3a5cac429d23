// The semantic diff: meaning-preserving rewrites are no change (property tests), and each kind of change by a table.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as yaml from 'yaml';
import { decisionRecord, discoFiles } from '../../../../test/support/disco-state.ts';
import { propertyRuns } from '../../../../test/support/property-runs.ts';
import { diffStates, type Change } from './diff.ts';
import { parseYaml } from '../load/index.ts';
import { diffPaths, globToRegExp, governedBy } from './paths.ts';
import { presets } from '../presets/index.ts';
import { memorySource } from '../common/index.ts';
import { loadState } from '../load/index.ts';
import { type State } from '../common/index.ts';

type Files = Record<string, string>;

async function stateOf(files: Files): Promise<State> {
  const { state } = await loadState(memorySource(files));
  return state;
}

async function strictStateOf(files: Files): Promise<State> {
  const { state, problems } = await loadState(memorySource(files));
  expect(problems).toEqual([]);
  return state;
}

function edit(files: Files, edits: Record<string, string | null>): Files {
  const out = { ...files };
  for (const [path, text] of Object.entries(edits)) {
    if (text === null) delete out[path];
    else out[path] = text;
  }
  return out;
}

/** Replaces one piece of text in one file, failing the test if it is not there. */
function replace(files: Files, path: string, from: string, to: string): Record<string, string> {
  const text = files[path]!;
  expect(text).toContain(from);
  return { [path]: text.replace(from, to) };
}

// --- property tests -------------------------------------------------------------------------

const handleArb = fc.stringMatching(/^[a-z][a-z0-9-]{0,7}$/);
const dateArb = fc
  .record({ y: fc.integer({ min: 2020, max: 2029 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) })
  .map(({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
const textArb = fc.string({ minLength: 1, maxLength: 24 }).filter((s) => s.trim() !== '');
const memberArb = fc.record(
  {
    name: textArb,
    tier: fc.constantFrom('member', 'dater', 'contributor', 'supporter'),
    since: dateArb,
    github: fc.stringMatching(/^[A-Za-z0-9]{1,12}$/),
    emails: fc.array(fc.constantFrom('a@example.org', 'b@example.org'), { maxLength: 2 }).map((xs) => [...new Set(xs)]),
    circles: fc.dictionary(fc.constantFrom('care', 'tech', 'translation'), fc.constantFrom('steward', 'member')),
    status: fc.constantFrom('active', 'sabbatical'),
  },
  { requiredKeys: ['name', 'tier', 'since'] },
);
const entryArb = fc.record(
  {
    date: dateArb,
    stream: fc.constantFrom('livelihood', 'love', 'care'),
    hours: fc.integer({ min: 1, max: 96 }).map((q) => q / 4),
    credits: fc.integer({ min: 0, max: 5000 }),
    what: textArb,
    link: fc.constantFrom('https://example.org/pull/1', 'https://example.org/x?y=1#z'),
  },
  { requiredKeys: ['date', 'stream', 'hours', 'what'] },
);
const monthArb = fc
  .record({ y: fc.integer({ min: 2024, max: 2027 }), m: fc.integer({ min: 1, max: 12 }) })
  .map(({ y, m }) => `${y}-${String(m).padStart(2, '0')}`);
const stateArb = fc.record({
  members: fc.uniqueArray(fc.tuple(handleArb, memberArb), { selector: ([h]) => h, minLength: 1, maxLength: 5 }),
  contributions: fc.uniqueArray(fc.tuple(monthArb, handleArb, fc.array(entryArb, { minLength: 1, maxLength: 4 })), {
    selector: ([m, h]) => `${m}/${h}`,
    maxLength: 4,
  }),
  proposals: fc.uniqueArray(
    fc.tuple(
      fc.integer({ min: 1, max: 9999 }),
      fc.record(
        { title: textArb, author: handleArb, decision: fc.constantFrom('consent', 'majority'), summary: textArb },
        { requiredKeys: ['title', 'author'] },
      ),
    ),
    { selector: ([n]) => n, maxLength: 3 },
  ),
});
type StateData = typeof stateArb extends fc.Arbitrary<infer T> ? T : never;

/** The same data with every map's keys in another order, chosen by `seed`. */
function shuffleKeys(value: unknown, seed: number): unknown {
  let s = seed >>> 0 || 1;
  const next = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0);
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v !== 'object' || v === null) return v;
    const keys = Object.keys(v);
    for (let i = keys.length - 1; i > 0; i--) {
      const j = next() % (i + 1);
      [keys[i], keys[j]] = [keys[j]!, keys[i]!];
    }
    return Object.fromEntries(keys.map((k) => [k, walk((v as Record<string, unknown>)[k])]));
  };
  return walk(value);
}

const constitutionValue = (parseYaml('c', presets.disco.constitution) as { value: unknown }).value;

/** The files of a state, each written out by `write`. The constitution is the disco preset, as text or as written. */
function filesOf(data: StateData, write: (value: unknown) => string, constitutionText?: string): Files {
  const files: Files = { 'governance/constitution.yaml': constitutionText ?? write(constitutionValue) };
  for (const [handle, member] of data.members) files[`governance/members/${handle}.yaml`] = write(member);
  for (const [month, handle, entries] of data.contributions) files[`governance/contributions/${month}/${handle}.yaml`] = write({ entries });
  for (const [n, proposal] of data.proposals) files[`governance/proposals/${String(n).padStart(4, '0')}-p.yaml`] = write(proposal);
  return files;
}

const block = (value: unknown) => yaml.stringify(value);
const reformatted = (seed: number) => (value: unknown) =>
  `# Rewritten: flow style, double quotes, keys reordered.\n${yaml.stringify(shuffleKeys(value, seed), { collectionStyle: 'flow', defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' })}`;

describe('diffStates, by property', () => {
  it('finds no change between a state and itself', async () => {
    await fc.assert(
      fc.asyncProperty(stateArb, async (data) => {
        const files = filesOf(data, block, presets.disco.constitution);
        const [a, b] = [await strictStateOf(files), await strictStateOf(files)];
        expect(diffStates(a, b)).toEqual([]);
      }),
      propertyRuns(40),
    );
  });

  it('finds no change between a state and a copy reformatted with its keys reordered', async () => {
    await fc.assert(
      fc.asyncProperty(stateArb, fc.nat(), async (data, seed) => {
        const base = await strictStateOf(filesOf(data, block, presets.disco.constitution));
        const head = await strictStateOf(filesOf(data, reformatted(seed)));
        expect(head.members.size).toBe(data.members.length);
        expect(diffStates(base, head)).toEqual([]);
        expect(diffStates(head, base)).toEqual([]);
      }),
      propertyRuns(40),
    );
  });

  it('finds exactly the one entry whose hours changed, by position and content, in a reformatted copy', async () => {
    const withEntries = stateArb.filter((d) => d.contributions.length > 0);
    await fc.assert(
      fc.asyncProperty(withEntries, fc.nat(), fc.nat(), async (data, pick, seed) => {
        const [month, handle, entries] = data.contributions[pick % data.contributions.length]!;
        const index = pick % entries.length;
        const changed = structuredClone(data);
        const target = changed.contributions.find(([m, h]) => m === month && h === handle)![2][index]!;
        target.hours = target.hours === 24 ? 0.25 : 24;
        const base = await strictStateOf(filesOf(data, block));
        const head = await strictStateOf(filesOf(changed, reformatted(seed)));
        const changes = diffStates(base, head);
        expect(changes).toHaveLength(1);
        expect(changes[0]).toMatchObject({ kind: 'contribution.update', subject: handle, fields: ['hours'] });
        // Identical entries are interchangeable; the one found says what the changed one says.
        const found = changes[0]!.entry!;
        expect(found).toMatchObject({ date: target.date, stream: target.stream, what: target.what });
        expect(changed.contributions.find(([m, h]) => m === month && h === handle)![2][found.index]).toEqual(target);
      }),
      propertyRuns(40),
    );
  });
});

// --- each kind of change ----------------------------------------------------------------------

const base = discoFiles();
const members = 'governance/members';
const nov = 'governance/contributions/2026-11';

interface Row {
  name: string;
  edits: Record<string, string | null>;
  expect: Partial<Change>[];
}

const rows: Row[] = [
  {
    name: 'layout, comments, quoting and key order only',
    edits: {
      [`${members}/ana.yaml`]: '# Ana.\nsince: "2024-03-01"\ngithub: AnaCosta\ncircles:\n  tech: member\n  care: steward\ntier: member\nname: "Ana Costa"\n',
    },
    expect: [],
  },
  {
    name: 'a member added',
    edits: { [`${members}/dan.yaml`]: 'name: Dan\ntier: contributor\nsince: 2026-11-01\ngithub: DanGH\n' },
    expect: [{ kind: 'member.add', subject: 'dan', login: 'DanGH', file: `${members}/dan.yaml`, line: 1, column: 1, tier: { to: 'contributor' } }],
  },
  {
    name: 'a member removed',
    edits: { [`${members}/eve.yaml`]: null },
    expect: [{ kind: 'member.remove', subject: 'eve', login: 'eve', line: 1, column: 1, tier: { from: 'supporter' } }],
  },
  {
    name: 'a tier move, with the since and dating that go with it',
    edits: { [`${members}/carol.yaml`]: 'name: Carol Lindqvist\ntier: member\nsince: 2026-12-01\nmentor: ana\n' },
    expect: [{ kind: 'member.tier', subject: 'carol', line: 2, column: 7, tier: { from: 'dater', to: 'member' }, fields: ['tier', 'since', 'dating'] }],
  },
  {
    name: 'a tier move that also changes other details',
    edits: { [`${members}/carol.yaml`]: 'name: Carol L.\ntier: contributor\nsince: 2026-09-01\ndating: { stage: 1, since: 2026-09-01 }\nmentor: ana\n' },
    expect: [
      { kind: 'member.update', subject: 'carol', line: 1, column: 7, fields: ['name'], tier: { from: 'dater', to: 'contributor' } },
      { kind: 'member.tier', subject: 'carol', line: 2, column: 7, tier: { from: 'dater', to: 'contributor' }, fields: ['tier'] },
    ],
  },
  {
    name: 'details changed without a tier move',
    edits: replace(base, `${members}/ana.yaml`, 'circles: { care: steward, tech: member }', 'circles: { care: steward }'),
    expect: [{ kind: 'member.update', subject: 'ana', login: 'AnaCosta', line: 6, column: 10, fields: ['circles'], tier: { from: 'member', to: 'member' } }],
  },
  {
    name: 'a dating stage moved on is an update, not a tier move',
    edits: replace(base, `${members}/carol.yaml`, 'stage: 1', 'stage: 2'),
    expect: [{ kind: 'member.update', subject: 'carol', fields: ['dating'] }],
  },
  {
    name: 'a renamed member file is a removal and an addition',
    edits: { [`${members}/eve.yaml`]: null, [`${members}/eve-m.yaml`]: base[`${members}/eve.yaml`]! },
    expect: [
      { kind: 'member.add', subject: 'eve-m', file: `${members}/eve-m.yaml` },
      { kind: 'member.remove', subject: 'eve', file: `${members}/eve.yaml` },
    ],
  },
  {
    name: 'a commitment added, one renewed and one removed',
    edits: {
      'governance/commitments/carol.yaml':
        'statement: I learn.\nperiods:\n  - quarter: 2026-Q4\n    pledge: { love: { credits: 200 } }\n    signed: 2026-10-01\n',
      ...replace(base, 'governance/commitments/ana.yaml', 'I keep our books.', 'I keep our books and mentor carol.'),
      'governance/commitments/bob.yaml': null,
    },
    expect: [
      { kind: 'commitment.update', subject: 'ana', login: 'AnaCosta', fields: ['statement'], line: 1, column: 12, tier: { from: 'member', to: 'member' } },
      { kind: 'commitment.remove', subject: 'bob', file: 'governance/commitments/bob.yaml' },
      { kind: 'commitment.add', subject: 'carol', tier: { from: 'dater', to: 'dater' } },
    ],
  },
  {
    name: 'an entry appended to a month',
    edits: { [`${nov}/bob.yaml`]: `${base[`${nov}/bob.yaml`]}  - date: 2026-11-20\n    stream: care\n    hours: 1\n    what: Wellbeing check-in\n` },
    expect: [
      { kind: 'contribution.add', subject: 'bob', line: 6, column: 5, entry: { index: 1, date: '2026-11-20', stream: 'care', what: 'Wellbeing check-in' } },
    ],
  },
  {
    name: 'a new month file: one addition per entry',
    edits: {
      'governance/contributions/2026-12/carol.yaml':
        'entries:\n  - { date: 2026-12-01, stream: love, hours: 1, what: Translation }\n  - { date: 2026-12-02, stream: care, hours: 2, what: Call }\n',
    },
    expect: [
      { kind: 'contribution.add', subject: 'carol', line: 2, column: 5, entry: { index: 0, date: '2026-12-01', stream: 'love', what: 'Translation' } },
      { kind: 'contribution.add', subject: 'carol', line: 3, column: 5, entry: { index: 1, date: '2026-12-02', stream: 'care', what: 'Call' } },
    ],
  },
  {
    name: 'an entry corrected: identified by position and content',
    edits: replace(base, `${nov}/ana.yaml`, 'hours: 6\n', 'hours: 7\n'),
    expect: [
      {
        kind: 'contribution.update',
        subject: 'ana',
        line: 8,
        column: 12,
        fields: ['hours'],
        entry: { index: 1, date: '2026-11-05', stream: 'livelihood', what: 'Client brochure' },
        previous: { index: 1, date: '2026-11-05', stream: 'livelihood', what: 'Client brochure' },
      },
    ],
  },
  {
    name: 'entries put in another order',
    edits: {
      [`${nov}/ana.yaml`]:
        'entries:\n  - { date: 2026-11-12, stream: love, hours: 3, what: Reviewed a pull request }\n  - { date: 2026-11-03, stream: care, hours: 2.5, what: Onboarding call with carol }\n  - { what: Client brochure, hours: 6, stream: livelihood, date: 2026-11-05 }\n',
    },
    expect: [],
  },
  {
    name: 'an entry deleted from the middle',
    edits: replace(base, `${nov}/ana.yaml`, '  - date: 2026-11-05\n    stream: livelihood\n    hours: 6\n    what: Client brochure\n', ''),
    expect: [
      {
        kind: 'contribution.remove',
        subject: 'ana',
        line: 6,
        column: 5,
        entry: { index: 1, date: '2026-11-05', stream: 'livelihood', what: 'Client brochure' },
      },
    ],
  },
  {
    name: 'an entry moved to another day keeps its identity',
    edits: replace(base, `${nov}/ana.yaml`, 'date: 2026-11-05', 'date: 2026-11-06'),
    expect: [
      {
        kind: 'contribution.update',
        subject: 'ana',
        fields: ['date'],
        entry: { index: 1, date: '2026-11-06', stream: 'livelihood', what: 'Client brochure' },
        previous: { index: 1, date: '2026-11-05', stream: 'livelihood', what: 'Client brochure' },
      },
    ],
  },
  {
    name: 'an entry replaced by an unrelated one is a removal and an addition',
    edits: { [`${nov}/bob.yaml`]: 'entries:\n  - date: 2026-11-09\n    stream: care\n    hours: 1\n    what: Tea\n' },
    expect: [
      { kind: 'contribution.add', subject: 'bob', line: 2, column: 5, entry: { index: 0, date: '2026-11-09', stream: 'care', what: 'Tea' } },
      {
        kind: 'contribution.remove',
        subject: 'bob',
        line: 2,
        column: 5,
        entry: { index: 0, date: '2026-11-04', stream: 'livelihood', what: 'Server migration' },
      },
    ],
  },
  {
    name: 'a month file removed: one removal per entry',
    edits: { 'governance/contributions/2026-10/ana.yaml': null },
    expect: [
      { kind: 'contribution.remove', subject: 'ana', entry: { index: 0, date: '2026-10-02', stream: 'care', what: 'Assembly notes' } },
      { kind: 'contribution.remove', subject: 'ana', entry: { index: 1, date: '2026-10-09', stream: 'love', what: 'Docs page' } },
    ],
  },
  {
    name: 'a proposal added: its subject is its author',
    edits: { 'governance/proposals/0002-new-circle.yaml': 'title: Start an outreach circle\nauthor: bob\n' },
    expect: [{ kind: 'proposal.add', subject: 'bob', login: 'bob', proposal: { title: 'Start an outreach circle' } }],
  },
  {
    name: 'a proposal edited is judged by the rule it named at base',
    edits: replace(base, 'governance/proposals/0001-care-rate.yaml', 'decision: consent', 'decision: unanimous'),
    expect: [
      {
        kind: 'proposal.update',
        subject: 'ana',
        login: 'AnaCosta',
        fields: ['decision'],
        line: 3,
        column: 11,
        proposal: { title: 'Raise the care rate', decision: 'consent' },
      },
    ],
  },
  { name: 'a proposal withdrawn', edits: { 'governance/proposals/0001-care-rate.yaml': null }, expect: [{ kind: 'proposal.remove', subject: 'ana' }] },
  {
    name: 'a decision record added',
    edits: { 'governance/decisions/43.yaml': decisionRecord(43) },
    expect: [{ kind: 'decision.add', pr: 43, file: 'governance/decisions/43.yaml' }],
  },
  {
    name: 'a decision record edited',
    edits: replace(base, 'governance/decisions/42.yaml', 'outcome: passed', 'outcome: failed'),
    expect: [{ kind: 'decision.update', pr: 42, fields: ['outcome'] }],
  },
  { name: 'a decision record removed', edits: { 'governance/decisions/42.yaml': null }, expect: [{ kind: 'decision.remove', pr: 42 }] },
  {
    name: 'a decision record added that does not even conform',
    edits: { 'governance/decisions/44.yaml': 'pr: 44\n' },
    expect: [{ kind: 'decision.add', pr: 44 }],
  },
  {
    name: 'the constitution changed',
    edits: replace(base, 'governance/constitution.yaml', '\ndefault: supermajority\n', '\ndefault: majority\n'),
    expect: [{ kind: 'constitution.change', file: 'governance/constitution.yaml', fields: ['default'] }],
  },
  { name: 'a member file broken in the head is left to validation', edits: replace(base, `${members}/bob.yaml`, 'tier: member', 'tier: [member]'), expect: [] },
];

describe('diffStates, kind by kind', () => {
  it.each(rows)('$name', async (row) => {
    const before = await strictStateOf(base);
    const after = await stateOf(edit(base, row.edits));
    const changes = diffStates(before, after);
    expect(changes).toHaveLength(row.expect.length);
    row.expect.forEach((expected, i) => expect(changes[i]).toMatchObject(expected));
  });

  it('positions a change where the two versions first differ, however deep', async () => {
    const after = await strictStateOf(edit(base, replace(base, 'governance/constitution.yaml', 'threshold: 0.6667', 'threshold: 0.7')));
    const [change] = diffStates(await strictStateOf(base), after);
    const line = after.constitution!.text.split('\n').indexOf('    threshold: 0.7') + 1;
    expect(line).toBeGreaterThan(1);
    expect(change).toMatchObject({ kind: 'constitution.change', fields: ['decisions'], line, column: 16 });
  });

  it('counts a file broken in the base and valid in the head as added', async () => {
    const before = await stateOf(edit(base, replace(base, `${members}/eve.yaml`, 'tier: supporter', 'tier: 7')));
    expect(before.broken.has(`${members}/eve.yaml`)).toBe(true);
    expect(diffStates(before, await strictStateOf(base))).toEqual([expect.objectContaining({ kind: 'member.add', subject: 'eve' })]);
  });

  it('does not compare documents with the same blob id', async () => {
    const before = await strictStateOf(base);
    const after = await strictStateOf(edit(base, replace(base, `${members}/bob.yaml`, 'tier: member', 'tier: dater')));
    expect(diffStates(before, after)).toHaveLength(1);
    before.members.get('bob')!.oid = 'same';
    after.members.get('bob')!.oid = 'same';
    expect(diffStates(before, after)).toEqual([]);
  });

  it('takes a subject’s login from the base roll, not from the head', async () => {
    const after = await strictStateOf(edit(base, replace(base, `${members}/ana.yaml`, 'github: AnaCosta', 'github: Mallory')));
    expect(diffStates(await strictStateOf(base), after)).toEqual([
      expect.objectContaining({ kind: 'member.update', subject: 'ana', login: 'AnaCosta', fields: ['github'] }),
    ]);
  });
});

// --- governed paths -------------------------------------------------------------------------

describe('globs', () => {
  it.each([
    ['LICENSE', 'LICENSE', true],
    ['LICENSE', 'docs/LICENSE', false],
    ['.github/**', '.github/workflows/coop.yml', true],
    ['.github/**', '.githubx/a', false],
    ['.github/*', '.github/workflows/coop.yml', false],
    ['.github/*', '.github/CODEOWNERS', true],
    ['**/*.md', 'README.md', true],
    ['**/*.md', 'docs/a/b.md', true],
    ['docs/**/index.html', 'docs/index.html', true],
    ['docs/**/index.html', 'docs/x/y/index.html', true],
    ['LICEN?E', 'LICENSE', true],
    ['LICEN?E', 'LICENCE.md', false],
    ['a.b', 'axb', false],
  ])('%s matches %s: %s', (glob, path, expected) => {
    expect(globToRegExp(glob).test(path)).toBe(expected);
  });

  it('lets a glob that names a folder govern what is in it', () => {
    expect(governedBy('.github/workflows/coop.yml', ['.github'])).toBe(true);
    expect(governedBy('.githubx/coop.yml', ['.github'])).toBe(false);
  });
});

describe('diffPaths', () => {
  const globs = ['LICENSE', '.github/**'];

  it('lists governed files added, changed and removed, and nothing else', async () => {
    const head = edit(base, {
      LICENSE: 'MIT\n',
      '.github/workflows/coop.yml': null,
      '.github/workflows/release.yml': 'on: push\n',
      'README.md': 'Changed, but not governed.\n',
      'governance/members/eve.yaml': null,
    });
    const changes = await diffPaths(memorySource(base), memorySource(head), globs);
    expect(changes.map((c) => [c.file, c.status])).toEqual([
      ['.github/workflows/coop.yml', 'removed'],
      ['.github/workflows/release.yml', 'added'],
      ['LICENSE', 'modified'],
    ]);
    expect(changes.every((c) => c.kind === 'path.change' && c.subject === undefined)).toBe(true);
  });

  it('finds nothing when the governed files are the same, and reads no folder no glob reaches', async () => {
    const listed: string[] = [];
    const spy = (files: Files) => {
      const source = memorySource(files);
      return { ...source, list: (path: string) => (listed.push(path), source.list(path)) };
    };
    const files = edit(base, { 'src/deep/code.ts': 'x\n' });
    expect(await diffPaths(spy(files), spy(edit(files, { 'src/deep/code.ts': 'y\n' })), globs)).toEqual([]);
    expect(listed.some((p) => p.startsWith('src') || p.startsWith('governance'))).toBe(false);
  });
});
