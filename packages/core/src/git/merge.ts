// The state a pull request would give: the three-way merge of its head into its base, from the commit where they parted.
import type { Source, SourceEntry } from '../common/index.ts';
import { blobId } from './trees.ts';

/** A file the two sides changed in ways that cannot be merged. */
export interface MergeConflict {
  /** Path relative to the project folder. */
  file: string;
  /** `content`: both changed the same lines; `removed`: one side removed what the other changed; `type`: a file on one side, a folder or link on the other. */
  reason: 'content' | 'removed' | 'type';
  /** For `content`: the line of the target's version where the first overlapping change starts. */
  line?: number;
}

export interface MergedSource extends Source {
  /** The conflicts met so far: a path is looked at when it is listed or read. */
  readonly conflicts: readonly MergeConflict[];
}

export interface MergeSources {
  /** Where the two sides parted: the merge base. */
  ancestor: Source;
  /** The target (the base of the pull request). */
  ours: Source;
  /** The pull request's head. */
  theirs: Source;
  /**
   * The git id of a path of `ours`, where its source lists none (a working tree whose ids were computed
   * while it was loaded). Lets a folder the head left alone be recognised without reading it again.
   */
  oursIds?: (path: string) => string | undefined;
  label?: string;
}

type Side = 'ours' | 'theirs';
/** How a path of the merge is made: taken whole from one side, or merged from all three. */
type Resolution = Side | 'merge';

/**
 * The three-way merge of `theirs` into `ours` as a Source. A path one side left as the ancestor had it
 * is taken whole from the other side, folders included, so a folder the head did not touch is the
 * target's own (with its id) and costs nothing more to load. Files both sides changed are merged line
 * by line, as git does; where the changes overlap, the target's version is kept and the path is listed
 * in `conflicts`. Nothing is read outside what is listed or read through it.
 */
export function mergedSource(sides: MergeSources): MergedSource {
  const { ancestor, ours, theirs } = sides;
  const conflicts: MergeConflict[] = [];
  const resolved = new Map<string, Resolution>([['', 'merge']]);
  const listings = new Map<string, Promise<SourceEntry[] | undefined>>();

  const withOursId = (path: string, entry: SourceEntry): SourceEntry => {
    if (entry.oid !== undefined || sides.oursIds === undefined) return entry;
    const oid = sides.oursIds(path);
    return oid === undefined ? entry : { ...entry, oid };
  };
  const conflict = (file: string, reason: MergeConflict['reason'], line?: number) => {
    if (!conflicts.some((c) => c.file === file)) conflicts.push({ file, reason, ...(line !== undefined ? { line } : {}) });
  };
  /** Whether two entries are known to be the same: both absent, or the same type and git id. */
  const same = (x: SourceEntry | undefined, y: SourceEntry | undefined): boolean =>
    x === undefined || y === undefined ? x === y : x.type === y.type && x.oid !== undefined && x.oid === y.oid;
  /** A file's id where its source lists none (a working tree), from its bytes. */
  const withId = async (source: Source, path: string, entry: SourceEntry | undefined): Promise<SourceEntry | undefined> => {
    if (entry === undefined || entry.oid !== undefined || entry.type !== 'file') return entry;
    const read = await source.read(path);
    return read.ok ? { ...entry, oid: blobId(read.bytes) } : entry;
  };

  /** A path under a folder taken whole from one side is that side's; under a merged folder, its own. */
  const resolutionOf = async (path: string): Promise<Resolution | undefined> => {
    const known = resolved.get(path);
    if (known !== undefined) return known;
    const slash = path.lastIndexOf('/');
    const parent = slash === -1 ? '' : path.slice(0, slash);
    const above = await resolutionOf(parent);
    if (above !== 'merge') return above;
    await list(parent);
    return resolved.get(path);
  };

  const mergeFolder = async (path: string): Promise<SourceEntry[] | undefined> => {
    const [a, o, t] = await Promise.all([ancestor.list(path), ours.list(path), theirs.list(path)]);
    if (a === undefined && o === undefined && t === undefined) return undefined;
    const byName = (entries: SourceEntry[] | undefined) => new Map((entries ?? []).map((e) => [e.name, e]));
    const [as, os, ts] = [byName(a), byName(o), byName(t)];
    const names = [...new Set([...as.keys(), ...os.keys(), ...ts.keys()])].sort();
    const out: SourceEntry[] = [];
    for (const name of names) {
      const child = path === '' ? name : `${path}/${name}`;
      let ae = as.get(name);
      let oe = os.get(name);
      if (oe !== undefined) oe = withOursId(child, oe);
      let te = ts.get(name);
      const take = (side: Side, entry: SourceEntry | undefined) => {
        resolved.set(child, side);
        if (entry !== undefined) out.push(entry);
      };
      if (!same(te, ae)) [ae, te] = await Promise.all([withId(ancestor, child, ae), withId(theirs, child, te)]);
      if (same(te, ae)) {
        take('ours', oe);
        continue;
      }
      oe = await withId(ours, child, oe);
      if (same(oe, ae) || same(oe, te)) {
        take('theirs', te);
        continue;
      }
      // Both sides changed it (or ours cannot be told apart from the ancestor without looking inside).
      if (oe === undefined || te === undefined) {
        conflict(child, 'removed');
        take('ours', oe);
      } else if (oe.type === 'dir' && te.type === 'dir' && (ae === undefined || ae.type === 'dir')) {
        resolved.set(child, 'merge');
        out.push({ name, type: 'dir' });
      } else if (oe.type === 'file' && te.type === 'file' && (ae === undefined || ae.type === 'file')) {
        resolved.set(child, 'merge');
        out.push({ name, type: 'file' });
      } else {
        conflict(child, 'type');
        take('ours', oe);
      }
    }
    return out;
  };

  const list = (path: string): Promise<SourceEntry[] | undefined> => {
    let listing = listings.get(path);
    if (listing === undefined) {
      listing = (async () => {
        const how = await resolutionOf(path);
        if (how === undefined) return undefined;
        if (how === 'theirs') return theirs.list(path);
        if (how === 'ours') {
          const entries = await ours.list(path);
          return entries?.map((e) => withOursId(path === '' ? e.name : `${path}/${e.name}`, e));
        }
        return mergeFolder(path);
      })();
      listings.set(path, listing);
    }
    return listing;
  };

  return {
    label: sides.label ?? `${theirs.label} merged into ${ours.label}`,
    conflicts,
    list,
    async read(path) {
      const how = await resolutionOf(path);
      if (how === 'theirs') return theirs.read(path);
      if (how !== 'merge') return ours.read(path);
      const [a, o, t] = await Promise.all([ancestor.read(path), ours.read(path), theirs.read(path)]);
      if (!o.ok || !t.ok) {
        conflict(path, 'type');
        return o;
      }
      const merged = mergeBytes(a.ok ? a.bytes : new Uint8Array(), o.bytes, t.bytes);
      if ('line' in merged) {
        conflict(path, 'content', merged.line);
        return o;
      }
      return { ok: true, bytes: merged.bytes };
    },
  };
}

