// The report of the bundled examples: its figures, its text, and a page that needs nothing from the network.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { members, recordOf, valueState } from '../../../../test/support/value-state.ts';
import { workingTreeSource } from '../common/index.ts';
import { loadState } from '../load/index.ts';
import { buildReport, renderHtml, renderText, type ReportData } from './index.ts';

const examples = join(import.meta.dirname, '../../../../examples');
const now = new Date('2026-11-28T12:00:00Z');

async function reportOf(example: string, options: { from?: string; to?: string } = {}): Promise<ReportData> {
  const { state } = await loadState(workingTreeSource(join(examples, example)));
  return buildReport(state, { now, ...options });
}

describe('buildReport on examples/disco-coop', () => {
  it('covers the year of work, everyone, and every stream', async () => {
    const r = await reportOf('disco-coop');
    expect(r.months).toEqual([
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
    ]);
    expect(r.period).toEqual({ from: '2025-12-01', to: '2026-11-30' });
    expect(r.quarters).toEqual(['2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    expect(r.tiers.map((t) => [t.id, t.people])).toEqual([
      ['member', 4],
      ['dater', 2],
      ['contributor', 2],
      ['supporter', 1],
    ]);
    expect(r.continuum.people).toHaveLength(9);
    expect(r.streams.map((s) => s.id)).toEqual(['livelihood', 'love', 'care']);
    const v = r.value!;
    // Every month's total is the sum of its streams, and the people's totals add up to the months'.
    for (const m of v.months)
      expect(m.total).toBeCloseTo(
        Object.values(m.credits).reduce((a, b) => a + b, 0),
        6,
      );
    expect(v.totals.period).toBeCloseTo(
      v.months.reduce((a, m) => a + m.total, 0),
      6,
    );
    expect(v.people.map((p) => p.member)).toEqual(['ana', 'bruno', 'chiara', 'dmitri', 'efua', 'farid', 'gwen', 'hiroshi']);
    // Nothing has been paid out: everything earned is owed.
    expect(v.totals.paid).toBe(0);
    expect(v.totals.owed).toBe(v.totals.historical);
    // No decision records: all four proposals are open.
    expect(r.proposals.open.map((p) => [p.key, p.decision])).toEqual([
      ['0001-keep-governance-in-the-repo', 'supermajority'],
      ['0002-sabbaticals', 'consent'],
      ['0003-solidarity-fund', 'majority'],
      ['0004-join-sene', 'lazy-majority'],
    ]);
    expect(r.decisions).toEqual([]);
  });

  it('counts only the months asked for, and whole months', async () => {
    const r = await reportOf('disco-coop', { from: '2026-04', to: '2026-06' });
    expect(r.months).toEqual(['2026-04', '2026-05', '2026-06']);
    expect(r.quarters).toEqual(['2026-Q2']);
    const all = await reportOf('disco-coop');
    const q2 = all.value!.months.filter((m) => r.months.includes(m.month)).reduce((a, m) => a + m.total, 0);
    expect(r.value!.totals.period).toBeCloseTo(q2, 6);
    // Historical credits run up to the end of the period, not to today.
    expect(r.value!.totals.historical).toBeLessThan(all.value!.totals.historical);
    expect(r.commitments.every((c) => c.quarter === '2026-Q2' && c.status !== 'open')).toBe(true);
  });
});

describe('buildReport: decisions and payouts', () => {
  it('lists a recorded payout as paid, leaves its proposal out of the open ones, and logs the decision', async () => {
    const payout =
      'title: Pay October\nauthor: ana\npayout:\n  month: 2026-10\n  pool: 300\n  payments:\n    - { member: ana, stream: love, credits: 100, paid: 100 }\n    - { member: bob, stream: care, credits: 100, paid: 50 }\n';
    const state = await valueState({
      'proposals/0005-payout-2026-10.yaml': payout,
      'proposals/0006-other.yaml': 'title: Something else\nauthor: bob\n',
      'decisions/12.yaml': recordOf(12, '0005-payout-2026-10'),
    });
    const r = buildReport(state, { now });
    expect(r.value!.payouts).toEqual([
      {
        key: '0005-payout-2026-10',
        file: 'governance/proposals/0005-payout-2026-10.yaml',
        title: 'Pay October',
        month: '2026-10',
        pool: 300,
        paid: 150,
        status: 'paid',
        pr: 12,
      },
    ]);
    expect(r.value!.people.find((p) => p.member === 'bob')).toMatchObject({ historical: 400, paid: 50, owed: 350 });
    expect(r.proposals).toMatchObject({ open: [{ key: '0006-other' }], decided: 1 });
    expect(r.decisions.map((d) => [d.pr, d.outcome])).toEqual([[12, 'passed']]);
  });
});

