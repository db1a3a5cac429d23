// Reading history: raw trees compared, searched and parsed, against a naive reading and against git itself.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { propertyRuns } from '../../../../test/support/property-runs.ts';
import { makeRepo, type TestRepo } from '../../../../test/support/repo.ts';
import { openRepository } from './git.ts';
import { compareTrees, differingEntries, entryOffsets, findEntry, openHistory, parseTree, searchEntry } from './history.ts';
import type { SourceEntry } from '../common/index.ts';

interface Spec {
  name: string;
  dir: boolean;
  content: string;
}

/** A raw tree object as git writes it: entries sorted by name, a folder's as if it ended in `/`. */
function rawTree(specs: readonly Spec[]): Buffer {
  const parts = specs.map((s) => ({
    key: Buffer.from(s.dir ? `${s.name}/` : s.name),
    bytes: Buffer.concat([Buffer.from(`${s.dir ? '40000' : '100644'} ${s.name}\0`), createHash('sha1').update(s.content).digest()]),
  }));
  parts.sort((a, b) => Buffer.compare(a.key, b.key));
  return Buffer.concat(parts.map((p) => p.bytes));
}

const oidOf = (content: string) => createHash('sha1').update(content).digest('hex');

const side = (dir: boolean, content: string) => `${dir ? 'd' : 'f'}${content.slice(0, 6)}`;

/**
 * What differs, by name, read the slow way, as what left (-) and what came (+). A file and a folder of
 * the same name sort apart in git, so they may be paired or not: both mean the one left, the other came.
 */
function naive(a: readonly Spec[], b: readonly Spec[]): string[] {
  const before = new Map(a.map((s) => [s.name, s]));
  const after = new Map(b.map((s) => [s.name, s]));
  const out: string[] = [];
  for (const name of new Set([...before.keys(), ...after.keys()])) {
    const x = before.get(name);
    const y = after.get(name);
    if (x && y && x.dir === y.dir && x.content === y.content) continue;
    if (x) out.push(`${name}:-${side(x.dir, oidOf(x.content))}`);
    if (y) out.push(`${name}:+${side(y.dir, oidOf(y.content))}`);
  }
  return out.sort();
}

function described(pairs: [SourceEntry | undefined, SourceEntry | undefined][]): string[] {
  return pairs.flatMap(([x, y]) => [...(x ? [`${x.name}:-${side(x.type === 'dir', x.oid!)}`] : []), ...(y ? [`${y.name}:+${side(y.type === 'dir', y.oid!)}`] : [])]).sort();
}

// Names that exercise git's order: prefixes of each other, `-` and `.` (before `/`), digits, non-ASCII.
const names = fc.constantFrom('a', 'a-b', 'a.b', 'a0', 'ab', 'b', 'b.yaml', '10.yaml', '2.yaml', '100.yaml', 'ana', 'ana.yaml', 'é', 'z');
const spec = fc.record({ name: names, dir: fc.boolean(), content: fc.constantFrom('1', '2', '3') });
const tree = fc.uniqueArray(spec, { selector: (s) => s.name, maxLength: 14 });

describe('raw trees', () => {
  it('compares like a naive reading, whichever way the trees differ, and finds every entry', () => {
    fc.assert(
      fc.property(tree, tree, (a, b) => {
        const x = rawTree(a);
        const y = rawTree(b);
        const plain = described(differingEntries(x, y));
        expect(plain).toEqual(naive(a, b));
        const { pairs, offsetsB } = compareTrees(x, entryOffsets(x), y);
        expect(described(pairs)).toEqual(plain);
        expect([...offsetsB]).toEqual([...entryOffsets(y)]);
        const parsed = parseTree(y);
        for (const name of ['a', 'a-b', 'ab', 'b', 'ana', 'ana.yaml', 'é', 'z', 'missing', 'a/']) {
          const expected = parsed.find((e) => e.name === name);
          expect(findEntry(y, name)).toEqual(expected);
          expect(searchEntry(y, offsetsB, name)).toEqual(expected);
        }
      }),
      propertyRuns(400),
    );
  });

  it('compares a large tree with one entry added, changed or removed', () => {
    const base = Array.from({ length: 3000 }, (_, i) => ({ name: `${i + 1}.yaml`, dir: false, content: `r${i}` }));
    const x = rawTree(base);
    const variants: Spec[][] = [
      [...base, { name: '1500x.yaml', dir: false, content: 'new' }],
      base.map((s) => (s.name === '2999.yaml' ? { ...s, content: 'edited' } : s)),
      base.filter((s) => s.name !== '1.yaml'),
      [...base, { name: '0', dir: true, content: 'folder' }],
    ];
    for (const b of variants) {
      const y = rawTree(b);
      const { pairs, offsetsB } = compareTrees(x, entryOffsets(x), y);
      expect(described(pairs)).toEqual(naive(base, b));
      expect([...offsetsB]).toEqual([...entryOffsets(y)]);
    }
  });
});

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
    expect(a).toMatchObject({ oid: first, parents: [], author: { name: 'Ana Costa', email: 'ana@example.org' }, subject: 'First', time: Date.parse('2026-01-05T10:00:00Z') / 1000 });
    expect(b.parents).toEqual([first]);

    const changes = await history.diff(a.tree, b.tree, '.');
    const ours = changes.map((c) => `${c.before ? (c.after ? 'M' : 'D') : 'A'}\t${c.path.slice(2)}`).sort();
    const gits = repo.git('diff-tree', '-r', '--no-renames', '--name-status', first, second).split('\n').sort();
    expect(ours).toEqual(gits);
    expect(changes.find((c) => c.path === './governance/link.yaml')?.after?.type).toBe('symlink');

    expect(await history.at(b, 'governance/members/carol.yaml')).toMatchObject({ type: 'file', oid: repo.git('rev-parse', `${second}:governance/members/carol.yaml`) });
    expect(await history.at(b, 'governance/members/dan.yaml')).toBeUndefined();
    expect(await history.at(a, 'governance/x/inner.yaml')).toBeUndefined();
    const read = await history.source(b).read('governance/members/carol.yaml');
    expect(read.ok && Buffer.from(read.bytes).toString()).toBe('name: Carol\n');
  });
});
