// Git's raw tree objects read without isomorphic-git: entries parsed, found by name, and two versions of a tree compared by their bytes.
import type { EntryType, SourceEntry } from '../common/index.ts';

const SLASH = 0x2f;

function typeOf(mode: string): EntryType {
  return mode === '40000' || mode === '040000' ? 'dir' : mode === '120000' ? 'symlink' : mode === '100644' || mode === '100755' ? 'file' : 'other';
}

/** The entry that starts at byte `i` of a raw tree, and where the next one starts. */
function entryAt(buffer: Buffer, i: number): { entry: SourceEntry; end: number } {
  const space = buffer.indexOf(0x20, i);
  const nul = buffer.indexOf(0, space);
  const mode = buffer.toString('latin1', i, space);
  return {
    entry: { name: buffer.toString('utf8', space + 1, nul), type: typeOf(mode), oid: buffer.toString('hex', nul + 1, nul + 21) },
    end: nul + 21,
  };
}

/** Every entry of a raw tree object. */
export function parseTree(buffer: Buffer): SourceEntry[] {
  const entries: SourceEntry[] = [];
  for (let i = 0; i < buffer.length;) {
    const { entry, end } = entryAt(buffer, i);
    entries.push(entry);
    i = end;
  }
  return entries;
}

/** One entry of a raw tree, found by name without decoding the others. */
export function findEntry(buffer: Buffer, name: string): SourceEntry | undefined {
  const wanted = Buffer.from(name, 'utf8');
  for (let i = 0; i < buffer.length;) {
    const space = buffer.indexOf(0x20, i);
    const nul = buffer.indexOf(0, space);
    if (nul - space - 1 === wanted.length && buffer.compare(wanted, 0, wanted.length, space + 1, nul) === 0) return entryAt(buffer, i).entry;
    i = nul + 21;
  }
  return undefined;
}

type Pair = [SourceEntry | undefined, SourceEntry | undefined];

/**
 * One entry of a raw tree found by name, by a binary search over where its entries start: git sorts
 * them by the bytes of the name, a folder's as if it ended in `/`, so a name is looked for both as a
 * file and as a folder.
 */
export function searchEntry(tree: Buffer, offsets: Int32Array, name: string): SourceEntry | undefined {
  const wanted = Buffer.from(name, 'utf8');
  const asFolder = Buffer.concat([wanted, Buffer.from('/')]);
  for (const key of [wanted, asFolder]) {
    let lo = 0;
    let hi = offsets.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const start = offsets[mid]!;
      const space = tree.indexOf(0x20, start);
      const nul = tree.indexOf(0, space);
      const folder = tree[start] === 0x34 || (tree[start] === 0x30 && tree[start + 1] === 0x34); // mode 40000 (or 040000)
      const order = compareKey(tree, space + 1, nul, folder, key);
      if (order === 0) {
        // A name with a slash in it can only meet a folder's key: no entry has that name.
        const { entry } = entryAt(tree, start);
        return entry.name === name ? entry : undefined;
      }
      if (order < 0) lo = mid + 1;
      else hi = mid;
    }
  }
  return undefined;
}

/** Compares an entry's sort key (its name, then `/` for a folder) with `key`, byte by byte. */
function compareKey(tree: Buffer, from: number, to: number, folder: boolean, key: Buffer): number {
  const length = to - from;
  const n = Math.min(length, key.length);
  const common = tree.compare(key, 0, n, from, from + n);
  if (common !== 0) return common;
  if (length > n) return 1;
  if (!folder) return length - key.length;
  if (key.length === n) return 1;
  return key[n] !== 0x2f ? 0x2f - key[n]! : length + 1 - key.length;
}

/**
 * The entries that differ between two raw trees, paired by name: [before, after], one of them
 * missing for an addition or a removal. Entries whose bytes are equal (same mode, name and id) are
 * skipped without being decoded.
 */
export function differingEntries(a: Buffer, b: Buffer): Pair[] {
  return differingIn(a, 0, a.length, b, 0, b.length);
}

/** Where each entry of a raw tree starts. */
export function entryOffsets(tree: Buffer): Int32Array {
  const offsets: number[] = [];
  for (let i = 0; i < tree.length; i = tree.indexOf(0, i) + 21) offsets.push(i);
  return Int32Array.from(offsets);
}

/**
 * differingEntries, for a tree `b` that is mostly `a` (the next version of a folder): the bytes both
 * begin and end with are found by comparing blocks, and with where a's entries start, only the entries
 * between are walked. Returns where b's entries start too, for comparing b with its next version.
 */
