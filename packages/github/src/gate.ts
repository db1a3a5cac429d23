// The gate: for each pull request an event concerns, judges it from the base's rules and roll and its votes, and writes the status and the one comment.
import { createHash } from 'node:crypto';
import {
  CoopError,
  decideCheck,
  GOVERNANCE,
  gitSource,
  governedGlobs,
  historicalCredits,
  openRepository,
  parseYaml,
  resolveCommit,
  type CheckResult,
  type Constitution,
  type ErrorCode,
  type ParseCache,
  type Repository,
} from '@cooperage/core';
import { cannotJudge, decidesAt, explain, MARKER, nothing, readMemory, waiting, type Explained, type GateMemory } from './comment.ts';
import type { Forge, PullRequest, Status } from './forge.ts';
import type { Git } from './git.ts';
import { checkCommits, nothingToDecide } from './judge.ts';
import { commentSentence } from './words.ts';

/** The status that gates the merge. */
export const CONTEXT = 'cooperage/decision';

/** What started the gate, in the gate's words. */
export type GateEvent =
  | { kind: 'pull-request'; number: number }
  | { kind: 'comment'; number: number }
  /** The review relay finished: the pull requests whose head is this commit. */
  | { kind: 'relay'; headSha: string }
  /** Every open pull request, re-judged only where something can have changed. */
  | { kind: 'sweep' };

export interface GateOptions {
  forge: Forge;
  git: Git;
  /** The project's folder in the checkout of the default branch. */
  dir: string;
  /** The default branch's name: the base of the pull requests judged. */
  baseRef: string;
  now: () => Date;
  log?: (line: string) => void;
}

/** A run's options, with the parses its checks share. */
interface Run extends GateOptions {
  cache: ParseCache;
}

export interface Judged {
  number: number;
  /** What was done: judged (status and comment written or already so), skipped by the sweep, or closed. */
  action: 'judged' | 'unchanged' | 'skipped' | 'closed';
  state?: Status['state'];
  description?: string;
  comment?: string;
}

export interface GateResult {
  judged: Judged[];
  requests: number;
}

export async function runGate(options: GateOptions, event: GateEvent): Promise<GateResult> {
  const { forge } = options;
  const log = options.log ?? (() => {});
  const repository = openRepository(options.dir);
  const base = await resolveCommit(repository, 'HEAD');
  const judged: Judged[] = [];
  let pulls: PullRequest[];
  switch (event.kind) {
    case 'pull-request':
    case 'comment':
      pulls = [await forge.pullRequest(event.number)];
      break;
    case 'relay':
      pulls = await forge.pullRequestsWithHead(event.headSha, options.baseRef);
      if (pulls.length === 0) log(`No open pull request into ${options.baseRef} has the head ${event.headSha.slice(0, 7)}: nothing to judge.`);
      break;
    case 'sweep':
      pulls = await forge.openPullRequests(options.baseRef);
      break;
  }
  const lastBaseChange = event.kind === 'sweep' ? await baseChangedAt(options, repository, base) : undefined;
  // One parse of each file for the whole run: every pull request is judged against the same base.
  const cache: ParseCache = new Map();
  for (const pr of pulls) {
    if (pr.state !== 'open') {
      judged.push({ number: pr.number, action: 'closed' });
      continue;
    }
    if (pr.baseRef !== options.baseRef) {
      log(`#${pr.number} merges into ${pr.baseRef}, not ${options.baseRef}: the gate judges pull requests into the default branch only.`);
      judged.push({ number: pr.number, action: 'skipped' });
      continue;
    }
    const current = await forge.status(pr.headSha, CONTEXT);
    if (event.kind === 'sweep' && !mayHaveChanged(pr, current, lastBaseChange, options.now())) {
      judged.push({ number: pr.number, action: 'skipped', state: current!.state, description: current!.description });
      continue;
    }
    judged.push(await judge({ ...options, cache }, base, pr, current));
    log(`#${pr.number}: ${judged[judged.length - 1]!.description ?? ''}`);
  }
  return { judged, requests: forge.requests };
}

/**
 * Whether the sweep must judge a pull request again: it has no status on its head yet; something
 * happened on it since (GitHub moves `updated_at` on a push, a review, a comment); its status says time
 * decides it and that time has come; or the base's governance changed after its status was set.
 */
function mayHaveChanged(pr: PullRequest, status: Status | undefined, lastBaseChange: string | undefined, now: Date): boolean {
  if (status === undefined || status.updatedAt === undefined) return true;
  if (pr.updatedAt > status.updatedAt) return true;
  if (lastBaseChange !== undefined && lastBaseChange > status.updatedAt) return true;
  if (status.state !== 'pending') return false;
  const due = decidesAt(status.description);
  return due !== undefined && Date.parse(due) <= now.getTime();
}

/** When the base last changed its governance state or a governed path (its committer's time). */
async function baseChangedAt(options: GateOptions, repository: Repository, base: string): Promise<string | undefined> {
  // The governed paths are the constitution's policy's `paths`; only the constitution is read for them.
  const source = await gitSource(repository, base, base.slice(0, 7));
  const read = await source.read(`${GOVERNANCE}/constitution.yaml`);
  let globs: string[] = [];
  if (read.ok) {
    const parsed = parseYaml(`${GOVERNANCE}/constitution.yaml`, new TextDecoder().decode(read.bytes));
    const policy = parsed.ok ? (parsed.value as { policy?: unknown } | null)?.policy : undefined;
    if (Array.isArray(policy))
      globs = governedGlobs({ policy: policy.filter((e): e is { paths?: string[] } => typeof e === 'object' && e !== null) } as Constitution);
  }
  return options.git.lastChange(options.dir, base, [GOVERNANCE, ...globs.filter((g) => typeof g === 'string')]);
}

