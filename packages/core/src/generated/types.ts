// Generated from schemas/ by `npm run schemas`. Do not edit: change the schema and regenerate.

/**
 * A lowercase name: letters, digits and dashes.
 */
export type Id = string;
/**
 * A number from 0 to 1.
 */
export type Fraction = number;

/**
 * The rules of a governed project, in governance/constitution.yaml: its tiers, its decision rules, the policy that says which rule each change needs, and optionally value tracking, commitments and the lifecycle along the continuum.
 */
export interface Constitution {
  /**
   * The version of this file format; 1.
   */
  version?: 1;
  /**
   * The project's or collective's name.
   */
  name?: string;
  /**
   * The governed branch, whose history the audit proves. Defaults to main.
   */
  branch?: string;
  /**
   * The tiers of the continuum, innermost (most committed) first.
   *
   * @minItems 1
   */
  tiers: Tier[];
  /**
   * The working circles, each with what it is for. Members name them in their circles.
   */
  circles?: {
    [k: string]: Circle;
  };
  /**
   * The named decision rules, each a method with its parameters.
   */
  decisions: {
    [k: string]: Rule;
  };
  /**
   * Which rule each change needs. Ordered: the first entry that matches a change decides.
   */
  policy: PolicyEntry[];
  /**
   * A lowercase name: letters, digits and dashes.
   */
  default: string;
  proposals?: ProposalPolicy;
  value?: Value;
  commitments?: CommitmentPolicy;
  lifecycle?: Lifecycle;
}
/**
 * One tier.
 */
export interface Tier {
  /**
   * A lowercase name: letters, digits and dashes.
   */
  id: string;
  /**
   * The tier's name as people read it.
   */
  label: string;
  /**
   * What people of this tier may do: vote (binding), vote-advisory (counted and shown, not binding), propose.
   *
   * Items: A right.
   */
  rights: ("vote" | "vote-advisory" | "propose")[];
  /**
   * The number of stages people go through in this tier (DisCO daters: 3).
   */
  stages?: number;
  /**
   * What the tier means for the people in it.
   */
  description?: string;
}
/**
 * One working circle.
 */
export interface Circle {
  /**
   * The circle's name as people read it.
   */
  label?: string;
  /**
   * What the circle looks after.
   */
  description?: string;
}
/**
 * One decision rule.
 */
export interface Rule {
  /**
   * How the votes decide: lazy-majority, consent, majority, unanimous or credit-weighted.
   */
  method: "lazy-majority" | "consent" | "majority" | "unanimous" | "credit-weighted";
  /**
   * The tiers whose people vote under this rule (those with the vote right count; vote-advisory ones are shown). Defaults to every tier with the vote right.
   *
   * @minItems 1
   */
  voters?: Id[];
  /**
   * Days the proposal stays open before it can be decided.
   */
  min_days?: number;
  /**
   * Days after which it is decided on the votes it has.
   */
  max_days?: number;
  /**
   * Decide before min_days once every eligible voter has voted.
   */
  close_early?: boolean;
  /**
   * Count only votes cast after the pull request last changed the governance state.
   */
  reset_on_change?: boolean;
  /**
   * majority, credit-weighted: the share of yes among yes and no needed (0.5 is a plain majority, 0.6667 two thirds).
   */
  threshold?: number;
  /**
   * majority, credit-weighted: the share of eligible voters who must take part.
   */
  quorum?: number;
  /**
   * consent: the yes votes needed.
   */
  min_yes?: number;
  /**
   * unanimous: whether an abstention still lets it pass.
   */
  allow_abstain?: boolean;
  /**
   * What this rule is for.
   */
  description?: string;
}
/**
 * One policy entry: what it matches and the rule it requires.
 */
