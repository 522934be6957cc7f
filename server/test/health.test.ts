// /health/live answers while the process runs; /health/ready (and /health) only while the
// database answers and every migration is applied, else 503 with the reason, never a hang.
import { appliedMigrations, openDatabase } from '@retention/db';
import { dropServerDatabase } from '@retention/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkReadiness } from '../src/lib/readiness.ts';
import { freePort } from './e2e/server-process.ts';
import { buildTestApp, type TestApp } from './helpers/build-app.ts';
import { scrape } from './helpers/metrics.ts';

describe('health endpoints', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t?.close());

  it('live and ready answer 200 over a migrated database', async () => {
    const live = await t.app.inject({ url: '/health/live' });
    expect(live.statusCode).toBe(200);
    expect(live.json()).toMatchObject({ status: 'ok' });
    const ready = await t.app.inject({ url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    const { migrations } = ready.json();
    expect(ready.json().status).toBe('ready');
    expect(migrations.applied).toBeGreaterThan(0);
    expect(migrations.applied).toBe(migrations.expected);
    expect((await t.app.inject({ url: '/health' })).json().status).toBe('ok');
  });

  it('a pending migration makes the database not ready', async () => {
    const applied = await appliedMigrations(t.app.prisma);
    const r = await checkReadiness(t.app.prisma, [...applied, '29990101000000_not_yet']);
    expect(r).toMatchObject({ ready: false, reason: 'migrations pending: 29990101000000_not_yet' });
  });

  it('a database that never answers is reported after the deadline, not waited for', async () => {
    const silent = { $queryRaw: () => new Promise(() => {}) } as never;
    const started = Date.now();
    const r = await checkReadiness(silent, [], 150);
    expect(r).toMatchObject({
      ready: false,
      reason: 'database unreachable: no answer within 150 ms',
    });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('a Postgres nobody listens on is unreachable at once', async () => {
    const port = await freePort();
    const db = await openDatabase({
      databaseUrl: `postgresql://postgres@127.0.0.1:${port}/nothing`,
      dataDir: '',
    });
    try {
      const r = await checkReadiness(db.prisma, []);
      expect(r.ready).toBe(false);
      if (!r.ready) expect(r.reason).toMatch(/^database unreachable: /);
    } finally {
      await db.close().catch(() => {});
    }
  });
});

describe('health probes and the rate limit', () => {
  it('never answers 429 to hundreds of probes from one address; other routes stay limited', async () => {
    const t = await buildTestApp({ RATE_LIMIT_MAX: '5' });
    try {
      const probes = [
        '/health',
        '/health/live',
        '/health/ready',
        '/health/live?t=1',
        '/health/ready?x',
      ];
      const statuses = new Set<number>();
      // 200 probes, 20 at a time, all from one address.
      for (let i = 0; i < 200; i += 20) {
        const batch = probes.flatMap((url) => Array.from({ length: 4 }, () => url));
        const answers = await Promise.all(
          batch.map((url) => t.app.inject({ url, remoteAddress: '10.1.2.3' })),
        );
        for (const a of answers) statuses.add(a.statusCode);
      }
      expect([...statuses]).toEqual([200]);
      const other: number[] = [];
      for (let i = 0; i < 7; i++)
        other.push(
          (await t.app.inject({ url: '/api/v1/me', remoteAddress: '10.1.2.3' })).statusCode,
        );
      expect(other).toEqual([401, 401, 401, 401, 401, 429, 429]);
    } finally {
      await t.close();
    }
  });
});

describe('health when the database goes away', () => {
  it('ready and /health answer 503 with the reason; live and /metrics still answer', async () => {
    const t = await buildTestApp();
    try {
      expect((await t.app.inject({ url: '/health/ready' })).statusCode).toBe(200);
      const serverUrl = process.env.TEST_DATABASE_URL;
      if (serverUrl && t.database.url) await dropServerDatabase(serverUrl, t.database.url);
      else await t.database.db.close();

      const ready = await t.app.inject({ url: '/health/ready' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toMatchObject({ status: 'unready' });
      expect(ready.json().reason).toMatch(/^database unreachable: /);
      const health = await t.app.inject({ url: '/health' });
      expect(health.statusCode).toBe(503);
      expect(health.json()).toMatchObject({ status: 'unhealthy' });
      expect(health.json().error).toMatch(/^database unreachable: /);

      expect((await t.app.inject({ url: '/health/live' })).statusCode).toBe(200);
      expect(await scrape(t.app)).toContain('process_cpu_user_seconds_total');
    } finally {
      await t.app.close();
      await t.database.drop().catch(() => {});
    }
  });
});
