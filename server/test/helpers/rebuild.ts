import type { TestDatabase } from '@retention/db/testing';
import { buildApp } from '../../src/app.ts';
import { type Env, loadConfig } from '../../src/config.ts';

/** A new app over an existing test database (a restart of the server). */
export async function rebuild(database: TestDatabase, env: Env = {}) {
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DEMO_DATA: 'off',
    BOT_MODE: 'off',
    ...env,
  });
  const app = await buildApp(config, { db: database.db });
  await app.ready();
  return app;
}
