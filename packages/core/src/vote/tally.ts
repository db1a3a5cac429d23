// Tallies the votes on a pull request under one rule, and several rules together: a pure function of its input.
import { instantProblem, parseInstant, utcInstant as iso, type InstantProblem } from '../common/index.ts';
import type { TallyErrorCode } from '../common/index.ts';
import { CoopError } from '../common/index.ts';
import type { Rule } from '../generated/types.ts';
import { ZERO, compare, format, fromNumber, ratio, shareOf, toNumber, type Ratio } from './ratio.ts';
import { electorateOf, type Roll, type RollMember } from './roll.ts';
import { ballotsOf, judge, who, type Choice } from './tally-methods.ts';

export type { Choice } from './tally-methods.ts';
export const choices: readonly Choice[] = ['yes', 'no', 'abstain', 'block'];

/**
 * One vote as the forge gives it: the voter's forge login, their choice, and when (ISO 8601 with Z or
 * an offset); with what they said (`/vote block REASON`, a review's body) and where, when known. The
 * tally never reads `reason`, `source` or `url`: it carries them to its counted votes, for the reader
 * and the record.
 */
export interface Vote {
  voter: string;
  vote: Choice;
  at: string;
  reason?: string;
  /** Where the vote was cast, such as `review` or `comment`. */
  source?: string;
  url?: string;
}

export type Outcome = 'passed' | 'failed' | 'blocked' | 'pending';

export interface TallyInput {
  /** The rule's name and definition. */
  name: string;
  rule: Rule;
  /** The roll at base. */
  roll: Roll;
  votes: readonly Vote[];
  /** When the proposal opened, ISO 8601. */
  opened: string;
  /** When the pull request last changed the governance state; read only by rules with reset_on_change. */
  changed?: string;
  now: string;
  /** Handles of the people the change concerns who stand aside (subjects of member.remove and member.tier). */
  standAside?: readonly string[];
  /** Forge logins the pull request itself adds to the roll, to say why their votes do not count. */
  added?: readonly string[];
  /** Historical credits by handle, at base; read only by credit-weighted rules. */
  credits?: ReadonlyMap<string, number>;
}

/** A vote that does not count, and why. One per voter: their latest vote, when it is not counted. */
export interface Ignored {
  voter: string;
  reason: string;
  vote: Choice;
  at: string;
}

export interface CountedVote {
  handle: string;
  login: string;
  vote: Choice;
  at: string;
  reason?: string;
  source?: string;
  url?: string;
}

export interface RuleTally {
  rule: string;
  method: Rule['method'];
  outcome: Outcome;
  /** When pending: the outcome it would have at `decides_at` if no vote changed. */
  projected?: Exclude<Outcome, 'pending'>;
  /** When time alone will decide it (pending only); null otherwise. */
  decides_at: string | null;
  yes: number;
  no: number;
  abstain: number;
  block: number;
  eligible: number;
  /** Eligible voters with a counted vote. */
  voted: number;
  /** voted / eligible, 0 when nobody is eligible. */
  participation: number;
  reasons: string[];
  /** Why the rule cannot be tallied at all (nobody eligible): it has failed. */
  error?: { code: TallyErrorCode; message: string };
  /** Each eligible voter's counted vote. */
  votes: CountedVote[];
  /** Eligible voters with no counted vote yet, by handle. */
  waiting: string[];
  /** Votes of vote-advisory tiers: shown, never counted. */
  advisory: (CountedVote & { tier: string })[];
  /** Handles of the subjects standing aside. */
  aside: string[];
  ignored: Ignored[];
  /** Before then, no outcome but pending (unless close_early and everyone voted). */
  min_at: string;
  /** After then (max_days), votes are ignored and it is decided on the votes it has. */
  closes_at: string | null;
  /** majority, credit-weighted: the share of yes among yes and no needed, as a fraction. */
  threshold?: string;
  /** majority, credit-weighted: the share of eligible voters (or credits) that must take part. */
  quorum?: string;
  /** majority: voters needed to meet the quorum; consent: yes votes needed; unanimous: every eligible voter. */
  needed?: number;
  /** credit-weighted: the summed credits of each choice and of everyone eligible. */
  weights?: { yes: number; no: number; abstain: number; block: number; eligible: number };
}

