// @ts-check
// npm run pack: the publishable tarballs of @cooperage/core and @cooperage/cli, each packed from a staged folder whose package.json points at built files.
//
// In the monorepo a package's `exports` name its TypeScript sources, which tsc, tsx, vitest and
// esbuild (the CLI's and the actions' bundles) all read; Node cannot run them. npm has no way to
// publish other `exports` (its publishConfig sets only npm's own config: npm/cli#7586), and
// rewriting package.json in place around `npm pack` would show the others at work in this tree a
// package.json pointing at files that may not be there. So each package is staged in a temporary
// folder: its built files, its README, and its package.json with `exports` at the built files and
// without the workspace's scripts and devDependencies; then `npm pack` packs that folder
// (docs/decisions.md, "Packages").
//
// node scripts/pack.mjs [--out DIR] [--json]   (DIR defaults to .pack/; --json prints npm pack's JSON)
//
// The CLI's package is the coop bundle (scripts/build.mjs's options, every dependency in it) built
// again here without source maps, whose sources would not be in the package; so it has no
// dependencies to install. Core's is one ESM file by esbuild, its dependencies left as imports, and
// tsc's declarations. Both read what `npm run build` generates (the validators, the presets).
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { coopBundle } from './build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** @param {string} name */
const option = (name) => {
  const at = process.argv.indexOf(name);
  return at === -1 ? undefined : process.argv[at + 1];
};

/** @param {string} path */
function readJson(path) {
  /** @type {unknown} */
  const json = JSON.parse(readFileSync(path, 'utf8'));
  return /** @type {Record<string, unknown>} */ (json);
}

/** The workspace's package.json without what only the workspace uses, with fields added or replaced. @param {string} dir @param {Record<string, unknown>} fields @param {string[]} [drop] more fields to leave out */
function manifest(dir, fields, drop = []) {
  const published = readJson(join(dir, 'package.json'));
  for (const field of ['scripts', 'devDependencies', 'exports', ...drop]) delete published[field];
  return { ...published, ...fields };
}

/** @param {string} stage @param {Record<string, unknown>} json */
const writeManifest = (stage, json) => writeFileSync(join(stage, 'package.json'), `${JSON.stringify(json, null, 2)}\n`);

/** @param {string} command @param {string[]} args @param {string} cwd @returns {Promise<string>} its output, once it succeeded */
const run = (command, args, cwd) =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (data) => (stdout += data));
    child.stderr.on('data', (data) => (stderr += data));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(stdout) : reject(new Error(`${command} ${args.join(' ')} failed in ${cwd} (exit ${code}):\n${stdout}${stderr}`)),
    );
  });

/** Core: dist/index.js (esbuild), dist/**\/*.d.ts (tsc), the generated declarations tsc only reads. @param {string} stage */
async function stageCore(stage) {
  const dir = join(root, 'packages/core');
  const src = join(dir, 'src');
  const dist = join(stage, 'dist');
  await build({
    entryPoints: [join(src, 'index.ts')],
    outfile: join(dist, 'index.js'),
    bundle: true,
    // Its dependencies are the package's dependencies, installed beside it.
    packages: 'external',
    format: 'esm',
    platform: 'node',
    target: 'node20',
    legalComments: 'none',
    logLevel: 'warning',
  });
  // Declarations keep the sources' `.ts` specifiers, which TypeScript resolves to the `.d.ts` beside them.
  const tsconfig = join(stage, 'tsconfig.json');
  writeFileSync(
    tsconfig,
    JSON.stringify({
      extends: join(root, 'tsconfig.json'),
      compilerOptions: {
        noEmit: false,
        declaration: true,
        emitDeclarationOnly: true,
        rootDir: src,
        outDir: dist,
        typeRoots: [join(root, 'node_modules/@types')],
        allowJs: false,
        checkJs: false,
        noUnusedLocals: false,
        // npm run typecheck checks these sources; here only their declarations are written.
        noCheck: true,
      },
      include: [],
      files: [join(src, 'index.ts')],
    }),
  );
  await run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', tsconfig], root);
  rmSync(tsconfig);
  for (const file of readdirSync(join(src, 'generated')).filter((f) => f.endsWith('.d.ts'))) {
    copyFileSync(join(src, 'generated', file), join(dist, 'generated', file));
  }
  copyFileSync(join(dir, 'README.md'), join(stage, 'README.md'));
  writeManifest(
    stage,
    manifest(dir, {
      types: './dist/index.d.ts',
      exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' }, './package.json': './package.json' },
      files: ['dist'],
    }),
  );
}

/** The CLI: bin/coop.js and the bundle, without source maps. @param {string} stage */
async function stageCli(stage) {
  const dir = join(root, 'packages/cli');
  cpSync(join(dir, 'bin'), join(stage, 'bin'), { recursive: true });
  await build({ ...coopBundle(join(stage, 'dist')), sourcemap: false });
  copyFileSync(join(dir, 'README.md'), join(stage, 'README.md'));
  writeManifest(stage, manifest(dir, { files: ['bin', 'dist'] }, ['dependencies']));
}

/** @param {string} name @param {(stage: string) => Promise<void>} stage @param {string} staging @param {string} out @returns {Promise<unknown[]>} npm pack's JSON */
async function pack(name, stage, staging, out) {
  const folder = join(staging, name);
  mkdirSync(folder);
  await stage(folder);
  /** @type {unknown} */
  const packed = JSON.parse(await run('npm', ['pack', '--json', '--pack-destination', out], folder));
  return /** @type {unknown[]} */ (packed);
}

if (!existsSync(join(root, 'packages/core/src/generated/validators.js'))) {
  console.error('scripts/pack.mjs: the generated validators are missing: run npm run build first.');
  process.exit(2);
}
const out = resolve(option('--out') ?? join(root, '.pack'));
mkdirSync(out, { recursive: true });
const staging = mkdtempSync(join(tmpdir(), 'coop-pack-'));
try {
  // Side by side: tsc's declarations take most of the time, and the CLI's bundle and pack fit beside them.
  const packed = (await Promise.all([pack('core', stageCore, staging, out), pack('cli', stageCli, staging, out)])).flat();
  if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(packed, null, 2)}\n`);
  else for (const { filename } of /** @type {{ filename: string }[]} */ (packed)) console.log(relative(process.cwd(), join(out, filename)));
} finally {
  rmSync(staging, { recursive: true, force: true });
}
