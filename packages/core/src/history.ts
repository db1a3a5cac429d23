// Reads a repository's history with isomorphic-git: commits, trees compared by id and by their bytes, blobs.
import { SourceError } from './diagnostics.ts';
import type { Repository } from './git.ts';
import { objectReadingFs } from './git-fs.ts';
import { MAX_FILE_BYTES, type EntryType, type Source, type SourceEntry } from './source.ts';

type Git = typeof import('isomorphic-git');

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
   * entries that differ are decoded. `path` is where the trees sit, prefixed to every file.
   */
  diff(before: string | undefined, after: string | undefined, path: string): Promise<FileChange[]>;
  /** A commit's project folder as a Source. */
  source(commit: CommitInfo, label?: string): Source;
}

const RAW_BUDGET = 48 * 1024 * 1024;
const PARSED_TREES = 256;
const SLASH = 0x2f;

let gitModule: Promise<Git> | undefined;
const loadGit = () => (gitModule ??= import('isomorphic-git').then((m) => ((m as { default?: Git }).default ?? m) as Git));

/** A reader of one repository's history. Its caches are bounded, so a walk of any length fits in memory. */
export async function openHistory(repo: Repository): Promise<History> {
  const git = await loadGit();
  const fs = objectReadingFs(repo.gitdir);
  const gitdir = repo.gitdir;
  const cache = repo.cache;
  const raw = new Lru<Buffer>(RAW_BUDGET, (b) => b.length + 64);
  const parsed = new Lru<SourceEntry[]>(PARSED_TREES, () => 1);
  const prefix = repo.prefix === '' ? [] : repo.prefix.split('/');

  const object = async (oid: string, type: 'tree' | 'commit' | 'blob'): Promise<Buffer> => {
    let read;
    try {
      read = await git.readObject({ fs, gitdir, oid, cache, format: 'content' });
    } catch (error) {
      throw new SourceError('git.missing-object', `The ${type} ${oid} cannot be read from ${repo.top}: ${(error as Error).message}. The clone may be shallow or damaged; audit a full clone (git fetch --unshallow).`, { oid });
    }
    if (read.type !== type) {
      throw new SourceError('git.wrong-object', `${oid} is a ${read.type}, not a ${type}, in ${repo.top}.`, { oid });
    }
    return Buffer.from(read.object as Uint8Array);
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

  const find = async (treeOid: string, name: string): Promise<SourceEntry | undefined> => {
    const known = parsed.get(treeOid);
    if (known !== undefined) return known.find((e) => e.name === name);
    return findEntry(await rawTree(treeOid), name);
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
    for (const [x, y] of differingEntries(a, b)) {
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

/**
 * The entries that differ between two raw trees, paired by name: [before, after], one of them
 * missing for an addition or a removal. Entries whose bytes are equal (same mode, name and id) are
 * skipped without being decoded, and once the rest of both trees is byte for byte the same the walk
 * stops, so a tree of thousands of entries with one added costs little more than reading it.
 */
export function differingEntries(a: Buffer, b: Buffer): [SourceEntry | undefined, SourceEntry | undefined][] {
  const out: [SourceEntry | undefined, SourceEntry | undefined][] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
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
    if (a.length - i === b.length - j && a.compare(b, j, b.length, i, a.length) === 0) return out;
  }
  for (; i < a.length; ) {
    const { entry, end } = entryAt(a, i);
    out.push([entry, undefined]);
    i = end;
  }
  for (; j < b.length; ) {
    const { entry, end } = entryAt(b, j);
    out.push([undefined, entry]);
    j = end;
  }
  return out;
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

/** A least-recently-used cache with a budget of weighted entries. */
class Lru<T> {
  private readonly map = new Map<string, T>();
  private used = 0;
  constructor(
    private readonly budget: number,
    private readonly weight: (value: T) => number,
  ) {}
  get(key: string): T | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }
  set(key: string, value: T): void {
    if (this.map.has(key)) return;
    this.map.set(key, value);
    this.used += this.weight(value);
    for (const [oldest, old] of this.map) {
      if (this.used <= this.budget) break;
      this.map.delete(oldest);
      this.used -= this.weight(old);
    }
  }
}
