// The registry of semantic rules, run in this order after every file conforms to its schema; each
// lives in the file named after its id (member.tier-exists in member-tier-exists.ts) and is tested
// by the table of that id in rules.test.ts.
import { commitmentOverlap } from './commitment-overlap.ts';
import { constitutionReference } from './constitution-reference.ts';
import { contributionInMonth } from './contribution-in-month.ts';
import { dateFuture } from './date-future.ts';
import { dateReal } from './date-real.ts';
import { decisionRulesExist } from './decision-rules-exist.ts';
import { memberCircleExists } from './member-circle-exists.ts';
import { memberDating } from './member-dating.ts';
import { memberLoginUnique } from './member-login-unique.ts';
import { memberMentorExists } from './member-mentor-exists.ts';
import { memberTierExists } from './member-tier-exists.ts';
import { personMemberExists } from './person-member-exists.ts';
import { proposalAuthorExists } from './proposal-author-exists.ts';
import { proposalNumberUnique } from './proposal-number-unique.ts';
import { proposalPayout } from './proposal-payout.ts';
import { proposalRatifies } from './proposal-ratifies.ts';
import { proposalRuleAllowed } from './proposal-rule-allowed.ts';
import { streamExists } from './stream-exists.ts';
import type { SemanticRule } from './rule.ts';

export const semanticRules: readonly SemanticRule<string>[] = [
  constitutionReference,
  dateReal,
  dateFuture,
  memberLoginUnique,
  memberTierExists,
  memberCircleExists,
  memberMentorExists,
  memberDating,
  personMemberExists,
  contributionInMonth,
  streamExists,
  commitmentOverlap,
  proposalNumberUnique,
  proposalAuthorExists,
  proposalRuleAllowed,
  proposalPayout,
  proposalRatifies,
  decisionRulesExist,
];

export { runRules, type SemanticRule, type Report, type RuleContext } from './rule.ts';
export { RESERVED_RULES } from './constitution-reference.ts';
export { list } from './rule.ts';
