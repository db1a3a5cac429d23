// The semantic diff of two governance states: what a pull request changes, kind by kind (docs/governance.md, "Change kinds").
import { knownAt, type DataPath } from '../common/index.ts';
import { pairEntries } from './entries.ts';
import { changedKeys, deepEqual, firstDifference } from './equal.ts';
import type { ContributionEntry, Member } from '../generated/types.ts';
import type { ChangeKind } from '../common/index.ts';
import { PositionIndex } from '../load/index.ts';
import { classify, GOVERNANCE, type Doc, type State } from '../common/index.ts';

/** A contribution entry as a person recognises it: its place in the file and what it says. */
export interface EntryRef {
  /** 0-based position in the file's `entries`. */
  index: number;
  date: string;
  stream: string;
  what: string;
}

/** One change a pull request makes to the governance state. */
export interface Change {
  kind: ChangeKind;
  /** The handle the change concerns: the person of a member, commitment or contribution file, a proposal's author. None for the constitution, decision records and other files. */
  subject?: string;
  /** The subject's forge login as the base roll has it, or as the head has it for a person not in the base. */
  login?: string;
  /** The file changed, relative to the repository folder. */
  file: string;
  /** Where the change is: in the head, or in the base for a removal. 1-based. */
  line: number;
  column: number;
  /** The subject's tier before and after the change, where they have one (none after a member.remove, none before a member.add). */
  tier?: { from?: string; to?: string };
  /** The top-level fields changed, for updates (and a contribution entry's fields). */
  fields?: string[];
  /** contribution.*: the entry added, changed (as it is now) or removed. */
  entry?: EntryRef;
  /** contribution.update: the entry as it was. */
  previous?: EntryRef;
  /**
   * proposal.*: as the proposal reads in the head (in the base, for a removal), its title, the commits
   * it ratifies and the payout it proposes; and the rule it names, from the base wherever the base has it.
   */
  proposal?: { title: string; decision?: string; ratifies?: string[]; payout?: { month: string; pool: number; currency?: string } };
  /** decision.*: the pull request the record is for. */
  pr?: number;
  /** path.change: what happened to the file. */
  status?: 'added' | 'removed' | 'modified';
}

/** Fields a tier move changes along with the tier; they are part of the member.tier change. */
const TIER_MOVE_FIELDS = new Set(['tier', 'since', 'dating']);
const ENTRY_IDENTITY = ['date', 'stream', 'what'] as const;

/**
 * The changes from `base` to `head`, ordered by file and position. Only meaning counts: layout,
 * comments, quoting and key order are no change, and documents with the same blob id are not even
 * compared. A file that is broken (unreadable or not conforming) in the head is left out, as its
 * content cannot be judged (the head's validation reports it), except a decision record, which is
 * judged by its place alone. A file broken in the base and valid in the head counts as added.
 */
