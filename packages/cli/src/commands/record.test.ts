// coop record end to end, in-process: a disco cooperative's pull request merged, its record written, committed and audited.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { branch, discoCooperative } from '../../../../test/support/disco-repo.ts';
import { runCoop } from '../../../../test/support/io.ts';
import type { TestRepo } from '../../../../test/support/repo.ts';

const member = (name: string) => `name: ${name}\ntier: member\nsince: 2026-02-01\n`;
const OPENED = '2026-11-18T09:00:00Z';
const day = (n: number) => new Date(Date.parse(OPENED) + n * 86_400_000).toISOString().replace('.000Z', 'Z');
const RECORD = 'governance/decisions/7.yaml';

/** ana (AnaCosta), bob and carol on main; a pull request adding dan as a member, merged into main with a merge commit. */
async function merged(): Promise<{ repo: TestRepo; base: string; head: string; merge: string }> {
  const repo = await discoCooperative({ 'governance/members/bob.yaml': member('Bob'), 'governance/members/carol.yaml': member('Carol') });
  branch(repo, 'pr', { 'governance/members/dan.yaml': 'name: Dan\ntier: member\nsince: 2026-11-18\ngithub: DanK\n' });
  const base = repo.head();
  const head = repo.git('rev-parse', 'pr');
  repo.git('merge', '--no-ff', '-q', '-m', 'Merge pull request #7', 'pr');
  return { repo, base, head, merge: repo.head() };
}

interface Flags {
  votes: unknown;
  decided?: string;
  title?: string;
  base?: string;
  head?: string;
  commits?: string;
}

async function record(repo: TestRepo, flags: Flags & { base: string; head: string; commits: string }, extra: string[] = []) {
  const file = join(repo.dir, '.git', 'votes.json');
  writeFileSync(file, typeof flags.votes === 'string' ? flags.votes : JSON.stringify(flags.votes));
  return runCoop([
    'record',
    '--repo',
    repo.dir,
    '--pr',
    '7',
    '--title',
    flags.title ?? 'Admit dan as member',
    '--author',
    'AnaCosta',
    '--base',
    flags.base,
    '--head',
    flags.head,
    '--commits',
    flags.commits,
    '--votes',
    file,
    '--opened',
    OPENED,
    '--decided-at',
    flags.decided ?? day(3),
    ...extra,
  ]);
}

const yes = (voter: string, at: number, more: object = {}) => ({ voter, vote: 'yes', at: day(at), ...more });
const everyone = [yes('AnaCosta', 0.5, { source: 'review', url: 'https://forge.example/pr/7#r1' }), yes('bob', 1, { source: 'comment' }), yes('carol', 2)];

