// A collective on the offline fake GitHub, and the gate's and the record action's bundles run as GitHub runs them: a process with the workflow's environment, on a checkout of the default branch.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, onTestFinished } from 'vitest';
import { branch } from './disco-repo.ts';
import { startFakeGitHub, type FakeGitHub, type Json, type MergeResult, type MergeSpec } from './fake-github.ts';
import { createRemote, pushBranch, setOrigin, updatePullRefs, type FakeRemote } from './fake-remote.ts';
import { runCoop } from './io.ts';
import { GitHubForge, MARKER, gitCommand, runGate, type GateEvent, type GateResult } from '../../packages/github/src/index.ts';
import { copyOf, makeRepo, type TestRepo } from './repo.ts';
import { FOUNDERS, node, REPO, runnerEnv } from './runner.ts';
import {
  issueCommentPayload,
  pullRequestTargetPayload,
  pushPayload,
  schedulePayload,
  workflowDispatchPayload,
  workflowRunPayload,
} from './webhook-payloads.ts';

export { FOUNDERS, node, REPO } from './runner.ts';
export const GATE = join(import.meta.dirname, '../../actions/tally/dist/index.js');
export const CHECK = join(import.meta.dirname, '../../actions/check/dist/index.js');
export const RECORD = join(import.meta.dirname, '../../actions/record/dist/index.js');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

export interface Opened {
  number: number;
  headSha: string;
  mergeSha: string | undefined;
}

export interface Collective {
  fake: FakeGitHub;
  remote: FakeRemote;
  /** A member's clone, where branches are made. */
  work: TestRepo;
  /** The runner's checkout of the default branch, as actions/checkout leaves it (the whole history). */
  checkout: TestRepo;
  /** Commits `files` (null removes one) on a new branch from `from` (main) and pushes it. */
  push(name: string, files: Record<string, string | null>, from?: string): string;
  /** Opens a pull request of a pushed branch into main, with its refs as GitHub makes them. */
  open(name: string, options: { author: string; title?: string; draft?: boolean; createdAt?: string; number?: number }): Opened;
  /** Moves a pull request to a new push of its branch: new head, new test merge. */
  update(number: number, name: string, at?: string): Opened;
  /** Commits `files` on main (as a merge of another pull request would), at `at` (the real clock by default), and pushes it. */
  land(files: Record<string, string | null>, at?: string): string;
  /** Runs the gate's bundle on an event, at `now`, as a process. */
  gate(event: GateEventSpec, now: string, env?: Record<string, string>): Promise<Run>;
  /**
   * Runs the gate in this process, through the code the bundle runs (runGate on GitHubForge and git
   * against the fake), without the second or so a process costs: for scenarios whose point is the
   * decision, not the process. The event is already the gate's (gateEvent, tested on its own, maps
   * workflow events to it).
   */
  judge(event: GateEvent, now: string): Promise<GateResult>;
  /** The commit at the head of a pull request, as GitHub has it now. */
  headSha(number: number): string;
  /** The latest cooperage/decision status on a pull request's head, as the API serves it. */
  status(number: number): Json | undefined;
  /** Every cooperage/decision status on a pull request's head, oldest first. */
  statuses(number: number): Json[];
  /** The gate's comments on a pull request (there should be one at most). */
  gateComments(number: number): string[];
  /** Merges pull request `number` as GitHub's merge button does (merge, squash or rebase), at `at`: the push it makes to main. */
  merge(number: number, method: MergeSpec['method'], at: string): MergeResult;
  /** Runs the record action's bundle for a push to main from `before` to `after`, as a process, on a checkout of `after`. */
  record(push: { before: string; after: string }, now: string, env?: Record<string, string>): Promise<Run>;
}

export type GateEventSpec =
  | { event: 'pull_request_target'; number: number; action?: 'opened' | 'synchronize' | 'ready_for_review' }
  | { event: 'issue_comment'; number: number; body?: string; user?: string }
  | { event: 'workflow_run'; headSha: string }
  | { event: 'schedule' }
  | { event: 'workflow_dispatch'; number?: number }
  /** Any event name with the payload given as is. */
  | { event: 'other'; name: string; payload: unknown };

/** A member file, as coop init writes one; a dater starts at stage 1. */
export function memberFile(name: string, tier: string, github: string, since = '2026-11-01'): string {
  const dating = tier === 'dater' ? `dating:\n  stage: 1\n  since: ${since}\n` : '';
  return `name: ${name}\ntier: ${tier}\nsince: ${since}\n${dating}github: ${github}\n`;
}

/**
 * A disco collective founded by ana, bob and carol, on a fake GitHub and a bare remote, with the
 * runner's checkout of main. `files` go in the genesis too. Everything is removed when the test ends.
 */
