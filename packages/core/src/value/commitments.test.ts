// Commitment fulfilment worked out by hand: pledges in credits and in hours, the tier minimum, sabbaticals, quarters under way.
import { describe, expect, it } from 'vitest';
import { valueState } from '../../../../test/support/value-state.ts';
import { buildLedger } from './ledger.ts';
import { commitmentFulfilment, whyNoCommitments } from './commitments.ts';

// Q3 2026 for ana: love 300 credits in July + 5 h (100 credits) in September = 400 credits; care 12 h.
// Q4 2026 (the base state's October): love 100 credits.
const work = {
  'contributions/2026-07/ana.yaml':
    'entries:\n  - { date: 2026-07-03, stream: love, credits: 300, what: Translation }\n  - { date: 2026-07-04, stream: care, hours: 12, what: Calls }\n',
  'contributions/2026-09/ana.yaml': 'entries:\n  - { date: 2026-09-03, stream: love, hours: 5, what: Docs }\n',
  'commitments/ana.yaml': `statement: I translate.
periods:
  - { quarter: 2026-Q3, pledge: { love: { credits: 400 }, care: { hours: 15 } }, signed: 2026-07-01 }
  - { quarter: 2026-Q4, pledge: { love: { credits: 300 } }, signed: 2026-10-01 }
`,
};

async function fulfilment(more: Record<string, string> = {}, today = '2026-11-15') {
  const state = await valueState({ ...work, ...more });
  return commitmentFulfilment(state, buildLedger(state), { from: '2026-07-01', to: '2026-12-31', today });
}

describe('commitmentFulfilment', () => {
  it('measures pledges in their own unit and the tier minimum beside them', async () => {
    const quarters = await fulfilment();
    const ana = quarters.filter((q) => q.member === 'ana');
    expect(ana.map((q) => [q.quarter, q.status, q.progress])).toEqual([
      // love 400/400 met; care 12/15 h short by 3: progress (1 + 0.8) / 2 = 0.9 over 2 targets,
      // and the minimum (400 love credits) met: (1 + 0.8 + 1) / 3 = 0.93.
      ['2026-Q3', 'short', 0.93],
      // Q4 is under way on 2026-11-15: love 100 of a pledge of 300 and of the minimum 400:
      // (1/3 + 1/4) / 2 = 0.29.
      ['2026-Q4', 'open', 0.29],
    ]);
    expect(ana[0]!.streams).toEqual([
      {
        stream: 'love',
        pledged: { amount: 400, unit: 'credits', done: 400, short: 0 },
        minimum: { amount: 400, unit: 'credits', done: 400, short: 0 },
        pledgeBelowMinimum: false,
      },
      { stream: 'care', pledged: { amount: 15, unit: 'hours', done: 12, short: 3 }, pledgeBelowMinimum: false },
    ]);
    expect(ana[1]!.streams[0]).toMatchObject({ pledgeBelowMinimum: true, pledged: { short: 200 }, minimum: { short: 300 } });
    // 2026-10-01 to 2026-11-15 is 46 of Q4's 92 days.
    expect(ana[1]!.elapsed).toBe(0.5);
  });

  it('holds members without a pledge to the minimum, from when work began to be logged', async () => {
    const bob = (await fulfilment()).filter((q) => q.member === 'bob');
    // Bob pledged nothing. Q3 began in July, after the first logged work (July): held to 400 love
    // credits, has none. Q4: none yet either, and it is under way.
    expect(bob.map((q) => [q.quarter, q.status, q.signed, q.streams[0]?.minimum?.short])).toEqual([
      ['2026-Q3', 'short', undefined, 400],
      ['2026-Q4', 'open', undefined, 400],
    ]);
  });

  it('holds nobody to a minimum for a quarter that began before any work was logged', async () => {
    const state = await valueState();
    const quarters = commitmentFulfilment(state, buildLedger(state), { from: '2026-07-01', to: '2026-12-31', today: '2026-11-15' });
    // The base state's work begins in October: Q3 is not held; Q4 is.
    expect(quarters.filter((q) => q.member === 'bob').map((q) => q.quarter)).toEqual(['2026-Q4']);
  });

  it('holds people on sabbatical only to what they pledged, and daters to no member minimum', async () => {
    const quarters = await fulfilment({ 'members/bob.yaml': 'name: Bob\ntier: member\nsince: 2022-01-10\nstatus: sabbatical\n' });
    expect(quarters.filter((q) => q.member === 'bob')).toEqual([]);
    expect(quarters.filter((q) => ['dee', 'dan', 'dot'].includes(q.member))).toEqual([]);
  });

  it('calls a quarter met once every target is reached, even while it is under way', async () => {
    const quarters = await fulfilment({ 'contributions/2026-11/ana.yaml': 'entries:\n  - { date: 2026-11-02, stream: love, credits: 300, what: Book }\n' });
    expect(quarters.find((q) => q.member === 'ana' && q.quarter === '2026-Q4')).toMatchObject({ status: 'met', progress: 1 });
  });
});

