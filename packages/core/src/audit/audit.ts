// Proves a governed branch's history: every change to the governance state covered by a decision record that re-tallies to passed.
import { contexts as loadContexts } from './audit-context.ts';
import type { ViolationCode } from '../common/index.ts';
import { CoopError, known, knownAt, lastOf } from '../common/index.ts';
import type { DecisionRecord } from '../generated/types.ts';
import { resolveCommit, type Repository } from '../git/index.ts';
import { openHistory, type CommitInfo, type History } from '../git/index.ts';
import { checkRecord, needsCredits, short, subjectOf, type CommittedChange, type Violation } from './record-check.ts';
import { changesBetween } from './span.ts';
import { firstParentsBefore, mergeIndex, runsOf } from './first-parent.ts';
import { ratify, type Ratification, type Ratified } from './ratify.ts';
import { GOVERNANCE, type Doc } from '../common/index.ts';
import type { Roll } from '../vote/index.ts';
import { type ParseCache } from '../load/index.ts';

export type { Violation } from './record-check.ts';
export type { Ratified } from './ratify.ts';

export interface AuditOptions {
  repo: Repository;
  /** The tip of the governed branch; HEAD by default. */
  ref?: string;
  /** Audit only the commits after this one (it must be on the first-parent history of `ref`). */
  since?: string;
  /** Told how far the audit has got, now and then. */
  onProgress?: (progress: AuditProgress) => void;
  /**
   * A check of the records beyond the history, such as the forge's word on their pull requests, votes
   * and signatures: given every record the audited commits added, once the history is read, its
   * violations count as the audit's own (a later ratification can decide their commits), and a record
   * it finds fault with decides no ratification.
   */
  verify?: (records: AuditedRecord[]) => Promise<Violation[]>;
}

/** A decision record the audited commits added, as `verify` is given it. */
export interface AuditedRecord {
  file: string;
  record: DecisionRecord;
  /** The first-parent commit that added it: the record commit. */
  commit: string;
  /** The first-parent commits of the audited range it covers, oldest first; empty when it covers none. */
  covers: string[];
  /** The forge login of each person whose vote it records, by handle, from the roll at its base; empty when its base cannot be read. */
  logins: Record<string, string>;
}

export interface AuditProgress {
  /** `history`: reading the first-parent history back; `commits`: comparing each commit with its parent and checking the records it adds. */
  stage: 'history' | 'commits';
  done: number;
  /** Unknown while the history is read back. */
  total?: number;
}

export interface AuditResult {
  ok: boolean;
  /** The first-parent commits audited: from the genesis (or after --since) to the tip. */
  commits: number;
  violations: Violation[];
  /** The first line of the message of each commit a violation names, by commit id. */
  messages: Record<string, string>;
  tip: string;
  /** The commit that created governance/constitution.yaml, when the audit started there. */
  genesis?: string;
  /** Commits whose undecided changes a later ratification decided, oldest first: their violations are not in `violations`. */
  ratified: Ratified[];
}

const CONSTITUTION = `${GOVERNANCE}/constitution.yaml`;
const MEMBERS = `${GOVERNANCE}/members`;

/** Whether a commit's state has anyone in it: a member file under governance/members/. */
async function hasMembers(history: History, commit: CommitInfo): Promise<boolean> {
  const folder = await history.at(commit, MEMBERS);
  if (folder?.type !== 'dir' || folder.oid === undefined) return false;
  return (await history.tree(folder.oid)).some((e) => e.type === 'file' && e.name.endsWith('.yaml'));
}

/** A first-parent commit that changed the governance state, other than by adding decision records. */
interface Step {
  commit: CommitInfo;
  before: CommitInfo;
  changes: CommittedChange[];
  files: Set<string>;
}

interface AddedRecord {
  doc: Doc<DecisionRecord>;
  /** The commit that added it. */
  commit: CommitInfo;
}

/**
 * Walks the first-parent history of `ref` from the genesis (or from `since`) and checks that every
 * commit changing the governance state is covered by a valid decision record. Throws a CoopError when
 * the history cannot be read as asked (a ref that is not a commit, --since off the history, no genesis).
 */
