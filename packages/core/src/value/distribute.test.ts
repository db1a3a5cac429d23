// Worked examples of the monthly distribution, every figure checked by hand in the comments.
import { describe, expect, it } from 'vitest';
import { constitution, recordOf, valueState } from '../../../../test/support/value-state.ts';
import { buildLedger } from './ledger.ts';
import { distribute, defaultSplit, type Distribution } from './distribute.ts';
import { paidCredits, payoutProposals } from './payouts.ts';
import { payoutProposalText } from './payout-proposal.ts';
import { accountsOf } from './accounts.ts';
import type { State } from '../common/index.ts';

/** The payments of a distribution as `member/stream → [due, paid, owed]`. */
function lines(d: Distribution): Record<string, [number, number, number]> {
  return Object.fromEntries(d.payments.map((p) => [`${p.member}/${p.stream}`, [p.due, p.paid, p.owed]]));
}

function run(state: State, pool: number): Distribution {
  return distribute(state, buildLedger(state), paidCredits(payoutProposals(state)), '2026-10', pool);
}

// October 2026 (20 credits an hour), dues by hand:
//   livelihood (75%): ana 200, bob 300, dee 200 × 0 (stage 1) = 0, dan 200 × 0.5 (stage 2) = 100,
//                     dot 200 × 0.75 (stage 3) = 150; in all 750
//   love and care (25%): ana 100, bob 100, dee 40; in all 240
describe('distribute: a month where the pool covers everything', () => {
  it('pays every due in full, daters at their stage rate, and leaves the rest in the pool', async () => {
    const d = run(await valueState(), 2000);
    // 2000: livelihood is allotted 1500 (≥ 750), love and care 500 (≥ 240).
    expect(d.shares.map((s) => [s.allotted, s.due, s.paid, s.short])).toEqual([
      [1500, 750, 750, false],
      [500, 240, 240, false],
    ]);
    expect(lines(d)).toEqual({
      'ana/livelihood': [200, 200, 0],
      'ana/love': [100, 100, 0],
      'bob/livelihood': [300, 300, 0],
      'bob/care': [100, 100, 0],
      // Stage 1 is paid at 0: all 200 credits stay owed.
      'dee/livelihood': [0, 0, 200],
      // Daters' love and care are not paid work: full rate.
      'dee/love': [40, 40, 0],
      // Stage 2 at 0.5: 100 paid, 100 owed; stage 3 at 0.75: 150 paid, 50 owed.
      'dan/livelihood': [100, 100, 100],
      'dot/livelihood': [150, 150, 50],
    });
    expect(d.payments.find((p) => p.member === 'dan')).toMatchObject({ rate: 0.5, stage: 2 });
    expect(d.payments.find((p) => p.member === 'dot')).toMatchObject({ rate: 0.75, stage: 3 });
    expect(d.payments.find((p) => p.member === 'dee' && p.stream === 'livelihood')).toMatchObject({ rate: 0, stage: 1 });
    // 2000 − 990 = 1010 stays.
    expect({ due: d.due, paid: d.paid, left: d.left, kept: d.kept, covered: d.covered }).toEqual({ due: 990, paid: 990, left: 1010, kept: 0, covered: true });
  });
});

describe('distribute: a month where the pool is short', () => {
  it('pays each share pro rata, and the unpaid rest stays owed', async () => {
    const d = run(await valueState(), 800);
    // Livelihood: 600 for 750 due, so 0.8 of each: ana 160, bob 240, dan 80, dot 120.
    // Love and care: 200 for 240 due, 5/6 of each: 83.333…, 83.333…, 33.333…; in cents 8333, 8333, 3333
    // leave one cent, which goes to the first of the equal remainders (ana): 83.34.
    expect(lines(d)).toEqual({
      'ana/livelihood': [200, 160, 40],
      'ana/love': [100, 83.34, 16.66],
      'bob/livelihood': [300, 240, 60],
      'bob/care': [100, 83.33, 16.67],
      'dee/livelihood': [0, 0, 200],
      'dee/love': [40, 33.33, 6.67],
      'dan/livelihood': [100, 80, 120],
      'dot/livelihood': [150, 120, 80],
    });
    expect(d.shares.map((s) => [s.paid, s.short])).toEqual([
      [600, true],
      [200, true],
    ]);
    expect({ paid: d.paid, left: d.left, covered: d.covered }).toEqual({ paid: 800, left: 0, covered: false });
  });

  it('gives what one share does not need to a share still short', async () => {
    const d = run(await valueState(), 980);
    // Livelihood is allotted 735 (0.98 of each due: ana 196, bob 294, dan 98, dot 147); love and care
    // 245 for 240 due, so 5 are spare. They go to livelihood pro rata to what is still due (4, 6, 2, 3 of
    // 15): 1.333…, 2, 0.666…, 1; in cents 133, 200, 66, 100 and the last cent to dan's larger remainder.
    expect(Object.fromEntries(d.payments.filter((p) => p.stream === 'livelihood').map((p) => [p.member, p.paid]))).toEqual({
      ana: 197.33,
      bob: 296,
      dee: 0,
      dan: 98.67,
      dot: 148,
    });
    expect(d.shares.map((s) => [s.allotted, s.paid, s.short])).toEqual([
      [735, 740, true],
      [245, 240, false],
    ]);
    expect({ paid: d.paid, left: d.left }).toEqual({ paid: 980, left: 0 });
  });
});

