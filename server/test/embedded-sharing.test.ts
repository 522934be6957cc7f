// PGlite is one process's database. Every command that opens the embedded database, run at
// once beside the server on the same DATA_DIR, works through the server (or refuses with a
// message saying what holds it); a command holding the folder keeps the server out with a
// message; the server restarts on whole data afterwards.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '@retention/db';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../test/requirements.ts';
import { type ServerProcess, startServer } from './e2e/server-process.ts';

interface Run {
  code: number | null;
  output: string;
}

function command(file: string, args: string[], env: Record<string, string>): ChildProcess {
  const { DATABASE_URL, BOT_TOKEN, ...inherited } = process.env;
  return spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, file), ...args], {
    cwd: repoRoot,
    env: { ...inherited, INIT_CWD: repoRoot, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

async function finish(child: ChildProcess): Promise<Run> {
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const [code] = await once(child, 'exit');
  return { code: code as number | null, output };
}

const ordersCsv = [
  'order_id,customer_id,order_date,sku,quantity,unit_price',
  ...Array.from(
    { length: 200 },
    (_, i) => `sh-${i},sh-c${i % 40},2026-0${1 + (i % 9)}-1${i % 10},SKU-${i % 7},1,${10 + i}.50`,
  ),
].join('\n');

async function counts(dataDir: string) {
  const db = await openDatabase({ dataDir: path.join(dataDir, 'pglite') });
  try {
    const n = async (table: string) =>
      Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]?.n);
    return {
      customers: await n('customers'),
      orders: await n('orders'),
      apiKeys: await n('api_keys'),
      modelRuns: await n('model_runs'),
    };
  } finally {
    await db.close();
  }
}

describe('the embedded database shared by the server and the commands', () => {
  const servers: ServerProcess[] = [];
  afterAll(async () => {
    for (const s of servers) await s.stop();
  });

  it('runs every command at once beside the server, through it, and restarts on whole data', {
    timeout: 400_000,
  }, async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'rd-shared-'));
    const env = { DATA_DIR: dataDir, DEMO_CUSTOMERS: '200', RETRAIN_HOURS: '0' };
    const server = await startServer(env);
    servers.push(server);
    const lock = JSON.parse(await readFile(path.join(dataDir, 'pglite.lock'), 'utf8'));
    expect(lock).toMatchObject({ pid: expect.any(Number), port: expect.any(Number) });
    const csv = path.join(dataDir, 'orders.csv');
    await writeFile(csv, ordersCsv);

    const bot = command('server/src/cli/bot.ts', [], {
      ...env,
      BOT_TOKEN: '123456:TEST-token-for-the-embedded-sharing-test',
      TELEGRAM_API_ROOT: 'http://127.0.0.1:9',
    });
    const runs = await Promise.all([
      finish(command('server/src/cli/train.ts', [], env)),
      finish(command('server/src/cli/import.ts', [csv, '--kind', 'transactions'], env)),
      finish(command('prisma/seed/cli.ts', ['--customers', '20'], env)),
      finish(command('prisma/src/cli/migrate.ts', [], env)),
      finish(command('server/src/cli/apikey.ts', ['create', '--name', 'shared'], env)),
      (async () => {
        const run = finish(bot);
        const deadline = Date.now() + 120_000;
        let seen = '';
        bot.stdout?.on('data', (d) => (seen += d));
        while (!/bot only/.test(seen) && bot.exitCode === null && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 200));
        }
        bot.kill('SIGTERM');
        const r = await run;
        return { ...r, output: seen + r.output };
      })(),
    ]);
    const [train, imported, seed, migrate, apikey, botRun] = runs as Run[];
    const through = /through `(npm start|server\/src\/server\.ts)` \(pid \d+\)/;
    expect(train?.output).toMatch(through);
    expect(train?.code, train?.output).toBe(0);
    expect(imported?.output).toMatch(through);
    expect(imported?.code, imported?.output).toBe(0);
    expect(seed?.output).toMatch(/already holds \d+ customers; nothing was changed/);
    expect(seed?.code).toBe(1);
    expect(migrate?.output).toMatch(/up to date/);
    expect(migrate?.code).toBe(0);
    expect(apikey?.output).toMatch(/API key "shared" created/);
    expect(apikey?.code).toBe(0);
    expect(botRun?.output).toMatch(/database: embedded PGlite .* through/);
    expect((await fetch(`${server.url}/health/live`)).status).toBe(200);
    expect((await fetch(`${server.url}/health/ready`)).status).toBe(200);

    expect(await server.stop()).toBe(0);
    const after = await counts(dataDir);
    expect(after.customers).toBe(200 + 40);
    expect(after.apiKeys).toBe(1);
    expect(after.modelRuns).toBeGreaterThanOrEqual(5);
    const again = await startServer(env);
    servers.push(again);
    expect(await (await fetch(`${again.url}/health`)).json()).toMatchObject({
      status: 'ok',
      database: 'pglite',
    });
    expect(await again.stop()).toBe(0);
    expect(await counts(dataDir)).toEqual(after);
  });

  it('keeps the server and other commands out while a command holds the folder, with a message', {
    timeout: 300_000,
  }, async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'rd-held-'));
    const env = { DATA_DIR: dataDir };
    const big = path.join(dataDir, 'big.csv');
    await writeFile(
      big,
      [
        'order_id,customer_id,order_date,sku,quantity,unit_price',
        ...Array.from(
          { length: 30_000 },
          (_, i) => `b-${i},c${i % 3000},2026-01-0${1 + (i % 9)},SKU-${i % 11},2,${i % 500}.25`,
        ),
      ].join('\n'),
    );
    const holder = command('server/src/cli/import.ts', [big, '--kind', 'transactions'], env);
    const held = finish(holder);
    const lockFile = path.join(dataDir, 'pglite.lock');
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline && !(await readFile(lockFile, 'utf8').catch(() => ''))) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const refusedServer = await finish(
      command('server/src/server.ts', [], { ...env, PORT: '0', RETRAIN_HOURS: '0' }),
    );
    const refusedTrain = await finish(command('server/src/cli/train.ts', [], env));
    const done = await held;
    expect(done.code, done.output).toBe(0);
    for (const refused of [refusedServer, refusedTrain]) {
      expect(refused.code).toBe(1);
      expect(refused.output).toMatch(
        /The embedded database in .* is in use by `server\/src\/cli\/import\.ts` \(pid \d+/,
      );
      expect(refused.output).toMatch(/Wait for that command to finish/);
    }
    // The holder is gone: the folder opens again, whole.
    const { orders } = await counts(dataDir);
    expect(orders).toBe(30_000);
  });
});
