// The continuum's suggestions from the lifecycle (inactive 180 days, inward after 270 days or 1200 credits, stages of 90 days).
import { describe, expect, it } from 'vitest';
import { valueState } from '../../../../test/support/value-state.ts';
import { buildLedger } from './ledger.ts';
import { continuumOf } from './continuum.ts';

const people = {
  // Contributor for almost two years, still working: may be proposed inward.
  'members/cy.yaml': 'name: Cy\ntier: contributor\nsince: 2025-01-01\n',
  'contributions/2026-11/cy.yaml': 'entries:\n  - { date: 2026-11-02, stream: love, hours: 1, what: Docs }\n',
  // Contributor whose last work was 2026-03-01, 272 days before 2026-11-28: suggested outward.
  'members/quinn.yaml': 'name: Quinn\ntier: contributor\nsince: 2025-01-01\n',
  'contributions/2026-03/quinn.yaml': 'entries:\n  - { date: 2026-03-01, stream: love, hours: 1, what: Docs }\n',
  // Contributor for 100 days only, but with 1250 credits: inward by credits.
  'members/kim.yaml': 'name: Kim\ntier: contributor\nsince: 2026-08-20\n',
  'contributions/2026-09/kim.yaml': 'entries:\n  - { date: 2026-09-10, stream: livelihood, credits: 1250, what: Big job }\n',
  // A member who never logged work since 2020: outward, past the dater tier (a way in, not out).
  'members/zoe.yaml': 'name: Zoe\ntier: member\nsince: 2020-01-01\n',
  // The same, on sabbatical: no suggestion.
  'members/sam.yaml': 'name: Sam\ntier: member\nsince: 2020-01-01\nstatus: sabbatical\n',
  // A supporter: the outermost ring is never asked to move out, and without work never in.
  'members/sue.yaml': 'name: Sue\ntier: supporter\nsince: 2020-01-01\n',
};

async function continuum(today: string) {
  const state = await valueState(people);
  return continuumOf(state, buildLedger(state), today);
}

describe('continuumOf', () => {
  it('suggests moves by inactivity, time, credits and dating stages, and nothing for others', async () => {
    const { suggestions } = await continuum('2026-11-28');
    expect(suggestions.map((s) => [s.member, s.kind, s.from, s.to, s.stage])).toEqual([
      ['zoe', 'outward', 'member', 'contributor', undefined],
      // dan has been in stage 2 since 2026-06-01 (180 days): stage 3.
      ['dan', 'next-stage', 'dater', 'dater', 3],
      // dot has been in stage 3, the last, since 2026-07-01 (150 days): member.
      ['dot', 'inward', 'dater', 'member', undefined],
      ['cy', 'inward', 'contributor', 'dater', undefined],
      ['kim', 'inward', 'contributor', 'dater', undefined],
      ['quinn', 'outward', 'contributor', 'supporter', undefined],
    ]);
    const reasons = Object.fromEntries(suggestions.map((s) => [s.member, s.reason]));
    expect(reasons.zoe).toMatch(/has logged no work since entering member on 2020-01-01 \(2523 days; the lifecycle says 180\)/);
    expect(reasons.quinn).toMatch(/has logged no work since 2026-03-01 \(272 days/);
    expect(reasons.cy).toMatch(/696 days in contributor \(the lifecycle says 270\)/);
    expect(reasons.kim).toMatch(/1250 credits earned in it \(the lifecycle says 1200\)/);
    expect(reasons.kim).not.toMatch(/days in/);
  });

  it('suggests the next stage once a stage has lasted stage_days', async () => {
    // dee entered stage 1 on 2026-09-01: 88 days on 2026-11-28, 90 on 2026-11-30.
    expect((await continuum('2026-11-28')).suggestions.some((s) => s.member === 'dee')).toBe(false);
    expect((await continuum('2026-11-30')).suggestions.find((s) => s.member === 'dee')).toMatchObject({ kind: 'next-stage', stage: 2 });
  });

  it('places everyone, innermost first, with their time in tier, last work and credits', async () => {
    const { people: placed } = await continuum('2026-11-28');
    expect(placed.map((p) => p.member)).toEqual(['ana', 'bob', 'sam', 'zoe', 'dan', 'dee', 'dot', 'cy', 'kim', 'quinn', 'sue']);
    expect(placed.find((p) => p.member === 'kim')).toMatchObject({
      ring: 2,
      daysInTier: 100,
      lastActive: '2026-09-10',
      daysQuiet: 79,
      creditsInTier: 1250,
      historical: 1250,
    });
    expect(placed.find((p) => p.member === 'dot')).toMatchObject({ stage: 3, daysInStage: 150 });
    expect(placed.find((p) => p.member === 'sam')).toMatchObject({ status: 'sabbatical' });
  });

  it('never counts negative days: a since: after today counts as no time in the tier or stage, and suggests nothing', async () => {
    const state = await valueState({ ...people, 'members/fay.yaml': 'name: Fay\ntier: dater\nsince: 2026-12-15\ndating: { stage: 1, since: 2026-12-20 }\n' });
    const { people: placed, suggestions } = continuumOf(state, buildLedger(state), '2026-11-28');
    expect(placed.find((p) => p.member === 'fay')).toMatchObject({ since: '2026-12-15', daysInTier: 0, daysInStage: 0, daysQuiet: 0 });
    expect(suggestions.some((s) => s.member === 'fay')).toBe(false);
  });
});
