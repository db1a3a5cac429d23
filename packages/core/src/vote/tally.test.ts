// Table-driven tests of the tally: every method, every common parameter, the roll and the edge cases.
import { describe, expect, it } from 'vitest';
import type { Rule } from '../generated/types.ts';
import type { Roll } from './roll.ts';
import { combine, tally, type Outcome, type RuleTally, type TallyInput, type Vote } from './tally.ts';

const OPENED = '2026-11-01T00:00:00Z';
const DAY = 86_400_000;
/** An instant `days` after the proposal opened. */
const at = (days: number) => new Date(Date.parse(OPENED) + days * DAY).toISOString().replace('.000Z', 'Z');
const v = (voter: string, vote: Vote['vote'], days: number): Vote => ({ voter, vote, at: at(days) });

const tiers: Roll['tiers'] = [
  { id: 'member', rights: ['vote', 'propose'] },
  { id: 'dater', rights: ['vote-advisory', 'propose'] },
  { id: 'contributor', rights: ['propose'] },
];
/** Four members (ana's login differs from her handle), a dater and a contributor. */
const roll: Roll = {
  tiers,
  members: [
    { handle: 'ana', tier: 'member', login: 'AnaCosta' },
    { handle: 'bob', tier: 'member', login: 'bob' },
    { handle: 'carol', tier: 'member', login: 'carol' },
    { handle: 'dan', tier: 'member', login: 'dan' },
    { handle: 'eve', tier: 'dater', login: 'eve' },
    { handle: 'fay', tier: 'contributor', login: 'fay' },
  ],
};
/** Three members only, for two-thirds cases. */
const three: Roll = { tiers, members: roll.members.filter((m) => ['ana', 'bob', 'carol'].includes(m.handle)) };

const lazy: Rule = { method: 'lazy-majority', min_days: 3, voters: ['member'] };
const consent: Rule = { method: 'consent', min_yes: 2, min_days: 3, voters: ['member'] };
const unanimous: Rule = { method: 'unanimous', min_days: 3, voters: ['member'] };
const majority: Rule = { method: 'majority', threshold: 0.5, quorum: 0.5, min_days: 3, voters: ['member'] };
const supermajority: Rule = { method: 'majority', threshold: 0.6667, quorum: 0.6667, min_days: 7, voters: ['member'] };
const weighted: Rule = { method: 'credit-weighted', threshold: 0.5, quorum: 0, min_days: 3, voters: ['member'] };

interface Case {
  name: string;
  rule: Rule;
  votes: Vote[];
  /** Days after opening; 10 unless given. */
  now?: number;
  input?: Partial<TallyInput>;
  expect: Partial<RuleTally> & { outcome: Outcome };
  /** A reason must match this. */
  reason?: RegExp;
}

function run(c: Pick<Case, 'rule' | 'votes' | 'now' | 'input'>): RuleTally {
  return tally({ name: 'the-rule', rule: c.rule, roll, votes: c.votes, opened: OPENED, now: at(c.now ?? 10), ...c.input });
}

function check(c: Case) {
  const result = run(c);
  expect(result).toMatchObject(c.expect);
  if (c.reason) expect(result.reasons.join('\n')).toMatch(c.reason);
  // Pending alone carries decides_at.
  if (result.outcome !== 'pending') expect(result.decides_at).toBeNull();
}

const all = (vote: Vote['vote'], days = 1) => ['AnaCosta', 'bob', 'carol', 'dan'].map((voter) => v(voter, vote, days));

