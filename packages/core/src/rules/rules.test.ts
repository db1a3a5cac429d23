// Table-driven tests of every semantic rule, of file classification and of the schema's wording, each through validateSource.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decisionRecord, sha } from '../../../../test/support/disco-state.ts';
import { valueSections } from '../../../../test/support/value-state.ts';
import { compareDiagnostics, type Diagnostic } from '../common/index.ts';
import { memorySource } from '../common/index.ts';
import { classify, type FileRole } from '../common/index.ts';
import { validateSource, type ValidationResult } from '../load/index.ts';
import { semanticRules } from './index.ts';

// ---------------------------------------------------------------------------------------------
// The base state: small, valid, and touching every rule. Keys are paths under governance/.
// Line numbers in the tables below refer to these texts; keep them in step when editing. Lines 33–45
// of the constitution are valueSections (test/support/value-state.ts); decisions/42.yaml is
// decisionRecord(42) (test/support/disco-state.ts).
// ---------------------------------------------------------------------------------------------

const constitution = `version: 1
name: Test Coop
tiers:
  - id: member
    label: Member
    rights: [vote, propose]
  - id: dater
    label: Dater
    rights: [vote-advisory, propose]
    stages: 3
  - id: contributor
    label: Contributor
    rights: []
circles:
  care: { label: Care }
  tech: { label: Tech }
decisions:
  lazy-majority: { method: lazy-majority, min_days: 3 }
  consent: { method: consent, min_yes: 2, min_days: 3, max_days: 14 }
  unanimous: { method: unanimous, voters: [member] }
  supermajority: { method: majority, threshold: 0.6667, quorum: 0.6667, min_days: 7 }
policy:
  - { change: member.add, self: true, tier: contributor, rule: none }
  - { change: member.tier, tier: [member], from: dater, rule: unanimous }
  - { change: commitment.*, rule: consent }
  - { change: proposal.add, rule: as-proposed }
  - { change: decision.*, rule: forbidden }
  - { paths: [LICENSE], rule: supermajority }
default: supermajority
proposals:
  rules: [lazy-majority, consent]
  default: lazy-majority
${valueSections}`;

const ana = `name: Ana Costa
tier: member
since: 2024-03-01
circles: { care: steward, tech: member }
`;

const bob = `name: Bob Silva
tier: member
since: 2025-01-15
github: BobS
emails: [bob@example.org]
status: active
`;

const carol = `name: Carol Diaz
tier: dater
since: 2026-09-01
dating: { stage: 2, since: 2026-09-01 }
mentor: ana
`;

const commitment = `statement: I keep the translation workflow running and mentor one dater.
periods:
  - quarter: 2026-Q3
    pledge: { love: { credits: 400 }, care: { hours: 20 } }
    signed: 2026-07-01
  - quarter: 2026-Q4
    pledge: { love: { credits: 400 } }
    signed: 2026-10-01
`;

const contributions = `entries:
  - date: 2026-11-03
    stream: care
    hours: 2.5
    what: Onboarding call with carol
  - date: 2026-11-12
    stream: love
    credits: 120
    what: Translated the handbook
    link: https://example.org/pull/12
`;

const proposal = `title: Raise the care-work rate to 25 credits an hour
author: ana
decision: consent
summary: |
  Care work is under-valued.
`;

const base: Readonly<Record<string, string>> = {
  'constitution.yaml': constitution,
  'members/ana.yaml': ana,
  'members/bob.yaml': bob,
  'members/carol.yaml': carol,
  'commitments/ana.yaml': commitment,
  'contributions/2026-11/ana.yaml': contributions,
  'proposals/0007-adopt-care-rate.yaml': proposal,
  'decisions/42.yaml': decisionRecord(42),
};

/** Files to replace or add (text) or remove (null), by path under governance/. */
type Patch = Record<string, string | null>;

/** Validates the base state with a patch applied, on the day `today` when one is given (else without a clock). */
async function check(patch: Patch = {}, today?: string): Promise<ValidationResult> {
  const files: Record<string, string> = {};
  for (const [path, text] of Object.entries({ ...base, ...patch })) {
    if (text !== null) files[`governance/${path}`] = text;
  }
  return validateSource(memorySource(files), today === undefined ? {} : { now: new Date(`${today}T12:00:00Z`) });
}

/** A patch that edits a base file, replacing each `from` (which must occur exactly once) with its `to`. */
function edit(path: string, ...replacements: [from: string, to: string][]): Patch {
  let text = base[path];
  if (text === undefined) throw new Error(`no base file ${path}`);
  for (const [from, to] of replacements) {
    const count = text.split(from).length - 1;
    if (count !== 1) throw new Error(`"${from}" occurs ${count} times in ${path}`);
    text = text.replace(from, () => to);
  }
  return { [path]: text };
}

/** Where a diagnostic is expected, and its code; `warning` for warnings. */
interface Expected {
  file: string;
  line: number;
  column: number;
  code: string;
  warning?: true;
}

function at(path: string, line: number, column: number, code: string, warning?: 'warning'): Expected {
  return { file: `governance/${path}`, line, column, code, ...(warning ? { warning: true as const } : {}) };
}

const where = (d: Pick<Diagnostic, 'file' | 'line' | 'column' | 'code'>) => ({ file: d.file, line: d.line, column: d.column, code: d.code });

/** Asserts that a result has exactly the expected errors and warnings, at their positions. */
function expectExactly(result: ValidationResult, expected: readonly Expected[]): void {
  const sorted = (list: Expected[]) =>
    list
      .map(({ warning: _, ...e }) => ({ ...e, message: '' }))
      .sort(compareDiagnostics)
      .map(where);
  expect({ errors: result.errors.map(where), warnings: result.warnings.map(where) }).toEqual({
    errors: sorted(expected.filter((e) => !e.warning)),
    warnings: sorted(expected.filter((e) => e.warning)),
  });
  expect(result.ok).toBe(!expected.some((e) => !e.warning));
}

interface ValidCase {
  name: string;
  patch: Patch;
  /** The day validation runs on, YYYY-MM-DD; without it, no clock is given. */
  today?: string;
  /** Diagnostics of other rules the patch brings; never of the rule under test. */
  others?: Expected[];
}

