import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Database } from '@retention/db';
import { repoRoot } from '../../../test/requirements.ts';
import { type ImportOptions, importOptions, runImport } from '../../src/import/run-import.ts';

/**
 * `npm run import -- FILE --kind transactions --batch-size N` as its own process, with `env`
 * instead of the test's DATABASE_URL; output piped (progress lines on stderr).
 */
export function spawnImport(
  file: string,
  batchSize: number,
  env: Record<string, string>,
): ChildProcess {
  const { DATABASE_URL, ...inherited } = process.env;
  const cli = path.join(repoRoot, 'server/src/cli/import.ts');
  return spawn(
    process.execPath,
    ['--import', 'tsx', cli, file, '--kind', 'transactions', '--batch-size', String(batchSize)],
    { cwd: repoRoot, env: { ...inherited, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
}

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
