// ANALYTICS_REFRESH_GAP_SECONDS: refreshes after ingestion come no sooner than the gap after the
// last one, so a stream of writes makes few generations; nothing written is left out, and an
// explicit refresh is never deferred.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshDerived } from '../src/analytics/refresh.ts';
import { buildTestApp, type TestApp } from './helpers/build-app.ts';
import { apiKeyFor, event } from './helpers/ingest.ts';
import { waitUntil } from './helpers/wait.ts';

const gapSeconds = 3;
let t: TestApp;
let key: string;
beforeAll(async () => {
  t = await buildTestApp({
    ANALYTICS_REFRESH_GAP_SECONDS: String(gapSeconds),
    ANALYTICS_REFRESH_SECONDS: '86400',
  });
  key = await apiKeyFor(t);
  await t.app.analytics.refresher.refresh();
});
afterAll(() => t?.close());

const post = (id: string, customerId: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/ingest/events',
    payload: { items: [event(id, { customerId, occurredAt: '2025-06-01T10:00:00Z' })] },
    headers: { authorization: `Bearer ${key}` },
  });
const generation = async () =>
  Number(
    (
      await t.database.db.query<{ g: string }>(
        'SELECT generation::text AS g FROM analytics_state WHERE id = 1',
      )
    ).rows[0]?.g,
  );
const pendingChanges = async () =>
  Number(
    (await t.database.db.query<{ n: string }>('SELECT count(*)::text AS n FROM analytics_changes'))
      .rows[0]?.n,
  );
const eventsIn = async (prefix: string) =>
  Number(
    (
      await t.database.db.query<{ n: string }>(
        `SELECT coalesce(sum(d.events), 0)::text AS n FROM analytics_event_days d
         JOIN customers c ON c.id = d.customer_id WHERE c.external_id LIKE $1`,
        [`${prefix}%`],
      )
    ).rows[0]?.n,
  );

describe('refresh gap', () => {
  it('defers a refresh inside the gap and keeps its changes; without the gap it runs', async () => {
    const settings = t.app.config.analytics;
    await post('gap-direct-1', 'gap-direct');
    await refreshDerived(t.database.db, settings); // a new generation just now
    const before = await generation();
    await post('gap-direct-2', 'gap-direct');
    const deferred = await refreshDerived(t.database.db, settings, { minGapSeconds: 3600 });
    expect(deferred.mode).toBe('deferred');
    expect(deferred.generation).toBe(before);
    expect(deferred.retryInMs).toBeGreaterThan(3_500_000);
    expect(deferred.retryInMs).toBeLessThanOrEqual(3_600_000);
    expect(await pendingChanges()).toBeGreaterThan(0);
    expect(await generation()).toBe(before);

    const done = await refreshDerived(t.database.db, settings);
    // A handful of customers: one changed is most of them, so it may be a full rebuild.
    expect(['incremental', 'full']).toContain(done.mode);
    expect(done.generation).toBe(before + 1);
    expect(await pendingChanges()).toBe(0);
    expect(await eventsIn('gap-direct')).toBe(2);
  });

  it('makes a burst of ingestion one or two generations, and every write lands', async () => {
    await t.app.analytics.refresher.refresh();
    const before = await generation();
    const began = performance.now();
    for (let i = 0; i < 8; i++) {
      const res = await post(`gap-burst-${i}`, `gap-burst-${i}`);
      expect(res.json()).toMatchObject({ stored: 1 });
    }
    const burstSeconds = (performance.now() - began) / 1000;
    // The refreshes the writes asked for come at most once per gap; wait for the last.
    await waitUntil(
      'every write in the analytics tables',
      async () => (await eventsIn('gap-burst-')) >= 8,
      {
        ms: (burstSeconds + 3 * gapSeconds + 10) * 1000,
      },
    );
    expect(await eventsIn('gap-burst-')).toBe(8);
    const made = (await generation()) - before;
    expect(made).toBeGreaterThanOrEqual(1);
    expect(made).toBeLessThanOrEqual(Math.ceil(burstSeconds / gapSeconds) + 1);
    expect(made).toBeLessThan(8);
  });

  it('never defers an explicit refresh', async () => {
    await t.app.analytics.refresher.refresh();
    const before = await generation();
    await post('gap-explicit', 'gap-explicit');
    const r = await t.app.analytics.refresher.refresh();
    expect(['incremental', 'full']).toContain(r.mode);
    expect(r.generation).toBeGreaterThan(before);
    expect(await eventsIn('gap-explicit')).toBe(1);
  });
});
