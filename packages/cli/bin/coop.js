#!/usr/bin/env node
// The coop command. Runs the bundle that `npm ci` (or `npm run build`) builds.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/coop.js', import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write('coop is not built yet: run `npm ci` or `npm run build` in the Cooperage folder.\n');
  process.exit(2);
}
await import(bundle.href);
