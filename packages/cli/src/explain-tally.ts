// The human report of coop tally: one block per rule with its counts, progress, who is awaited and the time left.
import type { Decision, RuleDecision } from '@cooperage/core';
import { plural } from './format.ts';
import type { Paint } from './io.ts';

export interface Context {
  base: string;
  head: string;
  author: string;
  /** ISO 8601. */
  now: string;
  /** Where the head left the base, when that is worth saying. */
  note?: string;
}

export function explainDecision(d: Decision, ctx: Context, p: Paint): string {
  let out = `${p.bold('coop tally')}: ${ctx.head} onto ${ctx.base}, by ${ctx.author}, at ${short(ctx.now)}.\n${ctx.note === undefined ? '' : `${ctx.note}\n`}\n`;
  for (const rule of d.rules) out += `${ruleBlock(rule, ctx, p)}\n`;
  if (d.ignored.length > 0) {
    out += `${p.bold('Ignored votes')}\n`;
    for (const i of d.ignored) out += `  ${i.voter}: ${i.reason}.\n`;
    out += '\n';
  }
  for (const reason of d.reasons) out += `${reason}\n`;
  out += `${verdict(d, ctx, p)}\n`;
  return out;
}

function ruleBlock({ tally: t, under, changes }: RuleDecision, ctx: Context, p: Paint): string {
  const colour = t.outcome === 'passed' ? p.green : t.outcome === 'pending' ? p.yellow : p.red;
  const where = under.length === 2 ? ' (in the base and the head constitution alike)' : under[0] === 'head' ? " (as the head's constitution has it)" : '';
  const needed = changes.map((c) => `${c.kind}${c.subject ? ` ${c.subject}` : ''}`);
  const lines: [string, string][] = [];
  lines.push(['For', `${needed.join(', ')}${where}`]);
  lines.push(['Votes', `${t.yes} yes, ${t.no} no, ${t.abstain} abstain, ${t.block} block; ${t.voted} of ${plural(t.eligible, 'eligible voter')} voted (${percent(t.participation)})`]);
  lines.push(...progress(t));
  if (t.waiting.length > 0) lines.push(['Not voted', t.waiting.join(', ')]);
  if (t.aside.length > 0) lines.push(['Aside', `${t.aside.join(', ')}: the change concerns them, so they do not vote on it`]);
  if (t.advisory.length > 0) lines.push(['Advisory', `${t.advisory.map((a) => `${a.handle} (${a.tier}) ${a.vote}`).join(', ')}; shown, not counted`]);
  lines.push(['Time', time(t, ctx.now)]);
  let out = `${p.bold(t.rule)} ${p.dim(`(${t.method})`)}: ${colour(p.bold(t.outcome))}\n`;
  for (const [label, text] of lines) out += `  ${p.dim(label.padEnd(10))} ${text}\n`;
  for (const reason of t.reasons) out += `  · ${reason}\n`;
  return out;
}

function progress(t: RuleDecision['tally']): [string, string][] {
  switch (t.method) {
    case 'lazy-majority':
      return [['Needs', 'no block, and at least as many yes as no; silence counts as support']];
    case 'consent':
      return [['Needs', `${plural(t.needed ?? 1, 'yes', 'yes')} and no block: ${t.yes} so far`]];
    case 'unanimous':
      return [['Needs', `every eligible voter's yes: ${t.yes} of ${t.eligible} so far`]];
    case 'majority':
    case 'credit-weighted': {
      const against = t.no + t.block;
      if (t.weights !== undefined) {
        const w = t.weights;
        const decided = w.yes + w.no + w.block;
        return [
          ['Threshold', `${num(w.yes)} of ${num(decided)} credits voting yes or no say yes (${decided === 0 ? '–' : percent(w.yes / decided)}); needs ${t.threshold} and more yes than no`],
          ['Quorum', `${num(w.yes + w.no + w.abstain)} of ${num(w.eligible)} credits took part (blocks aside); needs ${t.quorum}`],
        ];
      }
      return [
        ['Threshold', `${t.yes} of ${t.yes + against} yes-or-no votes say yes (${t.yes + against === 0 ? '–' : percent(t.yes / (t.yes + against))}); needs ${t.threshold} and more yes than no${t.block > 0 ? '; blocks count as no' : ''}`],
        ['Quorum', `${t.yes + t.no + t.abstain} of ${t.eligible} took part (blocks aside); needs ${t.quorum}, that is ${plural(t.needed ?? 0, 'voter')}`],
      ];
    }
  }
}

function time(t: RuleDecision['tally'], now: string): string {
  const parts: string[] = [];
  const nowMs = Date.parse(now);
  const min = Date.parse(t.min_at);
  parts.push(min > nowMs ? `no decision before ${short(t.min_at)} (${duration(min - nowMs)} left)` : `decidable since ${short(t.min_at)}`);
  if (t.closes_at !== null) {
    const close = Date.parse(t.closes_at);
    parts.push(close > nowMs ? `closes ${short(t.closes_at)} (${duration(close - nowMs)} left)` : `closed ${short(t.closes_at)}`);
  } else {
    parts.push('no closing date');
  }
  if (t.decides_at !== null && t.projected !== undefined) parts.push(`if no vote changes, ${t.projected} at ${short(t.decides_at)}`);
  return parts.join('; ');
}

function verdict(d: Decision, ctx: Context, p: Paint): string {
  switch (d.outcome) {
    case 'passed':
      return d.rules.length === 0 ? `${p.green('✓')} Nothing to decide: it may be merged.` : `${p.green('✓')} Passed: every rule it needs has passed.`;
    case 'failed':
      return `${p.red('✗')} Failed.`;
    case 'blocked':
      return `${p.red('✗')} Blocked: it cannot pass while a block stands.`;
    case 'pending':
      return d.decides_at !== null
        ? `${p.yellow('…')} Pending: if no vote changes, time decides it at ${short(d.decides_at)} (${duration(Date.parse(d.decides_at) - Date.parse(ctx.now))} left).`
        : `${p.yellow('…')} Pending: waiting for votes.`;
  }
}

/** 2026-11-21T09:00:00Z, as the reasons write it. */
function short(iso: string): string {
  return iso.replace(/\.000Z$/, 'Z');
}

function duration(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return hours > 0 ? `${plural(days, 'day')} ${plural(hours, 'hour')}` : plural(days, 'day');
  if (hours > 0) return mins > 0 ? `${plural(hours, 'hour')} ${plural(mins, 'minute')}` : plural(hours, 'hour');
  return plural(mins, 'minute');
}

function percent(x: number): string {
  return `${Number((x * 100).toFixed(1))}%`;
}

function num(x: number): string {
  return String(Number(x.toFixed(2)));
}
