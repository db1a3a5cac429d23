// What coop tally and coop record share: the times and the votes file of their flags, and the decision on a pull request they both take.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkPullRequest, historicalCredits, instantProblem, parseInstant, decideCheck, type CheckResult, type Decision, type Vote } from '@cooperage/core';
import { UsageError } from './args.ts';
import type { IO } from './io.ts';
import { openPullRequest, type PullRequestSources } from './open.ts';
import { readVotes } from './votes.ts';

/** A moment on the command line: a date and time with Z or an offset (never a local time, never a day alone), in UTC. */
export function instantFlag(command: string, flag: string, value: string): string {
  const read = parseInstant(value.trim());
  if (!read.ok) throw new UsageError(`coop ${command}: --${flag} "${value}" ${instantProblem(value.trim(), read.reason)}.`);
  return read.iso;
}

/** The votes of the file --votes names, relative to the folder the command runs in. */
export function votesFile(command: string, io: IO, file: string): Vote[] {
  let text: string;
  try {
    text = readFileSync(resolve(io.cwd, file), 'utf8');
  } catch {
    throw new UsageError(`coop ${command}: ${file}: cannot be read. Pass the votes as a JSON file with --votes FILE.`);
  }
  return readVotes(file, text, command);
}

export interface DecideInput {
  repo: string;
  /** The base revision; without it, the working tree of repo. */
  base: string | undefined;
  head: string;
  author: string;
  votes: readonly Vote[];
  opened: string;
  changed?: string;
  now: string;
}

/** A pull request opened, checked as coop check does, and its votes tallied under every rule it needs. */
export async function decidePullRequest(
  command: string,
  io: IO,
  input: DecideInput,
): Promise<{ pr: PullRequestSources; check: CheckResult; decision: Decision }> {
  const pr = await openPullRequest(command, io, input.repo, input.base, input.head);
  const check = await checkPullRequest({
    base: pr.base,
    head: pr.head,
    ...(pr.ancestor ? { ancestor: pr.ancestor } : {}),
    author: input.author,
    concurrency: pr.concurrency,
  });
  const decision = decideCheck(check, {
    votes: input.votes,
    opened: input.opened,
    ...(input.changed === undefined ? {} : { changed: input.changed }),
    now: input.now,
    credits: historicalCredits(check.states.base),
  });
  return { pr, check, decision };
}
