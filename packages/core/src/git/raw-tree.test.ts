// Raw trees compared, searched and parsed, against a naive reading.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '../../../../test/support/property-runs.ts';
import { compareTrees, differingEntries, entryOffsets, findEntry, parseTree, searchEntry } from './raw-tree.ts';
import type { SourceEntry } from '../common/index.ts';

interface Spec {
  name: string;
  dir: boolean;
  content: string;
}

/** A raw tree object as git writes it: entries sorted by name, a folder's as if it ended in `/`. */
function rawTree(specs: readonly Spec[]): Buffer {
  const parts = specs.map((s) => ({
    key: Buffer.from(s.dir ? `${s.name}/` : s.name),
    bytes: Buffer.concat([Buffer.from(`${s.dir ? '40000' : '100644'} ${s.name}\0`), createHash('sha1').update(s.content).digest()]),
  }));
  parts.sort((a, b) => Buffer.compare(a.key, b.key));
  return Buffer.concat(parts.map((p) => p.bytes));
}

const oidOf = (content: string) => createHash('sha1').update(content).digest('hex');

const side = (dir: boolean, content: string) => `${dir ? 'd' : 'f'}${content.slice(0, 6)}`;

/**
 * What differs, by name, read the slow way, as what left (-) and what came (+). A file and a folder of
 * the same name sort apart in git, so they may be paired or not: both mean the one left, the other came.
 */
function naive(a: readonly Spec[], b: readonly Spec[]): string[] {
  const before = new Map(a.map((s) => [s.name, s]));
  const after = new Map(b.map((s) => [s.name, s]));
  const out: string[] = [];
  for (const name of new Set([...before.keys(), ...after.keys()])) {
    const x = before.get(name);
    const y = after.get(name);
    if (x && y && x.dir === y.dir && x.content === y.content) continue;
    if (x) out.push(`${name}:-${side(x.dir, oidOf(x.content))}`);
    if (y) out.push(`${name}:+${side(y.dir, oidOf(y.content))}`);
  }
  return out.sort();
}

function described(pairs: [SourceEntry | undefined, SourceEntry | undefined][]): string[] {
  return pairs
    .flatMap(([x, y]) => [...(x ? [`${x.name}:-${side(x.type === 'dir', x.oid!)}`] : []), ...(y ? [`${y.name}:+${side(y.type === 'dir', y.oid!)}`] : [])])
    .sort();
}

// Names that exercise git's order: prefixes of each other, `-` and `.` (before `/`), digits, non-ASCII.
const names = fc.constantFrom('a', 'a-b', 'a.b', 'a0', 'ab', 'b', 'b.yaml', '10.yaml', '2.yaml', '100.yaml', 'ana', 'ana.yaml', 'é', 'z');
const spec = fc.record({ name: names, dir: fc.boolean(), content: fc.constantFrom('1', '2', '3') });
const tree = fc.uniqueArray(spec, { selector: (s) => s.name, maxLength: 14 });

describe('raw trees', () => {
  it('compares like a naive reading, whichever way the trees differ, and finds every entry', () => {
    fc.assert(
      fc.property(tree, tree, (a, b) => {
        const x = rawTree(a);
        const y = rawTree(b);
        const plain = described(differingEntries(x, y));
        expect(plain).toEqual(naive(a, b));
        const { pairs, offsetsB } = compareTrees(x, entryOffsets(x), y);
        expect(described(pairs)).toEqual(plain);
        expect([...offsetsB]).toEqual([...entryOffsets(y)]);
        const parsed = parseTree(y);
        for (const name of ['a', 'a-b', 'ab', 'b', 'ana', 'ana.yaml', 'é', 'z', 'missing', 'a/']) {
          const expected = parsed.find((e) => e.name === name);
          expect(findEntry(y, name)).toEqual(expected);
          expect(searchEntry(y, offsetsB, name)).toEqual(expected);
        }
      }),
      propertyRuns(400),
    );
  });

  it('compares a large tree with one entry added, changed or removed', () => {
    const base = Array.from({ length: 3000 }, (_, i) => ({ name: `${i + 1}.yaml`, dir: false, content: `r${i}` }));
    const x = rawTree(base);
    const variants: Spec[][] = [
      [...base, { name: '1500x.yaml', dir: false, content: 'new' }],
      base.map((s) => (s.name === '2999.yaml' ? { ...s, content: 'edited' } : s)),
      base.filter((s) => s.name !== '1.yaml'),
      [...base, { name: '0', dir: true, content: 'folder' }],
    ];
    for (const b of variants) {
      const y = rawTree(b);
      const { pairs, offsetsB } = compareTrees(x, entryOffsets(x), y);
      expect(described(pairs)).toEqual(naive(base, b));
      expect([...offsetsB]).toEqual([...entryOffsets(y)]);
    }
  });
});