describe('buildReport: decisions in words', () => {
  it('words each change of a record from the state: names, tiers, payouts, months of work', async () => {
    const payout =
      'title: Pay October\nauthor: ana\npayout:\n  month: 2026-10\n  pool: 300\n  payments:\n    - { member: ana, stream: love, credits: 100, paid: 100 }\n';
    const sha = (d: string) => `a${d}`.repeat(20);
    const record = (pr: number, changes: string, at: string) =>
      `pr: ${pr}\ntitle: Pull request ${pr}\nauthor: ana\nbase: ${sha('1')}\nhead: ${sha('2')}\ncommits: [${sha('3')}]\nchanges:\n${changes}rules: [lazy-majority]\nopened: 2026-11-01T09:00:00Z\neligible: [ana, bob]\nvotes: []\noutcome: passed\ndecided_at: ${at}\n`;
    const state = await valueState({
      'proposals/0005-payout-2026-10.yaml': payout,
      'proposals/0006-other.yaml': 'title: Meet monthly\nauthor: bob\n',
      'decisions/12.yaml': recordOf(12, '0005-payout-2026-10'),
      // dee was admitted as a contributor, then moved to dater by #14: #13 cannot say the tier, #14 can.
      'decisions/13.yaml': record(
        13,
        '  - { kind: member.add, subject: dee, file: governance/members/dee.yaml }\n  - { kind: commitment.add, subject: dee }\n',
        '2026-11-06T09:00:00Z',
      ),
      'decisions/14.yaml': record(
        14,
        '  - { kind: member.tier, subject: dee }\n  - { kind: constitution.change, file: governance/constitution.yaml }\n',
        '2026-11-07T09:00:00Z',
      ),
      'decisions/15.yaml': record(
        15,
        '  - { kind: contribution.add, subject: bob, file: governance/contributions/2026-10/bob.yaml }\n'.repeat(2) +
          '  - { kind: contribution.update, subject: ana, file: governance/contributions/2026-10/ana.yaml }\n',
        '2026-11-08T09:00:00Z',
      ),
      'decisions/16.yaml': record(
        16,
        '  - { kind: proposal.add, subject: "6" }\n  - { kind: member.remove, subject: zed }\n  - { kind: path.change, subject: LICENSE }\n',
        '2026-11-09T09:00:00Z',
      ),
    });
    const words = Object.fromEntries(buildReport(state, { now }).decisions.map((d) => [d.pr, d.inWords]));
    expect(words).toEqual({
      12: ['Distribute 300 EUR for 2026-10 (proposal 0005)'],
      13: ['Admit Dee', "Record Dee's commitment"],
      14: ['Move Dee to dater', 'Change the constitution'],
      15: ["Log 2 entries of Bob's work for October 2026", "Correct an entry of Ana's work for October 2026"],
      16: ['Proposal 0006: Meet monthly', 'Remove zed', 'Change LICENSE'],
    });
  });
});

describe('buildReport: an empty commitments section says why', () => {
  it('when the constitution sets minimums but no one has logged work or pledged yet', async () => {
    const noWork = Object.fromEntries(Object.keys(members).map((h) => [`contributions/2026-10/${h}.yaml`, null]));
    const r = buildReport(await valueState(noWork), { now });
    expect(r.commitments).toEqual([]);
    expect(r.noCommitments).toMatch(
      /^No one has pledged for this period\. The tier minimums \(a quarter: 400 credits of love for a member\) apply from the first quarter that begins once work is being logged/,
    );
    expect(renderText(r)).toContain(`Commitments\n───────────\n\n  ${r.noCommitments}`);
    const html = renderHtml(r);
    expect(html).toContain('The tier minimums (a quarter: 400 credits of love for a member) apply from the first quarter');
    expect(html).toContain('(<code>coop log</code> does)');
    expect(html).not.toContain('no tier minimums');
  });
});

