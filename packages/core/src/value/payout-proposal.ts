// Writes a distribution as a proposal file, so that the distribution is decided by pull request and recorded on merge.
import type { Constitution } from '../generated/types.ts';
import { decide } from '../change/index.ts';
import type { State } from '../common/index.ts';
import type { Distribution } from './distribute.ts';

export interface PayoutProposalOptions {
  /** The handle of the member who proposes it. */
  author: string;
  /** The rule that decides it, when not the constitution's default for proposals. */
  decision?: string;
  /** The command that made it, quoted in the file's header. */
  command?: string;
}

/** The rule a payout proposal names, the rule its pull request will need, and why. */
export interface PayoutRule {
  /** What the proposal's `decision:` says; none when the rule it needs is not one proposals may choose (the policy requires it all the same). */
  decision?: string;
  /** The rule its pull request will need by the constitution's policy (`forbidden` or `none` if the policy says so). */
  needs: string;
  /** Why, in sentences a member reads. */
  why: string;
}

/**
 * Which rule a payout proposal names: `requested` (--decision) when given, else the constitution's
 * rule for payouts (`proposals.payouts`), else `consent` when the constitution declares it (money
 * needs more than lazy consent), else the default for proposals. What it will need is then read from
 * the policy itself, as `coop check` will read it.
 */
export function payoutRule(constitution: Constitution, d: Pick<Distribution, 'month' | 'pool' | 'currency'>, author: string, requested?: string): PayoutRule {
  const allowed = constitution.proposals?.rules ?? Object.keys(constitution.decisions);
  const payouts = constitution.proposals?.payouts;
  const forPayouts = 'the constitution names it for every payout (proposals.payouts)';
  let decision: string | undefined;
  let why: string;
  if (requested !== undefined) {
    decision = requested;
    why =
      payouts === undefined || payouts === requested
        ? `Its pull request will need ${requested}, as --decision asks${payouts === requested ? ` and ${forPayouts}` : ''}.`
        : `It names ${requested} (--decision), but the policy will still require ${payouts}: ${forPayouts}.`;
  } else if (payouts !== undefined) {
    decision = allowed.includes(payouts) ? payouts : undefined;
    why = `Its pull request will need ${payouts}: ${forPayouts}.`;
  } else if (Object.hasOwn(constitution.decisions, 'consent') && allowed.includes('consent')) {
    decision = 'consent';
    why =
      'Its pull request will need consent: money needs more than lazy consent, and the constitution names no rule for payouts (proposals.payouts) but declares consent.';
  } else {
    const fallback = constitution.proposals?.default ?? constitution.default;
    decision = allowed.includes(fallback) ? fallback : undefined;
    why = `Its pull request will need ${fallback}, the constitution's default for proposals: the constitution names no rule for payouts (proposals.payouts) and declares no rule named consent. Name one in proposals.payouts to ask more of a payout.`;
  }
  const expected = payouts ?? decision;
  const ruling = decide(
    {
      kind: 'proposal.add',
      subject: author,
      login: author,
      file: 'governance/proposals/payout.yaml',
      line: 1,
      column: 1,
      proposal: {
        title: 'payout',
        ...(decision !== undefined ? { decision } : {}),
        payout: { month: d.month, pool: d.pool, ...(d.currency ? { currency: d.currency } : {}) },
      },
    },
    true,
    constitution,
    'base',
  );
  if (ruling.rule !== expected) {
    // A policy that does not leave proposals their own rule has the last word.
    const by = ruling.by === 'policy' ? `policy entry ${ruling.policy! + 1}` : ruling.by === 'default' ? 'the default of the policy' : 'an invariant';
    const needs = ruling.rule === 'forbidden' ? 'is forbidden' : ruling.rule === 'none' ? 'needs no vote' : `will need ${ruling.rule}`;
    why += ` By ${by}, though, its pull request ${needs}${ruling.reason !== undefined ? `: ${ruling.reason}` : '.'}`;
  }
  return { ...(decision !== undefined ? { decision } : {}), needs: ruling.rule, why };
}

/** The next free proposal number: one more than the highest in use. */
export function nextProposalNumber(state: State): number {
  let highest = 0;
  for (const key of state.proposals.keys()) highest = Math.max(highest, Number(key.slice(0, key.indexOf('-'))));
  for (const file of state.broken) {
    const match = /^governance\/proposals\/([0-9]{4,})-/.exec(file);
    if (match) highest = Math.max(highest, Number(match[1]));
  }
  return highest + 1;
}

/** Where a payout proposal goes: governance/proposals/<NNNN>-payout-<YYYY-MM>.yaml. */
export function payoutProposalPath(number: number, month: string): string {
  return `governance/proposals/${String(number).padStart(4, '0')}-payout-${month}.yaml`;
}

/** 2026-10 → October 2026 */
export function monthName(month: string): string {
  return new Date(`${month}-01T00:00:00Z`).toLocaleString('en', { month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** The proposal's text: a title, a summary a person can read, and the payments as data. */
export function payoutProposalText(d: Distribution, options: PayoutProposalOptions): string {
  const currency = d.currency ? ` ${d.currency}` : '';
  const money = (n: number) => `${formatAmount(n)}${currency}`;
  const summary = [
    `The distribution of ${money(d.pool)} to the credits of ${monthName(d.month)}.`,
    '',
    ...d.shares.map(
      (s) =>
        `${s.streams.join(' and ')} (${formatAmount(s.share * 100)}% of the pool, ${money(s.allotted)}): ${money(s.due)} due, ${money(s.paid)} paid${s.short ? ', pro rata' : ''}.`,
    ),
    `In all ${money(d.paid)} paid of ${money(d.due)} due; ${money(d.left)} stays in the pool.`,
    d.covered ? 'Every credit due this month is paid.' : 'What is not paid stays owed to each person (invested credits), to be paid by a later distribution.',
    ...(d.notes.length > 0 ? ['', ...d.notes] : []),
    '',
    'Merging this pull request decides the distribution; once the decision is recorded, the payments below count as paid (divested) credits.',
  ];
  const lines = [
    '# yaml-language-server: $schema=https://cooperage.dev/schemas/proposal.schema.json',
    ...(options.command ? [`# Written by \`${options.command}\`.`] : []),
    `title: ${JSON.stringify(`Distribute ${money(d.pool)} to the credits of ${monthName(d.month)}`)}`,
    `author: ${options.author}`,
    ...(options.decision ? [`decision: ${options.decision}`] : []),
    'summary: |',
    ...summary.map((line) => (line === '' ? '' : `  ${line}`)),
    'payout:',
    `  month: ${JSON.stringify(d.month)}`,
    `  pool: ${d.pool}`,
    ...(d.currency ? [`  currency: ${JSON.stringify(d.currency)}`] : []),
    d.payments.length === 0 ? '  payments: []' : '  payments:',
    ...d.payments.map(
      (p) => `    - { member: ${p.member}, stream: ${p.stream}, credits: ${p.credits}, ${p.rate === 1 ? '' : `rate: ${p.rate}, `}paid: ${p.paid} }`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

/** A number as people write money: at most two decimals, none when whole. */
export function formatAmount(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2);
}
