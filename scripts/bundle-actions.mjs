// @ts-check
// Bundles each action (actions/<name>/src/main.ts) into the one ESM file its action.yml runs, actions/<name>/dist/index.js; --check compares instead of writing.
import { build } from 'esbuild';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The actions: every folder of actions/ with an action.yml and a src/main.ts. */
export function actionNames() {
  return readdirSync(join(root, 'actions'), { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(root, 'actions', e.name, 'action.yml')) && existsSync(join(root, 'actions', e.name, 'src/main.ts')))
    .map((e) => e.name)
    .sort();
}

/**
 * The bundle of one action, as text. ESM for Node 20 and 24 alike (runners run node24; the tests run
 * the bundles here on Node 20); CommonJS dependencies get a require. No source maps and no paths of
 * this machine in it, so the same sources give the same bytes anywhere.
 * @param {string} name
 * @returns {Promise<string>}
 */
export async function bundleAction(name) {
  const result = await build({
    entryPoints: [join(root, 'actions', name, 'src/main.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'none',
    logLevel: 'warning',
    absWorkingDir: root,
    banner: {
      js: `// The ${name} action of Cooperage, bundled by scripts/bundle-actions.mjs from actions/${name}/src: do not edit.\nimport { createRequire as __coopCreateRequire } from 'node:module'; const require = __coopCreateRequire(import.meta.url);`,
    },
  });
  const [file] = result.outputFiles;
  if (file === undefined) throw new Error(`esbuild wrote nothing for ${name}`);
  return file.text;
}

/** @param {string} name */
export const bundlePath = (name) => join(root, 'actions', name, 'dist/index.js');

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const name of actionNames()) {
    const text = await bundleAction(name);
    const path = bundlePath(name);
    const old = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
    if (check) {
      if (old !== text) {
        stale++;
        console.error(`actions/${name}/dist/index.js is stale: run npm run bundle and commit it.`);
      }
    } else if (old !== text) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
      console.log(`actions/${name}/dist/index.js: ${(text.length / 1024).toFixed(0)} KiB`);
    }
  }
  process.exitCode = stale === 0 ? 0 : 1;
}
