// The command-line tools open the same database the server would: DATABASE_URL, else the
// embedded PGlite in DATA_DIR (default .data/) under the folder npm was started from.
// Like the server, they read a .env file there first.
import path from 'node:path';
import { loadEnvFile } from '../env-file.ts';
import { type Database, DatabaseInUseError, openDatabase } from '../open-database.ts';

export interface OpenedFromEnv {
  db: Database;
  /** Where the data is, for messages. */
  where: string;
}

export async function openDatabaseFromEnv(): Promise<OpenedFromEnv> {
  const root = loadEnvFile();
  const dataDir = path.resolve(root, process.env.DATA_DIR || '.data', 'pglite');
  const db = await openDatabase({
    databaseUrl: process.env.DATABASE_URL || undefined,
    dataDir,
  }).catch((err) => {
    if (!(err instanceof DatabaseInUseError)) throw err;
    console.error(err.message);
    process.exit(1);
  });
  const where =
    db.kind === 'postgres'
      ? 'Postgres (DATABASE_URL)'
      : `embedded PGlite at ${dataDir}${db.through ? ` through \`${db.through.command}\` (pid ${db.through.pid})` : ''}`;
  return { db, where };
}
