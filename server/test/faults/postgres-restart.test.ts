// Postgres crashes under ingestion load and comes back. The real server process runs on a
// throwaway cluster (helpers/pg-cluster.ts) while four clients post order batches with unique
// ids; the cluster is stopped (-m immediate: a crash), then started again. The server must say
// it is not ready and answer ingestion 503 with a reason (never crash, never 500), recover by
// itself, and in the end every acknowledged order is stored exactly once, no order is half
// written (all its lines or none, total = sum of lines), and resending what failed completes
// the data without duplicates.

import { createTestDatabase } from '@retention/db/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/auth/api-keys.ts';
import { type ServerProcess, startServer } from '../e2e/server-process.ts';
import { canStartCluster, type PgCluster, startCluster } from '../helpers/pg-cluster.ts';
import { sleep, waitUntil } from '../helpers/wait.ts';

const source = 'faults';

interface Line {
  sku: string;
  quantity: number;
  unitPrice: string;
}
interface Order {
  id: string;
  customerId: string;
  placedAt: string;
  lines: Line[];
}
interface Outcome {
  at: number;
  status: number;
  retryAfter: string | null;
  body: { accepted?: number; errors?: { index: number }[]; message?: string; code?: string };
  batch: Order[];
}

/** Order `n` of client `c`: 1-4 lines with prices in cents, so totals are exact. */
function order(c: number, n: number): Order {
  const lines = Array.from({ length: 1 + ((c + n) % 4) }, (_, i) => ({
    sku: `SKU-${(n + i) % 23}`,
    quantity: 1 + ((n * 7 + i) % 3),
    unitPrice: `${(5 + ((n * 13 + i * 17) % 400)) / 4}`.replace(/^(\d+)$/, '$1.00'),
  }));
  return {
    id: `c${c}-o${n}`,
    customerId: `cust-${(c * 31 + n) % 60}`,
    placedAt: new Date(Date.UTC(2025, 0, 1) + n * 3_600_000).toISOString(),
    lines,
  };
}

const cents = (o: Order) =>
  o.lines.reduce((s, l) => s + l.quantity * Math.round(Number(l.unitPrice) * 100), 0);

