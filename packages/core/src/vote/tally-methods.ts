// How each decision method reads the counted votes once it may decide: passes, falls short, or waits for votes.
import type { Rule } from '../generated/types.ts';
import { ZERO, add, compare, format, mul, ratio, shareOf, toNumber, type Ratio } from './ratio.ts';

export type Choice = 'yes' | 'no' | 'abstain' | 'block';

/** The counted votes of one rule: headcounts, weights (credits, or 1 a head) and names. */
export interface Ballots {
  /** Who voted what, by handle; `waiting` are eligible voters with no counted vote. */
  names: Record<Choice | 'waiting', string[]>;
  /** Summed weights of each choice, of the waiting and of everyone eligible. */
  weight: Record<Choice | 'waiting' | 'eligible', Ratio>;
  /** Whether weights are credits (credit-weighted) rather than one a head. */
  weighted: boolean;
}

/**
 * What the votes say now. `pending` means short of votes: it does not pass, but votes not yet cast
 * could still carry it. `closed` is true once max_days have passed: nobody may vote any more, so a
 * rule still short of its votes has failed.
 */
export interface Judgement {
  outcome: 'passed' | 'failed' | 'blocked' | 'pending';
  reasons: string[];
}

const ONE = ratio(1n);

export function judge(name: string, rule: Rule, ballots: Ballots, closed: boolean): Judgement {
  switch (rule.method) {
    case 'lazy-majority':
      return lazyMajority(ballots);
    case 'consent':
      return consent(rule, ballots, closed);
    case 'unanimous':
      return unanimous(rule, ballots, closed);
    case 'majority':
    case 'credit-weighted':
      return majority(name, rule, ballots, closed);
  }
}

function lazyMajority(b: Ballots): Judgement {
  const { yes, no, block } = b.names;
  if (block.length > 0)
    return { outcome: 'blocked', reasons: [`${who(block)} ${block.length === 1 ? 'blocks' : 'block'}; lazy majority passes only when nobody blocks.`] };
  if (yes.length >= no.length) {
    const said = yes.length + no.length === 0 ? 'Nobody objected' : `No block, and ${yes.length} yes against ${no.length} no`;
    return { outcome: 'passed', reasons: [`${said}: under lazy majority silence counts as support, and yes needs only to match no.`] };
  }
  return { outcome: 'failed', reasons: [`More no than yes: ${no.length} no against ${yes.length} yes.`] };
}

function consent(rule: Rule, b: Ballots, closed: boolean): Judgement {
  const { yes, block, waiting } = b.names;
  const needed = rule.min_yes ?? 1;
  if (block.length > 0)
    return { outcome: 'blocked', reasons: [`${who(block)} ${block.length === 1 ? 'blocks' : 'block'}; consent passes only when nobody blocks.`] };
  if (yes.length >= needed) return { outcome: 'passed', reasons: [`${plural(yes.length, 'yes', 'yes')} (${needed} needed) and no block.`] };
  const short = `${plural(yes.length, 'yes', 'yes')} of the ${needed} needed`;
  if (closed) return { outcome: 'failed', reasons: [`The vote closed with ${short}.`] };
  if (yes.length + waiting.length >= needed) {
    return { outcome: 'pending', reasons: [`${short}; ${plural(waiting.length, 'voter has', 'voters have')} not voted yet.`] };
  }
  const left = waiting.length === 0 ? 'everyone eligible has voted' : `only ${plural(waiting.length, 'voter has', 'voters have')} not voted yet`;
  return { outcome: 'failed', reasons: [`${short}, and ${left}: it cannot reach ${needed} unless someone changes their vote.`] };
}

function unanimous(rule: Rule, b: Ballots, closed: boolean): Judgement {
  const { yes, no, abstain, block, waiting } = b.names;
  if (block.length > 0) return { outcome: 'blocked', reasons: [`${who(block)} ${block.length === 1 ? 'blocks' : 'block'}.`] };
  if (no.length > 0) return { outcome: 'failed', reasons: [`${who(no)} voted no; unanimity needs every eligible voter's yes.`] };
  if (abstain.length > 0 && rule.allow_abstain !== true) {
    return { outcome: 'failed', reasons: [`${who(abstain)} abstained; this rule counts an abstention against unanimity (allow_abstain is off).`] };
  }
  if (waiting.length > 0) {
    if (closed) return { outcome: 'failed', reasons: [`The vote closed before everyone voted: ${who(waiting)} did not.`] };
    return {
      outcome: 'pending',
      reasons: [`${yes.length} of ${yes.length + abstain.length + waiting.length} eligible voters said yes; waiting for ${who(waiting)}.`],
    };
  }
  if (yes.length === 0) return { outcome: 'failed', reasons: ['Everyone abstained: unanimity needs at least one yes.'] };
  const abstained = abstain.length > 0 ? `, ${who(abstain)} abstaining (allowed)` : '';
  return { outcome: 'passed', reasons: [`Every eligible voter said yes${abstained}.`] };
}

