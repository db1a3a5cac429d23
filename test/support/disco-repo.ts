// Real git repositories holding a cooperative that `coop init --preset disco` scaffolded, and branches on it, for the commands that judge pull requests.
import { execFileSync } from 'node:child_process';
import { expect, onTestFinished } from 'vitest';
import { runCoop } from './io.ts';
import { copyOf, type TestRepo } from './repo.ts';

/**
 * `coop init --preset disco` (founder ana, Ana Costa, forge login AnaCosta, since 2026-01-05) with
 * `files` beside it, committed on main as the genesis. The repository is removed when the test ends.
 * Each worker builds the genesis once for each set of files and copies it for every test.
 */
export async function discoCooperative(files: Record<string, string> = {}): Promise<TestRepo> {
  const repo = await copyOf(`disco-${JSON.stringify(files)}`, async (template) => {
    const init = await runCoop([
      'init',
      template.dir,
      '--preset',
      'disco',
      '--handle',
      'ana',
      '--name',
      'Ana Costa',
      '--github',
      'AnaCosta',
      '--since',
      '2026-01-05',
    ]);
    expect(init.code).toBe(0);
    template.write(files);
    template.commit('genesis');
  });
  onTestFinished(() => repo.remove());
  return repo;
}

/**
 * Commits `files` (null removes one) on a new branch `name` from `from`, and leaves the working tree
 * and the index as they were. One git fast-import writes the commit (checking the branch out,
 * committing and going back took five processes); its author and committer are the tests' identity.
 */
export function branch(repo: TestRepo, name: string, files: Record<string, string | null>, from = 'main'): void {
  const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  const edits = Object.entries(files).map(([path, content]) => (content === null ? `D ${path}\n` : `M 100644 inline ${path}\n${data(content)}`));
  const stream = `commit refs/heads/${name}\ncommitter Test <test@example.org> now\n${data(`${name}'s change\n`)}from ${from}^0\n${edits.join('')}\n`;
  execFileSync('git', ['fast-import', '--quiet', '--date-format=now'], {
    cwd: repo.dir,
    input: stream,
    env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
  });
}

/** A disco cooperative with `files` in its genesis on main, and a pull request committing `edits` on branch pr. */
export async function discoPullRequest(files: Record<string, string>, edits: Record<string, string | null>): Promise<TestRepo> {
  const repo = await discoCooperative(files);
  branch(repo, 'pr', edits);
  return repo;
}
