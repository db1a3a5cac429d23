// Dating stages belong to tiers that have stages, within their number.
import type { SemanticRule } from './rule.ts';
import { names, quoteList } from './rule.ts';

export const memberDating: SemanticRule = {
  id: 'member.dating',
  description: 'dating: is only on tiers with stages, and its stage is within the tier’s stages.',
  check(state, report) {
    if (state.constitution === undefined) return;
    const { tiers } = names(state.constitution.value);
    const staged = [...tiers.values()].filter((t) => t.stages !== undefined).map((t) => t.id);
    for (const doc of state.members.values()) {
      const tier = tiers.get(doc.value.tier);
      if (tier === undefined) continue;
      const dating = doc.value.dating;
      if (dating !== undefined && tier.stages === undefined) {
        report(
          doc,
          ['dating'],
          `The tier "${tier.id}" has no stages, so \`dating:\` does not apply. Remove it, or move the person to a tier with stages (${quoteList(staged)}).`,
          { at: 'key' },
        );
      } else if (dating !== undefined && tier.stages !== undefined && dating.stage > tier.stages) {
        report(
          doc,
          ['dating', 'stage'],
          `The tier "${tier.id}" has ${tier.stages} stage${tier.stages === 1 ? '' : 's'}; stage ${dating.stage} does not exist. Use a stage from 1 to ${tier.stages}.`,
        );
      } else if (dating === undefined && tier.stages !== undefined) {
        report(
          doc,
          ['tier'],
          `The tier "${tier.id}" has ${tier.stages} stages, and this file does not say which one they are in. Add \`dating: { stage: 1, since: ${doc.value.since} }\`.`,
          { severity: 'warning' },
        );
      }
    }
  },
};
