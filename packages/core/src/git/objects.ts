// The one object reader of a repository: gitSource, the revisions, the merge base and the history all read through it.
import { SourceError } from '../common/index.ts';
import type { Repository } from './git.ts';
import { cacheDeltaBases } from './git-cache.ts';
import { loadGit, type Git } from './isomorphic.ts';

/** Where isomorphic-git reads one repository: its file system, its git folder and its one cache. */
export interface ObjectStore {
  fs: Repository['fs'];
  gitdir: string;
  cache: object;
}

/**
 * Reads a repository's objects with isomorphic-git, through the Repository's file system and cache
 * (so every reader of one Repository shares what isomorphic-git has read and indexed), and gives the
 * pack indexes it loads a cache of delta bases (see cacheDeltaBases).
 */
export interface ObjectReader {
  readonly git: Git;
  readonly store: ObjectStore;
  /**
   * The content of an object that must be of `type`, as isomorphic-git holds it (shared with its
   * caches: read, never written to). A SourceError when it is missing (git.missing-object) or of
   * another type (git.wrong-object).
   */
  object: (oid: string, type: 'tree' | 'commit' | 'blob') => Promise<Buffer>;
  /** isomorphic-git's readCommit, readTree and readBlob on this repository. */
  readCommit(oid: string): ReturnType<Git['readCommit']>;
  readTree(oid: string): ReturnType<Git['readTree']>;
  readBlob(oid: string): ReturnType<Git['readBlob']>;
}

/** The delta-base budget of a repository: the history reads the trees of thousands of commits through it. */
const DELTA_BASES = 32 * 1024 * 1024;

const readers = new WeakMap<Repository, Promise<ObjectReader>>();

/** The object reader of a repository: one per Repository, made the first time it is asked for. */
export function objectReader(repo: Repository): Promise<ObjectReader> {
  let reader = readers.get(repo);
  if (reader === undefined) {
    reader = loadGit().then((git) => makeReader(git, repo));
    readers.set(repo, reader);
  }
  return reader;
}

function makeReader(git: Git, repo: Repository): ObjectReader {
  const { fs, gitdir, cache } = repo;
  const store: ObjectStore = { fs, gitdir, cache };
  const cacheBases = cacheDeltaBases(cache, DELTA_BASES);
  return {
    git,
    store,
    object: async (oid, type) => {
      let read;
      try {
        read = await git.readObject({ fs, gitdir, oid, cache, format: 'content' });
      } catch (error) {
        const reason = (error as Error).message;
        throw new SourceError(
          'git.missing-object',
          `The ${type} ${oid} cannot be read from ${repo.top}: ${reason}. The clone may be shallow or damaged; audit a full clone (git fetch --unshallow).`,
          { oid, type, top: repo.top, reason },
        );
      }
      cacheBases();
      if (read.type !== type) {
        throw new SourceError('git.wrong-object', `${oid} is a ${read.type}, not a ${type}, in ${repo.top}.`, {
          oid,
          type: read.type,
          expected: type,
          top: repo.top,
        });
      }
      const bytes = read.object as Uint8Array;
      return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    },
    readCommit: (oid) => git.readCommit({ fs, gitdir, oid, cache }).finally(cacheBases),
    readTree: (oid) => git.readTree({ fs, gitdir, oid, cache }).finally(cacheBases),
    readBlob: (oid) => git.readBlob({ fs, gitdir, oid, cache }).finally(cacheBases),
  };
}
