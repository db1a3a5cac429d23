// The gate's case: the tally action's bundle as a process on one pull_request_target event over the large state, against the loopback fake GitHub served from the bench's process.
//
// GitHub's side is played here: the pull requests' refs/pull/N/head and refs/pull/N/merge are
// written into the large state with git plumbing (objects and refs only: its working tree, index, HEAD
// and status, by which the bench decides to reuse it, stay as they are), and the gate's `origin` is
// the state itself, given to its git through the environment (GIT_CONFIG_COUNT), so the state's
// configuration is not touched either. The fake GitHub (test/support/fake-github.ts) answers the
// measured process from this one while the bench awaits it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeGitHub, type FakeGitHub } from '../test/support/fake-github.ts';
import { pullRequestTargetPayload } from '../test/support/webhook-payloads.ts';
import type { BenchCase, BenchContext } from './cases.ts';
import { benchPullRequest } from './pull-request.ts';

export const GATE_BUNDLE = 'actions/tally/dist/index.js';
/** The status the gate writes. */
export const CONTEXT = 'cooperage/decision';
/** The hidden marker of the gate's comment (packages/github/src/comment.ts). */
export const MARKER = '<!-- cooperage:decision -->';
/** The pull requests are opened the day after the state's commit (2026-11-01) and judged a week later, as the tally case is. */
export const OPENED = '2026-11-02T00:00:00Z';
export const NOW = '2026-11-09T00:00:00Z';
/** The pull requests GitHub holds refs for: #1 is the bench's branch itself, the others its tree on commits of their own. */
export const PULLS = 100;
const REPO = 'bench/large';
const ONE_EVENT = 'gate, one event (3 files changed)';

export interface BenchPull {
  number: number;
  /** The head commit (refs/pull/N/head). */
  head: string;
  /** GitHub's test merge (refs/pull/N/merge): first parent the base's HEAD, second the head, the head's tree. */
  merge: string;
}

export interface GatePulls {
  base: string;
  author: string;
  title: string;
  pulls: BenchPull[];
}

/** A commit object's text, as commit-tree writes it, at a fixed time so that its id is the same in every run. */
function commitText(tree: string, parents: string[], who: string, message: string): string {
  const at = `${Date.parse(OPENED) / 1000} +0000`;
  return `tree ${tree}\n${parents.map((p) => `parent ${p}\n`).join('')}author ${who} ${at}\ncommitter ${who} ${at}\n\n${message}\n`;
}

