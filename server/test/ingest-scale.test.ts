// An ingestion batch reads the rows it names, not the whole source. The planner's statistics
// are taken before a new source exists (here: ANALYZE while only another source had rows),
// which is how a source streams in until autovacuum catches up; with a plain join the planner
// then took the source for one row and read all of it into a hash for every statement, and
// batches slowed as the source grew. Every lookup by key goes through rowByKey instead.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '@retention/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestOrders } from '../src/ingest/ingest-batch.ts';
import { rowByKey } from '../src/ingest/stage.ts';

const orders = (source: string, from: number, n: number) =>
  Array.from({ length: n }, (_, i) => ({
    id: `${source}-${from + i}`,
    customerId: `c${(from + i) % 2_000}`,
    placedAt: new Date(Date.UTC(2026, 0, 1) + (from + i) * 60_000).toISOString(),
    lines: [{ sku: `S${(from + i) % 50}`, quantity: 1, unitPrice: '10.00' }],
  }));

interface PlanNode {
  'Relation Name'?: string;
  'Actual Rows': number;
  'Actual Loops': number;
  Plans?: PlanNode[];
}

/** Rows the plan read from `table`, over all its loops. */
function rowsRead(node: PlanNode, table: string): number {
  const own = node['Relation Name'] === table ? node['Actual Rows'] * node['Actual Loops'] : 0;
  return own + (node.Plans ?? []).reduce((a, p) => a + rowsRead(p, table), 0);
}

describe('ingestion into a growing source', () => {
  let t: TestDatabase;
  const options = { source: 'shop', unknownCustomers: 'create' as const };
  beforeAll(async () => {
    t = await createTestDatabase();
    await ingestOrders(t.db, orders('other', 0, 100), { ...options, source: 'other' });
    await t.db.transaction((s) => s.query('ANALYZE orders, customers'));
    for (let k = 0; k < 6_000; k += 1_000)
      await ingestOrders(t.db, orders('shop', k, 1_000), options);
  }, 300_000);
  afterAll(() => t?.drop());

  it('finds 50 orders and customers by key reading about 50 rows, not the 6,000 the source holds', async () => {
    const read = await t.db.transaction(async (s) => {
      await s.query('CREATE TEMP TABLE probe (order_ext text, customer_ext text) ON COMMIT DROP');
      await s.query(
        `INSERT INTO probe SELECT 'shop-' || (g * 97), 'c' || g FROM generate_series(1, 50) g`,
      );
      const plan = async (sql: string) =>
        (
          await s.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
            `EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`,
            ['shop'],
          )
        ).rows[0]!['QUERY PLAN'][0].Plan;
      const found = await plan(
        `SELECT o.id FROM probe x CROSS JOIN LATERAL ${rowByKey('orders', 'external_id', 'x.order_ext')} o`,
      );
      const missing = await plan(
        `SELECT 1 FROM probe x WHERE NOT EXISTS ${rowByKey('customers', 'external_id', 'x.customer_ext', '1')}`,
      );
      return { orders: rowsRead(found, 'orders'), customers: rowsRead(missing, 'customers') };
    });
    expect(read.orders).toBeLessThanOrEqual(50);
    expect(read.customers).toBeLessThanOrEqual(50);
  });

  it('is how every ingestion statement looks a row up by its key', () => {
    const dir = path.join(import.meta.dirname, '../src/ingest');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'stage.ts')) {
      const text = readFileSync(path.join(dir, file), 'utf8');
      // A join or a filter on a keyed table's source outside rowByKey.
      expect(text, file).not.toMatch(/JOIN (orders|customers|products|events)\b/);
      expect(text, file).not.toMatch(/\bsource = \$1 AND/);
    }
  });
});