export async function audit(options: AuditOptions): Promise<AuditResult> {
  const ref = options.ref ?? 'HEAD';
  const progress = options.onProgress ?? (() => {});
  const history = await openHistory(options.repo);
  const cache: ParseCache = new Map();
  const tip = await resolveCommit(options.repo, ref);
  const stop = options.since === undefined ? undefined : await resolveCommit(options.repo, options.since);

  // The first-parent history, read back from the tip to the root or to --since.
  const chain: CommitInfo[] = [];
  let since: CommitInfo | undefined;
  for (let oid: string | undefined = tip; oid !== undefined;) {
    const commit = await history.commit(oid);
    if (oid === stop) {
      since = commit;
      break;
    }
    chain.push(commit);
    if (chain.length % 500 === 0) progress({ stage: 'history', done: chain.length });
    oid = commit.parents[0];
  }
  if (options.since !== undefined && stop !== undefined && since === undefined) {
    throw new CoopError(
      'audit.since-off-history',
      `${options.since} (${short(stop)}) is not on the first-parent history of ${ref}, so the audit cannot start after it. Start after a commit of the governed branch itself, such as ${ref}~10.`,
      { since: options.since, commit: stop, ref },
    );
  }
  chain.reverse();
  const position = new Map(chain.map((c, i) => [c.oid, i]));
  const positionOf = (oid: string) => known(position, oid, 'The positions of the first-parent commits');
  const commitOf = (oid: string) => knownAt(chain, positionOf(oid), 'The first-parent history');

  // The genesis: the first commit with a constitution, unless --since starts where there is one. The
  // audit starts after it (`previous`), at `start` in the chain.
  let start = 0;
  let previous: CommitInfo;
  let genesis: CommitInfo | undefined;
  if (since !== undefined && (await history.at(since, CONSTITUTION)) !== undefined && (await hasMembers(history, since))) {
    previous = since;
  } else {
    // A constitution with no one under it (a template's first commit) decides nothing and no one can
    // decide anything under it: the founding is complete, and the genesis made, once members are there.
    let constituted = false;
    for (const [i, commit] of chain.entries()) {
      if ((await history.at(commit, CONSTITUTION)) === undefined) continue;
      constituted = true;
      if (!(await hasMembers(history, commit))) continue;
      genesis = commit;
      start = i + 1;
      break;
    }
    if (genesis === undefined) {
      const where = since === undefined ? `the first-parent history of ${ref}` : `the commits after ${options.since}`;
      throw new CoopError(
        'audit.no-genesis',
        constituted
          ? `No commit in ${where} has both ${CONSTITUTION} and a member under ${MEMBERS}/, so no one has founded the collective yet and there is no governance history to audit. Add the founders in one commit: it is the genesis.`
          : `No commit in ${where} has ${CONSTITUTION}, so there is no governance history to audit. Commit a governance state first, or audit the governed branch.`,
        { ref, ...(since !== undefined && options.since !== undefined ? { since: options.since } : {}), ...(constituted ? { unfounded: true as const } : {}) },
      );
    }
    previous = genesis;
  }
  const range = chain.slice(start);

  // Each commit against its first parent; each record checked as soon as it is added (the commits it
  // names are before it), so records need not be held until the end.
  const violations: Violation[] = [];
  const steps = new Map<string, Step>();
  const inRange = (oid: string) => (position.get(oid) ?? -1) >= start;
  const merges = mergeIndex(history, range, position);
  const hasMerges = range.some((c) => c.parents.length > 1);
  const mergeOf = async (oid: string) => (hasMerges ? (await merges()).get(oid) : undefined);
  const contexts = loadContexts(history, cache);
  const backwards = firstParentsBefore(history, since);
  const covered = new Set<string>();
  const ratifications: Ratification[] = [];
  const audited: AuditedRecord[] = [];
  let before = previous;
  for (const [n, commit] of range.entries()) {
    if (commit.tree !== before.tree) {
      const span = await changesBetween(history, before, commit, cache);
      for (const problem of span.problems) {
        violations.push({
          commit: commit.oid,
          kind: 'file.invalid',
          subject: problem.file,
          reason: `This commit leaves ${problem.file} unreadable or not conforming (${problem.file}:${problem.line}:${problem.column} ${problem.code}: ${problem.message}), so what it changes cannot be judged. Every commit on the governed branch must leave a valid state.`,
          code: 'audit.file-invalid',
        });
      }
      for (const change of span.changes) {
        if (change.kind !== 'decision.update' && change.kind !== 'decision.remove') continue;
        const verb = change.kind === 'decision.update' ? `edits the decision record ${change.file}` : `removes the decision record ${change.file}`;
        violations.push({
          commit: commit.oid,
          kind: change.kind,
          subject: subjectOf(change),
          reason: `This commit ${verb}. Records are append-only: once written they are never changed or removed. Restore it as it was.`,
          code: change.kind === 'decision.update' ? 'audit.record-edited' : 'audit.record-removed',
        });
      }
      const mergedFrom = commit.parents.length > 1 ? commit.parents[1] : undefined;
      const governed = span.changes
        .filter((c) => !c.kind.startsWith('decision.'))
        .map((c): CommittedChange => ({ ...c, commit: commit.oid, ...(mergedFrom !== undefined ? { mergedFrom } : {}) }));
      if (governed.length > 0) steps.set(commit.oid, { commit, before, changes: governed, files: new Set(span.files) });
      for (const doc of span.records) {
        violations.push(...(await cover({ doc, commit })));
        // Read once and checked: its parsed text need not stay (a later edit of it is read again).
        if (doc.oid !== undefined) cache.delete(`${doc.oid}:decision`);
      }
    }
    before = commit;
    if ((n + 1) % 100 === 0 || n + 1 === range.length) progress({ stage: 'commits', done: n + 1, total: range.length });
  }

  for (const step of steps.values()) {
    if (covered.has(step.commit.oid)) continue;
    const secondParent = step.commit.parents[1];
    const merge = secondParent !== undefined;
    for (const change of step.changes) {
      violations.push({
        commit: step.commit.oid,
        kind: change.kind,
        subject: subjectOf(change),
        reason: merge
          ? `This merge commit brought in a ${change.kind} of ${subjectOf(change)} (${change.file}) from its second parent ${short(secondParent)}, and no decision record names it: the change landed undecided.`
          : `This commit makes a ${change.kind} of ${subjectOf(change)} (${change.file}), and no decision record in ${GOVERNANCE}/decisions/ names it: it was pushed without a decision.`,
        code: merge ? 'audit.second-parent' : 'audit.no-record',
      });
    }
  }

  // The check beyond the history: its violations are ratifiable as any other, and a record it faults
  // decides no ratification.
  let holding = ratifications;
  if (options.verify !== undefined && audited.length > 0) {
    const found = await options.verify(audited);
    violations.push(...found);
    const faulted = new Set(found.map((v) => v.subject));
    holding = ratifications.filter((r) => !faulted.has(r.record));
  }

  // Ratifications are known only once their records land, after the commits they name: the
  // violations of those commits are dropped now, except edits and removals of records (append-only).
  const { kept, ratified } = await ratify(violations, { ratifications: holding, position, start, genesis, since, ref, mergeOf, backwards });

  const order = (oid: string) => position.get(oid) ?? Number.MAX_SAFE_INTEGER;
  const sorted = kept
    .map((v, i) => ({ v, i }))
    .sort((a, b) => order(a.v.commit) - order(b.v.commit) || a.i - b.i)
    .map((x) => x.v);
  const messages: Record<string, string> = {};
  for (const oid of [...sorted.map((v) => v.commit), ...ratified.map((r) => r.commit)]) {
    if (messages[oid] !== undefined) continue;
    const known = chain[position.get(oid) ?? -1];
    messages[oid] =
      known?.subject ??
      (await history.commit(oid).then(
        (c) => c.subject,
        () => '',
      ));
  }
  return {
    ok: sorted.length === 0,
    commits: range.length + (genesis ? 1 : 0),
    violations: sorted,
    messages,
    tip,
    ...(genesis ? { genesis: genesis.oid } : {}),
    ratified,
  };

  /** Which first-parent commits a record covers, and what is wrong with it. */
  async function cover(added: AddedRecord): Promise<Violation[]> {
    const named = [...new Set(added.doc.value.commits)];
    const mapped = new Set<string>();
    for (const oid of named) {
      if (inRange(oid)) mapped.add(oid);
      else {
        const merge = await mergeOf(oid);
        if (merge !== undefined) mapped.add(merge);
      }
    }
    const [first, ...rest] = [...mapped].sort((a, b) => positionOf(a) - positionOf(b));
    const verified = (covers: string[], logins: Record<string, string>) => {
      if (options.verify !== undefined) audited.push({ file: added.doc.file, record: added.doc.value, commit: added.commit.oid, covers, logins });
    };
    if (first === undefined) {
      verified([], {});
      // With --since, a record of commits before the range is outside what is audited.
      if (since !== undefined) return [];
      return [
        {
          commit: added.commit.oid,
          kind: 'decision.add',
          subject: added.doc.file,
          reason: `${added.doc.file} names no commit of the first-parent history of ${ref} after the genesis (it names ${named.map(short).join(', ')}), so it covers nothing. A record names the commits that landed on the governed branch.`,
          code: 'audit.record-covers-nothing',
        },
      ];
    }
    for (const oid of mapped) covered.add(oid);
    const { violations: found, changes, logins } = await recordViolations(added, [first, ...rest]);
    verified([first, ...rest], logins);
    // A record that holds up decides the ratifications its pull request added.
    if (found.length === 0) {
      for (const change of changes) {
        const commits = change.kind === 'proposal.add' ? change.proposal?.ratifies : undefined;
        if (commits !== undefined) ratifications.push({ commits, proposal: change.file, added: change.commit, record: added.doc.file, at: added.commit.oid });
      }
    }
    return found;
  }

  /** Checks one record against the commits it covers (first-parent commits, oldest first); gives what they changed too. */
  async function recordViolations(
    added: AddedRecord,
    commits: [string, ...string[]],
  ): Promise<{ violations: Violation[]; changes: CommittedChange[]; logins: Record<string, string> }> {
    const value = added.doc.value;
    const [first] = commits;
    const changes: CommittedChange[] = [];
    const about = (code: ViolationCode, reason: string) => ({
      violations: [{ commit: first, kind: 'decision.add', subject: added.doc.file, reason, code }],
      changes,
      logins: {},
    });

    // What the covered commits changed: runs of consecutive commits are compared as one span, so a
    // rebase merge is judged by what its commits did together, as its pull request was.
    for (const run of runsOf(commits, position)) {
      if (run.length === 1) {
        changes.push(...(steps.get(run[0])?.changes ?? []));
        continue;
      }
      const last = commitOf(lastOf(run));
      // The commit before the run: before the first commit audited, the one the audit starts after.
      const at = positionOf(run[0]);
      const parent = at === start ? previous : knownAt(chain, at - 1, 'The first-parent history');
      const span = await changesBetween(history, parent, last, cache);
      for (const change of span.changes) {
        if (change.kind.startsWith('decision.')) continue;
        const maker = [...run].reverse().find((oid) => steps.get(oid)?.files.has(change.file)) ?? last.oid;
        const step = steps.get(maker);
        const mergedFrom = step && step.commit.parents.length > 1 ? step.commit.parents[1] : undefined;
        changes.push({ ...change, commit: maker, ...(mergedFrom !== undefined ? { mergedFrom } : {}) });
      }
    }

    let base: CommitInfo;
    try {
      base = await history.commit(value.base);
    } catch {
      return about(
        'audit.base-unknown',
        `${added.doc.file} says its base is ${value.base}, which is not a commit of this repository, so the rules and roll it was decided under cannot be read.`,
      );
    }
    const basePosition = position.get(base.oid);
    const onHistory = basePosition !== undefined ? basePosition < positionOf(first) : await backwards(base.oid);
    if (!onHistory) {
      return about(
        'audit.base-off-branch',
        `${added.doc.file} says its base is ${short(base.oid)}, which is not a commit of the first-parent history of ${ref} before the commits it covers. Rules and roll must come from the governed branch itself, or a record could pick a constitution of its own.`,
      );
    }
    const context = await contexts.at(base);
    if (context.constitution === undefined) {
      return about(
        'audit.base-no-constitution',
        `${added.doc.file} says its base is ${short(base.oid)}, which has no valid ${CONSTITUTION}, so no rule could have decided it.`,
      );
    }
    const head = await contexts.constitutionAt(commitOf(lastOf(commits)));
    // The voters' roll gives every outcome; everyone's, only to say why someone outside it is not counted.
    const roll = value.votes.every((v) => context.isVoter(v.voter)) ? context.voters : await context.everyone();
    const check = {
      record: added.doc,
      changes,
      first,
      base: { commit: base.oid, constitution: context.constitution, roll },
      ...(head ? { head } : {}),
    };
    const credits = needsCredits(check) ? await contexts.creditsAt(base) : undefined;
    return { violations: checkRecord({ ...check, base: { ...check.base, ...(credits ? { credits } : {}) } }), changes, logins: loginsOf(value, roll) };
  }

  /** The logins of the people whose votes a record holds, by handle, for `verify` alone. */
  function loginsOf(value: DecisionRecord, roll: Roll): Record<string, string> {
    const logins: Record<string, string> = {};
    if (options.verify === undefined) return logins;
    const voters = new Set(value.votes.map((v) => v.voter));
    for (const member of roll.members) if (voters.has(member.handle)) logins[member.handle] = member.login;
    return logins;
  }
}