/** Writes commit objects in one git process and returns their ids, in order. */
function writeCommits(dir: string, texts: string[]): string[] {
  const tmp = mkdtempSync(join(tmpdir(), 'coop-bench-commits-'));
  try {
    const files = texts.map((text, i) => {
      const file = join(tmp, String(i));
      writeFileSync(file, text);
      return file;
    });
    const ids = git(dir, ['hash-object', '-t', 'commit', '-w', '--stdin-paths'], files.join('\n')).split('\n');
    if (ids.length !== texts.length) throw new Error(`git hash-object wrote ${ids.length} commits, expected ${texts.length}`);
    return ids;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function git(dir: string, args: string[], input?: string): string {
  return execFileSync('git', args, {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
    maxBuffer: 16 * 1024 * 1024,
    ...(input !== undefined ? { input } : {}),
  }).trim();
}

const made = new Map<string, GatePulls>();
/**
 * The refs GitHub would hold for PULLS open pull requests of the large state, written once per run of
 * the bench: #1's head is the bench's branch, each other's a commit of the same tree with a message of
 * its own; each has a test merge as GitHub makes one. The commits are loose objects; no ref the other
 * cases read moves.
 */
export function gatePulls(ctx: BenchContext): GatePulls {
  let pulls = made.get(ctx.large);
  if (pulls !== undefined) return pulls;
  const pr = benchPullRequest(ctx.large);
  const base = git(ctx.large, ['rev-parse', 'HEAD']);
  const tree = git(ctx.large, ['rev-parse', `${pr.commit}^{tree}`]);
  const title = git(ctx.large, ['log', '-1', '--format=%s', pr.commit]);
  const who = git(ctx.large, ['log', '-1', '--format=%an <%ae>', pr.commit]);
  const others = writeCommits(
    ctx.large,
    Array.from({ length: PULLS - 1 }, (_, i) => commitText(tree, [base], who, `${title} (pull request #${i + 2})`)),
  );
  const heads = [pr.commit, ...others];
  const merges = writeCommits(
    ctx.large,
    heads.map((head) => commitText(tree, [base, head], 'GitHub <noreply@github.com>', `Merge ${head} into ${base}`)),
  );
  const list = heads.map((head, i) => ({ number: i + 1, head, merge: merges[i] ?? '' }));
  git(
    ctx.large,
    ['update-ref', '--stdin'],
    list.map((p) => `update refs/pull/${p.number}/head ${p.head}\nupdate refs/pull/${p.number}/merge ${p.merge}\n`).join(''),
  );
  pulls = { base, author: pr.author, title, pulls: list };
  made.set(ctx.large, pulls);
  return pulls;
}

/** Where a gate's run reads its event and writes its outputs and summary, under bench/.work/gate. */
export interface GateFiles {
  event: string;
  output: string;
  summary: string;
}

export function gateFiles(ctx: BenchContext, name: string): GateFiles {
  const dir = join(ctx.root, 'bench', '.work', 'gate');
  mkdirSync(dir, { recursive: true });
  const files = { event: join(dir, `${name}.event.json`), output: join(dir, `${name}.output`), summary: join(dir, `${name}.summary.md`) };
  writeFileSync(files.output, '');
  writeFileSync(files.summary, '');
  return files;
}

/** The environment of a workflow run of the gate (as test/support/gate-harness.ts gives it), on the large state as the checkout. */
export function gateEnv(ctx: BenchContext, fake: FakeGitHub, repository: string, eventName: string, files: GateFiles): Record<string, string> {
  return {
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
    // `origin`: where the test merges are fetched from.
    GIT_CONFIG_COUNT: '1',
    GIT_CONFIG_KEY_0: 'remote.origin.url',
    GIT_CONFIG_VALUE_0: ctx.large,
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: eventName,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_REPOSITORY: repository,
    GITHUB_API_URL: fake.url,
    GITHUB_WORKSPACE: ctx.large,
    GITHUB_REF_NAME: 'main',
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    INPUT_TOKEN: 'ghs_bench',
    INPUT_REPO: '.',
    COOPERAGE_NOW: NOW,
    // GitHub's one-second spacing of writes and its wait for a test merge are time on GitHub's side, not the gate's work.
    COOPERAGE_WRITE_INTERVAL_MS: '0',
    COOPERAGE_MERGE_WAIT_MS: '0',
  };
}

/** Every value of each output the action set, one per run, in the order of the runs (@actions/core writes name<<DELIMITER, the value, DELIMITER). */
export function readOutputs(file: string): Record<string, string[]> {
  const outputs: Record<string, string[]> = {};
  const lines = readFileSync(file, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^([^<]+)<<(.+)$/.exec(lines[i] ?? '');
    if (open === null) continue;
    const [, name = '', delimiter] = open;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i] ?? '');
    (outputs[name] ??= []).push(value.join('\n'));
  }
  return outputs;
}

/** GitHub's pages hold 100 items at most; an empty list is one page still. */
export const pages = (items: number) => Math.max(1, Math.ceil(items / 100));

interface OneEvent {
  fake: FakeGitHub;
  head: string;
  files: GateFiles;
  env: Record<string, string>;
  reviews: number;
}
let oneEvent: OneEvent | undefined;
const prepared = (): OneEvent => {
  if (oneEvent === undefined) throw new Error(`${ONE_EVENT}: not prepared`);
  return oneEvent;
};

