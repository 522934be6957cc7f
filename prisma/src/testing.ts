// Test databases: a fresh migrated database per call. With TEST_DATABASE_URL (a Postgres
// server) each call creates its own database there and drops it afterwards; without it,
// an in-memory PGlite.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Database, openDatabase } from './open-database.ts';

export interface TestDatabase {
  db: Database;
  /** postgresql:// URL of this database, when on a server. */
  url: string | undefined;
  drop(): Promise<void>;
}

/** A fresh migrated database: on the server of `serverUrl` when given, else PGlite in memory. */
export async function createTestDatabase(
  serverUrl = process.env.TEST_DATABASE_URL,
): Promise<TestDatabase> {
  if (!serverUrl) {
    const db = await openDatabase({ dataDir: 'memory://' });
    await db.migrate();
    return { db, url: undefined, drop: () => db.close() };
  }
  const url = await createServerDatabase(serverUrl);
  const db = await openDatabase({ databaseUrl: url, dataDir: '' });
  await db.migrate();
  return {
    db,
    url,
    drop: async () => {
      await db.close();
      await dropServerDatabase(serverUrl, url);
    },
  };
}

/** Creates an empty database on the server of `serverUrl`; returns its URL. */
export async function createServerDatabase(serverUrl: string): Promise<string> {
  const name = `rd_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await withAdmin(serverUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropServerDatabase(serverUrl: string, url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  await withAdmin(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

/** A connection for CREATE/DROP DATABASE: the URL's database, else the `postgres` one. */
async function withAdmin<T>(serverUrl: string, run: (c: pg.Client) => Promise<T>): Promise<T> {
  let client = new pg.Client({ connectionString: serverUrl });
  try {
    await client.connect();
  } catch (err) {
    if ((err as { code?: string }).code !== '3D000') throw err; // database does not exist
    const maintenance = new URL(serverUrl);
    maintenance.pathname = '/postgres';
    client = new pg.Client({ connectionString: maintenance.toString() });
    await client.connect();
  }
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}
