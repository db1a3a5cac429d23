// What one contribution entry is worth, the one rule the tally (credit-weighted) and value tracking share: credits given directly win; hours are converted at the stream's rate only when no credits are given.
import type { ContributionEntry, Stream } from '../generated/types.ts';
import { fromNumber, mul, type Ratio } from '../vote/index.ts';

export type Streams = Readonly<Record<string, Stream>>;

type Entry = Pick<ContributionEntry, 'stream' | 'hours' | 'credits'>;

/**
 * The two figures an entry's credits are the product of: its `credits` (× 1) when it gives them,
 * whatever `hours` it also gives (a fixed fee or a word rate, whose hours only say how long it took:
 * adding the two would count the work twice); else its hours × the stream's `credits_per_hour`. Hours
 * in a stream the constitution does not list earn nothing (validation reports them).
 */
function worth(entry: Entry, streams: Streams): readonly [amount: number, rate: number] {
  if (entry.credits !== undefined) return [entry.credits, 1];
  const stream = Object.hasOwn(streams, entry.stream) ? streams[entry.stream] : undefined;
  return entry.hours === undefined || stream === undefined ? [0, 0] : [entry.hours, stream.credits_per_hour];
}

/** The credits an entry earns (see `worth`), as a number: value tracking sums these and rounds to cents. */
export function entryCredits(entry: Entry, streams: Streams): number {
  const [amount, rate] = worth(entry, streams);
  return amount * rate;
}

/** The same credits as an exact fraction of the decimals written (0.1 h at 3 an hour is 3/10): the tally's weights. */
export function entryCreditsExact(entry: Entry, streams: Streams): Ratio {
  const [amount, rate] = worth(entry, streams);
  return mul(fromNumber(amount), fromNumber(rate));
}

/**
 * The hours an entry counts for, for pledges made in hours: the hours given, or, for an entry given
 * in credits alone, its credits at the stream's rate (none when the rate is 0).
 */
export function entryHours(entry: Entry, streams: Streams): number {
  if (entry.hours !== undefined) return entry.hours;
  const stream = Object.hasOwn(streams, entry.stream) ? streams[entry.stream] : undefined;
  return entry.credits === undefined || stream === undefined || stream.credits_per_hour <= 0 ? 0 : entry.credits / stream.credits_per_hour;
}

/** Rounds to cents (or hundredths of an hour), so sums of binary fractions print as people wrote them. */
export function round2(n: number): number {
  // `+ 0` turns -0 (a tiny negative rounded) into 0.
  return Math.round((n + Number.EPSILON) * 100) / 100 + 0;
}
