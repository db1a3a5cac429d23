// Reads a repository's history with isomorphic-git: commits, trees compared by id and by their bytes, blobs.
import { SourceError } from '../common/index.ts';
import type { Repository } from './git.ts';
import { cacheDeltaBases } from './git-cache.ts';
import { loadGit } from './isomorphic.ts';
import { Lru } from './lru.ts';
import { MAX_FILE_BYTES, type EntryType, type Source, type SourceEntry } from '../common/index.ts';

/** One commit as the audit reads it. */
export interface CommitInfo {
  oid: string;
  tree: string;
  parents: string[];
  author: { name: string; email: string };
  /** When it was committed, in seconds since the epoch. */
  time: number;
  /** The first line of its message. */
  subject: string;
}

/** A file that differs between two trees: only `after` when added, only `before` when removed. */
export interface FileChange {
  /** Relative to the project folder, `/`-separated. */
  path: string;
  before?: SourceEntry;
  after?: SourceEntry;
}

/** Reads commits, trees and blobs of one repository, remembering what a walk reads again. */
export interface History {
  readonly repo: Repository;
  commit(oid: string): Promise<CommitInfo>;
  /** The entries of a tree object, in git's order. */
  tree(oid: string): Promise<SourceEntry[]>;
  /** The entry at `path` of the project folder in a commit ('' is the project folder itself). */
  at(commit: CommitInfo, path: string): Promise<SourceEntry | undefined>;
  blob(oid: string): Promise<Uint8Array>;
  /**
   * The files that differ between two trees (either may be missing), found by comparing tree ids
   * and the trees' bytes: identical subtrees are never opened, and in a tree that differs only the
   * entries between the bytes both begin and end with are walked. `path` is where the trees sit.
   */
  diff(before: string | undefined, after: string | undefined, path: string): Promise<FileChange[]>;
  /** A commit's project folder as a Source. */
  source(commit: CommitInfo, label?: string): Source;
}

const RAW_BUDGET = 16 * 1024 * 1024;
const PARSED_TREES = 256;
const SLASH = 0x2f;

