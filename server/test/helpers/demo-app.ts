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

/** The last day of the fixed demo sample. */
export const sampleDay = '2026-06-30';

/**
 * The demo business with its history ending on `sampleDay` (and the business's today set to
 * it): one fixed sample, for the tests that judge how well the models recover what the
 * generator planted. A history ending today is a new sample every day, and a statistical
 * bound that holds on most samples fails on some day.
 */
export function sampleTestApp(customers: number, env: Env = {}) {
  return demoTestApp(
    customers,
    { AS_OF: sampleDay, ...env },
    { now: new Date(`${sampleDay}T00:00:00Z`) },
  );
}