interface InvalidCase {
  name: string;
  patch: Patch;
  /** The day validation runs on, YYYY-MM-DD; without it, no clock is given. */
  today?: string;
  /** Every diagnostic the state then has, the rule's own and any other. */
  expect: Expected[];
  /** What the rule's message must say: the fix, or the suggestion. */
  fix: RegExp;
}

const tested = new Set<string>();

/** One describe per rule: valid cases raise nothing of the rule, invalid ones exactly what they list. */
function ruleTable(id: string, table: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  tested.add(id);
  describe(id, () => {
    it.each(table.valid)('valid: $name', async ({ patch, today, others = [] }) => {
      expect(others.some((e) => e.code === id)).toBe(false);
      const result = await check(patch, today);
      expect([...result.errors, ...result.warnings].filter((d) => d.code === id)).toEqual([]);
      expectExactly(result, others);
    });
    it.each(table.invalid)('invalid: $name', async ({ patch, today, expect: expected, fix }) => {
      expect(expected.some((e) => e.code === id)).toBe(true);
      const result = await check(patch, today);
      expectExactly(result, expected);
      const own = [...result.errors, ...result.warnings].filter((d) => d.code === id);
      for (const d of own) expect(d.message).toMatch(fix);
    });
  });
}

// ---------------------------------------------------------------------------------------------

describe('the base state', () => {
  it('has no errors and no warnings', async () => {
    const result = await check();
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.stats).toMatchObject({
      members: 3,
      commitments: 1,
      contributions: 1,
      entries: 2,
      proposals: 1,
      decisions: 1,
      tiers: { member: 2, dater: 1, contributor: 0 },
    });
  });

  it('has a table below for every semantic rule', () => {
    expect([...tested].sort()).toEqual(semanticRules.map((r) => r.id).sort());
  });

  it('finds every semantic rule in the file named after its id', () => {
    const here = dirname(fileURLToPath(import.meta.url));
    for (const rule of semanticRules) {
      const text = readFileSync(join(here, `${rule.id.replace('.', '-')}.ts`), 'utf8');
      expect(text, rule.id).toContain(`id: '${rule.id}'`);
    }
  });
});

