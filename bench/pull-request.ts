// Makes the pull request the coop check cases judge: a branch of the large state that changes three governance files.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface BenchPullRequest {
  /** The branch holding the pull request's head; its parent is the state's HEAD. */
  branch: string;
  /** The commit at the branch's tip. */
  commit: string;
  /** The forge login of the person whose three files it changes. */
  author: string;
  /** The governance files it changes. */
  files: string[];
}

const BRANCH = 'bench-pull-request';

const made = new Map<string, BenchPullRequest>();
/** The pull request of the state in `dir`, made the first time a case asks for it in a run of the bench. */
export function benchPullRequest(dir: string): BenchPullRequest {
  let pr = made.get(dir);
  if (pr === undefined) {
    pr = makePullRequest(dir);
    made.set(dir, pr);
  }
  return pr;
}

/**
 * Writes the branch with git plumbing on a temporary index, so the working tree, HEAD and the index
 * stay untouched (the bench reuses the state only while they are). The first contributor of the state
 * steps back to supporter, logs one more piece of work in the last month, and rewrites their
 * commitment statement: three files, each a change the disco policy lets a person make alone.
 */
export function makePullRequest(dir: string): BenchPullRequest {
  const index = mkdtempSync(join(tmpdir(), 'coop-bench-index-'));
  const env = {
    ...process.env,
    GIT_INDEX_FILE: join(index, 'index'),
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'Cooperage Bench',
    GIT_AUTHOR_EMAIL: 'bench@cooperage.invalid',
    GIT_COMMITTER_NAME: 'Cooperage Bench',
    GIT_COMMITTER_EMAIL: 'bench@cooperage.invalid',
    GIT_AUTHOR_DATE: '2026-11-02T00:00:00Z',
    GIT_COMMITTER_DATE: '2026-11-02T00:00:00Z',
  };
  const git = (args: string[], input?: string) =>
    execFileSync('git', args, { cwd: dir, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...(input !== undefined ? { input } : {}) }).trim();
  try {
    const show = (path: string) => git(['show', `HEAD:${path}`]) + '\n';
    const members = git(['ls-tree', '--name-only', 'HEAD', 'governance/members/']).split('\n');
    const file = members.find((path) => /^tier: contributor$/m.test(show(path)));
    if (file === undefined) throw new Error('the large state has no contributor to make the pull request with');
    const handle = file.slice('governance/members/'.length, -'.yaml'.length);
    const member = show(file);
    const author = /^github: (.+)$/m.exec(member)?.[1] ?? handle;
    const months = git(['ls-tree', '--name-only', 'HEAD', 'governance/contributions/']).split('\n').sort();
    const month = months[months.length - 1]!.slice('governance/contributions/'.length);
    const contributions = `governance/contributions/${month}/${handle}.yaml`;
    const commitment = `governance/commitments/${handle}.yaml`;
    const edits: Record<string, string> = {
      [file]: member.replace('tier: contributor', 'tier: supporter'),
      [contributions]: `${show(contributions)}  - date: ${month}-28\n    stream: care\n    hours: 1.5\n    what: Bench pull request, one more entry\n`,
      [commitment]: show(commitment).replace(/^statement: .*$/m, 'statement: I step back for a while, and keep a little care work going.'),
    };

    git(['read-tree', 'HEAD']);
    for (const [path, text] of Object.entries(edits)) {
      const blob = git(['hash-object', '-w', '--stdin'], text);
      git(['update-index', '--cacheinfo', `100644,${blob},${path}`]);
    }
    const tree = git(['write-tree']);
    const commit = git(['commit-tree', tree, '-p', 'HEAD', '-m', `${handle} steps back, logs work and renews their commitment`]);
    git(['update-ref', `refs/heads/${BRANCH}`, commit]);
    return { branch: BRANCH, commit, author, files: Object.keys(edits).sort() };
  } finally {
    rmSync(index, { recursive: true, force: true });
  }
}