describe('lazy-majority', () => {
  it.each<Case>([
    {
      name: 'nobody votes: silence is support',
      rule: lazy,
      votes: [],
      expect: { outcome: 'passed', yes: 0, no: 0, voted: 0, eligible: 4 },
      reason: /Nobody objected/,
    },
    {
      name: 'a tie passes: yes needs only to match no',
      rule: lazy,
      votes: [v('bob', 'yes', 1), v('carol', 'no', 1)],
      expect: { outcome: 'passed', yes: 1, no: 1 },
    },
    {
      name: 'more no than yes fails',
      rule: lazy,
      votes: [v('bob', 'yes', 1), v('carol', 'no', 1), v('dan', 'no', 1)],
      expect: { outcome: 'failed', no: 2 },
      reason: /More no than yes/,
    },
    {
      name: 'one block blocks, whatever the yes',
      rule: lazy,
      votes: [...all('yes').slice(0, 3), v('dan', 'block', 2)],
      expect: { outcome: 'blocked', yes: 3, block: 1 },
      reason: /dan blocks/,
    },
    { name: 'everyone abstaining passes: nobody objected', rule: lazy, votes: all('abstain'), expect: { outcome: 'passed', abstain: 4, participation: 1 } },
    {
      name: 'before min_days: pending, and it would pass then',
      rule: lazy,
      votes: [],
      now: 1,
      expect: { outcome: 'pending', projected: 'passed', decides_at: at(3) },
      reason: /cannot be decided before/,
    },
    {
      name: 'before min_days a block is pending too, projected blocked',
      rule: lazy,
      votes: [v('bob', 'block', 0.5)],
      now: 1,
      expect: { outcome: 'pending', projected: 'blocked', decides_at: at(3) },
    },
    { name: 'exactly at min_days it is decided', rule: lazy, votes: [], now: 3, expect: { outcome: 'passed' } },
  ])('$name', check);
});

describe('consent', () => {
  it.each<Case>([
    {
      name: 'min_yes yes and no block passes',
      rule: consent,
      votes: [v('bob', 'yes', 1), v('carol', 'yes', 1)],
      expect: { outcome: 'passed', yes: 2, needed: 2 },
    },
    {
      name: 'no votes do not count against it',
      rule: consent,
      votes: [v('bob', 'yes', 1), v('carol', 'yes', 1), v('dan', 'no', 1), v('AnaCosta', 'no', 1)],
      expect: { outcome: 'passed', no: 2 },
    },
    {
      name: 'short of yes while others may vote: pending, no time decides it',
      rule: consent,
      votes: [v('bob', 'yes', 1)],
      expect: { outcome: 'pending', decides_at: null, waiting: ['ana', 'carol', 'dan'] },
    },
    { name: 'a block blocks', rule: consent, votes: [v('bob', 'yes', 1), v('carol', 'yes', 1), v('dan', 'block', 1)], expect: { outcome: 'blocked' } },
    {
      name: 'everyone voted and too few yes: failed',
      rule: consent,
      votes: [v('bob', 'yes', 1), v('carol', 'no', 1), v('dan', 'no', 1), v('AnaCosta', 'abstain', 1)],
      expect: { outcome: 'failed' },
      reason: /cannot reach 2/,
    },
    { name: 'everyone abstaining fails', rule: consent, votes: all('abstain'), expect: { outcome: 'failed', yes: 0 } },
    {
      name: 'min_yes above the eligible count can never pass',
      rule: { ...consent, min_yes: 5 },
      votes: all('yes'),
      expect: { outcome: 'failed', yes: 4 },
      reason: /cannot reach 5/,
    },
    {
      name: 'min_yes defaults to 1',
      rule: { method: 'consent', voters: ['member'] },
      votes: [v('bob', 'yes', 0)],
      now: 0,
      expect: { outcome: 'passed', needed: 1 },
    },
    { name: 'min_yes 0 passes on silence after min_days', rule: { ...consent, min_yes: 0 }, votes: [], expect: { outcome: 'passed' } },
    {
      name: 'max_days: closed short of yes fails',
      rule: { ...consent, max_days: 7 },
      votes: [v('bob', 'yes', 1)],
      now: 8,
      expect: { outcome: 'failed', closes_at: at(7) },
      reason: /closed with 1 yes/,
    },
    {
      name: 'max_days: short of yes before closing is pending until then, projected failed',
      rule: { ...consent, max_days: 7 },
      votes: [v('bob', 'yes', 1)],
      now: 5,
      expect: { outcome: 'pending', projected: 'failed', decides_at: at(7) },
    },
    {
      name: 'before min_days, short of yes and no max_days: pending with nothing for time to decide',
      rule: consent,
      votes: [v('bob', 'yes', 1)],
      now: 1,
      expect: { outcome: 'pending', decides_at: null },
    },
  ])('$name', check);
});

