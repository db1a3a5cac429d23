// The rules, roll and credits at any commit of a history, each version built from the last by the files that differ.
import { historicalCredits } from '../value/index.ts';
import type { Constitution, Member } from '../generated/types.ts';
import type { CommitInfo, History } from '../git/index.ts';
import { rollOf, type Roll, type RollMember } from '../vote/index.ts';
import { filesSource, focusSource } from './span.ts';
import type { SourceEntry } from '../common/index.ts';
import { emptyState, GOVERNANCE, type Doc, type State } from '../common/index.ts';
import { loadState, type ParseCache } from '../load/index.ts';

const CONSTITUTION = `${GOVERNANCE}/constitution.yaml`;
const MEMBERS = `${GOVERNANCE}/members`;
const CONTRIBUTIONS = `${GOVERNANCE}/contributions`;
/** Contexts kept, by version, for records whose bases repeat. */
const KEPT = 16;

export interface CommitContext {
  /** The constitution, when the commit has a valid one. */
  constitution?: Constitution;
  /**
   * The roll of the people in tiers with a vote (binding or advisory): everyone a tally can count or
   * show. The others can only ever be told their vote does not count, so a tally gives the same
   * outcome without them, and costs what the voters cost rather than the whole continuum.
   */
  voters: Roll;
  /** Whether a handle is on the voters' roll. */
  isVoter(handle: string): boolean;
  /** Everyone, for a record with votes from people outside those tiers (so each is told why). */
  everyone(): Promise<Roll>;
}

export interface Contexts {
  /** The constitution and roll at a commit. */
  at(commit: CommitInfo): Promise<CommitContext>;
  /** The valid constitution at a commit, if any. */
  constitutionAt(commit: CommitInfo): Promise<Constitution | undefined>;
  /** Historical credits by handle at a commit (reads every contributions file: only credit-weighted rules ask). */
  creditsAt(commit: CommitInfo): Promise<Map<string, number>>;
}

/** The members folder as last read: its tree id, its valid member files, and the voters among them, sorted by handle. */
interface Current {
  tree: string;
  members: Map<string, Doc<Member>>;
  constitution?: Doc<Constitution>;
  voters: RollMember[];
}

/**
 * Contexts by the ids of the files they come from: commits that share the constitution and the members
 * folder share one context. A new version of the members folder is read from the last one by comparing
 * the two trees and reading only the member files that differ, and the voters' roll is updated for
 * those people alone; so a history of thousands of records costs what its changes cost, not the size
 * of the roll times the number of records.
 */
