// A bare repository on disk standing for GitHub's copy of a repository, the `origin` of a test's clone, with the refs/pull/N/head and refs/pull/N/merge refs GitHub makes for a pull request.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestRepo } from './repo.ts';

export interface FakeRemote {
  /** The bare repository's folder: what a clone's `origin` points to. */
  dir: string;
  git(...args: string[]): string;
  /** The commit a ref names on the remote, or undefined when there is no such ref. */
  rev(ref: string): string | undefined;
  remove(): void;
}

/** GitHub's test merge commits are made by GitHub, at a fixed time here so that their ids are the same in every run. */
const MERGER = {
  GIT_AUTHOR_NAME: 'GitHub',
  GIT_AUTHOR_EMAIL: 'noreply@github.com',
  GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z',
  GIT_COMMITTER_NAME: 'GitHub',
  GIT_COMMITTER_EMAIL: 'noreply@github.com',
  GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z',
};
const gitEnv = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', ...MERGER };

function gitIn(dir: string, args: string[]): string {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: gitEnv, stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/** A new bare repository, in `dir` if given (which must not exist or be empty), else in a new temporary folder; its HEAD is main. */
export function createRemote(dir?: string): FakeRemote {
  const where = dir ?? mkdtempSync(join(tmpdir(), 'coop-remote-'));
  execFileSync('git', ['init', '-q', '--bare', '--template=', '-b', 'main', where], { env: gitEnv });
  const git = (...args: string[]) => gitIn(where, args);
  return {
    dir: where,
    git,
    rev(ref) {
      try {
        return git('rev-parse', '--verify', '--quiet', `${ref}^{commit}`);
      } catch {
        return undefined;
      }
    },
    remove: () => rmSync(where, { recursive: true, force: true }),
  };
}

/** Makes `remote` the `origin` of a test repository (repo.ts), as a clone of it would have. */
export function setOrigin(repo: TestRepo, remote: FakeRemote): void {
  gitIn(repo.dir, ['remote', 'add', 'origin', remote.dir]);
}

/**
 * Pushes `commit` (a ref or id in `from`, the branch itself by default) to `branch` on the remote,
 * forced, as a push to GitHub does when its author rewrites it. Returns the commit the branch is at.
 */
export function pushBranch(remote: FakeRemote, from: TestRepo | string, branch: string, commit: string = branch): string {
  const dir = typeof from === 'string' ? from : from.dir;
  gitIn(dir, ['push', '-q', '--force', remote.dir, `${commit}^{commit}:refs/heads/${branch}`]);
  const pushed = remote.rev(`refs/heads/${branch}`);
  if (pushed === undefined) throw new Error(`git push left no ${branch} on the remote`);
  return pushed;
}

/**
 * Sets pull request `number`'s refs as GitHub does: refs/pull/N/head at the head, and refs/pull/N/merge
 * at a merge commit whose first parent is the base branch's tip and second the head, made without a
 * working tree (git merge-tree --write-tree, git ≥ 2.38). When the two conflict GitHub makes no merge
 * commit, and the merge ref goes. `base` is a branch or commit on the remote; `head` a branch or commit
 * on the remote, or in `fork` (a remote or a repository's folder), whose commits GitHub copies into the
 * base repository's refs/pull/N/head.
 */
export function updatePullRefs(
  remote: FakeRemote,
  number: number,
  refs: { base: string; head: string; fork?: FakeRemote | string },
): { headSha: string; mergeSha: string | undefined } {
  const headRef = `refs/pull/${number}/head`;
  const mergeRef = `refs/pull/${number}/merge`;
  if (refs.fork !== undefined) remote.git('fetch', '-q', '--no-tags', typeof refs.fork === 'string' ? refs.fork : refs.fork.dir, `+${refs.head}:${headRef}`);
  let commits: string[];
  try {
    commits = remote.git('rev-parse', `${refs.base}^{commit}`, `${refs.fork !== undefined ? headRef : refs.head}^{commit}`).split('\n');
  } catch {
    throw new Error(`${refs.base} and ${refs.head} are not both commits on the remote`);
  }
  const [baseSha, headSha] = commits as [string, string];
  // A conflict leaves no merge commit (exit status 1); any other failure is git's own.
  let mergeSha: string | undefined;
  try {
    const tree = remote.git('merge-tree', '--write-tree', '--no-messages', baseSha, headSha).split('\n', 1)[0] ?? '';
    mergeSha = remote.git('commit-tree', tree, '-p', baseSha, '-p', headSha, '-m', `Merge ${headSha} into ${baseSha}`);
  } catch (error) {
    if ((error as { status?: number }).status !== 1) throw error;
  }
  execFileSync('git', ['update-ref', '--stdin'], {
    cwd: remote.dir,
    env: gitEnv,
    input: `update ${headRef} ${headSha}\n${mergeSha === undefined ? `delete ${mergeRef}` : `update ${mergeRef} ${mergeSha}`}\n`,
  });
  return { headSha, mergeSha };
}