export interface PolicyEntry {
  /**
   * The change kinds it matches: a kind such as member.add, a glob such as commitment.*, or a list of them.
   */
  change?: string | string[];
  /**
   * Globs of other files of the repository this entry governs (LICENSE, .github/**); a change to them is path.change.
   *
   * @minItems 1
   *
   * Items: A glob relative to the repository's root.
   */
  paths?: string[];
  /**
   * Match only changes whose subject is (true) or is not (false) the pull request's author.
   */
  self?: boolean;
  /**
   * Match only when the subject is in one of these tiers after the change.
   */
  tier?: Id | Id[];
  /**
   * Match only when the subject was in one of these tiers before the change.
   */
  from?: Id | Id[];
  /**
   * member.tier: match only moves inward (towards the first tier) or outward.
   */
  direction?: "inward" | "outward";
  /**
   * A lowercase name: letters, digits and dashes.
   */
  rule: string;
  /**
   * Why this entry is here, shown when it applies.
   */
  note?: string;
}
/**
 * The rules proposals may choose with their decision field, and the rules payouts and ratifications need.
 */
export interface ProposalPolicy {
  /**
   * Rule names proposals may choose.
   *
   * @minItems 1
   */
  rules: Id[];
  /**
   * A lowercase name: letters, digits and dashes.
   */
  default: string;
  /**
   * A lowercase name: letters, digits and dashes.
   */
  payouts?: string;
  /**
   * A lowercase name: letters, digits and dashes.
   */
  ratifications?: string;
}
/**
 * Value tracking: the streams work is counted in, what an hour is worth, and how the monthly pool is distributed. Leave it out to track no value.
 */
export interface Value {
  /**
   * The currency a credit is a unit of (1 credit = 1 unit).
   */
  currency?: string;
  /**
   * The value streams (DisCO: livelihood, love, care), each with its rate.
   */
  streams: {
    [k: string]: Stream;
  };
  /**
   * The share of the full rate daters' paid work is paid at, by stage (DisCO: 1: 0, 2: 0.5, 3: 0.75).
   */
  dating_rates?: {
    [k: string]: Fraction;
  };
  /**
   * How the monthly pool is split between streams, in order (DisCO: 0.75 to livelihood, the rest to love and care).
   *
   * @minItems 1
   */
  split?: SplitShare[];
}
/**
 * One stream.
 */
export interface Stream {
  /**
   * Credits an hour of work in this stream is worth.
   */
  credits_per_hour: number;
  /**
   * The stream's name as people read it.
   */
  label?: string;
  /**
   * Whether the stream is paid work (livelihood) rather than pro-bono or care.
   */
  paid?: boolean;
}
/**
 * A share of the pool and the streams it pays.
 */
export interface SplitShare {
  /**
   * The streams this share pays.
   *
   * @minItems 1
   */
  streams: Id[];
  /**
   * A number from 0 to 1.
   */
  share: number;
}
/**
 * What people of each tier commit to at the least, per quarter.
 */
export interface CommitmentPolicy {
  /**
   * Per tier, the least pledge per stream per quarter.
   */
  minimum?: {
    /**
     * Per stream, the least pledge.
     */
    [k: string]: {
      [k: string]: Amount;
    };
  };
}
/**
 * An amount in credits and/or hours.
 */
export interface Amount {
  /**
   * Credits.
   */
  credits?: number;
  /**
   * Hours.
   */
  hours?: number;
}
/**
 * When people are suggested to move along the continuum. Suggestions only, never automatic changes.
 */
export interface Lifecycle {
  /**
   * Days without contributions after which a person is suggested to move outward.
   */
  inactive_days?: number;
  /**
   * Days in a tier after which a person may be proposed for the next tier inward.
   */
  inward_days?: number;
  /**
   * Credits earned in the current tier after which a person may be proposed for the next tier inward.
   */
  inward_credits?: number;
  /**
   * Days a dating stage usually lasts (DisCO: about 90).
   */
  stage_days?: number;
}

/**
 * One person of the project, in governance/members/<handle>.yaml. The handle is the file name.
 */
