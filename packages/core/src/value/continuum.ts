// Where each person stands on the continuum, and the moves the constitution's lifecycle suggests: suggestions, never changes.
import type { Tier } from '../generated/types.ts';
import type { State } from '../common/index.ts';
import { daysBetween } from './calendar.ts';
import { round2 } from './credits.ts';
import { creditsSince, type Ledger } from './ledger.ts';

export interface Placement {
  member: string;
  name: string;
  tier: string;
  /** The tier's place, 0 for the innermost. */
  ring: number;
  stage?: number;
  status: 'active' | 'sabbatical';
  since: string;
  /** Days since entering the tier; 0 when `since` is after today (validation warns of it). */
  daysInTier: number;
  /** Days in the current dating stage; 0 when its `since` is after today. */
  daysInStage?: number;
  /** The date of their latest logged work. */
  lastActive?: string;
  /** Days since their latest work, or since they entered the tier when they have logged none. */
  daysQuiet: number;
  /** Credits earned since entering the tier. */
  creditsInTier: number;
  /** Every credit ever earned. */
  historical: number;
}

/**
 * `outward`: quiet for `inactive_days`, time to talk about stepping back. `inward`: long enough in
 * the tier, or enough credits earned in it, to be proposed for the next tier in. `next-stage`: a
 * dater whose stage has lasted `stage_days`.
 */
export type SuggestionKind = 'outward' | 'inward' | 'next-stage';

export interface Suggestion {
  member: string;
  kind: SuggestionKind;
  from: string;
  /** The tier suggested. */
  to: string;
  /** For next-stage: the stage suggested. */
  stage?: number;
  /** Why, in a sentence. */
  reason: string;
}

export interface Continuum {
  /** Everyone, innermost tier first, then by handle. */
  people: Placement[];
  suggestions: Suggestion[];
}

/**
 * Reads the constitution's `lifecycle`. People on sabbatical get no suggestion. Moving outward skips
 * tiers with stages (dating is a way in, not a way out); the outermost tier is never asked to move
 * out. Moving inward needs some work logged in the tier, and no one quiet for `inactive_days` is
 * suggested inward. A dater moves inward through their stages: the next stage after `stage_days`,
 * the next tier in after the last stage has lasted as long.
 */
export function continuumOf(state: State, ledger: Ledger, today: string): Continuum {
  const tiers = state.constitution?.value.tiers ?? [];
  const lifecycle = state.constitution?.value.lifecycle ?? {};
  const ring = new Map(tiers.map((t, i) => [t.id, i]));
  const people: Placement[] = [];
  const suggestions: Suggestion[] = [];
  for (const [handle, doc] of state.members) {
    const m = doc.value;
    const index = ring.get(m.tier) ?? tiers.length;
    const lastActive = ledger.lastActive.get(handle);
    // A since: after today is a slip or a plan (validation warns of it): no one has been anywhere for less than no time.
    const daysInTier = Math.max(0, daysBetween(m.since, today));
    // Entering a tier counts as a sign of life: quiet is measured from the later of that and the latest work.
    const quietFrom = lastActive !== undefined && lastActive > m.since ? lastActive : m.since;
    const standing: Placement = {
      member: handle,
      name: m.name,
      tier: m.tier,
      ring: index,
      ...(m.dating ? { stage: m.dating.stage, daysInStage: Math.max(0, daysBetween(m.dating.since, today)) } : {}),
      status: m.status ?? 'active',
      since: m.since,
      daysInTier,
      ...(lastActive ? { lastActive } : {}),
      daysQuiet: Math.max(0, daysBetween(quietFrom, today)),
      creditsInTier: round2(creditsSince(ledger, handle, m.since, today)),
      historical: round2(creditsSince(ledger, handle, '0000-00-00')),
    };
    people.push(standing);
    if (standing.status === 'sabbatical' || index >= tiers.length) continue;
    const suggestion = suggest(standing, tiers, index, lifecycle);
    if (suggestion) suggestions.push(suggestion);
  }
  const order = (a: { ring: number; member: string }, b: { ring: number; member: string }) =>
    a.ring - b.ring || (a.member < b.member ? -1 : a.member > b.member ? 1 : 0);
  people.sort(order);
  const ringOf = new Map(people.map((p) => [p.member, p.ring]));
  suggestions.sort((a, b) => order({ ring: ringOf.get(a.member)!, member: a.member }, { ring: ringOf.get(b.member)!, member: b.member }));
  return { people, suggestions };
}

function suggest(
  p: Placement,
  tiers: readonly Tier[],
  index: number,
  lifecycle: NonNullable<NonNullable<State['constitution']>['value']['lifecycle']>,
): Suggestion | undefined {
  const tier = tiers[index]!;
  const quiet = lifecycle.inactive_days !== undefined && p.daysQuiet >= lifecycle.inactive_days;
  if (quiet) {
    let out = index + 1;
    while (out < tiers.length - 1 && tiers[out]!.stages !== undefined) out++;
    if (out >= tiers.length) return undefined;
    const last =
      p.lastActive === undefined || p.lastActive <= p.since
        ? `has logged no work since entering ${tier.id} on ${p.since}`
        : `has logged no work since ${p.lastActive}`;
    return {
      member: p.member,
      kind: 'outward',
      from: tier.id,
      to: tiers[out]!.id,
      reason: `${p.member} ${last} (${p.daysQuiet} days; the lifecycle says ${lifecycle.inactive_days}). Time to talk about stepping back to ${tiers[out]!.label}.`,
    };
  }
  if (index === 0 || p.creditsInTier <= 0) return undefined;
  const inward = tiers[index - 1]!;
  if (tier.stages !== undefined && p.stage !== undefined && lifecycle.stage_days !== undefined) {
    if ((p.daysInStage ?? 0) < lifecycle.stage_days) return undefined;
    if (p.stage < tier.stages) {
      return {
        member: p.member,
        kind: 'next-stage',
        from: tier.id,
        to: tier.id,
        stage: p.stage + 1,
        reason: `${p.member} has been in dating stage ${p.stage} for ${p.daysInStage} days (a stage lasts about ${lifecycle.stage_days}): due for stage ${p.stage + 1}.`,
      };
    }
    return {
      member: p.member,
      kind: 'inward',
      from: tier.id,
      to: inward.id,
      reason: `${p.member} has been in the last dating stage (${p.stage}) for ${p.daysInStage} days (a stage lasts about ${lifecycle.stage_days}): may be proposed for ${inward.label}.`,
    };
  }
  const byDays = lifecycle.inward_days !== undefined && p.daysInTier >= lifecycle.inward_days;
  const byCredits = lifecycle.inward_credits !== undefined && p.creditsInTier >= lifecycle.inward_credits;
  if (!byDays && !byCredits) return undefined;
  const why = [
    ...(byDays ? [`${p.daysInTier} days in ${tier.id} (the lifecycle says ${lifecycle.inward_days})`] : []),
    ...(byCredits ? [`${p.creditsInTier} credits earned in it (the lifecycle says ${lifecycle.inward_credits})`] : []),
  ].join(' and ');
  return { member: p.member, kind: 'inward', from: tier.id, to: inward.id, reason: `${p.member} has ${why}: may be proposed for ${inward.label}.` };
}
