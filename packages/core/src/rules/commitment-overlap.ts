// A person pledges once for each quarter.
import type { SemanticRule } from './rule.ts';

export const commitmentOverlap: SemanticRule = {
  id: 'commitment.overlap',
  description: 'Commitment periods do not overlap: each quarter appears once.',
  check(state, report) {
    for (const doc of state.commitments.values()) {
      const first = new Map<string, number>();
      doc.value.periods.forEach((period, i) => {
        const earlier = first.get(period.quarter);
        if (earlier === undefined) first.set(period.quarter, i);
        else
          report(
            doc,
            ['periods', i, 'quarter'],
            `${period.quarter} is pledged twice (also in period ${earlier + 1}). Keep one pledge per quarter: merge the two.`,
          );
      });
    }
  },
};
