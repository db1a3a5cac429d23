// Where the bytes of a governance state come from: a working tree, a git ref, or memory.
import { closeSync, fstatSync, lstatSync, openSync, readdirSync, readSync, constants } from 'node:fs';
import { join } from 'node:path';
import { SourceError } from './diagnostics.ts';

/**
 * Files larger than this are not read. No governance file needs to be: a decision record with a
 * thousand votes, each with its link, is about half of it. The limit bounds the time a file takes to
 * judge: js-yaml reads the densest YAML at about a microsecond a byte (MAX_REFERENCE_LENGTH in
 * parse.ts bounds what the slower reference reads).
 */
export const MAX_FILE_BYTES = 256 * 1024;

export type EntryType = 'file' | 'dir' | 'symlink' | 'other';

export interface SourceEntry {
  name: string;
  type: EntryType;
  /** The git object id, where the source knows it without reading the content. */
  oid?: string;
}

export type FileRead = { ok: true; bytes: Uint8Array } | { ok: false; reason: 'too-large'; size: number } | { ok: false; reason: 'symlink' | 'not-a-file' };

/**
 * A read-only view of a repository folder. Paths are relative to that folder and use `/`.
 * Nothing is ever followed through a symbolic link: links are reported as such.
 */
export interface Source {
  /** Names the source to a person: "the working tree at ./x" or "main (1a2b3c4)". */
  readonly label: string;
  /** The entries of a folder, sorted by name; undefined when there is no folder at that path. */
  list(path: string): Promise<SourceEntry[] | undefined>;
  /** A file's bytes, or why they were not read. */
  read(path: string): Promise<FileRead>;
}

const byName = (a: SourceEntry, b: SourceEntry) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** The working tree of a folder, read from the file system. */
export function workingTreeSource(root: string, label = `the working tree at ${root}`): Source {
  let rootStat;
  try {
    rootStat = lstatSync(root);
  } catch {
    throw new SourceError('source.missing', `There is no folder ${root}.`, { root });
  }
  if (!rootStat.isDirectory()) {
    throw new SourceError('source.not-a-folder', `${root} is not a folder.`, { root });
  }
  return {
    label,
    // eslint-disable-next-line @typescript-eslint/require-await -- a Source answers with promises; async makes a throw a rejection
    async list(path) {
      let dirents;
      try {
        dirents = readdirSync(join(root, path), { withFileTypes: true });
      } catch (error) {
        if (isCode(error, 'ENOENT') || isCode(error, 'ENOTDIR')) return undefined;
        throw error;
      }
      return dirents
        .map((d): SourceEntry => ({
          name: d.name,
          type: d.isSymbolicLink() ? 'symlink' : d.isDirectory() ? 'dir' : d.isFile() ? 'file' : 'other',
        }))
        .sort(byName);
    },
    // eslint-disable-next-line @typescript-eslint/require-await -- a Source answers with promises; async makes a throw a rejection
    async read(path) {
      let fd: number;
      try {
        // O_NOFOLLOW: a link swapped in after listing is refused, never followed.
        fd = openSync(join(root, path), constants.O_RDONLY | constants.O_NOFOLLOW);
      } catch (error) {
        if (isCode(error, 'ELOOP')) return { ok: false, reason: 'symlink' };
        if (isCode(error, 'EISDIR')) return { ok: false, reason: 'not-a-file' };
        throw error;
      }
      try {
        const stat = fstatSync(fd);
        if (!stat.isFile()) return { ok: false, reason: 'not-a-file' };
        if (stat.size > MAX_FILE_BYTES) return { ok: false, reason: 'too-large', size: stat.size };
        const bytes = Buffer.allocUnsafe(stat.size);
        let read = 0;
        while (read < stat.size) {
          const n = readSync(fd, bytes, read, stat.size - read, read);
          if (n === 0) break;
          read += n;
        }
        return { ok: true, bytes: bytes.subarray(0, read) };
      } finally {
        closeSync(fd);
      }
    },
  };
}

/** A state held in memory, for tests and for tools that build one. Keys are paths, values contents. */
export function memorySource(files: Readonly<Record<string, string | Uint8Array>>, label = 'memory'): Source {
  const encoder = new TextEncoder();
  return {
    label,
    // eslint-disable-next-line @typescript-eslint/require-await -- a Source answers with promises; async makes a throw a rejection
    async list(path) {
      const prefix = path === '' ? '' : `${path}/`;
      const entries = new Map<string, SourceEntry>();
      for (const file of Object.keys(files)) {
        if (!file.startsWith(prefix)) continue;
        const rest = file.slice(prefix.length);
        const slash = rest.indexOf('/');
        const name = slash === -1 ? rest : rest.slice(0, slash);
        entries.set(name, { name, type: slash === -1 ? 'file' : 'dir' });
      }
      return entries.size === 0 && path !== '' ? undefined : [...entries.values()].sort(byName);
    },
    // eslint-disable-next-line @typescript-eslint/require-await -- a Source answers with promises; async makes a throw a rejection
    async read(path) {
      const content = files[path];
      if (content === undefined) return { ok: false, reason: 'not-a-file' };
      const bytes = typeof content === 'string' ? encoder.encode(content) : content;
      if (bytes.length > MAX_FILE_BYTES) return { ok: false, reason: 'too-large', size: bytes.length };
      return { ok: true, bytes };
    },
  };
}

export function isCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}
