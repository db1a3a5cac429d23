// Which proposals the decision records say were decided: a record whose changes add a proposal decided it.
import type { DecisionRecord } from '../generated/types.ts';
import { GOVERNANCE, type Doc, type State } from '../state.ts';

/** The record that decided a proposal, and how. */
export interface ProposalDecision {
  pr: number;
  file: string;
  outcome: DecisionRecord['outcome'];
  decidedAt: string;
}

/**
 * The decision of each proposal that a record names, by proposal key (`0007-adopt-care-rate`). A
 * record names a proposal by a `proposal.add` change whose `file` is the proposal's path or whose
 * `subject` is its key or its number. When several records name one proposal, the latest counts.
 * A proposal no record names is open: on the governed branch, the pull request that added it has not
 * been recorded yet.
 */
export function proposalDecisions(state: State): Map<string, ProposalDecision> {
  const byNumber = new Map<string, string>();
  for (const key of state.proposals.keys()) byNumber.set(String(Number(key.slice(0, key.indexOf('-')))), key);
  const decided = new Map<string, ProposalDecision>();
  for (const doc of state.decisions.values()) {
    for (const change of doc.value.changes) {
      if (change.kind !== 'proposal.add') continue;
      const key = keyOf(change.file) ?? (change.subject === undefined ? undefined : state.proposals.has(change.subject) ? change.subject : byNumber.get(String(Number(change.subject))));
      if (key === undefined || !state.proposals.has(key)) continue;
      const earlier = decided.get(key);
      if (earlier === undefined || earlier.decidedAt <= doc.value.decided_at) decided.set(key, decisionOf(doc));
    }
  }
  return decided;
}

function keyOf(file: string | undefined): string | undefined {
  const prefix = `${GOVERNANCE}/proposals/`;
  if (file === undefined || !file.startsWith(prefix) || !file.endsWith('.yaml')) return undefined;
  return file.slice(prefix.length, -'.yaml'.length);
}

function decisionOf(doc: Doc<DecisionRecord>): ProposalDecision {
  return { pr: doc.value.pr, file: doc.file, outcome: doc.value.outcome, decidedAt: doc.value.decided_at };
}
