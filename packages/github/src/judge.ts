// Judges a pull request from two commits of a local repository, as coop tally does: the base's rules and roll, the changes merging the head brings, the votes.
import {
  checkPullRequest,
  gitSource,
  historicalCredits,
  mergeBase,
  decideCheck,
  type CheckResult,
  type Decision,
  type ParseCache,
  type Repository,
  type Vote,
} from '@cooperage/core';

export interface JudgeInput {
  repository: Repository;
  /** The base commit: the default branch as checked out. */
  base: string;
  /** The head commit: the pull request's test merge, or its head when there is none. */
  head: string;
  author: string;
  votes: readonly Vote[];
  opened: string;
  changed?: string;
  now: string;
}

export interface Judgement {
  check: CheckResult;
  decision: Decision;
  /** Where the head left the base, when the head does not hold the base itself. */
  mergeBase?: string;
}

/**
 * The check of a pull request alone: what it changes and whether its state is valid, before any vote
 * is read. A cache shared by the checks of one run parses each file once: a sweep judges many pull
 * requests against the same base, whose files are read once and whose heads share most of them.
 */
export async function checkCommits(
  repository: Repository,
  base: string,
  head: string,
  author: string,
  cache?: ParseCache,
): Promise<{ check: CheckResult; mergeBase?: string }> {
  const baseSource = await gitSource(repository, base, `the base (${base.slice(0, 7)})`);
  const headSource = await gitSource(repository, head, `the pull request (${head.slice(0, 7)})`);
  const found = await mergeBase(repository, base, head);
  // A test merge holds the base: it is itself the merged state. Otherwise the merge is made here.
  const ancestor = found === undefined || found === base ? undefined : await gitSource(repository, found, found.slice(0, 7));
  const check = await checkPullRequest({
    base: baseSource,
    head: headSource,
    ...(ancestor ? { ancestor } : {}),
    author,
    concurrency: { base: 16, head: 16 },
    ...(cache !== undefined ? { cache } : {}),
  });
  return { check, ...(found !== undefined ? { mergeBase: found } : {}) };
}

/** The decision on a checked pull request, given its votes and times. */
export function decideChecked(check: CheckResult, input: Pick<JudgeInput, 'votes' | 'opened' | 'changed' | 'now'>): Decision {
  return decideCheck(check, {
    votes: input.votes,
    opened: input.opened,
    ...(input.changed !== undefined ? { changed: input.changed } : {}),
    now: input.now,
    credits: historicalCredits(check.states.base),
  });
}

/** Whether a pull request changes nothing the constitution governs: no governance state, no governed path, and a valid state. */
export function nothingToDecide(check: CheckResult): boolean {
  return check.changes.length === 0 && check.errors.length === 0;
}
