// Reads the votes file of coop tally: a JSON array of {voter, vote, at}, every mistake named by file and entry.
import { choices, isRealInstant, type Vote } from '@cooperage/core';
import { UsageError } from './args.ts';

const EXAMPLE = '[{"voter": "AnaCosta", "vote": "yes", "at": "2026-11-20T10:00:00Z"}]';
/** A moment with its zone: a time without one would mean something else on every machine. */
const INSTANT = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$/;

/** The votes of a file's text. Entries are counted from 1; other fields (source, url, reason) are kept out. */
export function readVotes(file: string, text: string): Vote[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file}: not JSON (${(error as Error).message}). Give the votes as a JSON array, such as ${EXAMPLE}.`);
  }
  if (!Array.isArray(data)) throw new UsageError(`${file}: must be a JSON array of votes, such as ${EXAMPLE}.`);
  return data.map((entry: unknown, i): Vote => {
    const at = `${file}: entry ${i + 1}:`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw new UsageError(`${at} must be an object {voter, vote, at}, such as ${EXAMPLE.slice(1, -1)}.`);
    const { voter, vote, at: time } = entry as Record<string, unknown>;
    if (typeof voter !== 'string' || voter.trim() === '') throw new UsageError(`${at} "voter" must be the voter's forge login, a non-empty string.`);
    if (typeof vote !== 'string' || !(choices as readonly string[]).includes(vote)) {
      throw new UsageError(`${at} "vote" must be yes, no, abstain or block${vote === undefined ? ', and is missing' : `, not ${JSON.stringify(vote)}`}.`);
    }
    if (typeof time !== 'string' || !INSTANT.test(time) || !isRealInstant(time) || Number.isNaN(Date.parse(time))) {
      throw new UsageError(`${at} "at" must be an ISO 8601 time with Z or an offset, such as 2026-11-20T10:00:00Z${time === undefined ? ', and is missing' : `, not ${JSON.stringify(time)}`}.`);
    }
    return { voter: voter.trim(), vote: vote as Vote['vote'], at: time };
  });
}