describe('coop record', () => {
  it.each([
    { name: 'a unanimous admission', votes: everyone, outcome: 'passed' },
    {
      name: 'a blocked admission',
      votes: [everyone[0], everyone[1], { voter: 'carol', vote: 'block', at: day(2), reason: 'we have not met dan yet' }],
      outcome: 'blocked',
    },
    { name: 'an admission carol voted on after the merge', votes: [everyone[0], everyone[1], yes('carol', 3.5)], outcome: 'pending' },
  ])('records $name as $outcome, and the audit passes exactly when the decision did', async ({ votes, outcome }) => {
    const { repo, base, head, merge } = await merged();
    const run = await record(repo, { votes, base, head, commits: merge }, ['--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out).toMatchObject({ ok: true, file: RECORD, written: true, outcome });
    const text = readFileSync(join(repo.dir, RECORD), 'utf8');
    expect(out.record.outcome).toBe(outcome);
    expect(text).toContain(`\noutcome: ${outcome}\ndecided_at: ${day(3)}\n`);

    repo.commit('Record pull request 7');
    const audit = await runCoop(['audit', '--repo', repo.dir, '--json']);
    expect(audit.code).toBe(outcome === 'passed' ? 0 : 1);
    const violations = JSON.parse(audit.stdout).violations as { code: string; subject: string; reason: string }[];
    if (outcome === 'passed') expect(violations).toEqual([]);
    else {
      expect(violations).toContainEqual(expect.objectContaining({ code: 'audit.outcome-not-passed', subject: RECORD }));
      expect(violations).toContainEqual(expect.objectContaining({ code: 'audit.votes-do-not-pass', subject: 'dan' }));
    }
  });

  it('writes every field the audit reads, in a fixed order, with the votes by handle in UTC', async () => {
    const { repo, base, head, merge } = await merged();
    const votes = [
      { voter: 'carol', vote: 'block', at: '2026-11-19T10:00:00+01:00', reason: 'not yet: "dan" has: met nobody' },
      ...everyone,
      yes('DanK', 1),
      yes('zed', 1),
      yes('bob', 3.5),
    ];
    const run = await record(repo, { votes, base, head, commits: `${merge.toUpperCase()}, ${merge}` });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Wrote ${RECORD}: pull request 7, passed under unanimous, decided at ${day(3)}.`);
    expect(run.stdout).toContain('Not recorded: DanK: is not on the roll at the base');
    expect(run.stdout).toContain('Not recorded: zed: is not on the roll at the base');
    expect(run.stdout).toContain(`Not recorded: bob: voted after decided_at (${day(3)})`);
    expect(readFileSync(join(repo.dir, RECORD), 'utf8')).toBe(
      [
        'pr: 7',
        'title: "Admit dan as member"',
        'author: AnaCosta',
        `base: ${base.match(/^[0-9]+(e[0-9]+)?$/) ? JSON.stringify(base) : base}`,
        `head: ${head.match(/^[0-9]+(e[0-9]+)?$/) ? JSON.stringify(head) : head}`,
        `commits: [${merge.match(/^[0-9]+(e[0-9]+)?$/) ? JSON.stringify(merge) : merge}]`,
        'changes:',
        '  - { kind: member.add, subject: dan, file: governance/members/dan.yaml }',
        'rules: [unanimous]',
        `opened: ${OPENED}`,
        'eligible: [ana, bob, carol]',
        'votes:',
        `  - { voter: ana, vote: yes, at: ${day(0.5)}, source: review, url: "https://forge.example/pr/7#r1" }`,
        '  - { voter: carol, vote: block, at: 2026-11-19T09:00:00Z, reason: "not yet: \\"dan\\" has: met nobody" }',
        `  - { voter: bob, vote: yes, at: ${day(1)}, source: comment }`,
        `  - { voter: carol, vote: yes, at: ${day(2)} }`,
        'outcome: passed',
        `decided_at: ${day(3)}`,
        '',
      ].join('\n'),
    );
    repo.commit('Record pull request 7');
    expect((await runCoop(['audit', '--repo', repo.dir])).code).toBe(0);
  });

  it('writes nothing when the same record is there, and refuses another, keeping it', async () => {
    const { repo, base, head, merge } = await merged();
    const flags = { votes: everyone, base, head, commits: merge };
    expect((await record(repo, flags)).code).toBe(0);
    const text = readFileSync(join(repo.dir, RECORD), 'utf8');

    const again = await record(repo, flags, ['--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ ok: true, written: false, outcome: 'passed' });
    const human = await record(repo, flags);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain(`${RECORD} already holds this record (passed under unanimous): nothing written.`);

    const other = await record(repo, { ...flags, title: 'Admit Dan', votes: everyone.slice(0, 2) });
    expect(other.code).toBe(1);
    expect(other.stdout).toBe('');
    expect(other.stderr).toContain(`${RECORD} already holds another record for pull request 7, and records are append-only: it is kept as it is`);
    expect(other.stderr).toContain('It differs in title, votes, outcome.');
    const json = await record(repo, { ...flags, title: 'Admit Dan' }, ['--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, written: false, differs: ['title'] });
    expect(readFileSync(join(repo.dir, RECORD), 'utf8')).toBe(text);
  });

  it('refuses a call it cannot record, exit 2, naming the flag', async () => {
    const { repo, base, head, merge } = await merged();
    const flags = { votes: everyone, base, head, commits: merge };
    const cases: [() => Promise<{ code: number; stderr: string }>, string][] = [
      [() => runCoop(['record', '--repo', repo.dir, '--title', 'x']), 'coop record: --pr is required'],
      [() => record(repo, { ...flags, base: 'main' }), 'coop record: --base "main" is not a full commit id'],
      [() => record(repo, { ...flags, commits: `${merge},abc123` }), 'coop record: --commits "abc123" is not a full commit id'],
      [() => record(repo, { ...flags, head: 'f'.repeat(40) }), '--head'],
      [() => record(repo, { ...flags, commits: 'e'.repeat(40) }), '--commits'],
      [
        () => record(repo, { ...flags, votes: '[{"voter": "bob", "vote": "maybe", "at": "2026-11-20T10:00:00Z"}]' }),
        'entry 1: "vote" must be yes, no, abstain or block',
      ],
      [() => record(repo, { ...flags, decided: '2026-11-21' }), 'coop record: --decided-at "2026-11-21" is a day without a time'],
    ];
    for (const [run, message] of cases) {
      const { code, stderr } = await run();
      expect(code, message).toBe(2);
      expect(stderr).toContain(message);
    }
    expect((await runCoop(['record', '--help'])).stdout).toContain('Usage: coop record --pr N');
  });
});
