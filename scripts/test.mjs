// @ts-check
// npm test: builds, type-checks, runs every test, and ends with one plain line of counts.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** @param {string} command @param {string[]} args @returns {number} the exit status */
const run = (command, args) => spawnSync(command, args, { stdio: 'inherit' }).status ?? 1;

// The tools run straight from node_modules: npx would add a second or more to each.
if (run('node', ['scripts/build.mjs']) !== 0) process.exit(1);
// Incremental: a run checks again only what changed since the last one (the record is in
// node_modules/.cache, which npm ci starts without, so CI checks everything).
const typescript = ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json', '--noEmit', '--incremental', '--tsBuildInfoFile', 'node_modules/.cache/coop/tsconfig.tsbuildinfo'];
if (run('node', typescript) !== 0) {
  console.error('Type errors (above): the tests were not run.');
  process.exit(1);
}
const dir = mkdtempSync(join(tmpdir(), 'coop-test-'));
const report = join(dir, 'vitest.json');
const status = run('node', ['node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)]);
let counts;
try {
  counts = JSON.parse(readFileSync(report, 'utf8'));
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
process.exit(status === 0 && counts.numFailedTests === 0 && counts.numPassedTests > 0 ? 0 : 1);
