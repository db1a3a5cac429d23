// A pull request whose branch is behind its target: judged by what it changed since it left, on the state merging it gives.
import { describe, expect, it, onTestFinished } from 'vitest';
import { branch, discoCooperative } from './support/disco-repo.ts';
import { decisionRecord } from './support/disco-state.ts';
import { runCoop } from './support/io.ts';
import { makeRepo, type TestRepo } from './support/repo.ts';

const member = (name: string, tier = 'member') => `name: ${name}\ntier: ${tier}\nsince: 2026-02-01\n`;
const hana = { 'governance/members/hana.yaml': 'name: Hana\ntier: supporter\nsince: 2026-11-20\ngithub: hana\n' };

/** A disco cooperative of ana and bob on main, committed: the commit every branch leaves from. */
const cooperative = () => discoCooperative({ 'governance/members/bob.yaml': member('Bob'), LICENSE: 'AGPL-3.0-or-later\n' });

/** Three other pull requests land on main after the branch left it: two members and their records, and the licence. */
function othersLand(repo: TestRepo): void {
  repo.write({ 'governance/members/cy.yaml': member('Cy', 'contributor') });
  repo.commit('Add cy');
  repo.write({ 'governance/decisions/1.yaml': decisionRecord(1), 'governance/members/dee.yaml': member('Dee', 'supporter') });
  repo.commit('Add dee, record 1');
  repo.write({ LICENSE: 'AGPL-3.0-or-later\nCopyright the cooperative\n' });
  repo.commit('Licence holder');
}

interface CheckJson {
  ok: boolean;
  errors: { file: string; line: number; column: number; code: string; message: string }[];
  changes: { kind: string; subject: string | null; file: string; requires: string[] }[];
  requires: string[];
  forbidden: unknown[];
}

async function check(repo: TestRepo, head: string, author: string, base?: string): Promise<{ code: number; out: CheckJson; stdout: string }> {
  const args = ['check', '--repo', repo.dir, '--head', head, '--author', author, ...(base ? ['--base', base] : [])];
  const run = await runCoop([...args, '--json']);
  expect(run.stderr).toBe('');
  const human = await runCoop(args);
  return { code: run.code, out: JSON.parse(run.stdout) as CheckJson, stdout: human.stdout };
}

const kinds = (out: CheckJson) => out.changes.map((c) => `${c.kind} ${c.subject ?? c.file}`);

