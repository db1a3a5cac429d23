// A proposal's rule is one the constitution lets proposals choose.
import { quoteList, type SemanticRule } from './rule.ts';

export const proposalRuleAllowed: SemanticRule = {
  id: 'proposal.rule-allowed',
  description: "A proposal's decision is a rule the constitution lets proposals choose.",
  check(state, report) {
    const constitution = state.constitution?.value;
    if (constitution === undefined) return;
    const allowed = new Set(constitution.proposals?.rules ?? Object.keys(constitution.decisions));
    for (const doc of state.proposals.values()) {
      const rule = doc.value.decision;
      if (rule !== undefined && !allowed.has(rule)) {
        report(
          doc,
          ['decision'],
          `The rule "${rule}" is not one proposals may choose. Use one of: ${quoteList(allowed)}, or leave \`decision:\` out for the default.`,
        );
      }
    }
  },
};
