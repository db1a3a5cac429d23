// coop check end to end, in-process, on real git repositories scaffolded by coop init --preset disco.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCoop } from '../../../test/support/io.ts';
import { discoPullRequest } from '../../../test/support/disco-repo.ts';
import { decisionRecord } from '../../../test/support/disco-state.ts';
import { makeRepo, type TestRepo } from '../../../test/support/repo.ts';

const repos: TestRepo[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const repo of repos.splice(0)) repo.remove();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The disco cooperative of ana (login AnaCosta) and bob on main; then `edits` committed on branch pr. */
const pullRequest = (edits: Record<string, string | null>) =>
  discoPullRequest({ 'governance/members/bob.yaml': 'name: Bob\ntier: member\nsince: 2026-02-01\n', LICENSE: 'AGPL-3.0-or-later\n' }, edits);

const dan = { 'governance/members/dan.yaml': 'name: Dan\ntier: dater\nsince: 2026-11-01\ndating: { stage: 1, since: 2026-11-01 }\nmentor: ana\n' };
const anaWork = { 'governance/contributions/2026-11/ana.yaml': 'entries:\n  - date: 2026-11-03\n    stream: care\n    hours: 2\n    what: Onboarding call\n' };

const json = (stdout: string) =>
  JSON.parse(stdout) as {
    ok: boolean;
    errors: { file: string; line: number; column: number; code: string; message: string }[];
    changes: Record<string, unknown>[];
    requires: string[];
    forbidden: Record<string, unknown>[];
  };