describe('distribute: recorded payouts', () => {
  it('counts a passed payout as paid, and a second payout tops up only what is still due', async () => {
    const first = run(await valueState(), 800);
    const text = payoutProposalText(first, { author: 'ana' });
    const state = await valueState({ 'proposals/0005-payout-2026-10.yaml': text, 'decisions/12.yaml': recordOf(12, '0005-payout-2026-10') });
    const second = run(state, 500);
    // Still due after the first: livelihood ana 40, bob 60, dan 20 (100 − 80), dot 30 (150 − 120);
    // love and care ana 16.66, bob 16.67, dee 6.67. 500 covers it (375 ≥ 150, 125 ≥ 40).
    expect(lines(second)).toEqual({
      'ana/livelihood': [40, 40, 0],
      'ana/love': [16.66, 16.66, 0],
      'bob/livelihood': [60, 60, 0],
      'bob/care': [16.67, 16.67, 0],
      'dee/livelihood': [0, 0, 200],
      'dee/love': [6.67, 6.67, 0],
      'dan/livelihood': [20, 20, 100],
      'dot/livelihood': [30, 30, 50],
    });
    expect(second.payments.find((p) => p.member === 'ana' && p.stream === 'love')?.earlier).toBe(83.34);
    expect({ paid: second.paid, left: second.left }).toEqual({ paid: 190, left: 310 });

    // Accounts: ana earned 300 and was paid 160 + 83.34; dee earned 240 and was paid 33.33.
    const accounts = accountsOf(buildLedger(state), paidCredits(payoutProposals(state)));
    expect(accounts.get('ana')).toMatchObject({ historical: 300, paid: 243.34, owed: 56.66 });
    expect(accounts.get('dee')).toMatchObject({ historical: 240, paid: 33.33, owed: 206.67 });
    expect(accounts.get('dee')?.byStream.livelihood).toEqual({ historical: 200, paid: 0, owed: 200 });
  });

  it('does not count a payout no record names, nor one whose record says it failed', async () => {
    const first = run(await valueState(), 800);
    const text = payoutProposalText(first, { author: 'ana' });
    const cases: Record<string, string>[] = [{}, { 'decisions/12.yaml': recordOf(12, '0005-payout-2026-10', 'failed') }];
    for (const more of cases) {
      const state = await valueState({ 'proposals/0005-payout-2026-10.yaml': text, ...more });
      expect(payoutProposals(state).map((p) => p.status)).toEqual([Object.keys(more).length === 0 ? 'proposed' : 'rejected']);
      expect(run(state, 2000).paid).toBe(990);
    }
  });
});

describe('distribute: splits', () => {
  it('without a split, gives 75% to paid streams and the rest to the others', () => {
    expect(defaultSplit({ livelihood: { paid: true }, love: {}, care: { paid: false } })).toEqual([
      { streams: ['livelihood'], share: 0.75 },
      { streams: ['love', 'care'], share: 0.25 },
    ]);
    expect(defaultSplit({ love: {}, care: {} })).toEqual([{ streams: ['love', 'care'], share: 1 }]);
  });

  it('keeps back the part of the pool a split gives to no stream, and leaves unsplit streams owed', async () => {
    const state = await valueState({
      'constitution.yaml': constitution.replace('    - { streams: [love, care], share: 0.25 }\n', '    - { streams: [love], share: 0.15 }\n'),
    });
    const d = run(state, 1000);
    // Livelihood 750 (= due 750), love 150 (≥ ana 100 + dee 40); 100 kept; care (bob 100) paid by no share.
    expect(d.kept).toBe(100);
    expect(lines(d)['bob/care']).toEqual([0, 0, 100]);
    expect(d.notes.join(' ')).toMatch(/No share of the split pays care/);
    expect({ paid: d.paid, left: d.left }).toEqual({ paid: 890, left: 110 });
  });
});
