// Reads a repository's history: its commits, the entry at a path, the files two trees differ by, a commit as a Source.
import type { Repository } from './git.ts';
import { Lru } from './lru.ts';
import { objectReader } from './objects.ts';
import { MAX_FILE_BYTES, type Source, type SourceEntry } from '../common/index.ts';
import { compareTrees, entryOffsets, findEntry, parseTree, searchEntry } from './raw-tree.ts';

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
  blob: (oid: string) => Promise<Uint8Array>;
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

/** A reader of one repository's history. Its caches are bounded, so a walk of any length fits in memory. */
export async function openHistory(repo: Repository): Promise<History> {
  const reader = await objectReader(repo);
  const object = reader.object;
  const raw = new Lru<string, Buffer>(RAW_BUDGET);
  const parsed = new Lru<string, SourceEntry[]>(PARSED_TREES);
  // Where the entries of recent trees start: the next version of a folder is compared from them.
  const offsets = new Lru<string, Int32Array>(RAW_BUDGET / 2);
  const prefix = repo.prefix === '' ? [] : repo.prefix.split('/');

  const rawTree = async (oid: string): Promise<Buffer> => {
    let buffer = raw.get(oid);
    if (buffer === undefined) {
      buffer = await object(oid, 'tree');
      raw.set(oid, buffer, buffer.length + 64);
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
      offsets.set(oid, found, found.byteLength + 64);
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
    offsets.set(after, offsetsB, offsetsB.byteLength + 64);
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