describe.runIf(await canStartCluster())('Postgres restarted under ingestion load', () => {
  let cluster: PgCluster;
  let server: ServerProcess | undefined;
  let key: string;
  let databaseUrl: string;

  beforeAll(async () => {
    cluster = await startCluster();
    const { db, url } = await createTestDatabase(cluster.url());
    databaseUrl = url as string;
    key = (await createApiKey(db.prisma, { name: 'loader', actorRole: 'cli' })).key;
    await db.close();
    server = await startServer({
      DATABASE_URL: databaseUrl,
      DEMO_DATA: 'off',
      RETRAIN_HOURS: '0',
      RATE_LIMIT_MAX: '1000000',
      ANALYTICS_REFRESH_SECONDS: '2',
    });
  });
  afterAll(async () => {
    await server?.stop();
    await cluster?.drop();
  });

  const post = async (batch: Order[]): Promise<Outcome> => {
    const at = Date.now();
    try {
      const r = await fetch(`${server!.url}/api/v1/ingest/orders`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ source, items: batch }),
        signal: AbortSignal.timeout(30_000),
      });
      const body = (await r.json()) as Outcome['body'];
      return { at, status: r.status, retryAfter: r.headers.get('retry-after'), body, batch };
    } catch (err) {
      // No answer at all (a reset connection or a hang) is recorded as status 0.
      return { at, status: 0, retryAfter: null, body: { message: (err as Error).message }, batch };
    }
  };

  const readiness = async () => {
    const r = await fetch(`${server!.url}/health/ready`);
    return { status: r.status, body: (await r.json()) as Record<string, unknown> };
  };

  it('reports unready, answers 503, recovers alone, and loses or doubles nothing', {
    timeout: 180_000,
  }, async () => {
    const outcomes: Outcome[] = [];
    let loading = true;
    const clients = Array.from({ length: 4 }, async (_, c) => {
      for (let n = 0; loading; n += 10) {
        const batch = Array.from({ length: 10 }, (_, i) => order(c, n + i));
        outcomes.push(await post(batch));
        await sleep(20);
      }
    });
    const acked = () => outcomes.filter((o) => o.status === 200 || o.status === 207).length;
    const until = (what: string, ok: () => boolean | Promise<boolean>) =>
      waitUntil(what, ok, { detail: () => server!.output() });

    await until('load to be acknowledged', () => acked() >= 12);
    expect((await readiness()).status).toBe(200);

    // Crash the database under load.
    const stoppedAt = Date.now();
    await cluster.stop('immediate');
    await until('the server to report unready', async () => (await readiness()).status === 503);
    const unready = await readiness();
    expect(unready.status).toBe(503);
    expect(JSON.stringify(unready.body)).toMatch(/database/i);
    await until(
      'ingestion to fail during the outage',
      () => outcomes.filter((o) => o.at > stoppedAt + 500 && o.status >= 500).length >= 4,
    );
    await sleep(2000);

    await cluster.start();
    await until('the server to be ready again', async () => (await readiness()).status === 200);
    const readyAt = Date.now();
    await until(
      'ingestion to be acknowledged again',
      () => outcomes.filter((o) => o.at > readyAt && o.status === 200).length >= 8,
    );
    loading = false;
    await Promise.all(clients);

    // During the outage: 503 with a reason, never a 500 or a dropped connection.
    const failed = outcomes.filter((o) => o.status !== 200 && o.status !== 207);
    expect(failed.length).toBeGreaterThan(0);
    for (const f of failed) {
      expect({ status: f.status, code: f.body.code }).toEqual({ status: 503, code: 'unavailable' });
      expect(f.body.message).toMatch(/database/i);
      expect(f.retryAfter).toBe('5');
    }
    // Requests sent well after recovery all succeed.
    const after = outcomes.filter((o) => o.at > readyAt + 1000);
    expect(after.every((o) => o.status === 200)).toBe(true);

    const sent = new Map<string, Order>();
    const ackedIds = new Set<string>();
    for (const o of outcomes) {
      for (const [i, item] of o.batch.entries()) {
        sent.set(item.id, item);
        const rejected = o.body.errors?.some((e) => e.index === i);
        if ((o.status === 200 || o.status === 207) && !rejected) ackedIds.add(item.id);
      }
    }

    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const stored = async () => {
      const { rows } = await client.query<{
        external_id: string;
        copies: number;
        lines: number;
        total_cents: number;
        line_cents: number;
      }>(
        `SELECT o.external_id, count(*) OVER (PARTITION BY o.external_id)::int AS copies,
                (SELECT count(*) FROM order_items i WHERE i.order_id = o.id)::int AS lines,
                (o.total * 100)::int AS total_cents,
                (SELECT coalesce(sum(i.quantity * i.unit_price), 0) * 100
                   FROM order_items i WHERE i.order_id = o.id)::int AS line_cents
           FROM orders o WHERE o.source = $1`,
        [source],
      );
      return rows;
    };
    try {
      const rows = await stored();
      const byId = new Map(rows.map((r) => [r.external_id, r]));
      console.info(
        `postgres restart: ${outcomes.length} batches, ${ackedIds.size} orders acknowledged, ` +
          `${failed.length} batches answered 503, ${rows.length - ackedIds.size} orders stored ` +
          `but unacknowledged; unready ${readyAt - stoppedAt} ms in all`,
      );
      // Every acknowledged order is there, once; every stored order is whole and was sent.
      for (const id of ackedIds) expect(byId.get(id)?.copies, id).toBe(1);
      for (const r of rows) {
        const o = sent.get(r.external_id);
        expect(o, r.external_id).toBeDefined();
        expect(r).toMatchObject({
          copies: 1,
          lines: o!.lines.length,
          total_cents: cents(o!),
          line_cents: cents(o!),
        });
      }
      // Resending every failed batch completes the data: a committed-but-unanswered order
      // counts as a duplicate, the rest are stored now.
      for (const f of failed) {
        const again = await post(f.batch);
        expect(again.status).toBe(200);
      }
      const final = await stored();
      expect(final.length).toBe(sent.size);
      expect(final.every((r) => r.copies === 1)).toBe(true);
      const lines = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM order_items i JOIN orders o ON o.id = i.order_id
          WHERE o.source = $1`,
        [source],
      );
      expect(lines.rows[0]!.n).toBe([...sent.values()].reduce((s, o) => s + o.lines.length, 0));
    } finally {
      await client.end();
    }
    // The same process served throughout and still stops cleanly.
    expect(server!.output()).not.toMatch(/unhandled|uncaught/i);
    expect(await server!.stop()).toBe(0);
    server = undefined;
  });
});
