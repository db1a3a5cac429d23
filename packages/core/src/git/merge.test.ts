// The three-way merge of text and of sources, and the merge base, against what git itself does.
import { afterEach, describe, expect, it } from 'vitest';
import { makeRepo, type TestRepo } from '../../../../test/support/repo.ts';
import { gitSource, mergeBase, openRepository } from './git.ts';
import { mergedSource, mergeText } from './merge.ts';
import { memorySource } from '../common/index.ts';

const repos: TestRepo[] = [];
afterEach(() => {
  for (const repo of repos.splice(0)) repo.remove();
});

const text = (...lines: string[]) => lines.map((l) => `${l}\n`).join('');

describe('mergeText', () => {
  const cases: { name: string; ancestor: string; ours: string; theirs: string; merged: string | undefined }[] = [
    { name: 'only theirs changed', ancestor: text('a', 'b'), ours: text('a', 'b'), theirs: text('a', 'B'), merged: text('a', 'B') },
    { name: 'only ours changed', ancestor: text('a', 'b'), ours: text('A', 'b'), theirs: text('a', 'b'), merged: text('A', 'b') },
    {
      name: 'changes far apart',
      ancestor: text('a', 'b', 'c', 'd', 'e'),
      ours: text('A', 'b', 'c', 'd', 'e'),
      theirs: text('a', 'b', 'c', 'd', 'E'),
      merged: text('A', 'b', 'c', 'd', 'E'),
    },
    {
      name: 'a line added at the top and one at the end',
      ancestor: text('a', 'b', 'c'),
      ours: text('top', 'a', 'b', 'c'),
      theirs: text('a', 'b', 'c', 'end'),
      merged: text('top', 'a', 'b', 'c', 'end'),
    },
    {
      name: 'the same change on both sides',
      ancestor: text('a', 'b', 'c'),
      ours: text('a', 'X', 'c', 'd'),
      theirs: text('a', 'X', 'c'),
      merged: text('a', 'X', 'c', 'd'),
    },
    { name: 'the same line changed differently', ancestor: text('a', 'b', 'c'), ours: text('a', 'B', 'c'), theirs: text('a', 'b2', 'c'), merged: undefined },
    {
      name: 'changes to adjacent lines (git conflicts too)',
      ancestor: text('a', 'b', 'c'),
      ours: text('a', 'B', 'c'),
      theirs: text('a', 'b', 'C'),
      merged: undefined,
    },
    { name: 'both append different lines at the end', ancestor: text('a'), ours: text('a', 'x'), theirs: text('a', 'y'), merged: undefined },
    { name: 'both add the file, differently', ancestor: '', ours: text('x'), theirs: text('y'), merged: undefined },
    { name: 'both add the file alike', ancestor: '', ours: text('x'), theirs: text('x'), merged: text('x') },
    {
      name: 'a line removed next to one kept',
      ancestor: text('a', 'b', 'c', 'd'),
      ours: text('a', 'c', 'd'),
      theirs: text('a', 'b', 'c', 'D'),
      merged: text('a', 'c', 'D'),
    },
    {
      name: 'a line removed next to one changed',
      ancestor: text('a', 'b', 'c', 'd'),
      ours: text('a', 'c', 'd'),
      theirs: text('a', 'b', 'C', 'd'),
      merged: undefined,
    },
    {
      name: 'a removal far from a change',
      ancestor: text('a', 'b', 'c', 'd', 'e'),
      ours: text('a', 'c', 'd', 'e'),
      theirs: text('a', 'b', 'c', 'd', 'E'),
      merged: text('a', 'c', 'd', 'E'),
    },
    { name: 'a last line without a newline', ancestor: 'a\nb\nc', ours: 'A\nb\nc', theirs: 'a\nb\nC', merged: 'A\nb\nC' },
    { name: 'CRLF lines', ancestor: 'a\r\nb\r\nc\r\nd\r\n', ours: 'A\r\nb\r\nc\r\nd\r\n', theirs: 'a\r\nb\r\nc\r\nD\r\n', merged: 'A\r\nb\r\nc\r\nD\r\n' },
  ];
  it.each(cases)('$name', ({ ancestor, ours, theirs, merged }) => {
    expect(mergeText(ancestor, ours, theirs)).toBe(merged);
  });

  it('agrees with git merge-file on every case', () => {
    const repo = makeRepo();
    repos.push(repo);
    for (const c of cases) {
      repo.write({ a: c.ancestor, o: c.ours, t: c.theirs });
      let git: string | undefined;
      try {
        git = repo.git('merge-file', '-p', 'o', 'a', 't');
      } catch {
        git = undefined;
      }
      // repo.git trims its output; compare on trimmed text.
      expect(mergeText(c.ancestor, c.ours, c.theirs)?.trim(), c.name).toBe(git);
    }
  });
});

