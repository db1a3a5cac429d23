// Each person's forge login (their github, else their handle) belongs to one member only.
import type { SemanticRule } from './rule.ts';

export const memberLoginUnique: SemanticRule = {
  id: 'member.login-unique',
  description: "Members' forge logins (github, else the handle) are unique, ignoring case.",
  check(state, report) {
    const owner = new Map<string, string>();
    for (const [handle, doc] of state.members) {
      const login = (doc.value.github ?? handle).toLowerCase();
      const other = owner.get(login);
      if (other === undefined) {
        owner.set(login, handle);
        continue;
      }
      report(
        doc,
        doc.value.github === undefined ? [] : ['github'],
        `The login "${login}" already belongs to ${other} (governance/members/${other}.yaml); logins are matched ignoring case, so votes could not tell them apart. Give each member their own \`github:\` login.`,
      );
    }
  },
};
