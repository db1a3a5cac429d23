// The delta-base cache still takes effect: reading every version of a deltified file inflates each object about once, not once per link of every chain.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as nodeFs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeRepo, type TestRepo } from '../../../../test/support/repo.ts';
import { openRepository } from './git.ts';
import { openHistory } from './history.ts';

// isomorphic-git inflates pack entries with pako; counting its calls counts inflations.
const pako = createRequire(import.meta.url)('pako') as { inflate: (data: Uint8Array) => Uint8Array };

const VERSIONS = 60;
let repo: TestRepo;
/** The blob of every version of grows.txt, newest first. */
let versions: string[];

beforeAll(() => {
  // 300 lines, three changed in each commit: each version is nearest its neighbours, so a repack
  // with a deep window stores them as chains of deltas, as a long-lived clone does. One
  // fast-import writes the history (a commit per git process would take seconds).
  repo = makeRepo();
  const lines = Array.from({ length: 300 }, (_, i) => `line ${i}: ${'abcdefghij'.repeat(3)} ${(i * 7919) % 1000}`);
  const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  let stream = '';
  for (let v = 0; v < VERSIONS; v++) {
    for (let k = 0; k < 3; k++) lines[(v * 37 + k * 101) % lines.length] = `changed in version ${v} (${k})`;
    stream += `commit refs/heads/main\ncommitter Test <test@example.org> ${1_700_000_000 + v} +0000\n${data(`version ${v}`)}M 100644 inline grows.txt\n${data(`${lines.join('\n')}\n`)}`;
  }
  execFileSync('git', ['fast-import', '--quiet'], { cwd: repo.dir, input: stream });
  repo.git('repack', '-adf', '--depth=50', '--window=50');
  // Each commit's line of --raw ends in the blob it gives grows.txt: ":100644 100644 <old> <new> M\tgrows.txt".
  versions = repo
    .git('log', '--format=', '--raw', '--no-abbrev', 'main')
    .split('\n')
    .map((line) => line.split(/\s+/)[3]!);
});
afterAll(() => repo.remove());

function countInflations(): () => number {
  const spy = vi.spyOn(pako, 'inflate');
  return () => {
    const calls = spy.mock.calls.length;
    spy.mockRestore();
    return calls;
  };
}

describe('cacheDeltaBases', () => {
  it('the versions are stored as long chains of deltas', () => {
    const idx = nodeFs.readdirSync(`${repo.dir}/.git/objects/pack`).filter((name) => name.endsWith('.idx'));
    const depths = [...repo.git('verify-pack', '-v', ...idx.map((name) => `.git/objects/pack/${name}`)).matchAll(/^chain length = ([0-9]+):/gm)].map((m) =>
      Number(m[1]),
    );
    expect(new Set(versions).size).toBe(VERSIONS);
    expect(Math.max(...depths)).toBeGreaterThanOrEqual(20);
  });

  it('lets the history reader inflate each object about once', async () => {
    const done = countInflations();
    const history = await openHistory(openRepository(repo.dir));
    for (const oid of versions) await history.blob(oid);
    // Each version once, and the chain of the first read, made before the pack's index was loaded and wrapped.
    expect(done()).toBeLessThanOrEqual(2 * VERSIONS);
  });

  it('is what makes the difference: isomorphic-git alone inflates whole chains at every read', async () => {
    const git = await import('isomorphic-git');
    const done = countInflations();
    const cache = {};
    for (const oid of versions) await git.readObject({ fs: nodeFs, gitdir: `${repo.dir}/.git`, oid, cache, format: 'content' });
    // If this fails, isomorphic-git caches delta bases itself (or no longer inflates with pako), and cacheDeltaBases may be unneeded.
    expect(done()).toBeGreaterThanOrEqual(10 * VERSIONS);
  });
});
