import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{prisma,server,bot,miniapp}/test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
