// checkPullRequest on real git repositories: the judgment, and that only what differs is read from git.
import { afterEach, describe, expect, it } from 'vitest';
import { discoFiles } from '../../../../test/support/disco-state.ts';
import { makeRepo, type TestRepo } from '../../../../test/support/repo.ts';
import { authorHandle, checkPullRequest } from './check.ts';
import { CoopError } from '../common/index.ts';
import { gitSource, openRepository, resolveCommit } from '../git/index.ts';
import type { Source } from '../common/index.ts';
import { workingTreeSource } from '../common/index.ts';
import { loadState, type ParseCache } from '../load/index.ts';

const repos: TestRepo[] = [];
afterEach(() => {
  for (const repo of repos.splice(0)) repo.remove();
});

/** A repository with the disco state on main and a pull request on `pr` that changes three governance files. */
function pullRequest(): TestRepo {
  const repo = makeRepo(discoFiles());
  repos.push(repo);
  repo.commit('genesis');
  repo.git('checkout', '-q', '-b', 'pr');
  repo.write({
    'governance/members/dan.yaml': 'name: Dan\ntier: contributor\nsince: 2026-11-01\n',
    'governance/contributions/2026-11/bob.yaml': 'entries:\n  - date: 2026-11-04\n    stream: livelihood\n    credits: 550\n    what: Server migration\n',
    'governance/commitments/ana.yaml':
      'statement: I keep our books, gladly.\nperiods:\n  - quarter: 2026-Q4\n    pledge: { love: { credits: 400 }, care: { hours: 20 } }\n    signed: 2026-10-01\n',
  });
  repo.commit('three changes');
  repo.git('checkout', '-q', 'main');
  return repo;
}

function counting(source: Source, reads: string[]): Source {
  return { label: source.label, list: (path) => source.list(path), read: (path) => (reads.push(path), source.read(path)) };
}

const changed = ['governance/commitments/ana.yaml', 'governance/contributions/2026-11/bob.yaml', 'governance/members/dan.yaml'];

describe('checkPullRequest', () => {
  it('judges every change by the base policy and needs every rule once', async () => {
    const repo = pullRequest();
    const git = openRepository(repo.dir);
    const result = await checkPullRequest({
      base: await gitSource(git, await resolveCommit(git, 'main')),
      head: await gitSource(git, await resolveCommit(git, 'pr')),
      author: 'bob',
    });
    expect(result.ok).toBe(true);
    expect(result.errors).toEqual([]);
    expect(result.changes.map((c) => [c.kind, c.subject, c.self, c.requires])).toEqual([
      ['commitment.update', 'ana', false, ['consent']],
      ['contribution.update', 'bob', true, ['lazy-majority']],
      ['member.add', 'dan', false, ['lazy-majority']],
    ]);
    expect(result.requires).toEqual(['consent', 'lazy-majority']);
    expect(result.author).toEqual({ login: 'bob', handle: 'bob' });
  });

  it('reads from git, for the head, only the blobs and trees that differ from the base', async () => {
    const repo = pullRequest();
    const git = openRepository(repo.dir);
    const baseReads: string[] = [];
    const headReads: string[] = [];
    const base = counting(await gitSource(git, await resolveCommit(git, 'main')), baseReads);
    const head = counting(await gitSource(git, await resolveCommit(git, 'pr')), headReads);
    const cache: ParseCache = new Map();
    await loadState(base, { cache });
    const treesOfBase = git.trees.size;
    const result = await checkPullRequest({ base, head, author: 'AnaCosta', cache });
    expect(result.changes).toHaveLength(3);
    expect(baseReads.filter((p) => p.startsWith('governance/'))).toHaveLength(12);
    expect(headReads.sort()).toEqual(changed);
    // The trees on the way to the three files (root, governance, members, commitments, contributions,
    // contributions/2026-11) are new; every other folder is listed from the base's reading.
    expect(git.trees.size - treesOfBase).toBe(6);
  });

  it('with the working tree as base, reads from git only the blobs that differ', async () => {
    const repo = pullRequest();
    const git = openRepository(repo.dir);
    const headReads: string[] = [];
    const head = counting(await gitSource(git, await resolveCommit(git, 'pr')), headReads);
    const result = await checkPullRequest({ base: workingTreeSource(repo.dir), head, author: 'AnaCosta' });
    expect(result.changes.map((c) => c.file)).toEqual(changed);
    expect(headReads.sort()).toEqual(changed);
  });

  it('refuses a base without a constitution, naming the problem and how to fix it', async () => {
    const repo = pullRequest();
    repo.write({ 'governance/constitution.yaml': 'tiers: oops\n' });
    const git = openRepository(repo.dir);
    const run = checkPullRequest({
      base: workingTreeSource(repo.dir, 'the working tree'),
      head: await gitSource(git, await resolveCommit(git, 'pr')),
      author: 'x',
    });
    await expect(run).rejects.toBeInstanceOf(CoopError);
    await expect(run).rejects.toThrow(
      /^The base, the working tree, has no valid constitution\. governance\/constitution\.yaml:1:1 schema\.required: The file lacks `decisions`\..* fix the constitution there first\.$/,
    );
    // The data say it all again, for a caller that words it its own way (the CLI names --base).
    await expect(run).rejects.toMatchObject({
      code: 'check.base-constitution',
      data: { base: 'the working tree', problem: { file: 'governance/constitution.yaml', line: 1, column: 1, code: 'schema.required' } },
    });
  });
});

describe('authorHandle', () => {
  it('matches a login case-insensitively against github, else the handle, in the base roll', async () => {
    const { state } = await loadState(workingTreeSource(makeTemp()));
    expect(authorHandle('anacosta', state)).toBe('ana');
    expect(authorHandle('ana', state)).toBeUndefined();
    expect(authorHandle('BOB', state)).toBe('bob');
    expect(authorHandle('mallory', state)).toBeUndefined();
  });
});

function makeTemp(): string {
  const repo = makeRepo(discoFiles());
  repos.push(repo);
  return repo.dir;
}
