export * from '../generated/client/client.ts';
export { appliedMigrations } from './applied-migrations.ts';
export { openDatabaseFromEnv } from './cli/open-from-env.ts';
export { launchDir, loadEnvFile } from './env-file.ts';
export { applyMigrations, diffMigrationsToSchema, loadMigrations } from './migrate.ts';
export {
  type Database,
  DatabaseInUseError,
  type DatabaseKind,
  type DatabaseOptions,
  openDatabase,
} from './open-database.ts';
export {
  csvField,
  csvRow,
  type RunInTransaction,
  type SqlResult,
  type SqlSession,
} from './sql-session.ts';
export { startTsWorker, workerShim } from './ts-worker.ts';