ruleTable('constitution.reference', {
  valid: [
    { name: 'the base constitution', patch: {} },
    { name: 'max_days equal to min_days', patch: edit('constitution.yaml', ['max_days: 14', 'max_days: 3']) },
    {
      name: 'split shares whose float sum is a hair over 1',
      patch: edit('constitution.yaml', ['share: 0.75 }', 'share: 0.7 }'], ['share: 0.25 }', 'share: 0.1 }\n    - { streams: [care], share: 0.2 }']),
    },
    {
      name: 'payouts and ratifications naming declared rules, also ones proposals may not choose',
      patch: edit('constitution.yaml', ['  default: lazy-majority\n', '  default: lazy-majority\n  payouts: consent\n  ratifications: supermajority\n']),
    },
    { name: 'globs matching kinds', patch: edit('constitution.yaml', ['change: commitment.*', 'change: [contribution.*, "*.add"]']) },
    {
      name: 'a constitution without proposals, circles, value or commitments',
      patch: {
        'constitution.yaml': constitution
          .replace(/^circles:\n( {2}.*\n)+/m, '')
          .replace(/^proposals:\n( {2}.*\n)+/m, '')
          .replace(/^value:\n( {2}.*\n)+/m, '')
          .replace(/^commitments:\n( {2}.*\n)+/m, ''),
        'members/ana.yaml': ana.replace(/^circles:.*\n/m, ''),
        'commitments/ana.yaml': null,
        'contributions/2026-11/ana.yaml': null,
      },
    },
  ],
  invalid: [
    {
      name: 'a tier id declared twice',
      patch: edit('constitution.yaml', [
        '    label: Contributor\n    rights: []\n',
        '    label: Contributor\n    rights: []\n  - id: contributor\n    label: Helper\n    rights: []\n',
      ]),
      expect: [at('constitution.yaml', 14, 9, 'constitution.reference')],
      fix: /"contributor" is declared twice\. Give each tier its own id/,
    },
    {
      name: 'a policy rule that is not declared',
      patch: edit('constitution.yaml', ['rule: consent }', 'rule: consensus }']),
      expect: [at('constitution.yaml', 25, 35, 'constitution.reference')],
      fix: /"consensus" is not declared under decisions\. Use one of: lazy-majority, consent, unanimous, supermajority, or none, forbidden, as-proposed/,
    },
    {
      name: 'a policy tier that is not declared',
      patch: edit('constitution.yaml', ['tier: contributor,', 'tier: contributors,']),
      expect: [at('constitution.yaml', 23, 45, 'constitution.reference')],
      fix: /"contributors" is not declared\. Use one of: member, dater, contributor/,
    },
    {
      name: 'policy tier and from lists naming undeclared tiers',
      patch: edit('constitution.yaml', ['tier: [member], from: dater,', 'tier: [member, elder], from: [dater, daters],']),
      expect: [at('constitution.yaml', 24, 43, 'constitution.reference'), at('constitution.yaml', 24, 65, 'constitution.reference')],
      fix: /is not declared\. Use one of: member, dater, contributor/,
    },
    {
      name: 'a change glob that matches no kind',
      patch: edit('constitution.yaml', ['change: commitment.*', 'change: commitments.*']),
      expect: [at('constitution.yaml', 25, 15, 'constitution.reference')],
      fix: /"commitments\.\*" matches no change kind\. Use a kind such as member\.add or a glob such as commitment\.\*; the kinds are: constitution\.change, member\.add/,
    },
    {
      name: 'a rule named with a reserved word (none)',
      patch: edit('constitution.yaml', ['decisions:\n', 'decisions:\n  none: { method: consent }\n']),
      expect: [at('constitution.yaml', 18, 3, 'constitution.reference')],
      fix: /"none" is a reserved word in policy entries and cannot name a rule\. Rename the rule/,
    },
    {
      name: 'rule voters naming an undeclared tier',
      patch: edit('constitution.yaml', ['voters: [member]', 'voters: [member, core]']),
      expect: [at('constitution.yaml', 20, 52, 'constitution.reference')],
      fix: /"core" is not declared\. Use one of: member, dater, contributor/,
    },
    {
      name: 'max_days before min_days',
      patch: edit('constitution.yaml', ['max_days: 14', 'max_days: 2']),
      expect: [at('constitution.yaml', 19, 66, 'constitution.reference')],
      fix: /max_days \(2\) is before min_days \(3\)\. Make max_days at least min_days/,
    },
    {
      name: 'a default rule that is not declared',
      patch: edit('constitution.yaml', ['default: supermajority', 'default: super-majority']),
      expect: [at('constitution.yaml', 29, 10, 'constitution.reference')],
      fix: /default rule "super-majority" is not declared under decisions\. Use one of: lazy-majority, consent, unanimous, supermajority/,
    },
    {
      name: 'proposals.default not among proposals.rules',
      patch: edit('constitution.yaml', ['  default: lazy-majority', '  default: unanimous']),
      expect: [at('constitution.yaml', 32, 12, 'constitution.reference')],
      fix: /"unanimous" is not among the rules proposals may choose\. Add it to proposals\.rules or pick one of: lazy-majority, consent/,
    },
    {
      name: 'proposals.rules naming an undeclared rule',
      patch: edit('constitution.yaml', ['rules: [lazy-majority, consent]', 'rules: [lazy-majority, consent, sociocracy]']),
      expect: [at('constitution.yaml', 31, 35, 'constitution.reference')],
      fix: /"sociocracy" is not declared under decisions\. Use one of:/,
    },
    {
      name: 'proposals.payouts naming an undeclared rule',
      patch: edit('constitution.yaml', ['  default: lazy-majority\n', '  default: lazy-majority\n  payouts: consensus\n']),
      expect: [at('constitution.yaml', 33, 12, 'constitution.reference')],
      fix: /"consensus" is not declared under decisions, so every payout proposal would be forbidden: no vote could pass it\. Use one of: lazy-majority, consent, unanimous, supermajority, or leave proposals\.payouts out for the rule each payout names/,
    },
    {
      name: 'proposals.ratifications naming an undeclared rule',
      patch: edit('constitution.yaml', ['  default: lazy-majority\n', '  default: lazy-majority\n  payouts: consent\n  ratifications: super-majority\n']),
      expect: [at('constitution.yaml', 34, 18, 'constitution.reference')],
      fix: /"super-majority" is not declared under decisions, so every ratification \(a proposal with ratifies:\) would be forbidden.* or leave proposals\.ratifications out for the default rule, supermajority\./,
    },
    {
      name: 'split shares adding up to more than 1',
      patch: edit('constitution.yaml', ['share: 0.75 }', 'share: 0.8 }']),
      expect: [at('constitution.yaml', 41, 5, 'constitution.reference')],
      fix: /add up to 1\.05, more than the whole pool\. Make them add up to 1 at most/,
    },
    {
      name: 'a split naming an undeclared stream',
      patch: edit('constitution.yaml', ['[love, care]', '[love, art]']),
      expect: [at('constitution.yaml', 42, 25, 'constitution.reference')],
      fix: /"art" is not under value\.streams\. Use one of: livelihood, love, care/,
    },
    {
      name: 'a dating rate for a stage beyond any tier’s stages',
      patch: edit('constitution.yaml', ['3: 0.75 }', '3: 0.75, 4: 0.9 }']),
      expect: [at('constitution.yaml', 39, 42, 'constitution.reference')],
      fix: /No tier has a stage 4 \(the most is 3\)\. Remove this rate or add stages to a tier/,
    },
    {
      name: 'commitment minimums for an undeclared tier and stream',
      patch: edit('constitution.yaml', [
        '    member: { love: { credits: 400 } }',
        '    members: { love: { credits: 400 } }\n    dater: { loves: { hours: 10 } }',
      ]),
      expect: [at('constitution.yaml', 45, 5, 'constitution.reference'), at('constitution.yaml', 46, 14, 'constitution.reference')],
      fix: /(The tier "members" is not declared\. Use one of: member, dater, contributor)|(The stream "loves" is not under value\.streams\. Use one of: livelihood, love, care)/,
    },
  ],
});

ruleTable('proposal.ratifies', {
  valid: [
    {
      name: 'a ratification that names no rule of its own',
      patch: edit('proposals/0007-adopt-care-rate.yaml', ['decision: consent\n', `ratifies: [${sha('4')}]\n`]),
    },
    {
      name: 'two ratifications of different commits, one naming the rule it gets',
      patch: {
        ...edit('proposals/0007-adopt-care-rate.yaml', ['decision: consent\n', `ratifies: [${sha('4')}, ${sha('5')}]\n`]),
        'proposals/0008-ratify.yaml': `title: Ratify a direct push\nauthor: ana\ndecision: supermajority\nratifies:\n  - ${sha('6')}\n`,
      },
      others: [at('proposals/0008-ratify.yaml', 3, 11, 'proposal.rule-allowed')],
    },
  ],
  invalid: [
    {
      name: 'a ratification that names another rule in decision',
      patch: edit('proposals/0007-adopt-care-rate.yaml', ['decision: consent\n', `decision: consent\nratifies: [${sha('4')}]\n`]),
      expect: [at('proposals/0007-adopt-care-rate.yaml', 3, 11, 'proposal.ratifies', 'warning')],
      fix: /^A ratification is decided by the constitution's default rule \(it names no proposals\.ratifications\), supermajority, not by consent\. Remove decision:\.$/,
    },
    {
      name: 'a commit ratified by two proposals',
      patch: {
        ...edit('proposals/0007-adopt-care-rate.yaml', ['decision: consent\n', `ratifies: [${sha('4')}]\n`]),
        'proposals/0008-ratify.yaml': `title: Ratify a direct push\nauthor: ana\nratifies:\n  - ${sha('5')}\n  - ${sha('4')}\n`,
      },
      expect: [at('proposals/0008-ratify.yaml', 5, 5, 'proposal.ratifies', 'warning')],
      fix: /^The commit a4a4a4a is already ratified by governance\/proposals\/0007-adopt-care-rate\.yaml; once that proposal's record lands, it counts as decided\. Remove it from one of the two\.$/,
    },
  ],
});

