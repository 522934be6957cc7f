// The Mini App for a Russian-speaking manager and client of a business that counts in
// roubles (CURRENCY=RUB): every text the product writes on the dashboard, a customer card,
// the campaigns and the client's own page is Russian. The test reads each page's text nodes
// and labels, leaves out what the business wrote itself (names, offers, regions: marked
// translate="no", as the HTML standard has it for text not to translate) and codes, and finds
// no Latin word but the abbreviations a Russian dashboard uses too. Money carries ₽.
import path from 'node:path';
import { seedDemo } from '@retention/db/seed';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, repoRoot } from '../../../test/requirements.ts';
import { buildMiniappOnce } from './miniapp-build.ts';
import { processDatabase, type ServerProcess, startTelegramServer } from './server-process.ts';
import { launchChromium, openInTelegram, palettes, type TelegramUserData } from './telegram-env.ts';

const shots = path.join(repoRoot, '.test-results');
const people = {
  manager: { id: 8201, first_name: 'Мария', language_code: 'ru' },
  admin: { id: 8202, first_name: 'Алексей', language_code: 'ru' },
  client: { id: 8203, first_name: 'Кира', language_code: 'ru' },
} satisfies Record<string, TelegramUserData>;

/** Words a Russian screen may show in Latin letters: abbreviations, symbols, the brand. */
const allowed = new Set([
  'ARPU',
  'NRR',
  'GRR',
  'LTV',
  'CLV',
  'RFM',
  'ROI',
  'AOV',
  'UTC',
  'DAU',
  'MAU',
  'ROC-AUC',
  'DBSCAN',
  'minPts',
  'eps',
  'Telegram',
  'CSV',
  'AT_RISK_SHARE',
  'CHURN_HORIZON_DAYS',
  'W',
  'H',
  'k',
  'c',
  'p',
  'P',
  'OK',
]);

/** The Latin words of the page's own texts (not the business's data, not codes). */
async function latinWords(page: Page): Promise<string[]> {
  const texts = await page.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest('[translate="no"], script, style, code')) continue;
      if (el.closest('[hidden]') || getComputedStyle(el).display === 'none') continue;
      out.push(n.textContent ?? '');
    }
    for (const el of Array.from(
      document.querySelectorAll('[aria-label], [title], [placeholder]'),
    )) {
      if (el.closest('[translate="no"]')) continue;
      for (const a of ['aria-label', 'title', 'placeholder']) out.push(el.getAttribute(a) ?? '');
    }
    return out;
  });
  const words = texts.flatMap((t) => t.match(/[A-Za-z](?:[A-Za-z_-]*[A-Za-z])?/g) ?? []);
  return [...new Set(words.filter((w) => !allowed.has(w)))];
}

/** Scrolls to the end so every block has asked for its data, and waits for them to answer. */
async function loadWholePage(page: Page): Promise<void> {
  for (let i = 0; i < 10; i++) {
    await page.mouse.wheel(0, 900);
    await page.waitForTimeout(150);
  }
  await page.waitForFunction(() => document.querySelectorAll('.skeleton').length === 0, undefined, {
    timeout: 60_000,
  });
  // Every "how is this computed" opened: the definitions are texts too.
  await page.evaluate(() => {
    for (const d of Array.from(document.querySelectorAll('details'))) d.open = true;
  });
}