async function judge(options: Run, base: string, pr: PullRequest, current: Status | undefined): Promise<Judged> {
  const { forge } = options;
  const now = iso(options.now());
  const existing = await forge.findComment(pr.number, MARKER);
  const memory = readMemory(existing?.body);
  let explained: Explained;
  if (pr.draft) {
    explained = waiting('A draft is not open for votes: mark it ready for review to start the decision.', memory);
  } else {
    const merge = await options.git.fetchMerge(options.dir, pr.number, pr.headSha);
    if (merge.kind === 'conflict') {
      explained = waiting(
        `It does not merge cleanly into ${options.baseRef}, so there is nothing to judge yet: GitHub has no test merge of it. Merge ${options.baseRef} into the branch (or rebase it) and resolve the conflicts.`,
        memory,
        `It does not merge cleanly into ${options.baseRef}: merge ${options.baseRef} into the branch (or rebase it) and resolve the conflicts.`,
      );
    } else if (merge.kind === 'stale') {
      explained = waiting(
        `GitHub has not yet made the test merge of the latest push (${pr.headSha.slice(0, 7)}); the gate judges it on the next event or sweep.`,
        memory,
      );
    } else {
      // Opened after the fetch: a repository reads git's object folders once and remembers them, so one
      // opened before would not see the objects the fetch brought (a sweep fetches one test merge after another).
      explained = await decide(options, openRepository(options.dir), base, merge.sha, pr, memory, now);
    }
  }
  // The comment first: the status links to it. A pull request that has not yet been judged on its
  // changes (a draft, a conflict) or has nothing to decide gets no new comment: most pull requests
  // change code alone, and a comment on each would be noise. One it already has is kept up to date.
  const write = existing !== undefined || explained.comment === 'always';
  const commentChanged = write && (existing === undefined || existing.body !== explained.body);
  const comment = write ? await forge.writeComment(pr.number, explained.body, existing) : undefined;
  const status: Status = { ...explained.status, ...(comment !== undefined ? { targetUrl: comment.url } : {}) };
  const same = current !== undefined && current.state === status.state && current.description === status.description && current.targetUrl === status.targetUrl;
  if (!same) await forge.setStatus(pr.headSha, CONTEXT, status);
  return {
    number: pr.number,
    action: same && !commentChanged ? 'unchanged' : 'judged',
    state: status.state,
    description: status.description,
    ...(comment !== undefined ? { comment: comment.url } : {}),
  };
}

async function decide(options: Run, repository: Repository, base: string, head: string, pr: PullRequest, memory: GateMemory, now: string): Promise<Explained> {
  let check: CheckResult;
  let mergeBase: string | undefined;
  try {
    ({ check, mergeBase } = await checkCommits(repository, base, head, pr.author, options.cache));
  } catch (error) {
    if (error instanceof CoopError) return cannotJudge(commentSentence(error as CoopError<ErrorCode>, options.baseRef), memory);
    throw error;
  }
  if (nothingToDecide(check)) return nothing(memory);
  const [read, opened] = await Promise.all([options.forge.votes(pr), options.forge.openedAt(pr)]);
  // When the gate first saw this set of changes: votes before it are from before the change, for reset_on_change.
  const digest = await changeDigest(check, repository, head);
  const first = Object.keys(memory.seen).length === 0;
  const seen = memory.seen[digest] ?? (first ? opened : now);
  const remembered: GateMemory = { seen: { ...memory.seen, [digest]: seen } };
  const decision = decideCheck(check, { votes: read.votes, opened, changed: seen, now, credits: historicalCredits(check.states.base) });
  const note =
    mergeBase !== undefined && mergeBase !== base && mergeBase !== head
      ? `It left ${options.baseRef} at \`${mergeBase.slice(0, 7)}\`: it is judged by what it changed since then, merged into ${options.baseRef} as it is now.`
      : undefined;
  return explain({ pr, check, decision, setAside: read.setAside, memory: remembered, baseRef: options.baseRef, ...(note ? { note } : {}) });
}

/**
 * A digest of what a pull request changes in the governance state and governed paths, and how: each
 * change with the text its file has at the head (a governed path's bytes, read from the test merge,
 * since the check reads only governance files).
 */
export async function changeDigest(check: CheckResult, repository: Repository, head: string): Promise<string> {
  const hash = createHash('sha256');
  const paths = check.changes.some((c) => c.kind === 'path.change') ? await gitSource(repository, head, head.slice(0, 7)) : undefined;
  for (const c of check.changes) {
    hash.update(`${c.kind}\0${c.file}\0${c.subject ?? ''}\0`);
    if (c.kind === 'path.change' && paths !== undefined) {
      const read = await paths.read(c.file);
      hash.update(read.ok ? read.bytes : `(${read.reason})`);
    } else {
      hash.update(check.texts.get(c.file) ?? '');
    }
    hash.update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

function iso(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
