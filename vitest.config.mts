import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    // Makes the run's folder for the sample workspace that tests copy instead of rebuilding.
    globalSetup: ['tests/unit/global-setup.ts'],
    // Each test file opens its own SQLite files; two cores, so two workers.
    pool: 'forks',
    maxWorkers: 2,
    // Test files share a worker's loaded modules (TypeORM, exceljs, every feature) instead of
    // importing them again per file, which cost more than the tests themselves. The backend keeps
    // no state between workspaces beyond caches keyed by workspace or by calendar year.
    isolate: false,
    testTimeout: 30_000,
  },
});