export function diffStates(base: State, head: State): Change[] {
  const changes: Change[] = [];
  const where = locator();
  // Where in the head document two versions first differ: the value there, or the key of one removed.
  const whereChanged = (doc: Doc<unknown>, before: unknown, after: unknown) => where(doc, firstDifference(before, after));
  const loginOf = (handle: string) => login(base.members.get(handle)?.value ?? head.members.get(handle)?.value, handle);
  const tierOf = (handle: string) => {
    const from = base.members.get(handle)?.value.tier;
    const to = head.members.get(handle)?.value.tier;
    return from === undefined && to === undefined ? undefined : { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) };
  };
  const person = (handle: string) => {
    const tier = tierOf(handle);
    return { subject: handle, login: loginOf(handle), ...(tier ? { tier } : {}) };
  };

  const constitutionFile = `${GOVERNANCE}/constitution.yaml`;
  pairDocs(singleton(base.constitution), singleton(head.constitution), head.broken, (_, before, after) => {
    const fields = before && after ? changedKeys(before.value, after.value) : [];
    const at = before && after ? whereChanged(after, before.value, after.value) : { line: 1, column: 1 };
    changes.push({ kind: 'constitution.change', file: constitutionFile, ...at, ...(fields.length > 0 ? { fields } : {}) });
  });

  pairDocs(base.members, head.members, head.broken, (handle, before, after) => {
    if (before === undefined) {
      changes.push({
        kind: 'member.add',
        subject: handle,
        login: login(after.value, handle),
        file: after.file,
        line: 1,
        column: 1,
        tier: { to: after.value.tier },
      });
      return;
    }
    if (after === undefined) {
      changes.push({
        kind: 'member.remove',
        subject: handle,
        login: login(before.value, handle),
        file: before.file,
        line: 1,
        column: 1,
        tier: { from: before.value.tier },
      });
      return;
    }
    const fields = changedKeys(before.value, after.value);
    const common = { subject: handle, login: login(before.value, handle), file: after.file };
    const moved = before.value.tier !== after.value.tier;
    if (moved) {
      const moveFields = fields.filter((f) => TIER_MOVE_FIELDS.has(f));
      changes.push({ kind: 'member.tier', ...common, ...where(after, ['tier']), tier: { from: before.value.tier, to: after.value.tier }, fields: moveFields });
    }
    const rest = moved ? fields.filter((f) => !TIER_MOVE_FIELDS.has(f)) : fields;
    if (rest.length > 0) {
      const at = whereChanged(after, pick(before.value, rest), pick(after.value, rest));
      changes.push({ kind: 'member.update', ...common, ...at, tier: { from: before.value.tier, to: after.value.tier }, fields: rest });
    }
  });

  pairDocs(base.commitments, head.commitments, head.broken, (handle, before, after) => {
    const kind = before === undefined ? 'commitment.add' : after === undefined ? 'commitment.remove' : 'commitment.update';
    const doc = after === undefined ? before : after;
    const fields = before && after ? changedKeys(before.value, after.value) : undefined;
    const at = before && after ? whereChanged(after, before.value, after.value) : { line: 1, column: 1 };
    changes.push({ kind, ...person(handle), file: doc.file, ...at, ...(fields ? { fields } : {}) });
  });

  pairDocs(base.contributions, head.contributions, head.broken, (key, before, after) => {
    const handle = key.slice(key.indexOf('/') + 1);
    const who = person(handle);
    const baseEntries = before?.value.entries ?? [];
    const headEntries = after?.value.entries ?? [];
    const pairing = pairEntries(baseEntries, headEntries, ENTRY_IDENTITY);
    // Entries are added or edited only where there is a head, and removed only where there is a base.
    if (after !== undefined) {
      for (const j of pairing.added) {
        changes.push({ kind: 'contribution.add', ...who, file: after.file, ...where(after, ['entries', j]), entry: entryRef(headEntries, j) });
      }
      for (const [i, j] of pairing.updated) {
        const was = knownAt(baseEntries, i, 'The entries of the base');
        const now = knownAt(headEntries, j, 'The entries of the head');
        const at = where(after, ['entries', j, ...firstDifference(was, now)]);
        changes.push({
          kind: 'contribution.update',
          ...who,
          file: after.file,
          ...at,
          entry: entryRef(headEntries, j),
          previous: entryRef(baseEntries, i),
          fields: changedKeys(was, now),
        });
      }
    }
    if (before !== undefined) {
      for (const i of pairing.removed) {
        changes.push({ kind: 'contribution.remove', ...who, file: before.file, ...where(before, ['entries', i]), entry: entryRef(baseEntries, i) });
      }
    }
  });

  pairDocs(base.proposals, head.proposals, head.broken, (_, before, after) => {
    const kind = before === undefined ? 'proposal.add' : after === undefined ? 'proposal.remove' : 'proposal.update';
    // Whose it is and which rule it names are read from the base wherever the base has it.
    const owner = (before === undefined ? after : before).value;
    const doc = after === undefined ? before : after;
    const fields = before && after ? changedKeys(before.value, after.value) : undefined;
    const at = before && after ? whereChanged(after, before.value, after.value) : { line: 1, column: 1 };
    changes.push({
      kind,
      ...person(owner.author),
      file: doc.file,
      ...at,
      proposal: {
        title: doc.value.title,
        ...(owner.decision !== undefined ? { decision: owner.decision } : {}),
        ...(doc.value.ratifies !== undefined ? { ratifies: doc.value.ratifies } : {}),
        ...(doc.value.payout !== undefined
          ? {
              payout: {
                month: doc.value.payout.month,
                pool: doc.value.payout.pool,
                ...(doc.value.payout.currency !== undefined ? { currency: doc.value.payout.currency } : {}),
              },
            }
          : {}),
      },
      ...(fields ? { fields } : {}),
    });
  });

  pairDocs(base.decisions, head.decisions, head.broken, (pr, before, after) => {
    const kind = before === undefined ? 'decision.add' : after === undefined ? 'decision.remove' : 'decision.update';
    const doc = after === undefined ? before : after;
    const fields = before && after ? changedKeys(before.value, after.value) : undefined;
    const at = before && after ? whereChanged(after, before.value, after.value) : { line: 1, column: 1 };
    changes.push({ kind, file: doc.file, ...at, pr: Number(pr), ...(fields ? { fields } : {}) });
  });

  // A decision record is judged by its place alone, so one that is broken in the head still counts.
  for (const file of head.broken) {
    const role = classify(file.slice(GOVERNANCE.length + 1));
    // Broken in the base too: whether it changed is unknown, and the head's validation reports it.
    if (role.kind !== 'decision' || base.broken.has(file)) continue;
    changes.push({ kind: base.decisions.has(String(role.pr)) ? 'decision.update' : 'decision.add', file, line: 1, column: 1, pr: role.pr });
  }

  return changes.sort(compareChanges);
}