/** The three-way merge of a file's bytes as UTF-8 text, or the line of ours where it does not merge cleanly. */
function mergeBytes(ancestor: Uint8Array, ours: Uint8Array, theirs: Uint8Array): { bytes: Uint8Array } | { line: number } {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let texts: [string, string, string];
  try {
    texts = [decoder.decode(ancestor), decoder.decode(ours), decoder.decode(theirs)];
  } catch {
    return { line: 1 };
  }
  const merged = mergeLines(...texts);
  return 'text' in merged ? { bytes: new TextEncoder().encode(merged.text) } : merged;
}

/**
 * The three-way merge of text by lines (diff3): a run of lines that one side changed and the other
 * left as the ancestor had it takes the change; runs both changed alike take it once; runs both
 * changed differently, or changes that touch (as git also holds), conflict: undefined.
 */
export function mergeText(ancestor: string, ours: string, theirs: string): string | undefined {
  const merged = mergeLines(ancestor, ours, theirs);
  return 'text' in merged ? merged.text : undefined;
}

/** mergeText, or where it stops: the 1-based line of `ours` at which the first conflicting run starts. */
function mergeLines(ancestor: string, ours: string, theirs: string): { text: string } | { line: number } {
  if (ours === theirs || theirs === ancestor) return { text: ours };
  if (ours === ancestor) return { text: theirs };
  const a = lines(ancestor);
  const o = lines(ours);
  const t = lines(theirs);
  const inOurs = matchLines(a, o);
  const inTheirs = matchLines(a, t);
  const out: string[] = [];
  let i = 0;
  let j = 0;
  let k = 0;
  for (;;) {
    while (i < a.length && inOurs[i] === j && inTheirs[i] === k) {
      out.push(a[i]!);
      i++;
      j++;
      k++;
    }
    if (i === a.length && j === o.length && k === t.length) return { text: out.join('') };
    // The next ancestor line both sides kept ends this unstable run.
    let next = i;
    while (next < a.length && (inOurs[next] === -1 || inTheirs[next] === -1)) next++;
    const [nj, nk] = next < a.length ? [inOurs[next]!, inTheirs[next]!] : [o.length, t.length];
    const base = a.slice(i, next);
    const mine = o.slice(j, nj);
    const yours = t.slice(k, nk);
    if (equalLines(mine, base)) out.push(...yours);
    else if (equalLines(yours, base) || equalLines(mine, yours)) out.push(...mine);
    else return { line: Math.min(j, Math.max(o.length - 1, 0)) + 1 };
    [i, j, k] = [next, nj, nk];
  }
}

/** Lines with their endings, so that a last line without one is kept as it is. */
function lines(text: string): string[] {
  return text === '' ? [] : text.split(/(?<=\n)/);
}

function equalLines(x: readonly string[], y: readonly string[]): boolean {
  return x.length === y.length && x.every((line, i) => line === y[i]);
}

/** Past this many cells the longest common subsequence is not searched: the middle is one change (a conflict, never a wrong merge). */
const MAX_CELLS = 4_000_000;

/**
 * For each line of `a`, the index of the line of `b` it is kept as in a longest common subsequence, or
 * -1. The common start and end are matched first; the rest by dynamic programming.
 */
function matchLines(a: readonly string[], b: readonly string[]): Int32Array {
  const match = new Int32Array(a.length).fill(-1);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) {
    match[start] = start;
    start++;
  }
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
    match[endA] = endB;
  }
  const n = endA - start;
  const m = endB - start;
  if (n === 0 || m === 0 || n * m > MAX_CELLS) return match;
  // lcs[x * (m + 1) + y]: the length of the longest common subsequence of a[start+x..endA) and b[start+y..endB).
  const width = m + 1;
  const lcs = new Uint32Array((n + 1) * width);
  for (let x = n - 1; x >= 0; x--) {
    for (let y = m - 1; y >= 0; y--) {
      lcs[x * width + y] = a[start + x] === b[start + y] ? lcs[(x + 1) * width + y + 1]! + 1 : Math.max(lcs[(x + 1) * width + y]!, lcs[x * width + y + 1]!);
    }
  }
  for (let x = 0, y = 0; x < n && y < m;) {
    if (a[start + x] === b[start + y]) {
      match[start + x] = start + y;
      x++;
      y++;
    } else if (lcs[(x + 1) * width + y]! >= lcs[x * width + y + 1]!) x++;
    else y++;
  }
  return match;
}
