#!/usr/bin/env node
// The coop command. Runs the bundle that `npm ci` (or `npm run build`) builds.
import { existsSync } from 'node:fs';
import module from 'node:module';

const bundle = new URL('../dist/coop.js', import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write('coop is not built yet: run `npm ci` or `npm run build` in the Cooperage folder.\n');
  process.exit(2);
}
// COOP_DEBUG=1 shows the stack of an internal error: in the lines of the sources, through the bundle's
// source maps. Only files loaded after this are mapped, so it comes before the bundle is imported.
const debug = process.env.COOP_DEBUG;
if (debug !== undefined && debug !== '' && debug !== '0') {
  if (typeof module.setSourceMapsSupport === 'function') module.setSourceMapsSupport(true, { nodeModules: true });
  else process.setSourceMapsEnabled(true);
}
await import(bundle.href);
