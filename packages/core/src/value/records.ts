// Which proposals the decision records say were decided: a record whose changes add a proposal decided it.
import type { DecisionRecord } from '../generated/types.ts';
import { namedProposal, proposalIndex } from '../change/index.ts';
import type { Doc, State } from '../common/index.ts';

/** The record that decided a proposal, and how. */
export interface ProposalDecision {
  pr: number;
  file: string;
  outcome: DecisionRecord['outcome'];
  decidedAt: string;
}

/**
 * The decision of each proposal that a record names, by proposal key (`0007-adopt-care-rate`). A
 * record names a proposal by a `proposal.add` change read as `namesProposal` reads it (its `file`, or
 * its key or number as `subject`), the same reading by which `coop audit` pairs the change with the
 * commit that added the proposal. When several records name one proposal, the latest counts.
 * A proposal no record names is open: on the governed branch, the pull request that added it has not
 * been recorded yet.
 */
export function proposalDecisions(state: State): Map<string, ProposalDecision> {
  const index = proposalIndex(state.proposals.keys());
  const decided = new Map<string, ProposalDecision>();
  for (const doc of state.decisions.values()) {
    for (const change of doc.value.changes) {
      if (change.kind !== 'proposal.add') continue;
      const key = namedProposal(change, index);
      if (key === undefined) continue;
      const earlier = decided.get(key);
      if (earlier === undefined || earlier.decidedAt <= doc.value.decided_at) decided.set(key, decisionOf(doc));
    }
  }
  return decided;
}

function decisionOf(doc: Doc<DecisionRecord>): ProposalDecision {
  return { pr: doc.value.pr, file: doc.file, outcome: doc.value.outcome, decidedAt: doc.value.decided_at };
}