export interface Member {
  /**
   * The person's name as they want it shown.
   */
  name: string;
  /**
   * The tier they are in: one of the constitution's tier ids.
   */
  tier: string;
  /**
   * The date they entered this tier, as YYYY-MM-DD.
   */
  since: string;
  /**
   * Their forge login, matched case-insensitively. Defaults to the handle.
   */
  github?: string;
  /**
   * Commit identities (e-mail addresses) the audit may attribute to them.
   *
   * Items: An e-mail address.
   */
  emails?: string[];
  dating?: Dating;
  /**
   * The working circles they take part in, each with their role in it.
   */
  circles?: {
    /**
     * Their role in the circle.
     */
    [k: string]: "steward" | "member";
  };
  /**
   * The handle of their buddy or mentor.
   */
  mentor?: string;
  /**
   * active (the default) or sabbatical.
   */
  status?: "active" | "sabbatical";
}
/**
 * Where they are in dating, for tiers that have stages.
 */
export interface Dating {
  /**
   * The dating stage, from 1 up to the tier's number of stages.
   */
  stage: number;
  /**
   * The date they entered this stage, as YYYY-MM-DD.
   */
  since: string;
}

/**
 * One person's commitment statement and their pledges per quarter, in governance/commitments/<handle>.yaml.
 */
export interface Commitment {
  /**
   * What they commit to, in their own words.
   */
  statement: string;
  /**
   * The quarters they pledged for, each renewed and signed.
   */
  periods: Period[];
}
/**
 * One quarter's pledge.
 */
export interface Period {
  /**
   * The quarter, as YYYY-Qn.
   */
  quarter: string;
  /**
   * What they pledge in each stream, in credits and/or hours.
   */
  pledge: {
    [k: string]: Pledge;
  };
  /**
   * The date they signed this pledge, as YYYY-MM-DD.
   */
  signed: string;
  /**
   * Anything they want to add about this quarter.
   */
  note?: string;
}
/**
 * The pledge in one stream.
 */
export interface Pledge {
  /**
   * Credits pledged in this stream.
   */
  credits?: number;
  /**
   * Hours pledged in this stream.
   */
  hours?: number;
}

/**
 * One person's contributions in one month, in governance/contributions/<YYYY-MM>/<handle>.yaml.
 */
export interface Contributions {
  /**
   * The work done, one entry per piece of work.
   */
  entries: ContributionEntry[];
}
/**
 * One piece of work: when, in which stream, how much and what.
 */
export interface ContributionEntry {
  /**
   * The day of the work, as YYYY-MM-DD, within the folder's month.
   */
  date: string;
  /**
   * The value stream: one of the constitution's streams (livelihood, love, care).
   */
  stream: string;
  /**
   * Hours worked, converted to credits at the stream's rate. More than 0, at most 24.
   */
  hours?: number;
  /**
   * Credits, given directly (1 credit = 1 unit of currency).
   */
  credits?: number;
  /**
   * What the work was, in a line.
   */
  what: string;
  /**
   * A link to the work (a pull request, a document).
   */
  link?: string;
}

/**
 * A decision that changes no other file, in governance/proposals/<NNNN>-<slug>.yaml.
 */
export interface Proposal {
  /**
   * The proposal in one line.
   */
  title: string;
  /**
   * The handle of the member who proposes it.
   */
  author: string;
  /**
   * The rule that decides it: one the constitution lets proposals choose. Defaults to the constitution's proposals.default.
   */
  decision?: string;
  /**
   * What is proposed and why.
   */
  summary?: string;
  /**
   * Links to discussion or supporting material.
   *
   * Items: A link.
   */
  links?: string[];
  payout?: Payout;
  /**
   * The commits this proposal ratifies: changes that landed on the governed branch without a decision (a direct push, a forgotten record). Once the record of this proposal's pull request lands, `coop audit` counts them as decided by it. A ratification needs the constitution's proposals.ratifications rule.
   *
   * @minItems 1
   *
   * Items: A full commit id (40 hexadecimal digits) of the governed branch.
   */
  ratifies?: string[];
}
/**
 * A monthly distribution of money to the credits of one month, as `coop payout --write` proposes it. When the pull request that adds this proposal is merged and recorded, these payments count as paid (divested) credits; whatever of the month's credits they leave unpaid stays owed (invested).
 */
