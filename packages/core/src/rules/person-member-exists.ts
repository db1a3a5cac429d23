// Commitments and contributions belong to people who have a member file.
import { memberExists } from '../common/index.ts';
import type { SemanticRule } from './rule.ts';

export const personMemberExists: SemanticRule = {
  id: 'person.member-exists',
  description: 'Every commitments and contributions file belongs to a member with a file in members/.',
  check(state, report) {
    for (const [handle, doc] of state.commitments) {
      if (!memberExists(state, handle))
        report(doc, [], `There is no member "${handle}" (governance/members/${handle}.yaml). Add the member, or name this file after an existing handle.`);
    }
    for (const [key, doc] of state.contributions) {
      const handle = key.slice(8);
      if (!memberExists(state, handle))
        report(doc, [], `There is no member "${handle}" (governance/members/${handle}.yaml). Add the member, or name this file after an existing handle.`);
    }
  },
};
