// Ratifications: a record that holds up decides the earlier commits its proposal names, whose violations the audit then drops.
import type { ViolationCode } from '../common/index.ts';
import { known } from '../common/index.ts';
import type { CommitInfo } from '../git/index.ts';
import { short, type Violation } from './record-check.ts';

/** A commit that a ratification decided: the record that decided it, and the proposal that named it. */
export interface Ratified {
  commit: string;
  record: string;
  proposal: string;
}

/** A ratification whose record held up: the proposal that names the commits, and the record that decided it. */
export interface Ratification {
  commits: string[];
  proposal: string;
  /** The commit that added the proposal. */
  added: string;
  record: string;
  /** The commit that added the record. */
  at: string;
}

/** What the audit knows that a ratification is judged by. */
export interface RatifyContext {
  /** The ratifications of the records that held up, in the order the records landed. */
  ratifications: readonly Ratification[];
  /** Where each first-parent commit read is, oldest first. */
  position: ReadonlyMap<string, number>;
  /** The position of the first commit audited: the genesis and what is before it are exempt. */
  start: number;
  genesis: CommitInfo | undefined;
  since: CommitInfo | undefined;
  /** The governed branch, as the audit was asked for it. */
  ref: string;
  /** The merge commit of the audited range that brought a commit in through a second parent, if one did. */
  mergeOf: (oid: string) => Promise<string | undefined>;
  /** Whether a commit is `since` or one of its first-parent ancestors. */
  backwards: (oid: string) => Promise<boolean>;
}

/**
 * Applies the ratifications of records that held up: each commit they name must be a first-parent
 * commit before the record, with something to ratify; its violations then count as decided.
 */
export async function ratify(all: Violation[], context: RatifyContext): Promise<{ kept: Violation[]; ratified: Ratified[] }> {
  const { ratifications, position, start, genesis, since, ref, mergeOf, backwards } = context;
  if (ratifications.length === 0) return { kept: all, ratified: [] };
  const positionOf = (oid: string) => known(position, oid, 'The positions of the first-parent commits');
  const ratifiable = (v: Violation) => v.kind !== 'decision.update' && v.kind !== 'decision.remove';
  const undecided = new Set(all.filter(ratifiable).map((v) => v.commit));
  // Each commit ratified, with its position, by the first ratification that names it.
  const by = new Map<string, { r: Ratification; at: number }>();
  const problems: Violation[] = [];
  for (const r of ratifications) {
    const wrong = (commit: string, code: ViolationCode, why: string) =>
      problems.push({
        commit: r.added,
        kind: 'proposal.add',
        subject: r.proposal,
        reason: `${r.proposal} ratifies ${commit}, which ${why}${r.commits.length > 1 ? ` The ratification of the other commits it names, decided by ${r.record}, stands.` : ''}`,
        code,
      });
    for (const commit of r.commits) {
      const at = position.get(commit);
      if (at === undefined) {
        if (since !== undefined && (await backwards(commit))) continue; // before --since: outside what is audited
        const merge = await mergeOf(commit);
        if (merge !== undefined && positionOf(merge) < positionOf(r.at)) {
          wrong(
            commit,
            'audit.ratification-through-merge',
            `is not on the first-parent history of ${ref}: it came in through the merge commit ${short(merge)}. A ratification names first-parent commits: name ${merge} instead.`,
          );
        } else {
          wrong(
            commit,
            'audit.ratification-off-history',
            `is not a commit of the first-parent history of ${ref}, so there is nothing of it to ratify. Name the commits, in full, as \`git log --first-parent\` shows them.`,
          );
        }
      } else if (at >= positionOf(r.at)) {
        wrong(
          commit,
          'audit.ratification-after-record',
          `comes after ${r.record}, the record that decided the ratification: a ratification decides only what landed before it.`,
        );
      } else if (at < start) {
        wrong(
          commit,
          'audit.ratification-genesis',
          `is ${genesis !== undefined && commit === genesis.oid ? 'the genesis' : 'before the genesis'}, which the audit exempts: there is nothing to ratify.`,
        );
      } else if (!undecided.has(commit)) {
        if (all.some((v) => v.commit === commit)) {
          wrong(
            commit,
            'audit.ratification-records-only',
            `only edits or removes decision records, which no ratification can decide: records are append-only. Restore them as they were.`,
          );
        } else {
          wrong(commit, 'audit.ratification-nothing', `landed decided (or changed nothing governed): there is nothing to ratify.`);
        }
      } else if (!by.has(commit)) {
        by.set(commit, { r, at });
      }
    }
  }
  const kept = all.filter((v) => !(by.has(v.commit) && ratifiable(v))).concat(problems);
  const ratified = [...by].sort(([, a], [, b]) => a.at - b.at).map(([commit, { r }]) => ({ commit, record: r.record, proposal: r.proposal }));
  return { kept, ratified };
}
