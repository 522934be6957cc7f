// The bot's screenshots: the server renders a block route in real Chromium, signed in as the
// staff member who asked, and the bot sends the PNG. The PNG is the block route's size.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createBot } from '@retention/bot';
import { privateCallback, recordingFetch, testBotInfo } from '@retention/bot/testing';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, hasChromium, repoRoot } from '../../../test/requirements.ts';
import { signInitData } from '../../src/auth/init-data.ts';
import { botServices } from '../../src/bot-adapter/bot-services.ts';
import { botServicesDeps } from '../../src/plugins/bot.ts';
import { blockWidth, createScreenshotter } from '../../src/screenshots/screenshotter.ts';
import {
  installTelegramBridge,
  launchUrl,
  palettes,
} from '../../src/screenshots/telegram-bridge.ts';
import { buildTestApp, type TestApp, testBotToken } from '../helpers/build-app.ts';
import { loadFixture, people } from '../helpers/fixtures.ts';
import { buildMiniappOnce } from './miniapp-build.ts';

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Uint8Array) {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

describe.skipIf(!hasChromium())('block screenshots for the bot', () => {
  let t: TestApp;
  let base: string;
  const screenshotter = () =>
    createScreenshotter({ baseUrl: () => base, botToken: testBotToken, chromiumPath });
  beforeAll(async () => {
    await buildMiniappOnce();
    t = await buildTestApp({
      BOT_TOKEN: testBotToken,
      ADMIN_TELEGRAM_IDS: String(people.admin.id),
    });
    await loadFixture(t.database.db.prisma);
    await t.app.analytics.refresher.refresh();
    base = await t.app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(() => t?.close());

  it('renders a block as the staff member sees it, at the block route’s size', async () => {
    const shots = screenshotter();
    try {
      const query = new URLSearchParams({ from: '2024-03-01', to: '2024-05-31' });
      const png = await shots.capture(people.admin, 'kpis', query);
      const size = pngSize(png);
      writeFileSync(path.join(repoRoot, '.test-results', 'bot-screenshot-kpis.png'), png);
      // The same route opened by hand: the block's box is the picture's size.
      const browser = await chromium.launch({
        executablePath: chromiumPath,
        args: ['--no-sandbox'],
      });
      try {
        const page = await browser.newPage({ viewport: { width: blockWidth, height: 600 } });
        await installTelegramBridge(page, palettes.light);
        const initData = signInitData(people.admin, testBotToken);
        await page.goto(launchUrl(base, `/block/kpis?${query}`, initData, palettes.light));
        await page.waitForFunction(
          () =>
            document.querySelector('main.block-page') &&
            !document.querySelector('[data-testid="skeleton"]'),
        );
        const box = await page.locator('main.block-page').boundingBox();
        expect(size.width).toBe(blockWidth);
        // The box can end mid-pixel; the picture takes the whole last pixel.
        expect(size.height).toBe(Math.ceil(box!.height));
        // The numbers are the API's for this user and range.
        const api = await t.app.inject({
          url: `/api/v1/analytics/dashboard?${query}`,
          headers: { authorization: `tma ${initData}` },
        });
        const active = api.json().kpis.activeAtEnd.value as number;
        expect(await page.getByTestId('kpi-activeAtEnd-value').textContent()).toBe(
          active.toLocaleString('en-US'),
        );
      } finally {
        await browser.close();
      }
    } finally {
      await shots.close();
    }
  });

  it('sends the PNG from the bot with a caption naming the block and period', async () => {
    const shots = screenshotter();
    try {
      const { fetch, calls } = recordingFetch();
      const bot = createBot(
        testBotToken,
        botServices({ ...botServicesDeps(t.app), screenshotter: shots }),
        {
          botInfo: testBotInfo,
          fetch,
        },
      );
      await bot.handleUpdate(privateCallback(people.admin, 's:cohorts:90'));
      expect(calls.map((c) => c.method)).toEqual([
        'answerCallbackQuery',
        'sendChatAction',
        'sendPhoto',
      ]);
      // A client pressing the same button gets nothing.
      await bot.handleUpdate(privateCallback(people.clientA, 's:cohorts:90'));
      expect(calls.at(-1)).toMatchObject({
        method: 'answerCallbackQuery',
        payload: { show_alert: true },
      });
    } finally {
      await shots.close();
    }
  });

  it('says what to install when Chromium is missing', async () => {
    const shots = createScreenshotter({
      baseUrl: () => base,
      botToken: testBotToken,
      chromiumPath: '/nonexistent/chromium',
    });
    const { fetch, calls } = recordingFetch();
    const bot = createBot(
      testBotToken,
      botServices({ ...botServicesDeps(t.app), screenshotter: shots }),
      {
        botInfo: testBotInfo,
        fetch,
      },
    );
    await bot.handleUpdate(privateCallback(people.admin, 's:kpis:30'));
    expect(calls.at(-1)?.payload.text).toBe(
      'No screenshot: screenshots need Chromium at /nonexistent/chromium: install it (apt-get install -y chromium) or set CHROMIUM_PATH',
    );
  });
});
