// Commitment fulfilment: each quarter's pledges, and the tier's minimum, against the work logged in that quarter.
import type { Amount } from '../generated/types.ts';
import type { State } from '../common/index.ts';
import { daysBetween, quarterBounds, quarterMonths, quarterOf, quartersBetween } from './calendar.ts';
import { round2 } from './credits.ts';
import type { Ledger } from './ledger.ts';

export type Unit = 'credits' | 'hours';

/** One target in one stream: a pledge, or the tier's minimum. */
export interface Target {
  amount: number;
  unit: Unit;
  /** What was logged, in the target's unit. */
  done: number;
  /** How far short of the target it is; 0 when met. */
  short: number;
}

export interface StreamFulfilment {
  stream: string;
  pledged?: Target;
  minimum?: Target;
  /** The pledge is below the tier's minimum (compared in credits, hours at the stream's rate). */
  pledgeBelowMinimum: boolean;
}

/**
 * `met`: every target reached. `short`: the quarter is over and a target was missed. `open`: the
 * quarter is not over and a target is not reached yet.
 */
export type FulfilmentStatus = 'met' | 'short' | 'open';

export interface QuarterFulfilment {
  member: string;
  quarter: string;
  /** The date the pledge was signed; absent when there is no pledge and only the minimum applies. */
  signed?: string;
  streams: StreamFulfilment[];
  status: FulfilmentStatus;
  /** The mean over targets of done / amount, each capped at 1: 1 when everything was met. */
  progress: number;
  /** The share of the quarter gone by at `today`, 1 for a past quarter. */
  elapsed: number;
}

export interface FulfilmentOptions {
  /** First and last day of the period looked at: quarters that overlap it. */
  from: string;
  to: string;
  /** Today, for quarters still under way. */
  today: string;
}

/**
 * Every pledged quarter in the period, and every quarter in which a person's tier has a minimum and
 * they were in it (from their `since`, up to today), pledged or not. A pledge made in credits is
 * measured in credits; one made in hours, in hours. The minimum applies by the tier a person is in
 * now, from the quarter they entered it, and only to quarters that began once work was being logged
 * (the first month of any contribution); people on sabbatical are held only to what they pledged.
 */
export function commitmentFulfilment(state: State, ledger: Ledger, options: FulfilmentOptions): QuarterFulfilment[] {
  const minimums = state.constitution?.value.commitments?.minimum ?? {};
  const quarters = quartersBetween(options.from, options.to);
  // No one is held to a minimum for a quarter that began before anyone logged work: tracking had not begun.
  const tracked = ledger.months[0];
  const out: QuarterFulfilment[] = [];
  for (const [handle, memberDoc] of [...state.members].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const member = memberDoc.value;
    const periods = new Map((state.commitments.get(handle)?.value.periods ?? []).map((p) => [p.quarter, p]));
    const minimum = Object.hasOwn(minimums, member.tier) ? minimums[member.tier]! : undefined;
    for (const quarter of quarters) {
      const period = periods.get(quarter);
      const held =
        minimum !== undefined &&
        member.status !== 'sabbatical' &&
        quarter >= quarterOf(member.since) &&
        quarter <= quarterOf(options.today) &&
        tracked !== undefined &&
        quarterMonths(quarter)[0]! >= tracked;
      if (period === undefined && !held) continue;
      const streams = new Set([...Object.keys(period?.pledge ?? {}), ...(held ? Object.keys(minimum) : [])]);
      const lines: StreamFulfilment[] = [];
      for (const stream of ledger.streams.filter((s) => streams.has(s)).concat([...streams].filter((s) => !ledger.streams.includes(s)))) {
        const done = doneIn(ledger, handle, quarter, stream);
        const pledge = period?.pledge[stream];
        const least = held ? minimum[stream] : undefined;
        const pledged = pledge === undefined ? undefined : target(pledge, done);
        const min = least === undefined ? undefined : target(least, done);
        const rate = ledger.rates[stream]?.credits_per_hour ?? 0;
        const inCredits = (a: Amount) => a.credits ?? (a.hours ?? 0) * rate;
        lines.push({
          stream,
          ...(pledged ? { pledged } : {}),
          ...(min ? { minimum: min } : {}),
          pledgeBelowMinimum: pledge !== undefined && least !== undefined && inCredits(pledge) < inCredits(least),
        });
      }
      const targets = lines.flatMap((l) => [l.pledged, l.minimum].filter((t): t is Target => t !== undefined));
      const { first, last } = quarterBounds(quarter);
      const elapsed = options.today >= last ? 1 : options.today < first ? 0 : (daysBetween(first, options.today) + 1) / (daysBetween(first, last) + 1);
      const missed = targets.some((t) => t.short > 0);
      out.push({
        member: handle,
        quarter,
        ...(period ? { signed: period.signed } : {}),
        streams: lines,
        status: !missed ? 'met' : elapsed >= 1 ? 'short' : 'open',
        progress: targets.length === 0 ? 1 : round2(targets.reduce((s, t) => s + (t.amount === 0 ? 1 : Math.min(1, t.done / t.amount)), 0) / targets.length),
        elapsed: round2(elapsed),
      });
    }
  }
  return out;
}