ruleTable('date.real', {
  valid: [
    { name: 'a leap day in a leap year', patch: edit('members/ana.yaml', ['since: 2024-03-01', 'since: 2028-02-29']) },
    { name: 'the last second of a day', patch: edit('decisions/42.yaml', ['decided_at: 2026-11-21T10:00:00Z', 'decided_at: 2026-11-21T23:59:59Z']) },
    { name: 'fractional seconds', patch: edit('decisions/42.yaml', ['decided_at: 2026-11-21T10:00:00Z', 'decided_at: 2026-11-21T10:00:00.250Z']) },
    {
      name: 'free text that looks like an impossible date',
      patch: edit('proposals/0007-adopt-care-rate.yaml', ['summary: |\n  Care work is under-valued.', 'summary: 2026-02-30']),
    },
    {
      name: 'a note that looks like an impossible date',
      patch: edit('commitments/ana.yaml', ['    signed: 2026-10-01\n', '    signed: 2026-10-01\n    note: 2026-13-01\n']),
    },
  ],
  invalid: [
    {
      name: 'February 30th',
      patch: edit('members/ana.yaml', ['since: 2024-03-01', 'since: 2026-02-30']),
      expect: [at('members/ana.yaml', 3, 8, 'date.real')],
      fix: /2026-02-30 is not a real date: 2026-02 has 28 days\. Check the month and day \(write YYYY-MM-DD\)/,
    },
    {
      name: 'a thirteenth month',
      patch: edit('members/ana.yaml', ['since: 2024-03-01', 'since: 2026-13-01']),
      expect: [at('members/ana.yaml', 3, 8, 'date.real')],
      fix: /2026-13-01 is not a real date: months run 01 to 12\. Check the month and day/,
    },
    {
      name: 'February 29th in a common year, in a commitment',
      patch: edit('commitments/ana.yaml', ['signed: 2026-07-01', 'signed: 2026-02-29']),
      expect: [at('commitments/ana.yaml', 5, 13, 'date.real')],
      fix: /2026-02-29 is not a real date/,
    },
    {
      name: 'a dating stage since September 31st',
      patch: edit('members/carol.yaml', ['since: 2026-09-01 }', 'since: 2026-09-31 }']),
      expect: [at('members/carol.yaml', 4, 28, 'date.real')],
      fix: /2026-09-31 is not a real date/,
    },
    {
      name: 'November 31st in a contributions file (also in its month, so only this)',
      patch: edit('contributions/2026-11/ana.yaml', ['date: 2026-11-12', 'date: 2026-11-31']),
      expect: [at('contributions/2026-11/ana.yaml', 6, 11, 'date.real')],
      fix: /2026-11-31 is not a real date/,
    },
    {
      name: 'hour 24 in a decision record',
      patch: edit('decisions/42.yaml', ['decided_at: 2026-11-21T10:00:00Z', 'decided_at: 2026-11-21T24:00:00Z']),
      expect: [at('decisions/42.yaml', 15, 13, 'date.real')],
      fix: /2026-11-21T24:00:00Z is not a real time: hours run 00 to 23, minutes and seconds 00 to 59\. Check the date and the time/,
    },
    {
      name: 'minute 61 in a vote',
      patch: edit('decisions/42.yaml', ['at: 2026-11-20T10:00:00Z', 'at: 2026-11-20T10:61:00Z']),
      expect: [at('decisions/42.yaml', 12, 34, 'date.real')],
      fix: /2026-11-20T10:61:00Z is not a real time/,
    },
    {
      name: 'an impossible day in a time',
      patch: edit('decisions/42.yaml', ['opened: 2026-11-18T09:00:00Z', 'opened: 2026-02-30T09:00:00Z']),
      expect: [at('decisions/42.yaml', 9, 9, 'date.real')],
      fix: /2026-02-30T09:00:00Z is not a real date: 2026-02 has 28 days/,
    },
  ],
});

ruleTable('member.login-unique', {
  valid: [
    { name: 'distinct logins', patch: {} },
    { name: 'a github login that is the handle in another case', patch: edit('members/ana.yaml', ['tier: member\n', 'tier: member\ngithub: ANA\n']) },
  ],
  invalid: [
    {
      name: 'github Ana against the handle ana, ignoring case',
      patch: edit('members/bob.yaml', ['github: BobS', 'github: Ana']),
      expect: [at('members/bob.yaml', 4, 9, 'member.login-unique')],
      fix: /The login "ana" already belongs to ana \(governance\/members\/ana\.yaml\).*Give each member their own `github:` login/,
    },
    {
      name: 'two github logins differing in case',
      patch: edit('members/ana.yaml', ['tier: member\n', 'tier: member\ngithub: bobs\n']),
      expect: [at('members/bob.yaml', 4, 9, 'member.login-unique')],
      fix: /The login "bobs" already belongs to ana/,
    },
    {
      name: 'a handle (no github) taken by an earlier member’s github',
      patch: edit('members/ana.yaml', ['tier: member\n', 'tier: member\ngithub: CAROL\n']),
      expect: [at('members/carol.yaml', 1, 1, 'member.login-unique')],
      fix: /The login "carol" already belongs to ana/,
    },
  ],
});

ruleTable('member.tier-exists', {
  valid: [{ name: 'the outermost tier', patch: edit('members/bob.yaml', ['tier: member', 'tier: contributor']) }],
  invalid: [
    {
      name: 'an unknown tier',
      patch: edit('members/bob.yaml', ['tier: member', 'tier: founder']),
      expect: [at('members/bob.yaml', 2, 7, 'member.tier-exists')],
      fix: /The tier "founder" is not in the constitution\. Use one of: member, dater, contributor\./,
    },
  ],
});

