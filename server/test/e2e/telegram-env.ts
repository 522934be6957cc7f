// A Telegram client, as far as a Mini App can tell (the bridge and launch URL are the server's
// own, src/screenshots/telegram-bridge.ts): initData signed with the test's bot token, the
// page's bridge calls read back, and the test playing the user on the rest (pressing the
// MainButton, choosing in a popup).
import { sign } from '@telegram-apps/init-data-node';
import { type Browser, chromium, type Page } from 'playwright-core';
import { chromiumPath } from '../../../test/requirements.ts';
import {
  installTelegramBridge,
  launchUrl,
  type Palette,
  palettes,
} from '../../src/screenshots/telegram-bridge.ts';
import { testBotToken } from '../helpers/build-app.ts';

export { launchUrl, type Palette, palettes };
export const installTelegram = installTelegramBridge;

export interface TelegramUserData {
  id: number;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

/** initData as Telegram would send it, signed with `botToken`, from `authDate`. */
export function initDataFor(user: TelegramUserData, botToken: string, authDate = new Date()) {
  return sign(
    { user: { ...user, allows_write_to_pm: true }, query_id: `AAE${user.id}`, signature: 'e2e' },
    botToken,
    authDate,
  );
}

type Sent = [string, Record<string, unknown> | undefined];

/** The bridge calls the page made so far, optionally only those named `name`. */
export async function sentToTelegram(page: Page, name?: string): Promise<Sent[]> {
  const sent = await page.evaluate(
    () => (window as unknown as { __tg: { sent: Sent[] } }).__tg.sent,
  );
  return name ? sent.filter(([n]) => n === name) : sent;
}

/** The client sends the page an event (a button press, a theme change, a popup's answer). */
export async function telegramEmits(page: Page, name: string, data?: unknown): Promise<void> {
  await page.evaluate(
    ([n, d]) =>
      (window as unknown as { __tg: { emit(name: string, data?: unknown): void } }).__tg.emit(
        n as string,
        d,
      ),
    [name, data] as const,
  );
}

/** The system Chromium, headless, as the browser tests use it. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
  });
}

/**
 * A page Telegram opened for `who` at `route` of the Mini App at `serverUrl`: the client's
 * bridge installed, initData signed with the test bot's token; page errors are collected.
 */
export async function openInTelegram(
  browser: Browser,
  serverUrl: string,
  who: TelegramUserData,
  route: string,
  o: { palette?: Palette; width?: number; height?: number; authDate?: Date } = {},
): Promise<{ page: Page; errors: string[] }> {
  const palette = o.palette ?? palettes.light;
  const page = await browser.newPage({
    viewport: { width: o.width ?? 390, height: o.height ?? 844 },
    hasTouch: true,
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await installTelegramBridge(page, palette);
  const initData = initDataFor(who, testBotToken, o.authDate);
  await page.goto(launchUrl(serverUrl, route, initData, palette));
  return { page, errors };
}