describe('unanimous', () => {
  it.each<Case>([
    { name: 'every eligible yes passes', rule: unanimous, votes: all('yes'), expect: { outcome: 'passed', yes: 4, needed: 4, participation: 1 } },
    {
      name: 'one not voted yet: pending',
      rule: unanimous,
      votes: all('yes').slice(0, 3),
      expect: { outcome: 'pending', waiting: ['dan'], decides_at: null },
      reason: /waiting for dan/,
    },
    { name: 'one no fails', rule: unanimous, votes: [...all('yes').slice(0, 3), v('dan', 'no', 2)], expect: { outcome: 'failed' }, reason: /dan voted no/ },
    {
      name: 'an abstention fails without allow_abstain',
      rule: unanimous,
      votes: [...all('yes').slice(0, 3), v('dan', 'abstain', 2)],
      expect: { outcome: 'failed' },
      reason: /allow_abstain is off/,
    },
    {
      name: 'an abstention passes with allow_abstain',
      rule: { ...unanimous, allow_abstain: true },
      votes: [...all('yes').slice(0, 3), v('dan', 'abstain', 2)],
      expect: { outcome: 'passed', abstain: 1 },
    },
    {
      name: 'everyone abstaining fails even with allow_abstain',
      rule: { ...unanimous, allow_abstain: true },
      votes: all('abstain'),
      expect: { outcome: 'failed' },
      reason: /at least one yes/,
    },
    { name: 'a block blocks', rule: unanimous, votes: [...all('yes').slice(0, 3), v('dan', 'block', 2)], expect: { outcome: 'blocked' } },
    {
      name: 'the subject stands aside: not counted, vote ignored',
      rule: unanimous,
      votes: [...all('yes').slice(0, 3), v('dan', 'no', 1)],
      input: { standAside: ['dan'] },
      expect: {
        outcome: 'passed',
        eligible: 3,
        aside: ['dan'],
        no: 0,
        ignored: [{ voter: 'dan', vote: 'no', at: at(1), reason: 'stands aside: the change concerns them' }],
      },
    },
    {
      name: 'max_days: closed before everyone voted fails',
      rule: { ...unanimous, max_days: 5 },
      votes: all('yes').slice(0, 3),
      now: 6,
      expect: { outcome: 'failed' },
      reason: /dan did not/,
    },
  ])('$name', check);
});

