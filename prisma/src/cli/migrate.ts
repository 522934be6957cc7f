// npm run db:migrate: applies pending migrations to DATABASE_URL, or to the embedded
// PGlite in DATA_DIR (default .data/) when DATABASE_URL is unset.
import { openDatabaseFromEnv } from './open-from-env.ts';

try {
  const { db, where } = await openDatabaseFromEnv();
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
