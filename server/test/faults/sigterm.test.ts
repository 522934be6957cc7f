// SIGTERM while work is in flight, on a throwaway Postgres cluster (helpers/pg-cluster.ts):
// - the server finishes the requests it has (large ingestion batches), answers them, and
//   exits 0; what it acknowledged is stored;
// - `npm run import` ends with its batch in flight rolled back (each batch is one
//   transaction): what is stored is the committed batches, each order's total the sum of its
//   stored lines, and running it again ends exactly as one clean import.
// Delivery during SIGTERM: e2e/delivery-restart.test.ts (nothing left `sending`, no chat
// gets its offer twice).
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import type { Database } from '@retention/db';
import { createTestDatabase } from '@retention/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTransactions } from '../../bench/generate-transactions.ts';
import { createApiKey } from '../../src/auth/api-keys.ts';
import { startServer } from '../e2e/server-process.ts';
import { scratchDir, snapshot, spawnImport } from '../helpers/import.ts';
import { canStartCluster, type PgCluster, startCluster } from '../helpers/pg-cluster.ts';
import { waitUntil } from '../helpers/wait.ts';

/** Orders whose total is not the sum of their lines, or that have no lines. */
async function halfWritten(db: Database): Promise<number> {
  const [row] = await db.prisma.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM orders o
     WHERE NOT EXISTS (SELECT 1 FROM order_items i WHERE i.order_id = o.id)
        OR o.total <> (SELECT sum(i.quantity * i.unit_price) FROM order_items i
                        WHERE i.order_id = o.id)`;
  return row!.n;
}

describe.runIf(await canStartCluster())('SIGTERM during work', () => {
  let cluster: PgCluster;
  const database = async () => {
    const { db, url } = await createTestDatabase(cluster.url());
    return { url: url!, db };
  };

  beforeAll(async () => {
    cluster = await startCluster();
  });
  afterAll(async () => {
    await cluster?.drop();
  });

  it('lets in-flight requests finish with their answers, then exits 0', {
    timeout: 120_000,
  }, async () => {
    const { url, db } = await database();
    const key = (await createApiKey(db.prisma, { name: 'shop', actorRole: 'cli' })).key;
    const server = await startServer({
      DATABASE_URL: url,
      DEMO_DATA: 'off',
      RETRAIN_HOURS: '0',
    });
    // Four batches of 600 orders with 6 lines each: seconds of work for the server, well
    // within the 10 s server.ts allows a shutdown.
    const batch = (b: number) =>
      Array.from({ length: 600 }, (_, i) => ({
        id: `b${b}-${i}`,
        customerId: `c${i % 300}`,
        placedAt: '2025-02-01T10:00:00Z',
        lines: Array.from({ length: 6 }, (_, l) => ({
          sku: `S${(i + l) % 50}`,
          quantity: 1 + (l % 3),
          unitPrice: `${10 + l}.25`,
        })),
      }));
    const answered: number[] = [];
    const requests = [0, 1, 2, 3].map(async (b) => {
      const r = await fetch(`${server.url}/api/v1/ingest/orders`, {
        method: 'POST',
        headers: { 'x-api-key': key, 'content-type': 'application/json' },
        body: JSON.stringify({ items: batch(b) }),
      });
      answered.push(Date.now());
      return { status: r.status, body: (await r.json()) as { stored: number } };
    });
    // SIGTERM once the server has all four requests in hand.
    const received = () => server.output().match(/"url":"\/api\/v1\/ingest\/orders"/g)?.length ?? 0;
    await waitUntil('the server to have all four batches', () => received() >= 4, {
      every: 5,
      detail: () => server.output(),
    });
    const termAt = Date.now();
    const exited = server.stop();
    const results = await Promise.all(requests);
    expect(await exited).toBe(0);
    expect(results.map((r) => [r.status, r.body.stored])).toEqual([
      [200, 600],
      [200, 600],
      [200, 600],
      [200, 600],
    ]);
    // The requests were still in flight when the signal came.
    expect(answered.some((t) => t > termAt)).toBe(true);
    expect(server.output()).toMatch(/SIGTERM: finishing in-flight requests/);
    const [row] = await db.prisma.$queryRaw<{ orders: number; lines: number }[]>`
      SELECT (SELECT count(*) FROM orders)::int AS orders,
             (SELECT count(*) FROM order_items)::int AS lines`;
    expect(row).toEqual({ orders: 2400, lines: 14_400 });
    expect(await halfWritten(db)).toBe(0);
    await db.close();
  });

  it('rolls back the batch in flight of an import, and a second run completes it once', {
    timeout: 240_000,
  }, async () => {
    const dir = await scratchDir();
    const file = path.join(dir, 'orders.csv');
    await generateTransactions(file, 30_000);
    const importer = (databaseUrl: string) =>
      spawnImport(file, 3000, { DATABASE_URL: databaseUrl });

    const exitOf = async (child: ChildProcess) => {
      const [code, signal] = await once(child, 'exit');
      return { code, signal } as { code: number | null; signal: string | null };
    };
    const interrupted = await database();
    const clean = await database();
    try {
      const first = importer(interrupted.url);
      let log = '';
      first.stderr?.on('data', (d) => (log += d));
      // A second progress line: at least one batch is committed, the next one is in flight.
      await waitUntil(
        'a second progress line of the import',
        () => {
          if (first.exitCode !== null) throw new Error(`import ended early:\n${log}`);
          return (log.match(/rows\/s/g)?.length ?? 0) >= 2;
        },
        { ms: 120_000, every: 10, detail: () => log },
      );
      first.kill('SIGTERM');
      const ended = await exitOf(first);
      expect(ended.code === 0).toBe(false); // it did not finish
      const partial = await snapshot(interrupted.db);
      expect(Number(partial?.lines)).toBeGreaterThan(0);
      expect(Number(partial?.lines)).toBeLessThan(30_000);
      // Committed batches are whole; the one in flight left nothing behind.
      expect(Number(partial?.lines) % 3000).toBe(0);
      expect(await halfWritten(interrupted.db)).toBe(0);

      expect(await exitOf(importer(interrupted.url))).toEqual({ code: 0, signal: null });
      expect(await exitOf(importer(clean.url))).toEqual({ code: 0, signal: null });
      const [after, reference] = [await snapshot(interrupted.db), await snapshot(clean.db)];
      expect(after).toEqual(reference);
      expect(Number(reference?.lines)).toBe(30_000);
      expect(await halfWritten(interrupted.db)).toBe(0);
    } finally {
      await interrupted.db.close();
      await clean.db.close();
    }
  });
});
