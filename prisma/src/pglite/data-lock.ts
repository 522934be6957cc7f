// PGlite is one process's database: a second process that opens the same folder corrupts it.
// The process that opens a data folder holds `<folder>.lock` (its pid, the command, and the
// port it serves the folder on, if it shares it); the others read it and either work through
// that port or are refused with a message naming the holder. A lock whose process is gone
// (killed, crashed) is taken over.
import { randomBytes } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import { readFile, rename, unlink, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';

export interface LockHolder {
  pid: number;
  /** What holds it, for messages: "npm start", "npm run import"... */
  command: string;
  since: string;
  /** The loopback port it serves the database on to other processes; null = it does not. */
  port: number | null;
}

export interface DataLock {
  /** Tells other processes where the database is served. */
  share(port: number): Promise<void>;
  release(): void;
}

export type LockResult = { lock: DataLock } | { heldBy: LockHolder };

/** The command this process was started as: npm's name for it when npm ran it, else the file. */
export function thisCommand(): string {
  const script = path.basename(process.argv[1] ?? 'node');
  const event = process.env.npm_lifecycle_event;
  // npm's variables are inherited by children: they name this process only if its script is ours.
  if (event && event !== 'npx' && process.env.npm_lifecycle_script?.includes(script)) {
    return event === 'start' ? 'npm start' : `npm run ${event}`;
  }
  return path.relative(process.cwd(), process.argv[1] ?? 'node') || script;
}

export async function takeLock(dataDir: string, command = thisCommand()): Promise<LockResult> {
  const file = `${dataDir}.lock`;
  const me: LockHolder = {
    pid: process.pid,
    command,
    since: new Date().toISOString(),
    port: null,
  };
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      await writeFile(file, JSON.stringify(me), { flag: 'wx', mode: 0o600 });
      return { lock: heldLock(file, me) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const raw = await readFile(file, 'utf8').catch(() => null);
    const holder = raw === null ? null : parseHolder(raw);
    if (raw !== null && holder === null) {
      await sleep(50); // being written this moment
      continue;
    }
    if (holder && (await isAlive(holder))) return { heldBy: holder };
    await takeOver(file, raw);
  }
  throw new Error(`could not take ${file}: it keeps changing hands; try again`);
}

/** Moves a dead holder's lock aside; if a live one slipped in meanwhile, puts it back. */
async function takeOver(file: string, staleRaw: string | null) {
  const aside = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    await rename(file, aside);
  } catch {
    return; // someone else moved it
  }
  const moved = await readFile(aside, 'utf8').catch(() => null);
  await unlink(aside).catch(() => {});
  if (moved !== null && moved !== staleRaw) {
    await writeFile(file, moved, { flag: 'wx' }).catch(() => {});
  }
}

function heldLock(file: string, me: LockHolder): DataLock {
  let released = false;
  const onExit = () => release();
  const release = () => {
    if (released) return;
    released = true;
    process.removeListener('exit', onExit);
    try {
      const holder = parseHolder(readFileSync(file, 'utf8'));
      if (holder?.pid === me.pid && holder.since === me.since) unlinkSync(file);
    } catch {
      // already gone
    }
  };
  process.on('exit', onExit);
  return {
    share: async (port) => {
      const tmp = `${file}.${process.pid}.tmp`;
      await writeFile(tmp, JSON.stringify({ ...me, port }), { mode: 0o600 });
      await rename(tmp, file);
    },
    release,
  };
}

function parseHolder(raw: string): LockHolder | null {
  try {
    const h = JSON.parse(raw) as LockHolder;
    return Number.isInteger(h.pid) && typeof h.command === 'string' ? h : null;
  } catch {
    return null;
  }
}

async function isAlive(holder: LockHolder): Promise<boolean> {
  try {
    process.kill(holder.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  // A pid can be reused after a crash: a holder that says it serves a port must answer there.
  return holder.port === null || (await answers(holder.port));
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(true); // busy, not gone
    });
    socket.once('error', () => resolve(false));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
