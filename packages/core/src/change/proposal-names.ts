// How a decision record names a proposal: the one reading that the report (was it decided?) and the audit (is this the change the commits made?) share.
import type { RecordedChange } from '../generated/types.ts';
import { GOVERNANCE } from '../common/index.ts';

/**
 * What a record's proposal.* change says to name its proposal:
 * - `file`: the proposal's path, `governance/proposals/0001-payout-2026-11.yaml`. When an entry gives
 *   its `file`, the file alone says which proposal it is, whatever its subject (the record action
 *   writes the author's handle there, as for every other change);
 * - `key`: its subject is the proposal's key, `0001-payout-2026-11`;
 * - `number`: its subject is the proposal's number, `0001` or `1`.
 * A subject that is none of these (the author's handle alone) names no proposal: an author may have
 * several, and the report could not tell which one was decided.
 */
export type ProposalName = { file: string } | { key: string } | { number: number };

const PROPOSALS = `${GOVERNANCE}/proposals/`;
const KEY = /^([0-9]{4,})-[a-z0-9][a-z0-9-]*$/;

/** The name a record's change gives its proposal, or undefined when it gives none. */
export function proposalName(change: Pick<RecordedChange, 'subject' | 'file'>): ProposalName | undefined {
  if (change.file !== undefined) return { file: change.file };
  const subject = change.subject;
  if (subject === undefined) return undefined;
  if (/^[0-9]+$/.test(subject)) return { number: Number(subject) };
  if (KEY.test(subject)) return { key: subject };
  return undefined;
}

/** The key (`0001-payout-2026-11`) of the proposal at a path, when it is one. */
export function proposalKeyOf(file: string): string | undefined {
  if (!file.startsWith(PROPOSALS) || !file.endsWith('.yaml')) return undefined;
  const key = file.slice(PROPOSALS.length, -'.yaml'.length);
  return KEY.test(key) ? key : undefined;
}

/** Whether a record's change names the proposal at `file` (`governance/proposals/<key>.yaml`). */
export function namesProposal(change: Pick<RecordedChange, 'subject' | 'file'>, file: string): boolean {
  const name = proposalName(change);
  if (name === undefined) return false;
  if ('file' in name) return name.file === file;
  const key = proposalKeyOf(file);
  if (key === undefined) return false;
  if ('key' in name) return name.key === key;
  return Number(KEY.exec(key)![1]) === name.number;
}

/**
 * The proposal among `keys` that a record's change names, by key. Proposal numbers are unique in a
 * valid state (the rule proposal.number-unique); the first key with the number is taken otherwise.
 * Gives the same answer as `namesProposal` for each of them, found by index rather than by trying each.
 */
export function namedProposal(change: Pick<RecordedChange, 'subject' | 'file'>, keys: ProposalIndex): string | undefined {
  const name = proposalName(change);
  if (name === undefined) return undefined;
  const key = 'file' in name ? proposalKeyOf(name.file) : 'key' in name ? name.key : keys.byNumber.get(name.number);
  return key !== undefined && keys.has(key) ? key : undefined;
}

/** Proposal keys, and the key of each number, to find a named proposal at once. */
export interface ProposalIndex {
  has(key: string): boolean;
  byNumber: ReadonlyMap<number, string>;
}

export function proposalIndex(keys: Iterable<string>): ProposalIndex {
  const all = new Set(keys);
  const byNumber = new Map<number, string>();
  for (const key of [...all].sort()) {
    const number = Number(KEY.exec(key)?.[1]);
    if (!Number.isNaN(number) && !byNumber.has(number)) byNumber.set(number, key);
  }
  return { has: (key) => all.has(key), byNumber };
}
