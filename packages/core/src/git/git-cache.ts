// Gives isomorphic-git's pack reader a bounded cache of delta bases, so a chain of deltas is inflated once rather than at every read.
import { Lru } from './lru.ts';

/** What isomorphic-git's pack index returns for an object at an offset of its pack. */
interface Slice {
  type: string;
  format: string;
  object: Uint8Array;
}

interface PackIndex {
  offsets: Map<string, number>;
  readSlice(options: { start: number }): Promise<Slice>;
}

const patched = new WeakSet<object>();

/**
 * isomorphic-git reads a deltified object by reading its base, and the base's base, down the whole
 * chain (up to 50 deep in a packed clone), inflating each with a JavaScript zlib; its own cache of
 * bases never fills for packs read from an .idx file (1.44). Reading the trees of thousands of
 * commits, where each tree is a delta on the last version, then costs a chain per read. This wraps
 * the `readSlice` of every pack index held in `cache` with a least-recently-used cache of inflated
 * objects by offset, `budget` bytes in all. Objects in a pack never change, so nothing is stale.
 *
 * It reaches into isomorphic-git's cache object; where that does not look as expected it does
 * nothing, and reads stay correct, only slower. Returns a function to call after each read: pack
 * indexes are loaded as reads first need them, and it wraps each new one (cheaply, when there is none).
 */
export function cacheDeltaBases(cache: object, budget = 64 * 1024 * 1024): () => void {
  let seen = -1;
  return () => {
    const indexes = packIndexes(cache);
    if (indexes === undefined || indexes.size === seen) return;
    seen = indexes.size;
    for (const value of indexes.values()) {
      if (value instanceof Promise)
        void value.then(
          (index: unknown) => wrap(index, budget),
          () => {},
        );
      else wrap(value, budget);
    }
  };
}

/** The map of pack indexes isomorphic-git keeps in its cache object (under a symbol of its own). */
function packIndexes(cache: object): Map<unknown, unknown> | undefined {
  for (const symbol of Object.getOwnPropertySymbols(cache)) {
    const held = (cache as Record<symbol, unknown>)[symbol];
    if (held instanceof Map) return held;
  }
  return undefined;
}

function wrap(index: unknown, budget: number): void {
  if (!isPackIndex(index) || patched.has(index)) return;
  patched.add(index);
  const read = index.readSlice.bind(index);
  // Slices larger than an eighth of the budget are not kept: one would push out many smaller bases.
  const objects = new Lru<number, { type: string; object: Uint8Array }>(budget);
  // readSlice calls this.readSlice for a delta's base, so the wrapper sees every link of a chain.
  index.readSlice = async ({ start }) => {
    const hit = objects.get(start);
    if (hit !== undefined) return { type: hit.type, format: 'content', object: hit.object };
    const slice = await read({ start });
    if (slice.object.length <= budget / 8) objects.set(start, { type: slice.type, object: slice.object }, slice.object.length);
    return slice;
  };
}

function isPackIndex(value: unknown): value is PackIndex {
  return typeof value === 'object' && value !== null && typeof (value as PackIndex).readSlice === 'function' && (value as PackIndex).offsets instanceof Map;
}
