// Property tests of the tally with fast-check: determinism, order independence, and monotonicity in yes and block.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '../../../../test/support/property-runs.ts';
import type { Rule } from '../generated/types.ts';
import type { Roll } from './roll.ts';
import { choices, tally, type TallyInput, type Vote } from './tally.ts';

const OPENED = Date.parse('2026-11-01T00:00:00Z');
const MINUTE = 60_000;
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

const roll: Roll = {
  tiers: [
    { id: 'member', rights: ['vote', 'propose'] },
    { id: 'dater', rights: ['vote-advisory'] },
    { id: 'contributor', rights: [] },
  ],
  members: [
    ...['ana', 'bob', 'carol', 'dan', 'eli'].map((handle) => ({ handle, tier: 'member', login: handle })),
    { handle: 'eve', tier: 'dater', login: 'eve' },
    { handle: 'fay', tier: 'contributor', login: 'fay' },
  ],
};
const handles = roll.members.map((m) => m.handle);
const logins = [...handles, 'ANA', 'stranger', 'newbie'];

/** Mostly a whole hour of the first eight days, where rules decide; sometimes any minute from two days before to fifteen after. */
const instant = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 8 * 24 }).map((h) => OPENED + h * 60 * MINUTE) },
  { weight: 1, arbitrary: fc.integer({ min: -2 * 24 * 60, max: 15 * 24 * 60 }).map((m) => OPENED + m * MINUTE) },
);
/** Mostly the members, who count. */
const login = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...handles.slice(0, 5)) }, { weight: 1, arbitrary: fc.constantFrom(...logins) });
const vote: fc.Arbitrary<Vote> = fc.record({ voter: login, vote: fc.constantFrom(...choices), at: instant.map(iso) });
const share = fc.constantFrom(0, 0.3, 0.5, 0.5, 0.6, 0.6667, 0.67, 0.75, 1);

const common = fc.record(
  {
    min_days: fc.integer({ min: 0, max: 6 }),
    extra: fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined, freq: 3 }),
    close_early: fc.boolean(),
    reset_on_change: fc.boolean(),
    voters: fc.constantFrom<string[] | undefined>(['member'], ['member', 'dater'], undefined),
  },
  { requiredKeys: ['min_days', 'close_early', 'reset_on_change'] },
);
const withCommon = (rule: Rule, c: { min_days: number; extra?: number; close_early: boolean; reset_on_change: boolean; voters?: string[] }): Rule => ({
  ...rule,
  min_days: c.min_days,
  ...(c.extra === undefined ? {} : { max_days: c.min_days + c.extra }),
  close_early: c.close_early,
  reset_on_change: c.reset_on_change,
  ...(c.voters === undefined ? {} : { voters: c.voters }),
});

const majorityRule = fc
  .tuple(fc.constantFrom<Rule['method']>('majority', 'credit-weighted'), share, share, common)
  .map(([method, threshold, quorum, c]) => withCommon({ method, threshold, quorum }, c));
const consentRule = fc.tuple(fc.integer({ min: 0, max: 6 }), common).map(([min_yes, c]) => withCommon({ method: 'consent', min_yes }, c));
const anyRule = fc.oneof(
  majorityRule,
  consentRule,
  fc.tuple(fc.boolean(), common).map(([allow_abstain, c]) => withCommon({ method: 'unanimous', allow_abstain }, c)),
  common.map((c) => withCommon({ method: 'lazy-majority' }, c)),
);

function inputOf(rule: fc.Arbitrary<Rule>): fc.Arbitrary<TallyInput> {
  return fc
    .record({
      rule,
      votes: fc.array(vote, { maxLength: 10 }),
      now: fc.integer({ min: 0, max: 15 * 24 }).map((h) => iso(OPENED + h * 3_600_000)),
      changed: fc.option(instant.map(iso), { nil: undefined }),
      standAside: fc.subarray(handles, { maxLength: 2 }),
      credits: fc.array(fc.constantFrom(0, 0.1, 0.2, 0.3, 12.5, 100), { minLength: handles.length, maxLength: handles.length }),
    })
    .map(({ rule, votes, now, changed, standAside, credits }) => ({
      name: 'r',
      rule,
      roll,
      votes,
      opened: iso(OPENED),
      now,
      standAside,
      added: ['newbie'],
      credits: new Map(handles.map((h, i) => [h, credits[i]!])),
      ...(changed === undefined ? {} : { changed }),
    }));
}

/**
 * Inputs where the vote has closed (max_days) on a handful of member votes: where quorum and
 * threshold sit on their edges, and an added vote decides.
 */
function closedInputOf(rule: fc.Arbitrary<Rule>): fc.Arbitrary<TallyInput> {
  return fc
    .record({
      rule,
      votes: fc.array(fc.record({ voter: fc.constantFrom(...handles.slice(0, 5)), vote: fc.constantFrom(...choices), at: inWindow }), { maxLength: 6 }),
    })
    .map(({ rule, votes }) => ({
      name: 'r',
      rule: { ...rule, min_days: Math.min(rule.min_days ?? 0, 5), max_days: 5, reset_on_change: false },
      roll,
      votes,
      opened: iso(OPENED),
      now: iso(OPENED + 6 * 24 * 60 * MINUTE),
      credits: new Map(handles.map((h) => [h, 10])),
    }));
}

const inWindow = fc.integer({ min: 0, max: 5 * 24 }).map((h) => iso(OPENED + h * 60 * MINUTE));

