// What the gate and the record action ask of git in the checkout: the pull request's test merge fetched as objects (never checked out), when governed paths last changed, what a push landed, and the branch's new tip.
import { execFile } from 'node:child_process';

export type MergeRef =
  /** The test merge of the pull request's latest head into its base. */
  | { kind: 'merge'; sha: string }
  /** There is no test merge: the pull request does not merge cleanly. */
  | { kind: 'conflict' }
  /** The test merge is of an earlier head: the forge has not made the new one yet. */
  | { kind: 'stale' };

export interface Git {
  fetchMerge(dir: string, number: number, headSha: string): Promise<MergeRef>;
  /** When `commit`'s first-parent history last changed any of the paths (git pathspecs, globs allowed), as ISO 8601 UTC. */
  lastChange(dir: string, commit: string, paths: readonly string[]): Promise<string | undefined>;
  /**
   * The commits a push brought to a branch: the first-parent history of `after` back to `before`, oldest
   * first, each with its first parent. Without `before` (a new branch), or with a `before` that is not in
   * the history (a forced push), `after` alone.
   */
  landed(dir: string, before: string | undefined, after: string): Promise<{ sha: string; parent: string | undefined }[]>;
  /** The files a commit changed against its first parent. */
  changedFiles(dir: string, sha: string): Promise<string[]>;
  /** Fetches `branch` from the remote, as objects, to refs/remotes/origin/BRANCH; returns its tip. */
  fetchBranch(dir: string, branch: string): Promise<string>;
}

export interface GitOptions {
  /** The remote the pull request refs are fetched from (default origin). */
  remote?: string;
  /** How many times a stale test merge is fetched again before the gate says it waits (default 3). */
  attempts?: number;
  /** The wait before each new attempt, in milliseconds (default 2000). */
  waitMs?: number;
}

/** The git command line, as on a runner. Pull request content is fetched as objects only: nothing of it is checked out or run. */
export function gitCommand(options: GitOptions = {}): Git {
  const remote = options.remote ?? 'origin';
  const attempts = options.attempts ?? 3;
  const waitMs = options.waitMs ?? 2000;
  return {
    async fetchMerge(dir, number, headSha) {
      const local = `refs/cooperage/pull/${number}/merge`;
      for (let attempt = 1; ; attempt++) {
        const fetched = await git(dir, ['fetch', '--no-tags', '--quiet', '--no-write-fetch-head', remote, `+refs/pull/${number}/merge:${local}`]);
        if (!fetched.ok) {
          if (/couldn't find remote ref|no such ref|not our ref/i.test(fetched.stderr)) return { kind: 'conflict' };
          throw new Error(`git fetch of pull request #${number}'s test merge failed: ${fetched.stderr.trim()}`);
        }
        const parents = await git(dir, ['rev-list', '--parents', '-n', '1', local]);
        const [sha, , second] = parents.stdout.trim().split(' ');
        if (sha !== undefined && second === headSha) return { kind: 'merge', sha };
        if (attempt >= attempts) return { kind: 'stale' };
        await new Promise((resolve) => setTimeout(resolve, waitMs));
      }
    },
    async lastChange(dir, commit, paths) {
      const specs = paths.map((p) => (/[*?[]/.test(p) ? `:(glob)${p}` : p));
      const result = await git(dir, ['log', '-1', '--first-parent', '--format=%ct', commit, '--', ...specs]);
      if (!result.ok) throw new Error(`git log failed: ${result.stderr.trim()}`);
      const seconds = Number.parseInt(result.stdout.trim(), 10);
      return Number.isNaN(seconds) ? undefined : new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
    },
    async landed(dir, before, after) {
      const range = before === undefined ? undefined : await git(dir, ['rev-list', '--first-parent', '--parents', '--reverse', after, `^${before}`]);
      const listed = range?.ok ? range : await git(dir, ['rev-list', '--parents', '-n', '1', after]);
      if (!listed.ok) throw new Error(`git rev-list of ${after} failed: ${listed.stderr.trim()}`);
      return listed.stdout
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => {
          const [sha = '', parent] = line.split(' ');
          return { sha, parent };
        });
    },
    async changedFiles(dir, sha) {
      const result = await git(dir, ['diff-tree', '--no-commit-id', '--name-only', '-r', '-m', '--first-parent', '--root', sha]);
      if (!result.ok) throw new Error(`git diff-tree of ${sha} failed: ${result.stderr.trim()}`);
      return result.stdout.split('\n').filter((line) => line !== '');
    },
    async fetchBranch(dir, branch) {
      const local = `refs/remotes/${remote}/${branch}`;
      const fetched = await git(dir, ['fetch', '--no-tags', '--quiet', '--no-write-fetch-head', remote, `+refs/heads/${branch}:${local}`]);
      if (!fetched.ok) throw new Error(`git fetch of ${branch} failed: ${fetched.stderr.trim()}`);
      const tip = await git(dir, ['rev-parse', '--verify', `${local}^{commit}`]);
      if (!tip.ok) throw new Error(`git rev-parse of ${local} failed: ${tip.stderr.trim()}`);
      return tip.stdout.trim();
    },
  };
}

function git(cwd: string, args: string[]): Promise<{ ok: boolean; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('git', args, { cwd, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } }, (error, stdout, stderr) => {
      resolve({ ok: error === null, stdout, stderr });
    });
  });
}
