// Historical credits per person from a state's logged contributions: the weights of credit-weighted votes.
import { ZERO, add, fromNumber, mul, toNumber, type Ratio } from './ratio.ts';
import type { State } from './state.ts';

/**
 * Every credit a person has earned, by handle: for each contribution entry, its credits, or when it
 * gives none its hours times its stream's `credits_per_hour` (the rule of value/credits.ts). Paid and unpaid credits alike (DisCO's historical
 * credits are the invested plus the divested ones); dating rates change what is paid, not what is
 * earned. Hours in a stream the constitution does not list earn nothing (validation reports them).
 * Sums are exact; people with no contributions are absent.
 */
export function historicalCredits(state: State): Map<string, number> {
  const exact = historicalCreditsExact(state);
  return new Map([...exact].map(([handle, credits]) => [handle, toNumber(credits)]));
}

/** The same as exact fractions, for callers that compare them. */
export function historicalCreditsExact(state: State): Map<string, Ratio> {
  const streams = state.constitution?.value.value?.streams ?? {};
  const totals = new Map<string, Ratio>();
  const keys = [...state.contributions.keys()].sort();
  for (const key of keys) {
    const handle = key.slice(key.indexOf('/') + 1);
    let total = totals.get(handle) ?? ZERO;
    for (const entry of state.contributions.get(key)!.value.entries) {
      const rate = Object.hasOwn(streams, entry.stream) ? streams[entry.stream]!.credits_per_hour : undefined;
      // As in value tracking (value/credits.ts entryCredits): credits given win over hours.
      if (entry.credits !== undefined) total = add(total, fromNumber(entry.credits));
      else if (entry.hours !== undefined && rate !== undefined) total = add(total, mul(fromNumber(entry.hours), fromNumber(rate)));
    }
    totals.set(handle, total);
  }
  return totals;
}
