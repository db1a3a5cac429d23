// What the gate asks of git in the checkout: the pull request's test merge fetched as objects (never checked out), and when governed paths last changed.
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
  };
}

function git(cwd: string, args: string[]): Promise<{ ok: boolean; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('git', args, { cwd, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } }, (error, stdout, stderr) => {
      resolve({ ok: error === null, stdout, stderr });
    });
  });
}
