// Floor: the least a working-tree read can cost — list and read every file of governance/, no parsing.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(process.argv[2] ?? '.', 'governance');
let files = 0;
let bytes = 0;
const walk = (dir) => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path);
    else if (entry.isFile()) {
      bytes += readFileSync(path).length;
      files++;
    }
  }
};
walk(root);
process.stdout.write(`${JSON.stringify({ files, bytes })}\n`);
