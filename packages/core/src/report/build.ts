// Gathers everything `coop report` shows into one plain object: value, commitments, the continuum, open proposals, decisions.
import type { DecisionRecord } from '../generated/types.ts';
import type { State } from '../common/index.ts';
import { accountsOf } from '../value/index.ts';
import { addMonths, monthBounds, monthOf, monthsBetween, quartersBetween } from '../value/index.ts';
import { commitmentFulfilment, whyNoCommitments, type QuarterFulfilment } from '../value/index.ts';
import { changesInWords } from './changes.ts';
import { continuumOf, type Continuum } from '../value/index.ts';
import { round2 } from '../value/index.ts';
import { buildLedger } from '../value/index.ts';
import { paidCredits, payoutProposals, type PayoutStatus } from '../value/index.ts';
import { proposalDecisions } from '../value/index.ts';

export interface ReportOptions {
  /** First month of the period, YYYY-MM; default: the first month anyone logged work, else a year back. */
  from?: string;
  /** Last month of the period, YYYY-MM; default: this month. */
  to?: string;
  /** Now: the report is a pure function of the state and this. */
  now: Date;
}

export interface ReportData {
  /** The collective's name, from the constitution. */
  name?: string;
  generated: string;
  today: string;
  /** The period, in whole months: its first and last day. */
  period: { from: string; to: string };
  months: string[];
  quarters: string[];
  currency?: string;
  tiers: { id: string; label: string; stages?: number; people: number }[];
  /** The value streams; empty when the constitution tracks no value. */
  streams: { id: string; label: string; paid: boolean }[];
  /** Absent when the constitution tracks no value. */
  value?: ValueSection;
  commitments: (QuarterFulfilment & { name: string })[];
  /** Why `commitments` is empty, when it is: no pledges, and no tier minimums or nobody they hold yet. */
  noCommitments?: string;
  continuum: Continuum;
  proposals: { open: OpenProposal[]; decided: number };
  /** Decision records decided in the period, latest first. */
  decisions: DecisionLine[];
}

export interface ValueSection {
  /** Credits per stream for each month of the period. */
  months: { month: string; credits: Record<string, number>; total: number }[];
  /** Everyone who has credits, innermost tier first. */
  people: PersonValue[];
  totals: { period: number; historical: number; paid: number; owed: number };
  payouts: { key: string; file: string; title: string; month: string; pool: number; paid: number; status: PayoutStatus; pr?: number }[];
}

export interface PersonValue {
  member: string;
  name: string;
  tier: string;
  /** Credits per stream in the period. */
  period: Record<string, number>;
  periodTotal: number;
  /** Up to the end of the period. */
  historical: number;
  paid: number;
  owed: number;
}

export interface OpenProposal {
  key: string;
  file: string;
  title: string;
  author: string;
  /** The rule that decides it: its own, or the constitution's default for proposals. */
  decision: string;
  summary?: string;
  payout?: { month: string; pool: number };
}

export interface DecisionLine {
  pr: number;
  title: string;
  author: string;
  outcome: DecisionRecord['outcome'];
  decidedAt: string;
  rules: string[];
  changes: { kind: string; subject?: string }[];
  /** The changes in words, such as "Admit Dan Reis as member" or "Log Ana Costa's work for November 2026". */
  inWords: string[];
}

