// A mentor is another member of the project.
import { memberExists } from '../common/index.ts';
import type { SemanticRule } from './rule.ts';

export const memberMentorExists: SemanticRule = {
  id: 'member.mentor-exists',
  description: "A member's mentor is another existing member.",
  check(state, report) {
    for (const [handle, doc] of state.members) {
      const mentor = doc.value.mentor;
      if (mentor === undefined) continue;
      if (mentor === handle) {
        report(doc, ['mentor'], 'A member cannot mentor themselves. Name another member as mentor, or remove `mentor:`.');
      } else if (!memberExists(state, mentor)) {
        report(doc, ['mentor'], `The mentor "${mentor}" is not a member: there is no governance/members/${mentor}.yaml. Use an existing member's handle.`);
      }
    }
  },
};
