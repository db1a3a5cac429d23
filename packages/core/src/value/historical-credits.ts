// Historical credits per person from a state's logged contributions: the weights of credit-weighted votes.
import { ZERO, add, toNumber, type Ratio } from '../vote/index.ts';
import { streamsOf, type State } from '../common/index.ts';
import { entryCreditsExact } from './credits.ts';

/**
 * Every credit a person has earned, by handle: each contribution entry's credits by the one rule of
 * value tracking (`entryCredits`: credits given win, else hours at the stream's rate). Paid and unpaid
 * credits alike (DisCO's historical credits are the invested plus the divested ones); dating rates
 * change what is paid, not what is earned. Sums are exact; people with no contributions are absent.
 */
export function historicalCredits(state: State): Map<string, number> {
  const exact = historicalCreditsExact(state);
  return new Map([...exact].map(([handle, credits]) => [handle, toNumber(credits)]));
}

/** The same as exact fractions, for callers that compare them. */
export function historicalCreditsExact(state: State): Map<string, Ratio> {
  const streams = streamsOf(state);
  const totals = new Map<string, Ratio>();
  const keys = [...state.contributions.keys()].sort();
  for (const key of keys) {
    const handle = key.slice(key.indexOf('/') + 1);
    let total = totals.get(handle) ?? ZERO;
    for (const entry of state.contributions.get(key)!.value.entries) total = add(total, entryCreditsExact(entry, streams));
    totals.set(handle, total);
  }
  return totals;
}
