// @ts-check
// Builds what the sources need to run: the schema validators and the presets, then the coop bundle.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { realpathSync, rmSync } from 'node:fs';
import { writePresets, writeValidators } from './schemas.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The coop bundle's esbuild options, into outdir; scripts/pack.mjs builds the published one from them too.
 * @param {string} outdir
 * @returns {import('esbuild').BuildOptions}
 */
export const coopBundle = (outdir) => ({
  entryPoints: { coop: join(root, 'packages/cli/src/entry.ts') },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Every name and statement as written, with source maps beside the bundle: under COOP_DEBUG=1,
  // bin/coop.js turns the maps on and an internal error's stack names the lines of the sources. Only
  // the whitespace goes: with its indentation the bundle starts 5% slower (coop --help 198 ms, not
  // 189 ms), without it as fast as minified (docs/performance.md).
  minifyWhitespace: true,
  sourcemap: 'linked',
  sourcesContent: false,
  chunkNames: 'chunks/[name]-[hash]',
  legalComments: 'none',
  logLevel: 'warning',
  // isomorphic-git's CommonJS code calls require() for node built-ins; give the bundle a require.
  banner: { js: "import { createRequire as __coopCreateRequire } from 'node:module'; const require = __coopCreateRequire(import.meta.url);" },
});

// Run as a script (npm run build, npm ci's prepare), not when imported.
// The main module's URL is its real path, so the path it was run by is compared as one.
if (process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeValidators();
  writePresets();
  const outdir = join(root, 'packages/cli/dist');
  rmSync(outdir, { recursive: true, force: true });
  await build(coopBundle(outdir));
}
