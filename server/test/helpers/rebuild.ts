import type { TestDatabase } from '@retention/db/testing';
import { type AppDeps, buildApp } from '../../src/app.ts';
import { type Env, loadConfig } from '../../src/config.ts';

/** The bearer token test servers' /metrics answer to (helpers/metrics.ts sends it). */
export const testMetricsToken = 'test-metrics-token-0123456789';

/** Config of a test server: quiet, no demo data, no bot, no background training, no rate limit. */
export const testConfig = (env: Env = {}) =>
  loadConfig({
    NODE_ENV: 'test',
    METRICS_TOKEN: testMetricsToken,
    LOG_LEVEL: 'silent',
    DEMO_DATA: 'off',
    RATE_LIMIT_MAX: '100000',
    BOT_MODE: 'off',
    RETRAIN_HOURS: '0',
    ...env,
  });

/** A new app over an existing test database (a restart of the server). */
export async function rebuild(
  database: TestDatabase,
  env: Env = {},
  deps: Omit<AppDeps, 'db'> = {},
) {
  const app = await buildApp(testConfig(env), { ...deps, db: database.db });
  await app.ready();
  return app;
}
