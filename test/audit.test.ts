// coop audit on real temporary repositories: clean histories of every merge style, and each kind of tampering caught at the right commit.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../packages/cli/src/main.ts';
import type { IO } from '../packages/cli/src/io.ts';
import { ANA, governedRepo, memberYaml, type Governed } from './support/governed.ts';
import type { DecisionRecord } from '../packages/core/src/index.ts';
import { runCoop } from './support/io.ts';
import { makeRepo } from './support/repo.ts';

interface AuditJson {
  ok: boolean;
  commits: number;
  violations: { commit: string; kind: string; subject: string; reason: string }[];
  ratified?: { commit: string; record: string; proposal: string }[];
}

const repos: Governed[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const repo of repos.splice(0)) repo.remove();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function governed(): Promise<Governed> {
  const g = await governedRepo();
  repos.push(g);
  return g;
}

async function auditJson(g: Governed, ...flags: string[]): Promise<AuditJson & { code: number }> {
  const run = await runCoop(['audit', '--repo', g.dir, '--json', ...flags]);
  expect(run.stderr).toBe('');
  const json = JSON.parse(run.stdout) as AuditJson;
  // ratified is there only when ratifications decided some commits, and never empty.
  expect(
    Object.keys(json)
      .filter((k) => k !== 'ratified')
      .sort(),
  ).toEqual(['commits', 'ok', 'violations']);
  if (json.ratified !== undefined) expect(json.ratified.length).toBeGreaterThan(0);
  for (const v of json.violations) expect(Object.keys(v).sort()).toEqual(['code', 'commit', 'kind', 'reason', 'subject']);
  return { ...json, code: run.code };
}

const contribution = (what: string) => `entries:\n  - date: 2026-02-03\n    stream: care\n    hours: 2\n    what: ${what}\n`;
const commitment = 'statement: I keep the books.\nperiods:\n  - quarter: 2026-Q1\n    pledge: { love: { credits: 400 } }\n    signed: 2026-01-06\n';
const everyone = [
  { voter: 'ana', vote: 'yes' as const },
  { voter: 'bob', vote: 'yes' as const },
  { voter: 'carol', vote: 'yes' as const },
];

/** Admits dave as a member by a squash merge, recorded with the votes given (all three members by default). */
async function admitDave(g: Governed, number: number, votes = everyone, tamper?: Parameters<Governed['record']>[1]) {
  const base = g.tip();
  const commit = g.commit({ 'governance/members/dave.yaml': memberYaml('Dave', 'member') }, 'Admit dave as member');
  const record = await g.record({ number, title: 'Admit dave as member', author: ANA, base, head: commit, commits: [commit], votes }, tamper);
  return { base, commit, record };
}

