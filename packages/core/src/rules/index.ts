// The registry of semantic rules, run in this order after every file conforms to its schema.
import { commitmentPeriods } from './commitment-periods.ts';
import { constitutionConsistent } from './constitution-consistent.ts';
import { streamExists } from './contribution-stream-exists.ts';
import { contributionInMonth } from './contribution-in-month.ts';
import { datesFuture } from './dates-future.ts';
import { datesReal } from './dates-real.ts';
import { decisionRulesExist } from './decision-records.ts';
import { memberCircleExists } from './member-circle-exists.ts';
import { memberDating } from './member-dating.ts';
import { memberLoginUnique } from './member-login-unique.ts';
import { memberMentorExists } from './member-mentor-exists.ts';
import { memberTierExists } from './member-tier-exists.ts';
import { personFileHasMember } from './person-file-has-member.ts';
import { proposalAuthorExists, proposalNumberUnique, proposalRuleAllowed } from './proposal-numbers.ts';
import { proposalPayout } from './proposal-payout.ts';
import { proposalRatifies } from './proposal-ratifies.ts';
import type { SemanticRule } from './rule.ts';

export const semanticRules: readonly SemanticRule<string>[] = [
  constitutionConsistent,
  datesReal,
  datesFuture,
  memberLoginUnique,
  memberTierExists,
  memberCircleExists,
  memberMentorExists,
  memberDating,
  personFileHasMember,
  contributionInMonth,
  streamExists,
  commitmentPeriods,
  proposalNumberUnique,
  proposalAuthorExists,
  proposalRuleAllowed,
  proposalPayout,
  proposalRatifies,
  decisionRulesExist,
];

export { runRules, type SemanticRule, type Report, type RuleContext } from './rule.ts';
export { RESERVED_RULES } from './constitution-consistent.ts';
export { list } from './rule.ts';