ruleTable('member.circle-exists', {
  valid: [
    { name: 'no circles', patch: edit('members/ana.yaml', ['circles: { care: steward, tech: member }\n', '']) },
    { name: 'one declared circle', patch: edit('members/ana.yaml', ['{ care: steward, tech: member }', '{ tech: member }']) },
  ],
  invalid: [
    {
      name: 'a circle not declared',
      patch: edit('members/ana.yaml', ['tech: member', 'finance: member']),
      expect: [at('members/ana.yaml', 4, 27, 'member.circle-exists')],
      fix: /The circle "finance" is not declared in the constitution\. Use one of: care, tech, or add it under `circles:` in governance\/constitution\.yaml/,
    },
    {
      name: 'a circle when the constitution declares none',
      patch: { ...edit('constitution.yaml', ['circles:\n  care: { label: Care }\n  tech: { label: Tech }\n', '']) },
      expect: [at('members/ana.yaml', 4, 12, 'member.circle-exists'), at('members/ana.yaml', 4, 27, 'member.circle-exists')],
      fix: /Use one of: \(none\), or add it under `circles:`/,
    },
  ],
});

ruleTable('member.mentor-exists', {
  valid: [
    { name: 'another member as mentor', patch: edit('members/carol.yaml', ['mentor: ana', 'mentor: bob']) },
    {
      name: 'a mentor whose own file does not conform (it exists)',
      patch: edit('members/ana.yaml', ['since: 2024-03-01', 'since: 1 March 2024']),
      others: [at('members/ana.yaml', 3, 8, 'schema.pattern')],
    },
  ],
  invalid: [
    {
      name: 'a mentor with no member file',
      patch: edit('members/carol.yaml', ['mentor: ana', 'mentor: dan']),
      expect: [at('members/carol.yaml', 5, 9, 'member.mentor-exists')],
      fix: /The mentor "dan" is not a member: there is no governance\/members\/dan\.yaml\. Use an existing member's handle/,
    },
    {
      name: 'a member as their own mentor',
      patch: edit('members/carol.yaml', ['mentor: ana', 'mentor: carol']),
      expect: [at('members/carol.yaml', 5, 9, 'member.mentor-exists')],
      fix: /cannot mentor themselves\. Name another member as mentor, or remove `mentor:`/,
    },
  ],
});

ruleTable('date.future', {
  valid: [
    { name: 'the base state, validated on a later day', patch: {}, today: '2026-12-01' },
    { name: 'a member who entered the tier today', patch: edit('members/ana.yaml', ['since: 2024-03-01', 'since: 2026-12-01']), today: '2026-12-01' },
    { name: 'a since: after today, without a clock', patch: edit('members/ana.yaml', ['since: 2024-03-01', 'since: 2027-01-01']) },
    {
      name: 'an impossible date after today (date.real says it)',
      patch: edit('members/ana.yaml', ['since: 2024-03-01', 'since: 2027-02-30']),
      today: '2026-12-01',
      others: [at('members/ana.yaml', 3, 8, 'date.real')],
    },
  ],
  invalid: [
    {
      name: 'a since: after today',
      patch: edit('members/ana.yaml', ['since: 2024-03-01', 'since: 2027-01-01']),
      today: '2026-12-01',
      expect: [at('members/ana.yaml', 3, 8, 'date.future', 'warning')],
      fix: /^2027-01-01 is after today \(2026-12-01\): `since:` is the date they entered the tier "member"\. Write the day it happened/,
    },
    {
      name: 'a dating stage since after today, and the tier since too',
      patch: edit('members/carol.yaml', ['since: 2026-09-01\n', 'since: 2026-12-02\n'], ['since: 2026-09-01 }', 'since: 2026-12-24 }']),
      today: '2026-12-01',
      expect: [at('members/carol.yaml', 3, 8, 'date.future', 'warning'), at('members/carol.yaml', 4, 28, 'date.future', 'warning')],
      fix: /is after today \(2026-12-01\): `(since:|dating\.since)` is the date they entered (the tier "dater"|stage 2)\. Write the day it happened/,
    },
  ],
});

ruleTable('member.dating', {
  valid: [
    { name: 'the last stage', patch: edit('members/carol.yaml', ['stage: 2', 'stage: 3']) },
    { name: 'the first stage', patch: edit('members/carol.yaml', ['stage: 2', 'stage: 1']) },
    { name: 'a tier without stages and no dating', patch: edit('members/bob.yaml', ['tier: member', 'tier: contributor']) },
  ],
  invalid: [
    {
      name: 'dating on a tier without stages',
      patch: edit('members/ana.yaml', ['since: 2024-03-01\n', 'since: 2024-03-01\ndating: { stage: 1, since: 2024-03-01 }\n']),
      expect: [at('members/ana.yaml', 4, 1, 'member.dating')],
      fix: /The tier "member" has no stages, so `dating:` does not apply\. Remove it, or move the person to a tier with stages \(dater\)/,
    },
    {
      name: 'stage 4 of 3',
      patch: edit('members/carol.yaml', ['stage: 2', 'stage: 4']),
      expect: [at('members/carol.yaml', 4, 18, 'member.dating')],
      fix: /The tier "dater" has 3 stages; stage 4 does not exist\. Use a stage from 1 to 3/,
    },
    {
      name: 'no dating on a tier with stages (a warning)',
      patch: edit('members/carol.yaml', ['dating: { stage: 2, since: 2026-09-01 }\n', '']),
      expect: [at('members/carol.yaml', 2, 7, 'member.dating', 'warning')],
      fix: /does not say which one they are in\. Add `dating: \{ stage: 1, since: 2026-09-01 \}`/,
    },
  ],
});

ruleTable('person.member-exists', {
  valid: [
    { name: 'a commitment of another member', patch: { 'commitments/bob.yaml': commitment } },
    { name: 'contributions of another member', patch: { 'contributions/2026-11/carol.yaml': contributions } },
  ],
  invalid: [
    {
      name: 'a commitment of nobody',
      patch: { 'commitments/dan.yaml': commitment },
      expect: [at('commitments/dan.yaml', 1, 1, 'person.member-exists')],
      fix: /There is no member "dan" \(governance\/members\/dan\.yaml\)\. Add the member, or name this file after an existing handle/,
    },
    {
      name: 'contributions of nobody',
      patch: { 'contributions/2026-11/dan.yaml': contributions },
      expect: [at('contributions/2026-11/dan.yaml', 1, 1, 'person.member-exists')],
      fix: /There is no member "dan"/,
    },
  ],
});

