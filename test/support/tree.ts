// Copies of example states in temporary folders, and a fingerprint of a folder's files to prove nothing was written.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';

export interface TempTree {
  dir: string;
  remove(): void;
}

/** A copy of examples/<name> in a new temporary folder. */
export function copyExample(name: string): TempTree {
  const dir = mkdtempSync(join(tmpdir(), `coop-${name}-`));
  cpSync(join(import.meta.dirname, '../../examples', name), dir, { recursive: true });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A new temporary folder holding `files` (paths relative to it). */
export function treeOf(files: Record<string, string>): TempTree {
  const dir = mkdtempSync(join(tmpdir(), 'coop-tree-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** One hash of every file's path and bytes under a folder: equal fingerprints, nothing written. */
export function fingerprint(dir: string): string {
  const hash = createHash('sha256');
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else
        hash
          .update(`${relative(dir, full)}\0`)
          .update(readFileSync(full))
          .update('\0');
    }
  };
  walk(dir);
  return hash.digest('hex');
}
