// The voter roll at base, and who of it votes under one rule: eligible, advisory, standing aside.
import type { Rule, Tier } from '../generated/types.ts';
import type { State } from '../common/index.ts';

/** One person of the roll: their handle, tier and forge login (their `github`, else the handle). */
export interface RollMember {
  handle: string;
  tier: string;
  login: string;
}

/** The people and tiers a tally reads, always from the base commit. */
export interface Roll {
  tiers: readonly Pick<Tier, 'id' | 'rights'>[];
  members: readonly RollMember[];
}

/** The roll of a state: its constitution's tiers and every member, sorted by handle. */
export function rollOf(state: State): Roll {
  const members = [...state.members]
    .map(([handle, doc]) => ({ handle, tier: doc.value.tier, login: doc.value.github ?? handle }))
    .sort((a, b) => (a.handle < b.handle ? -1 : a.handle > b.handle ? 1 : 0));
  return { tiers: (state.constitution?.value.tiers ?? []).map((t) => ({ id: t.id, rights: t.rights })), members };
}

/** Where one person of the roll stands under a rule. */
export type Standing = { kind: 'eligible' } | { kind: 'advisory' } | { kind: 'aside' } | { kind: 'no-vote'; tier: string };

export interface Electorate {
  /** The tiers the rule names as voters (or, when it names none, every tier with a vote). */
  voterTiers: string[];
  /** Binding voters: in a voter tier with the vote right, not standing aside. */
  eligible: readonly RollMember[];
  /** In a voter tier with only the vote-advisory right: shown, never counted. */
  advisory: readonly RollMember[];
  /** The subjects who stand aside and would otherwise have voted. */
  aside: readonly RollMember[];
  /** Finds a member by forge login, ignoring case. */
  find(login: string): RollMember | undefined;
  standing(member: RollMember): Standing;
}

/** Members by lowercased forge login (the first of the roll for a login), made once per roll. */
const byLogin = new WeakMap<Roll['members'], Map<string, RollMember>>();

function loginIndex(members: Roll['members']): Map<string, RollMember> {
  let index = byLogin.get(members);
  if (index === undefined) {
    index = new Map();
    for (const member of members) {
      const key = member.login.toLowerCase();
      if (!index.has(key)) index.set(key, member);
    }
    byLogin.set(members, index);
  }
  return index;
}

interface Voters {
  eligible: readonly RollMember[];
  advisory: readonly RollMember[];
}

/** The people of a roll who vote, by how their tiers vote; made once per roll and way of voting. */
const votersByRoll = new WeakMap<Roll['members'], Map<string, Voters>>();

function votersOf(members: Roll['members'], kindOf: ReadonlyMap<string, 'eligible' | 'advisory'>): Voters {
  const key = [...kindOf]
    .map(([tier, kind]) => `${tier}:${kind}`)
    .sort()
    .join(' ');
  let byKey = votersByRoll.get(members);
  if (byKey === undefined) votersByRoll.set(members, (byKey = new Map<string, Voters>()));
  let found = byKey.get(key);
  if (found === undefined) {
    const eligible: RollMember[] = [];
    const advisory: RollMember[] = [];
    for (const member of members) {
      const kind = kindOf.get(member.tier);
      if (kind === 'eligible') eligible.push(member);
      else if (kind === 'advisory') advisory.push(member);
    }
    found = { eligible, advisory };
    byKey.set(key, found);
  }
  return found;
}

/**
 * Who votes under a rule. A rule without `voters` is voted on by every tier with the vote right,
 * and shown to every tier with the vote-advisory right. `standAside` are handles.
 *
 * The voters of a roll are found once per way of voting and shared by every tally of that roll (the
 * lists are never changed by their readers); only standing aside is worked out for each tally.
 */
export function electorateOf(rule: Pick<Rule, 'voters'>, roll: Roll, standAside: readonly string[] = []): Electorate {
  const voterTiers = rule.voters ?? roll.tiers.filter((t) => t.rights.includes('vote') || t.rights.includes('vote-advisory')).map((t) => t.id);
  const voting = new Set(voterTiers);
  // What a tier's people are under this rule, before anyone stands aside.
  const kindOf = new Map<string, 'eligible' | 'advisory'>();
  for (const tier of roll.tiers) {
    // A tier named twice is read as its last entry says.
    const kind = !voting.has(tier.id) ? undefined : tier.rights.includes('vote') ? 'eligible' : tier.rights.includes('vote-advisory') ? 'advisory' : undefined;
    if (kind === undefined) kindOf.delete(tier.id);
    else kindOf.set(tier.id, kind);
  }
  const aside = new Set(standAside);
  const standing = (member: RollMember): Standing => {
    const kind = kindOf.get(member.tier);
    if (kind === undefined) return { kind: 'no-vote', tier: member.tier };
    if (aside.has(member.handle)) return { kind: 'aside' };
    return { kind };
  };
  let { eligible, advisory } = votersOf(roll.members, kindOf);
  let asideMembers: readonly RollMember[] = [];
  if (aside.size > 0) {
    const standsAside = (member: RollMember) => aside.has(member.handle);
    asideMembers = roll.members.filter((m) => kindOf.has(m.tier) && standsAside(m));
    eligible = eligible.filter((m) => !standsAside(m));
    advisory = advisory.filter((m) => !standsAside(m));
  }
  const logins = loginIndex(roll.members);
  return {
    voterTiers,
    eligible,
    advisory,
    aside: asideMembers,
    find: (login) => logins.get(login.toLowerCase()),
    standing,
  };
}