describe('mergedSource', () => {
  const ancestor = memorySource({
    'governance/members/ana.yaml': text('name: Ana', 'tier: member'),
    'governance/members/bob.yaml': text('name: Bob'),
    LICENSE: 'MIT\n',
  });
  it('takes what one side changed, merges what both changed, and lists conflicts', async () => {
    const ours = memorySource({
      'governance/members/ana.yaml': text('name: Ana Costa', 'tier: member'),
      'governance/members/bob.yaml': text('name: Robert'),
      LICENSE: 'MIT\n',
      'governance/members/cy.yaml': text('name: Cy'),
    });
    const theirs = memorySource({
      'governance/members/ana.yaml': text('name: Ana', 'tier: member', 'status: sabbatical'),
      'governance/members/bob.yaml': text('name: Bobby'),
      LICENSE: 'GPL\n',
    });
    const merged = mergedSource({ ancestor, ours, theirs });
    expect((await merged.list('governance/members'))?.map((e) => e.name)).toEqual(['ana.yaml', 'bob.yaml', 'cy.yaml']);
    const read = async (path: string) => {
      const r = await merged.read(path);
      return r.ok ? new TextDecoder().decode(r.bytes) : r.reason;
    };
    expect(await read('governance/members/ana.yaml')).toBe(text('name: Ana Costa', 'tier: member', 'status: sabbatical'));
    expect(await read('governance/members/cy.yaml')).toBe(text('name: Cy'));
    expect(await read('LICENSE')).toBe('GPL\n');
    // A conflict keeps the target's version and is listed.
    expect(await read('governance/members/bob.yaml')).toBe(text('name: Robert'));
    expect(merged.conflicts).toEqual([{ file: 'governance/members/bob.yaml', reason: 'content', line: 1 }]);
  });

  it('drops what the head removed and keeps what only the target has', async () => {
    const ours = memorySource({
      'governance/members/ana.yaml': text('name: Ana', 'tier: member'),
      'governance/members/bob.yaml': text('name: Bob'),
      'governance/members/dee.yaml': text('name: Dee'),
      LICENSE: 'MIT\n',
    });
    const theirs = memorySource({ 'governance/members/ana.yaml': text('name: Ana', 'tier: member'), LICENSE: 'MIT\n' });
    const merged = mergedSource({ ancestor, ours, theirs });
    expect((await merged.list('governance/members'))?.map((e) => e.name)).toEqual(['ana.yaml', 'dee.yaml']);
    expect(merged.conflicts).toEqual([]);
  });
});

describe('mergeBase', () => {
  it('finds what git merge-base finds, for branches, merges back and criss-cross merges', async () => {
    const repo = makeRepo();
    repos.push(repo);
    let n = 0;
    const step = () => {
      repo.write({ [`f${n}`]: `${n++}\n` });
      return repo.commit(`step ${n}`, { date: `2026-01-01T00:00:${String(n).padStart(2, '0')}Z` });
    };
    step();
    step();
    repo.git('checkout', '-q', '-b', 'side');
    step();
    repo.git('checkout', '-q', 'main');
    step();
    step();
    repo.git('checkout', '-q', '-b', 'other', 'side');
    step();
    repo.git('merge', '-q', '--no-ff', '-m', 'main into other', 'main');
    step();
    repo.git('checkout', '-q', 'side');
    step();
    repo.git('merge', '-q', '--no-ff', '-m', 'main into side', 'main~1');
    repo.git('checkout', '-q', 'main');
    step();
    const git = openRepository(repo.dir);
    const pairs = [
      ['main', 'side'],
      ['main', 'other'],
      ['side', 'other'],
      ['main', 'main~2'],
      ['other', 'other'],
    ] as const;
    for (const [a, b] of pairs) {
      const [x, y] = [repo.git('rev-parse', a), repo.git('rev-parse', b)];
      const all = repo.git('merge-base', '--all', a, b).split('\n');
      expect(all, `${a} ${b}`).toContain(await mergeBase(git, x, y));
      expect(await mergeBase(git, y, x)).toBe(await mergeBase(git, x, y));
    }
    // Unrelated histories share no base.
    repo.git('checkout', '-q', '--orphan', 'alone');
    step();
    expect(await mergeBase(git, repo.git('rev-parse', 'alone'), repo.git('rev-parse', 'main'))).toBeUndefined();
  });

  it('is read through the source of the merge base: a branch point is a commit like any other', async () => {
    const repo = makeRepo({ 'governance/x': '1\n' });
    repos.push(repo);
    const first = repo.commit('first');
    const git = openRepository(repo.dir);
    const source = await gitSource(git, (await mergeBase(git, first, first))!);
    expect((await source.list('governance'))?.map((e) => e.name)).toEqual(['x']);
  });
});
