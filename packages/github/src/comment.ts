// The one comment on a pull request that explains where its decision stands, in Markdown, with the gate's memory hidden in it; and the status's one line.
import { changeLabel, changeSentence, forbiddenCode, requirementSentence } from '@cooperage/core';
import type { CheckResult, Decision, Diagnostic, RuleDecision } from '@cooperage/core';
import type { PullRequest, SetAside, Status, StatusState } from './forge.ts';

/** Finds the gate's comment among a pull request's comments. */
export const MARKER = '<!-- cooperage:decision -->';
const STATE = /<!-- cooperage:state (\{.*?\}) -->/;

/** What the gate remembers between runs, kept in its comment: when it first saw each set of changes. */
export interface GateMemory {
  /** Digest of a set of governance changes → when the gate first saw it (ISO 8601). */
  seen: Record<string, string>;
}

export function readMemory(body: string | undefined): GateMemory {
  const match = body === undefined ? null : STATE.exec(body);
  if (match === null) return { seen: {} };
  try {
    const value = JSON.parse(match[1]!) as unknown;
    const seen = (value as { seen?: unknown }).seen;
    if (typeof seen !== 'object' || seen === null) return { seen: {} };
    return { seen: Object.fromEntries(Object.entries(seen).filter((e): e is [string, string] => typeof e[1] === 'string' && !Number.isNaN(Date.parse(e[1])))) };
  } catch {
    return { seen: {} };
  }
}

/** At most this many change sets are remembered: the newest. */
const REMEMBERED = 20;

function writeMemory(memory: GateMemory): string {
  const entries = Object.entries(memory.seen)
    .sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
    .slice(-REMEMBERED);
  return `<!-- cooperage:state ${JSON.stringify({ seen: Object.fromEntries(entries) })} -->`;
}

const HOW_TO_VOTE =
  'Members vote with a review — **Approve** is yes, **Request changes** is block — or with a comment whose first line is `/vote yes`, `/vote no`, `/vote abstain` or `/vote block <reason>`. Each member’s latest vote counts; an edited `/vote` comment does not (post a new one). Voters and rules come from the branch this pull request merges into, so nothing it changes can change how it is judged.';

export interface Explained {
  status: Status & { state: StatusState };
  body: string;
  /** Whether a pull request without the gate's comment gets one ('always'), or only one it has is updated. */
  comment: 'always' | 'update';
}

