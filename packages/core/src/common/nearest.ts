// The word nearest to a mistyped one, for "Did you mean …?" wherever a name is chosen from a list.

/**
 * The candidate fewest edits away (insertions, deletions, substitutions and swaps of two neighbours),
 * when it is at most 2 edits and fewer than half the word's letters away; else the one candidate the
 * word begins (`--memb` → `--member`); else undefined. Case is ignored; leading dashes do not count as
 * letters.
 */
export function nearest(typed: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const word = typed.toLowerCase();
  for (const candidate of candidates) {
    const d = editDistance(word, candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  const letters = typed.replace(/^-+/, '').length;
  if (bestDistance <= 2 && bestDistance * 2 < letters) return best;
  const begun = letters >= 2 ? candidates.filter((c) => c.toLowerCase().startsWith(word)) : [];
  return begun.length === 1 ? begun[0] : undefined;
}

/** " Did you mean love?" for the candidate nearest to what was typed, or "" when none is near. */
export function didYouMean(typed: string, candidates: readonly string[]): string {
  const near = nearest(typed, candidates);
  return near === undefined ? '' : ` Did you mean ${near}?`;
}

function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}