describe.skipIf(!hasChromium())('the Mini App in Russian, in roubles', () => {
  let server: ServerProcess;
  let browser: Browser;
  let database: Awaited<ReturnType<typeof processDatabase>>;
  let customerId: number;

  beforeAll(async () => {
    const build = buildMiniappOnce();
    database = await processDatabase('rd-ru-');
    const db = await database.open();
    await seedDemo(db.prisma, { customers: 300 });
    const [picked] = await db.prisma.$queryRaw<{ id: number }[]>`
      SELECT o.customer_id AS id FROM orders o JOIN offer_assignments a ON a.customer_id = o.customer_id
      WHERE o.status = 'completed' GROUP BY o.customer_id HAVING count(*) >= 3
      ORDER BY o.customer_id LIMIT 1`;
    customerId = picked!.id;
    await db.prisma.customer.update({
      where: { id: customerId },
      data: { telegramUserId: BigInt(people.client.id) },
    });
    await db.close();
    await build;
    server = await startTelegramServer({
      ...database.env,
      CURRENCY: 'RUB',
      ADMIN_TELEGRAM_IDS: String(people.admin.id),
      MANAGER_TELEGRAM_IDS: String(people.manager.id),
    });
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await database?.drop();
  });

  // Its waits (the first training, up to 120 s) need a budget past the default 60 s.
  it('shows the dashboard with no English word and money in roubles', {
    timeout: 240_000,
  }, async () => {
    const { page, errors } = await openInTelegram(browser, server.url, people.manager, '/', {
      palette: palettes.light,
      width: 360,
      height: 740,
    });
    await page.getByTestId('kpi-revenue-value').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('kpi-revenue-value').textContent()).toMatch(/^[\d\s,]+\s₽$/);
    expect(await page.getByTestId('me-role').textContent()).toBe('Менеджер');
    // The models train at the first start; their blocks are part of the screen.
    await page.locator('[data-testid="block-segments"] .segment-row').nth(8).waitFor({
      timeout: 120_000,
    });
    await page.getByTestId('block-at-risk').locator('a').first().waitFor({ timeout: 60_000 });
    // The model cards say which model scores and how the forecasts did, in Russian.
    expect(await page.getByTestId('at-risk-model').textContent()).toMatch(/^Оценивает /);
    await page.getByTestId('clv-check').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('clv-check').textContent()).toMatch(
      /^Проверка CLV на последних 90 днях: модель ждала [\d\s]+ дней с покупками/u,
    );
    await loadWholePage(page);
    expect(await latinWords(page)).toEqual([]);
    // Counted words agree with their numbers ("3 заказа", "5 дней").
    const segments = await page.getByTestId('block-segments').textContent();
    // (\b is ASCII-only: Cyrillic word ends are written out.)
    expect(segments).toMatch(/\d\s(клиент|клиента|клиентов)\s/u);
    expect(segments).not.toMatch(/(?<![\d,])(1\d|[5-9]|[02-9][05-9])\s(клиента|заказа|дня)\s/u);
    await page.screenshot({ path: path.join(shots, 'russian-dashboard-360.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows a customer card, customer lists, the campaigns and a client their page in Russian', {
    timeout: 180_000,
  }, async () => {
    const pages: [TelegramUserData, string, string][] = [
      [people.admin, `/customers/${customerId}`, 'customer-card'],
      [people.manager, '/campaigns', 'campaign-row'],
      [people.manager, `/customers?q=${encodeURIComponent('а')}`, 'customers-page'],
      [people.manager, '/behind/activeAtEnd', 'customers-count'],
      [people.client, '/', 'loyalty'],
    ];
    for (const [who, route, ready] of pages) {
      const { page, errors } = await openInTelegram(browser, server.url, who, route, {
        palette: palettes.dark,
        width: 360,
        height: 740,
      });
      await page.getByTestId(ready).first().waitFor({ timeout: 30_000 });
      await loadWholePage(page);
      expect({ route, words: await latinWords(page) }).toEqual({ route, words: [] });
      expect(errors).toEqual([]);
      await page.close();
    }
  });

  it("says in Russian why the server refused, with the refusal's own values", {
    timeout: 120_000,
  }, async () => {
    // A shared link with a range the server cannot take: the start after the end.
    const { page } = await openInTelegram(
      browser,
      server.url,
      people.manager,
      '/?from=2026-03-01&to=2026-01-01',
      { palette: palettes.light, width: 360, height: 740 },
    );
    const refusal = page.locator('.block-error p').first();
    await refusal.waitFor({ timeout: 30_000 });
    expect(await refusal.textContent()).toBe(
      'Сервер отклонил запрос: начало периода (2026-03-01) позже его конца (2026-01-01)',
    );
    await page.close();
  });
});
