// GET /metrics: request latency by route template, ingestion, jobs and rounds, queue
// depths read from the database, and who may read it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, testBotToken } from './helpers/build-app.ts';
import { type Fixture, loadFixture } from './helpers/fixtures.ts';
import { apiKeyFor, event } from './helpers/ingest.ts';
import { samples, scrape, value } from './helpers/metrics.ts';
import { eventually } from './helpers/wait.ts';

describe('/metrics', () => {
  let t: TestApp;
  let fixture: Fixture;
  beforeAll(async () => {
    t = await buildTestApp({ BOT_TOKEN: testBotToken });
    fixture = await loadFixture(t.database.db.prisma);
  });
  afterAll(() => t?.close());

  it('times requests by route template, never by raw URL, with process metrics', async () => {
    const id = fixture.clientA;
    for (let i = 0; i < 3; i++) await t.app.inject({ url: `/api/v1/users/${id + i}` });
    await t.app.inject({ url: '/api/v1/nothing-here/12345' });
    await t.app.inject({ url: '/health/live' });
    const text = await scrape(t.app);
    const labels = { method: 'GET', route: '/api/v1/users/:id', status_code: '401' };
    expect(value(text, 'http_request_duration_seconds_count', labels)).toBe(3);
    expect(value(text, 'http_request_duration_seconds_bucket', { ...labels, le: '+Inf' })).toBe(3);
    expect(
      value(text, 'http_request_duration_seconds_count', {
        route: 'unmatched',
        status_code: '404',
      }),
    ).toBe(1);
    expect(value(text, 'http_request_duration_seconds_count', { route: '/health/live' })).toBe(1);
    const routes = new Set(
      samples(text, 'http_request_duration_seconds_count').map((s) => s.labels.route),
    );
    for (const route of routes) expect(route).not.toMatch(/\d{2,}/);
    expect(samples(text, 'process_cpu_user_seconds_total')).toHaveLength(1);
    expect(samples(text, 'nodejs_heap_size_used_bytes')).toHaveLength(1);
  });

  it('counts ingestion batches and items, and the analytics refresh that follows', async () => {
    const key = await apiKeyFor(t);
    const before = await scrape(t.app);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/ingest/events',
      headers: { 'x-api-key': key },
      payload: {
        items: [event('m1'), event('m2'), event('m1'), event('m3', { channel: 'carrier-pigeon' })],
      },
    });
    expect(res.statusCode).toBe(207);
    const body = res.json();
    const text = await scrape(t.app);
    const items = (outcome: string) =>
      value(text, 'ingest_items_total', { kind: 'events', outcome }) -
      value(before, 'ingest_items_total', { kind: 'events', outcome });
    expect(items('accepted')).toBe(body.accepted);
    expect(items('stored')).toBe(body.stored);
    expect(items('duplicate')).toBe(body.duplicates);
    expect(items('rejected')).toBe(1);
    expect([body.accepted, body.stored, body.duplicates]).toEqual([3, 2, 1]);
    expect(value(text, 'ingest_batches_total', { kind: 'events', result: 'some' })).toBe(1);
    // Stored items make the refresher run 200 ms later.
    const refreshes = value(before, 'analytics_refresh_duration_seconds_count', { outcome: 'ok' });
    await eventually(async () => {
      const after = await scrape(t.app);
      expect(
        value(after, 'analytics_refresh_duration_seconds_count', { outcome: 'ok' }),
      ).toBeGreaterThan(refreshes);
    });
  });

  it('times training jobs with their outcome as recorded in model_runs', async () => {
    const { jobId } = await t.app.training.start('segments');
    const prisma = t.database.db.prisma;
    await eventually(async () => {
      const run = await prisma.modelRun.findUniqueOrThrow({ where: { id: jobId } });
      expect(run.status).not.toBe('running');
      const outcome = run.status === 'succeeded' ? 'ok' : 'error';
      const text = await scrape(t.app);
      expect(
        value(text, 'training_job_duration_seconds_count', { kind: 'segments', outcome }),
      ).toBe(1);
    }, 60_000);
  });

  it('times alert ticks and counts what they sent', async () => {
    await t.app.alerts!.tick(new Date());
    const text = await scrape(t.app);
    expect(value(text, 'alerts_tick_duration_seconds_count', { outcome: 'ok' })).toBe(1);
    expect(samples(text, 'alerts_notifications_sent_total')).toEqual([{ labels: {}, value: 0 }]);
  });

  it('reads queue depths from the database at scrape time', async () => {
    const prisma = t.database.db.prisma;
    const offer = await prisma.offer.create({
      data: {
        code: 'METRICS',
        title: '10% off',
        kind: 'discount_percent',
        percentOff: 10,
        validFrom: new Date('2025-01-01T00:00:00Z'),
        validTo: new Date('2099-01-01T00:00:00Z'),
      },
    });
    const states = ['queued', 'queued', 'sending', 'sent'] as const;
    await prisma.offerAssignment.createMany({
      data: states.map((deliveryState, i) => ({
        offerId: offer.id,
        customerId: fixture.southCustomers[i]!,
        code: `METRICS-${i}`,
        deliveryState,
      })),
    });
    await prisma.notification.createMany({
      data: ['pending', 'pending', 'sending', 'sent'].map((status, i) => ({
        telegramUserId: 5001n,
        kind: 'digest',
        key: `2025-01-0${i + 1}`,
        status: status as 'pending',
        dueAt: new Date(),
      })),
    });
    await prisma.modelRun.create({
      data: { kind: 'churn', status: 'running', asOf: new Date() },
    });
    const text = await scrape(t.app);
    const count = async (sql: string) =>
      Number((await t.database.db.query<{ n: string }>(sql)).rows[0]!.n);
    for (const state of ['queued', 'sending']) {
      expect(value(text, 'delivery_queue_depth', { state })).toBe(
        await count(
          `SELECT count(*) AS n FROM offer_assignments WHERE delivery_state = '${state}'`,
        ),
      );
    }
    for (const status of ['pending', 'sending']) {
      expect(value(text, 'notifications_queue_depth', { status })).toBe(
        await count(`SELECT count(*) AS n FROM notifications WHERE status = '${status}'`),
      );
    }
    expect(value(text, 'training_jobs_running')).toBe(
      await count(`SELECT count(*) AS n FROM model_runs WHERE status = 'running'`),
    );
    expect(value(text, 'delivery_queue_depth', { state: 'queued' })).toBe(2);
    expect(value(text, 'notifications_queue_depth', { status: 'pending' })).toBe(2);
    expect(value(text, 'training_jobs_running')).toBeGreaterThanOrEqual(1);
  });

  it('is closed without METRICS_TOKEN, to loopback callers too', async () => {
    // A reverse proxy on this machine (a plain nginx proxy_pass) makes every caller look
    // local: being local cannot be the permission.
    const closed = await buildTestApp({ METRICS_TOKEN: '' });
    try {
      for (const headers of [
        {},
        { host: 'localhost:3000' },
        { 'x-forwarded-for': '203.0.113.7' },
      ]) {
        const res = await closed.app.inject({ url: '/metrics', headers });
        expect(res.statusCode).toBe(401);
        expect(res.json().message).toMatch(/set METRICS_TOKEN/);
      }
    } finally {
      await closed.close();
    }
  });

  it('stays out of the OpenAPI document', async () => {
    const doc = (await t.app.inject({ url: '/docs/json' })).json();
    expect(Object.keys(doc.paths)).not.toContain('/metrics');
  });
});

describe('/metrics with METRICS_TOKEN', () => {
  const token = 'a-metrics-token-0123456789';
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ METRICS_TOKEN: token });
  });
  afterAll(() => t?.close());

  it('requires the bearer token from everyone, loopback included', async () => {
    const get = (headers: Record<string, string>, remoteAddress = '127.0.0.1') =>
      t.app.inject({ url: '/metrics', headers, remoteAddress });
    expect((await get({})).statusCode).toBe(401);
    expect((await get({ authorization: 'Bearer wrong-token-0123456789' })).statusCode).toBe(401);
    expect((await get({ authorization: `Bearer ${token}x` })).statusCode).toBe(401);
    expect((await get({ authorization: token })).statusCode).toBe(401);
    const ok = await get({ authorization: `Bearer ${token}` }, '10.1.2.3');
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    // One registry per app: this app saw none of the other app's requests.
    expect(value(ok.body, 'ingest_batches_total')).toBe(0);
  });

  it('rejects the example token in the config', async () => {
    const { loadConfig } = await import('../src/config.ts');
    expect(() => loadConfig({ METRICS_TOKEN: 'change-me-to-a-long-random-string' })).toThrow(
      /METRICS_TOKEN: is the example value/,
    );
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
  });
});
