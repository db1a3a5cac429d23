// Reuse of an earlier load: the folders whose git tree id is unchanged are taken from it whole, and the tree ids a working tree's folders would have.
import type { Problem } from '../common/index.ts';
import type { Source } from '../common/index.ts';
import { blobId, treeId } from '../git/index.ts';
import type { LoadedFile, LoadResult, Walked } from './load-state.ts';

export const byPath = (a: [string, unknown], b: [string, unknown]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/** Two lists sorted by path, as one sorted list. */
export function* merge<T>(a: readonly [string, T][], b: readonly [string, T][]): Generator<[string, T]> {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i]![0] < b[j]![0])) yield a[i++]!;
    else yield b[j++]!;
  }
}

/**
 * The files, problems, broken paths and tree ids of the reused state under the folders taken whole
 * from it, files in path order. Problems of files are carried by their ParsedFile; the rest (links,
 * unknown files) are copied.
 */
export function takeReused(
  reuse: LoadResult,
  folders: readonly string[],
  problems: Problem[],
  broken: Set<string>,
  trees: Map<string, string>,
): [string, LoadedFile][] {
  const taken = new Set(folders);
  const inside = (path: string) => {
    for (let i = path.lastIndexOf('/'); i > 0; i = path.lastIndexOf('/', i - 1)) if (taken.has(path.slice(0, i))) return true;
    return false;
  };
  const out: [string, LoadedFile][] = [];
  // reuse.files is in path order: loadState fills it so.
  for (const entry of reuse.files) if (inside(entry[0])) out.push(entry);
  for (const p of reuse.problems) if (!reuse.files.has(p.file) && inside(p.file)) problems.push(p);
  for (const path of reuse.state.broken) if (!reuse.files.has(path) && inside(path)) broken.add(path);
  for (const [path, id] of reuse.trees) if (taken.has(path) || inside(path)) trees.set(path, id);
  return out;
}

/**
 * Gives each folder listed without tree ids (a working tree) the id git would give it, from the blob
 * ids of its files (hashed as they were read; files in place but not state are hashed here). A folder
 * holding anything whose id is unknown gets none, and neither do the folders above it.
 */
export async function computeTrees(
  source: Source,
  walked: Pick<Walked, 'listings' | 'ignored'>,
  loaded: ReadonlyMap<string, LoadedFile>,
  trees: Map<string, string>,
): Promise<void> {
  const folders = [...walked.listings.keys()].filter((dir) => !trees.has(dir));
  if (folders.length === 0) return;
  const extra = new Map<string, string>();
  for (const { path, entry } of walked.ignored) {
    if (entry.oid !== undefined) continue;
    const bytes = await source.read(path);
    if (bytes.ok) extra.set(path, blobId(bytes.bytes));
  }
  // Deepest first, so a folder's subfolders have their ids when it is reached.
  folders.sort((a, b) => b.split('/').length - a.split('/').length);
  for (const dir of folders) {
    const entries = walked.listings.get(dir)!.map((entry) => {
      const path = `${dir}/${entry.name}`;
      return {
        name: entry.name,
        type: entry.type,
        oid: entry.oid ?? (entry.type === 'dir' ? trees.get(path) : (loaded.get(path)?.parsed.oid ?? extra.get(path))),
      };
    });
    const id = treeId(entries);
    if (id !== undefined) trees.set(dir, id);
  }
}
