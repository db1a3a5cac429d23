// Floor: isomorphic-git reading every blob of governance/ at HEAD, one at a time, with one shared cache.
import fs from 'node:fs';
import git from 'isomorphic-git';

const dir = process.argv[2] ?? '.';
const ref = process.argv[3] ?? 'HEAD';
const cache = {};
const oid = await git.resolveRef({ fs, dir, ref });
const { commit } = await git.readCommit({ fs, dir, oid, cache });
const root = await git.readTree({ fs, dir, oid: commit.tree, cache });
const governance = root.tree.find((e) => e.path === 'governance' && e.type === 'tree');
if (governance === undefined) throw new Error(`no governance/ tree at ${ref} in ${dir}`);

const blobs = [];
const walk = async (treeOid) => {
  const { tree } = await git.readTree({ fs, dir, oid: treeOid, cache });
  for (const entry of tree) {
    if (entry.type === 'tree') await walk(entry.oid);
    else if (entry.type === 'blob') blobs.push(entry.oid);
  }
};
await walk(governance.oid);

let bytes = 0;
for (const blobOid of blobs) {
  const { blob } = await git.readBlob({ fs, dir, oid: blobOid, cache });
  bytes += blob.length;
}
process.stdout.write(`${JSON.stringify({ files: blobs.length, bytes })}\n`);
