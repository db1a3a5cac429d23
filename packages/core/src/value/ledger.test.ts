// What an entry is worth, and the ledger's sums per person, month and stream.
import { describe, expect, it } from 'vitest';
import { valueState } from '../../../../test/support/value-state.ts';
import { fromNumber, ratio } from '../vote/index.ts';
import { entryCredits, entryCreditsExact, entryHours } from './credits.ts';
import { buildLedger, cellOf, creditsSince, sumCells } from './ledger.ts';

const streams = { care: { credits_per_hour: 25 }, love: { credits_per_hour: 0 } };

describe('entryCredits, entryCreditsExact and entryHours', () => {
  it.each([
    ['hours alone are converted at the stream rate', { stream: 'care', hours: 2.5 }, 62.5, 2.5],
    ['credits alone count as given', { stream: 'care', credits: 100 }, 100, 4],
    ['credits given win over hours: the hours only say how long it took', { stream: 'care', hours: 3, credits: 100 }, 100, 3],
    ['a stream with no rate gives no credits for hours, and no hours for credits', { stream: 'love', credits: 40 }, 40, 0],
    ['a stream the constitution does not list earns nothing', { stream: 'beer', hours: 2 }, 0, 2],
  ])('%s', (_, entry, credits, hours) => {
    expect(entryCredits(entry, streams)).toBe(credits);
    expect(entryCreditsExact(entry, streams)).toEqual(fromNumber(credits));
    expect(entryHours(entry, streams)).toBe(hours);
  });

  it('are one rule, exact where the tally needs it: 0.1 hours at 3 an hour is exactly 3/10, and as a number the product in floating point', () => {
    const entry = { stream: 'tiny', hours: 0.1 };
    const rates = { tiny: { credits_per_hour: 3 } };
    expect(entryCreditsExact(entry, rates)).toEqual(ratio(3n, 10n));
    expect(entryCredits(entry, rates)).toBe(0.1 * 3);
  });
});

describe('buildLedger', () => {
  it('sums credits and hours per person, month and stream, and knows when each was last active', async () => {
    const state = await valueState({
      'contributions/2026-09/ana.yaml':
        'entries:\n  - { date: 2026-09-30, stream: love, hours: 1.5, credits: 45, what: Both given }\n  - { date: 2026-09-02, stream: love, hours: 2, what: Hours }\n',
    });
    const ledger = buildLedger(state);
    expect(ledger.streams).toEqual(['livelihood', 'love', 'care']);
    expect(ledger.months).toEqual(['2026-09', '2026-10']);
    // 45 given + 2 h × 20 = 85 credits; 1.5 + 2 = 3.5 hours.
    expect(cellOf(ledger, 'ana', '2026-09', 'love')).toEqual({ credits: 85, hours: 3.5, entries: 2 });
    expect(cellOf(ledger, 'ana', '2026-08', 'love')).toEqual({ credits: 0, hours: 0, entries: 0 });
    expect(sumCells(ledger, { handle: 'ana' }).credits).toBe(85 + 200 + 100);
    expect(sumCells(ledger, { stream: 'livelihood', from: '2026-10' }).credits).toBe(200 + 300 + 200 + 200 + 200);
    expect(sumCells(ledger, { to: '2026-09' }).credits).toBe(85);
    expect(ledger.lastActive.get('ana')).toBe('2026-10-06');
    expect(creditsSince(ledger, 'ana', '2026-09-15', '2026-10-05')).toBe(45 + 200);
  });
});
