import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createServerDatabase, dropServerDatabase } from '@retention/db/testing';
import pg from 'pg';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, hasChromium, repoRoot } from '../../../test/requirements.ts';
import { buildMiniappOnce } from './miniapp-build.ts';
import { type ServerProcess, startServer } from './server-process.ts';

const shots = path.join(repoRoot, '.test-results');

describe.skipIf(!hasChromium())('the product from a clean start (embedded database)', () => {
  let server: ServerProcess;
  let browser: Browser;
  beforeAll(async () => {
    await buildMiniappOnce();
    server = await startServer({ DEMO_CUSTOMERS: '300' });
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    mkdirSync(shots, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('serves /health on PGlite, with the demo data loaded', async () => {
    const health = await (await fetch(`${server.url}/health`)).json();
    expect(health).toMatchObject({ status: 'ok', database: 'pglite', mode: 'demo' });
    expect(server.output()).toMatch(/mode: DEMO/);
    expect(server.output()).toMatch(/demo data loaded/);
    // The start log's link carries the demo key; without it no session is given.
    expect(server.output()).toMatch(/open http:\/\/127\.0\.0\.1:\d+\/\?demo=[\w-]{16,}/);
    const refused = await fetch(`${server.url}/api/v1/demo/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'admin' }),
    });
    expect(refused.status).toBe(403);
  });

  it('serves the API docs at /docs and /redoc', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/docs`);
    await expect
      .poll(() => page.locator('.swagger-ui .opblock').count(), { timeout: 20_000 })
      .toBeGreaterThan(3);
    await page.goto(`${server.url}/redoc`);
    await expect
      .poll(() => page.getByText('Retention Desk API').count(), { timeout: 20_000 })
      .toBeGreaterThan(0);
    await page.close();
  });

  it.each(['manager', 'admin', 'client'])(
    'shows the demo %s signed in in the Mini App',
    async (role) => {
      const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(server.link(role === 'manager' ? '/' : `/?role=${role}`));
      await expect
        .poll(() => page.getByTestId('me-role').textContent(), { timeout: 20_000 })
        .toMatch(new RegExp(role, 'i'));
      expect(await page.getByTestId('me-name').textContent()).toBeTruthy();
      await page.screenshot({ path: path.join(shots, `shell-${role}.png`) });
      expect(errors).toEqual([]);
      await page.close();
    },
  );

  /** The API's answer for a demo role, to compare with what the Mini App shows. */
  async function apiAs<T>(role: string, path: string): Promise<T> {
    const session = await fetch(`${server.url}/api/v1/demo/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role, key: server.demoKey }),
    }).then((r) => r.json());
    return fetch(`${server.url}/api/v1${path}`, {
      headers: { authorization: `tma ${session.initDataRaw}` },
    }).then((r) => r.json() as Promise<T>);
  }
  const int = (v: unknown) => Number(v).toLocaleString('en-US', { maximumFractionDigits: 0 });
  const pct = (v: unknown) =>
    `${(Number(v) * 100).toLocaleString('en-US', { maximumFractionDigits: 1 })}%`;
  type Dashboard = { kpis: Record<string, { value: number | string | null }> };

  it('shows the manager the dashboard with the API’s numbers, and follows the region filter', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(server.link(`/`));
    const value = (key: string) => page.getByTestId(`kpi-${key}-value`).textContent();
    await expect.poll(() => value('activeAtEnd'), { timeout: 20_000 }).toMatch(/\d/);
    const all = await apiAs<Dashboard>('manager', '/analytics/dashboard');
    expect(await value('activeAtEnd')).toBe(int(all.kpis.activeAtEnd?.value));
    expect(await value('newCustomers')).toBe(int(all.kpis.newCustomers?.value));
    expect(await value('churnedCustomers')).toBe(int(all.kpis.churnedCustomers?.value));
    expect(await value('churnRate')).toBe(pct(all.kpis.churnRate?.value));
    // The cohort heatmap: a cell shows the API's share, a tap gives its numbers.
    type Retention = {
      cohorts: {
        period: { start: string };
        size: number;
        cells: { customers: number; share: number }[];
      }[];
    };
    const retention = await apiAs<Retention>('manager', '/analytics/retention');
    const cohort = retention.cohorts.find((c) => c.cells.length > 1 && c.size > 0);
    const cell = page.getByTestId(`cohort-cell-${cohort?.period.start}-1`);
    await expect
      .poll(() => cell.textContent(), { timeout: 20_000 })
      .toBe(String(Math.round((cohort?.cells[1]?.share ?? 0) * 100)));
    await cell.click();
    expect(await page.getByTestId('cohort-picked').textContent()).toContain(
      `period 1: ${Number(cohort?.cells[1]?.customers).toLocaleString('en-US')} of ${Number(cohort?.size).toLocaleString('en-US')} ordered`,
    );
    await page.screenshot({ path: path.join(shots, 'dashboard-manager.png'), fullPage: true });

    await page.getByTestId('filter-region').selectOption('North');
    await expect.poll(() => page.url()).toMatch(/region=North/);
    const north = await apiAs<Dashboard>('manager', '/analytics/dashboard?region=North');
    await expect
      .poll(() => value('activeAtEnd'), { timeout: 20_000 })
      .toBe(int(north.kpis.activeAtEnd?.value));
    expect(north.kpis.activeAtEnd?.value).not.toBe(all.kpis.activeAtEnd?.value);
    expect(await value('revenue')).toBe(
      Number(north.kpis.revenue?.value).toLocaleString('en-US', { maximumFractionDigits: 0 }),
    );
    // Simple LTV as the API computes it (or a dash with the reason when undefined).
    const ltv = await apiAs<{ simple: { ltv: string | null } }>(
      'manager',
      '/analytics/ltv?region=North',
    );
    const money = (v: string) => {
      const n = Number(v);
      const d = Math.abs(n) < 1000 ? 2 : 0;
      return n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
    };
    await expect
      .poll(() => page.getByTestId('simple-ltv').textContent(), { timeout: 20_000 })
      .toBe(ltv.simple.ltv === null ? '—' : money(ltv.simple.ltv));
    // Drilling into an RFM segment filters every block to it.
    await page.getByTestId('segment-champions').click();
    await expect.poll(() => page.url()).toMatch(/segment=champions/);
    const champions = await apiAs<Dashboard>(
      'manager',
      '/analytics/dashboard?region=North&segment=champions',
    );
    await expect
      .poll(() => value('activeAtEnd'), { timeout: 20_000 })
      .toBe(int(champions.kpis.activeAtEnd?.value));
    // A custom range: the dates go to the URL and every figure follows.
    await page.getByTestId('filter-from').fill('2026-03-01');
    await page.getByTestId('filter-to').fill('2026-05-31');
    await expect.poll(() => page.url()).toMatch(/from=2026-03-01.*to=2026-05-31/);
    await expect
      .poll(() => page.getByTestId('dashboard-period').textContent(), { timeout: 20_000 })
      .toMatch(/^Mar 1\s–\sMay 31, 2026$/u);
    const spring = await apiAs<Dashboard>(
      'manager',
      '/analytics/dashboard?region=North&segment=champions&from=2026-03-01&to=2026-05-31',
    );
    expect(await value('newCustomers')).toBe(int(spring.kpis.newCustomers?.value));
    expect(await page.getByTestId('block-campaigns').count()).toBe(1);
    expect(await page.getByTestId('breakdown-table').count()).toBe(1);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('filters the dashboard by acquisition channel', async () => {
    // The filter offers the values of /analytics/options.
    const options = await apiAs<{ channels: string[] }>('manager', '/analytics/options');
    const channel = options.channels[0] as string;
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(server.link(`/`));
    await page.getByTestId('filter-channel').selectOption(channel);
    await expect
      .poll(() => page.url())
      .toMatch(new RegExp(`channel=${encodeURIComponent(channel)}`));
    const one = await apiAs<Dashboard>(
      'manager',
      `/analytics/dashboard?channel=${encodeURIComponent(channel)}`,
    );
    await expect
      .poll(() => page.getByTestId('kpi-activeAtEnd-value').textContent(), { timeout: 20_000 })
      .toBe(int(one.kpis.activeAtEnd?.value));
    await page.close();
  });

  it.each([
    [360, 640, 'dark'],
    [1280, 800, 'light'],
  ] as const)(
    'fits the dashboard in %ix%i (%s theme) without horizontal overflow',
    async (w, h, theme) => {
      const page = await browser.newPage({ viewport: { width: w, height: h } });
      await page.goto(server.link(`/?theme=${theme}`));
      await expect
        .poll(() => page.getByTestId('kpi-activeAtEnd-value').textContent(), { timeout: 20_000 })
        .toMatch(/\d/);
      await page.waitForTimeout(500); // the chart is loaded on demand
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBe(0);
      const chart = await page.getByTestId('trend-chart').boundingBox();
      expect(chart?.width).toBeGreaterThan(w / 2);
      await page.screenshot({
        path: path.join(shots, `dashboard-${w}x${h}-${theme}.png`),
        fullPage: true,
      });
      await page.close();
    },
  );

  it('renders each dashboard block alone at its own route, for screenshots', async () => {
    const page = await browser.newPage({ viewport: { width: 720, height: 600 } });
    for (const [name, inside] of [
      ['kpis', 'kpi-activeAtEnd-value'],
      ['cohorts', 'cohort-table'],
      ['ltv', 'ltv-table'],
      ['breakdown', 'breakdown-table'],
      ['trends', 'trend-chart'],
    ] as const) {
      await page.goto(server.link(`/block/${name}?region=North`));
      await expect.poll(() => page.getByTestId(inside).count(), { timeout: 20_000 }).toBe(1);
      // Ready for a screenshot once no part of the block is still loading (the LTV block reads
      // two endpoints: one may answer before the other).
      await expect.poll(() => page.getByTestId('skeleton').count(), { timeout: 20_000 }).toBe(0);
      expect(await page.getByTestId('me-role').count()).toBe(0);
      await page.screenshot({ path: path.join(shots, `block-${name}.png`) });
    }
    await page.goto(server.link(`/block/nope`));
    await expect.poll(() => page.getByText('Unknown block').count(), { timeout: 20_000 }).toBe(1);
    await page.close();
  });

  it('opens a customer card for staff with the API’s figures', async () => {
    const list = await apiAs<{ items: { id: number; name: string }[] }>(
      'manager',
      '/users/?pageSize=1',
    );
    const id = list.items[0]?.id ?? 1;
    const card = await apiAs<{ name: string; recentOrders: unknown[] }>('manager', `/users/${id}`);
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(server.link(`/customers/${id}`));
    await expect
      .poll(() => page.getByTestId('customer-name').textContent(), { timeout: 20_000 })
      .toBe(card.name);
    await page.screenshot({ path: path.join(shots, 'customer-card.png'), fullPage: true });
    await page.close();
  });

  it('shows a client only their own stats, also on a staff route', async () => {
    const me = await apiAs<{ customer: { id: number } }>('client', '/me');
    const own = await apiAs<{ stats: { orders: number } }>('client', `/users/${me.customer.id}`);
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(server.link(`/?role=client`));
    await expect
      .poll(() => page.getByTestId('client-orders').textContent(), { timeout: 20_000 })
      .toBe(int(own.stats.orders));
    await page.screenshot({ path: path.join(shots, 'client-view.png'), fullPage: true });
    const other = me.customer.id === 1 ? 2 : 1;
    await page.goto(server.link(`/customers/${other}?role=client`));
    await expect.poll(() => page.getByTestId('client-view').count(), { timeout: 20_000 }).toBe(1);
    expect(await page.getByTestId('customer-card').count()).toBe(0);
    expect(await page.getByTestId('dashboard').count()).toBe(0);
    await page.close();
  });

  it('stops gracefully on SIGTERM', async () => {
    expect(await server.stop()).toBe(0);
  });
});

const serverUrl = process.env.TEST_DATABASE_URL;

// Part of the Postgres run only (TEST_DATABASE_URL); the PGlite run has no server to use.
if (serverUrl)
  describe('the product started on PostgreSQL (DATABASE_URL)', () => {
    let server: ServerProcess;
    let url: string;
    beforeAll(async () => {
      url = await createServerDatabase(serverUrl!);
      server = await startServer({ DATABASE_URL: url });
    });
    afterAll(async () => {
      await server?.stop();
      await dropServerDatabase(serverUrl!, url);
    });

    it('applies the migrations to the empty database and says postgres', async () => {
      const health = await (await fetch(`${server.url}/health`)).json();
      expect(health).toMatchObject({ status: 'ok', database: 'postgres' });
      expect(health.migrations.applied).toBeGreaterThan(0);
      expect(server.output()).toMatch(/applied \d+ migration/);
      expect(server.output()).not.toMatch(/demo data loaded/);
    });

    it.skipIf(!hasChromium())(
      'updates an open dashboard without a reload when new orders arrive',
      async () => {
        const other = await createServerDatabase(serverUrl!);
        const live = await startServer({
          DATABASE_URL: other,
          DEMO_DATA: 'on',
          DEMO_CUSTOMERS: '300',
          ANALYTICS_REFRESH_SECONDS: '1',
          RETRAIN_HOURS: '0',
        });
        const browser = await chromium.launch({
          executablePath: chromiumPath,
          args: ['--headless', '--no-sandbox', '--disable-gpu'],
        });
        const db = new pg.Client({ connectionString: other });
        try {
          const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
          await page.goto(live.link('/'));
          const newCustomers = () => page.getByTestId('kpi-newCustomers-value').textContent();
          await expect.poll(newCustomers, { timeout: 30_000 }).toMatch(/\d/);
          const before = Number((await newCustomers())?.replace(/\D/g, ''));
          // Another system writes a first order of a new customer straight into the database.
          await db.connect();
          const c = await db.query(
            "INSERT INTO customers (external_id, name, region) VALUES ('live-1', 'Live Test', 'North') RETURNING id",
          );
          await db.query(
            "INSERT INTO orders (external_id, customer_id, placed_at, total) VALUES ('live-o-1', $1, now(), 42)",
            [c.rows[0].id],
          );
          await expect
            .poll(async () => Number((await newCustomers())?.replace(/\D/g, '')), {
              timeout: 30_000,
            })
            .toBe(before + 1);
          await page.screenshot({ path: path.join(shots, 'dashboard-live-update.png') });
        } finally {
          await db.end().catch(() => {});
          await browser.close();
          await live.stop();
          await dropServerDatabase(serverUrl!, other);
        }
      },
    );

    it('loads demo data into an empty Postgres database with DEMO_DATA=on', async () => {
      const other = await createServerDatabase(serverUrl!);
      const demo = await startServer({
        DATABASE_URL: other,
        DEMO_DATA: 'on',
        DEMO_CUSTOMERS: '1500',
      });
      try {
        expect(demo.output()).toMatch(/demo data loaded/);
        const session = await fetch(`${demo.url}/api/v1/demo/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ role: 'manager', key: demo.demoKey }),
        }).then((r) => r.json());
        const users = await fetch(`${demo.url}/api/v1/users/?pageSize=1`, {
          headers: { authorization: `tma ${session.initDataRaw}` },
        }).then((r) => r.json());
        expect(users.total).toBe(1500);
      } finally {
        await demo.stop();
        await dropServerDatabase(serverUrl!, other);
      }
    });
  });
