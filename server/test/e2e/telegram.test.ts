import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { formatDateRange, nameFor } from '@retention/contracts';
import { seedDemo } from '@retention/db/seed';
import type { Browser, Page } from 'playwright-core';
import type { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, repoRoot } from '../../../test/requirements.ts';
import { todayIn } from '../../src/analytics/clock.ts';
import { refreshDerived } from '../../src/analytics/refresh.ts';
import { trainChurn } from '../../src/ml/churn/train-churn.ts';
import { trainSegments } from '../../src/ml/segments/train-segments.ts';
import { testBotToken } from '../helpers/build-app.ts';
import { signFields, unixSeconds } from '../helpers/init-data-fields.ts';
import { preparedMessages, startEmulator } from './bot-api-emulator.ts';
import { buildMiniappOnce } from './miniapp-build.ts';
import {
  freePort,
  processDatabase,
  type ServerProcess,
  startTelegramServer,
} from './server-process.ts';
import {
  initDataFor,
  installTelegram,
  launchChromium,
  launchUrl,
  openInTelegram,
  type Palette,
  palettes,
  sentToTelegram,
  type TelegramUserData,
  telegramEmits,
} from './telegram-env.ts';

const shots = path.join(repoRoot, '.test-results');
const people = {
  admin: { id: 8001, first_name: 'Ada', last_name: 'Admin', language_code: 'en' },
  manager: { id: 8002, first_name: 'Max', last_name: 'Manager', language_code: 'en' },
  client: { id: 8003, first_name: 'Кира', language_code: 'ru' },
} satisfies Record<string, TelegramUserData>;

