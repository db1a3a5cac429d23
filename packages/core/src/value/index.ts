// The value tracking API: credits, the ledger, accounts, payouts and their distribution, commitments, the continuum, logging work.
export {
  addMonths,
  dateOf,
  daysBetween,
  isDate,
  isMonth,
  monthBounds,
  monthOf,
  monthsBetween,
  quarterBounds,
  quarterMonths,
  quartersBetween,
} from './calendar.ts';
export { entryCredits, entryCreditsExact, entryHours, round2 } from './credits.ts';
export type { Streams } from './credits.ts';
export { buildLedger, cellOf, creditsSince, sumCells } from './ledger.ts';
export type { Cell, Filter, Ledger } from './ledger.ts';
export { proposalDecisions } from './records.ts';
export type { ProposalDecision } from './records.ts';
export { paidCredits, paidFor, payoutProposals } from './payouts.ts';
export type { Paid, PayoutProposal, PayoutStatus } from './payouts.ts';
export { accountsOf } from './accounts.ts';
export type { Account, StreamAccount } from './accounts.ts';
export { defaultSplit, distribute } from './distribute.ts';
export type { Distribution, PaymentLine, ShareLine } from './distribute.ts';
export { commitmentFulfilment } from './commitments.ts';
export type { FulfilmentOptions, FulfilmentStatus, QuarterFulfilment, StreamFulfilment, Target, Unit } from './commitments.ts';
export { continuumOf } from './continuum.ts';
export type { Continuum, Placement, Suggestion, SuggestionKind } from './continuum.ts';
export { MAX_CREDITS, MAX_HOURS_A_DAY, appendEntry, checkLogRequest, entryOf, planLog } from './log.ts';
export type { LogField, LogIssue, LogPlan, LogRequest } from './log.ts';
export { formatAmount, monthName, nextProposalNumber, payoutProposalPath, payoutProposalText, payoutRule } from './payout-proposal.ts';
export type { PayoutProposalOptions, PayoutRule } from './payout-proposal.ts';
export { whyNoCommitments } from './commitments.ts';
export { historicalCredits, historicalCreditsExact } from './historical-credits.ts';
