// A contributions file holds the work of its folder's month only.
import type { SemanticRule } from './rule.ts';

export const contributionInMonth: SemanticRule = {
  id: 'contribution.in-month',
  description: "A contributions file's entries fall in its folder's month.",
  check(state, report) {
    for (const [key, doc] of state.contributions) {
      const month = key.slice(0, 7);
      doc.value.entries.forEach((entry, i) => {
        if (!entry.date.startsWith(`${month}-`)) {
          report(
            doc,
            ['entries', i, 'date'],
            `${entry.date} is not in ${month}, the month this file is filed under. Move the entry to governance/contributions/${entry.date.slice(0, 7)}/${key.slice(8)}.yaml, or correct the date.`,
          );
        }
      });
    }
  },
};