const DAY = 86_400_000;

function instant(label: string, value: string): number {
  const read = parseInstant(value);
  if (!read.ok) throw new CoopError('tally.time', `${label} "${value}" ${instantProblem(value, read.reason)}.`, { field: label, value, reason: read.reason });
  return read.ms;
}

/** Tallies the votes under one rule. The same input gives the same result. */
export function tally(input: TallyInput): RuleTally {
  const { name, rule, roll } = input;
  const opened = instant('opened', input.opened);
  const now = instant('now', input.now);
  const changed = input.changed === undefined ? undefined : instant('changed', input.changed);
  // With reset_on_change the whole clock restarts at the change, so a push just before the
  // decision cannot wipe out a block and pass before anyone can vote again.
  const start = rule.reset_on_change === true && changed !== undefined && changed > opened ? changed : opened;
  const closesAt = rule.max_days === undefined ? undefined : start + Math.round(rule.max_days * DAY);
  const minAt = Math.min(start + Math.round((rule.min_days ?? 0) * DAY), closesAt ?? Infinity);
  const electorate = electorateOf(rule, roll, input.standAside);
  const added = new Set((input.added ?? []).map((l) => l.toLowerCase()));

  // Each voter's latest counted vote, and their latest vote of all to explain an ignored one.
  const counted = new Map<string, { member: RollMember; vote: Vote; ms: number }>();
  const latest = new Map<string, { vote: Vote; ms: number; reason?: string }>();
  input.votes.forEach((vote) => {
    const read = parseInstant(vote.at);
    const ms = read.ok ? read.ms : Number.NaN;
    const key = vote.voter.toLowerCase();
    const reason = whyIgnored(vote, ms, read.ok ? undefined : read.reason);
    const last = latest.get(key);
    if (last === undefined || !(ms < last.ms)) latest.set(key, { vote, ms, ...(reason === undefined ? {} : { reason }) });
    if (reason !== undefined) return;
    const member = electorate.find(vote.voter)!;
    const previous = counted.get(member.handle);
    if (previous === undefined || !(ms < previous.ms)) counted.set(member.handle, { member, vote, ms });
  });

  /** Why a vote does not count, said of the voter: "ana: voted after the moment being tallied (…)". */
  function whyIgnored(vote: Vote, ms: number, unreadable: InstantProblem | undefined): string | undefined {
    const member = electorate.find(vote.voter);
    if (member === undefined) {
      return added.has(vote.voter.toLowerCase())
        ? 'is not on the roll at the base: this pull request itself adds them, and a pull request is never judged by a roll it introduces'
        : 'is not on the roll at the base: no member has this forge login';
    }
    const standing = electorate.standing(member);
    if (standing.kind === 'aside') return 'stands aside: the change concerns them';
    if (standing.kind === 'no-vote') return `is in the tier ${standing.tier}, which does not vote under ${name}`;
    if (unreadable !== undefined) return `voted at "${vote.at}", which ${instantProblem(vote.at, unreadable)}`;
    if (ms > now) return `voted after the moment being tallied (${iso(now)})`;
    if (ms < opened) return `voted before the proposal opened (${iso(opened)})`;
    if (closesAt !== undefined && ms > closesAt) return `voted after the vote closed (${iso(closesAt)}, max_days ${rule.max_days})`;
    if (start > opened && ms < start) return `voted before the last change (${iso(start)}); this rule counts only votes after it (reset_on_change)`;
    return undefined;
  }

  const ignored: Ignored[] = [...latest.values()]
    .filter((l) => l.reason !== undefined)
    .map((l) => ({ voter: l.vote.voter, reason: l.reason!, vote: l.vote.vote, at: l.vote.at }))
    .sort((a, b) => (a.voter.toLowerCase() < b.voter.toLowerCase() ? -1 : a.voter.toLowerCase() > b.voter.toLowerCase() ? 1 : 0));

  const eligibleHandles = electorate.eligible.map((m) => m.handle);
  const choiceOf = new Map<string, Choice>();
  const votes: CountedVote[] = [];
  const advisory: RuleTally['advisory'] = [];
  for (const member of electorate.eligible) {
    const c = counted.get(member.handle);
    if (c === undefined) continue;
    choiceOf.set(member.handle, c.vote.vote);
    votes.push({ handle: member.handle, login: c.vote.voter, vote: c.vote.vote, at: c.vote.at, ...said(c.vote) });
  }
  for (const member of electorate.advisory) {
    const c = counted.get(member.handle);
    if (c !== undefined) advisory.push({ handle: member.handle, login: c.vote.voter, vote: c.vote.vote, at: c.vote.at, ...said(c.vote), tier: member.tier });
  }

  const weighted = rule.method === 'credit-weighted';
  const weightOf = (handle: string) => (weighted ? fromNumber(Math.max(0, input.credits?.get(handle) ?? 0)) : ratio(1n));
  const ballots = ballotsOf(choiceOf, eligibleHandles, weightOf, weighted);
  const count = (c: Choice) => ballots.names[c].length;
  const voted = eligibleHandles.length - ballots.names.waiting.length;

  const base: RuleTally = {
    rule: name,
    method: rule.method,
    outcome: 'pending',
    decides_at: null,
    yes: count('yes'),
    no: count('no'),
    abstain: count('abstain'),
    block: count('block'),
    eligible: eligibleHandles.length,
    voted,
    participation: eligibleHandles.length === 0 ? 0 : voted / eligibleHandles.length,
    reasons: [],
    votes,
    waiting: ballots.names.waiting,
    advisory,
    aside: electorate.aside.map((m) => m.handle),
    ignored,
    min_at: iso(minAt),
    closes_at: closesAt === undefined ? null : iso(closesAt),
    ...parameters(rule, eligibleHandles.length),
    ...(weighted ? { weights: weightsOf(ballots.weight) } : {}),
  };

  if (eligibleHandles.length === 0 || (weighted && compare(ballots.weight.eligible, ZERO) === 0)) {
    const tiers = electorate.voterTiers.length === 0 ? 'no tier' : `the tiers ${who(electorate.voterTiers)}`;
    const aside =
      electorate.aside.length > 0 ? ` (${who(electorate.aside.map((m) => m.handle))} ${electorate.aside.length === 1 ? 'stands' : 'stand'} aside)` : '';
    const error: NonNullable<RuleTally['error']> =
      eligibleHandles.length === 0
        ? {
            code: 'tally.nobody-eligible',
            message: `Nobody can vote under ${name}: at base, no member of ${tiers} has the vote right${aside}. It cannot pass; add voters to the roll first, or change which rule this change needs.`,
          }
        : {
            code: 'tally.no-credits',
            message: `Nobody eligible under ${name} has historical credits at base, so no credit-weighted vote has any weight. It cannot pass until contributions are logged.`,
          };
    return { ...base, outcome: 'failed', error, reasons: [error.message] };
  }

  const everyoneVoted = ballots.names.waiting.length === 0;
  if (now < minAt && !(rule.close_early === true && everyoneVoted)) {
    // Before min_days there is no outcome yet: pending, and what it would be then if nothing changed.
    const then = judge(name, rule, ballots, closesAt !== undefined && minAt >= closesAt);
    const wait = `It cannot be decided before ${iso(minAt)} (min_days ${rule.min_days ?? 0}${rule.reset_on_change === true && start > opened ? ', counted from the last change' : ''}).`;
    if (then.outcome !== 'pending') {
      return {
        ...base,
        outcome: 'pending',
        projected: then.outcome,
        decides_at: iso(minAt),
        reasons: [wait, `If no vote changes, it will be ${then.outcome} then: ${then.reasons.join(' ')}`],
      };
    }
    return { ...base, ...short(then.reasons, [wait]) };
  }

  const closed = closesAt !== undefined && now >= closesAt;
  const result = judge(name, rule, ballots, closed);
  if (result.outcome !== 'pending') {
    const early = now < minAt ? [`Decided early: every eligible voter has voted (close_early).`] : [];
    return { ...base, outcome: result.outcome, reasons: [...result.reasons, ...early] };
  }
  return { ...base, ...short(result.reasons, []) };

  /** Pending for want of votes: when max_days will close it, it fails then unless they come. */
  function short(reasons: string[], before: string[]): Pick<RuleTally, 'outcome' | 'projected' | 'decides_at' | 'reasons'> {
    if (closesAt === undefined) return { outcome: 'pending', decides_at: null, reasons: [...before, ...reasons] };
    return {
      outcome: 'pending',
      projected: 'failed',
      decides_at: iso(closesAt),
      reasons: [...before, ...reasons, `The vote closes on ${iso(closesAt)} (max_days ${rule.max_days}); short of its votes then, it fails.`],
    };
  }
}