export interface Payout {
  /**
   * The month whose credits are paid, as YYYY-MM.
   */
  month: string;
  /**
   * The money available for this distribution, in the constitution's currency.
   */
  pool: number;
  /**
   * The currency of the pool and the payments (the constitution's value.currency when it was written).
   */
  currency?: string;
  /**
   * One payment per person and stream: the month's credits and the money paid against them.
   */
  payments: Payment[];
}
/**
 * What one person is paid for one stream's credits of the month.
 */
export interface Payment {
  /**
   * The handle of the person paid.
   */
  member: string;
  /**
   * The value stream whose credits are paid: one of the constitution's streams.
   */
  stream: string;
  /**
   * The person's credits in this stream for the month, as logged when the payout was made.
   */
  credits: number;
  /**
   * The share of the full rate paid, for daters' paid work (their dating stage's rate); 1 when left out.
   */
  rate?: number;
  /**
   * The money paid, each unit divesting one credit; at most the credits times the rate.
   */
  paid: number;
}

/**
 * A full git commit id.
 */
export type Sha = string;

/**
 * The record of a decided pull request, in governance/decisions/<pr-number>.yaml. Written by the record action on merge, never by hand; append-only.
 */
export interface DecisionRecord {
  /**
   * The pull request's number; equals the file name.
   */
  pr: number;
  /**
   * The pull request's title.
   */
  title: string;
  /**
   * The forge login of the pull request's author.
   */
  author: string;
  /**
   * The commit the rules and the voter roll were read from.
   */
  base: string;
  /**
   * The pull request's head commit when it was decided.
   */
  head: string;
  /**
   * The commits that landed on the governed branch.
   *
   * @minItems 1
   */
  commits: Sha[];
  /**
   * The changes to the governance state that were decided.
   */
  changes: RecordedChange[];
  /**
   * Every rule the policy at base required; empty when none was needed.
   *
   * Items: A rule name of the constitution at base.
   */
  rules: string[];
  /**
   * When the proposal opened.
   */
  opened: string;
  /**
   * When the pull request last changed the governance state (for rules with reset_on_change).
   */
  changed?: string;
  /**
   * The handles of the members who could vote, from the roll at base.
   *
   * Items: A handle.
   */
  eligible: string[];
  /**
   * The votes that were cast, each voter's latest counting.
   */
  votes: RecordedVote[];
  /**
   * The outcome of the tally when the pull request was merged.
   */
  outcome: "passed" | "failed" | "blocked" | "pending";
  /**
   * When the decision was taken.
   */
  decided_at: string;
}
/**
 * One change: its kind and the handle (or file) it concerns.
 */
export interface RecordedChange {
  /**
   * The change kind.
   */
  kind:
    | "constitution.change"
    | "member.add"
    | "member.remove"
    | "member.tier"
    | "member.update"
    | "commitment.add"
    | "commitment.update"
    | "commitment.remove"
    | "contribution.add"
    | "contribution.update"
    | "contribution.remove"
    | "proposal.add"
    | "proposal.update"
    | "proposal.remove"
    | "decision.add"
    | "decision.update"
    | "decision.remove"
    | "path.change";
  /**
   * The handle (or proposal, or path) the change concerns.
   */
  subject?: string;
  /**
   * The file the change is in.
   */
  file?: string;
}
/**
 * One vote.
 */
export interface RecordedVote {
  /**
   * The handle of the member who voted.
   */
  voter: string;
  /**
   * yes, no, abstain or block.
   */
  vote: "yes" | "no" | "abstain" | "block";
  /**
   * When the vote was cast.
   */
  at: string;
  /**
   * Where the vote came from: a review or a /vote comment.
   */
  source?: "review" | "comment";
  /**
   * A link to the review or comment.
   */
  url?: string;
  /**
   * The reason the voter gave.
   */
  reason?: string;
}
