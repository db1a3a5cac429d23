// Floor: read every file of governance/ and parse it with js-yaml's CORE_SCHEMA — the cheapest full load.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import jsYaml from 'js-yaml';

const root = join(process.argv[2] ?? '.', 'governance');
let files = 0;
let bytes = 0;
let keys = 0;
const walk = (dir) => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path);
    else if (entry.isFile()) {
      const text = readFileSync(path, 'utf8');
      const value = jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA, filename: path });
      // Touch the result so the parse cannot be skipped.
      if (value !== null && typeof value === 'object') keys += Object.keys(value).length;
      bytes += text.length;
      files++;
    }
  }
};
walk(root);
process.stdout.write(`${JSON.stringify({ files, bytes, keys })}\n`);