/** majority and credit-weighted: a block counts as a no in the share, but never towards the quorum. */
function majority(name: string, rule: Rule, b: Ballots, closed: boolean): Judgement {
  const threshold = shareOf(rule.threshold ?? 0.5);
  const quorum = shareOf(rule.quorum ?? 0);
  const w = b.weight;
  const against = add(w.no, w.block);
  const test = (yes: Ratio, present: Ratio) => {
    const quorumMet = compare(present, mul(quorum, w.eligible)) >= 0;
    const more = compare(yes, against) > 0;
    const share = compare(yes, mul(threshold, add(yes, against))) >= 0;
    return { quorumMet, more, share, passes: quorumMet && more && share };
  };
  const present = add(add(w.yes, w.no), w.abstain);
  const now = test(w.yes, present);
  const amount = (r: Ratio) => (b.weighted ? `${formatNumber(toNumber(r))} credits` : formatNumber(toNumber(r)));
  const tally = `${amount(w.yes)} yes, ${amount(against)} no${compare(w.block, ZERO) > 0 ? ` (${b.names.block.length === 1 ? 'a block' : 'blocks'} counted as no)` : ''}`;
  if (now.passes) {
    return {
      outcome: 'passed',
      reasons: [`${tally}: yes reaches ${format(threshold)} of yes and no${compare(quorum, ZERO) > 0 ? `, and the quorum of ${format(quorum)} is met` : ''}.`],
    };
  }
  const why: string[] = [];
  if (!now.quorumMet) {
    const voted = b.weighted
      ? `${amount(present)} of ${amount(w.eligible)}`
      : `${formatNumber(toNumber(present))} of ${formatNumber(toNumber(w.eligible))} eligible voters`;
    const blocks = b.names.block.length > 0 ? '; a block does not count towards it' : '';
    why.push(`The quorum of ${format(quorum)} is not met: ${voted} took part (${percent(present, w.eligible)})${blocks}.`);
  }
  if (compare(add(w.yes, against), ZERO) === 0) {
    why.push(compare(w.abstain, ZERO) > 0 ? 'Everyone who voted abstained: there is no yes.' : 'There are no yes or no votes yet.');
  } else if (!now.more) {
    why.push(compare(w.yes, against) === 0 ? `A tie, ${tally}: ${name} needs more yes than no.` : `${tally}: more no than yes.`);
  } else if (!now.share) {
    why.push(`${tally}: yes is ${percent(w.yes, add(w.yes, against))} of yes and no, short of the ${format(threshold)} needed.`);
  }
  if (closed) return { outcome: 'failed', reasons: ['The vote closed short of what it needs.', ...why] };
  const best = test(add(w.yes, w.waiting), add(present, w.waiting));
  if (best.passes) {
    return {
      outcome: 'pending',
      reasons: [...why, `${plural(b.names.waiting.length, 'eligible voter has', 'eligible voters have')} not voted yet and could still carry it.`],
    };
  }
  const rest =
    b.names.waiting.length === 0
      ? 'Everyone eligible has voted'
      : `Even if the ${plural(b.names.waiting.length, 'voter', 'voters')} who have not voted all said yes, it could not pass`;
  return { outcome: 'failed', reasons: [...why, `${rest}; only a change of vote can turn it.`] };
}

/** Weights summed by choice from each handle's weight. */
export function ballotsOf(
  votes: ReadonlyMap<string, Choice>,
  eligible: readonly string[],
  weightOf: (handle: string) => Ratio = () => ONE,
  weighted = false,
): Ballots {
  const names: Ballots['names'] = { yes: [], no: [], abstain: [], block: [], waiting: [] };
  for (const handle of eligible) names[votes.get(handle) ?? 'waiting'].push(handle);
  if (!weighted) {
    // One a head: each weight is a headcount, with no fractions to add.
    const count = (n: number) => ratio(BigInt(n));
    const weight = {
      yes: count(names.yes.length),
      no: count(names.no.length),
      abstain: count(names.abstain.length),
      block: count(names.block.length),
      waiting: count(names.waiting.length),
      eligible: count(eligible.length),
    };
    return { names, weight, weighted };
  }
  const weight: Ballots['weight'] = { yes: ZERO, no: ZERO, abstain: ZERO, block: ZERO, waiting: ZERO, eligible: ZERO };
  for (const [key, handles] of Object.entries(names) as [Choice | 'waiting', string[]][]) {
    for (const handle of handles) {
      const w = weightOf(handle);
      weight[key] = add(weight[key], w);
      weight.eligible = add(weight.eligible, w);
    }
  }
  return { names, weight, weighted };
}

/** "ana", "ana and bob", "ana, bob and carol". */
export function who(handles: readonly string[]): string {
  if (handles.length <= 1) return handles.join('');
  return `${handles.slice(0, -1).join(', ')} and ${handles[handles.length - 1]}`;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function formatNumber(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Number(x.toFixed(2)));
}

function percent(part: Ratio, whole: Ratio): string {
  if (compare(whole, ZERO) === 0) return '0%';
  return `${formatNumber(Number(((100 * toNumber(part)) / toNumber(whole)).toFixed(1)))}%`;
}
