import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    pool: 'forks',
    // One temporary folder for the run's template repositories (test/support/repo.ts), removed at the end.
    globalSetup: ['test/support/global-setup.ts'],
  },
});
