// Tree ids of working-tree folders, and loading a state by reusing another's unchanged folders: the same result, less read.
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { discoFiles } from '../../../../test/support/disco-state.ts';
import { makeRepo, type TestRepo } from '../../../../test/support/repo.ts';
import { compareDiagnostics } from '../common/index.ts';
import { gitSource, openRepository, resolveCommit } from './git.ts';
import { workingTreeSource, type Source } from '../common/index.ts';
import { loadState, type LoadResult, type ParseCache } from '../load/index.ts';
import { treeId } from './trees.ts';
import { locateAll } from '../load/index.ts';

const repos: TestRepo[] = [];
afterEach(() => {
  for (const repo of repos.splice(0)) repo.remove();
});

function repoWith(files: Record<string, string>): TestRepo {
  const repo = makeRepo(files);
  repos.push(repo);
  repo.commit('state');
  return repo;
}

async function at(repo: TestRepo, ref: string): Promise<{ source: Source; git: ReturnType<typeof openRepository> }> {
  const git = openRepository(repo.dir);
  return { source: await gitSource(git, await resolveCommit(git, ref)), git };
}

/** Everything a load gives, in a form two loads can be compared by. */
function summary(result: LoadResult) {
  const docs = (map: Map<string, { file: string; text: string; value: unknown; oid?: string }>) =>
    [...map].map(([k, d]) => [k, d.file, d.text, d.value, d.oid]);
  const { state } = result;
  return {
    constitution: state.constitution?.value,
    members: docs(state.members),
    commitments: docs(state.commitments),
    contributions: docs(state.contributions),
    proposals: docs(state.proposals),
    decisions: docs(state.decisions),
    broken: [...state.broken].sort(),
    problems: locateAll(result.problems, result.texts).sort(compareDiagnostics),
    texts: [...result.texts].sort(),
  };
}

describe('treeId', () => {
  it('orders entries as git does (a folder as if its name ended in a slash, names as bytes)', () => {
    const repo = repoWith({ 'x.txt': 'x\n' });
    const blob = repo.git('hash-object', '-w', 'x.txt');
    const sub = execFileSync('git', ['mktree'], { cwd: repo.dir, input: `100644 blob ${blob}\tc\n`, encoding: 'utf8' }).trim();
    const names: [string, 'file' | 'dir'][] = [
      ['a.yaml', 'file'],
      ['a', 'dir'],
      ['a-b', 'file'],
      ['é.yaml', 'file'],
      ['z', 'file'],
      ['Z', 'dir'],
    ];
    const listing = names.map(([name, type]) => `${type === 'dir' ? '040000 tree' : '100644 blob'} ${type === 'dir' ? sub : blob}\t${name}`).join('\n');
    const expected = execFileSync('git', ['mktree'], { cwd: repo.dir, input: `${listing}\n`, encoding: 'utf8' }).trim();
    expect(treeId(names.map(([name, type]) => ({ name, type, oid: type === 'dir' ? sub : blob })))).toBe(expected);
    expect(treeId(names.filter(([n]) => n !== 'é.yaml').map(([name, type]) => ({ name, type, oid: type === 'dir' ? sub : blob })))).not.toBe(expected);
  });

  it('has no id for a folder holding something without one, or a link', () => {
    expect(treeId([{ name: 'a', type: 'file' }])).toBeUndefined();
    expect(treeId([{ name: 'a', type: 'symlink', oid: 'a'.repeat(40) }])).toBeUndefined();
  });
});

describe('tree ids of a working tree', () => {
  it('are the ids git gives the same folders, .gitkeep included', async () => {
    const repo = repoWith({ ...discoFiles(), 'governance/proposals/.gitkeep': '' });
    const { trees } = await loadState(workingTreeSource(repo.dir), { cache: new Map() });
    const folders = [
      'governance',
      'governance/members',
      'governance/commitments',
      'governance/contributions',
      'governance/contributions/2026-11',
      'governance/proposals',
      'governance/decisions',
    ];
    for (const folder of folders) expect([folder, trees.get(folder)]).toEqual([folder, repo.git('rev-parse', `HEAD:${folder}`)]);
  });

  it('are not given to a folder holding a link, nor to the folders above it', async () => {
    const repo = repoWith(discoFiles());
    repo.link('governance/members/zed.yaml', '/etc/hostname');
    const { trees } = await loadState(workingTreeSource(repo.dir), { cache: new Map() });
    expect(trees.has('governance/members')).toBe(false);
    expect(trees.has('governance')).toBe(false);
    expect(trees.get('governance/commitments')).toBe(repo.git('rev-parse', 'HEAD:governance/commitments'));
  });

  it('are not computed without a cache, when files are not hashed', async () => {
    const repo = repoWith(discoFiles());
    expect((await loadState(workingTreeSource(repo.dir))).trees.size).toBe(0);
  });
});

describe('loading with reuse', () => {
  /** A base commit and a head that changes, breaks and adds files in some folders and leaves others alone. */
  function twoCommits(): TestRepo {
    const repo = repoWith({ ...discoFiles(), 'governance/proposals/0002-bad.yaml': 'title: [unclosed\n', 'governance/notes.txt': 'stray\n' });
    repo.git('checkout', '-q', '-b', 'head');
    repo.write({
      'governance/members/dan.yaml': 'name: Dan\ntier: contributor\nsince: 2026-11-01\n',
      'governance/members/bob.yaml': 'name: Bob\ntier: [member]\nsince: 2026-11-01\n',
      'governance/contributions/2026-11/ana.yaml': null,
    });
    repo.commit('head');
    repo.git('checkout', '-q', 'main');
    return repo;
  }

  it('gives, from a working-tree base, the same head as loading it alone, reading only changed folders', async () => {
    const repo = twoCommits();
    const cache: ParseCache = new Map();
    const base = await loadState(workingTreeSource(repo.dir), { cache });
    const listed: string[] = [];
    const { source } = await at(repo, 'head');
    const spied: Source = { ...source, list: (path) => (listed.push(path), source.list(path)) };
    const reused = await loadState(spied, { cache, reuse: base });
    const alone = await loadState((await at(repo, 'head')).source);
    expect(summary(reused)).toEqual(summary(alone));
    expect(reused.problems.map((p) => p.code).sort()).toEqual(['file.unknown', 'schema.type', 'yaml.syntax'].sort());
    expect(listed.sort()).toEqual(['', 'governance', 'governance/contributions', 'governance/contributions/2026-11', 'governance/members']);
  });

  it('gives, from a git base, the same head as loading it alone', async () => {
    const repo = twoCommits();
    const cache: ParseCache = new Map();
    const base = await loadState((await at(repo, 'main')).source, { cache });
    const reused = await loadState((await at(repo, 'head')).source, { cache, reuse: base });
    expect(summary(reused)).toEqual(summary(await loadState((await at(repo, 'head')).source)));
    expect(reused.trees.get('governance/commitments')).toBe(base.trees.get('governance/commitments'));
  });

  it('takes a governance folder that did not change whole, listing nothing in it', async () => {
    const repo = twoCommits();
    repo.git('checkout', '-q', '-b', 'same');
    repo.write({ 'README.md': 'only this changed\n' });
    repo.commit('outside governance');
    const base = await loadState((await at(repo, 'main')).source, { cache: new Map() });
    const listed: string[] = [];
    const { source } = await at(repo, 'same');
    const reused = await loadState({ ...source, list: (path) => (listed.push(path), source.list(path)) }, { reuse: base });
    expect(listed).toEqual(['']);
    expect(summary(reused)).toEqual(summary(base));
  });
});