/** A time as a member reads it: 2026-12-09 10:00 UTC. */
export function when(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/**
 * The words of a pull request waiting on something other than votes: a draft, a conflict, a test merge
 * not yet made. `line` is the status's, when `reason` is longer than GitHub keeps (140 characters):
 * the status is compared with the one GitHub has, so it must be written as GitHub keeps it.
 */
export function waiting(reason: string, memory: GateMemory, line = reason): Explained {
  return {
    status: { state: 'pending', description: truncate(line) },
    body: `${MARKER}\n### ⏳ Cooperage: pending\n\n${reason}\n\n${writeMemory(memory)}\n`,
    comment: 'update',
  };
}

/** A pull request that changes no governance state and no governed path. */
export function nothing(memory: GateMemory): Explained {
  return {
    status: { state: 'success', description: 'Nothing to decide: no governance state or governed path changes.' },
    body: `${MARKER}\n### ✅ Cooperage: nothing to decide\n\nThis pull request changes no governance state and no path the constitution governs, so it needs no vote.\n\n${writeMemory(memory)}\n`,
    comment: 'update',
  };
}

/** A pull request that could not be judged, in words for its page: what is wrong, and what to do. */
export function cannotJudge(sentence: string, memory: GateMemory): Explained {
  return {
    status: { state: 'failure', description: truncate(`Cannot be judged: ${sentence}`) },
    body: `${MARKER}\n### ❌ Cooperage: cannot be judged\n\n${sentence}\n\n${writeMemory(memory)}\n`,
    comment: 'always',
  };
}

export interface ExplainInput {
  pr: PullRequest;
  check: CheckResult;
  decision: Decision;
  setAside: readonly SetAside[];
  memory: GateMemory;
  baseRef: string;
  /** A sentence on where the head left the base, when worth saying. */
  note?: string;
}

/** The status and the comment for a judged pull request. */
export function explain(input: ExplainInput): Explained {
  const { pr, check, decision: d } = input;
  const state: StatusState = d.outcome === 'passed' ? 'success' : d.outcome === 'pending' ? 'pending' : 'failure';
  const icon = state === 'success' ? '✅' : state === 'pending' ? '⏳' : '❌';
  const lines: string[] = [MARKER, `### ${icon} Cooperage: ${headline(d)}`, ''];
  if (input.note !== undefined) lines.push(input.note, '');

  const who = pr.author;
  if (check.changes.length > 0) {
    lines.push('**What this pull request changes**', '');
    for (const change of check.changes) {
      const by = change.forbidden
        ? `**forbidden** (${forbiddenCode(change) ?? 'forbidden'})`
        : change.requires.length === 0
          ? 'no vote needed'
          : `needs ${change.requires.map((r) => `**${r}**`).join(' and ')}`;
      lines.push(`- ${changeSentence(change, who)} — ${by}. <sub>${escape(requirementSentence(change))}</sub>`);
    }
    lines.push('');
  }

  const errors = check.errors;
  if (errors.length > 0) {
    lines.push(
      `**The state this pull request leaves is not valid** (${errors.length === 1 ? '1 error' : `${errors.length} errors`}): no vote can pass it until it is fixed.`,
      '',
    );
    for (const e of errors.slice(0, 20)) lines.push(`- ${diagnosticLine(e)}`);
    if (errors.length > 20) lines.push(`- …and ${errors.length - 20} more: \`coop validate\` lists them all.`);
    lines.push('');
  }

  // A rule the proposed constitution words differently is tallied twice: the base's is named as such.
  const proposed = new Set(d.rules.filter((r) => r.under.length === 1 && r.under[0] === 'head').map((r) => r.tally.rule));
  for (const rule of d.rules) lines.push(...ruleSection(rule, proposed.has(rule.tally.rule) ? input.baseRef : undefined), '');

  const notCounted = [
    ...d.ignored.map((i) => `- ${i.voter}: ${i.reason}.`),
    ...input.setAside.map((s) => `- ${s.login}: ${escape(s.reason)} ([the vote](${s.url}))`),
  ];
  if (notCounted.length > 0) lines.push('**Votes not counted**', '', ...notCounted, '');
  for (const reason of d.reasons) lines.push(reason, '');
  lines.push(`<details><summary>How to vote</summary>\n\n${HOW_TO_VOTE}\n</details>`, '', writeMemory(input.memory), '');
  return { status: { state, description: truncate(statusLine(d)) }, body: lines.join('\n'), comment: 'always' };
}

function headline(d: Decision): string {
  switch (d.outcome) {
    case 'passed':
      return d.rules.length === 0 ? 'passed, nothing needed a vote' : 'passed';
    case 'failed':
      return 'failed';
    case 'blocked':
      return 'blocked';
    case 'pending': {
      if (d.decides_at === null) return 'pending, waiting for votes';
      const projected = d.rules.map(({ tally: t }) => t.projected).find((p) => p === 'blocked' || p === 'failed');
      return `pending; if no vote changes, ${projected ?? 'passed'} on ${when(d.decides_at)}`;
    }
  }
}

/** The status's line (GitHub shows up to 140 characters); the sweep reads the time in it back. */
export function statusLine(d: Decision): string {
  // A rule the proposed constitution words differently is tallied apart from the base's: "as proposed".
  const rules = d.rules
    .map(({ tally: t, under }) => {
      const name = under.length === 1 && under[0] === 'head' ? `${t.rule} as proposed` : t.rule;
      return `${name} ${t.yes} yes ${t.no} no${t.block > 0 ? ` ${t.block} block` : ''}, ${t.voted}/${t.eligible} voted`;
    })
    .join('; ');
  const counts = rules === '' ? '' : ` (${rules})`;
  switch (d.outcome) {
    case 'passed':
      return d.rules.length === 0 ? 'Passed: nothing needed a vote.' : `Passed${counts}.`;
    case 'failed':
      return d.rules.length === 0 && d.reasons.length > 0 ? `Failed: ${d.reasons[0]}` : `Failed${counts}.`;
    case 'blocked':
      return `Blocked${counts}.`;
    case 'pending':
      return `Pending${counts}${d.decides_at !== null ? `; decides ${when(d.decides_at)}` : ''}.`;
  }
}

/** The time a pending status says time decides at, read back by the sweep. */
export function decidesAt(description: string): string | undefined {
  const match = /decides (\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}) UTC/.exec(description);
  return match === null ? undefined : `${match[1]}T${match[2]}:00Z`;
}