/** What a vote said and where, when given. */
function said(vote: Vote): Pick<CountedVote, 'reason' | 'source' | 'url'> {
  return {
    ...(vote.reason !== undefined ? { reason: vote.reason } : {}),
    ...(vote.source !== undefined ? { source: vote.source } : {}),
    ...(vote.url !== undefined ? { url: vote.url } : {}),
  };
}

function parameters(rule: Rule, eligible: number): Pick<RuleTally, 'threshold' | 'quorum' | 'needed'> {
  switch (rule.method) {
    case 'majority':
    case 'credit-weighted': {
      const quorum = shareOf(rule.quorum ?? 0);
      const needed = rule.method === 'majority' ? { needed: Number((quorum.num * BigInt(eligible) + quorum.den - 1n) / quorum.den) } : {};
      return { threshold: format(shareOf(rule.threshold ?? 0.5)), quorum: format(quorum), ...needed };
    }
    case 'consent':
      return { needed: rule.min_yes ?? 1 };
    case 'unanimous':
      return { needed: eligible };
    case 'lazy-majority':
      return {};
  }
}

function weightsOf(w: Record<Choice | 'waiting' | 'eligible', Ratio>): NonNullable<RuleTally['weights']> {
  return { yes: toNumber(w.yes), no: toNumber(w.no), abstain: toNumber(w.abstain), block: toNumber(w.block), eligible: toNumber(w.eligible) };
}

