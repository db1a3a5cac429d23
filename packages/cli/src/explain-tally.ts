// The human report of coop tally: one block per rule with its counts, progress, who is awaited and the time left.
import { changeLabel } from '@cooperage/core';
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
  /** The errors of the state the pull request would give, formatted, shown under the heading. */
  errors?: string;
}

export function explainDecision(d: Decision, ctx: Context, p: Paint): string {
  let out = `${p.bold('coop tally')}: ${ctx.head} onto ${ctx.base}, by ${ctx.author}, at ${short(ctx.now)}.\n${ctx.note === undefined ? '' : `${ctx.note}\n`}\n${ctx.errors ?? ''}`;
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
  const needed = changes.map(changeLabel);
  const lines: [string, string][] = [];
  lines.push(['For', `${needed.join(', ')}${where}`]);
  lines.push([
    'Votes',
    `${t.yes} yes, ${t.no} no, ${t.abstain} abstain, ${t.block} block; ${t.voted} of ${plural(t.eligible, 'eligible voter')} voted (${percent(t.participation)})`,
  ]);
  // Each block with what the voter said, and each no that says why: the reader weighs them.
  const against = t.votes.filter((v) => v.vote === 'block' || (v.vote === 'no' && v.reason !== undefined));
  against.forEach((v, i) => {
    const said = v.vote === 'block' ? `${v.handle} blocks` : `${v.handle} votes no`;
    lines.push([i === 0 ? 'Against' : '', v.reason !== undefined ? `${said}: ${v.reason}` : `${said} (no reason given)`]);
  });
  lines.push(...progress(t));
  if (t.waiting.length > 0) lines.push(['Not voted', t.waiting.join(', ')]);
  if (t.aside.length > 0) lines.push(['Aside', `${t.aside.join(', ')}: the change concerns them, so they do not vote on it`]);
  if (t.advisory.length > 0) lines.push(['Advisory', `${t.advisory.map((a) => `${a.handle} (${a.tier}) ${a.vote}`).join(', ')}; shown, not counted`]);
  lines.push(['Time', time(t, ctx.now)]);
  const method = t.rule === t.method ? '' : p.dim(` — ${methodSummary(t)}`);
  let out = `${p.bold(t.rule)}${method}: ${colour(p.bold(t.outcome))}\n`;
  for (const [label, text] of lines) out += `  ${p.dim(label.padEnd(10))} ${text}\n`;
  for (const reason of t.reasons) out += `  · ${reason}\n`;
  return out;
}

/** What a rule named otherwise than its method is: "majority of 2/3, quorum 2/3". */
function methodSummary(t: RuleDecision['tally']): string {
  const quorum = t.quorum === undefined || t.quorum === '0' ? 'no quorum' : `quorum ${t.quorum}`;
  switch (t.method) {
    case 'majority':
      return `majority of ${t.threshold}, ${quorum}`;
    case 'credit-weighted':
      return `credit-weighted majority of ${t.threshold}, ${quorum}`;
    case 'consent':
      return `consent, at least ${plural(t.needed ?? 1, 'yes', 'yes')}`;
    case 'unanimous':
      return 'unanimous';
    case 'lazy-majority':
      return 'lazy majority';
  }
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
          [
            'Threshold',
            `${num(w.yes)} of ${num(decided)} credits voting yes or no say yes (${decided === 0 ? '–' : percent(w.yes / decided)}); needs ${t.threshold} and more yes than no`,
          ],
          ['Quorum', `${num(w.yes + w.no + w.abstain)} of ${num(w.eligible)} credits took part (blocks aside); needs ${t.quorum}`],
        ];
      }
      return [
        [
          'Threshold',
          `${t.yes} of ${t.yes + against} yes-or-no votes say yes (${t.yes + against === 0 ? '–' : percent(t.yes / (t.yes + against))}); needs ${t.threshold} and more yes than no${t.block > 0 ? '; blocks count as no' : ''}`,
        ],
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
      if (d.rules.some(({ tally: t }) => t.outcome === 'pending' && (t.projected === 'failed' || t.projected === 'blocked'))) {
        // Already headed for failed or blocked: say, rule by rule, what happens if nothing changes.
        const pending = d.rules.filter(({ tally: t }) => t.outcome === 'pending');
        return `${p.yellow('…')} Pending: ${pending.map(({ tally: t }) => future(t, d.rules.length === 1 ? 'it' : t.rule)).join('; ')}.`;
      }
      return d.decides_at !== null
        ? `${p.yellow('…')} Pending: if no vote changes, time decides it at ${short(d.decides_at)} (${duration(Date.parse(d.decides_at) - Date.parse(ctx.now))} left).`
        : `${p.yellow('…')} Pending: waiting for votes.`;
  }
}

