// A decision record matches its file name and names rules the constitution has.
import { names, quoteList, type SemanticRule } from './rule.ts';

export const decisionRulesExist: SemanticRule = {
  id: 'decision.rules-exist',
  description: "A decision record's rules are rules of the constitution, and its pr equals its file name.",
  check(state, report) {
    const { rules } = names(state.constitution?.value);
    for (const [pr, doc] of state.decisions) {
      if (String(doc.value.pr) !== pr) {
        report(
          doc,
          ['pr'],
          `This record says pr ${doc.value.pr} but is filed as decisions/${pr}.yaml. Records are written by the record action; restore the file from git.`,
        );
      }
      if (state.constitution === undefined) continue;
      doc.value.rules.forEach((rule, i) => {
        if (!rules.has(rule)) {
          report(
            doc,
            ['rules', i],
            `The rule "${rule}" is not in the constitution (it has: ${quoteList(rules)}). Records are append-only: keep a rule in the constitution while records name it.`,
          );
        }
      });
    }
  },
};
