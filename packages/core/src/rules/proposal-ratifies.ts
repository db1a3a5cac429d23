// A ratification names each commit once across the proposals, and does not pretend to choose its own rule.
import type { SemanticRule } from './rule.ts';

export const proposalRatifies: SemanticRule = {
  id: 'proposal.ratifies',
  description: 'A commit is ratified by one proposal only, and a ratification does not name a rule of its own in decision.',
  check(state, report) {
    const first = new Map<string, string>();
    for (const [, doc] of [...state.proposals].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const ratifies = doc.value.ratifies;
      if (ratifies === undefined) continue;
      ratifies.forEach((commit, i) => {
        const earlier = first.get(commit);
        if (earlier === undefined) first.set(commit, doc.file);
        else {
          report(
            doc,
            ['ratifies', i],
            `The commit ${commit.slice(0, 7)} is already ratified by ${earlier}; once that proposal's record lands, it counts as decided. Remove it from one of the two.`,
            { severity: 'warning' },
          );
        }
      });
      const constitution = state.constitution?.value;
      const decision = doc.value.decision;
      if (constitution === undefined || decision === undefined) continue;
      const rule = constitution.proposals?.ratifications ?? constitution.default;
      if (decision !== rule) {
        const why =
          constitution.proposals?.ratifications !== undefined
            ? 'rule for ratifications (proposals.ratifications)'
            : 'default rule (it names no proposals.ratifications)';
        const allowed = constitution.proposals?.rules ?? Object.keys(constitution.decisions);
        const fix = allowed.includes(rule) ? `Remove decision:, or write decision: ${rule}.` : 'Remove decision:.';
        report(doc, ['decision'], `A ratification is decided by the constitution's ${why}, ${rule}, not by ${decision}. ${fix}`, { severity: 'warning' });
      }
    }
  },
};
