// A connection the server ends right after start-up (a dropped database, a restart, an
// administrator's pg_terminate_backend) must fail the work that asked for it, never the
// process. The server sends ReadyForQuery and the FATAL error back to back, so pg reads them
// in one chunk: pg-pool hands the new connection to `await pool.connect()` (our transactions,
// adapter-pg's) and the error is emitted before the caller's continuation can attach a
// listener. A fake server makes that order certain; no database is needed.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../src/open-database.ts';

/** A backend message: type byte, length (itself included), body. */
function message(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.write(type, 0, 'ascii');
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}

const int32 = (...values: number[]) => {
  const b = Buffer.alloc(4 * values.length);
  for (const [i, v] of values.entries()) b.writeInt32BE(v, 4 * i);
  return b;
};

// AuthenticationOk, BackendKeyData, ReadyForQuery (idle), then FATAL 57P01: one write.
const readyThenTerminated = Buffer.concat([
  message('R', int32(0)),
  message('K', int32(4242, 1)),
  message('Z', Buffer.from('I')),
  message(
    'E',
    Buffer.from('SFATAL\0VFATAL\0C57P01\0Mterminating connection due to administrator command\0\0'),
  ),
]);

describe('a connection terminated right after start-up', () => {
  let server: net.Server;
  let db: Database;
  const uncaught: Error[] = [];
  const monitor = (err: Error) => void uncaught.push(err);

  beforeAll(async () => {
    server = net.createServer((socket) => {
      // The startup message is the first thing a client sends (no SSL by default).
      socket.once('data', () => socket.end(readyThenTerminated));
      socket.on('error', () => {});
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as net.AddressInfo;
    db = await openDatabase({
      databaseUrl: `postgresql://postgres@127.0.0.1:${port}/x`,
      dataDir: '',
    });
    process.on('uncaughtExceptionMonitor', monitor);
  });
  afterAll(async () => {
    process.off('uncaughtExceptionMonitor', monitor);
    await db?.close().catch(() => {});
    await new Promise((r) => server?.close(r));
  });

  it('fails a bulk transaction, not the process', async () => {
    await expect(db.transaction((s) => s.query('SELECT 1'))).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 50));
    expect(uncaught.map((e) => e.message)).toEqual([]);
  });

  it("fails one of Prisma's interactive transactions, not the process", async () => {
    await expect(db.prisma.$transaction((tx) => tx.$queryRaw`SELECT 1`)).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 50));
    expect(uncaught.map((e) => e.message)).toEqual([]);
  });

  it('fails an analytics read and a Prisma query, not the process', async () => {
    await expect(db.query('SELECT 1')).rejects.toThrow();
    await expect(db.prisma.$queryRaw`SELECT 1`).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 50));
    expect(uncaught.map((e) => e.message)).toEqual([]);
  });
});
