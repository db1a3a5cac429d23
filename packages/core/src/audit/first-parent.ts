// The shape of a governed branch's first-parent history, as the audit reads it: runs of consecutive commits, the merge that brought a commit in, whether a commit is at or before --since.
import type { CommitInfo, History } from '../git/index.ts';

/** How many commits a merge's second parent may bring in before the audit stops looking for more. */
const MERGE_LIMIT = 10_000;

/** Splits commits (sorted by position) into runs of consecutive first-parent commits; a run is never empty. */
export function runsOf(commits: readonly string[], position: ReadonlyMap<string, number>): [string, ...string[]][] {
  const runs: [string, ...string[]][] = [];
  for (const oid of commits) {
    const run = runs[runs.length - 1];
    if (run !== undefined && position.get(run[run.length - 1]!)! + 1 === position.get(oid)) run.push(oid);
    else runs.push([oid]);
  }
  return runs;
}

/**
 * Which merge commit of the range brought each commit in through its second (or later) parent:
 * everything reachable from those parents that is not on the first-parent history. Read once, when a
 * record first names a commit off the first-parent history.
 */
export function mergeIndex(history: History, range: readonly CommitInfo[], position: ReadonlyMap<string, number>): () => Promise<Map<string, string>> {
  let index: Promise<Map<string, string>> | undefined;
  return () =>
    (index ??= (async () => {
      const broughtIn = new Map<string, string>();
      for (const merge of range) {
        if (merge.parents.length < 2) continue;
        const pending = merge.parents.slice(1);
        broughtIn.set(merge.oid, merge.oid);
        let seen = 0;
        while (pending.length > 0 && seen < MERGE_LIMIT) {
          const oid = pending.pop()!;
          if (position.has(oid) || broughtIn.has(oid)) continue;
          broughtIn.set(oid, merge.oid);
          seen++;
          const commit = await history.commit(oid).catch(() => undefined);
          if (commit !== undefined) pending.push(...commit.parents);
        }
      }
      return broughtIn;
    })());
}

/**
 * Whether a commit is `since` or one of its first-parent ancestors, reading back from `since` only as
 * far as needed and remembering what was read. Without `since` every such commit is already known.
 */
export function firstParentsBefore(history: History, since: CommitInfo | undefined): (oid: string) => Promise<boolean> {
  const seen = new Set<string>();
  let next: string | undefined = since?.oid;
  return async (oid) => {
    if (seen.has(oid)) return true;
    while (next !== undefined) {
      const current: string = next;
      seen.add(current);
      next = (await history.commit(current)).parents[0];
      if (current === oid) return true;
    }
    return false;
  };
}