describe('coop audit: clean histories', () => {
  it('passes squash merges, each with its record, and counts every first-parent commit', async () => {
    const g = await governed();
    let base = g.tip();
    const log = g.commit({ 'governance/contributions/2026-02/ana.yaml': contribution('Onboarding call') }, 'Log my onboarding call (#1)');
    await g.record({ number: 1, title: 'Log my onboarding call', author: ANA, base, head: log, commits: [log], votes: [] });
    base = g.tip();
    const dater = g.commit({ 'governance/members/dave.yaml': memberYaml('Dave', 'dater') }, 'Dave starts dating (#2)');
    await g.record({
      number: 2,
      title: 'Dave starts dating',
      author: ANA,
      base,
      head: dater,
      commits: [dater],
      votes: [
        { voter: 'ana', vote: 'yes' },
        { voter: 'bob', vote: 'yes' },
      ],
    });
    base = g.tip();
    const update = g.commit({ 'governance/members/carol.yaml': memberYaml('Carol', 'member', 'circles: { care: steward }\n') }, 'Carol stewards care (#3)');
    await g.record({
      number: 3,
      title: 'Carol stewards care',
      author: 'bob',
      base,
      head: update,
      commits: [update],
      votes: [
        { voter: 'ana', vote: 'yes' },
        { voter: 'bob', vote: 'yes' },
      ],
    });
    g.commit({ 'README.md': '# Our cooperative\n' }, 'Describe the cooperative');

    const result = await auditJson(g);
    expect(result).toMatchObject({ ok: true, commits: 8, violations: [], code: 0 });
    const human = await runCoop(['audit', '--repo', g.dir]);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/✓ 8 commits of HEAD \([0-9a-f]{7}\) audited, from the genesis [0-9a-f]{7}: every change/);
  });

  it('passes merge commits, whether the record names the merge or only the commits it brought in', async () => {
    const g = await governed();
    let base = g.tip();
    const first = g.merge(
      'admit-dave',
      [{ 'governance/members/dave.yaml': memberYaml('Dave', 'member') }, { 'governance/commitments/dave.yaml': commitment }],
      'Merge pull request #1 from example/admit-dave',
    );
    await g.record({ number: 1, title: 'Admit dave', author: ANA, base, head: first.commits[1]!, commits: [first.merge, ...first.commits], votes: everyone });
    base = g.tip();
    const second = g.merge(
      'frank-supports',
      [{ 'governance/members/frank.yaml': memberYaml('Frank', 'supporter') }],
      'Merge pull request #2 from example/frank-supports',
    );
    await g.record({ number: 2, title: 'Frank supports us', author: 'bob', base, head: second.commits[0]!, commits: second.commits, votes: [] });

    expect(await auditJson(g)).toMatchObject({ ok: true, commits: 5, violations: [] });
  });

  it('passes a rebase merge judged by what its commits did together', async () => {
    const g = await governed();
    const base = g.tip();
    // Step one adds dave as a contributor, step two moves him to dater: together, one member.add of a dater.
    const one = g.commit({ 'governance/members/dave.yaml': memberYaml('Dave', 'contributor') }, 'Add dave');
    const two = g.commit({ 'governance/members/dave.yaml': memberYaml('Dave', 'dater') }, 'Dave dates');
    const record = await g.record({
      number: 4,
      title: 'Dave dates',
      author: ANA,
      base,
      head: two,
      commits: [one, two],
      votes: [
        { voter: 'ana', vote: 'yes' },
        { voter: 'carol', vote: 'yes' },
      ],
    });
    expect(g.repo.git('show', `${record}:governance/decisions/4.yaml`)).toContain('"kind":"member.add"');

    expect(await auditJson(g)).toMatchObject({ ok: true, commits: 4, violations: [] });
  });
});

