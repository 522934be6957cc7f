// npm run db:migrate: applies pending migrations to DATABASE_URL, or to the embedded
// PGlite in DATA_DIR (default .data/) when DATABASE_URL is unset.
import path from 'node:path';
import { openDatabase } from '../open-database.ts';

const databaseUrl = process.env.DATABASE_URL || undefined;
const dataDir = path.resolve(
  process.env.INIT_CWD ?? process.cwd(),
  process.env.DATA_DIR || '.data',
  'pglite',
);
try {
  const db = await openDatabase({ databaseUrl, dataDir });
  const where =
    db.kind === 'postgres' ? 'Postgres (DATABASE_URL)' : `embedded PGlite at ${dataDir}`;
  const applied = await db.migrate();
  console.log(
    applied.length === 0
      ? `${where}: up to date, no migration to apply.`
      : `${where}: applied ${applied.length} migration(s): ${applied.join(', ')}`,
  );
  await db.close();
  process.exit(0);
} catch (err) {
  console.error(`migration failed: ${(err as Error).message}`);
  process.exit(1);
}
