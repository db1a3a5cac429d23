// Each proposal number is used once, its author is a member, and its rule is one proposals may choose.
import { memberExists } from '../common/index.ts';
import { quoteList, type SemanticRule } from './rule.ts';

export const proposalNumberUnique: SemanticRule = {
  id: 'proposal.number-unique',
  description: 'Proposal numbers are unique.',
  check(state, report) {
    const first = new Map<number, string>();
    for (const [key, doc] of state.proposals) {
      const number = Number(key.slice(0, key.indexOf('-')));
      const earlier = first.get(number);
      if (earlier === undefined) first.set(number, key);
      else report(doc, [], `Proposal number ${key.slice(0, key.indexOf('-'))} is already used by governance/proposals/${earlier}.yaml. Give this proposal the next free number.`);
    }
  },
};

export const proposalAuthorExists: SemanticRule = {
  id: 'proposal.author-exists',
  description: "A proposal's author is a member.",
  check(state, report) {
    for (const doc of state.proposals.values()) {
      if (!memberExists(state, doc.value.author)) {
        report(doc, ['author'], `The author "${doc.value.author}" is not a member: there is no governance/members/${doc.value.author}.yaml. Use an existing member's handle.`);
      }
    }
  },
};

export const proposalRuleAllowed: SemanticRule = {
  id: 'proposal.rule-allowed',
  description: "A proposal's decision is a rule the constitution lets proposals choose.",
  check(state, report) {
    const constitution = state.constitution?.value;
    if (constitution === undefined) return;
    const allowed = new Set(constitution.proposals?.rules ?? Object.keys(constitution.decisions));
    for (const doc of state.proposals.values()) {
      const rule = doc.value.decision;
      if (rule !== undefined && !allowed.has(rule)) {
        report(doc, ['decision'], `The rule "${rule}" is not one proposals may choose. Use one of: ${quoteList(allowed)}, or leave \`decision:\` out for the default.`);
      }
    }
  },
};