ruleTable('contribution.in-month', {
  valid: [
    {
      name: 'the first and last day of the month',
      patch: edit('contributions/2026-11/ana.yaml', ['date: 2026-11-03', 'date: 2026-11-01'], ['date: 2026-11-12', 'date: 2026-11-30']),
    },
  ],
  invalid: [
    {
      name: 'an entry of the next month',
      patch: edit('contributions/2026-11/ana.yaml', ['date: 2026-11-12', 'date: 2026-12-01']),
      expect: [at('contributions/2026-11/ana.yaml', 6, 11, 'contribution.in-month')],
      fix: /2026-12-01 is not in 2026-11, the month this file is filed under\. Move the entry to governance\/contributions\/2026-12\/ana\.yaml, or correct the date/,
    },
    {
      name: 'an entry of the same month a year earlier',
      patch: edit('contributions/2026-11/ana.yaml', ['date: 2026-11-03', 'date: 2025-11-03']),
      expect: [at('contributions/2026-11/ana.yaml', 2, 11, 'contribution.in-month')],
      fix: /Move the entry to governance\/contributions\/2025-11\/ana\.yaml/,
    },
  ],
});

const noValue = constitution.replace(/^value:\n( {2}.*\n)+/m, '').replace(/^commitments:\n( {2}.*\n)+/m, '');

ruleTable('stream.exists', {
  valid: [
    {
      name: 'a constitution without value, and no contributions or pledges',
      patch: { 'constitution.yaml': noValue, 'contributions/2026-11/ana.yaml': null, 'commitments/ana.yaml': null },
    },
  ],
  invalid: [
    {
      name: 'an entry in a stream not declared',
      patch: edit('contributions/2026-11/ana.yaml', ['stream: care', 'stream: art']),
      expect: [at('contributions/2026-11/ana.yaml', 3, 13, 'stream.exists')],
      fix: /The stream "art" is not in the constitution\. Use one of: livelihood, love, care\./,
    },
    {
      name: 'a pledge in a stream not declared',
      patch: edit('commitments/ana.yaml', ['care: { hours: 20 }', 'cares: { hours: 20 }']),
      expect: [at('commitments/ana.yaml', 4, 39, 'stream.exists')],
      fix: /The stream "cares" is not in the constitution\. Use one of: livelihood, love, care\./,
    },
    {
      name: 'contributions and pledges while the constitution tracks no value',
      patch: { 'constitution.yaml': noValue },
      expect: [
        at('contributions/2026-11/ana.yaml', 3, 13, 'stream.exists'),
        at('contributions/2026-11/ana.yaml', 7, 13, 'stream.exists'),
        at('commitments/ana.yaml', 4, 15, 'stream.exists'),
        at('commitments/ana.yaml', 4, 39, 'stream.exists'),
        at('commitments/ana.yaml', 7, 15, 'stream.exists'),
      ],
      fix: /This constitution tracks no value: add `value: \{ streams: \.\.\. \}` to governance\/constitution\.yaml first/,
    },
  ],
});

ruleTable('commitment.overlap', {
  valid: [{ name: 'the same quarter in two people’s files', patch: { 'commitments/bob.yaml': commitment } }],
  invalid: [
    {
      name: 'the same quarter twice',
      patch: edit('commitments/ana.yaml', ['quarter: 2026-Q4', 'quarter: 2026-Q3']),
      expect: [at('commitments/ana.yaml', 6, 14, 'commitment.overlap')],
      fix: /2026-Q3 is pledged twice \(also in period 1\)\. Keep one pledge per quarter: merge the two/,
    },
  ],
});

ruleTable('proposal.number-unique', {
  valid: [{ name: 'consecutive numbers', patch: { 'proposals/0008-another.yaml': proposal } }],
  invalid: [
    {
      name: '0007-a and 0007-b',
      patch: { 'proposals/0007-adopt-care-rate.yaml': null, 'proposals/0007-a.yaml': proposal, 'proposals/0007-b.yaml': proposal },
      expect: [at('proposals/0007-b.yaml', 1, 1, 'proposal.number-unique')],
      fix: /Proposal number 0007 is already used by governance\/proposals\/0007-a\.yaml\. Give this proposal the next free number/,
    },
    {
      name: 'the same number written with more zeros',
      patch: { 'proposals/00007-again.yaml': proposal },
      expect: [at('proposals/0007-adopt-care-rate.yaml', 1, 1, 'proposal.number-unique')],
      fix: /already used by governance\/proposals\/00007-again\.yaml/,
    },
  ],
});

ruleTable('proposal.author-exists', {
  valid: [{ name: 'a dater as author', patch: edit('proposals/0007-adopt-care-rate.yaml', ['author: ana', 'author: carol']) }],
  invalid: [
    {
      name: 'an author who is not a member',
      patch: edit('proposals/0007-adopt-care-rate.yaml', ['author: ana', 'author: zoe']),
      expect: [at('proposals/0007-adopt-care-rate.yaml', 2, 9, 'proposal.author-exists')],
      fix: /The author "zoe" is not a member: there is no governance\/members\/zoe\.yaml\. Use an existing member's handle/,
    },
  ],
});

ruleTable('proposal.rule-allowed', {
  valid: [
    { name: 'no decision (the default)', patch: edit('proposals/0007-adopt-care-rate.yaml', ['decision: consent\n', '']) },
    { name: 'the proposals default', patch: edit('proposals/0007-adopt-care-rate.yaml', ['decision: consent', 'decision: lazy-majority']) },
    {
      name: 'any declared rule when the constitution does not limit proposals',
      patch: {
        ...edit('constitution.yaml', ['proposals:\n  rules: [lazy-majority, consent]\n  default: lazy-majority\n', '']),
        ...edit('proposals/0007-adopt-care-rate.yaml', ['decision: consent', 'decision: unanimous']),
      },
    },
  ],
  invalid: [
    {
      name: 'a declared rule proposals may not choose',
      patch: edit('proposals/0007-adopt-care-rate.yaml', ['decision: consent', 'decision: unanimous']),
      expect: [at('proposals/0007-adopt-care-rate.yaml', 3, 11, 'proposal.rule-allowed')],
      fix: /The rule "unanimous" is not one proposals may choose\. Use one of: lazy-majority, consent, or leave `decision:` out for the default/,
    },
    {
      name: 'a rule that is not declared at all',
      patch: edit('proposals/0007-adopt-care-rate.yaml', ['decision: consent', 'decision: coin-toss']),
      expect: [at('proposals/0007-adopt-care-rate.yaml', 3, 11, 'proposal.rule-allowed')],
      fix: /The rule "coin-toss" is not one proposals may choose\. Use one of: lazy-majority, consent/,
    },
  ],
});