/** Builds the report of a (valid) state for a period. */
export function buildReport(state: State, options: ReportOptions): ReportData {
  const today = options.now.toISOString().slice(0, 10);
  const ledger = buildLedger(state);
  const constitution = state.constitution?.value;
  const toMonth = options.to ?? monthOf(today);
  const fromMonth = options.from ?? (ledger.months[0] !== undefined && ledger.months[0] <= toMonth ? ledger.months[0] : addMonths(toMonth, -11));
  const period = { from: monthBounds(fromMonth).first, to: monthBounds(toMonth).last };
  const months = monthsBetween(fromMonth, toMonth);
  const names = new Map([...state.members].map(([h, d]) => [h, d.value.name]));
  const tiers = (constitution?.tiers ?? []).map((t) => ({
    id: t.id,
    label: t.label,
    ...(t.stages !== undefined ? { stages: t.stages } : {}),
    people: [...state.members.values()].filter((m) => m.value.tier === t.id).length,
  }));
  const streamDefs = constitution?.value?.streams ?? {};
  const streams = Object.entries(streamDefs).map(([id, s]) => ({ id, label: s.label ?? id, paid: s.paid === true }));

  const decisions = proposalDecisions(state);
  const payouts = payoutProposals(state, decisions);
  const continuum = continuumOf(state, ledger, today);
  const ring = new Map(continuum.people.map((p) => [p.member, p.ring]));

  let value: ValueSection | undefined;
  if (constitution?.value !== undefined) {
    const accounts = accountsOf(ledger, paidCredits(payouts), toMonth);
    const people: PersonValue[] = [];
    for (const handle of [...ledger.cells.keys()].sort((a, b) => (ring.get(a) ?? 99) - (ring.get(b) ?? 99) || (a < b ? -1 : 1))) {
      const byStream: Record<string, number> = Object.fromEntries(ledger.streams.map((s) => [s, 0]));
      for (const month of months) {
        for (const [stream, cell] of ledger.cells.get(handle)?.get(month) ?? []) byStream[stream] = (byStream[stream] ?? 0) + cell.credits;
      }
      for (const s of Object.keys(byStream)) byStream[s] = round2(byStream[s]!);
      const account = accounts.get(handle);
      people.push({
        member: handle,
        name: names.get(handle) ?? handle,
        tier: state.members.get(handle)?.value.tier ?? '',
        period: byStream,
        periodTotal: round2(Object.values(byStream).reduce((a, b) => a + b, 0)),
        historical: account?.historical ?? 0,
        paid: account?.paid ?? 0,
        owed: account?.owed ?? 0,
      });
    }
    const monthly = months.map((month) => {
      const credits: Record<string, number> = Object.fromEntries(ledger.streams.map((s) => [s, 0]));
      for (const byMonth of ledger.cells.values()) {
        for (const [stream, cell] of byMonth.get(month) ?? []) credits[stream] = (credits[stream] ?? 0) + cell.credits;
      }
      for (const s of Object.keys(credits)) credits[s] = round2(credits[s]!);
      return { month, credits, total: round2(Object.values(credits).reduce((a, b) => a + b, 0)) };
    });
    const sum = (f: (p: PersonValue) => number) => round2(people.reduce((s, p) => s + f(p), 0));
    value = {
      months: monthly,
      people,
      totals: { period: sum((p) => p.periodTotal), historical: sum((p) => p.historical), paid: sum((p) => p.paid), owed: sum((p) => p.owed) },
      payouts: payouts.map((p) => ({
        key: p.key,
        file: p.file,
        title: p.title,
        month: p.payout.month,
        pool: p.payout.pool,
        paid: round2(p.payout.payments.reduce((s, x) => s + x.paid, 0)),
        status: p.status,
        ...(p.decision ? { pr: p.decision.pr } : {}),
      })),
    };
  }

  const commitments = commitmentFulfilment(state, ledger, { from: period.from, to: period.to, today }).map((q) => ({
    ...q,
    name: names.get(q.member) ?? q.member,
  }));
  commitments.sort(
    (a, b) =>
      (ring.get(a.member) ?? 99) - (ring.get(b.member) ?? 99) || (a.member < b.member ? -1 : a.member > b.member ? 1 : 0) || (a.quarter < b.quarter ? -1 : 1),
  );
  const noCommitments = commitments.length === 0 ? whyNoCommitments(state, ledger, { from: period.from, to: period.to, today }) : undefined;

  const defaultRule = constitution?.proposals?.default ?? 'lazy-majority';
  const open: OpenProposal[] = [];
  for (const [key, doc] of [...state.proposals].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (decisions.has(key)) continue;
    const p = doc.value;
    open.push({
      key,
      file: doc.file,
      title: p.title,
      author: p.author,
      decision: p.decision ?? defaultRule,
      ...(p.summary ? { summary: p.summary.trim() } : {}),
      ...(p.payout ? { payout: { month: p.payout.month, pool: p.payout.pool } } : {}),
    });
  }

  const words = changesInWords(state);
  const decided: DecisionLine[] = [...state.decisions.values()]
    .map((d) => d.value)
    .filter((d) => d.decided_at.slice(0, 10) >= period.from && d.decided_at.slice(0, 10) <= period.to)
    .sort((a, b) => (a.decided_at < b.decided_at ? 1 : a.decided_at > b.decided_at ? -1 : b.pr - a.pr))
    .map((d) => ({
      pr: d.pr,
      title: d.title,
      author: d.author,
      outcome: d.outcome,
      decidedAt: d.decided_at,
      rules: d.rules,
      changes: d.changes.map((c) => ({ kind: c.kind, ...(c.subject !== undefined ? { subject: c.subject } : {}) })),
      inWords: words.get(d.pr) ?? [],
    }));

  return {
    ...(constitution?.name ? { name: constitution.name } : {}),
    generated: options.now.toISOString(),
    today,
    period,
    months,
    quarters: quartersBetween(period.from, period.to),
    ...(constitution?.value?.currency ? { currency: constitution.value.currency } : {}),
    tiers,
    streams,
    ...(value ? { value } : {}),
    commitments,
    ...(noCommitments ? { noCommitments } : {}),
    continuum,
    proposals: { open, decided: state.proposals.size - open.length },
    decisions: decided,
  };
}