describe('majority', () => {
  it.each<Case>([
    {
      name: 'more yes than no with the quorum passes',
      rule: majority,
      votes: [v('bob', 'yes', 1), v('carol', 'yes', 1), v('dan', 'no', 1)],
      expect: { outcome: 'passed', threshold: '1/2', quorum: '1/2', needed: 2 },
    },
    {
      name: 'a tie fails at threshold 0.5',
      rule: majority,
      votes: all('yes')
        .slice(0, 2)
        .concat([v('carol', 'no', 1), v('dan', 'no', 1)]),
      expect: { outcome: 'failed' },
      reason: /A tie/,
    },
    {
      name: 'quorum exactly met passes',
      rule: majority,
      votes: [v('bob', 'yes', 1), v('carol', 'yes', 1)],
      expect: { outcome: 'passed', voted: 2, participation: 0.5 },
    },
    {
      name: 'short of the quorum while others may vote: pending',
      rule: majority,
      votes: [v('bob', 'yes', 1)],
      expect: { outcome: 'pending', decides_at: null },
      reason: /quorum of 1\/2 is not met/,
    },
    {
      name: 'short of the quorum when max_days closes: failed',
      rule: { ...majority, max_days: 7 },
      votes: [v('bob', 'yes', 1)],
      now: 7,
      expect: { outcome: 'failed' },
      reason: /closed short/,
    },
    {
      name: 'everyone abstaining fails: no yes',
      rule: majority,
      votes: all('abstain'),
      expect: { outcome: 'failed', abstain: 4 },
      reason: /Everyone who voted abstained/,
    },
    {
      name: 'not passing yet, but the waiting could carry it: pending',
      rule: majority,
      votes: [v('bob', 'yes', 1), v('carol', 'no', 1)],
      expect: { outcome: 'pending' },
      reason: /could still carry it/,
    },
    {
      name: 'cannot pass even if the waiting all say yes: failed',
      rule: { ...majority, threshold: 0.75 },
      votes: [v('bob', 'no', 1), v('carol', 'no', 1)],
      expect: { outcome: 'failed' },
      reason: /could not pass/,
    },
    {
      name: 'a block counts as no in the share',
      rule: majority,
      votes: [v('bob', 'yes', 1), v('carol', 'no', 1), v('dan', 'block', 1), v('AnaCosta', 'yes', 1)],
      expect: { outcome: 'failed', block: 1 },
      reason: /A tie.*counted as no/,
    },
    { name: 'majority never reports blocked', rule: majority, votes: all('block'), expect: { outcome: 'failed', block: 4 } },
    // The same three votes, once with a no and once with a block: a block never helps the quorum.
    {
      name: 'quorum 3/4 met by a no: passes',
      rule: { ...majority, quorum: 0.75, max_days: 7 },
      votes: [v('bob', 'yes', 1), v('carol', 'yes', 1), v('dan', 'no', 1)],
      now: 8,
      expect: { outcome: 'passed' },
    },
    {
      name: 'quorum 3/4 not met when that no is a block: fails',
      rule: { ...majority, quorum: 0.75, max_days: 7 },
      votes: [v('bob', 'yes', 1), v('carol', 'yes', 1), v('dan', 'block', 1)],
      now: 8,
      expect: { outcome: 'failed' },
      reason: /block does not count towards it/,
    },
  ])('$name', check);

  const twoOfThree = [v('AnaCosta', 'yes', 1), v('bob', 'yes', 1), v('carol', 'no', 1)];
  it.each<Case>([
    {
      name: '0.6667 means two thirds: 2 of 3 passes',
      rule: supermajority,
      votes: twoOfThree,
      expect: { outcome: 'passed', threshold: '2/3', quorum: '2/3', needed: 2 },
    },
    {
      name: '0.667 and 0.67 mean two thirds too',
      rule: { ...supermajority, threshold: 0.67, quorum: 0.667 },
      votes: twoOfThree,
      expect: { outcome: 'passed', threshold: '2/3' },
    },
    {
      name: '0.7 means 7/10: 2 of 3 falls short',
      rule: { ...supermajority, threshold: 0.7 },
      votes: twoOfThree,
      expect: { outcome: 'failed', threshold: '7/10' },
      reason: /66.7% of yes and no, short of the 7\/10/,
    },
    {
      name: 'a quorum of 2/3 exactly met by 2 of 3 voters',
      rule: supermajority,
      votes: [v('AnaCosta', 'yes', 1), v('bob', 'yes', 1)],
      expect: { outcome: 'passed', participation: 2 / 3 },
    },
    { name: 'a quorum of 2/3 not met by 1 of 3: pending', rule: supermajority, votes: [v('AnaCosta', 'yes', 1)], expect: { outcome: 'pending' } },
    {
      name: 'threshold 0.75 exactly met by 3 yes, 1 no',
      rule: { ...majority, threshold: 0.75 },
      votes: [...all('yes').slice(0, 3), v('dan', 'no', 1)],
      expect: { outcome: 'passed' },
    },
    {
      name: 'threshold 0 still needs more yes than no',
      rule: { ...majority, threshold: 0 },
      votes: [v('bob', 'yes', 1), v('carol', 'no', 1), v('dan', 'abstain', 1), v('AnaCosta', 'abstain', 1)],
      expect: { outcome: 'failed' },
      reason: /A tie/,
    },
  ])('$name', (c) => check({ ...c, input: { roll: three, ...c.input } }));
});

describe('credit-weighted', () => {
  const credits = (entries: Record<string, number>) => ({ credits: new Map(Object.entries(entries)) });
  it.each<Case>([
    {
      name: 'each vote weighs its credits: one rich yes outweighs two no',
      rule: weighted,
      votes: [v('AnaCosta', 'yes', 1), v('bob', 'no', 1), v('carol', 'no', 1)],
      input: credits({ ana: 100, bob: 50, carol: 10 }),
      expect: { outcome: 'passed', yes: 1, no: 2, weights: { yes: 100, no: 60, abstain: 0, block: 0, eligible: 160 } },
    },
    {
      name: 'and the other way round it fails',
      rule: weighted,
      votes: [v('AnaCosta', 'no', 1), v('bob', 'yes', 1), v('carol', 'yes', 1)],
      input: credits({ ana: 100, bob: 50, carol: 10 }),
      expect: { outcome: 'failed' },
      reason: /more no than yes/,
    },
    {
      name: 'weights are summed exactly: 0.1 + 0.2 against 0.3 is a tie',
      rule: weighted,
      votes: [v('AnaCosta', 'yes', 1), v('bob', 'yes', 1), v('carol', 'no', 1), v('dan', 'abstain', 1)],
      input: credits({ ana: 0.1, bob: 0.2, carol: 0.3, dan: 1 }),
      expect: { outcome: 'failed' },
      reason: /A tie/,
    },
    {
      name: 'the quorum is weighted too',
      rule: { ...weighted, quorum: 0.5 },
      votes: [v('AnaCosta', 'yes', 1)],
      input: credits({ ana: 100, bob: 50, carol: 10 }),
      expect: { outcome: 'passed', voted: 1, quorum: '1/2' },
    },
    {
      name: 'a light voter alone misses the weighted quorum',
      rule: { ...weighted, quorum: 0.5 },
      votes: [v('carol', 'yes', 1)],
      input: credits({ ana: 100, bob: 50, carol: 10 }),
      expect: { outcome: 'pending' },
    },
    {
      name: 'a voter without credits weighs nothing',
      rule: weighted,
      votes: [v('AnaCosta', 'no', 1), v('bob', 'yes', 1)],
      input: credits({ bob: 5 }),
      expect: { outcome: 'passed', no: 1 },
    },
    {
      name: 'nobody eligible has credits: an error, never a pass',
      rule: weighted,
      votes: all('yes'),
      input: credits({ eve: 500 }),
      expect: {
        outcome: 'failed',
        error: { code: 'tally.no-credits', message: expect.stringContaining('no credit-weighted vote has any weight') as unknown as string },
      },
    },
  ])('$name', check);
});

