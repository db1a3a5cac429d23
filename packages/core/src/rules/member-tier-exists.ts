// A member's tier is one the constitution names.
import { names, quoteList, type SemanticRule } from './rule.ts';

export const memberTierExists: SemanticRule = {
  id: 'member.tier-exists',
  description: "A member's tier is one of the constitution's tiers.",
  check(state, report) {
    if (state.constitution === undefined) return;
    const { tiers } = names(state.constitution.value);
    for (const doc of state.members.values()) {
      if (!tiers.has(doc.value.tier)) {
        report(doc, ['tier'], `The tier "${doc.value.tier}" is not in the constitution. Use one of: ${quoteList(tiers.keys())}.`);
      }
    }
  },
};
