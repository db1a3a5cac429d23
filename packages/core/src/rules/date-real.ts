// Every date and time in the state names a day or moment that exists.
import { dayProblem, instantProblem, isRealDate, isRealInstant } from '../common/index.ts';
import type { Doc } from '../common/index.ts';
import type { Report, SemanticRule } from './rule.ts';

const DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
const INSTANT = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T/;

export const dateReal: SemanticRule = {
  id: 'date.real',
  description: 'Dates and times name days and moments that exist (2026-02-30 does not).',
  check(state, report) {
    const docs: Doc<unknown>[] = [
      ...(state.constitution ? [state.constitution] : []),
      ...state.members.values(),
      ...state.commitments.values(),
      ...state.contributions.values(),
      ...state.proposals.values(),
      ...state.decisions.values(),
    ];
    for (const doc of docs) visit(doc, doc.value, [], report);
  },
};

function visit(doc: Doc<unknown>, value: unknown, path: (string | number)[], report: Report): void {
  if (typeof value === 'string') {
    if (DATE.test(value) && !isRealDate(value)) {
      report(doc, path, `${value} ${dayProblem(value)}. Check the month and day (write YYYY-MM-DD).`);
    } else if (INSTANT.test(value) && !isRealInstant(value)) {
      report(doc, path, `${value} ${instantProblem(value, 'not-real')}. Check the date and the time.`);
    }
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => visit(doc, item, [...path, i], report));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      // Free text (summaries, statements) is not a date even when it starts like one.
      if (key === 'summary' || key === 'statement' || key === 'what' || key === 'note' || key === 'description') continue;
      visit(doc, item, [...path, key], report);
    }
  }
}