export async function collective(files: Record<string, string> = {}): Promise<Collective> {
  const work = await copyOf(`gate-collective-${JSON.stringify(files)}`, async (template) => {
    const founders = FOUNDERS.flatMap(([handle, name, login]) => ['--founder', `${handle}, ${name}, ${login}`]);
    const init = await runCoop(['init', template.dir, '--preset', 'disco', ...founders, '--since', '2026-01-05']);
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    template.write(files);
    template.commit('genesis', { date: '2026-01-05T09:00:00Z' });
  });
  const remote = createRemote();
  setOrigin(work, remote);
  pushBranch(remote, work, 'main');
  // The runner's checkout: refreshed from the remote before every run (gate below).
  const checkout = makeRepo();
  setOrigin(checkout, remote);
  let clock = '2026-12-01T09:00:00Z';
  // The workflow's token, and a GitHub App's (cooperage-garden[bot]) that a test may put on the ruleset's bypass list.
  const fake = await startFakeGitHub({ clock: () => clock, tokens: { ghs_test: 'github-actions[bot]', ghs_app: 'cooperage-garden[bot]' } });
  fake.repo(REPO, { defaultBranch: 'main', git: remote.dir });
  // The governed branch's ruleset: every commit on it through the API needs the gate's success.
  fake.protect(REPO, 'main', { requiredStatus: 'cooperage/decision' });
  for (const [, , login] of FOUNDERS) fake.addUser(login);
  onTestFinished(async () => {
    await fake.close();
    work.remove();
    checkout.remove();
    remote.remove();
  });

  const branches = new Map<number, string>();
  const opened = (number: number, name: string): Opened => {
    const { headSha, mergeSha } = updatePullRefs(remote, number, { base: 'main', head: name });
    return { number, headSha, mergeSha };
  };
  const dir = mkdtempSync(join(tmpdir(), 'coop-gate-run-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  let runs = 0;
  /** A fresh checkout of the default branch, as every run of actions/checkout makes. */
  // A checkout already at the remote's main is what a new one would be: two git processes saved a run.
  // (A test that moves the checkout itself, as the check action's does, runs no gate after.)
  let checkedOut: string | undefined;
  const refresh = () => {
    let tip: string | undefined;
    try {
      tip = readFileSync(join(remote.dir, 'refs/heads/main'), 'utf8').trim();
    } catch {
      tip = undefined; // packed: fetch as usual
    }
    if (tip !== undefined && tip === checkedOut) return;
    checkout.git('fetch', '-q', 'origin');
    checkout.git('checkout', '-q', '-B', 'main', 'origin/main');
    checkedOut = tip;
  };

  const self: Collective = {
    fake,
    remote,
    work,
    checkout,
    push(name, changes, from = 'main') {
      branch(work, name, changes, from);
      return pushBranch(remote, work, name);
    },
    open(name, options) {
      const number = options.number ?? branches.size + 1;
      branches.set(number, name);
      const refs = opened(number, name);
      fake.addUser(options.author);
      fake.openPullRequest(REPO, {
        number,
        title: options.title ?? `${name}`,
        author: options.author,
        head: { sha: refs.headSha, ref: name },
        base: { ref: 'main', sha: remote.rev('refs/heads/main')! },
        ...(options.draft !== undefined ? { draft: options.draft } : {}),
        createdAt: options.createdAt ?? '2026-12-01T09:00:00Z',
      });
      return refs;
    },
    update(number, name, at) {
      const refs = opened(number, name);
      fake.setPullRequest(REPO, number, { headSha: refs.headSha, ...(at !== undefined ? { at } : {}) });
      return refs;
    },
    land(changes, at) {
      work.git('checkout', '-q', 'main');
      work.git('pull', '-q', '--ff-only', 'origin', 'main');
      work.write(changes);
      const sha = work.commit('landed on main', at !== undefined ? { date: at } : {});
      pushBranch(remote, work, 'main');
      return sha;
    },
    async gate(spec, now, env = {}) {
      clock = now;
      refresh();
      runs++;
      const eventPath = join(dir, `event-${runs}.json`);
      const outputPath = join(dir, `output-${runs}`);
      const summaryPath = join(dir, `summary-${runs}`);
      writeFileSync(eventPath, JSON.stringify(payloadOf(spec, fake)));
      writeFileSync(outputPath, '');
      writeFileSync(summaryPath, '');
      const run = await node(GATE, {
        ...runnerEnv(now),
        GITHUB_EVENT_NAME: spec.event === 'other' ? spec.name : spec.event,
        GITHUB_EVENT_PATH: eventPath,
        GITHUB_API_URL: fake.url,
        GITHUB_WORKSPACE: checkout.dir,
        GITHUB_OUTPUT: outputPath,
        GITHUB_STEP_SUMMARY: summaryPath,
        INPUT_TOKEN: 'ghs_test',
        ...env,
      });
      return { ...run, outputs: readOutputs(readFileSync(outputPath, 'utf8')), summary: readFileSync(summaryPath, 'utf8') };
    },
    headSha(number) {
      return (fake.pullRequest(REPO, number).head as { sha: string }).sha;
    },
    async judge(event, now) {
      clock = now;
      refresh();
      const forge = new GitHubForge({ repository: REPO, token: 'ghs_test', apiUrl: fake.url, marker: MARKER, retryUnitMs: 5, writeIntervalMs: 0 });
      return runGate({ forge, git: gitCommand({ waitMs: 0 }), dir: checkout.dir, baseRef: 'main', now: () => new Date(now) }, event);
    },
    statuses(number) {
      return fake.statuses(REPO, self.headSha(number)).filter((s) => s.context === 'cooperage/decision');
    },
    status(number) {
      return self.statuses(number).at(-1);
    },
    merge(number, method, at) {
      clock = at;
      return fake.merge(REPO, number, { method, at });
    },
    async record(push, now, env = {}) {
      clock = now;
      refresh();
      // actions/checkout of a push: the pushed commit, detached, with the whole history.
      checkout.git('checkout', '-q', '--detach', push.after);
      checkedOut = undefined;
      runs++;
      const eventPath = join(dir, `event-${runs}.json`);
      const outputPath = join(dir, `output-${runs}`);
      const summaryPath = join(dir, `summary-${runs}`);
      writeFileSync(
        eventPath,
        JSON.stringify(pushPayload({ repository: { fullName: REPO, defaultBranch: 'main' }, ref: 'refs/heads/main', pusher: 'AnaCosta', ...push })),
      );
      writeFileSync(outputPath, '');
      writeFileSync(summaryPath, '');
      const run = await node(RECORD, {
        ...runnerEnv(now),
        GITHUB_EVENT_NAME: 'push',
        GITHUB_EVENT_PATH: eventPath,
        GITHUB_API_URL: fake.url,
        GITHUB_WORKSPACE: checkout.dir,
        GITHUB_OUTPUT: outputPath,
        GITHUB_STEP_SUMMARY: summaryPath,
        'INPUT_GITHUB-TOKEN': 'ghs_test',
        INPUT_TOKEN: '',
        ...env,
      });
      return { ...run, outputs: readOutputs(readFileSync(outputPath, 'utf8')), summary: readFileSync(summaryPath, 'utf8') };
    },
    gateComments(number) {
      return fake
        .comments(REPO, number)
        .map((c) => String(c.body ?? ''))
        .filter((b) => b.includes('<!-- cooperage:decision -->'));
    },
  };
  return self;
}

function payloadOf(spec: GateEventSpec, fake: FakeGitHub): unknown {
  const repository = { fullName: REPO, defaultBranch: 'main' };
  switch (spec.event) {
    case 'pull_request_target': {
      const pr = fake.pullRequest(REPO, spec.number) as {
        number: number;
        title: string;
        user: { login: string };
        head: { sha: string; ref: string };
        base: { sha: string };
      };
      return pullRequestTargetPayload(spec.action ?? 'opened', {
        repository,
        pullRequest: { number: pr.number, title: pr.title, author: pr.user.login, head: { sha: pr.head.sha, ref: pr.head.ref }, base: { sha: pr.base.sha } },
      });
    }
    case 'issue_comment': {
      const pr = fake.pullRequest(REPO, spec.number) as { user: { login: string } };
      return issueCommentPayload({
        repository,
        pullRequest: { number: spec.number, author: pr.user.login },
        comment: { body: spec.body ?? '/vote yes', user: spec.user ?? 'AnaCosta' },
      });
    }
    case 'workflow_run':
      return workflowRunPayload({ repository, headSha: spec.headSha, headBranch: 'fork-branch', name: 'Cooperage review relay', event: 'pull_request_review' });
    case 'schedule':
      return { ...schedulePayload(), repository: { full_name: REPO, default_branch: 'main' } };
    case 'workflow_dispatch':
      return workflowDispatchPayload({ repository, inputs: { pull_request: spec.number === undefined ? '' : String(spec.number) } });
    case 'other':
      return spec.payload;
  }
}

function readOutputs(text: string): Record<string, string> {
  // @actions/core writes name<<DELIMITER, the value's lines, DELIMITER.
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^([^<]+)<<(.+)$/.exec(lines[i]!);
    if (open === null) continue;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== open[2]; i++) value.push(lines[i]!);
    outputs[open[1]!] = value.join('\n');
  }
  return outputs;
}
