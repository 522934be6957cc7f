// Two server instances over one database for the scheduler tests: on a Postgres server each
// has its own connections; on PGlite (one process) both share the one database. Their
// schedulers have no timer: the tests tick them at fake instants.
import { type Database, openDatabase } from '@retention/db';
import { createTestDatabase } from '@retention/db/testing';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { loadAnalyticsFixture } from './analytics-fixture.ts';
import { botApiRecorder } from './bot-api-recorder.ts';
import { testBotToken } from './build-app.ts';
import { people } from './fixtures.ts';
import { testConfig } from './rebuild.ts';

export async function alertsApps(instances: 1 | 2 = 2) {
  const telegram = await botApiRecorder();
  const database = await createTestDatabase();
  const env = {
    BOT_TOKEN: testBotToken,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    ADMIN_TELEGRAM_IDS: String(people.admin.id),
    MANAGER_TELEGRAM_IDS: `${people.manager.id},${people.northManager.id}:North`,
    CHURN_WINDOW_DAYS: '30',
    CHROMIUM_PATH: '/nonexistent/chromium',
  };
  const dbs: Database[] = [database.db];
  const apps: FastifyInstance[] = [];
  for (let i = 0; i < instances; i++) {
    const db =
      i === 0 || !database.url
        ? database.db
        : await openDatabase({ databaseUrl: database.url, dataDir: '' });
    if (db !== database.db) dbs.push(db);
    const app = await buildApp(testConfig(env), { db, alerts: { timer: false } });
    await app.ready();
    apps.push(app);
  }
  const ids = await loadAnalyticsFixture(database.db.prisma);
  for (const app of apps) await app.analytics.refresher.refresh();
  return {
    apps,
    prisma: database.db.prisma,
    ids,
    telegram,
    /** Every instance ticks at `now`, all at once. */
    tick: (now: string | Date) => Promise.all(apps.map((app) => app.alerts!.tick(new Date(now)))),
    async close() {
      for (const app of apps) await app.close();
      for (const db of dbs.slice(1)) await db.close();
      await database.drop();
      await telegram.close();
    },
  };
}
