// A DisCO monthly distribution: the pool split between streams, daters' paid work at their stage's rate, pro rata when short.
import type { SplitShare } from '../generated/types.ts';
import { valueOf, type State } from '../common/index.ts';
import { round2 } from './credits.ts';
import type { Ledger } from './ledger.ts';
import { paidFor, type Paid } from './payouts.ts';

/** What one person is paid for one stream's credits of the month. */
export interface PaymentLine {
  member: string;
  stream: string;
  /** The person's credits in the stream that month. */
  credits: number;
  /** The share of the full rate this work is paid at: the dating stage's rate for daters' paid work, else 1. */
  rate: number;
  /** The dating stage the rate comes from. */
  stage?: number;
  /** Already paid for these credits by decided payouts of the same month. */
  earlier: number;
  /** What this distribution owes the line: credits × rate, less what was paid earlier. */
  due: number;
  /** What this distribution pays. */
  paid: number;
  /** The month's credits still owed ("invested") after this distribution. */
  owed: number;
  /** The index of the split share that pays the stream; undefined when no share does. */
  share?: number;
}

/** One share of the split: what it was allotted, what was due to its streams and what it paid. */
export interface ShareLine {
  streams: string[];
  share: number;
  allotted: number;
  due: number;
  paid: number;
  /** Its due was more than it could pay, even with what other shares left over. */
  short: boolean;
}

export interface Distribution {
  month: string;
  pool: number;
  currency?: string;
  shares: ShareLine[];
  payments: PaymentLine[];
  due: number;
  paid: number;
  /** The part of the pool the split gives to no stream (its shares add up to less than 1). */
  kept: number;
  /** What stays in the pool: kept, plus what no credit was due for. */
  left: number;
  /** Every line was paid all it was due. */
  covered: boolean;
  /** Things a person deciding on this distribution should know. */
  notes: string[];
}

/** The split when the constitution gives none: 75% to paid streams, the rest to the others (DisCO). */
export function defaultSplit(streams: Readonly<Record<string, { paid?: boolean }>>): SplitShare[] {
  const ids = Object.keys(streams);
  const paid = ids.filter((id) => streams[id]!.paid === true);
  const unpaid = ids.filter((id) => streams[id]!.paid !== true);
  if (paid.length === 0 || unpaid.length === 0) return ids.length === 0 ? [] : [{ streams: ids, share: 1 }];
  return [
    { streams: paid, share: 0.75 },
    { streams: unpaid, share: 0.25 },
  ];
}

/**
 * Distributes `pool` (in the constitution's currency) to the credits of `month`.
 *
 * Each line is due its credits times its rate, less what decided payouts of the same month already
 * paid (so a second payout for a month tops up the first). Each share of the split is allotted its
 * part of the pool and pays its streams' dues; when they are more than its part, it pays each pro
 * rata. What a share does not need then goes, in split order, to shares still short. Amounts are in
 * cents, and pro-rata cents are handed out by largest remainder, so the payments add up exactly.
 */
