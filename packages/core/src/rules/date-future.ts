// A member's `since:` and `dating.since` say when something began, so they are not after today.
import { isRealDate } from '../common/index.ts';
import type { SemanticRule } from './rule.ts';

export const dateFuture: SemanticRule = {
  id: 'date.future',
  description: 'A member’s since: and dating.since are not after today (a warning; only when a clock is given).',
  check(state, report, { today }) {
    if (today === undefined) return;
    for (const doc of state.members.values()) {
      const { since, dating } = doc.value;
      if (isRealDate(since) && since > today) {
        report(
          doc,
          ['since'],
          `${since} is after today (${today}): \`since:\` is the date they entered the tier "${doc.value.tier}". Write the day it happened; a move planned for later is made by a pull request on that day.`,
          { severity: 'warning' },
        );
      }
      if (dating !== undefined && isRealDate(dating.since) && dating.since > today) {
        report(
          doc,
          ['dating', 'since'],
          `${dating.since} is after today (${today}): \`dating.since\` is the date they entered stage ${dating.stage}. Write the day it happened; a move to a stage planned for later is made by a pull request on that day.`,
          { severity: 'warning' },
        );
      }
    }
  },
};
