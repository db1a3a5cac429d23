// The object-reading file system still takes effect: isomorphic-git's per-object look-ups are answered from memory, not the disk.
import * as nodeFs from 'node:fs';
import { promises } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeRepo, type TestRepo } from '../../../../test/support/repo.ts';
import { openRepository } from './git.ts';
import { openHistory } from './history.ts';

const FILES = 120;
let repo: TestRepo;
/** The blobs of FILES files packed by git gc. */
let packed: string[];
/** A blob of the commit after the gc: a loose object. */
let loose: string;

beforeAll(() => {
  repo = makeRepo(Object.fromEntries(Array.from({ length: FILES }, (_, i) => [`f/${i}.txt`, `file ${i}\n`])));
  repo.commit('packed');
  repo.git('gc', '-q');
  packed = repo.git('ls-tree', '-r', 'HEAD', '--format=%(objectname)', 'f').split('\n');
  repo.write({ 'loose.txt': 'written after the gc\n' });
  repo.commit('loose');
  loose = repo.git('rev-parse', 'HEAD:loose.txt');
});
afterAll(() => repo.remove());
afterEach(() => vi.restoreAllMocks());

/** Records each call that reaches node's promise file system from now on, as its method and path. */
function diskCalls(): { count(): number; paths(): string[] } {
  const paths: string[] = [];
  for (const method of ['readFile', 'readdir', 'stat', 'lstat'] as const) {
    const real = promises[method] as (...args: unknown[]) => unknown;
    vi.spyOn(promises, method).mockImplementation(((path: unknown, ...rest: unknown[]) => {
      paths.push(`${method} ${String(path)}`);
      return real.call(promises, path, ...rest);
    }) as never);
  }
  return { count: () => paths.length, paths: () => [...paths] };
}

describe('objectReadingFs', () => {
  it('reads packed objects without a disk call per object: no loose-object probe, one pack listing, one stat of the git folder', async () => {
    const disk = diskCalls();
    const history = await openHistory(openRepository(repo.dir));
    for (const oid of packed) await history.blob(oid);
    const probes = disk.paths().filter((p) => /\/objects\/[0-9a-f]{2}\/[0-9a-f]{38}$/.test(p));
    expect(probes).toEqual([]);
    // The pack's index and data, the pack listing, the git folder's stat: a handful, not FILES × 3.
    expect(disk.count()).toBeLessThan(10);
    // A loose object is still read from its file.
    expect(Buffer.from(await history.blob(loose)).toString()).toBe('written after the gc\n');
  });

  it('is what makes the difference: isomorphic-git on node:fs looks on the disk for every object', async () => {
    const git = await import('isomorphic-git');
    const disk = diskCalls();
    const cache = {};
    const gitdir = openRepository(repo.dir).gitdir;
    for (const oid of packed) await git.readObject({ fs: nodeFs, gitdir, oid, cache, format: 'content' });
    // If this fails, isomorphic-git no longer looks up each object on the disk, and objectReadingFs may have nothing left to save.
    expect(disk.count()).toBeGreaterThanOrEqual(packed.length);
  });
});
