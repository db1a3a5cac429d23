// A proposal's author is a member.
import { memberExists } from '../common/index.ts';
import type { SemanticRule } from './rule.ts';

export const proposalAuthorExists: SemanticRule = {
  id: 'proposal.author-exists',
  description: "A proposal's author is a member.",
  check(state, report) {
    for (const doc of state.proposals.values()) {
      if (!memberExists(state, doc.value.author)) {
        report(
          doc,
          ['author'],
          `The author "${doc.value.author}" is not a member: there is no governance/members/${doc.value.author}.yaml. Use an existing member's handle.`,
        );
      }
    }
  },
};
