// What a governance state is: the layout of its folder, the role of each path in it, and the State its files load into.
import type { Commitment, Constitution, Contributions, DecisionRecord, Member, Proposal, Value } from '../generated/types.ts';

/** The folder that holds the state; the constitution may not move it. */
export const GOVERNANCE = 'governance';

export const HANDLE = /^[a-z0-9][a-z0-9-]{0,38}$/;

/** One file of the state, parsed and conforming to its schema. */
export interface Doc<T> {
  /** Path relative to the repository folder, e.g. `governance/members/ana.yaml`. */
  file: string;
  text: string;
  value: T;
  /** The git blob id of the file's bytes, where known: equal ids mean equal content. */
  oid?: string;
}

export interface State {
  constitution?: Doc<Constitution>;
  /** By handle. */
  members: Map<string, Doc<Member>>;
  /** By handle. */
  commitments: Map<string, Doc<Commitment>>;
  /** By `YYYY-MM/handle`. */
  contributions: Map<string, Doc<Contributions>>;
  /** By file name without `.yaml`, e.g. `0007-adopt-care-rate`. */
  proposals: Map<string, Doc<Proposal>>;
  /** By pull request number as the file names it. */
  decisions: Map<string, Doc<DecisionRecord>>;
  /** Files of a known kind that could not be read or do not conform: they exist, but are not trusted. */
  broken: Set<string>;
}

/** What a path under governance/ is, from its place and name alone. */
export type FileRole =
  | { kind: 'constitution' }
  | { kind: 'member' | 'commitment'; handle: string }
  | { kind: 'contributions'; month: string; handle: string }
  | { kind: 'proposal'; number: number; slug: string; key: string }
  | { kind: 'decision'; pr: number }
  | { kind: 'ignored' }
  | { kind: 'unknown'; hint: string };

const layout =
  'Files here are constitution.yaml, members/<handle>.yaml, commitments/<handle>.yaml, contributions/<YYYY-MM>/<handle>.yaml, proposals/<NNNN>-<slug>.yaml and decisions/<number>.yaml';

/** Classifies a path relative to governance/ (e.g. `members/ana.yaml`). */
export function classify(path: string): FileRole {
  const parts = path.split('/');
  const [top, second] = parts;
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (name === '.gitkeep' || path === 'README.md') return { kind: 'ignored' };
  if (name.endsWith('.yml')) return { kind: 'unknown', hint: `Rename it to ${name.slice(0, -4)}.yaml: governance files end in .yaml.` };
  if (!name.endsWith('.yaml')) return { kind: 'unknown', hint: `${layout}. Move this file out of governance/.` };
  const stem = name.slice(0, -'.yaml'.length);
  const handleHint = (folder: string) =>
    `The file name is the person's handle: lowercase letters, digits and dashes, at most 39, such as ${folder}/ana.yaml. Rename it.`;
  if (parts.length === 1 && stem === 'constitution') return { kind: 'constitution' };
  if (parts.length === 2 && (top === 'members' || top === 'commitments')) {
    const kind = top === 'members' ? 'member' : 'commitment';
    return HANDLE.test(stem) ? { kind, handle: stem } : { kind: 'unknown', hint: handleHint(top) };
  }
  if (parts.length === 3 && top === 'contributions' && second !== undefined) {
    const month = second;
    if (!/^[0-9]{4}-(0[1-9]|1[0-2])$/.test(month)) {
      return {
        kind: 'unknown',
        hint: `Contributions are filed by month: contributions/<YYYY-MM>/<handle>.yaml, such as contributions/2026-11/ana.yaml. "${month}" is not a month.`,
      };
    }
    return HANDLE.test(stem) ? { kind: 'contributions', month, handle: stem } : { kind: 'unknown', hint: handleHint(`contributions/${month}`) };
  }
  if (parts.length === 2 && top === 'proposals') {
    // <number>-<slug>: the number, all digits, ends at the first dash.
    const dash = stem.indexOf('-');
    return /^[0-9]{4,}-[a-z0-9][a-z0-9-]*$/.test(stem)
      ? { kind: 'proposal', number: Number(stem.slice(0, dash)), slug: stem.slice(dash + 1), key: stem }
      : { kind: 'unknown', hint: 'Proposals are named <NNNN>-<slug>.yaml, such as proposals/0007-adopt-care-rate.yaml. Rename it.' };
  }
  if (parts.length === 2 && top === 'decisions') {
    return /^[1-9][0-9]*$/.test(stem)
      ? { kind: 'decision', pr: Number(stem) }
      : { kind: 'unknown', hint: 'Decision records are named by pull request number, such as decisions/42.yaml; the record action writes them.' };
  }
  return { kind: 'unknown', hint: `${layout}. Move or rename it.` };
}

export function emptyState(): State {
  return {
    members: new Map(),
    commitments: new Map(),
    contributions: new Map(),
    proposals: new Map(),
    decisions: new Map(),
    broken: new Set(),
  };
}

/** The constitution's value section (streams, rates, split, currency); undefined when it tracks no value. */
export function valueOf(state: State): Value | undefined {
  return state.constitution?.value.value;
}

/** The value streams the constitution tracks, by name, with their rates; none when it tracks no value. */
export function streamsOf(state: State): Value['streams'] {
  return valueOf(state)?.streams ?? {};
}

/** Whether a member's file exists, conforming or not. */
export function memberExists(state: State, handle: string): boolean {
  return state.members.has(handle) || state.broken.has(`${GOVERNANCE}/members/${handle}.yaml`);
}