export function contexts(history: History, cache: ParseCache): Contexts {
  const kept = new Map<string, CommitContext>();
  const credits = new Map<string, Promise<Map<string, number>>>();
  let current: Current | undefined;
  let building: Promise<unknown> = Promise.resolve();

  const entry = (commit: CommitInfo, path: string) => history.at(commit, path);
  const loadFiles = async (commit: CommitInfo, files: Map<string, SourceEntry>) =>
    (await loadState(filesSource(`commit ${commit.oid.slice(0, 7)}`, files, history.blob), { cache, concurrency: 8 })).state;
  const loadFolders = async (commit: CommitInfo, folders: string[]) =>
    (await loadState(focusSource(history.source(commit), folders), { cache, concurrency: 8 })).state;

  const constitutionOf = async (commit: CommitInfo, found: SourceEntry | undefined): Promise<Doc<Constitution> | undefined> => {
    if (found === undefined || found.type === 'dir') return undefined;
    if (current !== undefined && current.constitution?.oid === found.oid) return current.constitution;
    return (await loadFiles(commit, new Map([[CONSTITUTION, found]]))).constitution;
  };

  const votingTiers = (constitution: Doc<Constitution> | undefined) =>
    new Set((constitution?.value.tiers ?? []).filter((t) => t.rights.includes('vote') || t.rights.includes('vote-advisory')).map((t) => t.id));
  const rollFrom = (members: Map<string, Doc<Member>>, constitution: Doc<Constitution> | undefined) =>
    rollOf({ ...emptyState(), members, ...(constitution ? { constitution } : {}) });
  const votersOf = (members: Map<string, Doc<Member>>, constitution: Doc<Constitution> | undefined) => {
    const voting = votingTiers(constitution);
    return rollFrom(new Map([...members].filter(([, doc]) => voting.has(doc.value.tier))), constitution).members.slice();
  };

  /** Moves `current` to the members folder `tree` of `commit`. */
  const moveTo = async (commit: CommitInfo, tree: string | undefined, constitution: Doc<Constitution> | undefined): Promise<void> => {
    const rulesChanged = current !== undefined && current.constitution?.oid !== constitution?.oid;
    if (current === undefined || tree === undefined || current.tree === '') {
      const members = tree === undefined ? new Map<string, Doc<Member>>() : (await loadFolders(commit, [MEMBERS])).members;
      current = { tree: tree ?? '', members, ...(constitution ? { constitution } : {}), voters: votersOf(members, constitution) };
      return;
    }
    const differing = await history.diff(current.tree, tree, MEMBERS);
    const files = new Map(differing.filter((f) => f.after !== undefined).map((f) => [f.path, f.after!]));
    const loaded = files.size === 0 ? emptyState() : await loadFiles(commit, files);
    const changed = new Map<string, Doc<Member> | undefined>();
    for (const file of differing) {
      const handle = file.path.slice(MEMBERS.length + 1, -'.yaml'.length);
      changed.set(handle, loaded.members.get(handle));
    }
    for (const [handle, doc] of changed) {
      if (doc === undefined) current.members.delete(handle);
      else current.members.set(handle, doc);
    }
    current.tree = tree;
    if (rulesChanged) {
      // Other tiers may vote now: the roll is read again from every member.
      current.constitution = constitution;
      current.voters = votersOf(current.members, constitution);
      return;
    }
    // Only the people whose files differ move on the voters' roll; rollOf gives each their entry.
    const voting = votingTiers(constitution);
    const stays = new Map([...changed].filter(([, doc]) => doc !== undefined && voting.has(doc.value.tier)) as [string, Doc<Member>][]);
    const entries = rollFrom(stays, constitution).members;
    const voters = current.voters.filter((m) => !changed.has(m.handle));
    for (const member of entries) voters.splice(insertionPoint(voters, member.handle), 0, member);
    current.voters = voters;
  };

  const build = async (commit: CommitInfo): Promise<CommitContext> => {
    const [constitutionEntry, membersEntry] = await Promise.all([entry(commit, CONSTITUTION), entry(commit, MEMBERS)]);
    const tree = membersEntry?.type === 'dir' ? membersEntry.oid : undefined;
    const key = `${constitutionEntry?.oid ?? '-'}:${tree ?? '-'}`;
    const found = kept.get(key);
    if (found !== undefined) return found;
    const constitution = await constitutionOf(commit, constitutionEntry);
    await moveTo(commit, tree, constitution);
    const voters = current!.voters;
    let handles: Set<string> | undefined;
    let everyone: Promise<Roll> | undefined;
    const context: CommitContext = {
      ...(constitution ? { constitution: constitution.value } : {}),
      voters: { tiers: (constitution?.value.tiers ?? []).map((t) => ({ id: t.id, rights: t.rights })), members: voters },
      isVoter: (handle) => (handles ??= new Set(voters.map((m) => m.handle))).has(handle),
      // The members read since may have moved on: everyone's roll is read from the commit itself.
      everyone: () => (everyone ??= loadFolders(commit, [CONSTITUTION, MEMBERS]).then((state: State) => rollOf(state))),
    };
    kept.set(key, context);
    if (kept.size > KEPT) kept.delete(kept.keys().next().value!);
    return context;
  };

  return {
    at(commit) {
      // One at a time: each version is read from the one before it.
      const next = building.then(() => build(commit));
      building = next.catch(() => {});
      return next;
    },
    async constitutionAt(commit) {
      return (await constitutionOf(commit, await entry(commit, CONSTITUTION)))?.value;
    },
    async creditsAt(commit) {
      const key = `${(await entry(commit, CONSTITUTION))?.oid ?? '-'}:${(await entry(commit, CONTRIBUTIONS))?.oid ?? '-'}`;
      let found = credits.get(key);
      if (found === undefined) {
        found = loadFolders(commit, [CONSTITUTION, CONTRIBUTIONS]).then(historicalCredits);
        credits.set(key, found);
      }
      return found;
    },
  };
}

/** Where a handle goes in a roll sorted by handle. */
function insertionPoint(members: readonly RollMember[], handle: string): number {
  let lo = 0;
  let hi = members.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (members[mid]!.handle < handle) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
