// Applies and writes migrations with Prisma's schema engine compiled to WebAssembly.
// The Prisma CLI's migrate commands need a native engine downloaded at run time, which
// these machines cannot fetch; the wasm engine is the same code, driven through a
// driver adapter. These are internal APIs: test/migrations.test.ts guards them.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import type { MigrationList, SchemaEngine } from '@prisma/schema-engine-wasm';
import * as engineBindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import { PrismaPGlite } from 'pglite-prisma-adapter';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const schemaPath = path.join(root, 'schema.prisma');
export const migrationsDir = path.join(root, 'migrations');

const noFilters = { externalTables: [], externalEnums: [] };

export async function loadMigrations(dir = migrationsDir): Promise<MigrationList> {
  const lockPath = path.join(dir, 'migration_lock.toml');
  const lockContent = await readFile(lockPath, 'utf8').catch(() => null);
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const migrationDirectories = await Promise.all(
    names.map(async (name) => ({
      path: name,
      migrationFile: {
        path: 'migration.sql',
        content: await readFile(path.join(dir, name, 'migration.sql'), 'utf8').then(
          (value) => ({ tag: 'ok' as const, value }),
          (err: Error) => ({ tag: 'error' as const, value: err.message }),
        ),
      },
    })),
  );
  return {
    baseDir: dir,
    lockfile: { path: 'migration_lock.toml', content: lockContent },
    shadowDbInitScript: '',
    migrationDirectories,
  };
}

let engineReady: Promise<typeof engineBindings.SchemaEngine> | undefined;

// The package's entry imports the .wasm file as an ES module, which Node 20 cannot do;
// instantiate it by hand with the generated bindings instead (what the entry does).
function loadEngine(): Promise<typeof engineBindings.SchemaEngine> {
  engineReady ??= (async () => {
    const wasmPath = fileURLToPath(
      import.meta.resolve('@prisma/schema-engine-wasm/schema_engine_bg').replace(/\.js$/, '.wasm'),
    );
    const { instance } = await WebAssembly.instantiate(await readFile(wasmPath), {
      './schema_engine_bg.js': engineBindings as unknown as WebAssembly.ModuleImports,
    });
    engineBindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return engineBindings.SchemaEngine;
  })();
  return engineReady;
}

/**
 * adapter-pg runs a migration script by splitting it on every ";", inside function bodies
 * and comments too, which breaks a migration that creates a trigger function. Postgres runs
 * a multi-statement script sent as one simple query: send it whole.
 */
function wholeScripts<A>(connection: A): A {
  const c = connection as A & {
    underlyingDriver?: () => { query(sql: string): Promise<unknown> };
    executeScript?: (script: string) => Promise<void>;
  };
  const driver = c.underlyingDriver?.();
  if (!driver || !c.executeScript) return connection;
  c.executeScript = async (script: string) => {
    await driver.query(script);
  };
  return connection;
}

async function withEngine<T>(
  adapter: SqlMigrationAwareDriverAdapterFactory,
  run: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const schema = await readFile(schemaPath, 'utf8');
  const Engine = await loadEngine();
  // engine.free() does not close the connections it opened, and the engine holds a
  // session-level advisory lock on one: the next migration run would wait until the pool
  // drops it (10 s). Track and dispose them here.
  const opened: { dispose(): Promise<void> }[] = [];
  const track = async <A extends { dispose(): Promise<void> }>(connecting: Promise<A>) => {
    const connection = await connecting;
    opened.push(connection);
    return adapter.adapterName === '@prisma/adapter-pg' ? wholeScripts(connection) : connection;
  };
  const tracked: SqlMigrationAwareDriverAdapterFactory = {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    connect: () => track(adapter.connect()),
    connectToShadowDb: () => track(adapter.connectToShadowDb()),
  };
  const engine = await Engine.new(
    { datamodels: [['schema.prisma', schema]] },
    () => {},
    bindMigrationAwareSqlAdapterFactory(tracked),
  );
  try {
    return await run(engine);
  } finally {
    engine.free();
    await Promise.all(opened.map((c) => c.dispose()));
  }
}

/** Applies every migration not yet recorded in `_prisma_migrations`; returns their names. */
export async function applyMigrations(
  adapter: SqlMigrationAwareDriverAdapterFactory,
  dir = migrationsDir,
): Promise<string[]> {
  const migrationsList = await loadMigrations(dir);
  const out = await withEngine(adapter, (engine) =>
    engine.applyMigrations({ migrationsList, filters: noFilters }),
  );
  return out.appliedMigrationNames;
}

/**
 * SQL that takes a database built by the migrations to the current schema.prisma
 * (empty when they agree). Runs on a throw-away in-memory PGlite, because the engine
 * needs a database of its own and adapter-pg cannot serve as one.
 */
export async function diffMigrationsToSchema(dir = migrationsDir): Promise<string> {
  const pglite = await PGlite.create();
  try {
    const list = await loadMigrations(dir);
    const schema = await readFile(schemaPath, 'utf8');
    const from =
      list.migrationDirectories.length > 0
        ? { tag: 'migrations' as const, ...list }
        : { tag: 'empty' as const };
    const result = await withEngine(new PrismaPGlite(pglite), (engine) =>
      engine.diff({
        from,
        to: { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content: schema }] },
        script: true,
        exitCode: null,
        filters: noFilters,
      }),
    );
    const sql = result.stdout ?? '';
    return sql.trim() === '-- This is an empty migration.' ? '' : sql;
  } finally {
    await pglite.close();
  }
}