/** A reader of one repository's history. Its caches are bounded, so a walk of any length fits in memory. */
export async function openHistory(repo: Repository): Promise<History> {
  const git = await loadGit();
  const fs = repo.fs;
  const gitdir = repo.gitdir;
  const cache = repo.cache;
  const raw = new Lru<string, Buffer>(RAW_BUDGET, (b) => b.length + 64);
  const parsed = new Lru<string, SourceEntry[]>(PARSED_TREES, () => 1);
  // Where the entries of recent trees start: the next version of a folder is compared from them.
  const offsets = new Lru<string, Int32Array>(RAW_BUDGET / 2, (o) => o.byteLength + 64);
  const prefix = repo.prefix === '' ? [] : repo.prefix.split('/');
  const cacheBases = cacheDeltaBases(cache, 32 * 1024 * 1024);

  const object = async (oid: string, type: 'tree' | 'commit' | 'blob'): Promise<Buffer> => {
    let read;
    try {
      read = await git.readObject({ fs, gitdir, oid, cache, format: 'content' });
    } catch (error) {
      const reason = (error as Error).message;
      throw new SourceError('git.missing-object', `The ${type} ${oid} cannot be read from ${repo.top}: ${reason}. The clone may be shallow or damaged; audit a full clone (git fetch --unshallow).`, { oid, type, top: repo.top, reason });
    }
    cacheBases();
    if (read.type !== type) {
      throw new SourceError('git.wrong-object', `${oid} is a ${read.type}, not a ${type}, in ${repo.top}.`, { oid, type: read.type, expected: type, top: repo.top });
    }
    // Shared with isomorphic-git's caches (and the delta-base cache): read, never written to.
    const bytes = read.object as Uint8Array;
    return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  };

  const rawTree = async (oid: string): Promise<Buffer> => {
    let buffer = raw.get(oid);
    if (buffer === undefined) {
      buffer = await object(oid, 'tree');
      raw.set(oid, buffer);
    }
    return buffer;
  };

  const tree = async (oid: string): Promise<SourceEntry[]> => {
    let entries = parsed.get(oid);
    if (entries === undefined) {
      entries = parseTree(await rawTree(oid));
      parsed.set(oid, entries);
    }
    return entries;
  };

  const offsetsOf = (oid: string, tree: Buffer): Int32Array => {
    let found = offsets.get(oid);
    if (found === undefined) {
      found = entryOffsets(tree);
      offsets.set(oid, found);
    }
    return found;
  };

  const find = async (treeOid: string, name: string): Promise<SourceEntry | undefined> => {
    const tree = await rawTree(treeOid);
    // Small trees are scanned; large ones searched by halves over where their entries start.
    return tree.length < 4096 ? findEntry(tree, name) : searchEntry(tree, offsetsOf(treeOid, tree), name);
  };

  const at = async (commit: CommitInfo, path: string): Promise<SourceEntry | undefined> => {
    let entry: SourceEntry = { name: '', type: 'dir', oid: commit.tree };
    for (const segment of [...prefix, ...(path === '' ? [] : path.split('/'))]) {
      if (entry.type !== 'dir') return undefined;
      const next = await find(entry.oid!, segment);
      if (next === undefined) return undefined;
      entry = next;
    }
    return entry;
  };

  const blob = (oid: string) => object(oid, 'blob');

  /** Every file under a tree, as added (side 'after') or removed (side 'before'). */
  const expand = async (oid: string, path: string, side: 'before' | 'after', out: FileChange[]): Promise<void> => {
    for (const entry of await tree(oid)) {
      const at = `${path}/${entry.name}`;
      if (entry.type === 'dir') await expand(entry.oid!, at, side, out);
      else out.push({ path: at, [side]: entry });
    }
  };

  const diff = async (before: string | undefined, after: string | undefined, path: string): Promise<FileChange[]> => {
    const out: FileChange[] = [];
    if (before === after) return out;
    if (before === undefined) {
      await expand(after!, path, 'after', out);
      return out;
    }
    if (after === undefined) {
      await expand(before, path, 'before', out);
      return out;
    }
    const [a, b] = await Promise.all([rawTree(before), rawTree(after)]);
    const { pairs, offsetsB } = compareTrees(a, offsetsOf(before, a), b);
    offsets.set(after, offsetsB);
    for (const [x, y] of pairs) {
      const at = `${path}/${(x ?? y)!.name}`;
      if (x?.type === 'dir' || y?.type === 'dir') {
        out.push(...(await diff(x?.type === 'dir' ? x.oid : undefined, y?.type === 'dir' ? y.oid : undefined, at)));
        // A folder replaced by a file, or the other way: the file side is a change of its own.
        if (x !== undefined && x.type !== 'dir') out.push({ path: at, before: x });
        if (y !== undefined && y.type !== 'dir') out.push({ path: at, after: y });
      } else {
        out.push({ path: at, ...(x ? { before: x } : {}), ...(y ? { after: y } : {}) });
      }
    }
    return out;
  };

  const source = (commit: CommitInfo, label = `commit ${commit.oid.slice(0, 7)}`): Source => ({
    label,
    async list(path) {
      const entry = await at(commit, path);
      return entry?.type === 'dir' ? tree(entry.oid!) : undefined;
    },
    async read(path) {
      const entry = await at(commit, path);
      if (entry?.type === 'symlink') return { ok: false, reason: 'symlink' };
      if (entry?.type !== 'file') return { ok: false, reason: 'not-a-file' };
      const bytes = await blob(entry.oid!);
      if (bytes.length > MAX_FILE_BYTES) return { ok: false, reason: 'too-large', size: bytes.length };
      return { ok: true, bytes };
    },
  });

  return {
    repo,
    commit: async (oid) => parseCommit(oid, await object(oid, 'commit')),
    tree,
    at,
    blob,
    diff: (before, after, path) => diff(before, after, path),
    source,
  };
}

/** Parses a commit object's headers and the first line of its message. */
export function parseCommit(oid: string, bytes: Buffer): CommitInfo {
  const text = bytes.toString('utf8');
  const end = text.indexOf('\n\n');
  const headers = end === -1 ? text : text.slice(0, end);
  const message = end === -1 ? '' : text.slice(end + 2);
  let tree = '';
  const parents: string[] = [];
  let author = { name: '', email: '' };
  let time = 0;
  for (const line of headers.split('\n')) {
    if (line.startsWith(' ')) continue; // a continued header (a signature)
    const space = line.indexOf(' ');
    const key = line.slice(0, space);
    const value = line.slice(space + 1);
    if (key === 'tree') tree = value;
    else if (key === 'parent') parents.push(value);
    else if (key === 'author') {
      const match = /^(.*) <(.*)> [0-9]+ [-+][0-9]{4}$/.exec(value);
      if (match) author = { name: match[1]!, email: match[2]! };
    } else if (key === 'committer') {
      const match = / ([0-9]+) [-+][0-9]{4}$/.exec(value);
      if (match) time = Number(match[1]);
    }
  }
  return { oid, tree, parents, author, time, subject: message.split('\n', 1)[0]!.trim() };
}

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
  for (let i = 0; i < buffer.length; ) {
    const { entry, end } = entryAt(buffer, i);
    entries.push(entry);
    i = end;
  }
  return entries;
}

/** One entry of a raw tree, found by name without decoding the others. */
export function findEntry(buffer: Buffer, name: string): SourceEntry | undefined {
  const wanted = Buffer.from(name, 'utf8');
  for (let i = 0; i < buffer.length; ) {
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
  for (; i < aTo; ) {
    const { entry, end } = entryAt(a, i);
    out.push([entry, undefined]);
    i = end;
  }
  for (; j < bTo; ) {
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
