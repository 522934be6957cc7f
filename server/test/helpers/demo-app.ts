// A test app over a seeded demo business (prisma/seed) with its analytics built: an admin,
// and a manager scoped to the North region.
import { type SeedOptions, seedDemo } from '@retention/db/seed';
import type { Env } from '../../src/config.ts';
import { buildTestApp, testBotToken } from './build-app.ts';
import { people } from './fixtures.ts';

export async function demoTestApp(
  customers: number,
  env: Env = {},
  seed: Omit<SeedOptions, 'customers'> = {},
) {
  const t = await buildTestApp({
    BOT_TOKEN: testBotToken,
    ADMIN_TELEGRAM_IDS: String(people.admin.id),
    MANAGER_TELEGRAM_IDS: `${people.northManager.id}:North`,
    ...env,
  });
  await seedDemo(t.app.prisma, { ...seed, customers });
  await t.app.analytics.refresher.refresh();
  return t;
}
