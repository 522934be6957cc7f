// The business a benchmark runs on: the PostgreSQL database of `databaseUrl` (created when
// missing), migrated, holding the demo business of at least `customers` customers (seeded
// when it holds less, or with --reseed; kept for later runs otherwise); standInForAutovacuum
// for servers that run without it.
import { type Database, openDatabase } from '@retention/db';
import { hasBusinessData, seedDemo } from '@retention/db/seed';
import pg from 'pg';

/** Creates the database of `url` when missing (from the server's `postgres` database). */
async function ensureDatabase(url: string): Promise<boolean> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const client = new pg.Client({ connectionString: maintenance.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return false;
    await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
    return true;
  } finally {
    await client.end();
  }
}

const count = (n: number) => n.toLocaleString('en-US');

export async function openBenchBusiness(
  databaseUrl: string,
  customers: number,
  o: { reseed: boolean; log: (line: string) => void },
) {
  const { log } = o;
  const where = new URL(databaseUrl);
  if (await ensureDatabase(databaseUrl)) log(`created database ${where.pathname.slice(1)}`);
  const db = await openDatabase({ databaseUrl, dataDir: '' });
  const applied = await db.migrate();
  if (applied.length > 0) log(`applied ${applied.length} migration(s)`);
  const ordersWanted = 10 * customers;
  const counts = async () => ({
    customers: await db.prisma.customer.count(),
    orders: await db.prisma.order.count(),
  });
  let have = await counts();
  if (!o.reseed && have.customers >= customers && have.orders >= ordersWanted) {
    log(
      `reusing the data already there: ${count(have.customers)} customers, ${count(have.orders)} orders (--reseed to load it again)`,
    );
    return { db, seeded: false, have };
  }
  const replace = await hasBusinessData(db.prisma);
  log(
    `seeding ${count(customers)} demo customers${replace ? ` in place of the ${count(have.customers)} customers, ${count(have.orders)} orders there (wanted at least ${count(customers)} and ${count(ordersWanted)})` : ''}...`,
  );
  const summary = await seedDemo(db.prisma, {
    customers,
    replace,
    onProgress: (message) => log(`  seed: ${message}`),
  });
  log(`seeded in ${(summary.elapsedMs / 1000).toFixed(1)} s`);
  // The steady state of a database that holds this data: statistics and visibility maps as
  // autovacuum would leave them soon after, rather than autovacuum running during the bench.
  const vacuum = performance.now();
  await db.query('VACUUM (ANALYZE)');
  log(`VACUUM (ANALYZE) in ${((performance.now() - vacuum) / 1000).toFixed(1)} s`);
  have = await counts();
  return { db, seeded: true, have };
}

/** The tables the analytics refresh deletes from and rewrites many times a minute. */
const churnedTables = [
  'analytics_changes',
  'analytics_customers',
  'analytics_customer_days',
  'analytics_spells',
  'analytics_event_days',
  'analytics_state',
];

/**
 * When the server runs with autovacuum off (CI machines' PostgreSQL does), the refresh's
 * deleted rows pile up and every run slows down as it goes, unlike any production server.
 * Then this vacuums those tables every `seconds` in autovacuum's place (its default naptime
 * is 60 s) and returns a function that stops it; with autovacuum on it does nothing.
 */
export async function standInForAutovacuum(
  db: Database,
  seconds: number,
  log: (message: string) => void,
): Promise<() => void> {
  const on = await db.query<{ autovacuum: string }>('SHOW autovacuum');
  if (on.rows[0]?.autovacuum === 'on') return () => {};
  const vacuum = () => db.query(`VACUUM (ANALYZE) ${churnedTables.join(', ')}`);
  await vacuum();
  log(
    `autovacuum is off on this server: the bench vacuums the analytics tables every ${seconds} s in its place`,
  );
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    vacuum()
      .catch((err: unknown) => log(`vacuum failed: ${String(err)}`))
      .finally(() => {
        running = false;
      });
  }, seconds * 1000);
  return () => clearInterval(timer);
}
