// The voter roll at base, and who of it votes under one rule: eligible, advisory, standing aside.
import type { Rule, Tier } from './generated/types.ts';
import type { State } from './state.ts';

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
export type Standing =
  | { kind: 'eligible' }
  | { kind: 'advisory' }
  | { kind: 'aside' }
  | { kind: 'no-vote'; tier: string };

export interface Electorate {
  /** The tiers the rule names as voters (or, when it names none, every tier with a vote). */
  voterTiers: string[];
  /** Binding voters: in a voter tier with the vote right, not standing aside. */
  eligible: RollMember[];
  /** In a voter tier with only the vote-advisory right: shown, never counted. */
  advisory: RollMember[];
  /** The subjects who stand aside and would otherwise have voted. */
  aside: RollMember[];
  /** Finds a member by forge login, ignoring case. */
  find(login: string): RollMember | undefined;
  standing(member: RollMember): Standing;
}

/**
 * Who votes under a rule. A rule without `voters` is voted on by every tier with the vote right,
 * and shown to every tier with the vote-advisory right. `standAside` are handles.
 */
export function electorateOf(rule: Pick<Rule, 'voters'>, roll: Roll, standAside: readonly string[] = []): Electorate {
  const rights = new Map(roll.tiers.map((t) => [t.id, new Set(t.rights)]));
  const voterTiers = rule.voters ?? roll.tiers.filter((t) => t.rights.includes('vote') || t.rights.includes('vote-advisory')).map((t) => t.id);
  const voting = new Set(voterTiers);
  const aside = new Set(standAside);
  const byLogin = new Map<string, RollMember>();
  for (const member of roll.members) {
    const key = member.login.toLowerCase();
    if (!byLogin.has(key)) byLogin.set(key, member);
  }
  const standing = (member: RollMember): Standing => {
    const tierRights = rights.get(member.tier);
    const votes = voting.has(member.tier) && tierRights !== undefined && (tierRights.has('vote') || tierRights.has('vote-advisory'));
    if (!votes) return { kind: 'no-vote', tier: member.tier };
    if (aside.has(member.handle)) return { kind: 'aside' };
    return tierRights.has('vote') ? { kind: 'eligible' } : { kind: 'advisory' };
  };
  const of = (kind: Standing['kind']) => roll.members.filter((m) => standing(m).kind === kind);
  return {
    voterTiers,
    eligible: of('eligible'),
    advisory: of('advisory'),
    aside: of('aside'),
    find: (login) => byLogin.get(login.toLowerCase()),
    standing,
  };
}