export function distribute(state: State, ledger: Ledger, paid: Paid, month: string, pool: number): Distribution {
  const value = valueOf(state);
  const streams = value?.streams ?? {};
  const split = value?.split ?? defaultSplit(streams);
  const shareOf = new Map<string, number>();
  split.forEach((part, i) => part.streams.forEach((s) => (shareOf.has(s) ? undefined : shareOf.set(s, i))));
  const notes: string[] = [];

  const lines: (PaymentLine & { dueCents: number; paidCents: number })[] = [];
  for (const handle of [...ledger.cells.keys()].sort()) {
    const cells = ledger.cells.get(handle)?.get(month);
    if (cells === undefined) continue;
    const rate = rateOf(state, handle, month, notes);
    for (const stream of ledger.streams) {
      const credits = cells.get(stream)?.credits ?? 0;
      const earlier = paidFor(paid, handle, month, stream);
      if (credits === 0 && earlier === 0) continue;
      const lineRate = streams[stream]?.paid === true ? rate.rate : 1;
      const share = shareOf.get(stream);
      const dueCents = share === undefined ? 0 : Math.max(0, cents(credits * lineRate) - cents(earlier));
      lines.push({
        member: handle,
        stream,
        credits: round2(credits),
        rate: lineRate,
        ...(lineRate !== 1 && rate.stage !== undefined ? { stage: rate.stage } : {}),
        earlier: round2(earlier),
        due: dueCents / 100,
        paid: 0,
        owed: 0,
        ...(share === undefined ? {} : { share }),
        dueCents,
        paidCents: 0,
      });
    }
  }
  const unpaidStreams = ledger.streams.filter((s) => !shareOf.has(s) && lines.some((l) => l.stream === s));
  if (unpaidStreams.length > 0) notes.push(`No share of the split pays ${unpaidStreams.join(', ')}: those credits stay owed.`);

  const poolCents = cents(pool);
  // Shares in millionths, so the allotments add up exactly; shares over 1 in all (invalid) share the whole pool.
  const weights = split.map((part) => BigInt(Math.round(part.share * 1e6)));
  const weight = weights.reduce((s, w) => s + w, 0n);
  const allottedTotal = weight >= 1_000_000n ? poolCents : Number((BigInt(poolCents) * weight) / 1_000_000n);
  const allotted = largestRemainder(weights, weight, allottedTotal);
  const members = split.map((_, i) => lines.filter((l) => l.share === i));

  // First round: each share pays its own streams from its allotment.
  members.forEach((group, i) => pay(group, allotted[i]!));
  // Then what shares did not need goes to those still short, in split order.
  let spare = allotted.reduce((sum, a, i) => sum + a - members[i]!.reduce((s, l) => s + l.paidCents, 0), 0);
  for (const group of members) {
    if (spare <= 0) break;
    const before = group.reduce((s, l) => s + l.paidCents, 0);
    pay(group, spare);
    spare -= group.reduce((s, l) => s + l.paidCents, 0) - before;
  }

  const shares: ShareLine[] = split.map((part, i) => {
    const group = members[i]!;
    const due = group.reduce((s, l) => s + l.dueCents, 0);
    const paidCents = group.reduce((s, l) => s + l.paidCents, 0);
    return { streams: [...part.streams], share: part.share, allotted: allotted[i]! / 100, due: due / 100, paid: paidCents / 100, short: paidCents < due };
  });
  const payments: PaymentLine[] = lines.map(({ dueCents: _d, paidCents, ...line }) => ({
    ...line,
    paid: paidCents / 100,
    owed: (cents(line.credits) - cents(line.earlier) - paidCents) / 100 + 0,
  }));
  const dueCents = lines.reduce((s, l) => s + l.dueCents, 0);
  const paidCents = lines.reduce((s, l) => s + l.paidCents, 0);
  const currency = value?.currency;
  return {
    month,
    pool: poolCents / 100,
    ...(currency ? { currency } : {}),
    shares,
    payments,
    due: dueCents / 100,
    paid: paidCents / 100,
    kept: (poolCents - allottedTotal) / 100,
    left: (poolCents - paidCents) / 100,
    covered: paidCents === dueCents,
    notes,
  };
}

/** The rate a person's paid work is paid at in a month: their dating stage's, for tiers with stages. */
function rateOf(state: State, handle: string, month: string, notes: string[]): { rate: number; stage?: number } {
  const member = state.members.get(handle)?.value;
  const tier = state.constitution?.value.tiers.find((t) => t.id === member?.tier);
  if (member === undefined || tier?.stages === undefined || member.dating === undefined) return { rate: 1 };
  const { stage, since } = member.dating;
  const rates = valueOf(state)?.dating_rates ?? {};
  const rate = Object.hasOwn(rates, String(stage)) ? rates[String(stage)]! : 1;
  if (since.slice(0, 7) > month) {
    notes.push(
      `${handle} entered dating stage ${stage} on ${since}, after ${month}; the member file says only the stage they are in now, so stage ${stage}'s rate (${rate}) is used. Check it.`,
    );
  }
  return { rate, stage };
}

function cents(amount: number): number {
  return Math.round((amount + Number.EPSILON) * 100);
}

/**
 * Pays a group of lines from a budget of cents: everything still due when it suffices, else each
 * line pro rata to what it is still due.
 */
function pay(group: { dueCents: number; paidCents: number }[], budget: number): void {
  const open = group.map((l) => l.dueCents - l.paidCents);
  const total = open.reduce((s, n) => s + n, 0);
  if (total === 0 || budget <= 0) return;
  const amounts = total <= budget ? open : largestRemainder(open.map(BigInt), BigInt(total), budget);
  group.forEach((line, i) => {
    line.paidCents += amounts[i]!;
  });
}

/**
 * Splits `amount` whole units in proportion to `weights` (summing to `sum`): each gets the floor of
 * its part, and the units left over go to the largest remainders, the earlier on a tie.
 */
function largestRemainder(weights: bigint[], sum: bigint, amount: number): number[] {
  if (sum === 0n) return weights.map(() => 0);
  const total = BigInt(amount);
  const parts = weights.map((w, i) => ({ i, floor: (w * total) / sum, rest: (w * total) % sum }));
  let left = amount - parts.reduce((s, p) => s + Number(p.floor), 0);
  const out = parts.map((p) => Number(p.floor));
  for (const p of [...parts].sort((a, b) => (a.rest === b.rest ? a.i - b.i : a.rest > b.rest ? -1 : 1))) {
    if (left <= 0) break;
    out[p.i]! += 1;
    left -= 1;
  }
  return out;
}
