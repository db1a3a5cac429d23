// Each proposal number is used once.
import type { SemanticRule } from './rule.ts';

export const proposalNumberUnique: SemanticRule = {
  id: 'proposal.number-unique',
  description: 'Proposal numbers are unique.',
  check(state, report) {
    const first = new Map<number, string>();
    for (const [key, doc] of state.proposals) {
      const number = Number(key.slice(0, key.indexOf('-')));
      const earlier = first.get(number);
      if (earlier === undefined) first.set(number, key);
      else
        report(
          doc,
          [],
          `Proposal number ${key.slice(0, key.indexOf('-'))} is already used by governance/proposals/${earlier}.yaml. Give this proposal the next free number.`,
        );
    }
  },
};
