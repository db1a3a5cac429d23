// What one contribution entry is worth: credits given directly win; hours are converted at the stream's rate only when no credits are given.
import type { ContributionEntry, Stream } from '../generated/types.ts';

export type Streams = Readonly<Record<string, Stream>>;

/**
 * The credits an entry earns. An entry that gives `credits` is worth exactly those (a fixed fee, a
 * word rate), whatever `hours` it also gives: the hours then only say how long it took. An entry
 * with hours alone earns hours × the stream's `credits_per_hour`. A stream the constitution does not
 * list earns nothing (validation reports it).
 */
export function entryCredits(entry: Pick<ContributionEntry, 'stream' | 'hours' | 'credits'>, streams: Streams): number {
  if (entry.credits !== undefined) return entry.credits;
  const stream = Object.hasOwn(streams, entry.stream) ? streams[entry.stream] : undefined;
  return entry.hours === undefined || stream === undefined ? 0 : entry.hours * stream.credits_per_hour;
}

/**
 * The hours an entry counts for, for pledges made in hours: the hours given, or, for an entry given
 * in credits alone, its credits at the stream's rate (none when the rate is 0).
 */
export function entryHours(entry: Pick<ContributionEntry, 'stream' | 'hours' | 'credits'>, streams: Streams): number {
  if (entry.hours !== undefined) return entry.hours;
  const stream = Object.hasOwn(streams, entry.stream) ? streams[entry.stream] : undefined;
  return entry.credits === undefined || stream === undefined || stream.credits_per_hour <= 0 ? 0 : entry.credits / stream.credits_per_hour;
}

/** Rounds to cents (or hundredths of an hour), so sums of binary fractions print as people wrote them. */
export function round2(n: number): number {
  // `+ 0` turns -0 (a tiny negative rounded) into 0.
  return Math.round((n + Number.EPSILON) * 100) / 100 + 0;
}
