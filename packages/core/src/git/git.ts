// Reads governance state from git's object store with isomorphic-git: any commit, no checkout.
import * as fs from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { SourceError } from '../common/index.ts';
import { objectReadingFs } from './git-fs.ts';
import { objectReader, type ObjectReader } from './objects.ts';
import { MAX_FILE_BYTES, type Source, type SourceEntry } from '../common/index.ts';

/** A git repository and where in it the governed project's folder sits. */
export interface Repository {
  /** The repository's top folder (the one holding .git). */
  top: string;
  gitdir: string;
  /** The project folder relative to `top`, `/`-separated; '' when it is the top. */
  prefix: string;
  /** One cache for every isomorphic-git call of an operation (see isomorphic-git's cache docs). */
  cache: object;
  /** The file system isomorphic-git reads the object store through (see objectReadingFs). */
  fs: ReturnType<typeof objectReadingFs>;
  /**
   * Trees already listed, by tree id. A tree is the same wherever and in whichever commit it appears,
   * so a second commit read through the same repository lists only the folders that differ.
   */
  trees: Map<string, Promise<SourceEntry[]>>;
}

/** Finds the git repository that holds `dir` (which may be a folder inside it). */
export function openRepository(dir: string): Repository {
  const start = resolve(dir);
  for (let current = start; ; current = dirname(current)) {
    const dotGit = join(current, '.git');
    let gitdir: string | undefined;
    try {
      const stat = fs.statSync(dotGit);
      if (stat.isDirectory()) gitdir = dotGit;
      else if (stat.isFile()) {
        // A worktree or submodule: .git is a file naming the real git folder.
        const match = /^gitdir: (.+)$/m.exec(fs.readFileSync(dotGit, 'utf8'));
        if (match) gitdir = resolve(current, match[1]!.trim());
      }
    } catch {
      // not here; look further up
    }
    if (gitdir !== undefined) {
      return { top: current, gitdir, prefix: relative(current, start).split(sep).join('/'), cache: {}, trees: new Map(), fs: objectReadingFs(gitdir) };
    }
    if (dirname(current) === current) break;
  }
  throw new SourceError('git.not-a-repository', `${dir} is not inside a git repository, so no commit can be read from it.`, { dir });
}

/**
 * Resolves a revision to a commit id: a full or abbreviated id, a branch, tag or remote branch,
 * HEAD, each optionally followed by ~N and ^N steps (HEAD~2, main^2).
 */
export async function resolveCommit(repo: Repository, revision: string): Promise<string> {
  const reader = await objectReader(repo);
  const git = reader.git;
  const match = /^(.*?)((?:[~^][0-9]*)*)$/.exec(revision);
  const name = match?.[1] ?? revision;
  const steps = match?.[2] ?? '';
  const unknown = () =>
    new SourceError('git.unknown-ref', `"${revision}" is not a commit in ${repo.top}. Name a branch, a tag or a commit id (git log --oneline lists them).`, {
      ref: revision,
      top: repo.top,
    });
  if (name === '') throw unknown();
  let oid: string | undefined;
  try {
    oid = await git.resolveRef({ fs: reader.store.fs, gitdir: reader.store.gitdir, ref: name });
  } catch {
    if (/^[0-9a-f]{4,40}$/.test(name)) {
      try {
        oid = await git.expandOid({ ...reader.store, oid: name });
      } catch {
        throw unknown();
      }
    } else {
      throw unknown();
    }
  }
  oid = await peelToCommit(reader, oid, unknown);
  for (const step of steps.match(/[~^][0-9]*/g) ?? []) {
    const count = step.length > 1 ? Number(step.slice(1)) : 1;
    if (step[0] === '~') {
      for (let i = 0; i < count; i++) oid = await parentOf(reader, oid, 0, unknown);
    } else if (count > 0) {
      oid = await parentOf(reader, oid, count - 1, unknown);
    }
  }
  return oid;
}

async function peelToCommit({ git, store }: ObjectReader, oid: string, unknown: () => Error): Promise<string> {
  for (let i = 0; i < 10; i++) {
    let object;
    try {
      object = await git.readObject({ ...store, oid });
    } catch {
      throw unknown();
    }
    if (object.type === 'commit') return oid;
    if (object.type !== 'tag') throw unknown();
    const tag = await git.readTag({ ...store, oid });
    oid = tag.tag.object;
  }
  throw unknown();
}

async function parentOf(reader: ObjectReader, oid: string, index: number, unknown: () => Error): Promise<string> {
  const { commit } = await reader.readCommit(oid);
  const parent = commit.parent[index];
  if (parent === undefined) throw unknown();
  return parent;
}

