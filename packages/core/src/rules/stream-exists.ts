// Contributions and pledges name streams the constitution tracks.
import { names, quoteList, type SemanticRule } from './rule.ts';

export const streamExists: SemanticRule = {
  id: 'stream.exists',
  description: "Contributions and pledges name one of the constitution's value streams.",
  check(state, report) {
    if (state.constitution === undefined) return;
    const { streams } = names(state.constitution.value);
    const fix =
      streams.size === 0
        ? 'This constitution tracks no value: add `value: { streams: ... }` to governance/constitution.yaml first.'
        : `Use one of: ${quoteList(streams)}.`;
    for (const doc of state.contributions.values()) {
      doc.value.entries.forEach((entry, i) => {
        if (!streams.has(entry.stream)) report(doc, ['entries', i, 'stream'], `The stream "${entry.stream}" is not in the constitution. ${fix}`);
      });
    }
    for (const doc of state.commitments.values()) {
      doc.value.periods.forEach((period, i) => {
        for (const stream of Object.keys(period.pledge)) {
          if (!streams.has(stream)) report(doc, ['periods', i, 'pledge', stream], `The stream "${stream}" is not in the constitution. ${fix}`, { at: 'key' });
        }
      });
    }
  },
};
