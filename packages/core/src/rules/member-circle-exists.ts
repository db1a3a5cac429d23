// The circles a member takes part in are ones the constitution names.
import { names, quoteList, type SemanticRule } from './rule.ts';

export const memberCircleExists: SemanticRule = {
  id: 'member.circle-exists',
  description: "The circles in a member's file are declared under the constitution's circles.",
  check(state, report) {
    if (state.constitution === undefined) return;
    const { circles } = names(state.constitution.value);
    for (const doc of state.members.values()) {
      for (const circle of Object.keys(doc.value.circles ?? {})) {
        if (!circles.has(circle)) {
          report(
            doc,
            ['circles', circle],
            `The circle "${circle}" is not declared in the constitution. Use one of: ${quoteList(circles)}, or add it under \`circles:\` in governance/constitution.yaml.`,
            { at: 'key' },
          );
        }
      }
    }
  },
};
