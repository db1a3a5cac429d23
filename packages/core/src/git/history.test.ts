// Reading history from a real repository: commits, entries and the files two commits differ by, against git itself.
import { afterEach, describe, expect, it } from 'vitest';
import { makeRepo, type TestRepo } from '../../../../test/support/repo.ts';
import { openRepository } from './git.ts';
import { openHistory } from './history.ts';

describe('openHistory on a real repository', () => {
  const repos: TestRepo[] = [];
  afterEach(() => {
    for (const repo of repos.splice(0)) repo.remove();
  });

  it('reads commits and diffs trees as git does, folders replaced by files and links included', async () => {
    const repo = makeRepo({
      'governance/members/ana.yaml': 'name: Ana\n',
      'governance/members/bob.yaml': 'name: Bob\n',
      'governance/contributions/2026-01/ana.yaml': 'entries: []\n',
      'governance/x': 'a file\n',
      'docs/guide.md': 'hello\n',
    });
    repos.push(repo);
    const first = repo.commit('First\n\nWith a body.', { author: 'Ana Costa <ana@example.org>', date: '2026-01-05T10:00:00Z' });
    repo.write({
      'governance/members/bob.yaml': 'name: Bob B\n',
      'governance/members/carol.yaml': 'name: Carol\n',
      'governance/contributions': null,
      'governance/x': null,
      'governance/x/inner.yaml': 'now a folder\n',
      docs: null,
    });
    repo.write({ docs: 'now a file\n' });
    repo.link('governance/link.yaml', 'members/ana.yaml');
    const second = repo.commit('Second', { date: '2026-01-06T10:00:00Z' });

    const history = await openHistory(openRepository(repo.dir));
    const a = await history.commit(first);
    const b = await history.commit(second);
    expect(a).toMatchObject({
      oid: first,
      parents: [],
      author: { name: 'Ana Costa', email: 'ana@example.org' },
      subject: 'First',
      time: Date.parse('2026-01-05T10:00:00Z') / 1000,
    });
    expect(b.parents).toEqual([first]);

    const changes = await history.diff(a.tree, b.tree, '.');
    const ours = changes.map((c) => `${c.before ? (c.after ? 'M' : 'D') : 'A'}\t${c.path.slice(2)}`).sort();
    const gits = repo.git('diff-tree', '-r', '--no-renames', '--name-status', first, second).split('\n').sort();
    expect(ours).toEqual(gits);
    expect(changes.find((c) => c.path === './governance/link.yaml')?.after?.type).toBe('symlink');

    expect(await history.at(b, 'governance/members/carol.yaml')).toMatchObject({
      type: 'file',
      oid: repo.git('rev-parse', `${second}:governance/members/carol.yaml`),
    });
    expect(await history.at(b, 'governance/members/dan.yaml')).toBeUndefined();
    expect(await history.at(a, 'governance/x/inner.yaml')).toBeUndefined();
    const read = await history.source(b).read('governance/members/carol.yaml');
    expect(read.ok && Buffer.from(read.bytes).toString()).toBe('name: Carol\n');
  });
});
