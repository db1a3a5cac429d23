// Says in plain sentences what a judged change does, to whom, and which rule it needs by which policy entry: the words of coop check, the gate's comment and the check action.
import type { JudgedChange, Ruling } from '../change/index.ts';
import type { ForbiddenCode } from '../common/index.ts';
import { formatAmount } from '../value/index.ts';

/** Who does something, then what to whom: "ana moves dan from dater to member (inward)". */
export function changeSentence(c: JudgedChange, who: string): string {
  const s = c.subject ?? 'someone';
  const whose = c.self ? 'their own' : `${s}'s`;
  const fields = c.fields && c.fields.length > 0 ? ` (${c.fields.join(', ')})` : '';
  const to = c.tier?.to ?? '?';
  const from = c.tier?.from ?? '?';
  const entry = c.entry ? `of ${c.entry.date} (${c.entry.stream}: "${c.entry.what}")` : '';
  switch (c.kind) {
    case 'member.add':
      return c.self ? `${who} joins as ${to}` : `${who} adds ${s} as ${to}`;
    case 'member.remove':
      return c.self ? `${who} leaves (was ${from})` : `${who} removes ${s} (was ${from})`;
    case 'member.tier': {
      const direction = c.direction ? ` (${c.direction})` : '';
      return c.self ? `${who} moves from ${from} to ${to}${direction}` : `${who} moves ${s} from ${from} to ${to}${direction}`;
    }
    case 'member.update':
      return c.self ? `${who} updates their own details${fields}` : `${who} changes ${s}'s details${fields}`;
    case 'commitment.add':
      return `${who} adds ${whose} commitment`;
    case 'commitment.update':
      return `${who} changes ${whose} commitment${fields}`;
    case 'commitment.remove':
      return `${who} removes ${whose} commitment`;
    case 'contribution.add':
      return `${who} logs ${whose} work ${entry}`;
    case 'contribution.update': {
      const was = c.previous ? `of ${c.previous.date} (entry ${c.previous.index + 1})` : entry;
      return `${who} corrects ${whose} logged work ${was}${fields}`;
    }
    case 'contribution.remove':
      return `${who} removes ${whose} logged work ${entry}`;
    case 'proposal.add': {
      const payout = payoutPhrase(c);
      if (payout !== undefined) return c.self ? `${who} proposes to ${payout}` : `${who} adds a proposal by ${s} to ${payout}`;
      return c.self ? `${who} proposes "${c.proposal?.title}"` : `${who} adds a proposal by ${s}: "${c.proposal?.title}"`;
    }
    case 'proposal.update':
      return `${who} edits ${whose} proposal "${c.proposal?.title}"${fields}`;
    case 'proposal.remove':
      return `${who} withdraws ${whose} proposal "${c.proposal?.title}"`;
    case 'decision.add':
      return `${who} adds the decision record of pull request #${c.pr}`;
    case 'decision.update':
      return `${who} changes the decision record of pull request #${c.pr}${fields}`;
    case 'decision.remove':
      return `${who} removes the decision record of pull request #${c.pr}`;
    case 'constitution.change':
      return `${who} changes the constitution${fields}`;
    case 'path.change':
      return `${who} ${c.status === 'added' ? 'adds' : c.status === 'removed' ? 'removes' : 'changes'} ${c.file}`;
  }
}

/**
 * A change in a few words, for a list of the changes a rule decides: "member.add dan", and a payout
 * as a member reads it, "Distribute 500 EUR for 2026-11 (proposal 0001)".
 */
export function changeLabel(c: Pick<JudgedChange, 'kind' | 'subject' | 'file' | 'proposal'>): string {
  const payout = c.kind === 'proposal.add' ? payoutPhrase(c) : undefined;
  if (payout !== undefined) return `${payout[0]!.toUpperCase()}${payout.slice(1)}`;
  const number = proposalNumber(c.file);
  if (c.proposal !== undefined && number !== undefined) return `${c.kind} ${number} “${c.proposal.title}”`;
  return `${c.kind}${c.subject ? ` ${c.subject}` : ''}`;
}

/** "distribute 500 EUR for 2026-11 (proposal 0001)", for a change that adds a payout proposal. */
function payoutPhrase(c: Pick<JudgedChange, 'file' | 'proposal'>): string | undefined {
  const payout = c.proposal?.payout;
  if (payout === undefined) return undefined;
  const number = proposalNumber(c.file);
  return `distribute ${formatAmount(payout.pool)}${payout.currency ? ` ${payout.currency}` : ''} for ${payout.month}${number !== undefined ? ` (proposal ${number})` : ''}`;
}

/** governance/proposals/0007-adopt-care-rate.yaml → 0007 */
function proposalNumber(file: string): string | undefined {
  return /^governance\/proposals\/([0-9]+)-[^/]*\.yaml$/.exec(file)?.[1];
}

/** Why a forbidden change is forbidden, as a stable code (the registry of codes in core). */
export function forbiddenCode(c: Pick<JudgedChange, 'rulings'>): ForbiddenCode | undefined {
  return c.rulings.find((r) => r.rule === 'forbidden')?.code;
}

/**
 * What the change needs and which policy entry said so, with its note: "Needs unanimous, by policy
 * entry 7: “A new member joins by the unanimous consent of the members.”" Entries are counted from 1,
 * as a person counts them (the JSON's `policy` is the 0-based index).
 */
export function requirementSentence(c: JudgedChange): string {
  const [first, second] = c.rulings;
  if (first !== undefined && second !== undefined && c.rulings.length === 2 && sameRuling(first, second)) {
    // The usual constitution.change: the same entry of both constitutions says the same.
    return rulingSentence(first, false).replace(
      /, by (policy entry \d+|the default)/,
      ', by $1 of both the base constitution and the one this pull request leaves',
    );
  }
  const both = c.rulings.length > 1;
  return c.rulings
    .map((r, i) => {
      const text = rulingSentence(r, both);
      return i === 0 ? text : `and ${text[0]!.toLowerCase()}${text.slice(1)}`;
    })
    .join(' ');
}

function sameRuling(a: Ruling, b: Ruling): boolean {
  return a.by === b.by && a.policy === b.policy && a.rule === b.rule && a.note === b.note && a.reason === b.reason;
}

function rulingSentence(r: Ruling, both: boolean): string {
  if (r.by === 'invariant') return `Forbidden, whatever the constitution says: ${r.reason ?? ''}`;
  const outcome = r.rule === 'none' ? 'Needs no vote' : r.rule === 'forbidden' ? 'Forbidden' : `Needs ${r.rule}`;
  const under = both ? (r.under === 'base' ? ' of the base constitution' : ' of the constitution as this pull request leaves it') : '';
  const by = r.by === 'default' ? `by the default${under} (no policy entry matches)` : `by policy entry ${r.policy! + 1}${under}`;
  const note = r.note !== undefined ? `: “${r.note}”` : '';
  const reason = r.reason !== undefined ? ` ${r.reason}` : '';
  const text = `${outcome}, ${by}${note}${reason}`;
  return /[.!?”]$/.test(text) ? text : `${text}.`;
}