describe.skipIf(!hasChromium())('the Mini App inside Telegram (signed initData)', () => {
  let server: ServerProcess;
  let browser: Browser;
  let database: Awaited<ReturnType<typeof processDatabase>>;
  let clientCustomer: number;
  let emulator: TelegramServer;

  beforeAll(async () => {
    const build = buildMiniappOnce();
    // The business is loaded and the client's Telegram account linked before the server
    // starts, as a business would have done (the embedded database admits one process).
    database = await processDatabase('rd-tg-');
    const db = await database.open();
    await seedDemo(db.prisma, { customers: 300 });
    const [picked] = await db.prisma.$queryRaw<{ id: number }[]>`
      SELECT o.customer_id AS id FROM orders o
      WHERE o.status = 'completed'
        AND NOT EXISTS (SELECT 1 FROM offer_assignments a WHERE a.customer_id = o.customer_id)
      GROUP BY o.customer_id HAVING count(*) >= 3 ORDER BY max(o.placed_at) DESC LIMIT 1`;
    clientCustomer = picked!.id;
    await db.prisma.customer.update({
      where: { id: clientCustomer },
      data: { telegramUserId: BigInt(people.client.id) },
    });
    // Segments and churn scores, as the business's first training would leave them.
    const asOf = todayIn('UTC');
    await refreshDerived(db, { windowDays: 90, timeZone: 'UTC' });
    await trainSegments(db, { asOf });
    await trainChurn(db, { windowDays: 90, timeZone: 'UTC', asOf });
    await db.close();
    await build;
    // Sharing a block calls the Bot API (the emulator), which fetches the picture at PUBLIC_URL.
    emulator = await startEmulator();
    const port = await freePort();
    server = await startTelegramServer({
      ...database.env,
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      TELEGRAM_API_ROOT: emulator.config.apiURL,
      ADMIN_TELEGRAM_IDS: String(people.admin.id),
      MANAGER_TELEGRAM_IDS: String(people.manager.id),
      INITDATA_MAX_AGE: '3600',
      SUPPORT_TELEGRAM: '@shop_help',
      SUPPORT_EMAIL: 'help@example.com',
    });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await emulator?.stop();
    await database?.drop();
  });

  /** The API's answer for a Telegram user, to compare with what the Mini App shows. */
  async function apiAs<T>(who: TelegramUserData, route: string): Promise<T> {
    const res = await fetch(`${server.url}/api/v1${route}`, {
      headers: { authorization: `tma ${initDataFor(who, testBotToken)}` },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  }

  /** A page opened by Telegram for `who` at `route`. */
  const open = (
    who: TelegramUserData,
    route: string,
    o: { palette?: Palette; width?: number; height?: number; authDate?: Date } = {},
  ) => openInTelegram(browser, server.url, who, route, o);

  const int = (v: unknown, locale = 'en-US') =>
    Number(v).toLocaleString(locale, { maximumFractionDigits: 0 });
  type Dashboard = {
    kpis: Record<string, { value: number | string | null }>;
    series: { period: { start: string; end: string }; activeAtEnd: number }[];
  };

  it('starts like a Telegram Mini App: ready, expanded, with the client’s theme and insets', async () => {
    const { page, errors } = await open(people.manager, '/');
    const kpi = () => page.getByTestId('kpi-activeAtEnd-value').textContent();
    await expect.poll(kpi, { timeout: 30_000 }).toMatch(/\d/);
    const sent = (await sentToTelegram(page)).map(([name]) => name);
    expect(sent).toContain('web_app_ready');
    expect(sent).toContain('web_app_expand');
    // Page colour and text from the palette Telegram gave, insets from the client.
    const look = await page.evaluate(() => {
      const css = getComputedStyle(document.body);
      return { background: css.backgroundColor, color: css.color, paddingTop: css.paddingTop };
    });
    expect(look).toMatchObject({ background: 'rgb(240, 240, 240)', color: 'rgb(34, 34, 34)' });
    // Clear of Telegram's controls in full screen: safe area 24px + content safe area 48px.
    expect(look.paddingTop).toBe('72px');
    // The user switches Telegram to night mode: the open app follows without a reload.
    await telegramEmits(page, 'theme_changed', { theme_params: palettes.dark });
    await expect
      .poll(() => page.evaluate(() => getComputedStyle(document.body).backgroundColor))
      .toBe('rgb(21, 30, 39)');
    await page.screenshot({ path: path.join(shots, 'telegram-dashboard-theme-switched.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('starts for a client older than Bot API 8.0, whose initData has no `signature`', async () => {
    // Such clients sign initData with the hash alone; the SDK's launch-params parser wants a
    // `signature` and the server must not (the hash is what it checks).
    const initData = signFields({
      query_id: `AAE${people.manager.id}`,
      user: JSON.stringify({ ...people.manager, allows_write_to_pm: true }),
      auth_date: unixSeconds(),
    });
    expect(new URLSearchParams(initData).has('signature')).toBe(false);
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await installTelegram(page, palettes.light);
    const url = launchUrl(server.url, '/', initData, palettes.light);
    await page.goto(url.replace('tgWebAppVersion=8.0', 'tgWebAppVersion=7.10'));
    await expect
      .poll(() => page.getByTestId('kpi-activeAtEnd-value').textContent(), { timeout: 30_000 })
      .toMatch(/\d/);
    expect(await page.getByTestId('me-name').textContent()).toContain('Max');
    // Before Mini Apps 8.0 there is no share dialog, full screen or home-screen icon.
    expect(await page.locator('.share-button').count()).toBe(0);
    expect(await page.getByTestId('platform-actions').count()).toBe(0);
    // A reload after the URL lost Telegram's hash (in-app navigation) starts again.
    await page.evaluate(() => window.history.replaceState(null, '', '/'));
    await page.reload();
    await expect
      .poll(() => page.getByTestId('kpi-activeAtEnd-value').textContent(), { timeout: 30_000 })
      .toMatch(/\d/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows a manager every block with the API’s numbers, following the filters', async () => {
    const { page, errors } = await open(people.manager, '/');
    const value = (key: string) => page.getByTestId(`kpi-${key}-value`).textContent();
    await expect.poll(() => value('activeAtEnd'), { timeout: 30_000 }).toMatch(/\d/);
    const all = await apiAs<Dashboard>(people.manager, '/analytics/dashboard');
    for (const key of ['activeAtEnd', 'newCustomers', 'churnedCustomers']) {
      expect(await value(key)).toBe(int(all.kpis[key]?.value));
    }
    for (const block of [
      'trend-chart',
      'cohort-table',
      'ltv-table',
      'block-segments',
      'block-at-risk',
      'block-campaigns',
      'breakdown-table',
    ]) {
      await expect
        .poll(() => page.getByTestId(block).count(), { timeout: 30_000, message: block })
        .toBe(1);
    }
    await page.screenshot({ path: path.join(shots, 'telegram-manager.png'), fullPage: true });
    // The trend names its series and says which period is partial (the current month).
    expect(await page.getByTestId('trend-legend').textContent()).toBe('Active customersChurn rate');
    type Series = { series: { period: { partial: boolean } }[] };
    const cut = (await apiAs<Series>(people.manager, '/analytics/dashboard')).series.filter(
      (p) => p.period.partial,
    );
    const note = page.getByTestId('trend-partial');
    if (cut.length > 0) expect(await note.textContent()).toMatch(/^Faded: .+\d{4}, a period cut/);
    else expect(await note.count()).toBe(0);
    // While the new filter's answer is on its way (held back here), the old numbers stay
    // dimmed and busy, never passing for the new filter's.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route(/\/analytics\/dashboard\?.*region=South/, async (route) => {
      await held;
      await route.continue();
    });
    const before = await value('activeAtEnd');
    await page.getByTestId('filter-region').selectOption('South');
    const busyKpis = page.getByTestId('dashboard').locator('.block-busy').first();
    await expect.poll(() => busyKpis.getAttribute('aria-busy'), { timeout: 30_000 }).toBe('true');
    expect(await value('activeAtEnd')).toBe(before);
    release();
    const south = await apiAs<Dashboard>(people.manager, '/analytics/dashboard?region=South');
    await expect
      .poll(() => value('activeAtEnd'), { timeout: 30_000 })
      .toBe(int(south.kpis.activeAtEnd?.value));
    await expect.poll(() => page.locator('.block-busy').count(), { timeout: 30_000 }).toBe(0);
    expect(south.kpis.activeAtEnd?.value).not.toBe(all.kpis.activeAtEnd?.value);
    expect(await value('churnedCustomers')).toBe(int(south.kpis.churnedCustomers?.value));
    // The readout gives the last period's values, then those of the period touched.
    const readout = page.getByTestId('trend-readout');
    const last = south.series.at(-1)!;
    await expect
      .poll(() => readout.textContent(), { timeout: 30_000 })
      .toContain(`Active customers ${int(last.activeAtEnd)}`);
    const trend = page.getByTestId('trend-chart');
    await trend.scrollIntoViewIfNeeded();
    const area = await trend.boundingBox();
    await page.mouse.move(area!.x + area!.width * 0.2, area!.y + area!.height / 2);
    await expect
      .poll(() => readout.textContent(), { timeout: 10_000 })
      .not.toContain(formatDateRange(last.period.start, last.period.end, 'en'));
    // Panning the trend chart holds Telegram's swipe-to-close, and only while panning.
    const chart = page.getByTestId('trend-chart');
    await chart.scrollIntoViewIfNeeded();
    const box = await chart.boundingBox();
    await page.mouse.move(box!.x + box!.width / 2, box!.y + box!.height / 2);
    await page.mouse.down();
    await page.mouse.move(box!.x + box!.width / 4, box!.y + box!.height / 2, { steps: 5 });
    await page.mouse.up();
    const swipes = await sentToTelegram(page, 'web_app_setup_swipe_behavior');
    expect(swipes.map(([, d]) => d?.allow_vertical_swipe)).toEqual([false, true]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('opens the customers behind a count KPI or a cohort cell, equal in number, then a card, then back', async () => {
    const { page, errors } = await open(people.manager, '/?region=South', { width: 360 });
    for (const kpi of ['activeAtEnd', 'newCustomers', 'churnedCustomers']) {
      const card = page.getByTestId(`kpi-${kpi}`);
      await expect.poll(() => card.count(), { timeout: 30_000 }).toBe(1);
      const shown = (await page.getByTestId(`kpi-${kpi}-value`).textContent()) ?? '';
      await card.click();
      const count = page.getByTestId('customers-count');
      await expect.poll(() => count.count(), { timeout: 30_000 }).toBe(1);
      // The list's total is the number on the card (shown as the card writes it).
      expect(int(await count.getAttribute('data-total'))).toBe(shown);
      expect(new URL(page.url()).searchParams.get('region')).toBe('South');
      if (kpi === 'activeAtEnd') {
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
          360,
        );
        // The whole list as CSV (this Android client cannot save a file: shown for copying).
        await page.getByTestId('csv-download').click();
        const total = Number(await count.getAttribute('data-total'));
        await expect
          .poll(async () => (await page.getByTestId('csv-text').inputValue()).trim().split('\n'), {
            timeout: 30_000,
          })
          .toHaveLength(total + 1);
        await page.screenshot({
          path: path.join(shots, 'telegram-behind-kpi.png'),
          fullPage: true,
        });
        const first = page.getByTestId('customers-row').first();
        const name = (await first.locator('.customers-name').textContent()) ?? '';
        await first.click();
        await expect
          .poll(() => page.getByTestId('customer-name').textContent(), { timeout: 30_000 })
          .toBe(name);
        // Back in the browser's history to the list; Telegram's Back is pressed only once the
        // list has set its BackButton up again (the card hides it, the list shows it).
        const setups = async () => (await sentToTelegram(page, 'web_app_setup_back_button')).length;
        const before = await setups();
        await page.goBack();
        await expect.poll(setups, { timeout: 30_000 }).toBeGreaterThanOrEqual(before + 2);
      }
      // Telegram's Back returns to the dashboard with its filters.
      await telegramEmits(page, 'back_button_pressed');
      await expect.poll(() => page.getByTestId('dashboard').count(), { timeout: 30_000 }).toBe(1);
      expect(new URL(page.url()).searchParams.get('region')).toBe('South');
    }
    // A cohort cell opens those of the cohort back in that period: as many as the cell says.
    type Retention = {
      cohorts: {
        period: { start: string };
        cells: { k: number; customers: number; onOrAfter: number }[];
      }[];
    };
    const retention = await apiAs<Retention>(people.manager, '/analytics/retention?region=South');
    const cohort = retention.cohorts.find((c) => (c.cells[1]?.customers ?? 0) > 0)!;
    await page.getByTestId(`cohort-cell-${cohort.period.start}-1`).click();
    await page.getByTestId('cohort-list-cohort').click();
    await expect
      .poll(() => page.getByTestId('customers-count').getAttribute('data-total'), {
        timeout: 30_000,
      })
      .toBe(String(cohort.cells[1]!.customers));
    expect(await page.getByTestId('customers-row').count()).toBe(
      Math.min(20, cohort.cells[1]!.customers),
    );
    // And those back in that period or later.
    await telegramEmits(page, 'back_button_pressed');
    await page.getByTestId(`cohort-cell-${cohort.period.start}-1`).click();
    await page.getByTestId('cohort-list-cohortOnOrAfter').click();
    await expect
      .poll(() => page.getByTestId('customers-count').getAttribute('data-total'), {
        timeout: 30_000,
      })
      .toBe(String(cohort.cells[1]!.onOrAfter));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('opens the customers behind a segment, an RFM segment, the at-risk total and a campaign’s groups', async () => {
    type Segments = { segments: { name: string; customers: number }[] };
    type Rfm = { segments: { slug: string; customers: number }[] };
    type Campaigns = {
      campaigns: {
        name: string;
        redeemed: number;
        target: { members: number };
        control: { members: number };
      }[];
    };
    const segments = await apiAs<Segments>(people.manager, '/analytics/segments');
    const rfm = await apiAs<Rfm>(people.manager, '/analytics/rfm');
    const risk = await apiAs<{ totals: { atRisk: number } }>(
      people.manager,
      '/analytics/churn-risk',
    );
    // The demo business's past campaign.
    const effect = (await apiAs<Campaigns>(people.manager, '/analytics/campaigns')).campaigns[0]!;
    const segment = segments.segments[0]!;
    const champions = rfm.segments.find((s) => s.slug === 'champions')!;
    const numbers = [
      [`segment-list-${segment.name}`, segment.customers],
      ['segment-list-champions', champions.customers],
      ['at-risk-list', risk.totals.atRisk],
      ['campaignTargeted-list', effect.target.members],
      ['campaignControl-list', effect.control.members],
      ['campaignRedeemed-list', effect.redeemed],
    ] as const;
    const { page, errors } = await open(people.manager, '/', { width: 360 });
    for (const [link, expected] of numbers) {
      expect(expected, link).toBeGreaterThan(0);
      const number = page.getByTestId(link).first();
      await expect.poll(() => number.count(), { timeout: 30_000, message: link }).toBe(1);
      // The link shows the number it opens.
      expect(await number.textContent(), link).toContain(int(expected));
      await number.click();
      const count = page.getByTestId('customers-count');
      await expect
        .poll(() => count.getAttribute('data-total'), { timeout: 30_000, message: link })
        .toBe(String(expected));
      expect(await page.getByTestId('customers-row').count(), link).toBe(Math.min(20, expected));
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        360,
      );
      if (link === 'campaignTargeted-list') {
        expect(await page.locator('h1').textContent()).toContain(effect.name);
      }
      await telegramEmits(page, 'back_button_pressed');
      await expect.poll(() => page.getByTestId('dashboard').count(), { timeout: 30_000 }).toBe(1);
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('saves a list as an audience, filters the dashboard by it and aims a campaign at it', async () => {
    const { page, errors } = await open(people.manager, '/?region=South', { width: 360 });
    const card = page.getByTestId('kpi-churnedCustomers');
    await expect.poll(() => card.count(), { timeout: 30_000 }).toBe(1);
    const shown = (await page.getByTestId('kpi-churnedCustomers-value').textContent()) ?? '';
    await card.click();
    const count = page.getByTestId('customers-count');
    await expect.poll(() => count.count(), { timeout: 30_000 }).toBe(1);
    const total = Number(await count.getAttribute('data-total'));
    expect(int(total)).toBe(shown);
    // Saved live under a name of the manager's choosing (the list's title is offered).
    await page.getByTestId('save-audience').click();
    const name = page.getByTestId('audience-name');
    expect(await name.inputValue()).not.toBe('');
    await name.fill('Lapsed South');
    await page.getByTestId('audience-submit').click();
    const saved = page.getByTestId('audience-saved');
    await expect.poll(() => saved.textContent(), { timeout: 30_000 }).toContain('Lapsed South');
    expect(await saved.textContent()).toContain(int(total));
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      360,
    );
    await page.screenshot({
      path: path.join(shots, 'telegram-audience-saved.png'),
      fullPage: true,
    });
    type Audiences = { items: { id: number; name: string; size: number }[] };
    const audience = (await apiAs<Audiences>(people.manager, '/audiences')).items.find(
      (a) => a.name === 'Lapsed South',
    )!;
    expect(audience.size).toBe(total);
    // The dashboard for them: the filter shows the audience, the churned count is theirs.
    await page.getByTestId('audience-dashboard').click();
    await expect.poll(() => page.getByTestId('dashboard').count(), { timeout: 30_000 }).toBe(1);
    expect(new URL(page.url()).searchParams.get('audience')).toBe(String(audience.id));
    await expect
      .poll(() => page.getByTestId('filter-audience').inputValue(), { timeout: 30_000 })
      .toBe(String(audience.id));
    const filtered = await apiAs<Dashboard>(
      people.manager,
      `/analytics/dashboard?region=South&audience=${audience.id}`,
    );
    expect(filtered.kpis.churnedCustomers?.value).toBe(total);
    await expect
      .poll(() => page.getByTestId('kpi-churnedCustomers-value').textContent(), { timeout: 30_000 })
      .toBe(int(total));
    // The audiences screen lists it; its count opens its members.
    await page.getByTestId('audiences-link').click();
    const row = page.getByTestId('audience-row').filter({ hasText: 'Lapsed South' });
    await expect.poll(() => row.count(), { timeout: 30_000 }).toBe(1);
    await row.getByTestId('audience-members').click();
    await expect
      .poll(() => page.getByTestId('customers-count').getAttribute('data-total'), {
        timeout: 30_000,
      })
      .toBe(String(total));
    expect(await page.locator('h1').textContent()).toContain('Lapsed South');
    expect(errors).toEqual([]);
    await page.close();

    // An admin aims a campaign at it: the preview's size is the audience's.
    const admin = await open(people.admin, '/campaigns/new', { width: 360 });
    const target = admin.page.getByTestId('target-audience');
    await expect.poll(() => target.count(), { timeout: 30_000 }).toBe(1);
    await admin.page.getByTestId('campaign-name-input').fill('Win back lapsed South');
    await admin.page.getByTestId('offer-code').fill('LAPSED10');
    await admin.page.getByTestId('offer-title').fill('10% off your next order');
    await admin.page.getByTestId('offer-percent').fill('10');
    await target.selectOption(String(audience.id));
    await expect
      .poll(() => admin.page.getByTestId('preview-size').textContent(), { timeout: 30_000 })
      .toBe(int(total));
    await telegramEmits(admin.page, 'main_button_pressed');
    const popups = () => sentToTelegram(admin.page, 'web_app_open_popup');
    await expect.poll(async () => (await popups()).length, { timeout: 30_000 }).toBe(1);
    await telegramEmits(admin.page, 'popup_closed', { button_id: 'ok' });
    await expect
      .poll(() => new URL(admin.page.url()).pathname, { timeout: 30_000 })
      .toMatch(/^\/campaigns\/\d+$/);
    const id = Number(new URL(admin.page.url()).pathname.split('/').at(-1));
    type Launched = { target: { audience?: number }; members: { target: number; control: number } };
    const launched = await apiAs<Launched>(people.admin, `/campaigns/${id}`);
    expect(launched.target.audience).toBe(audience.id);
    expect(launched.members.target + launched.members.control).toBe(total);
    expect(admin.errors).toEqual([]);
    await admin.page.close();

    // A client reaches none of it: any path is their own view.
    const client = await open(people.client, '/audiences');
    await expect
      .poll(() => client.page.getByTestId('client-view').count(), { timeout: 30_000 })
      .toBe(1);
    expect(await client.page.getByTestId('audiences-page').count()).toBe(0);
    await client.page.close();
  });

  it('shares a block to a chat: a prepared message with its picture, title, range and filters', {
    timeout: 120_000,
  }, async () => {
    const { page, errors } = await open(people.manager, '/?region=South', { width: 360 });
    const button = page.getByTestId('share-cohorts');
    await expect.poll(() => button.count(), { timeout: 30_000 }).toBe(1);
    await button.click();
    // The Mini App hands the prepared message's id to Telegram's share dialog.
    const asked = () => sentToTelegram(page, 'web_app_send_prepared_message');
    await expect.poll(async () => (await asked()).length, { timeout: 60_000 }).toBe(1);
    const id = ((await asked())[0]?.[1] as { id?: string } | undefined)?.id;
    const saved = preparedMessages(emulator).find((m) => m.id === id);
    expect(saved?.userId).toBe(people.manager.id);
    expect(saved?.allow).toMatchObject({ allow_group_chats: true });
    const dashboard = await apiAs<{ period: { from: string; to: string } }>(
      people.manager,
      '/analytics/dashboard?region=South',
    );
    const caption = String(saved?.result.caption).split('\n');
    expect(caption[0]).toBe('Cohort retention');
    expect(caption[1]).toBe(formatDateRange(dashboard.period.from, dashboard.period.to, 'en'));
    expect(caption[2]).toBe('Region: South');
    expect(saved?.result).toMatchObject({ type: 'photo' });
    // Telegram fetches the picture: a JPEG of the block as this manager sees it.
    const photo = await fetch(String(saved?.result.photo_url));
    expect(photo.status).toBe(200);
    expect(photo.headers.get('content-type')).toBe('image/jpeg');
    const bytes = Buffer.from(await photo.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect(bytes.length).toBeGreaterThan(5_000);
    await writeFile(path.join(shots, 'telegram-shared-block.jpg'), bytes);
    const picture = await browser.newPage({ viewport: { width: 720, height: 400 } });
    await picture.goto(String(saved?.result.photo_url));
    await picture.screenshot({
      path: path.join(shots, 'telegram-shared-block.png'),
      fullPage: true,
    });
    await picture.close();
    // Sent: the button is ready again, no error shown.
    await telegramEmits(page, 'prepared_message_sent');
    await expect.poll(() => button.textContent(), { timeout: 30_000 }).toBe('Share ↗');
    expect(await page.locator('.share-problem').count()).toBe(0);
    // A name that is no picture's is not found.
    const missing = await fetch(`${server.url}/api/v1/share/images/${'A'.repeat(32)}.jpg`);
    expect(missing.status).toBe(404);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('uses what the client offers: full screen, a home-screen icon, the last filters kept', async () => {
    const { page, errors } = await open(people.manager, '/', { width: 390 });
    const full = page.getByTestId('platform-fullscreen');
    await expect.poll(() => full.count(), { timeout: 30_000 }).toBe(1);
    await full.click();
    await expect
      .poll(async () => (await sentToTelegram(page, 'web_app_request_fullscreen')).length, {
        timeout: 30_000,
      })
      .toBe(1);
    await telegramEmits(page, 'fullscreen_changed', { is_fullscreen: true });
    await expect.poll(() => full.textContent(), { timeout: 30_000 }).toBe('Exit full screen');
    await page.getByTestId('platform-home').click();
    await expect
      .poll(async () => (await sentToTelegram(page, 'web_app_add_to_home_screen')).length, {
        timeout: 30_000,
      })
      .toBe(1);
    // A region chosen is kept in Telegram's CloudStorage and comes back on the next opening.
    await page.getByTestId('filter-region').selectOption('South');
    const saved = async () =>
      (await sentToTelegram(page, 'web_app_invoke_custom_method')).filter(
        ([, d]) => d?.method === 'saveStorageValue',
      );
    await expect.poll(async () => (await saved()).length, { timeout: 30_000 }).toBe(1);
    expect((await saved())[0]?.[1]?.params).toEqual({
      key: 'dashboard-filters',
      value: 'region=South',
    });
    await page.goto(
      launchUrl(server.url, '/', initDataFor(people.manager, testBotToken), palettes.light),
    );
    await expect
      .poll(() => new URL(page.url()).searchParams.get('region'), { timeout: 30_000 })
      .toBe('South');
    await expect
      .poll(() => page.getByTestId('filter-region').inputValue(), { timeout: 30_000 })
      .toBe('South');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('finds a customer from any screen by part of a name, and opens the card', async () => {
    type Found = { total: number; items: { id: number; name: string | null }[] };
    // A fragment of a demo customer's surname, matched as the API matches it.
    const some = await apiAs<Found>(people.manager, '/users?pageSize=1&sort=name');
    const fragment = some.items[0]!.name!.split(' ').at(-1)!.slice(0, 3).toLowerCase();
    const expected = await apiAs<Found>(
      people.manager,
      `/users?q=${encodeURIComponent(fragment)}&pageSize=20&sort=name`,
    );
    expect(expected.total).toBeGreaterThan(0);
    const { page, errors } = await open(people.manager, '/', { width: 360 });
    await page.getByTestId('find-customer').click();
    await page.getByTestId('customers-search').fill(fragment);
    const count = page.getByTestId('customers-count');
    await expect
      .poll(() => count.getAttribute('data-total'), { timeout: 30_000 })
      .toBe(String(expected.total));
    const rows = page.getByTestId('customers-row');
    expect(await rows.count()).toBe(expected.items.length);
    // The query is in the address: a reload shows the same list.
    expect(new URL(page.url()).searchParams.get('q')).toBe(fragment);
    // Nothing overflows a 360 px phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      360,
    );
    await page.screenshot({
      path: path.join(shots, 'telegram-customer-search.png'),
      fullPage: true,
    });
    const first = expected.items[0]!;
    expect(await rows.first().textContent()).toContain(first.name);
    await rows.first().click();
    await expect
      .poll(() => page.getByTestId('customer-name').textContent(), { timeout: 30_000 })
      .toBe(first.name);
    // No one matches: said so, in the viewer's language.
    const nobody = await open(people.manager, '/customers?q=zzqx-nobody');
    await expect
      .poll(() => nobody.page.getByTestId('customers-page').textContent(), { timeout: 30_000 })
      .toContain('No customer matches.');
    expect([...errors, ...nobody.errors]).toEqual([]);
    await page.close();
    await nobody.page.close();
  });

  it('lets an admin act on a customer through the MainButton and native popups, audited', async () => {
    const { page, errors } = await open(people.admin, `/customers/${clientCustomer}`);
    await expect.poll(() => page.getByTestId('customer-name').count(), { timeout: 30_000 }).toBe(1);
    // The card is a nested screen: Telegram's BackButton shows.
    const back = await sentToTelegram(page, 'web_app_setup_back_button');
    expect(back.at(-1)?.[1]).toEqual({ is_visible: true });

    // Writing a note: the MainButton offers to save it and closing the app asks first.
    await page.getByTestId('note-input').fill('Asked about delivery to a new address.');
    await expect
      .poll(async () => (await sentToTelegram(page, 'web_app_setup_main_button')).at(-1)?.[1])
      .toMatchObject({ is_visible: true, is_active: true, text: 'Save note' });
    const closing = await sentToTelegram(page, 'web_app_setup_closing_behavior');
    expect(closing.at(-1)?.[1]).toEqual({ need_confirmation: true });
    await telegramEmits(page, 'main_button_pressed');
    await expect
      .poll(async () => (await sentToTelegram(page, 'web_app_open_popup')).length)
      .toBe(1);
    const popup = (await sentToTelegram(page, 'web_app_open_popup'))[0]?.[1];
    expect(popup).toMatchObject({
      title: 'Save this note?',
      message: 'Asked about delivery to a new address.',
    });
    await telegramEmits(page, 'popup_closed', { button_id: 'ok' });
    // Saved: the note is in the card's list (not only in the editor), then the haptic.
    const saved = page
      .getByTestId('customer-notes')
      .locator('.note', { hasText: 'Asked about delivery to a new address.' });
    await expect.poll(() => saved.count(), { timeout: 30_000 }).toBe(1);
    await expect
      .poll(
        async () =>
          (await sentToTelegram(page, 'web_app_trigger_haptic_feedback')).map(([, d]) => d),
        { timeout: 30_000 },
      )
      .toContainEqual({ type: 'notification', notification_type: 'success' });
    await expect
      .poll(
        async () => (await sentToTelegram(page, 'web_app_setup_closing_behavior')).at(-1)?.[1],
        { timeout: 30_000 },
      )
      .toEqual({ need_confirmation: false });

    // Assigning an offer: cancelled in the popup, nothing changes; confirmed, it is given.
    const offers = await apiAs<{ items: { id: number; code: string }[] }>(people.admin, '/offers');
    const offer = offers.items[0]!;
    await page.getByTestId('offer-picker').selectOption(String(offer.id));
    await page.getByTestId('offer-assign').click();
    await expect
      .poll(async () => (await sentToTelegram(page, 'web_app_open_popup')).length)
      .toBe(2);
    await telegramEmits(page, 'popup_closed', { button_id: 'cancel' });
    await page.waitForTimeout(300);
    const none = await apiAs<{ items: unknown[] }>(people.admin, `/users/${clientCustomer}/offers`);
    expect(none.items).toEqual([]);
    await page.getByTestId('offer-assign').click();
    await expect
      .poll(async () => (await sentToTelegram(page, 'web_app_open_popup')).length)
      .toBe(3);
    await telegramEmits(page, 'popup_closed', { button_id: 'ok' });
    await expect
      .poll(() => page.getByTestId(`offer-${offer.code}`).count(), { timeout: 30_000 })
      .toBe(1);
    const card = await apiAs<{ history: { action: string; actorTelegramId: string }[] }>(
      people.manager,
      `/users/${clientCustomer}`,
    );
    expect(card.history.map((h) => h.action)).toEqual(['offer.assign', 'customer.note.add']);
    expect(card.history.every((h) => h.actorTelegramId === String(people.admin.id))).toBe(true);
    await page.screenshot({ path: path.join(shots, 'telegram-admin-card.png'), fullPage: true });

    // Back to the dashboard through Telegram's BackButton.
    await telegramEmits(page, 'back_button_pressed');
    await expect.poll(() => new URL(page.url()).pathname).toBe('/');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows a client (in Russian) only their own stats, status and offers, even on staff routes', async () => {
    const own = await apiAs<{
      stats: { orders: number };
      loyalty: { tier: string };
    }>(people.client, `/users/${clientCustomer}`);
    const offers = await apiAs<{ items: { code: string }[] }>(
      people.client,
      `/users/${clientCustomer}/offers`,
    );
    expect(offers.items).toHaveLength(1); // the one the admin assigned above
    const { page, errors } = await open(people.client, '/', { palette: palettes.dark });
    await expect
      .poll(() => page.getByTestId('client-orders').textContent(), { timeout: 30_000 })
      .toBe(int(own.stats.orders, 'ru-RU'));
    // The default tiers' names in the client's language (Gold → Золото).
    expect(await page.getByTestId('loyalty-tier').textContent()).toBe(
      nameFor(own.loyalty.tier, 'ru'),
    );
    await expect
      .poll(() => page.getByTestId('offer-code').textContent())
      .toBe(offers.items[0]!.code);
    expect(await page.getByText('Мои предложения').count()).toBe(1);
    // Seeing the offer in the app counts as opening it (once).
    await expect
      .poll(
        async () =>
          (
            await apiAs<{ items: { openedAt: string | null }[] }>(
              people.client,
              `/users/${clientCustomer}/offers`,
            )
          ).items[0]?.openedAt,
        { timeout: 30_000 },
      )
      .toMatch(/^\d{4}-/);
    // "Message support" is the screen's MainButton, opening the support chat in Telegram.
    await expect
      .poll(async () => (await sentToTelegram(page, 'web_app_setup_main_button')).at(-1)?.[1])
      .toMatchObject({ is_visible: true, text: 'Написать в поддержку' });
    await telegramEmits(page, 'main_button_pressed');
    await expect
      .poll(async () => (await sentToTelegram(page, 'web_app_open_tg_link')).at(-1)?.[1])
      .toMatchObject({ path_full: '/shop_help' });
    await page.screenshot({ path: path.join(shots, 'telegram-client-dark.png'), fullPage: true });

    // Staff routes show the client's own view and nothing of the staff's.
    const other = clientCustomer === 1 ? 2 : 1;
    for (const route of [
      `/customers/${other}`,
      '/customers?q=a',
      '/block/kpis',
      '/?region=North',
    ]) {
      await page.goto(
        launchUrl(server.url, route, initDataFor(people.client, testBotToken), palettes.dark),
      );
      await expect.poll(() => page.getByTestId('client-view').count(), { timeout: 30_000 }).toBe(1);
      expect(await page.getByTestId('customer-card').count()).toBe(0);
      expect(await page.getByTestId('kpi-activeAtEnd-value').count()).toBe(0);
      expect(await page.getByTestId('customers-list').count()).toBe(0);
      expect(await page.getByTestId('find-customer').count()).toBe(0);
    }
    const refused = await fetch(`${server.url}/api/v1/users/${other}`, {
      headers: { authorization: `tma ${initDataFor(people.client, testBotToken)}` },
    });
    expect(refused.status).toBe(404);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('asks to reopen the app when its initData has expired', async () => {
    const { page } = await open(people.manager, '/', {
      authDate: new Date(Date.now() - 2 * 3600_000),
    });
    await expect
      .poll(() => page.getByText('Please reopen the app').count(), { timeout: 30_000 })
      .toBe(1);
    expect(await page.getByText(/initData expired/).count()).toBe(1);
    expect(await page.getByTestId('kpi-activeAtEnd-value').count()).toBe(0);
    await page.screenshot({ path: path.join(shots, 'telegram-expired.png') });
    await page.close();
  });

  it('asks to reopen the app when its initData expires while it is open', async () => {
    // Valid for 10 more seconds (INITDATA_MAX_AGE=3600): the dashboard loads, then the live
    // poll meets a 401 and the whole screen asks to reopen, in the user's language.
    const { page } = await open({ ...people.manager, language_code: 'ru' }, '/', {
      authDate: new Date(Date.now() - (3600 - 10) * 1000),
    });
    await expect
      .poll(() => page.getByTestId('kpi-activeAtEnd-value').count(), { timeout: 10_000 })
      .toBe(1);
    await expect
      .poll(() => page.getByText('Откройте приложение заново').count(), { timeout: 30_000 })
      .toBe(1);
    expect(await page.getByTestId('kpi-activeAtEnd-value').count()).toBe(0);
    await page.close();
  });

  it('explains in a plain browser (no Telegram, no demo mode) how to open the app', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${server.url}/`);
    await expect
      .poll(() => page.getByText('Open this app from the Telegram bot').count(), {
        timeout: 30_000,
      })
      .toBe(1);
    expect(await page.getByText(/only works inside Telegram/).count()).toBe(1);
    await page.screenshot({ path: path.join(shots, 'telegram-outside.png') });
    await page.close();
    // A browser set to Russian reads it in Russian.
    const ru = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'ru-RU' });
    await ru.goto(`${server.url}/`);
    await expect
      .poll(() => ru.getByText('Откройте приложение из Telegram-бота').count(), {
        timeout: 30_000,
      })
      .toBe(1);
    expect(await ru.getByText(/работает только внутри Telegram/).count()).toBe(1);
    await ru.close();
  });

  it.each([
    [320, 640, 'dark'],
    [360, 640, 'dark'],
    [1280, 800, 'light'],
  ] as const)('fits a %ix%i %s screen, with readable contrast', async (w, h, theme) => {
    const palette = palettes[theme];
    for (const [who, route] of [
      [people.manager, '/'],
      [people.admin, `/customers/${clientCustomer}`],
      [people.client, '/'],
      [people.manager, '/customers?q=a'],
      [people.manager, '/behind/activeAtEnd'],
    ] as const) {
      const { page } = await open(who, route, { palette, width: w, height: h });
      // The screen first, then no block still loading (before it renders there is none).
      await expect.poll(() => page.locator('main').count(), { timeout: 30_000 }).toBe(1);
      await expect.poll(() => page.getByTestId('skeleton').count(), { timeout: 30_000 }).toBe(0);
      await page.waitForTimeout(500); // charts are loaded on demand
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, `${route} overflows`).toBe(0);
      // Every chart as wide as its block.
      for (const chart of await page.getByTestId('trend-chart').all()) {
        const box = await chart.boundingBox();
        expect(box?.width).toBeGreaterThan(Math.min(w, 480) * 0.7);
      }
      expect(await contrast(page, '.page-title')).toBeGreaterThanOrEqual(7);
      expect(await contrast(page, '.hint')).toBeGreaterThanOrEqual(3);
      const screen =
        route === '/' ? 'home' : (route.match(/^\/(customers\?|behind)/)?.[1] ?? 'card');
      const name = `${who.first_name}-${screen.replace('customers?', 'search')}`.toLowerCase();
      await page.screenshot({
        path: path.join(shots, `telegram-${w}x${h}-${theme}-${name}.png`),
        fullPage: true,
      });
      await page.close();
    }
  });
});

/** WCAG contrast of the first `selector` element's text against the background behind it. */
function contrast(page: Page, selector: string): Promise<number> {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    if (!el) return 21;
    // "rgb(r, g, b)" or, for color-mix(), "color(srgb r g b)" with channels in 0-1.
    const rgb = (c: string) => {
      const n = (c.match(/[\d.]+/g) ?? []).map(Number);
      return c.startsWith('color(srgb') ? n.map((v, i) => (i < 3 ? v * 255 : v)) : n;
    };
    const luminance = ([r = 0, g = 0, b = 0]: number[]) => {
      const lin = (v: number) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    let bg: number[] = [255, 255, 255];
    for (let n: Element | null = el; n; n = n.parentElement) {
      const c = rgb(getComputedStyle(n).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3]! > 0)) {
        bg = c.slice(0, 3);
        break;
      }
    }
    const fg = luminance(rgb(getComputedStyle(el).color));
    const back = luminance(bg);
    return (Math.max(fg, back) + 0.05) / (Math.min(fg, back) + 0.05);
  }, selector);
}