describe('renderText', () => {
  it('has every section, with the figures of the data', async () => {
    const r = await reportOf('disco-coop');
    const text = renderText(r);
    for (const heading of ['Credits per stream per month', "Each person's credits", 'Payouts', 'Commitments', 'The continuum', 'Open proposals', 'Decisions'])
      expect(text).toContain(`${heading}\n`);
    expect(text).toContain('December 2025 to November 2026');
    expect(text).toMatch(/gwen: contributor → dater\. gwen has 534 days in contributor/);
    expect(text).toMatch(/0004-join-sene +farid +lazy-majority/);
  });
});

describe('renderHtml', () => {
  it('is one self-contained page: no scripts, no external resources', async () => {
    const html = renderHtml(await reportOf('disco-coop'));
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\ssrc=|@import|url\(|@font-face/i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    expect(html).toContain('data-chart="radial" data-members="9"');
    expect(html).toContain('data-chart="credits" data-months="12"');
    expect(html.match(/<g class="person"/g)).toHaveLength(9);
    expect(html.match(/<g class="month"/g)).toHaveLength(12);
  });

  it('shows every figure the same way in cards and tables, dates that do not wrap, and no negative days', async () => {
    const state = await valueState({
      'contributions/2026-11/ana.yaml':
        'entries:\n  - { date: 2026-11-02, stream: care, hours: 0.25, what: Call }\n  - { date: 2026-11-03, stream: love, credits: 1234.56, what: Book }\n',
      'members/eve.yaml': 'name: Eve\ntier: supporter\nsince: 2026-12-15\n',
      'decisions/12.yaml': recordOf(12, '0005-payout-2026-10'),
      'proposals/0005-payout-2026-10.yaml':
        'title: Pay October\nauthor: ana\npayout:\n  month: 2026-10\n  pool: 300\n  payments:\n    - { member: ana, stream: love, credits: 100, paid: 100 }\n',
    });
    const html = renderHtml(buildReport(state, { now }));
    const card = /Credits in the period<\/div><div class="big">([^<]+)<\/div><div class="small">([^<]+)</.exec(html)!;
    const foot = /<tfoot><tr><td>All<\/td><td><\/td>((?:<td class="n">[^<]+<\/td>)+)/
      .exec(html)![1]!
      .match(/>[^<]+</g)!
      .map((c) => c.slice(1, -1));
    // livelihood, love, care, then the period: the card's figures are the table's, to the cent.
    expect(card[1]).toBe(foot[3]);
    expect(card[2]).toBe(`${foot[0]} livelihood · ${foot[1]} love · ${foot[2]} care`);
    expect(foot[1]).toBe('1\u202f374.56');
    expect(html).toMatch(/<td class="date">2026-11-05<\/td>/);
    expect(html).toContain('.date, .nowrap { white-space: nowrap; }');
    expect(html).toMatch(
      /<tr data-member="eve"><td>Eve<br><span class="muted">supporter<\/span><\/td><td class="n"><span class="muted" title="since: is after today">from <span class="date">2026-12-15<\/span><\/span><\/td>/,
    );
  });

  it('escapes what people wrote', async () => {
    const state = await valueState({ 'proposals/0007-x.yaml': 'title: "<script>alert(1)</script> & more"\nauthor: ana\n' });
    const html = renderHtml(buildReport(state, { now }));
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; more');
  });

  it('renders a state that tracks no value, without value or commitments sections', async () => {
    const r = await reportOf('radial-libre');
    expect(r.value).toBeUndefined();
    const html = renderHtml(r);
    expect(html).toContain('data-chart="radial" data-members="11"');
    expect(html).not.toContain('data-chart="credits"');
    expect(html).not.toContain('id="commitments"');
    expect(renderText(r)).not.toContain('Credits per stream per month');
    expect(renderText(r)).not.toContain('Commitments');
    expect(renderText(r)).toContain('The continuum');
  });
});
