import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Database } from '@retention/db';
import { type ImportOptions, importOptions, runImport } from '../../src/import/run-import.ts';

export const scratchDir = () => mkdtemp(path.join(tmpdir(), 'rd-import-'));

/** runImport with the CLI's defaults and small batches (several per test file). */
export async function importFile(db: Database, file: string, o: Partial<ImportOptions> = {}) {
  const dir = await scratchDir();
  return runImport(
    db,
    importOptions(file, path.join(dir, 'rejects.csv'), { batchSize: 500, ...o }),
  );
}

/** Counts and sums that two equal imports must share. */
export async function snapshot(db: Database) {
  const [row] = await db.prisma.$queryRaw<Record<string, string>[]>`
    SELECT (SELECT count(*) FROM customers)::text AS customers,
           (SELECT count(*) FROM products)::text AS products,
           (SELECT count(*) FROM orders)::text AS orders,
           (SELECT count(*) FROM order_items)::text AS lines,
           (SELECT coalesce(sum(amount), 0)::text FROM order_items) AS amount,
           (SELECT coalesce(sum(total), 0)::text FROM orders) AS totals,
           (SELECT count(*) FROM orders WHERE status <> 'completed')::text AS not_completed`;
  return row;
}
