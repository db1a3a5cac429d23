// The other files a constitution governs by glob (`paths:` in its policy), and which of them a pull request changes.
import type { Change } from './diff.ts';
import type { Constitution } from '../generated/types.ts';
import type { Source, SourceEntry } from '../common/index.ts';
import { blobId } from '../git/index.ts';
import { GOVERNANCE } from '../common/index.ts';

/**
 * A glob as a regular expression over `/`-separated paths relative to the repository folder:
 * `*` and `?` stay within one segment, `**` spans any number of segments (none included). Nothing
 * else is special, and a dot needs no special care: `.github/**` matches `.github/workflows/ci.yml`.
 * (A glob that names a folder also governs what is in it: see `diffPaths`.)
 */
export function globToRegExp(glob: string): RegExp {
  const segments = globToSegments(glob);
  let source = '';
  segments.forEach((segment, i) => {
    const last = i === segments.length - 1;
    if (segment === '**') {
      source += last ? '.*' : '(?:[^/]+/)*';
      return;
    }
    source += segmentSource(segment);
    if (!last) source += '/';
  });
  return new RegExp(`^${source}$`);
}

/** Whether a file is governed by any of the globs: one matches it or a folder above it. */
export function governedBy(path: string, globs: readonly (string | RegExp)[]): boolean {
  const patterns = globs.map((g) => (typeof g === 'string' ? globToRegExp(g) : g));
  return ancestry(path).some((p) => patterns.some((re) => re.test(p)));
}

/** Every glob under the policy's `paths:` entries. */
export function governedGlobs(constitution: Constitution): string[] {
  return [...new Set(constitution.policy.flatMap((entry) => entry.paths ?? []))];
}

/**
 * Whether `glob` may govern anything below folder `dir`: the folder's segments fit the glob's leading
 * segments (up to a `**`), or the glob names the folder or one above it.
 */
function mayContain(dir: string, glob: string): boolean {
  const parts = dir.split('/');
  const globParts = globToSegments(glob);
  for (let i = 0; i < parts.length; i++) {
    const g = globParts[i];
    if (g === undefined || g === '**') return true;
    if (!segmentRegExp(g).test(parts[i]!)) return false;
  }
  return true;
}

function globToSegments(glob: string): string[] {
  return glob.replace(/^\.\//, '').replace(/^\/+/, '').replace(/\/+$/, '').split('/');
}

/** One segment of a glob as a regular expression source: `*` any run of characters but `/`, `?` one. */
function segmentSource(segment: string): string {
  return segment
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*+/g, '[^/]*')
    .replace(/\?/g, '[^/]');
}

function segmentRegExp(segment: string): RegExp {
  return new RegExp(`^${segmentSource(segment)}$`);
}

interface Seen {
  type: SourceEntry['type'];
  oid?: string;
}

/**
 * The `path.change`s from `base` to `head` among files matching `globs` outside governance/. Folders
 * that no glob reaches are never listed, and folders or files with the same git id on both sides are
 * not descended into or read. A file whose id is not known (in a working tree) is read and hashed.
 * A symbolic link counts as changed unless both sides know it by the same id.
 */
export async function diffPaths(base: Source, head: Source, globs: readonly string[]): Promise<Change[]> {
  if (globs.length === 0) return [];
  const patterns = globs.map(globToRegExp);
  const changes: Change[] = [];
  const matches = (path: string) => governedBy(path, patterns);
  const reaches = (dir: string) => globs.some((glob) => mayContain(dir, glob));

  const idOf = async (source: Source, path: string, seen: Seen): Promise<string | undefined> => {
    if (seen.oid !== undefined || seen.type !== 'file') return seen.oid;
    const read = await source.read(path);
    return read.ok ? blobId(read.bytes) : undefined;
  };

  const visit = async (dir: string): Promise<void> => {
    const [before, after] = await Promise.all([listing(base, dir), listing(head, dir)]);
    const names = [...new Set([...before.keys(), ...after.keys()])].sort();
    for (const name of names) {
      const path = dir === '' ? name : `${dir}/${name}`;
      if (path === GOVERNANCE || path === '.git') continue;
      const b = before.get(name);
      const a = after.get(name);
      if (b?.type === 'dir' || a?.type === 'dir') {
        const same = b?.type === 'dir' && a?.type === 'dir' && b.oid !== undefined && b.oid === a.oid;
        if (!same && reaches(path)) await visit(path);
        // A folder replaced by a file (or the other way) still leaves the file side to compare.
        if (b?.type === 'dir' && a?.type === 'dir') continue;
      }
      const bFile = b !== undefined && b.type !== 'dir' ? b : undefined;
      const aFile = a !== undefined && a.type !== 'dir' ? a : undefined;
      if ((bFile === undefined && aFile === undefined) || !matches(path)) continue;
      let status: Change['status'] | undefined;
      if (bFile === undefined) status = 'added';
      else if (aFile === undefined) status = 'removed';
      else if (bFile.type !== aFile.type) status = 'modified';
      else {
        const [bid, aid] =
          bFile.oid !== undefined && aFile.oid !== undefined ? [bFile.oid, aFile.oid] : await Promise.all([idOf(base, path, bFile), idOf(head, path, aFile)]);
        if (bid === undefined || aid === undefined || bid !== aid) status = 'modified';
      }
      if (status !== undefined) changes.push({ kind: 'path.change', file: path, line: 1, column: 1, status });
    }
  };
  await visit('');
  return changes;
}

/** A path and the folders above it: a/b/c, a/b, a. */
function ancestry(path: string): string[] {
  const out = [path];
  for (let i = path.lastIndexOf('/'); i > 0; i = path.lastIndexOf('/', i - 1)) out.push(path.slice(0, i));
  return out;
}

async function listing(source: Source, dir: string): Promise<Map<string, Seen>> {
  const entries = (await source.list(dir)) ?? [];
  return new Map(entries.map((e) => [e.name, { type: e.type, ...(e.oid !== undefined ? { oid: e.oid } : {}) }]));
}
