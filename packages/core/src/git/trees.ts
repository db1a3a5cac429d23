// The ids git gives blobs and trees, computed for files and folders read from a working tree, so they can be compared with a commit's trees.
import { createHash } from 'node:crypto';
import type { EntryType } from '../common/index.ts';

export interface TreeEntry {
  name: string;
  type: EntryType;
  oid?: string;
}

/**
 * The id git would give a tree of these entries, or undefined when one of them has no known id or is
 * not a plain file or folder (a link, a socket). Files count as mode 100644: a file git records as
 * executable then gives another id, which only means the folder is not recognised as unchanged.
 */
export function treeId(entries: readonly TreeEntry[]): string | undefined {
  const parts: { key: string; header: string; oid: string }[] = [];
  let ascii = true;
  let length = 0;
  for (const entry of entries) {
    if (entry.oid === undefined || (entry.type !== 'file' && entry.type !== 'dir')) return undefined;
    const header = `${entry.type === 'dir' ? '40000' : '100644'} ${entry.name}\0`;
    // Git orders a folder as if its name ended in a slash.
    parts.push({ key: entry.type === 'dir' ? `${entry.name}/` : entry.name, header, oid: entry.oid });
    // eslint-disable-next-line no-control-regex -- the range is every ASCII character, control characters included
    const plain = /^[\x00-\x7f]*$/.test(entry.name);
    ascii &&= plain;
    length += (plain ? header.length : Buffer.byteLength(header)) + 20;
  }
  // Git compares names as bytes; for ASCII names JavaScript's order of strings is the same.
  if (ascii) parts.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  else parts.sort((a, b) => Buffer.compare(Buffer.from(a.key), Buffer.from(b.key)));
  const prefix = `tree ${length}\0`;
  const body = Buffer.allocUnsafe(prefix.length + length);
  let at = body.write(prefix, 0, 'latin1');
  for (const p of parts) {
    at += body.write(p.header, at, 'utf8');
    at += body.write(p.oid, at, 'hex');
  }
  return createHash('sha1').update(body).digest('hex');
}

/** The id git gives a blob of these bytes. */
export function blobId(bytes: Uint8Array): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}
