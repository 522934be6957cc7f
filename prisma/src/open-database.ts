// The one place that knows which Postgres is in use: a server named by DATABASE_URL
// (through adapter-pg) or the embedded PGlite kept in a data folder.
import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../generated/client/client.ts';
import { applyMigrations } from './migrate.ts';
import {
  pgliteQuery,
  pgliteTransactions,
  pgQuery,
  pgTransactions,
  type RunInTransaction,
  type SqlSession,
} from './sql-session.ts';

export type DatabaseKind = 'postgres' | 'pglite';

export interface DatabaseOptions {
  /** postgresql:// URL; when absent the embedded PGlite is used. */
  databaseUrl?: string | undefined;
  /** PGlite data folder (created when missing), or `memory://` for a throw-away one. */
  dataDir: string;
}

export interface Database {
  prisma: PrismaClient;
  kind: DatabaseKind;
  /** Raw SQL with COPY in one transaction (bulk loads); see sql-session.ts. */
  transaction: RunInTransaction;
  /** One read-only statement outside a transaction (analytics queries). */
  query: SqlSession['query'];
  /** Applies pending migrations; returns the names applied now. */
  migrate(): Promise<string[]>;
  close(): Promise<void>;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  return openPglite(options.dataDir);
}

function openPostgres(connectionString: string): Database {
  const adapter = new PrismaPg({ connectionString, max: 10 });
  const prisma = new PrismaClient({ adapter });
  // Bulk writers need COPY, which Prisma's adapter does not expose: a small pool of their own.
  const bulkPool = new pg.Pool({ connectionString, max: 2 });
  // Analytics reads run long aggregates; their own pool keeps them off Prisma's.
  const readPool = new pg.Pool({ connectionString, max: 4 });
  // An idle pooled connection that the server drops (restart, failover, a dropped database)
  // emits 'error'; without a listener that would end the process. The next query reconnects.
  for (const pool of [bulkPool, readPool]) pool.on('error', () => {});
  return {
    prisma,
    kind: 'postgres',
    transaction: pgTransactions(bulkPool),
    query: pgQuery(readPool),
    migrate: () => applyMigrations(new PrismaPg({ connectionString, max: 1 })),
    close: async () => {
      await prisma.$disconnect();
      await bulkPool.end();
      await readPool.end();
    },
  };
}

async function openPglite(dataDir: string): Promise<Database> {
  if (!dataDir.startsWith('memory://')) await mkdir(dataDir, { recursive: true });
  const pglite = await PGlite.create(dataDir);
  const adapter: SqlMigrationAwareDriverAdapterFactory = new PrismaPGlite(pglite);
  const prisma = new PrismaClient({ adapter });
  return {
    prisma,
    kind: 'pglite',
    transaction: pgliteTransactions(pglite),
    query: pgliteQuery(pglite),
    migrate: () => applyMigrations(new PrismaPGlite(pglite)),
    close: async () => {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}
