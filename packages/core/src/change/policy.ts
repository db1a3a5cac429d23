// Which rule each change needs: the constitution's ordered policy (first match wins), and the invariants no constitution can lift.
import type { ForbiddenCode } from '../common/index.ts';
import type { Change } from './diff.ts';
import type { Constitution, PolicyEntry } from '../generated/types.ts';
import { governedBy } from './paths.ts';
import { list } from '../rules/index.ts';

/** One answer to "which rule does this change need", and who gave it. */
export interface Ruling {
  /** The constitution whose policy was read: always the base; the head too for a constitution.change. */
  under: 'base' | 'head';
  /** A policy entry, the constitution's `default`, or an invariant of Cooperage that no constitution can change. */
  by: 'policy' | 'default' | 'invariant';
  /** The index of the policy entry that matched, when `by` is `policy`. */
  policy?: number;
  /** What the entry (or default) says, before `as-proposed` is resolved. */
  said?: string;
  /** What the change needs: a rule name, `none` or `forbidden`. */
  rule: string;
  /** The policy entry's note. */
  note?: string;
  /** Why the outcome is what it is when the entry's word alone does not say: an invariant, `as-proposed` resolved, a rule not declared. */
  reason?: string;
  /** Why the change is forbidden, when `rule` is `forbidden` (codes.ts). */
  code?: ForbiddenCode;
}

/** A change with what it needs. */
export interface JudgedChange extends Change {
  /** Whether the pull request's author is the change's subject. */
  self: boolean;
  /** The rules it needs, by name; empty when it needs none (or only `forbidden`). */
  requires: string[];
  forbidden: boolean;
  rulings: Ruling[];
  /** People who do not vote on this change: the subject of a member.remove or member.tier. */
  standsAside?: string[];
  /** member.tier: the move's direction along the base constitution's tiers. */
  direction?: 'inward' | 'outward';
}

export interface Judgement {
  changes: JudgedChange[];
  /** Every rule the pull request needs, each once, in the order first needed. All of them must pass. */
  requires: string[];
  /** The changes no vote can allow. */
  forbidden: JudgedChange[];
}

export interface PolicyContext {
  /** The base commit's constitution: its policy decides every change. */
  base: Constitution;
  /** The head's constitution, when it has a valid one: a constitution.change must pass under it too. */
  head?: Constitution;
  /** The pull request author's forge login. */
  author: string;
}

const DECISION_ADD =
  'Decision records are written only by the record action, when a pull request is merged; a pull request may not add one. Remove this file from the pull request.';
const DECISION_EDIT = 'Decision records are append-only: once written they are never changed or removed. Restore this file as it is on the base branch.';

/** Gives each change the rules it needs under the base constitution's policy and Cooperage's invariants. */
export function requiredRules(changes: readonly Change[], context: PolicyContext): Judgement {
  const judged = changes.map((change) => judge(change, context));
  const requires = [...new Set(judged.flatMap((c) => c.requires))];
  return { changes: judged, requires, forbidden: judged.filter((c) => c.forbidden) };
}

/** Whether the pull request's author (a forge login) is the change's subject. Logins match case-insensitively. */
export function isSelf(change: Pick<Change, 'login'>, author: string): boolean {
  return change.login !== undefined && change.login.toLowerCase() === author.toLowerCase();
}

function judge(change: Change, context: PolicyContext): JudgedChange {
  const self = isSelf(change, context.author);
  const rulings: Ruling[] = [];
  if (change.kind === 'decision.add') {
    rulings.push({ under: 'base', by: 'invariant', rule: 'forbidden', reason: DECISION_ADD, code: 'forbidden.decision-add' });
  } else if (change.kind === 'decision.update' || change.kind === 'decision.remove') {
    rulings.push({ under: 'base', by: 'invariant', rule: 'forbidden', reason: DECISION_EDIT, code: 'forbidden.decision-edit' });
  } else {
    rulings.push(decide(change, self, context.base, 'base'));
    // A pull request may not escape the rules it writes: the new constitution must allow itself.
    if (change.kind === 'constitution.change' && context.head !== undefined) rulings.push(decide(change, self, context.head, 'head'));
  }
  const requires = [...new Set(rulings.map((r) => r.rule).filter((r) => r !== 'none' && r !== 'forbidden'))];
  const standsAside = (change.kind === 'member.remove' || change.kind === 'member.tier') && change.subject !== undefined ? [change.subject] : undefined;
  const direction = directionOf(change, context.base);
  return {
    ...change,
    self,
    requires,
    forbidden: rulings.some((r) => r.rule === 'forbidden'),
    rulings,
    ...(standsAside ? { standsAside } : {}),
    ...(direction ? { direction } : {}),
  };
}