/** The requests each run made (the action's `requests` output), what they are allowed, and what is wrong. */
function requestsOf(): { runs: number[]; bound: number; problems: string[] } {
  const { fake, head, files, reviews } = prepared();
  const outputs = readOutputs(files.output);
  const runs = (outputs.requests ?? []).map(Number);
  // One event: the pull request, its head's combined status, and its issue events, one request each
  // (the events are one page here); its reviews and its comments, a request per page (the comments,
  // read once, hold both the `/vote` comments and the gate's own); and at most two writes, the comment
  // and the status, when they differ from what is there.
  const comments = fake.comments(REPO, 1).length;
  const bound = 3 + pages(reviews) + pages(comments) + 2;
  const problems: string[] = [];
  if (runs.length === 0) problems.push(`the action set no requests output in ${files.output}`);
  const over = runs.filter((n) => !(n <= bound));
  if (over.length > 0) problems.push(`the gate made ${over.join(', ')} requests in an event, over the ${bound} allowed`);
  const seen = fake.count({ path: new RegExp(`^/repos/${REPO}/`) });
  const counted = runs.reduce((a, b) => a + b, 0);
  if (seen !== counted) problems.push(`the fake answered ${seen} requests, the action counted ${counted}`);
  const states = outputs.state ?? [];
  if (states.some((s) => s !== 'success')) problems.push(`the action's state outputs were ${states.join(', ')}, expected success`);
  const status = fake.statuses(REPO, head).filter((s) => s.context === CONTEXT);
  const last = status[status.length - 1];
  if (last === undefined) problems.push(`no ${CONTEXT} status on ${head.slice(0, 7)}`);
  else if (last.state !== 'success') problems.push(`the ${CONTEXT} status is ${last.state}: ${last.description ?? ''}`);
  return { runs, bound, problems };
}

export const gateCases: BenchCase[] = [
  {
    name: ONE_EVENT,
    run: (ctx) => ['node', join(ctx.root, GATE_BUNDLE)],
    floor: 'isomorphic-git',
    baseline: 'coop check --base HEAD (3 files changed)',
    target: { label: '≤ 1.5× coop check --base', seconds: (_, check) => 1.5 * (check ?? NaN), peakRssMb: 400 },
    unavailable: (ctx) => (existsSync(join(ctx.root, GATE_BUNDLE)) ? undefined : `${GATE_BUNDLE} is missing: run npm run bundle`),
    async prepare(ctx) {
      const { base, author, title, pulls } = gatePulls(ctx);
      const pr = pulls[0];
      if (pr === undefined) throw new Error('no pull request to judge');
      const fake = await startFakeGitHub({ clock: () => NOW });
      fake.repo(REPO, { defaultBranch: 'main' });
      const branch = benchPullRequest(ctx.large).branch;
      fake.openPullRequest(REPO, { number: 1, title, author, head: { sha: pr.head, ref: branch }, base: { ref: 'main', sha: base }, createdAt: OPENED });
      // A review and a comment that are not votes: the pages the gate reads hold something, and the decision stays as it is.
      fake.addReview(REPO, 1, { user: 'bench-reviewer', state: 'COMMENTED', body: 'Looks right to me.', submittedAt: '2026-11-03T00:00:00Z' });
      fake.addComment(REPO, 1, { user: 'bench-neighbour', body: 'Thanks for keeping the care work going.', createdAt: '2026-11-03T00:00:00Z' });
      const files = gateFiles(ctx, 'one-event');
      const payload = pullRequestTargetPayload('opened', {
        repository: { fullName: REPO, defaultBranch: 'main' },
        pullRequest: { number: 1, title, author, head: { sha: pr.head, ref: branch }, base: { sha: base } },
        origins: { api: fake.url, web: fake.webOrigin },
      });
      writeFileSync(files.event, JSON.stringify(payload));
      oneEvent = { fake, head: pr.head, files, env: gateEnv(ctx, fake, REPO, 'pull_request_target', files), reviews: 1 };
    },
    env: () => prepared().env,
    check: () => requestsOf().problems[0],
    details() {
      const { runs, bound } = requestsOf();
      const [first, ...rest] = runs;
      const again = [...new Set(rest)].join(' or ') || '–';
      const line =
        `requests to GitHub per event: ${first ?? '?'} in the first (the comment and the status written), ${again} in each of the ${rest.length} after it ` +
        `(both kept); at most ${bound} allowed (the pull request, its status, its events, a page of reviews, a page of comments, two writes)`;
      return { line, figures: { requests: runs, requestsAllowed: bound } };
    },
  },
];
