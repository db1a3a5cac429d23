// The record action's case: its bundle as a process on the push of one merge commit to main, over the large state, against the loopback fake GitHub served from the bench's process.
//
// The merge is the bench's pull request (#1) landed by a merge commit: GitHub's test merge of it
// (gate-cases.ts writes it), whose first parent is the state's HEAD. GitHub's side is the fake linked
// to a bare clone of the state that shares its objects (--shared: alternates, nothing copied), with
// main at the merge and the ruleset of a Cooperage repository on it: the action lands its record commit
// through createCommitOnBranch on a temporary branch, sets its status and fast-forwards main, as it does
// on GitHub. The state's repository is the runner's checkout; the action's `origin` is the bare clone,
// given to its git through the environment, and its one fetch writes refs/remotes/origin/main there
// and nothing else (no case reads it; HEAD, the index and the working tree stay as they are).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeGitHub, type FakeGitHub } from '../test/support/fake-github.ts';
import { pushPayload } from '../test/support/webhook-payloads.ts';
import type { BenchCase, BenchContext } from './cases.ts';
import { CONTEXT, gateEnv, gatePulls, OPENED, readOutputs, type GateFiles } from './gate-cases.ts';
import { benchPullRequest } from './pull-request.ts';

export const RECORD_BUNDLE = 'actions/record/dist/index.js';
const ONE_MERGE = 'record, one merge (3 files changed)';
const REPO = 'bench/large';
const RECORD_FILE = 'governance/decisions/1.yaml';
/** When #1 was merged: the day the gate's case judges it. */
const MERGED = '2026-11-09T00:00:00Z';
/** GitHub's clock for the record commit: fixed, so every run makes the same commit and its fetch brings no new object after the first. */
const RECORDED = '2026-11-09T00:01:00Z';
/** The preload that reports a node process's peak RSS (measure.ts gives it to a command that starts with node; this one starts with sh). */
const PROBE = new URL('./rss-probe.mjs', import.meta.url).href;
/** The workflow's token, as the record workflow gives it (github-token); the fake takes any. */
const TOKEN = 'ghs_bench';
/** Members who approve #1: their reviews are votes, recorded though the pull request's changes need none. */
const APPROVALS = 2;

/** GitHub's repository: a bare clone of the state under bench/.work/record, sharing its objects. */
const remoteOf = (ctx: BenchContext) => join(ctx.root, 'bench', '.work', 'record', 'remote.git');

function git(dir: string, args: string[], input?: string): string {
  return execFileSync('git', args, {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
    maxBuffer: 16 * 1024 * 1024,
    // Its stderr goes with the error it throws, not to the bench's output.
    stdio: ['pipe', 'pipe', 'pipe'],
    ...(input !== undefined ? { input } : {}),
  }).trim();
}

/** The forge logins of `count` active members of the innermost tier (the state's member files, at HEAD), other than `author`. */
function voters(dir: string, author: string, count: number): string[] {
  const lines = git(dir, ['grep', '-e', '^tier: member$', '-e', '^status: active$', '-e', '^github: ', 'HEAD', '--', 'governance/members/']).split('\n');
  const people = new Map<string, { member: boolean; active: boolean; github?: string }>();
  for (const line of lines) {
    const [, file = '', text = ''] = /^HEAD:([^:]+):(.*)$/.exec(line) ?? [];
    const person = people.get(file) ?? { member: false, active: false };
    if (text === 'tier: member') person.member = true;
    else if (text === 'status: active') person.active = true;
    else person.github = text.slice('github: '.length);
    people.set(file, person);
  }
  return [...people.values()].flatMap((p) => (p.member && p.active && p.github !== undefined && p.github !== author ? [p.github] : [])).slice(0, count);
}

interface OneMerge {
  fake: FakeGitHub;
  remote: string;
  before: string;
  after: string;
  files: GateFiles;
  env: Record<string, string>;
}
let oneMerge: OneMerge | undefined;
const prepared = (): OneMerge => {
  if (oneMerge === undefined) throw new Error(`${ONE_MERGE}: not prepared`);
  return oneMerge;
};

/** What each run's outputs say, and what is wrong with them or with main in GitHub's repository. */
function runsOf(): { requests: number[]; problems: string[] } {
  const { fake, remote, files } = prepared();
  const outputs = readOutputs(files.output);
  const requests = (outputs.requests ?? []).map(Number);
  const problems: string[] = [];
  if (requests.length === 0) problems.push(`the action set no requests output in ${files.output}`);
  const recorded = outputs.recorded ?? [];
  if (recorded.length !== requests.length || recorded.some((n) => n !== '1'))
    problems.push(`the action's recorded outputs were ${recorded.join(', ') || 'none'}, expected 1 in each run`);
  const commits = outputs.commit ?? [];
  if (commits.length !== requests.length || commits.some((c) => !/^[0-9a-f]{40}$/.test(c)))
    problems.push(`the action's commit outputs were ${commits.join(', ') || 'none'}, expected the record commit in each run`);
  const violations = outputs.violations ?? [];
  if (violations.some((n) => n !== '0')) problems.push(`the audit found violations: ${violations.join(', ')}`);
  const seen = fake.count();
  const counted = requests.reduce((a, b) => a + b, 0);
  if (seen !== counted) problems.push(`the fake answered ${seen} requests, the action counted ${counted}`);
  let record = '';
  try {
    record = git(remote, ['show', `refs/heads/main:${RECORD_FILE}`]);
  } catch {
    problems.push(`${RECORD_FILE} is not on main in ${remote}`);
  }
  if (record !== '' && !/^outcome: passed$/m.test(record))
    problems.push(`the record on main is not passed: ${/^outcome: .*$/m.exec(record)?.[0] ?? 'no outcome'}`);
  return { requests, problems };
}

