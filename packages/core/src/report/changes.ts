// The changes a decision record lists, in words a member reads: "Admit Dan Reis as member", not `member.add dan`.
import type { DecisionRecord } from '../generated/types.ts';
import { namedProposal, proposalIndex, proposalKeyOf, proposalName, type ProposalIndex } from '../change/index.ts';
import { valueOf, type State } from '../common/index.ts';
import { formatAmount, monthName } from '../value/index.ts';

type RecordedChange = DecisionRecord['changes'][number];

/**
 * The changes of each record in words, by pull request number: one phrase per change, except that a
 * person's contribution entries in one monthly file are counted in one phrase. A record says only the
 * kind, the subject and the file of each change, so the rest is read from the state: names, proposal
 * titles and payouts, and the tier a person was admitted to or moved to while no later record moved
 * them again.
 */
export function changesInWords(state: State): Map<number, string[]> {
  const records = [...state.decisions.values()].map((d) => d.value);
  // The latest record that changed each person's tier: a tier the state shows is theirs since that record.
  const lastMove = new Map<string, DecisionRecord>();
  for (const record of records) {
    for (const c of record.changes) {
      if ((c.kind === 'member.add' || c.kind === 'member.tier' || c.kind === 'member.remove') && c.subject !== undefined) {
        const before = lastMove.get(c.subject);
        if (before === undefined || later(record, before)) lastMove.set(c.subject, record);
      }
    }
  }
  const proposals = proposalIndex(state.proposals.keys());
  const out = new Map<number, string[]>();
  for (const record of records) {
    const phrases: (string | { change: RecordedChange; count: number })[] = [];
    const entries = new Map<string, { change: RecordedChange; count: number }>();
    for (const c of record.changes) {
      if (!c.kind.startsWith('contribution.')) {
        phrases.push(phrase(state, proposals, c, lastMove.get(c.subject ?? '') === record));
        continue;
      }
      const key = JSON.stringify([c.kind, c.subject, c.file]);
      const group = entries.get(key);
      if (group !== undefined) group.count++;
      else {
        entries.set(key, { change: c, count: 1 });
        phrases.push(entries.get(key)!);
      }
    }
    out.set(
      record.pr,
      phrases.map((p) => (typeof p === 'string' ? p : contribution(state, p.change, p.count))),
    );
  }
  return out;
}

function later(a: DecisionRecord, b: DecisionRecord): boolean {
  return a.decided_at > b.decided_at || (a.decided_at === b.decided_at && a.pr > b.pr);
}

function nameOf(state: State, handle: string | undefined): string {
  if (handle === undefined) return 'someone';
  return state.members.get(handle)?.value.name ?? handle;
}

/** One change in words. `tierIsTheirs`: no later record moved the subject, so their tier in the state is the one this change gave. */
function phrase(state: State, proposals: ProposalIndex, c: RecordedChange, tierIsTheirs: boolean): string {
  const who = nameOf(state, c.subject);
  const tier = tierIsTheirs && c.subject !== undefined ? state.members.get(c.subject)?.value.tier : undefined;
  switch (c.kind) {
    case 'constitution.change':
      return 'Change the constitution';
    case 'member.add':
      return `Admit ${who}${tier ? ` as ${tier}` : ''}`;
    case 'member.remove':
      return `Remove ${who}`;
    case 'member.tier':
      return tier ? `Move ${who} to ${tier}` : `Move ${who} to another tier`;
    case 'member.update':
      return `Update ${who}'s member file`;
    case 'commitment.add':
      return `Record ${who}'s commitment`;
    case 'commitment.update':
      return `Change ${who}'s commitment`;
    case 'commitment.remove':
      return `Withdraw ${who}'s commitment`;
    case 'proposal.add':
    case 'proposal.update':
    case 'proposal.remove':
      return proposal(state, proposals, c);
    case 'decision.add':
    case 'decision.update':
    case 'decision.remove': {
      const pr = /decisions\/([0-9]+)\.yaml$/.exec(c.file ?? '')?.[1] ?? c.subject;
      const verb = c.kind === 'decision.add' ? 'Add' : c.kind === 'decision.update' ? 'Change' : 'Remove';
      return `${verb} the decision record${pr ? ` of pull request #${pr}` : ''}`;
    }
    case 'path.change':
      return `Change ${c.subject ?? c.file ?? 'a governed file'}`;
    default:
      return `${c.kind}${c.subject ? ` ${c.subject}` : ''}`;
  }
}

/** Log 3 entries of Ana Costa's work for November 2026. */
function contribution(state: State, c: RecordedChange, count: number): string {
  const month = /contributions\/([0-9]{4}-[0-9]{2})\//.exec(c.file ?? '')?.[1];
  const whose = `${nameOf(state, c.subject)}'s work${month ? ` for ${monthName(month)}` : ''}`;
  const entries = count === 1 ? 'an entry' : `${count} entries`;
  if (c.kind === 'contribution.add') return count === 1 ? `Log ${whose}` : `Log ${entries} of ${whose}`;
  if (c.kind === 'contribution.update') return `Correct ${entries} of ${whose}`;
  return `Remove ${entries} of ${whose}`;
}

/** "Distribute 500 EUR for 2026-11 (proposal 0001)", or "Proposal 0007: <its title>". */
function proposal(state: State, proposals: ProposalIndex, c: RecordedChange): string {
  // The one reading of how a record names a proposal (the report's decisions and the audit use it too);
  // a removed proposal's file still gives its key.
  const name = proposalName(c);
  const key = name !== undefined && 'file' in name ? proposalKeyOf(name.file) : namedProposal(c, proposals);
  const doc = key === undefined ? undefined : state.proposals.get(key);
  const number = key?.slice(0, key.indexOf('-'));
  if (doc === undefined) {
    const what = number
      ? `proposal ${number}`
      : c.subject && state.members.has(c.subject)
        ? `a proposal by ${nameOf(state, c.subject)}`
        : `proposal ${c.subject ?? ''}`.trim();
    return c.kind === 'proposal.add' ? `Add ${what}` : c.kind === 'proposal.update' ? `Amend ${what}` : `Withdraw ${what}`;
  }
  const p = doc.value;
  if (c.kind === 'proposal.add' && p.payout !== undefined) {
    const currency = p.payout.currency ?? valueOf(state)?.currency;
    return `Distribute ${formatAmount(p.payout.pool)}${currency ? ` ${currency}` : ''} for ${p.payout.month} (proposal ${number})`;
  }
  if (c.kind === 'proposal.add') return `Proposal ${number}: ${p.title}`;
  return `${c.kind === 'proposal.update' ? 'Amend' : 'Withdraw'} proposal ${number}: ${p.title}`;
}
