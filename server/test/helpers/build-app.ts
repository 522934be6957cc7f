// A ready app over a fresh test database (PGlite, or TEST_DATABASE_URL's server).
import { createTestDatabase, type TestDatabase } from '@retention/db/testing';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { type Env, loadConfig } from '../../src/config.ts';

export const testBotToken = '7000000001:AAHtestTokenForRetentionDeskTests_0001';
export const otherBotToken = '7000000002:AAHanotherBotTokenForRetentionDesk_0002';

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  close(): Promise<void>;
}

export async function buildTestApp(env: Env = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DEMO_DATA: 'off',
    RATE_LIMIT_MAX: '100000',
    BOT_MODE: 'off',
    ...env,
  });
  const app = await buildApp(config, { db: database.db });
  await app.ready();
  return {
    app,
    database,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