/** What a pending rule comes to if nothing changes: "on 2026-12-09 at 09:00 UTC it fails unless 1 more votes yes (not voted: carol)". */
function future(t: RuleDecision['tally'], name: string): string {
  if (t.decides_at === null || t.projected === undefined) return `${name} waits for votes`;
  const on = `on ${day(t.decides_at)}`;
  if (t.projected === 'passed') return `${on} ${name} passes if no vote changes`;
  if (t.projected === 'blocked') {
    const blockers = t.votes.filter((v) => v.vote === 'block').map((v) => v.handle);
    return `${on} ${name} is blocked unless ${names(blockers)} ${blockers.length === 1 ? 'withdraws the block' : 'withdraw their blocks'}`;
  }
  if (t.method === 'consent' && (t.needed ?? 1) > t.eligible)
    return `${on} ${name} fails whatever the votes: it needs ${plural(t.needed ?? 1, 'yes', 'yes')}, and ${plural(t.eligible, 'member')} can vote`;
  return `${on} ${name} fails unless ${rescue(t)}`;
}

/** What would turn a rule headed for failure: the fewest yes votes from those who have not voted, else changed votes. */
function rescue(t: RuleDecision['tally']): string {
  const waiting = t.waiting.length > 0 ? ` (not voted: ${t.waiting.join(', ')})` : '';
  const changed = 'someone who voted changes their vote to yes';
  switch (t.method) {
    case 'unanimous': {
      const holdouts = t.votes.filter((v) => v.vote !== 'yes' && v.vote !== 'abstain').map((v) => v.handle);
      const all = [...holdouts, ...t.waiting];
      return all.length === 0 ? changed : `${names(all)} ${all.length === 1 ? 'votes' : 'vote'} yes`;
    }
    case 'credit-weighted':
      return `more credits vote yes${waiting}`;
    default: {
      const k = moreYes(t);
      return k === undefined ? changed : `${plural(k, 'more member')} ${k === 1 ? 'votes' : 'vote'} yes${waiting}`;
    }
  }
}

/** The fewest yes votes of those not voted that would carry a consent, lazy majority or majority rule; undefined when they cannot. */
function moreYes(t: RuleDecision['tally']): number | undefined {
  for (let k = 1; k <= t.waiting.length; k++) {
    const yes = t.yes + k;
    const against = t.no + t.block;
    switch (t.method) {
      case 'consent':
        if (yes >= (t.needed ?? 1)) return k;
        break;
      case 'lazy-majority':
        if (yes >= t.no) return k;
        break;
      case 'majority': {
        const [num, den = 1] = (t.threshold ?? '1/2').split('/').map(Number) as [number, number?];
        if (yes > against && yes * den >= num * (yes + against) && yes + t.no + t.abstain >= (t.needed ?? 0)) return k;
        break;
      }
      default:
        return undefined;
    }
  }
  return undefined;
}

/** 2026-12-09T09:00:00Z → 2026-12-09 at 09:00 UTC */
function day(iso: string): string {
  return `${iso.slice(0, 10)} at ${iso.slice(11, 16)} UTC`;
}

/** ana; ana and bob; ana, bob and carol */
function names(list: readonly string[]): string {
  return list.length <= 1 ? (list[0] ?? 'nobody') : `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;
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