/** One rule's progress; `baseRef` names the base's constitution when the proposed one has the rule too, worded otherwise. */
function ruleSection({ tally: t, under, changes }: RuleDecision, baseRef?: string): string[] {
  const icon = t.outcome === 'passed' ? '✅' : t.outcome === 'pending' ? '⏳' : '❌';
  const where =
    under.length === 2
      ? ' (the base and the proposed constitution alike)'
      : under[0] === 'head'
        ? ' (as the proposed constitution has it)'
        : baseRef !== undefined
          ? ` (as ${baseRef}’s constitution has it)`
          : '';
  const out = [`#### ${icon} ${t.rule}: ${t.outcome}${where}`, '', `For ${changes.map((c) => `\`${changeLabel(c)}\``).join(', ')}.`, ''];
  out.push(`- **Votes:** ${t.yes} yes, ${t.no} no, ${t.abstain} abstain, ${t.block} block — ${t.voted} of ${t.eligible} eligible voted.`);
  out.push(`- **Needs:** ${needs(t)}`);
  for (const v of t.votes.filter((v) => v.vote === 'block' || (v.vote === 'no' && v.reason !== undefined))) {
    out.push(`- **${v.vote === 'block' ? 'Block' : 'Against'}:** ${v.handle}${v.reason !== undefined ? ` — “${escape(v.reason)}”` : ' (no reason given)'}`);
  }
  if (t.waiting.length > 0) out.push(`- **Not voted yet:** ${t.waiting.join(', ')}`);
  if (t.aside.length > 0) out.push(`- **Standing aside:** ${t.aside.join(', ')} (the change concerns them)`);
  if (t.advisory.length > 0) out.push(`- **Advisory:** ${t.advisory.map((a) => `${a.handle} (${a.tier}) ${a.vote}`).join(', ')} — shown, not counted`);
  out.push(`- **Time:** ${timeLine(t)}`);
  for (const reason of t.reasons) out.push(`- ${escape(reason)}`);
  return out;
}

function needs(t: RuleDecision['tally']): string {
  switch (t.method) {
    case 'lazy-majority':
      return 'no block, and at least as many yes as no; silence counts as support.';
    case 'consent':
      return `${t.needed ?? 1} yes and no block (${t.yes} so far).`;
    case 'unanimous':
      return `every eligible member’s yes (${t.yes} of ${t.eligible} so far).`;
    case 'majority':
    case 'credit-weighted':
      return `a share of ${t.threshold} yes among yes and no, more yes than no, and a quorum of ${t.quorum ?? '0'} taking part${t.method === 'credit-weighted' ? ', weighted by credits' : ''}${t.block > 0 ? '; blocks count as no' : ''}.`;
  }
}

function timeLine(t: RuleDecision['tally']): string {
  const parts = [`no decision before ${when(t.min_at)}`];
  parts.push(t.closes_at !== null ? `voting closes ${when(t.closes_at)}` : 'no closing date');
  if (t.decides_at !== null && t.projected !== undefined) parts.push(`if no vote changes, **${t.projected}** at ${when(t.decides_at)}`);
  return `${parts.join('; ')}.`;
}

function diagnosticLine(d: Diagnostic): string {
  return `\`${d.file}:${d.line}:${d.column}\` ${d.code}: ${escape(d.message)}`;
}

/** Text from people (reasons, messages) kept from turning into mentions or markup that breaks the comment. */
function escape(text: string): string {
  return text
    .replace(/@(?=[A-Za-z0-9])/g, '@\u200b')
    .replace(/<!--/g, '&lt;!--')
    .replace(/\r?\n/g, ' ');
}

function truncate(text: string): string {
  return text.length <= 140 ? text : `${text.slice(0, 139)}…`;
}