/** The requests of the last run, as the fake logged them: method and path, a commit id shown as {sha}. */
function lastRun(fake: FakeGitHub, count: number): string[] {
  return fake.requests
    .slice(fake.requests.length - count)
    .map((r) => `${r.method} ${r.pathname.replace(`/repos/${REPO}`, '').replace(/[0-9a-f]{40}/g, '{sha}')} ${r.status}`);
}

export const recordCases: BenchCase[] = [
  {
    name: ONE_MERGE,
    // Each run starts from the same GitHub: main back at the merge, and no temporary branch left by an
    // earlier run. That reset is one git process piped into another, a few milliseconds of each run.
    // The token input is given again through env(1): dash drops INPUT_GITHUB-TOKEN, not a name it can hold.
    run: (ctx) => [
      'sh',
      '-c',
      '{ git --git-dir="$1" for-each-ref --format="delete %(refname)" refs/heads/cooperage/ && echo "update refs/heads/main $2"; } | git --git-dir="$1" update-ref --stdin && exec env "INPUT_GITHUB-TOKEN=$3" "$4" --import "$5" "$6"',
      'sh',
      remoteOf(ctx),
      gatePulls(ctx).pulls[0]?.merge ?? '',
      TOKEN,
      process.execPath,
      PROBE,
      join(ctx.root, RECORD_BUNDLE),
    ],
    floor: 'isomorphic-git',
    baseline: 'coop check --base HEAD (3 files changed)',
    target: { label: '≤ 2× coop check --base', seconds: (_, check) => 2 * (check ?? NaN), peakRssMb: 400 },
    unavailable: (ctx) => (existsSync(join(ctx.root, RECORD_BUNDLE)) ? undefined : `${RECORD_BUNDLE} is missing: run npm run bundle`),
    async prepare(ctx) {
      const { base, author, title, pulls } = gatePulls(ctx);
      const pr = pulls[0];
      if (pr === undefined) throw new Error('no pull request to record');
      const after = pr.merge;
      const remote = remoteOf(ctx);
      rmSync(join(remote, '..'), { recursive: true, force: true });
      mkdirSync(join(remote, '..'), { recursive: true });
      git(ctx.root, ['clone', '--quiet', '--bare', '--shared', '--no-tags', ctx.large, remote]);
      git(remote, ['symbolic-ref', 'HEAD', 'refs/heads/main']);
      git(remote, ['update-ref', 'refs/heads/main', after]);

      const fake = await startFakeGitHub({ clock: () => RECORDED });
      fake.repo(REPO, { defaultBranch: 'main', git: remote });
      fake.protect(REPO, 'main', { requiredStatus: CONTEXT });
      const branch = benchPullRequest(ctx.large).branch;
      fake.openPullRequest(REPO, { number: 1, title, author, head: { sha: pr.head, ref: branch }, base: { ref: 'main', sha: base }, createdAt: OPENED });
      for (const login of voters(ctx.large, author, APPROVALS))
        fake.addReview(REPO, 1, { user: login, state: 'APPROVED', body: 'Take the time you need.', submittedAt: '2026-11-03T00:00:00Z' });
      fake.setPullRequest(REPO, 1, { state: 'closed', merged: true, mergeCommitSha: after, at: MERGED });

      const dir = join(remote, '..');
      const files: GateFiles = { event: join(dir, 'event.json'), output: join(dir, 'output'), summary: join(dir, 'summary.md') };
      writeFileSync(files.output, '');
      writeFileSync(files.summary, '');
      const payload = pushPayload({
        repository: { fullName: REPO, defaultBranch: 'main' },
        ref: 'refs/heads/main',
        before: base,
        after,
        pusher: author,
        origins: { api: fake.url, web: fake.webOrigin },
      });
      writeFileSync(files.event, JSON.stringify(payload));
      const env = {
        ...gateEnv(ctx, fake, REPO, 'push', files),
        // `origin`: GitHub's repository, which the action fetches main from after landing the record.
        GIT_CONFIG_VALUE_0: remote,
        // The workflow's token (given again in the command, past sh); no bypass token.
        'INPUT_GITHUB-TOKEN': TOKEN,
        INPUT_TOKEN: '',
        COOPERAGE_RETRY_UNIT_MS: '5',
      };
      oneMerge = { fake, remote, before: base, after, files, env };
    },
    env: () => prepared().env,
    check: () => runsOf().problems[0],
    details() {
      const { fake } = prepared();
      const { requests } = runsOf();
      const each = [...new Set(requests)];
      const last = lastRun(fake, requests.at(-1) ?? 0);
      const line =
        `requests to GitHub per run: ${each.join(' or ') || '?'} in each of the ${requests.length} runs (warm-up included): ` +
        `the pull requests of the merge commit, #1's reviews, comments and issue events, main's tip, the temporary branch deleted (none there) and created, ` +
        `the record commit (GraphQL), its status, main fast-forwarded, the temporary branch deleted. The last run's: ${last.join('; ')}`;
      return { line, figures: { requests, lastRun: last } };
    },
  },
];
