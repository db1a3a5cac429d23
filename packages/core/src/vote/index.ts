// Votes: the roll at base, the decision methods, the tally, and deciding a pull request.
export { decideCheck, tallyPullRequest } from './pull-request.ts';
export type { CheckedVotes, Decision, PullRequestVotes, RuleDecision } from './pull-request.ts';
export { ZERO, add, fromNumber, mul, ratio, shareOf, toNumber } from './ratio.ts';
export type { Ratio } from './ratio.ts';
export { electorateOf, rollOf } from './roll.ts';
export type { Electorate, Roll, RollMember, Standing } from './roll.ts';
export { choices, combine, tally } from './tally.ts';
export type { Choice, CombinedTally, CountedVote, Ignored, Outcome, RuleTally, TallyInput, Vote } from './tally.ts';
