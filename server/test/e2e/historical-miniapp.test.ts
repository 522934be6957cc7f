// The Mini App on data that ended long ago (the CDNOW sample, to 1998-06-30): the dashboard
// shows the year up to the data's end with a notice saying so, in both languages, and its
// period presets count back from that day. Screenshots at 360 px in .test-results.
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, hasSharedData, repoRoot, sharedDataDir } from '../../../test/requirements.ts';
import { importFile } from '../helpers/import.ts';
import { buildMiniappOnce } from './miniapp-build.ts';
import { processDatabase, type ServerProcess, startTelegramServer } from './server-process.ts';
import { launchChromium, openInTelegram, palettes, type TelegramUserData } from './telegram-env.ts';

const shots = path.join(repoRoot, '.test-results');
const managers = {
  en: { id: 8101, first_name: 'Max', language_code: 'en' },
  ru: { id: 8102, first_name: 'Мария', language_code: 'ru' },
} satisfies Record<string, TelegramUserData>;

describe.skipIf(!hasChromium() || !hasSharedData())('the Mini App on historical data', () => {
  let server: ServerProcess;
  let browser: Browser;
  let database: Awaited<ReturnType<typeof processDatabase>>;

  beforeAll(async () => {
    const build = buildMiniappOnce();
    database = await processDatabase('rd-hist-');
    const db = await database.open();
    await importFile(db, path.join(sharedDataDir, 'cdnow', 'CDNOW_sample.txt'), {
      kind: 'cdnow',
      source: 'cdnow',
    });
    await db.close();
    await build;
    server = await startTelegramServer({
      ...database.env,
      MANAGER_TELEGRAM_IDS: `${managers.en.id},${managers.ru.id}`,
    });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await database?.drop();
  });

  const cases = [
    ['en', 'light', /^Data ends Jun 30, 1998: everything is shown as of that day/],
    ['ru', 'dark', /^Данные заканчиваются 30 июн\. 1998 г\.: всё показано на этот день/],
  ] as const;
  for (const [lang, theme, notice] of cases) {
    it(`says the data ends on 30 June 1998 and shows the year before it (${lang}, ${theme})`, async () => {
      const { page, errors } = await openInTelegram(browser, server.url, managers[lang], '/', {
        palette: palettes[theme],
        width: 360,
        height: 740,
      });
      const ends = page.getByTestId('data-ends');
      await ends.waitFor({ timeout: 30_000 });
      expect(await ends.textContent()).toMatch(notice);
      // The default range is the twelve months up to the data's end: the KPIs are not zeros.
      const orders = page.getByTestId('kpi-orders-value');
      await orders.waitFor();
      expect(await orders.textContent()).toMatch(/[1-9]/);
      // A preset counts back from the data's end, not from today.
      const presets = page.getByTestId('filters').getByRole('button');
      await presets.first().click();
      await page.waitForURL(/from=1998-04-01/);
      await page.screenshot({
        path: path.join(shots, `historical-dashboard-${lang}-${theme}.png`),
      });
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});