/** The tree of a commit, seen from the project's folder, as a Source. */
export async function gitSource(repo: Repository, commit: string, label = `commit ${commit.slice(0, 7)}`): Promise<Source> {
  const reader = await objectReader(repo);
  const { commit: c } = await reader.readCommit(commit);
  const trees = new Map<string, Promise<SourceEntry[] | undefined>>();
  const blobs = new Map<string, SourceEntry>();

  const listTree = (path: string): Promise<SourceEntry[] | undefined> => {
    let entries = trees.get(path);
    if (entries === undefined) {
      entries = (async () => {
        let oid: string | undefined;
        if (path === '') oid = c.tree;
        else {
          const slash = path.lastIndexOf('/');
          const parent = await listTree(slash === -1 ? '' : path.slice(0, slash));
          const entry = parent?.find((e) => e.name === path.slice(slash + 1));
          oid = entry?.type === 'dir' ? entry.oid : undefined;
        }
        if (oid === undefined) return undefined;
        const listed = await readTree(reader, repo, oid);
        for (const entry of listed) {
          if (entry.type === 'file') blobs.set(path === '' ? entry.name : `${path}/${entry.name}`, entry);
        }
        return listed;
      })();
      trees.set(path, entries);
    }
    return entries;
  };

  const full = (path: string) => (repo.prefix === '' ? path : path === '' ? repo.prefix : `${repo.prefix}/${path}`);
  return {
    label,
    list: (path) => listTree(full(path)),
    async read(path) {
      const at = full(path);
      let entry = blobs.get(at);
      if (entry === undefined) {
        const slash = at.lastIndexOf('/');
        const parent = await listTree(slash === -1 ? '' : at.slice(0, slash));
        const found = parent?.find((e) => e.name === at.slice(slash + 1));
        if (found?.type === 'symlink') return { ok: false, reason: 'symlink' };
        if (found?.type !== 'file') return { ok: false, reason: 'not-a-file' };
        entry = found;
      }
      const { blob } = await reader.readBlob(entry.oid!);
      if (blob.length > MAX_FILE_BYTES) return { ok: false, reason: 'too-large', size: blob.length };
      return { ok: true, bytes: blob };
    },
  };
}

/** The entries of a tree object, read once per repository (see `Repository.trees`). */
function readTree(reader: ObjectReader, repo: Repository, oid: string): Promise<SourceEntry[]> {
  let listed = repo.trees.get(oid);
  if (listed === undefined) {
    listed = reader.readTree(oid).then(({ tree }) =>
      tree.map((t): SourceEntry => ({
        name: t.path,
        oid: t.oid,
        type: t.mode === '040000' ? 'dir' : t.mode === '120000' ? 'symlink' : t.type === 'blob' ? 'file' : 'other',
      })),
    );
    repo.trees.set(oid, listed);
  }
  return listed;
}

/**
 * The best common ancestor of two commits, as `git merge-base` finds it: both histories are walked
 * newest first from the two commits, and the walk stops as soon as every commit left to visit is
 * below a common one, so its cost follows the commits since they parted, not the whole history.
 * Undefined when they share no history; a SourceError (git.shallow) when the clone's history stops
 * before they meet. Of several best ancestors (criss-cross merges), the first found.
 */
export async function mergeBase(repo: Repository, a: string, b: string): Promise<string | undefined> {
  if (a === b) return a;
  const reader = await objectReader(repo);
  const ONE = 1;
  const TWO = 2;
  const STALE = 4;
  const flags = new Map<string, number>();
  const times = new Map<string, number>();
  const queue: string[] = [];
  const queued = new Set<string>();
  let shallow = false;
  const read = async (oid: string): Promise<string[]> => {
    try {
      const { commit } = await reader.readCommit(oid);
      times.set(oid, commit.committer.timestamp);
      return commit.parent;
    } catch {
      // The edge of a shallow clone: history below it is not there to walk.
      times.set(oid, 0);
      shallow = true;
      return [];
    }
  };
  const parents = new Map<string, string[]>();
  const enqueue = async (oid: string, flag: number) => {
    flags.set(oid, (flags.get(oid) ?? 0) | flag);
    if (!parents.has(oid)) parents.set(oid, await read(oid));
    if (!queued.has(oid)) {
      queued.add(oid);
      queue.push(oid);
    }
  };
  await enqueue(a, ONE);
  await enqueue(b, TWO);
  const found: string[] = [];
  while (queue.some((oid) => (flags.get(oid)! & STALE) === 0)) {
    // Newest first: a commit is visited after every commit above it that could reach it.
    let at = 0;
    for (let i = 1; i < queue.length; i++) if (times.get(queue[i]!)! > times.get(queue[at]!)!) at = i;
    const oid = queue.splice(at, 1)[0]!;
    queued.delete(oid);
    let flag = flags.get(oid)! & (ONE | TWO | STALE);
    if ((flag & (ONE | TWO)) === (ONE | TWO) && (flag & STALE) === 0) {
      found.push(oid);
      flag |= STALE;
      flags.set(oid, flags.get(oid)! | STALE);
    }
    for (const parent of parents.get(oid)!) {
      if (((flags.get(parent) ?? 0) & flag) === flag) continue;
      await enqueue(parent, flag);
    }
  }
  if (found.length === 0 && shallow) {
    throw new SourceError(
      'git.shallow',
      `The history of this clone stops before ${a.slice(0, 7)} and ${b.slice(0, 7)} meet, so where the one left the other cannot be found. Fetch more history (git fetch --deepen=50, or --unshallow), or judge a head that holds the base, such as a forge's test merge.`,
      { a, b },
    );
  }
  if (found.length < 2) return found[0];
  // Commits made in the same second can be visited out of order: drop a found commit that another one
  // descends from. The walk stops below the oldest of them (less a day for clocks that disagree).
  const floor = Math.min(...found.map((oid) => times.get(oid)!)) - 86_400;
  const reaches = async (from: string, target: string): Promise<boolean> => {
    const seen = new Set<string>();
    const stack = [from];
    while (stack.length > 0) {
      const oid = stack.pop()!;
      if (seen.has(oid)) continue;
      seen.add(oid);
      if (!parents.has(oid)) parents.set(oid, await read(oid));
      for (const parent of parents.get(oid)!) {
        if (parent === target) return true;
        if (!times.has(parent)) parents.set(parent, await read(parent));
        if (times.get(parent)! >= floor) stack.push(parent);
      }
    }
    return false;
  };
  const best: string[] = [];
  for (const oid of found) {
    let redundant = false;
    for (const other of found) if (other !== oid && (await reaches(other, oid))) redundant = true;
    if (!redundant) best.push(oid);
  }
  return best[0];
}
