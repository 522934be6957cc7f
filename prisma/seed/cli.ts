// npm run db:seed -- [--customers N] [--seed S] [--replace]: loads the demo shop into
// DATABASE_URL, or into the embedded PGlite in DATA_DIR (default .data/), after migrating.
// Existing customers are never replaced without --replace.
import { openDatabaseFromEnv } from '../src/cli/open-from-env.ts';
import { parseSeedArgs, USAGE } from './args.ts';
import { hasBusinessData, type SeedSummary, seedDemo } from './index.ts';
import { count } from './write-bulk.ts';

function printSummary(summary: SeedSummary): void {
  const rows: [string, number][] = [
    ['customers', summary.customers],
    ['products', summary.products],
    ['product prices', summary.prices],
    ['orders', summary.orders],
    ['order items', summary.orderItems],
    ['contracts', summary.contracts],
    ['events', summary.events],
    ['offers', summary.offers],
    ['offer assignments', summary.assignments],
    ['campaigns', summary.campaigns],
    ['campaign members', summary.campaignMembers],
  ];
  for (const [label, value] of rows)
    console.log(`  ${label.padEnd(18)} ${count(value).padStart(13)}`);
  console.log(`  ${'revenue'.padEnd(18)} ${summary.revenue.padStart(13)}`);
  console.log(
    `  history ends ${summary.now}, seed ${summary.seed}, orders hash ${summary.ordersHash.slice(0, 16)}`,
  );
  console.log(`loaded in ${(summary.elapsedMs / 1000).toFixed(1)} s`);
}

const parsed = parseSeedArgs(process.argv.slice(2));
if (!parsed.ok) {
  console.error(`db:seed: ${parsed.error}\n${USAGE}`);
  process.exit(2);
}
const { customers, seed, replace } = parsed.args;
try {
  const { db, where } = await openDatabaseFromEnv();
  const applied = await db.migrate();
  if (applied.length > 0) console.log(`${where}: applied ${applied.length} migration(s)`);
  if ((await hasBusinessData(db.prisma)) && !replace) {
    const existing = await db.prisma.customer.count();
    console.error(
      `${where} already holds ${count(existing)} customers; nothing was changed.\n` +
        'Run again with --replace to delete all business data (staff, API keys and the audit log are kept) and load the demo.',
    );
    await db.close();
    process.exit(1);
  }
  console.log(`loading ${count(customers)} demo customers (seed ${seed}) into ${where}`);
  const summary = await seedDemo(db.prisma, {
    customers,
    seed,
    replace,
    onProgress: (message) => console.log(`  ${message}`),
  });
  printSummary(summary);
  await db.close();
  // The wasm schema engine leaves a timer behind that would keep the process alive.
  process.exit(0);
} catch (err) {
  console.error(`db:seed failed: ${(err as Error).message}`);
  process.exit(1);
}
