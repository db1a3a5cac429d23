// Decides a pull request: tallies the votes under every rule its judged changes need, base and head, all of which must pass.
import type { Constitution, Rule } from '../generated/types.ts';
import type { CheckResult, JudgedChange } from '../change/index.ts';
import { rollOf, type Roll } from './roll.ts';
import { combine, tally, type CombinedTally, type Outcome, type RuleTally, type Vote } from './tally.ts';

export interface PullRequestVotes {
  /** The changes as coop check judged them, each with its rulings. */
  changes: readonly JudgedChange[];
  /** Whether the head validates; an invalid head cannot pass. */
  headValid: boolean;
  /** Files the head and the base both changed in ways that do not merge: no vote can pass it until they do. */
  conflicts?: readonly string[];
  /** The base's constitution: its rules, and always its roll. */
  base: Constitution;
  /** The head's constitution, whose rules a constitution.change must also pass. */
  head?: Constitution;
  /** The roll at base. */
  roll: Roll;
  /** Historical credits at base, by handle. */
  credits?: ReadonlyMap<string, number>;
  votes: readonly Vote[];
  opened: string;
  changed?: string;
  now: string;
}

/** One rule tallied, which constitutions asked for it, and for which changes. */
export interface RuleDecision {
  tally: RuleTally;
  /** `base`, `head` or both: the same rule, word for word, in both constitutions is tallied once. */
  under: ('base' | 'head')[];
  changes: JudgedChange[];
}

export interface Decision {
  outcome: Outcome;
  decides_at: string | null;
  /** Why, when the pull request fails whatever the votes: an invalid head, forbidden changes. */
  reasons: string[];
  rules: RuleDecision[];
  ignored: CombinedTally['ignored'];
}

/**
 * Every (rule, constitution) pair a change's rulings name, with the subjects standing aside on it,
 * tallied on the base roll. A subject of a member.remove or member.tier stands aside on every rule
 * that change needs, so also on other changes needing the same rule in the same pull request.
 */
export function tallyPullRequest(input: PullRequestVotes): Decision {
  const needed = new Map<string, { name: string; rule: Rule; under: ('base' | 'head')[]; aside: Set<string>; changes: JudgedChange[] }>();
  for (const change of input.changes) {
    for (const ruling of change.rulings) {
      if (ruling.rule === 'none' || ruling.rule === 'forbidden') continue;
      const constitution = ruling.under === 'base' ? input.base : input.head;
      const rule = constitution !== undefined && Object.hasOwn(constitution.decisions, ruling.rule) ? constitution.decisions[ruling.rule] : undefined;
      if (rule === undefined) continue; // the policy has already made such a change forbidden
      const key = `${ruling.under}\n${ruling.rule}`;
      let entry = needed.get(key);
      if (entry === undefined) {
        entry = { name: ruling.rule, rule, under: [ruling.under], aside: new Set(), changes: [] };
        needed.set(key, entry);
      }
      for (const handle of change.standsAside ?? []) entry.aside.add(handle);
      if (!entry.changes.includes(change)) entry.changes.push(change);
    }
  }
  // A head rule identical to the base's, with the same people aside, is the same tally.
  for (const [key, entry] of needed) {
    if (!key.startsWith('head\n')) continue;
    const twin = needed.get(`base\n${entry.name}`);
    if (twin !== undefined && sameRule(twin.rule, entry.rule) && sameSet(twin.aside, entry.aside)) {
      twin.under.push('head');
      for (const change of entry.changes) if (!twin.changes.includes(change)) twin.changes.push(change);
      needed.delete(key);
    }
  }

  const added = input.changes.filter((c) => c.kind === 'member.add' && c.login !== undefined).map((c) => c.login!);
  const rules: RuleDecision[] = [...needed.values()].map((entry) => ({
    tally: tally({
      name: entry.name,
      rule: entry.rule,
      roll: input.roll,
      votes: input.votes,
      opened: input.opened,
      now: input.now,
      standAside: [...entry.aside].sort(),
      added,
      ...(input.changed !== undefined ? { changed: input.changed } : {}),
      ...(input.credits !== undefined ? { credits: input.credits } : {}),
    }),
    under: entry.under,
    changes: entry.changes,
  }));

  const combined = combine(rules.map((r) => r.tally));
  const reasons: string[] = [];
  const conflicts = input.conflicts ?? [];
  if (conflicts.length > 0) {
    reasons.push(
      `The pull request does not merge cleanly (${conflicts.join(', ')} changed on both sides): no vote can pass it until the target is rebased or merged into the branch.`,
    );
  }
  if (!input.headValid) reasons.push('The state this pull request would give is not valid: no vote can pass it until its errors are fixed.');
  const forbidden = input.changes.filter((c) => c.forbidden);
  if (forbidden.length > 0) {
    reasons.push(
      `${forbidden.length === 1 ? 'A change is' : `${forbidden.length} changes are`} forbidden (${forbidden.map((c) => `${c.kind}${c.subject ? ` ${c.subject}` : ''} in ${c.file}`).join('; ')}): no vote can allow ${forbidden.length === 1 ? 'it' : 'them'}.`,
    );
  }
  if (reasons.length > 0) return { outcome: 'failed', decides_at: null, reasons, rules, ignored: combined.ignored };
  if (rules.length === 0) reasons.push('No change needs a vote.');
  return { outcome: combined.outcome, decides_at: combined.decides_at, reasons, rules, ignored: combined.ignored };
}

function sameRule(a: Rule, b: Rule): boolean {
  const { description: _a, ...x } = a;
  const { description: _b, ...y } = b;
  const keys = [...new Set([...Object.keys(x), ...Object.keys(y)])].sort();
  return keys.every((k) => JSON.stringify((x as Record<string, unknown>)[k]) === JSON.stringify((y as Record<string, unknown>)[k]));
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}

/** What deciding a checked pull request needs besides its check: its votes, its times, and the historical credits at its base (credit-weighted rules). */
export interface CheckedVotes {
  votes: readonly Vote[];
  opened: string;
  changed?: string;
  now: string;
  credits?: ReadonlyMap<string, number>;
}

/** The decision on a pull request as coop check judged it: under the base's rules and roll, its head valid only without errors beyond its conflicts. */
export function decideCheck(check: CheckResult, input: CheckedVotes): Decision {
  const { base, head } = check.states;
  if (base.constitution === undefined) throw new Error('decideCheck: the check has no base constitution, which checkPullRequest never gives');
  return tallyPullRequest({
    changes: check.changes,
    headValid: check.errors.length === check.conflicts.length,
    conflicts: check.conflicts.map((c) => c.file),
    base: base.constitution.value,
    head: head.constitution?.value,
    roll: rollOf(base),
    ...(input.credits !== undefined ? { credits: input.credits } : {}),
    votes: input.votes,
    opened: input.opened,
    ...(input.changed !== undefined ? { changed: input.changed } : {}),
    now: input.now,
  });
}
