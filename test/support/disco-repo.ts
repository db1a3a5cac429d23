// Real git repositories holding a cooperative that `coop init --preset disco` scaffolded, and branches on it, for the commands that judge pull requests.
import { expect, onTestFinished } from 'vitest';
import { runCoop } from './io.ts';
import { makeRepo, type TestRepo } from './repo.ts';

/**
 * `coop init --preset disco` (founder ana, Ana Costa, forge login AnaCosta, since 2026-01-05) with
 * `files` beside it, committed on main as the genesis. The repository is removed when the test ends.
 */
export async function discoCooperative(files: Record<string, string> = {}): Promise<TestRepo> {
  const repo = makeRepo();
  onTestFinished(() => repo.remove());
  const init = await runCoop(['init', repo.dir, '--preset', 'disco', '--handle', 'ana', '--name', 'Ana Costa', '--github', 'AnaCosta', '--since', '2026-01-05']);
  expect(init.code).toBe(0);
  repo.write(files);
  repo.commit('genesis');
  return repo;
}

/** Commits `files` (null removes one) on a new branch `name` from `from`, and goes back to main. */
export function branch(repo: TestRepo, name: string, files: Record<string, string | null>, from = 'main'): void {
  repo.git('checkout', '-q', '-b', name, from);
  repo.write(files);
  repo.commit(`${name}'s change`);
  repo.git('checkout', '-q', 'main');
}

/** A disco cooperative with `files` in its genesis on main, and a pull request committing `edits` on branch pr. */
export async function discoPullRequest(files: Record<string, string>, edits: Record<string, string | null>): Promise<TestRepo> {
  const repo = await discoCooperative(files);
  branch(repo, 'pr', edits);
  return repo;
}