const payout = (payments: string, pool = 1000) =>
  edit('proposals/0007-adopt-care-rate.yaml', [
    'summary: |\n  Care work is under-valued.\n',
    `payout:\n  month: 2026-11\n  pool: ${pool}\n  payments:\n${payments}`,
  ]);

ruleTable('proposal.payout', {
  valid: [
    {
      name: 'payments within credits and pool',
      patch: payout(
        '    - { member: ana, stream: livelihood, credits: 500, paid: 500 }\n    - { member: carol, stream: livelihood, credits: 100, rate: 0.5, paid: 50 }\n',
      ),
    },
    { name: 'a payment short of its credits (the rest stays owed)', patch: payout('    - { member: ana, stream: love, credits: 300, paid: 120.5 }\n', 200) },
  ],
  invalid: [
    {
      name: 'a member who does not exist',
      patch: payout('    - { member: zoe, stream: love, credits: 10, paid: 10 }\n'),
      expect: [at('proposals/0007-adopt-care-rate.yaml', 8, 17, 'proposal.payout')],
      fix: /"zoe" is not a member: there is no governance\/members\/zoe\.yaml/,
    },
    {
      name: 'a stream the constitution does not track',
      patch: payout('    - { member: ana, stream: beer, credits: 10, paid: 10 }\n'),
      expect: [at('proposals/0007-adopt-care-rate.yaml', 8, 30, 'proposal.payout')],
      fix: /The stream "beer" is not in the constitution\. Use one of: livelihood, love, care/,
    },
    {
      name: 'paying more than the credits at the dater rate',
      patch: payout('    - { member: carol, stream: livelihood, credits: 100, rate: 0.5, paid: 80 }\n'),
      expect: [at('proposals/0007-adopt-care-rate.yaml', 8, 75, 'proposal.payout')],
      fix: /pays 80 for 100 credits at the rate 0\.5, more than the 50 they are worth\. Pay at most 50/,
    },
    {
      name: 'paying more than the pool',
      patch: payout('    - { member: ana, stream: love, credits: 300, paid: 300 }\n    - { member: bob, stream: care, credits: 300, paid: 300 }\n', 500),
      expect: [at('proposals/0007-adopt-care-rate.yaml', 6, 9, 'proposal.payout')],
      fix: /add up to 600, more than the pool of 500\. Lower the payments or raise the pool/,
    },
    {
      name: 'the same member and stream paid twice',
      patch: payout('    - { member: ana, stream: love, credits: 300, paid: 100 }\n    - { member: ana, stream: love, credits: 300, paid: 100 }\n'),
      expect: [at('proposals/0007-adopt-care-rate.yaml', 9, 7, 'proposal.payout')],
      fix: /ana is paid for love twice in this payout\. Merge the two payments into one/,
    },
  ],
});

ruleTable('decision.rules-exist', {
  valid: [
    { name: 'no rule needed', patch: edit('decisions/42.yaml', ['rules: [consent]', 'rules: []']) },
    { name: 'several declared rules', patch: edit('decisions/42.yaml', ['rules: [consent]', 'rules: [unanimous, supermajority]']) },
  ],
  invalid: [
    {
      name: 'a record naming a rule that does not exist',
      patch: edit('decisions/42.yaml', ['rules: [consent]', 'rules: [consent, ghost]']),
      expect: [at('decisions/42.yaml', 8, 18, 'decision.rules-exist')],
      fix: /The rule "ghost" is not in the constitution \(it has: lazy-majority, consent, unanimous, supermajority\)\. Records are append-only: keep a rule in the constitution while records name it/,
    },
    {
      name: 'a record whose pr differs from its file name',
      patch: edit('decisions/42.yaml', ['pr: 42', 'pr: 41']),
      expect: [at('decisions/42.yaml', 1, 5, 'decision.rules-exist')],
      fix: /This record says pr 41 but is filed as decisions\/42\.yaml\. Records are written by the record action; restore the file from git/,
    },
  ],
});

// ---------------------------------------------------------------------------------------------