describe('common parameters', () => {
  it.each<Case>([
    {
      name: 'min_days counts from opened',
      rule: { ...unanimous, min_days: 2 },
      votes: all('yes'),
      now: 1.5,
      expect: { outcome: 'pending', projected: 'passed', decides_at: at(2), min_at: at(2) },
    },
    {
      name: 'close_early decides once everyone eligible voted',
      rule: { ...unanimous, close_early: true },
      votes: all('yes', 0.5),
      now: 1,
      expect: { outcome: 'passed' },
      reason: /Decided early/,
    },
    {
      name: 'close_early decides a block early as blocked',
      rule: { ...consent, close_early: true },
      votes: [...all('yes', 0.5).slice(0, 3), v('dan', 'block', 0.5)],
      now: 1,
      expect: { outcome: 'blocked' },
    },
    {
      name: 'close_early waits while someone has not voted',
      rule: { ...unanimous, close_early: true },
      votes: all('yes', 0.5).slice(0, 3),
      now: 1,
      expect: { outcome: 'pending' },
    },
    {
      name: 'close_early with a failing vote decides early as failed',
      rule: { ...majority, close_early: true },
      votes: all('no', 0.5),
      now: 1,
      expect: { outcome: 'failed' },
    },
    {
      name: 'max_days: a vote after closing is ignored, the earlier one counts',
      rule: { ...unanimous, max_days: 5 },
      votes: [...all('yes', 1), v('dan', 'no', 6)],
      now: 7,
      expect: { outcome: 'passed', ignored: [{ voter: 'dan', vote: 'no', at: at(6), reason: `voted after the vote closed (${at(5)}, max_days 5)` }] },
    },
    {
      name: 'votes before the proposal opened are ignored',
      rule: unanimous,
      votes: [...all('yes', 1).slice(0, 3), v('dan', 'yes', -1)],
      expect: {
        outcome: 'pending',
        waiting: ['dan'],
        ignored: [{ voter: 'dan', reason: `voted before the proposal opened (${OPENED})`, vote: 'yes', at: at(-1) }],
      },
    },
    {
      name: 'votes after now are not counted yet',
      rule: unanimous,
      votes: [...all('yes', 1).slice(0, 3), v('dan', 'yes', 12)],
      expect: {
        outcome: 'pending',
        ignored: [expect.objectContaining({ voter: 'dan', reason: expect.stringContaining('voted after the moment being tallied') })],
      },
    },
    {
      name: 'reset_on_change: only votes after the last change count',
      rule: { ...unanimous, reset_on_change: true },
      votes: [...all('yes', 1).slice(0, 3), v('dan', 'yes', 1), v('dan', 'yes', 4.5)],
      input: { changed: at(4) },
      expect: { outcome: 'pending', waiting: ['ana', 'bob', 'carol'], votes: [expect.objectContaining({ handle: 'dan' })] },
    },
    {
      name: 'reset_on_change restarts the min_days clock at the change, so a push cannot wipe a block and pass at once',
      rule: { ...lazy, reset_on_change: true },
      votes: [v('bob', 'block', 1)],
      input: { changed: at(2.9) },
      now: 3.1,
      expect: {
        outcome: 'pending',
        projected: 'passed',
        decides_at: at(5.9),
        min_at: at(5.9),
        ignored: [expect.objectContaining({ voter: 'bob', reason: expect.stringContaining('before the last change') })],
      },
    },
    {
      name: 'without reset_on_change, changed is not read',
      rule: unanimous,
      votes: all('yes', 1),
      input: { changed: at(4) },
      expect: { outcome: 'passed', ignored: [] },
    },
    {
      name: "each voter's latest vote counts, however often they changed it",
      rule: unanimous,
      votes: [
        v('bob', 'no', 1),
        v('bob', 'block', 2),
        v('bob', 'yes', 3),
        v('bob', 'no', 3.5),
        v('bob', 'yes', 4),
        v('AnaCosta', 'yes', 1),
        v('carol', 'yes', 1),
        v('dan', 'yes', 1),
      ],
      expect: { outcome: 'passed', yes: 4, no: 0, block: 0 },
    },
    {
      name: 'the latest by time, not by list order',
      rule: unanimous,
      votes: [v('bob', 'yes', 4), v('bob', 'no', 2), ...all('yes').filter((x) => x.voter !== 'bob')],
      expect: { outcome: 'passed' },
    },
    { name: 'at the same instant, the vote listed later counts', rule: unanimous, votes: [...all('yes'), v('bob', 'no', 1)], expect: { outcome: 'failed' } },
    {
      name: "logins match ignoring case, and by the member's github login",
      rule: unanimous,
      votes: [v('anacosta', 'yes', 1), v('BOB', 'yes', 1), v('Carol', 'yes', 1), v('dan', 'yes', 1)],
      expect: { outcome: 'passed', votes: expect.arrayContaining([expect.objectContaining({ handle: 'ana', login: 'anacosta' })]) },
    },
    {
      name: 'a handle is not a login when the member has another github login',
      rule: unanimous,
      votes: [v('ana', 'yes', 1)],
      expect: { outcome: 'pending', ignored: [expect.objectContaining({ voter: 'ana', reason: expect.stringContaining('not on the roll') })] },
    },
  ])('$name', check);
});

