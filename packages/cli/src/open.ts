// Opens the state a command reads: the working tree of --repo, or a git ref read from the object store.
import { resolve } from 'node:path';
import { gitSource, isCoopError, mergeBase, openRepository, resolveCommit, workingTreeSource, type Repository, type Source } from '@cooperage/core';
import { inCommand } from './errors.ts';
import type { IO } from './io.ts';

/** A source for --repo DIR, at --ref REF when given. */
export async function openSource(io: IO, repo: string, ref: string | undefined, command?: string): Promise<Source> {
  const dir = resolve(io.cwd, repo);
  if (ref === undefined) return workingTreeSource(dir, `the working tree at ${repo}`);
  // The folder must exist even when reading a ref: --repo names the project inside the repository.
  workingTreeSource(dir);
  let repository: Repository;
  try {
    repository = openRepository(dir);
  } catch (error) {
    throw inCommand(error, { flag: 'ref' });
  }
  const commit = command === undefined ? await resolveCommit(repository, ref) : await commitOf(command, repository, 'ref', ref);
  return gitSource(repository, commit, `${ref} (${commit.slice(0, 7)})`);
}

/**
 * The git repository holding `dir`, for a command that reads commits. Outside a repository the error
 * says which command needed one and why, and how to go on (errors.ts).
 */
export function openGit(command: string, dir: string): Repository {
  try {
    return openRepository(dir);
  } catch (error) {
    throw isCoopError(error, 'git.not-a-repository') ? inCommand(error, { command }) : error;
  }
}

/** The commit a revision given to `--flag` names; an unknown one is an error that names the flag. */
export async function commitOf(command: string, repository: Repository, flag: string, ref: string): Promise<string> {
  try {
    return await resolveCommit(repository, ref);
  } catch (error) {
    throw inCommand(error, { command, flag });
  }
}

/** The sources of a pull request for coop check and coop tally. */
export interface PullRequestSources {
  base: Source;
  head: Source;
  /** Where the head left the base, when the head does not already hold the base. */
  ancestor?: Source;
  /** The merge base's commit id; undefined when base and head share no history. */
  mergeBase?: string;
  /** The base's commit: --base, or HEAD under the working tree (undefined before the first commit). */
  baseCommit?: string;
  headCommit: string;
  concurrency: { base: number; head: number };
}

/**
 * Opens --base (else the working tree of --repo, whose HEAD is the target's commit) and --head, and
 * finds where the head left the base. A head that already holds the base (a branch up to date with
 * it, or a forge's test merge) is itself the merged state; otherwise the merge base is opened too.
 */
export async function openPullRequest(command: string, io: IO, repo: string, baseRef: string | undefined, headRef: string): Promise<PullRequestSources> {
  const dir = resolve(io.cwd, repo);
  const tree = workingTreeSource(dir, `the working tree at ${repo}`);
  const repository = openGit(command, dir);
  const headCommit = await commitOf(command, repository, 'head', headRef);
  const head = await gitSource(repository, headCommit, `${headRef} (${headCommit.slice(0, 7)})`);
  let base = tree;
  let baseCommit: string | undefined;
  if (baseRef !== undefined) {
    baseCommit = await commitOf(command, repository, 'base', baseRef);
    base = await gitSource(repository, baseCommit, `${baseRef} (${baseCommit.slice(0, 7)})`);
  } else {
    baseCommit = await resolveCommit(repository, 'HEAD').catch(() => undefined);
  }
  const concurrency = { base: baseRef === undefined ? 1 : 16, head: 16 };
  const found = baseCommit === undefined ? undefined : await mergeBase(repository, baseCommit, headCommit);
  const sources: PullRequestSources = {
    base,
    head,
    headCommit,
    concurrency,
    ...(baseCommit !== undefined ? { baseCommit } : {}),
    ...(found !== undefined ? { mergeBase: found } : {}),
  };
  // A committed base the head already holds needs no merge: the head is what merging it gives.
  if (found === undefined || (baseRef !== undefined && found === baseCommit)) return sources;
  return { ...sources, ancestor: await gitSource(repository, found, `${found.slice(0, 7)}`) };
}

/** A sentence on where the head left the base, when that is not simply the base's own commit. */
export function mergeNote(pr: PullRequestSources): string | undefined {
  const head = pr.head.label;
  if (pr.baseCommit === undefined) return undefined;
  if (pr.mergeBase === undefined) return `${head} shares no history with the base: it is judged as the whole state it proposes.`;
  if (pr.mergeBase === pr.headCommit && pr.mergeBase !== pr.baseCommit) return `Every commit of ${head} is already in the base: merging it changes nothing.`;
  if (pr.mergeBase === pr.baseCommit) return undefined;
  return `${head} left the base at ${pr.mergeBase.slice(0, 7)}; what the base gained since is not the pull request's. It is judged by what merging it into the base would change.`;
}
