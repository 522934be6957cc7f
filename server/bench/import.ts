// npm run bench:import — imports the CDNOW master file and a generated 1,000,000-line
// transactions CSV into Postgres, and prints rows/s next to a plain COPY of the same file
// into an unindexed staging table, measured in the same run: the ratio is the figure.
// Postgres: BENCH_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/postgres); a
// scratch database is created there for every run and dropped after.
import { createReadStream, existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { openDatabase } from '@retention/db';
import { createServerDatabase, dropServerDatabase } from '@retention/db/testing';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { repoRoot, sharedDataDir } from '../../test/requirements.ts';
import { importOptions, runImport } from '../src/import/run-import.ts';
import { generateTransactions } from './generate-transactions.ts';

const server = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const lines = Number(process.env.BENCH_LINES ?? 1_000_000);

async function rawCopy(url: string, file: string, kind: 'csv' | 'lines'): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const columns =
      kind === 'csv' ? Array.from({ length: 9 }, (_, i) => `c${i} text`).join(', ') : 'line text';
    await client.query(`CREATE UNLOGGED TABLE IF NOT EXISTS raw_stage (${columns})`);
    await client.query('TRUNCATE raw_stage');
    const started = performance.now();
    const options =
      kind === 'csv' ? '(FORMAT csv, HEADER true)' : "(FORMAT text, DELIMITER E'\\x01')";
    await pipeline(
      createReadStream(file),
      client.query(copyFrom(`COPY raw_stage FROM STDIN ${options}`)),
    );
    return (performance.now() - started) / 1000;
  } finally {
    await client.query('DROP TABLE IF EXISTS raw_stage');
    await client.end();
  }
}

async function ourImport(url: string, file: string, kind: 'transactions' | 'cdnow', dir: string) {
  const db = await openDatabase({ databaseUrl: url, dataDir: '' });
  await db.migrate();
  try {
    const options = { kind, source: 'bench', maxErrors: 0, batchSize: 20_000 };
    const s = await runImport(db, importOptions(file, path.join(dir, 'rejects.csv'), options));
    if (s.rejected > 0 || s.loaded !== s.read)
      throw new Error(`import rejected ${s.rejected} rows`);
    return s;
  } finally {
    await db.close();
  }
}

async function measure(
  name: string,
  file: string,
  kind: 'transactions' | 'cdnow',
  rows: number,
  dir: string,
) {
  const url = await createServerDatabase(server);
  try {
    const copySeconds = await rawCopy(url, file, kind === 'cdnow' ? 'lines' : 'csv');
    const s = await ourImport(url, file, kind, dir);
    const ours = rows / s.seconds;
    const copy = rows / copySeconds;
    console.log(
      `${name.padEnd(26)} ${String(rows).padStart(9)} rows | import ${s.seconds.toFixed(1).padStart(6)} s ${Math.round(ours).toString().padStart(8)} rows/s | plain COPY ${copySeconds.toFixed(2).padStart(5)} s ${Math.round(copy).toString().padStart(9)} rows/s | ratio ${(ours / copy).toFixed(3)}`,
    );
  } finally {
    await dropServerDatabase(server, url);
  }
}

const dir = await mkdtemp(path.join(tmpdir(), 'rd-bench-'));
try {
  console.log(`bench:import on ${new URL(server).host} (repo ${repoRoot})`);
  const master = path.join(sharedDataDir, 'cdnow', 'CDNOW_master.txt');
  if (existsSync(master)) await measure('CDNOW master', master, 'cdnow', 69_659, dir);
  else console.log(`CDNOW master: skipped, ${master} is missing`);
  const generated = path.join(dir, 'transactions.csv');
  console.log(`generating ${lines.toLocaleString('en-US')} transaction lines...`);
  await generateTransactions(generated, lines);
  await measure(`transactions (generated)`, generated, 'transactions', lines, dir);
} finally {
  await rm(dir, { recursive: true, force: true });
}
process.exit(0);