/**
 * The ruling of one constitution's policy on a change: the first entry that matches, else its default.
 * A proposal.add of a ratification or a payout then needs the rule the constitution names for those
 * (see `proposalRule`), unless the policy forbids it.
 */
export function decide(change: Change, self: boolean, constitution: Constitution, under: 'base' | 'head'): Ruling {
  const index = constitution.policy.findIndex((entry) => matches(entry, change, self, constitution));
  if (index === -1) {
    return proposalRule(
      { under, by: 'default', said: constitution.default, ...resolve(constitution.default, change, constitution, 'default') },
      change,
      constitution,
    );
  }
  const entry = constitution.policy[index]!;
  const ruling: Ruling = {
    under,
    by: 'policy',
    policy: index,
    said: entry.rule,
    ...resolve(entry.rule, change, constitution, `policy entry ${index + 1}`),
    ...(entry.note !== undefined ? { note: entry.note } : {}),
  };
  return proposalRule(ruling, change, constitution);
}

/**
 * Adding a proposal that ratifies commits needs the constitution's `proposals.ratifications` rule (its
 * `default` when it names none), and adding a payout needs `proposals.payouts` when it names one,
 * whatever the proposal's decision field or the policy entry says: a ratification decides what
 * landed undecided, and a payout moves money. A ratification that is also a payout is judged as a
 * ratification. What the policy forbids stays forbidden.
 */
function proposalRule(ruling: Ruling, change: Change, c: Constitution): Ruling {
  if (change.kind !== 'proposal.add' || ruling.rule === 'forbidden') return ruling;
  const { reason: _, ...rest } = ruling;
  if (change.proposal?.ratifies !== undefined) {
    const named = c.proposals?.ratifications;
    const rule = named ?? c.default;
    const where =
      named !== undefined
        ? 'rule for ratifications (proposals.ratifications)'
        : 'default rule, as it names no rule for ratifications (proposals.ratifications)';
    const what = `This proposal ratifies ${change.proposal.ratifies.length === 1 ? 'a commit' : `${change.proposal.ratifies.length} commits`} that landed undecided`;
    return {
      ...rest,
      ...declaredRule(
        rule,
        c,
        `${what}, so it needs the constitution's ${where}, ${rule}, whatever its decision field says.`,
        `${what}, so it needs the constitution's ${where}`,
      ),
    };
  }
  const payouts = c.proposals?.payouts;
  if (change.proposal?.payout !== undefined && payouts !== undefined) {
    const what = 'This proposal is a payout, which moves money';
    return {
      ...rest,
      ...declaredRule(
        payouts,
        c,
        `${what}, so it needs the constitution's rule for payouts (proposals.payouts), ${payouts}, whatever its decision field says.`,
        `${what}, so it needs the constitution's rule for payouts (proposals.payouts)`,
      ),
    };
  }
  return ruling;
}

/** What a constitution's word resolves to: the rule a change needs, why when the word alone does not say, and why it is forbidden. */
type Resolved = { rule: string; reason?: string; code?: ForbiddenCode };

/** A rule the constitution names outside its policy, failing closed when it is not declared. */
function declaredRule(rule: string, c: Constitution, reason: string, what: string): Resolved & { reason: string } {
  if (rule === 'none' || Object.hasOwn(c.decisions, rule)) return { rule, reason };
  if (rule === 'forbidden') return { rule, reason: `${what}, which is forbidden: no vote can allow it.`, code: 'forbidden.policy' };
  return {
    rule: 'forbidden',
    reason: `${what}, "${rule}", which is not declared under decisions, so no vote could pass it. Declare the rule or name a declared one (by its own pull request).`,
    code: 'forbidden.undeclared-rule',
  };
}

