// Screenshots of the Mini App's block routes for the bot: the server drives Chromium (the
// system browser through playwright-core) at its own address, signed in as the staff member
// who asked (initData signed with the bot token, so their role and region apply), and returns
// the block as a PNG. One browser is reused; captures run one at a time; each has a timeout.

import { existsSync } from 'node:fs';
import type { BlockName } from '@retention/contracts';
import { type Browser, chromium } from 'playwright-core';
import { signInitData, type TelegramUser } from '../auth/init-data.ts';
import { AppError, Refusal } from '../errors.ts';
import { installTelegramBridge, launchUrl, palettes } from './telegram-bridge.ts';

/** The block route's width (miniapp .block-page). */
export const blockWidth = 720;

export interface ScreenshotterOptions {
  /** The server's own address as Chromium reaches it, known once it listens. */
  baseUrl: () => string;
  botToken: string;
  chromiumPath: string;
  timeoutMs?: number;
}

export interface Screenshotter {
  capture(user: TelegramUser, block: BlockName, query: URLSearchParams): Promise<Buffer>;
  close(): Promise<void>;
}

export function createScreenshotter(o: ScreenshotterOptions): Screenshotter {
  const timeoutMs = o.timeoutMs ?? 30_000;
  let browser: Promise<Browser> | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  const launch = () => {
    if (!existsSync(o.chromiumPath)) {
      throw new Refusal('unavailable', 'chromiumMissing', { path: o.chromiumPath });
    }
    browser ??= chromium
      .launch({
        executablePath: o.chromiumPath,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
      })
      .then((b) => {
        // A crashed browser is launched again next time.
        b.on('disconnected', () => {
          browser = undefined;
        });
        return b;
      });
    browser.catch(() => {
      browser = undefined;
    });
    return browser;
  };

  async function shoot(user: TelegramUser, block: BlockName, query: URLSearchParams) {
    const context = await (await launch()).newContext({
      viewport: { width: blockWidth, height: 600 },
      deviceScaleFactor: 1,
    });
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(timeoutMs);
      await installTelegramBridge(page, palettes.light);
      const q = query.toString();
      const path = `/block/${block}${q ? `?${q}` : ''}`;
      await page.goto(launchUrl(o.baseUrl(), path, signInitData(user, o.botToken), palettes.light));
      const main = page.locator('main.block-page');
      await main.waitFor();
      // Ready once no part of the block is loading any more (some read two endpoints).
      await page.waitForFunction(() => !document.querySelector('[data-testid="skeleton"]'));
      if (block === 'trends') await page.locator('.chart canvas').first().waitFor();
      const error = await page
        .locator('[role="alert"]')
        .first()
        .textContent({ timeout: 100 })
        .catch(() => null);
      if (error) throw new Refusal('unavailable', 'blockFailed', { block, error });
      return await main.screenshot({ type: 'png', animations: 'disabled' });
    } catch (error) {
      if (error instanceof AppError) throw error;
      const first = (error as Error).message.split('\n')[0] ?? '';
      throw new Refusal('unavailable', 'blockRenderFailed', { block, error: first });
    } finally {
      await context.close().catch(() => {});
    }
  }

  return {
    capture(user, block, query) {
      const run = queue.then(() => shoot(user, block, query));
      queue = run.catch(() => {});
      return run;
    },
    async close() {
      const b = await browser?.catch(() => undefined);
      browser = undefined;
      await b?.close().catch(() => {});
    },
  };
}