describe('the roll', () => {
  it.each<Case>([
    {
      name: 'someone not on the roll is ignored',
      rule: lazy,
      votes: [v('mallory', 'block', 1)],
      expect: {
        outcome: 'passed',
        ignored: [{ voter: 'mallory', vote: 'block', at: at(1), reason: 'is not on the roll at the base: no member has this forge login' }],
      },
    },
    {
      name: 'someone the pull request adds is ignored, and told why',
      rule: unanimous,
      votes: [...all('yes'), v('newbie', 'no', 2)],
      input: { added: ['NewBie'] },
      expect: {
        outcome: 'passed',
        ignored: [expect.objectContaining({ voter: 'newbie', reason: expect.stringContaining('this pull request itself adds them') })],
      },
    },
    {
      name: 'a tier without a vote under the rule is ignored',
      rule: lazy,
      votes: [v('eve', 'block', 1), v('fay', 'block', 1)],
      expect: {
        outcome: 'passed',
        ignored: [
          expect.objectContaining({ voter: 'eve', reason: 'is in the tier dater, which does not vote under the-rule' }),
          expect.objectContaining({ voter: 'fay' }),
        ],
      },
    },
    {
      name: 'a vote-advisory tier among the voters is shown, never counted',
      rule: { ...lazy, voters: ['member', 'dater'] },
      votes: [v('eve', 'block', 1)],
      expect: { outcome: 'passed', block: 0, eligible: 4, advisory: [{ handle: 'eve', login: 'eve', tier: 'dater', vote: 'block', at: at(1) }], ignored: [] },
    },
    {
      name: 'without voters, every tier with the vote right votes and vote-advisory tiers are shown',
      rule: { method: 'lazy-majority' },
      votes: [v('eve', 'no', 0), v('fay', 'no', 0)],
      now: 0,
      expect: { outcome: 'passed', eligible: 4, advisory: [expect.objectContaining({ handle: 'eve' })], ignored: [expect.objectContaining({ voter: 'fay' })] },
    },
    {
      name: 'nobody eligible is an error that says so, never a silent pass',
      rule: { ...lazy, voters: ['contributor'] },
      votes: [],
      expect: {
        outcome: 'failed',
        eligible: 0,
        participation: 0,
        error: { code: 'tally.nobody-eligible', message: expect.stringMatching(/^Nobody can vote under the-rule/) as unknown as string },
      },
    },
    {
      name: 'nobody eligible because the only voter stands aside',
      rule: unanimous,
      votes: [],
      input: { roll: { tiers, members: [roll.members[1]!] }, standAside: ['bob'] },
      expect: { outcome: 'failed', error: expect.objectContaining({ code: 'tally.nobody-eligible' }) },
      reason: /bob stands aside/,
    },
  ])('$name', check);
});

