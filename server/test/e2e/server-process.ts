// Starts the real server process (as `npm start` does, minus the Mini App build) and
// waits until /health answers.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '@retention/db';
import { createServerDatabase, dropServerDatabase } from '@retention/db/testing';
import { repoRoot } from '../../../test/requirements.ts';
import { testBotToken } from '../helpers/build-app.ts';

export interface ServerProcess {
  url: string;
  /** Demo mode: the key of the link the server printed at start (demo sessions need it). */
  demoKey: string | undefined;
  /** `url` + `path`, with the demo key when the server is in demo mode (as its start link). */
  link(path?: string): string;
  output(): string;
  stop(): Promise<number | null>;
}

export async function freePort(): Promise<number> {
  const srv = createServer().listen(0, '127.0.0.1');
  await once(srv, 'listening');
  const { port } = srv.address() as { port: number };
  srv.close();
  return port;
}

/**
 * The server of a business that set up its bot (initData signed with the test token), with
 * the bot itself off and no demo data: the Mini App as Telegram opens it.
 */
export function startTelegramServer(env: Record<string, string>): Promise<ServerProcess> {
  return startServer({ BOT_TOKEN: testBotToken, BOT_MODE: 'off', DEMO_DATA: 'off', ...env });
}

export async function startServer(env: Record<string, string> = {}): Promise<ServerProcess> {
  // A PORT given is kept (a PUBLIC_URL naming it is known before the start).
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'rd-e2e-'));
  const { BOT_TOKEN, DATABASE_URL, ...inherited } = process.env;
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(repoRoot, 'server/src/server.ts')],
    {
      cwd: repoRoot,
      env: {
        ...inherited,
        NODE_ENV: 'development',
        PORT: String(port),
        DATA_DIR: dataDir,
        INIT_CWD: repoRoot,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let log = '';
  child.stdout?.on('data', (d) => (log += d));
  child.stderr?.on('data', (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 170_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${log}`);
    const ok = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  if (Date.now() >= deadline) {
    child.kill('SIGKILL');
    throw new Error(`server did not answer /health in time:\n${log}`);
  }
  // The start link is logged right after listening, which may come just after /health answers.
  const startLink = () => /open (http:\/\/\S+)/.exec(log);
  for (let i = 0; i < 100 && !startLink(); i++) await new Promise((r) => setTimeout(r, 100));
  const opened = startLink();
  const demoKey = opened
    ? (new URL(opened[1] as string).searchParams.get('demo') ?? undefined)
    : undefined;
  return {
    url,
    demoKey,
    link: (to = '/') => {
      if (!demoKey) return `${url}${to}`;
      return `${url}${to}${to.includes('?') ? '&' : '?'}demo=${demoKey}`;
    },
    output: () => log,
    stop: async () => {
      if (child.exitCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const [code] = await once(child, 'exit');
      return code as number | null;
    },
  };
}

/**
 * A fresh database for server processes: PGlite in a temporary folder, or a new database on
 * TEST_DATABASE_URL's server. `open()` gives it migrated (close it before a PGlite server
 * starts); `env` points a server at it; `drop()` removes the server database.
 */
export async function processDatabase(prefix: string) {
  const dataDir = await mkdtemp(path.join(tmpdir(), prefix));
  const serverUrl = process.env.TEST_DATABASE_URL;
  const databaseUrl = serverUrl ? await createServerDatabase(serverUrl) : undefined;
  return {
    env: { DATA_DIR: dataDir, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) },
    open: async () => {
      const db = await openDatabase({ databaseUrl, dataDir: path.join(dataDir, 'pglite') });
      await db.migrate();
      return db;
    },
    drop: async () => {
      if (serverUrl && databaseUrl) await dropServerDatabase(serverUrl, databaseUrl);
    },
  };
}

/** A server without demo data or training whose bot polls `apiRoot` with the test token. */
export function botServerEnv(apiRoot: string, extra: Record<string, string> = {}) {
  return {
    DEMO_DATA: 'off',
    RETRAIN_HOURS: '0',
    BOT_TOKEN: testBotToken,
    BOT_MODE: 'polling',
    TELEGRAM_API_ROOT: apiRoot,
    DELIVERY_INTERVAL_SECONDS: '1',
    ...extra,
  };
}
