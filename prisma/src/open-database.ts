// The one place that knows which Postgres is in use: a server named by DATABASE_URL, or the
// embedded PGlite kept in a data folder. PGlite runs in a thread of its own and is reached
// over the wire protocol like a server (pglite/), so both go through the same pg code, its
// queries never block the thread that answers requests, and other processes on this
// machine can share it through the process that holds it.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../generated/client/client.ts';
import { applyMigrations } from './migrate.ts';
import { type LockHolder, takeLock } from './pglite/data-lock.ts';
import { startEmbedded } from './pglite/embedded.ts';
import { pgQuery, pgTransactions, type RunInTransaction, type SqlSession } from './sql-session.ts';

export type DatabaseKind = 'postgres' | 'pglite';

export interface DatabaseOptions {
  /** postgresql:// URL; when absent the embedded PGlite is used. */
  databaseUrl?: string | undefined;
  /** PGlite data folder (created when missing), or `memory://` for a throw-away one. */
  dataDir: string;
  /**
   * Embedded database only. true (the server): hold the folder and serve it to the other
   * processes of this machine; refused while another process holds it. false (commands):
   * work through the process that serves it, else hold it for this process alone.
   */
  share?: boolean;
  /** What this process is, for the messages others get ("npm start"); npm's own by default. */
  command?: string;
}

/** The embedded database's folder is held by another process that does not share it. */
export class DatabaseInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(
      `The embedded database in ${path.dirname(dataDir)} is in use by \`${holder.command}\` ` +
        `(pid ${holder.pid}, since ${holder.since}). PGlite is one process's database and ` +
        `opening it from two would corrupt it. ${
          holder.port === null
            ? 'Wait for that command to finish (or stop it), then run this again.'
            : 'Stop that server first.'
        } While \`npm start\` runs, the other commands (import, train, seed, migrate, apikey, bot) work through it.`,
    );
  }
}

export interface Database {
  prisma: PrismaClient;
  kind: DatabaseKind;
  /** Where other connections reach this database (worker threads open their own pools). */
  url: string;
  /** The embedded database reached through another process that holds it (its pid), if so. */
  through?: LockHolder | undefined;
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
  return openPglite(options);
}

function openPostgres(connectionString: string): Database {
  // Every connection gets an 'error' listener as it connects, before pg-pool hands it out.
  // `await pool.connect()` (our transactions, adapter-pg's) attaches its own one microtask
  // later, and a server that ends the session right after start-up (a dropped database, a
  // restart, pg_terminate_backend) sends ReadyForQuery and the FATAL error in one read: that
  // error found no listener and ended the process. Now the caller's query fails instead and
  // the pool discards the connection when it comes back.
  const poolConfig = (max: number): pg.PoolConfig => ({
    connectionString,
    max,
    onConnect: (client) => void client.on('error', () => {}),
  });
  const adapter = new PrismaPg(poolConfig(10));
  const prisma = new PrismaClient({ adapter });
  // Bulk writers need COPY, which Prisma's adapter does not expose: a small pool of their own.
  const bulkPool = new pg.Pool(poolConfig(2));
  // Analytics reads run long aggregates; their own pool keeps them off Prisma's.
  const readPool = new pg.Pool(poolConfig(4));
  // An idle pooled connection that the server drops (restart, failover, a dropped database)
  // emits 'error'; without a listener that would end the process. The next query reconnects.
  for (const pool of [bulkPool, readPool]) pool.on('error', () => {});
  return {
    prisma,
    kind: 'postgres',
    url: connectionString,
    transaction: pgTransactions(bulkPool),
    query: pgQuery(readPool),
    migrate: () => applyMigrations(new PrismaPg(poolConfig(1))),
    close: async () => {
      await prisma.$disconnect();
      await bulkPool.end();
      await readPool.end();
    },
  };
}

async function openPglite(o: DatabaseOptions): Promise<Database> {
  const memory = o.dataDir.startsWith('memory://');
  if (!memory) await mkdir(o.dataDir, { recursive: true });
  const taken = memory ? null : await takeLock(o.dataDir, o.command);
  if (taken && 'heldBy' in taken) {
    if (o.share || taken.heldBy.port === null)
      throw new DatabaseInUseError(o.dataDir, taken.heldBy);
    const db = openPostgres(embeddedUrl(taken.heldBy.port));
    return { ...db, kind: 'pglite', through: taken.heldBy };
  }
  const lock = taken?.lock;
  try {
    const embedded = await startEmbedded(o.dataDir);
    if (o.share) await lock?.share(embedded.port);
    const db = openPostgres(embeddedUrl(embedded.port));
    return {
      ...db,
      kind: 'pglite',
      close: async () => {
        try {
          await db.close();
          await embedded.close();
        } finally {
          lock?.release();
        }
      },
    };
  } catch (err) {
    lock?.release();
    throw err;
  }
}

const embeddedUrl = (port: number) => `postgresql://postgres@127.0.0.1:${port}/postgres`;
