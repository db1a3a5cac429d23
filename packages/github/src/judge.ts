// Checks a pull request from two commits of a local repository, as coop check does: the base's rules, and the changes merging the head brings.
import { checkPullRequest, gitSource, mergeBase, type CheckResult, type ParseCache, type Repository } from '@cooperage/core';

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

/** Whether a pull request changes nothing the constitution governs: no governance state, no governed path, and a valid state. */
export function nothingToDecide(check: CheckResult): boolean {
  return check.changes.length === 0 && check.errors.length === 0;
}