function doneIn(ledger: Ledger, handle: string, quarter: string, stream: string): { credits: number; hours: number } {
  let credits = 0;
  let hours = 0;
  const byMonth = ledger.cells.get(handle);
  for (const month of quarterMonths(quarter)) {
    const cell = byMonth?.get(month)?.get(stream);
    if (cell === undefined) continue;
    credits += cell.credits;
    hours += cell.hours;
  }
  return { credits, hours };
}

/** A target measured in its own unit: credits when the amount gives credits, else hours. */
function target(amount: Amount, done: { credits: number; hours: number }): Target {
  const unit: Unit = amount.credits !== undefined ? 'credits' : 'hours';
  const goal = amount.credits ?? amount.hours ?? 0;
  const got = round2(unit === 'credits' ? done.credits : done.hours);
  return { amount: goal, unit, done: got, short: round2(Math.max(0, goal - got)) };
}

/**
 * Why a period has no commitment to show, in a sentence for the report: no pledge, and either no
 * tier minimums or nobody they hold yet (work not logged yet, quarters that began before it was,
 * nobody in the tiers, everyone on sabbatical or entered after the period). Undefined when the
 * period has something to show.
 */
export function whyNoCommitments(state: State, ledger: Ledger, options: FulfilmentOptions): string | undefined {
  if (commitmentFulfilment(state, ledger, options).length > 0) return undefined;
  const minimums = Object.entries(state.constitution?.value.commitments?.minimum ?? {}).filter(([, streams]) => Object.keys(streams).length > 0);
  const quarters = quartersBetween(options.from, options.to);
  const future = quarters.every((q) => q > quarterOf(options.today));
  const pledged = `No one has pledged for this period${future ? ' yet' : ''}`;
  if (minimums.length === 0) return `${pledged}, and the constitution sets no tier minimums.`;
  const rule = `The tier minimums (a quarter: ${minimums
    .map(
      ([tier, streams]) =>
        `${Object.entries(streams)
          .map(([stream, a]) => amountText(stream, a))
          .join(' and ')} for a ${tier}`,
    )
    .join(', ')})`;
  const those = minimums.length === 1 ? 'that tier' : 'those tiers';
  const tracked = ledger.months[0];
  if (tracked === undefined) {
    return `${pledged}. ${rule} apply from the first quarter that begins once work is being logged, and no one has logged any yet (\`coop log\` does).`;
  }
  const trackedQuarter = quarterOf(`${tracked}-01`);
  const firstHeld = quarterMonths(trackedQuarter)[0] === tracked ? trackedQuarter : nextQuarter(trackedQuarter);
  if (quarters.every((q) => q < firstHeld)) {
    return `${pledged}. ${rule} apply from ${firstHeld}, the first quarter that began once work was being logged (from ${tracked}); this period ends before it.`;
  }
  const tiers = new Set(minimums.map(([tier]) => tier));
  const held = [...state.members.values()].filter((m) => tiers.has(m.value.tier));
  if (held.length === 0) return `${pledged}. ${rule} hold no one: nobody is in ${those}.`;
  if (held.every((m) => m.value.status === 'sabbatical')) return `${pledged}. ${rule} hold no one now: everyone in ${those} is on sabbatical.`;
  if (future) return `${pledged}. ${rule} apply to a quarter once it has begun, and this period has not.`;
  return `${pledged}. ${rule} hold a person from the quarter they entered the tier, and not while on sabbatical: no one in this period.`;
}

/** 400 credits of love, 20 hours of care: in the unit a target is measured in (credits when it gives them). */
function amountText(stream: string, amount: Amount): string {
  return amount.credits !== undefined ? `${amount.credits} credits of ${stream}` : `${amount.hours ?? 0} hours of ${stream}`;
}

function nextQuarter(quarter: string): string {
  const [year, q] = [Number(quarter.slice(0, 4)), Number(quarter.slice(6))];
  return q === 4 ? `${year + 1}-Q1` : `${year}-Q${q + 1}`;
}
