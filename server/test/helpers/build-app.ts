// A ready app over a fresh test database (PGlite, or TEST_DATABASE_URL's server).
import { createTestDatabase, type TestDatabase } from '@retention/db/testing';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../src/app.ts';
import type { Env } from '../../src/config.ts';
import { rebuild } from './rebuild.ts';

export const testBotToken = '7000000001:AAHtestTokenForRetentionDeskTests_0001';
export const otherBotToken = '7000000002:AAHanotherBotTokenForRetentionDesk_0002';

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  close(): Promise<void>;
}

export async function buildTestApp(
  env: Env = {},
  deps: Omit<AppDeps, 'db'> = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const app = await rebuild(database, env, deps);
  return {
    app,
    database,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
