// kill -9 in the middle of an import, run it again: the database must end exactly as
// after one clean import (each batch is one transaction; writes are keyed upserts).
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { openDatabase } from '@retention/db';
import { createServerDatabase, dropServerDatabase } from '@retention/db/testing';
import { describe, expect, it } from 'vitest';
import { generateTransactions } from '../bench/generate-transactions.ts';
import { scratchDir, snapshot, spawnImport } from './helpers/import.ts';

const serverUrl = process.env.TEST_DATABASE_URL;

const runCli = (file: string, env: Record<string, string>) => spawnImport(file, 4000, env);

/**
 * How a run ended, with the end of what it wrote: its output is read as it comes (an unread
 * pipe that fills blocks the child), and a failure shows why.
 */
async function finish(child: ChildProcess) {
  let log = '';
  child.stdout?.on('data', (d) => (log += d));
  child.stderr?.on('data', (d) => (log += d));
  const [code, signal] = await once(child, 'exit');
  return { code: code as number | null, signal: signal as string | null, log: log.slice(-3000) };
}

/** A place for a database: a folder (PGlite) or a fresh database on TEST_DATABASE_URL. */
async function newTarget(): Promise<{
  env: Record<string, string>;
  open: () => ReturnType<typeof openDatabase>;
  drop: () => Promise<void>;
}> {
  if (!serverUrl) {
    const dir = await scratchDir();
    return {
      env: { DATA_DIR: dir, INIT_CWD: dir },
      open: () => openDatabase({ dataDir: path.join(dir, 'pglite') }),
      drop: async () => {},
    };
  }
  const url = await createServerDatabase(serverUrl);
  return {
    env: { DATABASE_URL: url },
    open: () => openDatabase({ databaseUrl: url, dataDir: '' }),
    drop: () => dropServerDatabase(serverUrl, url),
  };
}

describe('an import killed with SIGKILL and run again', () => {
  it('ends in exactly the state of one clean import', { timeout: 240_000 }, async () => {
    const dir = await scratchDir();
    const file = path.join(dir, 'big.csv');
    await generateTransactions(file, 100_000);
    const crashed = await newTarget();
    const clean = await newTarget();
    try {
      const first = runCli(file, crashed.env);
      let log = '';
      first.stderr?.on('data', (d) => (log += d));
      // Progress is reported as a batch is handed to the writer, after the one before it was
      // committed: a second progress line means at least one batch is in the database.
      const lines = () => log.match(/rows\/s/g)?.length ?? 0;
      while (lines() < 2) await new Promise((r) => setTimeout(r, 20));
      first.kill('SIGKILL');
      const [, signal] = await once(first, 'exit');
      expect(signal).toBe('SIGKILL');
      const mid = await crashed.open();
      const partial = Number((await snapshot(mid))?.lines);
      await mid.close();
      expect(partial).toBeGreaterThan(0); // some batches were committed...
      expect(partial).toBeLessThan(100_000); // ...and some were not

      expect(await finish(runCli(file, crashed.env))).toMatchObject({ code: 0 });
      expect(await finish(runCli(file, clean.env))).toMatchObject({ code: 0 });

      const a = await crashed.open();
      const b = await clean.open();
      try {
        const [after, reference] = [await snapshot(a), await snapshot(b)];
        expect(after).toEqual(reference);
        expect(Number(reference?.lines)).toBe(100_000);
      } finally {
        await a.close();
        await b.close();
      }
    } finally {
      await crashed.drop();
      await clean.drop();
    }
  });
});
