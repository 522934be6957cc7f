// A throwaway PostgreSQL cluster for fault tests: initdb and pg_ctl of the machine's
// PostgreSQL 15 in a temporary folder, on a free loopback port, so a test can stop and start
// the database under a running server. initdb refuses to run as root, so as root (CI) every
// command runs as the `postgres` OS user, in a folder that user owns.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chown, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { available } from '../../../test/requirements.ts';
import { freePort } from '../e2e/server-process.ts';

const run = promisify(execFile);
export const pgBin = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
const asRoot = process.getuid?.() === 0;

export interface PgCluster {
  port: number;
  /** postgresql:// URL of `database` (default `postgres`) as the superuser, no password. */
  url(database?: string): string;
  /** `pg_ctl stop`: `fast` rolls back and disconnects; `immediate` is a crash. */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  start(): Promise<void>;
  /** The server's log (start, stop, crash recovery). */
  log(): Promise<string>;
  /** Stops the cluster (if running) and deletes its folder. */
  drop(): Promise<void>;
}

async function postgresUser(): Promise<{ uid: number; gid: number } | null> {
  try {
    const [uid, gid] = await Promise.all([
      run('id', ['-u', 'postgres']).then((r) => Number(r.stdout.trim())),
      run('id', ['-g', 'postgres']).then((r) => Number(r.stdout.trim())),
    ]);
    return { uid, gid };
  } catch {
    return null;
  }
}

/**
 * True when a cluster can be made here (PostgreSQL binaries; as root, the `postgres` user);
 * false with a message (a skip) when not, and an error under CI=true.
 */
export async function canStartCluster(): Promise<boolean> {
  if (!available(`PostgreSQL binaries in ${pgBin}`, existsSync(path.join(pgBin, 'initdb'))))
    return false;
  if (asRoot)
    return available('the postgres OS user (to run initdb as root)', !!(await postgresUser()));
  return true;
}

export async function startCluster(): Promise<PgCluster> {
  const dir = await mkdtemp(path.join(tmpdir(), 'rd-pg-'));
  if (asRoot) {
    const user = await postgresUser();
    if (!user) throw new Error('no postgres OS user to run initdb as');
    await chown(dir, user.uid, user.gid);
  }
  const data = path.join(dir, 'data');
  const logFile = path.join(dir, 'postgres.log');
  const pgCommand = async (cmd: string, args: string[]) => {
    const file = path.join(pgBin, cmd);
    const [bin, argv] = asRoot
      ? ['runuser', ['-u', 'postgres', '--', file, ...args]]
      : [file, args];
    try {
      return await run(bin, argv, { cwd: dir, timeout: 120_000 });
    } catch (err) {
      const e = err as Error & { stderr?: string; stdout?: string };
      throw new Error(`${cmd} ${args.join(' ')} failed: ${e.message}\n${e.stdout}${e.stderr}`);
    }
  };
  await pgCommand('initdb', [
    '-D',
    data,
    '-U',
    'postgres',
    '--auth=trust',
    '-E',
    'UTF8',
    '--locale=C',
    '--no-sync',
  ]);
  const port = await freePort();
  // fsync off: the tests crash the server process, never the machine, so the OS keeps what
  // was written; a commit is still written to the WAL before it is acknowledged.
  const options = [
    `-p ${port}`,
    '-c listen_addresses=127.0.0.1',
    `-c unix_socket_directories=${dir}`,
    '-c fsync=off',
    '-c max_connections=60',
  ].join(' ');
  let running = false;
  const cluster: PgCluster = {
    port,
    url: (database = 'postgres') => `postgresql://postgres@127.0.0.1:${port}/${database}`,
    start: async () => {
      await pgCommand('pg_ctl', [
        '-D',
        data,
        '-l',
        logFile,
        '-o',
        options,
        '-w',
        '-t',
        '60',
        'start',
      ]);
      running = true;
    },
    stop: async (mode = 'fast') => {
      await pgCommand('pg_ctl', ['-D', data, '-m', mode, '-w', '-t', '60', 'stop']);
      running = false;
    },
    log: () => readFile(logFile, 'utf8').catch(() => ''),
    drop: async () => {
      if (running) await cluster.stop('immediate').catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
  await cluster.start();
  return cluster;
}