/** An input and one more vote's voter and time: anywhere, or a member's within a closed window. */
function withAddedVote(rule: fc.Arbitrary<Rule>): fc.Arbitrary<[TallyInput, string, string]> {
  return fc.oneof(
    { weight: 1, arbitrary: fc.tuple(inputOf(rule), login, instant.map(iso)) },
    { weight: 2, arbitrary: fc.tuple(closedInputOf(rule), fc.constantFrom(...handles.slice(0, 5)), inWindow) },
  );
}

const runs = propertyRuns(200);

describe('tally properties', () => {
  it('is deterministic: the same input, even copied, gives the same result', () => {
    fc.assert(
      fc.property(inputOf(anyRule), (input) => {
        const copy: TallyInput = { ...input, votes: input.votes.map((v) => ({ ...v })), credits: new Map(input.credits) };
        expect(tally(copy)).toEqual(tally(input));
      }),
      runs,
    );
  });

  it('does not depend on the order of votes cast at distinct times', () => {
    fc.assert(
      fc.property(inputOf(anyRule), fc.infiniteStream(fc.double({ min: 0, max: 1, noNaN: true })), (input, keys) => {
        const seen = new Set<string>();
        const votes = input.votes.filter((v) => !seen.has(v.at) && seen.add(v.at));
        const shuffled = votes
          .map((v) => ({ v, k: keys.next().value as number }))
          .sort((a, b) => a.k - b.k)
          .map((x) => x.v);
        expect(tally({ ...input, votes: shuffled })).toEqual(tally({ ...input, votes }));
      }),
      runs,
    );
  });

  for (const [method, rule] of [
    ['majority and credit-weighted', majorityRule],
    ['consent', consentRule],
  ] as const) {
    it(`${method}: an added yes never turns passed into failed`, () => {
      fc.assert(
        fc.property(withAddedVote(rule), ([input, voter, at]) => {
          const before = tally(input).outcome;
          const after = tally({ ...input, votes: [...input.votes, { voter, vote: 'yes', at }] }).outcome;
          expect(before === 'passed' && after === 'failed').toBe(false);
        }),
        runs,
      );
    });

    it(`${method}: an added block never turns failed into passed`, () => {
      fc.assert(
        fc.property(withAddedVote(rule), ([input, voter, at]) => {
          const before = tally(input).outcome;
          const after = tally({ ...input, votes: [...input.votes, { voter, vote: 'block', at }] }).outcome;
          expect(before === 'failed' && after === 'passed').toBe(false);
        }),
        runs,
      );
    });
  }

  it('never passes with nobody eligible, and only pending carries decides_at', () => {
    fc.assert(
      fc.property(inputOf(anyRule), (input) => {
        const result = tally(input);
        if (result.eligible === 0) expect(result.outcome).toBe('failed');
        if (result.outcome !== 'pending') expect(result.decides_at).toBeNull();
        if (result.decides_at !== null) expect(Date.parse(result.decides_at)).toBeGreaterThan(Date.parse(input.now));
        expect(result.yes + result.no + result.abstain + result.block).toBe(result.voted);
        expect(result.voted + result.waiting.length).toBe(result.eligible);
      }),
      runs,
    );
  });

  it('a pending rule with decides_at reaches its projected outcome then, if no vote is cast', () => {
    fc.assert(
      fc.property(inputOf(anyRule), (drawn) => {
        // Votes after now are not cast yet: leave them out, or they would count later.
        const input = { ...drawn, votes: drawn.votes.filter((v) => Date.parse(v.at) <= Date.parse(drawn.now)) };
        const result = tally(input);
        if (result.decides_at === null) return;
        const later = tally({ ...input, now: result.decides_at });
        expect(later.outcome).toBe(result.projected);
        expect(later.outcome).not.toBe('pending');
      }),
      runs,
    );
  });
});

describe('monotonicity, exhaustively over four voters', () => {
  // Every way four members can stand (not voted, yes, no, abstain, block), under a grid of
  // thresholds and quorums, open or closed: one more yes or block from any of them.
  const four: Roll = { tiers: roll.tiers, members: roll.members.slice(0, 4) };
  const standings = [undefined, ...choices] as const;
  const states: (Vote['vote'] | undefined)[][] = [[]];
  for (let i = 0; i < four.members.length; i++) {
    states.splice(0, states.length, ...states.flatMap((s) => standings.map((c) => [...s, c])));
  }
  const rules: Rule[] = [
    ...[0.5, 0.6667].flatMap((threshold) => [0.5, 0.75].map((quorum): Rule => ({ method: 'majority', threshold, quorum, max_days: 5 }))),
    ...[1, 2, 3].map((min_yes): Rule => ({ method: 'consent', min_yes, max_days: 5 })),
  ];

  it.each(rules.map((rule) => [`${rule.method} ${JSON.stringify(rule)}`, rule] as const))('%s', (_, rule) => {
    for (const now of [iso(OPENED + 2 * DAY), iso(OPENED + 6 * DAY)]) {
      for (const state of states) {
        const votes = state.flatMap((c, i) => (c === undefined ? [] : [{ voter: four.members[i]!.login, vote: c, at: iso(OPENED + DAY) }]));
        const input: TallyInput = { name: 'r', rule, roll: four, votes, opened: iso(OPENED), now };
        const before = tally(input).outcome;
        if (before !== 'passed' && before !== 'failed') continue;
        for (const member of four.members) {
          const vote = before === 'passed' ? 'yes' : 'block';
          const after = tally({ ...input, votes: [...votes, { voter: member.login, vote, at: iso(OPENED + 1.5 * DAY) }] }).outcome;
          if (before === 'passed') expect(after, `${JSON.stringify(state)} + ${member.handle} yes`).not.toBe('failed');
          else expect(after, `${JSON.stringify(state)} + ${member.handle} block`).not.toBe('passed');
        }
      }
    }
  });
});
