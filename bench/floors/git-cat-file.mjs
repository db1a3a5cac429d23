// Floor: native git reading every blob of governance/ at HEAD through one `git cat-file --batch`.
import { execFileSync, spawn } from 'node:child_process';

const dir = process.argv[2] ?? '.';
const ref = process.argv[3] ?? 'HEAD';
const listing = execFileSync('git', ['ls-tree', '-r', ref, 'governance'], { cwd: dir, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
// Each line: "<mode> blob <oid>\t<path>".
const oids = [];
for (const line of listing.split('\n')) {
  const [mode, type, oid] = line.split('\t', 1)[0].split(' ');
  if (type === 'blob' && mode !== undefined && oid !== undefined) oids.push(oid);
}

const child = spawn('git', ['cat-file', '--batch', '--buffer'], { cwd: dir, stdio: ['pipe', 'pipe', 'inherit'] });
child.stdin.end(`${oids.join('\n')}\n`);
const chunks = [];
for await (const chunk of child.stdout) chunks.push(chunk);
const out = Buffer.concat(chunks);

// Walk the "<oid> <type> <size>\n<content>\n" records to count what was read.
let files = 0;
let bytes = 0;
for (let at = 0; at < out.length;) {
  const eol = out.indexOf(10, at);
  const size = Number(out.toString('latin1', at, eol).split(' ')[2]);
  if (!Number.isInteger(size)) throw new Error(`unexpected cat-file output: ${out.toString('utf8', at, eol)}`);
  bytes += size;
  files++;
  at = eol + 1 + size + 1;
}
const code = await new Promise((resolve) => child.on('close', resolve));
if (code !== 0 || files !== oids.length) throw new Error(`git cat-file read ${files} of ${oids.length} blobs (exit ${code})`);
process.stdout.write(`${JSON.stringify({ files, bytes })}\n`);