describe('a branch behind its target', () => {
  it('is judged by what it changed since it left main, not by what main gained since', async () => {
    const repo = await cooperative();
    branch(repo, 'hana', hana);
    othersLand(repo);

    for (const base of ['main', undefined]) {
      const { code, out, stdout } = await check(repo, 'hana', 'hana', base);
      expect(kinds(out)).toEqual(['member.add hana']);
      expect(out.ok).toBe(true);
      expect(out.forbidden).toEqual([]);
      expect(out.requires).toEqual([]);
      expect(code).toBe(0);
      expect(stdout).toMatch(/hana \([0-9a-f]{7}\) left the base at [0-9a-f]{7}; what the base gained since is not the pull request's/);
    }
  });

  it('is tallied on the same changes: a newcomer adding themselves as supporter needs no vote', async () => {
    const repo = await cooperative();
    branch(repo, 'hana', hana);
    othersLand(repo);
    repo.write({ 'votes.json': '[]' });
    const run = await runCoop([
      'tally',
      '--repo',
      repo.dir,
      '--base',
      'main',
      '--head',
      'hana',
      '--author',
      'hana',
      '--votes',
      `${repo.dir}/votes.json`,
      '--opened',
      '2026-11-20T09:00:00Z',
      '--now',
      '2026-11-28T09:00:00Z',
      '--json',
    ]);
    expect(run.stderr).toBe('');
    const out = JSON.parse(run.stdout) as { outcome: string; rules: unknown[]; forbidden: unknown[] };
    expect(out.outcome).toBe('passed');
    expect(out.rules).toEqual([]);
    expect(out.forbidden).toEqual([]);
    expect(run.code).toBe(0);
  });

  it('gives the same judgement for the branch and for a test merge of it into main (refs/pull/N/merge)', async () => {
    const repo = await cooperative();
    // A change that needs a vote, in a file main also changed, in lines far apart: a clean merge.
    branch(repo, 'pr', { ...hana, 'governance/members/bob.yaml': `${member('Bob')}circles: { care: steward }\n` });
    othersLand(repo);
    repo.write({ 'governance/members/bob.yaml': `# Bob looks after the servers.\n${member('Bob')}` });
    repo.commit('A note on bob');
    repo.git('checkout', '-q', '-b', 'test-merge', 'main');
    repo.git('merge', '-q', '--no-ff', '-m', 'Test merge', 'pr');
    repo.git('checkout', '-q', 'main');

    const onBranch = await check(repo, 'pr', 'hana', 'main');
    const onMerge = await check(repo, 'test-merge', 'hana', 'main');
    expect(kinds(onBranch.out)).toEqual(['member.update bob', 'member.add hana']);
    expect(onMerge.out).toEqual(onBranch.out);
    expect(onBranch.out.requires).toEqual(['consent']);
    expect(onBranch.code).toBe(0);
    expect(onMerge.code).toBe(0);
  });

  it('says plainly when the same lines changed on both sides, names the file and exits 1', async () => {
    const repo = await cooperative();
    branch(repo, 'pr', { 'governance/members/bob.yaml': member('Bob Brown') });
    repo.write({ 'governance/members/bob.yaml': member('Robert') });
    repo.commit('Bob is Robert');

    const { code, out, stdout } = await check(repo, 'pr', 'AnaCosta', 'main');
    expect(code).toBe(1);
    expect(out.ok).toBe(false);
    expect(out.errors).toEqual([
      expect.objectContaining({
        file: 'governance/members/bob.yaml',
        line: 1,
        column: 1,
        code: 'merge.conflict',
        message: expect.stringMatching(
          /Since the branch left the target, this file was changed there and in the pull request, in the same or neighbouring lines.*Rebase or merge the target into your branch/,
        ),
      }),
    ]);
    expect(stdout).toContain('governance/members/bob.yaml:1:1');
    expect(stdout).toMatch(/✗ The pull request does not merge cleanly: 1 file changed on both sides \(above\)/);
    expect(stdout).not.toMatch(/nothing to decide|is not valid/);
    repo.write({ 'votes.json': '[]' });
    const tally = await runCoop([
      'tally',
      '--repo',
      repo.dir,
      '--base',
      'main',
      '--head',
      'pr',
      '--author',
      'AnaCosta',
      '--votes',
      `${repo.dir}/votes.json`,
      '--opened',
      '2026-11-20T09:00:00Z',
      '--now',
      '2026-11-28T09:00:00Z',
      '--json',
    ]);
    expect(tally.code).toBe(1);
    expect(JSON.parse(tally.stdout)).toMatchObject({
      outcome: 'failed',
      reasons: [expect.stringMatching(/does not merge cleanly \(governance\/members\/bob\.yaml changed on both sides\)/)],
    });

    // A file removed on main and changed on the branch does not merge either.
    const removed = await cooperative();
    branch(removed, 'pr', { 'governance/members/bob.yaml': member('Bob Brown') });
    removed.write({ 'governance/members/bob.yaml': null });
    removed.commit('Bob leaves');
    const gone = await check(removed, 'pr', 'AnaCosta', 'main');
    expect(gone.code).toBe(1);
    expect(gone.out.errors.map((e) => [e.file, e.code])).toEqual([['governance/members/bob.yaml', 'merge.conflict']]);
    expect(gone.out.errors[0]!.message).toMatch(/removed on one side and changed on the other/);
  });

  it('is fine when both sides made the same change, and changes nothing when all it has is already on main', async () => {
    const repo = await cooperative();
    branch(repo, 'pr', hana);
    repo.git('merge', '-q', '--no-ff', '-m', 'Merge hana', 'pr');
    othersLand(repo);
    const { code, out, stdout } = await check(repo, 'pr', 'hana', 'main');
    expect(out.changes).toEqual([]);
    expect(out.errors).toEqual([]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Every commit of pr \([0-9a-f]{7}\) is already in the base: merging it changes nothing/);

    const twice = await cooperative();
    branch(twice, 'pr', { ...hana, 'governance/members/eve.yaml': member('Eve', 'supporter') });
    twice.write(hana);
    twice.commit('hana, landed from another branch');
    const both = await check(twice, 'pr', 'AnaCosta', 'main');
    expect(kinds(both.out)).toEqual(['member.add eve']);
  });

  it('with the working tree as the base, leaves from its HEAD and judges a dirty tree as it is', async () => {
    const repo = await cooperative();
    branch(repo, 'hana', hana);
    othersLand(repo);
    // Uncommitted on main: another member, and a change to bob's file. Both are the base's, not the pull request's.
    repo.write({ 'governance/members/zed.yaml': member('Zed', 'supporter'), 'governance/members/bob.yaml': `${member('Bob')}status: sabbatical\n` });
    const { code, out } = await check(repo, 'hana', 'hana');
    expect(kinds(out)).toEqual(['member.add hana']);
    expect(code).toBe(0);

    const help = await runCoop(['check', '--help']);
    expect(help.stdout).toMatch(/uncommitted changes/);
  });

  it('points at the line where the overlapping changes start', async () => {
    const repo = await cooperative();
    const bob = (status: string) => `${member('Bob')}circles: { care: member }\nmentor: ana\nstatus: ${status}\n`;
    repo.write({ 'governance/members/bob.yaml': bob('active') });
    repo.commit('bob in full');
    branch(repo, 'pr', { 'governance/members/bob.yaml': bob('sabbatical') });
    repo.write({ 'governance/members/bob.yaml': bob('sabbatical').replace('status: sabbatical', 'status: active\n# back in January') });
    repo.commit('bob stays');
    const { out } = await check(repo, 'pr', 'AnaCosta', 'main');
    expect(out.errors).toEqual([expect.objectContaining({ file: 'governance/members/bob.yaml', line: 6, code: 'merge.conflict' })]);
  });

  it('in a clone too shallow to find where the branch left, says so and exits 2 instead of misjudging', async () => {
    const origin = await cooperative();
    branch(origin, 'hana', hana);
    othersLand(origin);
    const clone = makeRepo();
    onTestFinished(() => clone.remove());
    clone.git('fetch', '-q', '--depth', '1', `file://${origin.dir}`, 'main:target', 'hana:hana');
    const run = await runCoop(['check', '--repo', clone.dir, '--base', 'target', '--head', 'hana', '--author', 'hana']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/history of this clone stops before .* meet.*Fetch more history \(git fetch --deepen=50, or --unshallow\)/s);
  });

  it('a branch from before the constitution changed is judged by the rules on main now', async () => {
    const repo = await cooperative();
    branch(repo, 'pr', { 'governance/members/cy.yaml': member('Cy', 'contributor') });
    // main makes adding someone else as contributor need unanimous consent.
    const constitution = repo.git('show', 'main:governance/constitution.yaml');
    const stricter = constitution.replace(/(tier: \[supporter, contributor\]\n\s+rule: )lazy-majority/, '$1unanimous');
    expect(stricter).not.toBe(constitution);
    repo.write({ 'governance/constitution.yaml': `${stricter}\n` });
    repo.commit('Stricter');
    const { out } = await check(repo, 'pr', 'AnaCosta', 'main');
    expect(kinds(out)).toEqual(['member.add cy']);
    expect(out.requires).toEqual(['unanimous']);
  });
});
