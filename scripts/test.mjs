// @ts-check
// npm test: builds, then type-checks, checks the formatting and lints while it runs every test, and ends with one plain line of counts.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** @param {string} command @param {string[]} args @returns {Promise<number>} the exit status, its output shown as it comes */
const run = (command, args) =>
  new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit' });
    child.on('close', (code) => resolve(code ?? 1));
    child.on('error', () => resolve(1));
  });

/** @param {string} command @param {string[]} args @returns {Promise<{ status: number, output: string }>} the exit status and the output, held */
const held = (command, args) =>
  new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (data) => (output += data));
    child.stderr.on('data', (data) => (output += data));
    child.on('close', (code) => resolve({ status: code ?? 1, output }));
    child.on('error', (error) => resolve({ status: 1, output: `${error}\n` }));
  });

// The tools run straight from node_modules: npx would add a second or more to each.
if (spawnSync('node', ['scripts/build.mjs'], { stdio: 'inherit' }).status !== 0) process.exit(1);
// The type check runs beside the tests, which leave a core of a two-core machine idle much of the
// time, and says what it found after them. It is tsc's build mode on tsconfig.json with a record of
// the last check in node_modules/.cache/coop: when no source changed since a check that passed it
// answers in half a second without reading them, else it checks again what changed (3 s, against
// 7 s for all). npm ci starts without the record, so CI checks everything; an install since the
// record was written drops it, since build mode looks at the sources' times, not node_modules'.
const cache = 'node_modules/.cache/coop';
const record = `${cache}/tsconfig.tsbuildinfo`;
const config = `${cache}/tsconfig.json`;
const configText = `${JSON.stringify({ extends: '../../../tsconfig.json', compilerOptions: { incremental: true, tsBuildInfoFile: './tsconfig.tsbuildinfo' } }, null, 2)}\n`;
mkdirSync(cache, { recursive: true });
if (!existsSync(config) || readFileSync(config, 'utf8') !== configText) writeFileSync(config, configText);
const installed = 'node_modules/.package-lock.json';
if (existsSync(record) && existsSync(installed) && statSync(installed).mtimeMs > statSync(record).mtimeMs) rmSync(record);
const typescript = ['node_modules/typescript/bin/tsc', '--build', config, ...(process.stdout.isTTY ? ['--pretty'] : [])];
const typecheck = held('node', typescript);
// The formatter's check runs beside them too; its cache (node_modules/.cache/prettier) is keyed by
// each file's content, so after the first run it reads only what changed.
const formatting = held('node', ['node_modules/prettier/bin/prettier.cjs', '--check', '--cache', '--cache-strategy', 'content', '--log-level', 'warn', '.']);
// And the linter (eslint.config.js), which says only its errors here: the warnings are for npm run lint.
// Its cache is its own, since --quiet does not run the rules that only warn and the cache would keep
// their silence; after the first run it lints only the files that changed.
const linter = [
  'node_modules/eslint/bin/eslint.js',
  '--quiet',
  '--cache',
  '--cache-location',
  'node_modules/.cache/eslint-errors/',
  ...(process.stdout.isTTY ? ['--color'] : []),
  '.',
];
const linting = held('node', linter);
const dir = mkdtempSync(join(tmpdir(), 'coop-test-'));
const report = join(dir, 'vitest.json');
const status = await run('node', [
  'node_modules/vitest/vitest.mjs',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...process.argv.slice(2),
]);
const types = await typecheck;
const format = await formatting;
const lint = await linting;
if (format.status !== 0) {
  process.stdout.write(format.output);
  console.error('Files not formatted (above): npm run format formats them; npm test fails until they are.');
}
if (lint.status !== 0) {
  process.stdout.write(lint.output);
  console.error('Lint errors (above): npm test fails until they are fixed; npm run lint shows the warnings too.');
}
if (types.status !== 0) {
  process.stdout.write(types.output);
  console.error('Type errors (above): npm test fails whatever the tests say.');
}
/** @typedef {{ numPassedTests: number, numFailedTests: number, numPendingTests: number, numTodoTests: number }} Counts what vitest's JSON report says */
/** @type {Counts | undefined} */
let counts;
try {
  /** @type {unknown} */
  const json = JSON.parse(readFileSync(report, 'utf8'));
  counts = /** @type {Counts} */ (json);
} catch {
  counts = undefined;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (counts === undefined) {
  console.log('0 passed, 1 failed');
  process.exit(status === 0 ? 1 : status);
}
const skipped = counts.numPendingTests + counts.numTodoTests;
console.log(`${counts.numPassedTests} passed, ${counts.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(
  status === 0 && types.status === 0 && format.status === 0 && lint.status === 0 && counts.numFailedTests === 0 && counts.numPassedTests > 0 ? 0 : 1,
);
