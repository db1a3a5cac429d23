// Adoption end to end, as npm run demo plays it: the template founded and checked by coop doctor, a newcomer's pull request decided by a review and a /vote comment, merged, recorded in a signed commit, audited and reported, against the offline GitHub.
import { cpSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it, onTestFinished } from 'vitest';
import { GitHubForge, gitCommand, MARKER, runRecord } from '../packages/github/src/index.ts';
import { play } from '../scripts/demo.ts';
import { startFakeGitHub } from './support/fake-github.ts';
import { createRemote, pushBranch, setOrigin } from './support/fake-remote.ts';
import { runCoop } from './support/io.ts';
import { makeRepo } from './support/repo.ts';

it('takes a collective from the template to a decided, recorded, audited and reported admission', async () => {
  const played = await play();
  onTestFinished(async () => {
    await played.fake.close();
    rmSync(played.dir, { recursive: true, force: true });
  });

  // The setup, checked against GitHub: nothing to fix.
  expect(played.doctor.code).toBe(0);
  expect(played.doctor.stdout).not.toContain('✗');
  expect(played.doctor.stdout).toContain('main requires cooperage/decision, set by GitHub Actions.');

  // The gate: pending on opening, after Ana's review and Bob's /vote, then passed when the time came.
  expect(played.statuses).toEqual(['pending', 'pending', 'pending', 'success']);
  expect(played.steps.map((s) => s.title)).toEqual([
    'The collective is founded from the template',
    'coop doctor checks the setup against GitHub',
    'Dan opens pull request #1, "Dan joins as a dater"',
    'Ana approves the pull request (a review: yes)',
    'Bob comments "/vote yes glad to have you"',
    'Three days later, the sweep',
    'Ana merges it (squash); the record action records the decision',
    'coop audit, in a member’s clone',
    'coop report --format html',
  ]);

  // The record: both votes with where they were cast, passed, in a commit GitHub signed.
  expect(played.record).toContain('- { voter: ana, vote: yes, at: 2026-12-01T10:00:00Z, source: review');
  expect(played.record).toContain('- { voter: bob, vote: yes, at: 2026-12-01T11:00:00Z, source: comment');
  expect(played.record).toMatch(/outcome: passed\ndecided_at: 2026-12-04T09:30:00Z$/);
  expect(played.signed).toBe(true);

  // The audit from the genesis (the founders' commit, after the template's own) is clean, and the report names Dan.
  expect(played.audit.code).toBe(0);
  expect(played.audit.stdout).toMatch(/✓ 3 commits of HEAD \([0-9a-f]{7}\) audited, from the genesis [0-9a-f]{7}: every change/);
  const report = join(played.report, 'report.html');
  expect(existsSync(report)).toBe(true);
  expect(readFileSync(report, 'utf8')).toContain('Dan joins as a dater');

  // The member's clone validates with its four people.
  const validated = await runCoop(['validate', '--repo', played.clone, '--json']);
  expect(JSON.parse(validated.stdout)).toMatchObject({ ok: true, stats: { members: 4 } });
});

it('records nothing and audits cleanly on a new repository’s first pushes: the template’s, with no one in it, then the founders’; the next undecided change is named', async () => {
  const repo = makeRepo();
  const remote = createRemote();
  const fake = await startFakeGitHub({ clock: () => '2026-12-01T09:00:00Z' });
  onTestFinished(async () => {
    await fake.close();
    repo.remove();
    remote.remove();
  });
  cpSync(join(import.meta.dirname, '../examples/template'), repo.dir, { recursive: true });
  const initial = repo.commit('Initial commit', { date: '2026-11-30T09:00:00Z' });
  setOrigin(repo, remote);
  pushBranch(remote, repo, 'main');
  fake.repo('commons/garden', { defaultBranch: 'main', git: remote.dir });
  const forge = new GitHubForge({ repository: 'commons/garden', token: 'ghs_test', apiUrl: fake.url, marker: MARKER, retryUnitMs: 5, writeIntervalMs: 0 });
  const record = (before: string | undefined, after: string) => runRecord({ forge, git: gitCommand(), dir: repo.dir, branch: 'main', before, after });

  // "Use this template" fires a push of a repository with no one in it: nothing to record or audit yet.
  const first = await record(undefined, initial);
  expect(first).toMatchObject({ recorded: [], audit: { ok: true, commits: 0, violations: [] } });

  // The founders' commit, pushed straight to main, is the genesis.
  repo.write({ 'governance/members/ana.yaml': 'name: Ana Costa\ntier: member\nsince: 2026-11-30\ngithub: AnaCosta\n' });
  const founding = repo.commit('Found the collective', { date: '2026-11-30T10:00:00Z' });
  pushBranch(remote, repo, 'main');
  const founded = await record(initial, founding);
  expect(founded).toMatchObject({ recorded: [], audit: { ok: true, violations: [] } });
  expect(founded.issue).toBeUndefined();

  // After it, a member pushed without a decision is named, and the audit's issue opened.
  repo.write({ 'governance/members/zed.yaml': 'name: Zed\ntier: member\nsince: 2026-12-01\ngithub: zed\n' });
  const pushed = repo.commit('Zed, pushed', { date: '2026-12-01T10:00:00Z' });
  pushBranch(remote, repo, 'main');
  const named = await record(founding, pushed);
  expect(named.audit.violations).toEqual([expect.objectContaining({ commit: pushed, kind: 'member.add', subject: 'zed' })]);
  expect(fake.issues('commons/garden')).toHaveLength(1);
});