export function compareTrees(a: Buffer, offsetsA: Int32Array, b: Buffer): { pairs: Pair[]; offsetsB: Int32Array } {
  const count = offsetsA.length;
  const endOf = (i: number) => (i + 1 < count ? offsetsA[i + 1]! : a.length);
  // Entries wholly inside the common prefix are the same in both, at the same offsets.
  const prefix = commonPrefix(a, b);
  let e = upperBound(offsetsA, prefix) - 1;
  if (e < 0) e = 0;
  else if (endOf(e) <= prefix) e++;
  const start = e < count ? offsetsA[e]! : a.length;
  // Entries of a wholly inside the common suffix are the same in b, shifted by the difference in length.
  const shift = b.length - a.length;
  const suffix = commonSuffix(a, b, Math.min(a.length, b.length) - start);
  let f = Math.max(e, lowerBound(offsetsA, a.length - suffix));
  let aStop = f < count ? offsetsA[f]! : a.length;
  let bStop = aStop + shift;
  const middle: number[] = [];
  let j = start;
  while (j < bStop) {
    middle.push(j);
    j = b.indexOf(0, j) + 21;
  }
  if (j !== bStop) {
    // The suffix does not start at an entry of b: walk both to the end.
    while (j < b.length) {
      middle.push(j);
      j = b.indexOf(0, j) + 21;
    }
    f = count;
    aStop = a.length;
    bStop = b.length;
  }
  const offsetsB = new Int32Array(e + middle.length + (count - f));
  offsetsB.set(offsetsA.subarray(0, e), 0);
  offsetsB.set(middle, e);
  for (let i = f; i < count; i++) offsetsB[e + middle.length + (i - f)] = offsetsA[i]! + shift;
  return { pairs: differingIn(a, start, aStop, b, start, bStop), offsetsB };
}

/** The differing entries of a[aFrom, aTo) and b[bFrom, bTo), each range starting at an entry. */
function differingIn(a: Buffer, aFrom: number, aTo: number, b: Buffer, bFrom: number, bTo: number): Pair[] {
  const out: Pair[] = [];
  let i = aFrom;
  let j = bFrom;
  while (i < aTo && j < bTo) {
    const endA = a.indexOf(0, i) + 21;
    const endB = b.indexOf(0, j) + 21;
    if (endA - i === endB - j && a.compare(b, j, endB, i, endA) === 0) {
      i = endA;
      j = endB;
      continue;
    }
    const x = entryAt(a, i).entry;
    const y = entryAt(b, j).entry;
    const order = gitOrder(x, y);
    if (order < 0) {
      out.push([x, undefined]);
      i = endA;
    } else if (order > 0) {
      out.push([undefined, y]);
      j = endB;
    } else {
      out.push([x, y]);
      i = endA;
      j = endB;
    }
    // Once the rest of both ranges is the same, nothing more differs.
    if (aTo - i === bTo - j && a.compare(b, j, bTo, i, aTo) === 0) return out;
  }
  for (; i < aTo;) {
    const { entry, end } = entryAt(a, i);
    out.push([entry, undefined]);
    i = end;
  }
  for (; j < bTo;) {
    const { entry, end } = entryAt(b, j);
    out.push([undefined, entry]);
    j = end;
  }
  return out;
}

const BLOCK = 4096;

/** How many bytes two buffers begin with in common: block by block, then a binary search in the block that differs. */
function commonPrefix(a: Buffer, b: Buffer): number {
  const n = Math.min(a.length, b.length);
  let lo = 0;
  while (lo + BLOCK <= n && a.compare(b, lo, lo + BLOCK, lo, lo + BLOCK) === 0) lo += BLOCK;
  let hi = Math.min(lo + BLOCK, n);
  // a[0, lo) equals b[0, lo); the first difference is in [lo, hi], or there is none before n.
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (a.compare(b, lo, mid, lo, mid) === 0) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** How many bytes two buffers end with in common, at most `limit`. */
function commonSuffix(a: Buffer, b: Buffer, limit: number): number {
  const n = Math.max(0, limit);
  const same = (from: number, to: number) => a.compare(b, b.length - to, b.length - from, a.length - to, a.length - from) === 0;
  let lo = 0;
  while (lo + BLOCK <= n && same(lo, lo + BLOCK)) lo += BLOCK;
  let hi = Math.min(lo + BLOCK, n);
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (same(lo, mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The number of offsets at most `value`. */
function upperBound(offsets: Int32Array, value: number): number {
  let lo = 0;
  let hi = offsets.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (offsets[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The index of the first offset at least `value` (the length when there is none). */
function lowerBound(offsets: Int32Array, value: number): number {
  let lo = 0;
  let hi = offsets.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (offsets[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** git's order of tree entries: by the bytes of the name, a folder's name read as if it ended in `/`. */
function gitOrder(x: SourceEntry, y: SourceEntry): number {
  const a = Buffer.from(x.name, 'utf8');
  const b = Buffer.from(y.name, 'utf8');
  const n = Math.min(a.length, b.length);
  const common = a.compare(b, 0, n, 0, n);
  if (common !== 0) return common;
  const next = (bytes: Buffer, e: SourceEntry) => (bytes.length > n ? bytes[n]! : e.type === 'dir' ? SLASH : -1);
  const ca = next(a, x);
  const cb = next(b, y);
  // Same name with one a folder and one a file: git keeps both, the file first; pair them as one name.
  if (ca === cb || (a.length === b.length && (ca === SLASH || cb === SLASH))) return 0;
  return ca - cb;
}