/** Orders changes by file, then position, then kind. */
export function compareChanges(a: Change, b: Change): number {
  return (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0);
}

/** A person's forge login: their `github`, else their handle. */
export function login(member: Pick<Member, 'github'> | undefined, handle: string): string {
  return member?.github ?? handle;
}

function pick(value: object, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => Object.hasOwn(value, k)).map((k) => [k, (value as Record<string, unknown>)[k]]));
}

function singleton<T>(doc: Doc<T> | undefined): Map<string, Doc<T>> {
  return doc === undefined ? new Map<string, Doc<T>>() : new Map([['', doc]]);
}

/** A document's two versions where it changed: at least one of them is there. */
type Versions<T> =
  [key: string, before: Doc<T>, after: Doc<T>] | [key: string, before: Doc<T>, after: undefined] | [key: string, before: undefined, after: Doc<T>];

/**
 * Calls `changed` for each key whose document differs: only in the base, only in the head, or in both
 * with other values. Equal blob ids are skipped unread; a head file that is broken is skipped.
 */
function pairDocs<T>(
  base: ReadonlyMap<string, Doc<T>>,
  head: ReadonlyMap<string, Doc<T>>,
  headBroken: ReadonlySet<string>,
  changed: (...versions: Versions<T>) => void,
): void {
  for (const [key, after] of head) {
    const before = base.get(key);
    if (before !== undefined && (before === after || (before.oid !== undefined && before.oid === after.oid) || deepEqual(before.value, after.value))) continue;
    changed(key, before, after);
  }
  for (const [key, before] of base) {
    if (!head.has(key) && !headBroken.has(before.file)) changed(key, before, undefined);
  }
}

function entryRef(entries: readonly ContributionEntry[], index: number): EntryRef {
  const e = knownAt(entries, index, 'The entries of a contributions file');
  return { index, date: e.date, stream: e.stream, what: e.what };
}

/** Positions in documents, each parsed for positions once and only when asked. */
function locator() {
  const indexes = new Map<Doc<unknown>, PositionIndex>();
  return (doc: Doc<unknown>, path: DataPath, at: 'key' | 'value' = 'value') => {
    if (path.length === 0) return { line: 1, column: 1 };
    let index = indexes.get(doc);
    if (index === undefined) {
      index = new PositionIndex(doc.text);
      indexes.set(doc, index);
    }
    return index.locate(path, at);
  };
}