describe('classify', () => {
  const cases: { path: string; kind: FileRole['kind']; hint?: RegExp }[] = [
    { path: 'constitution.yaml', kind: 'constitution' },
    { path: 'members/ana.yaml', kind: 'member' },
    { path: 'commitments/ana.yaml', kind: 'commitment' },
    { path: 'contributions/2026-11/ana.yaml', kind: 'contributions' },
    { path: 'proposals/0007-adopt-care-rate.yaml', kind: 'proposal' },
    { path: 'decisions/42.yaml', kind: 'decision' },
    { path: 'README.md', kind: 'ignored' },
    { path: '.gitkeep', kind: 'ignored' },
    { path: 'members/.gitkeep', kind: 'ignored' },
    {
      path: 'members/Ana.yaml',
      kind: 'unknown',
      hint: /The file name is the person's handle: lowercase letters, digits and dashes, at most 39, such as members\/ana\.yaml\. Rename it\./,
    },
    { path: 'members/ana.yml', kind: 'unknown', hint: /Rename it to ana\.yaml: governance files end in \.yaml\./ },
    { path: 'contributions/2026-13/ana.yaml', kind: 'unknown', hint: /"2026-13" is not a month/ },
    { path: 'contributions/2026-11/Ana.yaml', kind: 'unknown', hint: /such as contributions\/2026-11\/ana\.yaml/ },
    {
      path: 'proposals/7-x.yaml',
      kind: 'unknown',
      hint: /Proposals are named <NNNN>-<slug>\.yaml, such as proposals\/0007-adopt-care-rate\.yaml\. Rename it\./,
    },
    { path: 'decisions/abc.yaml', kind: 'unknown', hint: /Decision records are named by pull request number, such as decisions\/42\.yaml/ },
    { path: 'decisions/042.yaml', kind: 'unknown', hint: /named by pull request number/ },
    { path: 'notes.txt', kind: 'unknown', hint: /Files here are constitution\.yaml, members\/<handle>\.yaml.*Move this file out of governance\// },
    { path: 'members/extra/ana.yaml', kind: 'unknown', hint: /Move or rename it/ },
    { path: 'policy.yaml', kind: 'unknown', hint: /Move or rename it/ },
  ];

  it.each(cases)('$path is $kind', ({ path, kind, hint }) => {
    const role = classify(path);
    expect(role.kind).toBe(kind);
    if (hint) expect(role.kind === 'unknown' && role.hint).toMatch(hint);
  });

  /** Another error elsewhere, to show that every other file is still checked. */
  const elsewhere = { patch: edit('members/bob.yaml', ['tier: member', 'tier: founder']), expected: at('members/bob.yaml', 2, 7, 'member.tier-exists') };

  it.each(cases.filter((c) => c.kind === 'unknown' || c.kind === 'ignored'))('validating a state with $path', async ({ path, kind, hint }) => {
    const result = await check({ ...elsewhere.patch, [path]: 'name: Ana\ntier: member\nsince: 2026-01-01\n' });
    expectExactly(result, kind === 'ignored' ? [elsewhere.expected] : [at(path, 1, 1, 'file.unknown'), elsewhere.expected]);
    if (kind === 'unknown') {
      const diagnostic = result.errors.find((d) => d.code === 'file.unknown')!;
      expect(diagnostic.message).toMatch(/^This file has no place in governance\/\. /);
      expect(diagnostic.message).toMatch(hint!);
    }
  });
});

// ---------------------------------------------------------------------------------------------

describe('schema wording', () => {
  const cases: InvalidCase[] = [
    {
      name: 'a missing required property, at the file’s map',
      patch: edit('members/bob.yaml', ['tier: member\n', '']),
      expect: [at('members/bob.yaml', 1, 1, 'schema.required')],
      fix: /^The file lacks `tier`\. Add `tier:` \(the tier they are in: one of the constitution's tier ids\)\.$/,
    },
    {
      name: 'a missing required property, at the nested map',
      patch: edit('contributions/2026-11/ana.yaml', ['    what: Onboarding call with carol\n', '']),
      expect: [at('contributions/2026-11/ana.yaml', 2, 5, 'schema.required')],
      fix: /^`entries\[0\]` lacks `what`\. Add `what:` \(what the work was, in a line\)\.$/,
    },
    {
      name: 'an unknown property with a typo, at its key',
      patch: edit('members/carol.yaml', ['mentor: ana', 'mentr: ana']),
      expect: [at('members/carol.yaml', 5, 1, 'schema.unknown-property')],
      fix: /^`mentr` is not a property of this file\. Did you mean `mentor`\? Remove it or use one of: name, tier, since, github, emails, dating, circles, mentor, status\.$/,
    },
    {
      name: 'a nested unknown property with a typo, at its key',
      patch: edit('constitution.yaml', ['min_yes: 2, min_days: 3', 'min_yes: 2, min_dayz: 3']),
      expect: [at('constitution.yaml', 19, 43, 'schema.unknown-property')],
      fix: /^`min_dayz` is not a property of `decisions\.consent`\. Did you mean `min_days`\?/,
    },
    {
      name: 'an unknown property like nothing known',
      patch: edit('members/bob.yaml', ['status: active', 'favourite_colour: green']),
      expect: [at('members/bob.yaml', 6, 1, 'schema.unknown-property')],
      fix: /^`favourite_colour` is not a property of this file\. Remove it or use one of: name,/,
    },
    {
      name: 'a wrong type',
      patch: edit('members/bob.yaml', ['emails: [bob@example.org]', 'emails: bob@example.org']),
      expect: [at('members/bob.yaml', 5, 9, 'schema.type')],
      fix: /^`emails` must be a list \(lines starting with -\), not the text "bob@example\.org"\. Commit identities/,
    },
    {
      name: 'a number where text belongs',
      patch: edit('members/bob.yaml', ['name: Bob Silva', 'name: 42']),
      expect: [at('members/bob.yaml', 1, 7, 'schema.type')],
      fix: /^`name` must be text, not number 42\./,
    },
    {
      name: 'a value outside an enum',
      patch: edit('members/bob.yaml', ['status: active', 'status: retired']),
      expect: [at('members/bob.yaml', 6, 9, 'schema.enum')],
      fix: /^`status` is "retired", which is not allowed\. Use one of: active, sabbatical\.$/,
    },
    {
      name: 'a date that does not match its pattern',
      patch: edit('contributions/2026-11/ana.yaml', ['date: 2026-11-03', 'date: 2026/11/03']),
      expect: [at('contributions/2026-11/ana.yaml', 2, 11, 'schema.pattern')],
      fix: /^`entries\[0\]\.date` is "2026\/11\/03"; it must be a date written YYYY-MM-DD, such as 2026-03-01\.$/,
    },
    {
      name: 'hours over the maximum',
      patch: edit('contributions/2026-11/ana.yaml', ['hours: 2.5', 'hours: 30']),
      expect: [at('contributions/2026-11/ana.yaml', 4, 12, 'schema.range')],
      fix: /^`entries\[0\]\.hours` is 30; it must be at most 24\.$/,
    },
    {
      name: 'negative hours',
      patch: edit('contributions/2026-11/ana.yaml', ['hours: 2.5', 'hours: -1']),
      expect: [at('contributions/2026-11/ana.yaml', 4, 12, 'schema.range')],
      fix: /^`entries\[0\]\.hours` is -1; it must be more than 0\.$/,
    },
    {
      name: 'an entry with neither hours nor credits',
      patch: edit('contributions/2026-11/ana.yaml', ['    hours: 2.5\n', '']),
      expect: [at('contributions/2026-11/ana.yaml', 2, 5, 'schema.required')],
      fix: /^`entries\[0\]` says neither hours nor credits\. Add `hours:` \(converted at the stream's rate\) or `credits:`\.$/,
    },
  ];

  it.each(cases)('$name', async ({ patch, expect: expected, fix }) => {
    const result = await check(patch);
    expectExactly(result, expected);
    const own = result.errors.filter((d) => d.code.startsWith('schema.'));
    for (const d of own) expect(d.message).toMatch(fix);
  });
});
