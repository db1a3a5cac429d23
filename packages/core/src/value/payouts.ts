// The payouts of a state: payout proposals, whether their distribution was decided, and what they paid.
import type { Payout } from '../generated/types.ts';
import type { State } from '../common/index.ts';
import { proposalDecisions, type ProposalDecision } from './records.ts';

/**
 * `paid`: a decision record says the proposal passed, so its payments were made and divest credits.
 * `proposed`: no record names it yet (its pull request is open, or was merged without the record
 * action): it pays nothing yet. `rejected`: a record says it did not pass.
 */
export type PayoutStatus = 'paid' | 'proposed' | 'rejected';

export interface PayoutProposal {
  key: string;
  file: string;
  title: string;
  payout: Payout;
  status: PayoutStatus;
  decision?: ProposalDecision;
}

/** Every proposal that carries a payout, in proposal order. */
export function payoutProposals(state: State, decisions: Map<string, ProposalDecision> = proposalDecisions(state)): PayoutProposal[] {
  const out: PayoutProposal[] = [];
  for (const [key, doc] of [...state.proposals].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const payout = doc.value.payout;
    if (payout === undefined) continue;
    const decision = decisions.get(key);
    const status: PayoutStatus = decision === undefined ? 'proposed' : decision.outcome === 'passed' ? 'paid' : 'rejected';
    out.push({ key, file: doc.file, title: doc.value.title, payout, status, ...(decision ? { decision } : {}) });
  }
  return out;
}

/** Money paid by the payouts that were decided: handle → month → stream → amount. */
export type Paid = Map<string, Map<string, Map<string, number>>>;

export function paidCredits(payouts: readonly PayoutProposal[]): Paid {
  const paid: Paid = new Map();
  for (const { payout, status } of payouts) {
    if (status !== 'paid') continue;
    for (const payment of payout.payments) {
      let byMonth = paid.get(payment.member);
      if (byMonth === undefined) paid.set(payment.member, (byMonth = new Map<string, Map<string, number>>()));
      let byStream = byMonth.get(payout.month);
      if (byStream === undefined) byMonth.set(payout.month, (byStream = new Map<string, number>()));
      byStream.set(payment.stream, (byStream.get(payment.stream) ?? 0) + payment.paid);
    }
  }
  return paid;
}

/** What the decided payouts paid one person for one stream of one month. */
export function paidFor(paid: Paid, handle: string, month: string, stream: string): number {
  return paid.get(handle)?.get(month)?.get(stream) ?? 0;
}