/** The outcome of several rules together: all must pass. */
export interface CombinedTally {
  outcome: Outcome;
  /** When every pending rule will be decided by time alone, the last of those moments; else null. */
  decides_at: string | null;
  rules: RuleTally[];
  /** Every ignored vote of every rule, once per voter and reason. */
  ignored: { voter: string; reason: string }[];
}

/**
 * Failed if any rule failed, else blocked if any is blocked, else pending if any is pending, else
 * passed. No rule at all (a change that needs none) passes.
 */
export function combine(rules: readonly RuleTally[]): CombinedTally {
  const any = (o: Outcome) => rules.some((r) => r.outcome === o);
  const outcome: Outcome = any('failed') ? 'failed' : any('blocked') ? 'blocked' : any('pending') ? 'pending' : 'passed';
  const pending = rules.filter((r) => r.outcome === 'pending');
  const decides_at =
    outcome === 'pending' && pending.every((r) => r.decides_at !== null) ? pending.map((r) => r.decides_at!).sort()[pending.length - 1]! : null;
  const seen = new Set<string>();
  const ignored: CombinedTally['ignored'] = [];
  for (const rule of rules) {
    for (const { voter, reason } of rule.ignored) {
      const key = `${voter.toLowerCase()}\n${reason}`;
      if (seen.has(key)) continue;
      seen.add(key);
      ignored.push({ voter, reason });
    }
  }
  return { outcome, decides_at, rules: [...rules], ignored };
}