describe('whyNoCommitments', () => {
  const noWork = Object.fromEntries(['ana', 'bob', 'dee', 'dan', 'dot'].map((h) => [`contributions/2026-10/${h}.yaml`, null]));
  const minimums = 'a quarter: 400 credits of love for a member';
  async function why(more: Record<string, string | null>, period: { from: string; to: string; today: string }) {
    const state = await valueState(more);
    return whyNoCommitments(state, buildLedger(state), period);
  }
  const q4 = { from: '2026-10-01', to: '2026-12-31', today: '2026-11-15' };

  it('says nothing when there is something to show', async () => {
    expect(await why({}, q4)).toBeUndefined();
    expect(
      await why(
        {
          'members/ana.yaml': 'name: Ana\ntier: member\nsince: 2021-09-01\nstatus: sabbatical\n',
          'members/bob.yaml': 'name: Bob\ntier: member\nsince: 2022-01-10\nstatus: sabbatical\n',
          'commitments/ana.yaml': 'statement: I translate.\nperiods:\n  - { quarter: 2026-Q4, pledge: { love: { credits: 100 } }, signed: 2026-10-01 }\n',
        },
        q4,
      ),
    ).toBeUndefined();
  });

  it('says the minimums wait for work to be logged, when nobody has logged any', async () => {
    expect(await why(noWork, q4)).toBe(
      `No one has pledged for this period. The tier minimums (${minimums}) apply from the first quarter that begins once work is being logged, and no one has logged any yet (\`coop log\` does).`,
    );
  });

  it('names the first quarter held when the period began before work was logged', async () => {
    expect(await why({}, { from: '2026-07-01', to: '2026-09-30', today: '2026-11-15' })).toBe(
      `No one has pledged for this period. The tier minimums (${minimums}) apply from 2026-Q4, the first quarter that began once work was being logged (from 2026-10); this period ends before it.`,
    );
  });

  it('says when nobody is in the tiers, or all of them are on sabbatical', async () => {
    const nobody = {
      'members/ana.yaml': 'name: Ana\ntier: dater\nsince: 2021-09-01\ndating: { stage: 1, since: 2021-09-01 }\n',
      'members/bob.yaml': null,
      'contributions/2026-10/bob.yaml': null,
    };
    expect(await why(nobody, q4)).toMatch(/hold no one: nobody is in that tier\.$/);
    const away = {
      'members/ana.yaml': 'name: Ana\ntier: member\nsince: 2021-09-01\nstatus: sabbatical\n',
      'members/bob.yaml': 'name: Bob\ntier: member\nsince: 2022-01-10\nstatus: sabbatical\n',
    };
    expect(await why(away, q4)).toMatch(/hold no one now: everyone in that tier is on sabbatical\.$/);
  });

  it('says a period to come has not begun', async () => {
    expect(await why({}, { from: '2027-01-01', to: '2027-03-31', today: '2026-11-15' })).toBe(
      `No one has pledged for this period yet. The tier minimums (${minimums}) apply to a quarter once it has begun, and this period has not.`,
    );
  });

  it('says when the constitution sets no minimums', async () => {
    const { constitution } = await import('../../../../test/support/value-state.ts');
    const without = constitution.replace(/^commitments:\n( {2}.*\n)+/m, '');
    expect(await why({ 'constitution.yaml': without }, q4)).toBe('No one has pledged for this period, and the constitution sets no tier minimums.');
  });
});
