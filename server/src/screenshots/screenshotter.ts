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

/** Captures waiting at most; more are refused until some are done. */
export const maxWaiting = 8;

/** The block route's width (miniapp .block-page). */
export const blockWidth = 720;

export interface ScreenshotterOptions {
  /** The server's own address as Chromium reaches it, known once it listens. */
  baseUrl: () => string;
  botToken: string;
  chromiumPath: string;
  timeoutMs?: number;
}

/** A block's picture and its size in pixels. */
export interface Picture {
  bytes: Buffer;
  width: number;
  height: number;
}

export interface Screenshotter {
  /** The block as a PNG (the bot's photos). */
  capture(user: TelegramUser, block: BlockName, query: URLSearchParams): Promise<Buffer>;
  /** The block as a JPEG with its size (a shared message's photo: Telegram takes JPEG). */
  picture(user: TelegramUser, block: BlockName, query: URLSearchParams): Promise<Picture>;
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

  async function shoot(
    user: TelegramUser,
    block: BlockName,
    query: URLSearchParams,
    type: 'png' | 'jpeg',
  ): Promise<Picture> {
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
      // What a failed part says (its message, not its retry button).
      const error = await page.evaluate(() => {
        const alert = document.querySelector('[role="alert"]');
        return alert ? (alert.querySelector('p') ?? alert).textContent : null;
      });
      if (error) throw new Refusal('unavailable', 'blockFailed', { block, error });
      const bytes = await main.screenshot({
        type,
        animations: 'disabled',
        quality: type === 'jpeg' ? 90 : undefined,
      });
      const box = await main.boundingBox();
      return {
        bytes,
        width: Math.round(box?.width ?? blockWidth),
        height: Math.round(box?.height ?? 0),
      };
    } catch (error) {
      if (error instanceof AppError) throw error;
      const first = (error as Error).message.split('\n')[0] ?? '';
      throw new Refusal('unavailable', 'blockRenderFailed', { block, error: first });
    } finally {
      await context.close().catch(() => {});
    }
  }

  /**
   * One capture at a time; beyond `maxWaiting` waiting, a capture is refused at once (each
   * holds a request, and a browser page for up to the timeout) rather than queued without end.
   */
  let waiting = 0;
  const queued = (run: () => Promise<Picture>) => {
    if (waiting >= maxWaiting) {
      return Promise.reject(new Refusal('busy', 'screenshotsBusy', { waiting }));
    }
    waiting++;
    const next = queue.then(run).finally(() => {
      waiting--;
    });
    queue = next.catch(() => {});
    return next;
  };

  return {
    async capture(user, block, query) {
      return (await queued(() => shoot(user, block, query, 'png'))).bytes;
    },
    picture: (user, block, query) => queued(() => shoot(user, block, query, 'jpeg')),
    async close() {
      const b = await browser?.catch(() => undefined);
      browser = undefined;
      await b?.close().catch(() => {});
    },
  };
}
