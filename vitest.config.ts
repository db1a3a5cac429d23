import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    // Measured on a two-core machine (docs/performance.md): a fresh process and fresh modules for
    // every file cost more than a third of the run, so each worker process runs many files and keeps
    // the modules they share. Processes, not threads: the time-budget tests read process.cpuUsage(),
    // which in a thread would count the other workers too. A worker per core, and two on two cores
    // (vitest would run one), since tests spend much of their time waiting for git.
    pool: 'forks',
    isolate: false,
    maxWorkers: Math.max(2, availableParallelism()),
    // Without isolation a spy would outlive its file: each test starts with the real functions.
    restoreMocks: true,
    // One temporary folder for the run's template repositories (test/support/repo.ts), removed at the end.
    globalSetup: ['test/support/global-setup.ts'],
    // The modules vitest transformed, kept in node_modules/.experimental-vitest-cache keyed by their
    // text, the config and vitest's version, and dropped when package-lock.json changes: a second run
    // transforms only what changed (3.5 s of the run's CPU time, 0.7 s). npm ci starts without it.
    experimental: { fsModuleCache: true },
  },
});
