import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{contracts,prisma,ml,server,bot,miniapp}/test/**/*.test.ts'],
    // The fault tests (server/test/faults) start their own Postgres cluster whatever the
    // test database is, and the embedded-database sharing test its own PGlite folders, so
    // they run once: on the default (PGlite) run, not again when TEST_DATABASE_URL points the
    // suite at a Postgres server. `npm run test:faults` runs the fault tests alone.
    exclude: [
      ...configDefaults.exclude,
      ...(process.env.TEST_DATABASE_URL && !process.env.FAULT_TESTS
        ? ['server/test/faults/**', 'server/test/embedded-sharing.test.ts']
        : []),
    ],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