describe('coop audit: tampering', () => {
  it('names a direct push that changes the state with no record', async () => {
    const g = await governed();
    await admitDave(g, 1);
    const push = g.commit({ 'governance/members/zed.yaml': memberYaml('Zed', 'member') }, 'Sneak zed in');
    g.commit({ 'README.md': 'hello\n' }, 'Unrelated');

    const result = await auditJson(g);
    expect(result.code).toBe(1);
    expect(result.violations).toEqual([
      { commit: push, kind: 'member.add', subject: 'zed', reason: expect.stringMatching(/no decision record .* names it/), code: 'audit.no-record' },
    ]);
    const human = await runCoop(['audit', '--repo', g.dir]);
    expect(human.code).toBe(1);
    expect(human.stdout).toContain(`✗ ${push.slice(0, 7)} Sneak zed in\n    member.add zed: This commit makes a member.add of zed`);
    expect(human.stdout).toMatch(/1 violation in 1 commit\.\nA change that landed undecided can be put right: a proposal with ratifies: \[<commit>\]/);
  });

  it('names a commit that leaves a file unreadable or off its schema, at its line and column', async () => {
    const g = await governed();
    await admitDave(g, 1);
    const broken = g.commit(
      {
        'governance/members/erin.yaml': 'name: Erin\ntier: supporter\nsince: 2026-01-01\nfavourite: tea\n',
        'governance/members/finn.yaml': 'name: [Finn\n',
      },
      'Add erin and finn by hand',
    );

    const result = await auditJson(g);
    expect(result.code).toBe(1);
    const invalid = result.violations.filter((v) => v.kind === 'file.invalid');
    expect(invalid.map((v) => [v.commit, v.subject])).toEqual([
      [broken, 'governance/members/erin.yaml'],
      [broken, 'governance/members/finn.yaml'],
    ]);
    expect(invalid[0]!.reason).toContain('(governance/members/erin.yaml:4:1 schema.unknown-property:');
    expect(invalid[1]!.reason).toMatch(/\(governance\/members\/finn\.yaml:\d+:\d+ yaml\.syntax:/);
  });

  it('names the commit that edits a record, and the one that removes one', async () => {
    const g = await governed();
    const { record } = await admitDave(g, 1);
    const text = g.repo.git('show', `${record}:governance/decisions/1.yaml`);
    const edit = g.commit({ 'governance/decisions/1.yaml': text.replace('"Admit dave as member"', '"Admit dave"') }, 'Tidy a record');
    await admitDave(g, 2, everyone, (r) => void (r.title = 'Again'));
    const removal = g.commit({ 'governance/decisions/2.yaml': null }, 'Drop a record');

    const result = await auditJson(g);
    expect(result.violations.map((v) => [v.commit, v.kind, v.subject])).toEqual([
      [edit, 'decision.update', 'governance/decisions/1.yaml'],
      [removal, 'decision.remove', 'governance/decisions/2.yaml'],
    ]);
    expect(result.violations[0]!.reason).toMatch(/append-only/);
  });

  it('names the commit whose record has votes that do not add up', async () => {
    const g = await governed();
    // Unanimity with only ana's yes, written up as passed.
    const short = await admitDave(g, 1, [{ voter: 'ana', vote: 'yes' }], (r) => void (r.outcome = 'passed'));
    // Consent carried by someone who is not on the roll.
    const base = g.tip();
    const frank = g.commit({ 'governance/members/frank.yaml': memberYaml('Frank', 'dater') }, 'Frank dates');
    await g.record(
      {
        number: 2,
        title: 'Frank dates',
        author: ANA,
        base,
        head: frank,
        commits: [frank],
        votes: [
          { voter: 'ana', vote: 'yes' },
          { voter: 'mallory', vote: 'yes' },
        ],
      },
      (r) => void (r.outcome = 'passed'),
    );

    const result = await auditJson(g);
    expect(result.violations.map((v) => [v.commit, v.kind, v.subject])).toEqual([
      [short.commit, 'member.add', 'dave'],
      [frank, 'member.add', 'frank'],
    ]);
    expect(result.violations[0]!.reason).toMatch(/do not pass unanimous under the rules and roll of its base [0-9a-f]{7}: pending/);
    expect(result.violations[1]!.reason).toMatch(/do not pass consent .*Not counted: mallory: is not on the roll at the base/);
  });

  it('names a record that claims changes the commit did not make, and one that leaves some out', async () => {
    const g = await governed();
    const claims = await admitDave(g, 1, everyone, (r) => void r.changes.push({ kind: 'member.add', subject: 'zoe', file: 'governance/members/zoe.yaml' }));
    const base = g.tip();
    const both = g.commit(
      { 'governance/members/frank.yaml': memberYaml('Frank', 'dater'), 'governance/members/gil.yaml': memberYaml('Gil', 'dater') },
      'Frank and Gil date',
    );
    await g.record(
      { number: 2, title: 'Frank dates', author: ANA, base, head: both, commits: [both], votes: everyone },
      (r) => void (r.changes = r.changes.filter((c) => c.subject !== 'gil')),
    );

    const result = await auditJson(g);
    expect(result.violations.map((v) => [v.commit, v.kind, v.subject])).toEqual([
      [claims.commit, 'member.add', 'zoe'],
      [both, 'member.add', 'gil'],
    ]);
    expect(result.violations[0]!.reason).toMatch(/lists a member\.add of zoe, but the commits it names .* made no such change/);
    expect(result.violations[1]!.reason).toMatch(/does not list: it landed without being decided/);
  });

  it('names a record decided under looser rules than its base policy required', async () => {
    const g = await governed();
    // Entering member needs unanimous; the record says consent, which ana and bob alone carry.
    const loose = await admitDave(
      g,
      1,
      [
        { voter: 'ana', vote: 'yes' },
        { voter: 'bob', vote: 'yes' },
      ],
      (r) => {
        r.rules = ['consent'];
        r.outcome = 'passed';
      },
    );

    const result = await auditJson(g);
    expect(result.violations.length).toBeGreaterThan(0);
    expect(result.violations.every((v) => v.commit === loose.commit && v.kind === 'member.add' && v.subject === 'dave')).toBe(true);
    expect(result.violations[0]!.reason).toMatch(/requires unanimous for this change .* lists only consent: it was decided under looser rules/);
  });

  it('names a merge commit whose second parent brought state in unrecorded', async () => {
    const g = await governed();
    const unrecorded = g.merge('side', [{ 'governance/members/zed.yaml': memberYaml('Zed', 'supporter') }], 'Merge branch side');
    const base = g.tip();
    // A recorded merge whose branch also carried an extra change the record leaves out.
    const extra = g.merge(
      'admit-dave',
      [{ 'governance/members/dave.yaml': memberYaml('Dave', 'member') }, { 'governance/members/yan.yaml': memberYaml('Yan', 'supporter') }],
      'Merge pull request #1',
    );
    await g.record(
      { number: 1, title: 'Admit dave', author: ANA, base, head: extra.commits[1]!, commits: [extra.merge], votes: everyone },
      (r) => void (r.changes = r.changes.filter((c) => c.subject === 'dave')),
    );

    const result = await auditJson(g);
    expect(result.violations.map((v) => [v.commit, v.kind, v.subject])).toEqual([
      [unrecorded.merge, 'member.add', 'zed'],
      [extra.merge, 'member.add', 'yan'],
    ]);
    expect(result.violations[0]!.reason).toMatch(/merge commit brought in a member\.add of zed .* from its second parent [0-9a-f]{7}/);
    expect(result.violations[1]!.reason).toMatch(/second parent/);
  });

  it('names a record whose base is not on the governed branch', async () => {
    const g = await governed();
    const main = g.tip();
    // A side branch with a constitution that lets anyone add a member with no vote.
    g.repo.git('checkout', '-q', '-b', 'lax');
    const lax = g.commit(
      { 'governance/constitution.yaml': g.repo.git('show', 'HEAD:governance/constitution.yaml').replace('default: supermajority', 'default: none') },
      'Lax rules',
    );
    g.repo.git('checkout', '-q', 'main');
    const commit = g.commit({ 'governance/members/dave.yaml': memberYaml('Dave', 'member') }, 'Admit dave');
    await g.record({ number: 1, title: 'Admit dave', author: ANA, base: main, head: commit, commits: [commit], votes: everyone }, (r) => void (r.base = lax));

    const result = await auditJson(g);
    expect(result.violations).toEqual([
      {
        commit,
        kind: 'decision.add',
        subject: 'governance/decisions/1.yaml',
        reason: expect.stringMatching(/not a commit of the first-parent history of HEAD before the commits it covers/),
        code: 'audit.base-off-branch',
      },
    ]);
  });
});

/** A proposal that ratifies the commits given. */
const ratification = (commits: string[], title = 'Ratify what was pushed without a decision') =>
  `title: ${title}\nauthor: ana\nratifies:\n${commits.map((c) => `  - ${c}\n`).join('')}`;

/** Supermajority waits a week: the record is decided eight days after it opened, as the gate would have waited. */
const aWeekLater = (r: DecisionRecord) => {
  r.decided_at = new Date(Date.parse(r.opened) + 8 * 86_400_000).toISOString().replace('.000Z', 'Z');
  r.outcome = 'passed';
};

/** Adds a ratifying proposal by a squash merge and records it; returns the proposal's commit. */
async function ratify(g: Governed, number: number, file: string, text: string, votes = everyone, tamper: (r: DecisionRecord) => void = aWeekLater) {
  const base = g.tip();
  const commit = g.commit({ [`governance/proposals/${file}`]: text }, `Ratify (#${number})`);
  await g.record({ number, title: 'Ratify', author: ANA, base, head: commit, commits: [commit], votes }, tamper);
  return commit;
}

describe('coop audit: ratification', () => {
  it('counts a direct push as decided once a ratification of it is recorded, and says by which record', async () => {
    const g = await governed();
    await admitDave(g, 1);
    const push = g.commit({ 'governance/members/zed.yaml': memberYaml('Zed', 'member') }, 'Sneak zed in');
    const before = await auditJson(g);
    expect(before).toMatchObject({ ok: false, violations: [{ commit: push, kind: 'member.add', subject: 'zed' }] });
    const failing = await runCoop(['audit', '--repo', g.dir]);
    expect(failing.stdout).toMatch(/can be put right: a proposal with ratifies: \[<commit>\] decided by the constitution's rule for ratifications/);

    // dave and zed are members now: four of the five take part, over supermajority's quorum of two thirds.
    const proposal = await ratify(g, 2, '0001-ratify-zed.yaml', ratification([push], 'Ratify adding zed'), [...everyone, { voter: 'dave', vote: 'yes' }]);
    // The ratification was judged by the constitution's rule for ratifications, not the proposal's own.
    expect(g.repo.git('show', 'HEAD:governance/decisions/2.yaml')).toContain('rules: ["supermajority"]');

    const after = await auditJson(g);
    expect(after).toMatchObject({ ok: true, violations: [], code: 0 });
    expect(after.ratified).toEqual([{ commit: push, record: 'governance/decisions/2.yaml', proposal: 'governance/proposals/0001-ratify-zed.yaml' }]);
    const human = await runCoop(['audit', '--repo', g.dir]);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain(`✓ ${push.slice(0, 7)} ratified by governance/decisions/2.yaml (governance/proposals/0001-ratify-zed.yaml): Sneak zed in\n`);
    expect(human.stdout).toMatch(/every change to governance\/ was decided by a record that re-tallies to passed, 1 commit of them by ratification\.\n$/);
    expect(proposal).not.toBe(push);
  });

  it('leaves the violation when the ratification’s votes do not pass its rule, or its record lists a looser one', async () => {
    const g = await governed();
    const push = g.commit({ 'governance/members/zed.yaml': memberYaml('Zed', 'supporter') }, 'Add zed by hand');
    // Only ana takes part: a third of the members, short of supermajority's quorum.
    const few = await ratify(g, 1, '0001-ratify-zed.yaml', ratification([push]), [{ voter: 'ana', vote: 'yes' }]);
    // Everyone agrees, but the record lists lazy-majority, the proposal's default, not the rule for ratifications.
    const loose = await ratify(g, 2, '0002-ratify-zed-again.yaml', ratification([push]), everyone, (r) => {
      aWeekLater(r);
      r.rules = ['lazy-majority'];
    });

    const result = await auditJson(g);
    expect(result.ok).toBe(false);
    expect(result.ratified).toBeUndefined();
    expect(result.violations.map((v) => [v.commit, v.kind, v.subject])).toEqual([
      [push, 'member.add', 'zed'],
      [few, 'proposal.add', 'ana'],
      [loose, 'proposal.add', 'ana'],
    ]);
    expect(result.violations[1]!.reason).toMatch(
      /do not pass supermajority under the rules and roll of its base [0-9a-f]{7}: pending\. The quorum of 2\/3 is not met: 1 of 3/,
    );
    expect(result.violations[2]!.reason).toMatch(
      /requires supermajority for this change \(This proposal ratifies a commit that landed undecided, so it needs the constitution's rule for ratifications \(proposals\.ratifications\), supermajority, whatever its decision field says\), but .* lists only lazy-majority/,
    );
    expect(result.violations[2]!.reason).not.toMatch(/policy entry/);
  });

  it('names each commit a ratification cannot cover, and still ratifies the others', async () => {
    const g = await governed();
    const { commit: decided } = await admitDave(g, 1);
    const push = g.commit({ 'governance/members/zed.yaml': memberYaml('Zed', 'supporter') }, 'Add zed by hand');
    g.repo.git('checkout', '-q', '-b', 'side');
    const side = g.commit({ 'governance/members/yan.yaml': memberYaml('Yan', 'supporter') }, 'Yan on a side branch');
    g.repo.git('checkout', '-q', 'main');
    const unknown = 'b'.repeat(40);
    const proposal = await ratify(g, 2, '0001-ratify.yaml', ratification([push, side, decided, g.genesis, unknown]));

    const result = await auditJson(g);
    expect(result.ratified).toEqual([{ commit: push, record: 'governance/decisions/2.yaml', proposal: 'governance/proposals/0001-ratify.yaml' }]);
    expect(result.violations.map((v) => [v.commit, v.kind, v.subject])).toEqual(
      Array(4).fill([proposal, 'proposal.add', 'governance/proposals/0001-ratify.yaml']),
    );
    const reasons = result.violations.map((v) => v.reason);
    expect(reasons[0]).toBe(
      `governance/proposals/0001-ratify.yaml ratifies ${side}, which is not a commit of the first-parent history of HEAD, so there is nothing of it to ratify. Name the commits, in full, as \`git log --first-parent\` shows them. The ratification of the other commits it names, decided by governance/decisions/2.yaml, stands.`,
    );
    expect(reasons[1]).toMatch(new RegExp(`ratifies ${decided}, which landed decided \\(or changed nothing governed\\): there is nothing to ratify`));
    expect(reasons[2]).toMatch(new RegExp(`ratifies ${g.genesis}, which is the genesis, which the audit exempts`));
    expect(reasons[3]).toMatch(new RegExp(`ratifies ${unknown}, which is not a commit of the first-parent history of HEAD`));
  });

  it('never ratifies an edit of a decision record: records are append-only', async () => {
    const g = await governed();
    const { record } = await admitDave(g, 1);
    const text = g.repo.git('show', `${record}:governance/decisions/1.yaml`);
    const edit = g.commit({ 'governance/decisions/1.yaml': text.replace('"Admit dave as member"', '"Admit dave"') }, 'Tidy a record');
    const proposal = await ratify(g, 2, '0001-ratify-tidy.yaml', ratification([edit]));

    const result = await auditJson(g);
    expect(result.ratified).toBeUndefined();
    expect(result.violations.map((v) => [v.commit, v.kind])).toEqual([
      [edit, 'decision.update'],
      [proposal, 'proposal.add'],
    ]);
    expect(result.violations[1]!.reason).toMatch(/only edits or removes decision records, which no ratification can decide: records are append-only/);
  });
});

describe('coop report and coop audit read a record alike', () => {
  const payout = `title: Distribute 100 EUR for 2026-01
author: ana
payout:
  month: 2026-01
  pool: 100
  currency: EUR
  payments:
    - { member: ana, stream: care, credits: 40, paid: 40 }
`;
  const file = 'governance/proposals/0001-payout-2026-01.yaml';
  const forms: { name: string; entry: DecisionRecord['changes'][number]; counted: boolean }[] = [
    { name: 'the author and the file, as the record action writes it', entry: { kind: 'proposal.add', subject: 'ana', file }, counted: true },
    { name: 'the file alone', entry: { kind: 'proposal.add', file }, counted: true },
    { name: 'the number as subject', entry: { kind: 'proposal.add', subject: '0001' }, counted: true },
    { name: 'the number without its zeros', entry: { kind: 'proposal.add', subject: '1' }, counted: true },
    { name: 'the key as subject', entry: { kind: 'proposal.add', subject: '0001-payout-2026-01' }, counted: true },
    { name: 'the author alone', entry: { kind: 'proposal.add', subject: 'ana' }, counted: false },
    { name: 'another proposal’s number', entry: { kind: 'proposal.add', subject: '0002' }, counted: false },
  ];

  it.each(forms)('$name: both count it, or both reject it', async ({ entry, counted }) => {
    const g = await governed();
    const base = g.tip();
    const commit = g.commit({ [file]: payout }, 'Distribute 100 EUR for 2026-01 (#1)');
    await g.record(
      { number: 1, title: 'Distribute 100 EUR for 2026-01', author: ANA, base, head: commit, commits: [commit], votes: everyone },
      (r) => void (r.changes = [entry]),
    );

    const report = await runCoop(['report', '--repo', g.dir, '--format', 'json']);
    expect(report.code).toBe(0);
    const data = JSON.parse(report.stdout) as { value: { payouts: { key: string; status: string; pr?: number }[] }; proposals: { open: { key: string }[] } };
    expect(data.value.payouts).toEqual([
      expect.objectContaining({ key: '0001-payout-2026-01', status: counted ? 'paid' : 'proposed', ...(counted ? { pr: 1 } : {}) }),
    ]);
    expect(data.proposals.open.map((p) => p.key)).toEqual(counted ? [] : ['0001-payout-2026-01']);

    const audit = await auditJson(g);
    expect(audit.ok).toBe(counted);
    if (!counted) {
      expect(audit.violations.map((v) => [v.commit, v.kind])).toEqual([
        [commit, 'proposal.add'],
        [commit, 'proposal.add'],
      ]);
      expect(audit.violations.map((v) => v.reason).join('\n')).toMatch(
        entry.subject === 'ana'
          ? /without naming the proposal: a record names a proposal by its file \(file: governance\/proposals\/0001-payout-2026-01\.yaml, or subject: "0001"\)/
          : /lists a proposal\.add of 0002, but the commits it names .* made no such change/,
      );
    }
  });
});

describe('coop audit: --since, --ref and errors', () => {
  it('audits only the commits after --since, and reads the tip from --ref', async () => {
    const g = await governed();
    const push = g.commit({ 'governance/members/zed.yaml': memberYaml('Zed', 'supporter') }, 'Sneak zed in');
    const after = g.tip();
    await admitDave(g, 1);

    expect(await auditJson(g, '--since', after)).toMatchObject({ ok: true, commits: 2, violations: [] });
    expect(await auditJson(g, '--since', 'HEAD~3')).toMatchObject({ ok: false, commits: 3, violations: [{ commit: push }] });
    expect(await auditJson(g, '--ref', 'HEAD~2', '--since', 'HEAD~3')).toMatchObject({ ok: false, commits: 1 });
    expect(await auditJson(g, '--since', 'HEAD')).toMatchObject({ ok: true, commits: 0 });
  });

  it('exits 2 with what is wrong and how to fix it', async () => {
    const g = await governed();
    const badRef = await runCoop(['audit', '--repo', g.dir, '--ref', 'nope']);
    expect(badRef.code).toBe(2);
    expect(badRef.stderr).toMatch(/--ref "nope" is not a commit/);
    const badSince = await runCoop(['audit', '--repo', g.dir, '--since', 'nope', '--json']);
    expect(badSince.code).toBe(2);
    expect(JSON.parse(badSince.stdout)).toMatchObject({ ok: false, error: { code: 'git.unknown-ref' } });
    expect(badSince.stderr).toMatch(/--since "nope" is not a commit/);

    g.repo.git('checkout', '-q', '-b', 'side');
    const side = g.commit({ 'notes.txt': 'x\n' }, 'Side note');
    g.repo.git('checkout', '-q', 'main');
    const off = await runCoop(['audit', '--repo', g.dir, '--since', side]);
    expect(off.code).toBe(2);
    expect(off.stderr).toMatch(/is not on the first-parent history of HEAD/);

    const plain = mkdtempSync(join(tmpdir(), 'coop-audit-'));
    dirs.push(plain);
    const notGit = await runCoop(['audit', '--repo', plain]);
    expect(notGit.code).toBe(2);
    expect(notGit.stderr).toMatch(/not inside a git repository/);

    const noGenesis = await runCoop(['audit', '--repo', g.dir, '--ref', 'side', '--since', 'side']);
    expect(noGenesis.code).toBe(0);
    g.repo.git('checkout', '-q', '--orphan', 'empty');
    g.repo.git('rm', '-rq', '--cached', '.');
    g.repo.write({ governance: null, 'README.md': null });
    g.commit({ 'notes.txt': 'y\n' }, 'Nothing governed');
    const none = await runCoop(['audit', '--repo', g.dir]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/No commit in the first-parent history of HEAD has governance\/constitution.yaml/);

    const flag = await runCoop(['audit', '--repo', g.dir, '--bogus']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/--bogus.*coop audit --help/s);
  });

  it('shows progress on stderr only when stderr is a terminal, and clears it', async () => {
    const g = await governed();
    await admitDave(g, 1);
    let stdout = '';
    let stderr = '';
    const io: IO = {
      stdout: (t) => void (stdout += t),
      stderr: (t) => void (stderr += t),
      isTTY: false,
      stderrIsTTY: true,
      env: {},
      cwd: process.cwd(),
      now: () => new Date(),
    };
    expect(await main(['audit', '--repo', g.dir], io)).toBe(0);
    // eslint-disable-next-line no-control-regex -- the terminal's escape that clears the line is what is tested
    expect(stderr).toMatch(/^\r\x1b\[Kcoop audit: comparing commits with their parents, checking records … 2 of 2/);
    expect(stderr.endsWith('\r\x1b[K')).toBe(true);
    expect(stdout).toMatch(/^✓ 3 commits/);
    expect((await runCoop(['audit', '--repo', g.dir])).stderr).toBe('');
  });

  it('audits a project kept in a folder of a larger repository', async () => {
    const repo = makeRepo({ 'README.md': 'The tools, and our cooperative in coop/.\n' });
    const project = join(repo.dir, 'coop');
    const init = await runCoop(['init', project, '--preset', 'disco', '--handle', 'ana', '--name', 'Ana Costa', '--since', '2026-01-05']);
    expect(init.code).toBe(0);
    repo.commit('Found the cooperative');
    repo.write({ 'coop/governance/members/zed.yaml': memberYaml('Zed', 'member'), 'governance/members/not-ours.yaml': memberYaml('Nobody', 'member') });
    const push = repo.commit('Sneak zed in');
    try {
      const run = await runCoop(['audit', '--repo', project, '--json']);
      expect(JSON.parse(run.stdout)).toMatchObject({
        ok: false,
        commits: 2,
        violations: [{ commit: push, kind: 'member.add', subject: 'zed', reason: expect.stringContaining('(governance/members/zed.yaml)') }],
      });
    } finally {
      repo.remove();
    }
  });
});

describe('coop audit: a collective founded from a template', () => {
  it('makes the genesis the first commit with a constitution and a member: the template before it holds no one, the founders need no decision, anyone after them does', async () => {
    const repo = makeRepo();
    dirs.push(repo.dir);
    const init = await runCoop(['init', repo.dir, '--preset', 'disco', '--founder', 'ana, Ana Costa, AnaCosta', '--json']);
    expect(init.code).toBe(0);
    const founder = readFileSync(join(repo.dir, 'governance/members/ana.yaml'), 'utf8');
    // The template's first commit: the constitution with no one under it, as "Use this template" makes it.
    repo.write({ 'governance/members/ana.yaml': null, 'governance/members/.gitkeep': '' });
    repo.commit('Initial commit', { date: '2026-01-04T12:00:00Z' });
    const noOne = await runCoop(['audit', '--repo', repo.dir]);
    expect(noOne.code).toBe(2);
    expect(noOne.stderr).toMatch(
      /has both governance\/constitution.yaml and a member under governance\/members\/, so no one has founded the collective yet.*Add the founders in one commit: it is the genesis/,
    );

    repo.write({ 'governance/members/ana.yaml': founder, 'governance/members/bob.yaml': memberYaml('Bob', 'member') });
    const founding = repo.commit('Our founders', { date: '2026-01-05T12:00:00Z' });
    const clean = await runCoop(['audit', '--repo', repo.dir]);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain(`audited, from the genesis ${founding.slice(0, 7)}: every change`);

    repo.write({ 'governance/members/carol.yaml': memberYaml('Carol', 'member') });
    const pushed = repo.commit('Carol, pushed', { date: '2026-01-06T12:00:00Z' });
    const after = JSON.parse((await runCoop(['audit', '--repo', repo.dir, '--json'])).stdout) as AuditJson;
    expect(after.violations).toEqual([expect.objectContaining({ commit: pushed, kind: 'member.add', subject: 'carol' })]);
  });
});