describe('coop check', () => {
  it('judges a pull request between two refs and prints exactly {ok, errors, changes, requires, forbidden}', async () => {
    const repo = await pullRequest({ ...dan, ...anaWork });
    const run = await runCoop(['check', '--repo', repo.dir, '--base', 'main', '--head', 'pr', '--author', 'anacosta', '--json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const out = json(run.stdout);
    expect(Object.keys(out)).toEqual(['ok', 'errors', 'changes', 'requires', 'forbidden']);
    expect(out).toMatchObject({ ok: true, errors: [], requires: ['consent'], forbidden: [] });
    expect(out.changes).toEqual([
      expect.objectContaining({
        kind: 'contribution.add',
        subject: 'ana',
        file: 'governance/contributions/2026-11/ana.yaml',
        self: true,
        requires: [],
        line: 2,
        column: 5,
        policy: 14,
      }),
      expect.objectContaining({
        kind: 'member.add',
        subject: 'dan',
        file: 'governance/members/dan.yaml',
        self: false,
        requires: ['consent'],
        policy: 7,
        tier: { to: 'dater' },
      }),
    ]);
  });

  it('takes the working tree as the base without --base, and explains each change in a sentence', async () => {
    const repo = await pullRequest({ ...dan, ...anaWork });
    const run = await runCoop(['check', '--repo', repo.dir, '--head', 'pr', '--author', 'AnaCosta']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('coop check: pr (');
    expect(run.stdout).toContain('onto the working tree at');
    expect(run.stdout).toContain('by ana (AnaCosta)');
    expect(run.stdout).toContain(
      'governance/members/dan.yaml:1:1 member.add\n  ana adds dan as dater.\n  Needs consent, by policy entry 8: “Starting to date the collective needs two members who say yes, and no block.”',
    );
    expect(run.stdout).toContain(
      'ana logs their own work of 2026-11-03 (care: "Onboarding call").\n  Needs no vote, by policy entry 15: “Log your own work freely.”',
    );
    expect(run.stdout).toContain('This pull request needs consent to pass.');
  });

  it('says who stands aside, and needs a change to the constitution to pass under both constitutions', async () => {
    const repo = await pullRequest({ 'governance/members/bob.yaml': null });
    const constitution = repo.git('show', 'main:governance/constitution.yaml');
    repo.git('checkout', '-q', 'pr');
    repo.write({
      'governance/constitution.yaml':
        constitution.replace('  - change: constitution.change\n    rule: supermajority', '  - change: constitution.change\n    rule: unanimous') + '\n',
    });
    repo.commit('and the rules');
    repo.git('checkout', '-q', 'main');
    const run = await runCoop(['check', '--repo', repo.dir, '--base', 'main', '--head', 'pr', '--author', 'AnaCosta', '--json']);
    expect(run.code).toBe(0);
    const out = json(run.stdout);
    expect(out.requires).toEqual(['supermajority', 'unanimous']);
    const [change, removal] = out.changes;
    expect(change).toMatchObject({ kind: 'constitution.change', subject: null, self: false, requires: ['supermajority', 'unanimous'] });
    expect((change!.rulings as { under: string }[]).map((r) => r.under)).toEqual(['base', 'head']);
    expect(removal).toMatchObject({ kind: 'member.remove', subject: 'bob', requires: ['unanimous'], stands_aside: ['bob'] });
    const human = await runCoop(['check', '--repo', repo.dir, '--base', 'main', '--head', 'pr', '--author', 'AnaCosta']);
    expect(human.stdout).toContain('ana removes bob (was member).');
    expect(human.stdout).toContain('bob stands aside: the person concerned does not vote on this change.');
    expect(human.stdout).toMatch(
      /Needs supermajority, by policy entry 1 of the base constitution: .* and needs unanimous, by policy entry 1 of the constitution as this pull request leaves it/,
    );
    expect(human.stdout).toContain('This pull request needs every one of supermajority, unanimous to pass.');
  });

  it('lets a newcomer join the outer rings by themselves, and governs the licence', async () => {
    const repo = await pullRequest({ 'governance/members/zoe.yaml': 'name: Zoë\ntier: supporter\nsince: 2026-11-20\ngithub: ZoeGH\n', LICENSE: 'MIT\n' });
    const run = await runCoop(['check', '--repo', repo.dir, '--base', 'main', '--head', 'pr', '--author', 'zoegh', '--json']);
    const out = json(run.stdout);
    expect(out.changes).toEqual([
      expect.objectContaining({ kind: 'path.change', subject: null, file: 'LICENSE', requires: ['supermajority'], policy: 19 }),
      expect.objectContaining({ kind: 'member.add', subject: 'zoe', self: true, requires: [], policy: 8 }),
    ]);
    const human = await runCoop(['check', '--repo', repo.dir, '--base', 'main', '--head', 'pr', '--author', 'zoegh']);
    expect(human.stdout).toContain('by zoe (zoegh, not yet a member at the base)');
    expect(human.stdout).toContain('zoe joins as supporter.');
    expect(human.stdout).toContain('zoe changes LICENSE.');
  });

  it('treats an author who is no member as self nowhere', async () => {
    const repo = await pullRequest({ ...dan, ...anaWork, 'governance/members/bob.yaml': 'name: Bob\ntier: contributor\nsince: 2026-11-01\n' });
    const run = await runCoop(['check', '--repo', repo.dir, '--base', 'main', '--head', 'pr', '--author', 'Mallory', '--json']);
    expect(run.code).toBe(0);
    const out = json(run.stdout);
    expect(out.changes).toHaveLength(3);
    expect(out.changes.every((c) => c.self === false)).toBe(true);
    expect(out.requires).toEqual(['lazy-majority', 'unanimous', 'consent']);
    const human = await runCoop(['check', '--repo', repo.dir, '--base', 'main', '--head', 'pr', '--author', 'Mallory']);
    expect(human.stdout).toContain('by @Mallory (not a member at the base)');
    expect(human.stdout).toContain("@Mallory logs ana's work of 2026-11-03");
  });

  it('exits 1 on an invalid head, with the errors coop validate gives', async () => {
    const repo = await pullRequest({ ...dan, 'governance/members/eli.yaml': 'name: Eli\ntier: membr\nsince: 2026-11-01\n' });
    const run = await runCoop(['check', '--repo', repo.dir, '--base', 'main', '--head', 'pr', '--author', 'AnaCosta', '--json']);
    expect(run.code).toBe(1);
    const out = json(run.stdout);
    const validate = await runCoop(['validate', '--repo', repo.dir, '--ref', 'pr', '--json']);
    expect(validate.code).toBe(1);
    expect(out.ok).toBe(false);
    expect(out.errors).toEqual(JSON.parse(validate.stdout).errors);
    expect(out.errors[0]).toMatchObject({ file: 'governance/members/eli.yaml', line: 2, column: 7, code: 'member.tier-exists' });
    const human = await runCoop(['check', '--repo', repo.dir, '--base', 'main', '--head', 'pr', '--author', 'AnaCosta']);
    expect(human.code).toBe(1);
    expect(human.stdout).toContain('governance/members/eli.yaml:2:7 error member.tier-exists');
    expect(human.stdout).toContain('The state this pull request would give is not valid: 1 error');
  });

  it('exits 1 on a forbidden change and says why', async () => {
    const repo = await pullRequest({ 'governance/decisions/7.yaml': decisionRecord(7) });
    const run = await runCoop(['check', '--repo', repo.dir, '--base', 'main', '--head', 'pr', '--author', 'AnaCosta', '--json']);
    expect(run.code).toBe(1);
    const out = json(run.stdout);
    expect(out.errors).toEqual([]);
    expect(out.ok).toBe(false);
    expect(out.forbidden).toEqual([
      {
        kind: 'decision.add',
        subject: null,
        file: 'governance/decisions/7.yaml',
        line: 1,
        column: 1,
        reason: expect.stringMatching(/written only by the record action.*Remove this file/),
        code: 'forbidden.decision-add',
      },
    ]);
    const human = await runCoop(['check', '--repo', repo.dir, '--base', 'main', '--head', 'pr', '--author', 'AnaCosta']);
    expect(human.stdout).toContain(
      'ana adds the decision record of pull request #7.\n  Forbidden, whatever the constitution says: Decision records are written only by the record action',
    );
    expect(human.stdout).toContain('1 change is forbidden: no vote can allow it.');
  });

  it('exits 2 on a ref that is not a commit, naming the flag', async () => {
    const repo = await pullRequest(dan);
    const head = await runCoop(['check', '--repo', repo.dir, '--head', 'nope', '--author', 'AnaCosta']);
    expect(head.code).toBe(2);
    expect(head.stderr).toMatch(/^coop check: --head "nope" is not a commit in .*Name a branch, a tag or a commit id/);
    const base = await runCoop(['check', '--repo', repo.dir, '--base', 'HEAD~3', '--head', 'pr', '--author', 'AnaCosta', '--json']);
    expect(base.code).toBe(2);
    expect(JSON.parse(base.stdout)).toMatchObject({
      ok: false,
      error: { code: 'git.unknown-ref', message: expect.stringContaining('--base "HEAD~3" is not a commit') },
    });
  });

  it('exits 2 outside a git repository, and on missing flags', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'coop-check-'));
    dirs.push(dir);
    expect((await runCoop(['init', dir, '--preset', 'disco', '--handle', 'ana', '--name', 'Ana'])).code).toBe(0);
    const run = await runCoop(['check', '--repo', dir, '--head', 'HEAD', '--author', 'ana']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/is not inside a git repository, so --head \(and --base\) cannot be read/);
    expect((await runCoop(['check', '--repo', dir, '--author', 'ana'])).stderr).toMatch(/--head REF is required/);
    expect((await runCoop(['check', '--repo', dir, '--head', 'HEAD'])).stderr).toMatch(/--author LOGIN is required/);
    expect((await runCoop(['check', '--repo', dir, '--head', 'HEAD', '--author', 'ana', '--bogus'])).code).toBe(2);
  });

  it('judges a pull request that removes governance/ whole as invalid, and refuses a base without one', async () => {
    const repo = await pullRequest({ governance: null });
    const removed = await runCoop(['check', '--repo', repo.dir, '--base', 'main', '--head', 'pr', '--author', 'AnaCosta', '--json']);
    expect(removed.code).toBe(1);
    const out = json(removed.stdout);
    expect(out.errors.map((e) => e.code)).toContain('state.missing');
    expect(out.changes.map((c) => [c.kind, c.subject])).toEqual([
      ['constitution.change', null],
      ['member.remove', 'ana'],
      ['member.remove', 'bob'],
    ]);
    const genesis = await runCoop(['check', '--repo', repo.dir, '--base', 'pr', '--head', 'main', '--author', 'AnaCosta']);
    expect(genesis.code).toBe(2);
    expect(genesis.stderr).toMatch(/The base, pr \([0-9a-f]{7}\), has no governance\/ folder.*committed directly, not judged/);
  });

  it('reads a project folder inside a larger repository, with paths relative to it', async () => {
    const repo = makeRepo();
    repos.push(repo);
    const project = join(repo.dir, 'sub/project');
    expect(
      (await runCoop(['init', project, '--preset', 'disco', '--handle', 'ana', '--name', 'Ana', '--github', 'AnaCosta', '--since', '2026-01-05'])).code,
    ).toBe(0);
    repo.write({ 'sub/project/LICENSE': 'AGPL\n', LICENSE: 'outer\n' });
    repo.commit('genesis');
    repo.git('checkout', '-q', '-b', 'pr');
    repo.write({
      'sub/project/LICENSE': 'MIT\n',
      LICENSE: 'outer, changed\n',
      'sub/project/governance/members/eve.yaml': 'name: Eve\ntier: supporter\nsince: 2026-11-01\n',
    });
    repo.commit('pr');
    repo.git('checkout', '-q', 'main');
    for (const base of [[], ['--base', 'main']]) {
      const run = await runCoop(['check', '--repo', project, ...base, '--head', 'pr', '--author', 'eve', '--json']);
      expect(run.code).toBe(0);
      expect(json(run.stdout).changes.map((c) => [c.kind, c.file, c.requires])).toEqual([
        ['path.change', 'LICENSE', ['supermajority']],
        ['member.add', 'governance/members/eve.yaml', []],
      ]);
    }
  });

  it('says when a pull request changes nothing that is governed', async () => {
    const repo = await pullRequest({
      'README.md': 'Hello.\n',
      'governance/members/bob.yaml': '# Bob, reformatted.\nsince: "2026-02-01"\nname: Bob\ntier: member\n',
    });
    const run = await runCoop(['check', '--repo', repo.dir, '--base', 'main', '--head', 'pr', '--author', 'bob']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('No change to the governance state or to governed files: there is nothing to decide.');
  });
});
