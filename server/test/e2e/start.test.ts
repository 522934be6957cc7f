import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createServerDatabase, dropServerDatabase } from '@retention/db/testing';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, hasChromium, repoRoot } from '../../../test/requirements.ts';
import { type ServerProcess, startServer } from './server-process.ts';

const shots = path.join(repoRoot, '.test-results');

describe.skipIf(!hasChromium())('the product from a clean start (embedded database)', () => {
  let server: ServerProcess;
  let browser: Browser;
  beforeAll(async () => {
    execFileSync('npm', ['run', 'build', '-w', '@retention/miniapp'], {
      cwd: repoRoot,
      stdio: 'ignore',
    });
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
      await page.goto(`${server.url}/${role === 'manager' ? '' : `?role=${role}`}`);
      await expect
        .poll(() => page.getByTestId('me-role').textContent(), { timeout: 20_000 })
        .toMatch(new RegExp(role, 'i'));
      expect(await page.getByTestId('me-name').textContent()).toBeTruthy();
      await page.screenshot({ path: path.join(shots, `shell-${role}.png`) });
      expect(errors).toEqual([]);
      await page.close();
    },
  );

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
          body: JSON.stringify({ role: 'manager' }),
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