describe('tally input', () => {
  it('refuses an opened or now that is not a time', () => {
    expect(() => tally({ name: 'r', rule: lazy, roll, votes: [], opened: 'yesterday', now: at(1) })).toThrow(/opened "yesterday" is not a time/);
    expect(() => tally({ name: 'r', rule: lazy, roll, votes: [], opened: OPENED, now: '' })).toThrow(/now "" is not a time/);
  });

  it('refuses a clock without a zone, a day without a time, and a day that does not exist, each saying which', () => {
    expect(() => tally({ name: 'r', rule: lazy, roll, votes: [], opened: '2026-11-01T10:00:00', now: at(1) })).toThrow(
      /opened "2026-11-01T10:00:00" has no time zone/,
    );
    expect(() => tally({ name: 'r', rule: lazy, roll, votes: [], opened: '2026-11-01', now: at(1) })).toThrow(/opened "2026-11-01" is a day without a time/);
    expect(() => tally({ name: 'r', rule: lazy, roll, votes: [], opened: OPENED, now: '2026-02-30T10:00:00Z' })).toThrow(
      /now "2026-02-30T10:00:00Z" is not a real date: 2026-02 has 28 days/,
    );
  });

  it('carries what a vote said, and where, to the counted vote', () => {
    const said = { reason: 'the pool is not ours to spend yet', source: 'comment', url: 'https://example.org/c/1' };
    const result = run({ rule: lazy, votes: [{ ...v('bob', 'block', 1), ...said }, v('carol', 'yes', 1)] });
    expect(result.outcome).toBe('blocked');
    expect(result.votes).toEqual([
      { handle: 'bob', login: 'bob', vote: 'block', at: at(1), ...said },
      { handle: 'carol', login: 'carol', vote: 'yes', at: at(1) },
    ]);
  });

  it('ignores a vote whose time is not a time', () => {
    const result = run({ rule: unanimous, votes: [...all('yes').slice(0, 3), { voter: 'dan', vote: 'yes', at: 'soon' }] });
    expect(result.outcome).toBe('pending');
    expect(result.ignored).toEqual([
      { voter: 'dan', vote: 'yes', at: 'soon', reason: expect.stringMatching(/^voted at "soon", which is not a time: write it as ISO 8601/) },
    ]);
  });
});

describe('combine', () => {
  const of = (outcome: Outcome, decides_at: string | null = null) => ({ ...run({ rule: lazy, votes: [] }), outcome, decides_at });
  it.each<[Outcome[], Outcome]>([
    [[], 'passed'],
    [['passed', 'passed'], 'passed'],
    [['passed', 'pending'], 'pending'],
    [['pending', 'blocked'], 'blocked'],
    [['blocked', 'failed', 'pending'], 'failed'],
    [['passed', 'failed'], 'failed'],
  ])('%j → %s', (outcomes, expected) => {
    expect(combine(outcomes.map((o) => of(o))).outcome).toBe(expected);
  });

  it("is decided by time at the last pending rule's decides_at, unless one waits for votes", () => {
    expect(combine([of('pending', at(3)), of('pending', at(7)), of('passed')]).decides_at).toBe(at(7));
    expect(combine([of('pending', at(3)), of('pending')]).decides_at).toBeNull();
    expect(combine([of('failed'), of('pending', at(3))]).decides_at).toBeNull();
  });

  it('lists each ignored voter once per reason across rules', () => {
    const a = run({ rule: lazy, votes: [v('mallory', 'no', 1)] });
    const b = run({ rule: unanimous, votes: [v('mallory', 'no', 1)] });
    expect(combine([a, b]).ignored).toEqual([{ voter: 'mallory', reason: 'is not on the roll at the base: no member has this forge login' }]);
  });
});
