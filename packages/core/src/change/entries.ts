// Pairs the entries of two versions of a list: which are unchanged, which were edited, added or removed.
import { canonical } from './equal.ts';

export interface EntryPairing {
  /** Base index → head index of entries edited in place. */
  updated: [number, number][];
  /** Head indexes of new entries. */
  added: number[];
  /** Base indexes of entries gone. */
  removed: number[];
}

/**
 * Matches entries by content first, wherever they moved (so re-sorting a list changes nothing), then
 * pairs what is left as edits when an entry shares at least one of the `identity` fields with one
 * left on the other side, the best match first, the nearest position on a tie. Whatever stays
 * unpaired was added or removed.
 */
export function pairEntries(base: readonly unknown[], head: readonly unknown[], identity: readonly string[]): EntryPairing {
  const unmatched = new Map<string, number[]>();
  base.forEach((entry, i) => {
    const key = canonical(entry);
    const list = unmatched.get(key);
    if (list === undefined) unmatched.set(key, [i]);
    else list.push(i);
  });
  const headLeft: number[] = [];
  head.forEach((entry, j) => {
    const list = unmatched.get(canonical(entry));
    if (list !== undefined && list.length > 0) list.shift();
    else headLeft.push(j);
  });
  const baseLeft = new Set([...unmatched.values()].flat());

  const candidates: { i: number; j: number; score: number }[] = [];
  for (const j of headLeft) {
    for (const i of baseLeft) {
      const score = identity.filter((field) => fieldOf(base[i], field) !== undefined && fieldOf(base[i], field) === fieldOf(head[j], field)).length;
      if (score > 0) candidates.push({ i, j, score });
    }
  }
  candidates.sort((a, b) => b.score - a.score || Math.abs(a.i - a.j) - Math.abs(b.i - b.j) || a.j - b.j || a.i - b.i);
  const updated: [number, number][] = [];
  const pairedHead = new Set<number>();
  for (const { i, j } of candidates) {
    if (!baseLeft.has(i) || pairedHead.has(j)) continue;
    baseLeft.delete(i);
    pairedHead.add(j);
    updated.push([i, j]);
  }
  updated.sort((a, b) => a[1] - b[1]);
  return {
    updated,
    added: headLeft.filter((j) => !pairedHead.has(j)),
    removed: [...baseLeft].sort((a, b) => a - b),
  };
}

function fieldOf(entry: unknown, field: string): unknown {
  return typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>)[field] : undefined;
}