/** Whether a policy entry applies to a change. */
export function matches(entry: PolicyEntry, change: Change, self: boolean, constitution: Constitution): boolean {
  if (entry.paths !== undefined) {
    if (change.kind !== 'path.change' || !governedBy(change.file, entry.paths)) return false;
  } else if (!list(entry.change).some((pattern) => kindPattern(pattern).test(change.kind))) {
    return false;
  }
  if (entry.self !== undefined && entry.self !== self) return false;
  const tiers = list(entry.tier);
  if (tiers.length > 0 && (change.tier?.to === undefined || !tiers.includes(change.tier.to))) return false;
  const from = list(entry.from);
  if (from.length > 0 && (change.tier?.from === undefined || !from.includes(change.tier.from))) return false;
  if (entry.direction !== undefined && directionOf(change, constitution) !== entry.direction) return false;
  return true;
}

/** A member.tier move toward the first-listed tier is inward; between tiers the constitution does not list, neither. */
export function directionOf(change: Change, constitution: Constitution): 'inward' | 'outward' | undefined {
  if (change.kind !== 'member.tier' || change.tier?.from === undefined || change.tier.to === undefined) return undefined;
  const order = constitution.tiers.map((t) => t.id);
  const from = order.indexOf(change.tier.from);
  const to = order.indexOf(change.tier.to);
  if (from === -1 || to === -1 || from === to) return undefined;
  return to < from ? 'inward' : 'outward';
}

/** `*` in a change pattern stands for any run of letters, as in commitment.* or *.add. */
function kindPattern(pattern: string): RegExp {
  return new RegExp(`^${pattern.replace(/\./g, '\\.').replace(/\*/g, '[a-z]*')}$`);
}

/** Turns what a policy entry says into what the change needs, failing closed where it cannot be honoured. */
function resolve(said: string, change: Change, c: Constitution, source: string): Resolved {
  if (said === 'none') return { rule: said };
  if (said === 'forbidden') return { rule: said, code: 'forbidden.policy' };
  if (said === 'as-proposed') return asProposed(change, c, source);
  if (Object.hasOwn(c.decisions, said)) return { rule: said };
  return {
    rule: 'forbidden',
    reason: `${source} names the rule "${said}", which the constitution does not declare under decisions, so no vote could pass it. Declare the rule or correct the policy (by its own pull request).`,
    code: 'forbidden.undeclared-rule',
  };
}

function asProposed(change: Change, c: Constitution, source: string): Resolved {
  if (change.proposal === undefined) {
    return {
      rule: 'forbidden',
      reason: `${source} says as-proposed, but this change is not a proposal, so it names no rule. Give this kind of change a rule of its own in the constitution's policy (by its own pull request).`,
      code: 'forbidden.as-proposed',
    };
  }
  const allowed = c.proposals?.rules ?? Object.keys(c.decisions);
  const named = change.proposal.decision;
  const rule = named ?? c.proposals?.default ?? c.default;
  if (named !== undefined && !allowed.includes(named)) {
    return {
      rule: 'forbidden',
      reason: `The proposal names the rule "${named}", which the constitution does not let proposals choose. Use one of: ${allowed.join(', ')}, or leave decision out for ${c.proposals?.default ?? c.default}.`,
      code: 'forbidden.rule-not-allowed',
    };
  }
  if (rule === 'none' || rule === 'forbidden') {
    return {
      rule,
      reason: named === undefined ? `The proposal names no rule; the default for proposals is ${rule}.` : `The proposal names ${rule}.`,
      ...(rule === 'forbidden' ? { code: 'forbidden.policy' as const } : {}),
    };
  }
  if (!Object.hasOwn(c.decisions, rule)) {
    return {
      rule: 'forbidden',
      reason: `The proposal's rule "${rule}" is not declared under decisions, so no vote could pass it. Choose a declared rule.`,
      code: 'forbidden.undeclared-rule',
    };
  }
  return {
    rule,
    reason:
      named === undefined ? `The proposal names no rule, so it gets the default for proposals, ${rule}.` : `The proposal names ${rule} in its decision field.`,
  };
}
