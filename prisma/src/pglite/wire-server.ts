// PGlite served over the Postgres wire protocol on a loopback port, so that pg clients (the
// server's pools, Prisma's adapter-pg, the command-line tools of other processes) share one
// embedded database. PGlite is a single session: this multiplexer lets one connection at a
// time run, from its first message until the backend is idle again (ReadyForQuery 'I'), so a
// transaction, an extended-protocol sequence or a COPY is never interleaved with another
// connection's messages. Two things PGlite lacks are done here: COPY FROM STDIN (collected
// and run as COPY FROM '/dev/blob'), and cleaning up after a client that vanished mid-work.
// Messages run through `runRaw`, never PGlite's execProtocolRaw, which keeps every message
// it answers for the life of the database (see runRaw).
import net from 'node:net';
import type { PGlite } from '@electric-sql/pglite';

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
/** Messages after which the client waits for an answer: the end of a unit of work. */
const ENDS_A_UNIT = new Set([...'SQHdcfXF'].map((c) => c.charCodeAt(0)));
const READY = 0x5a; // 'Z'
const IDLE = 0x49; // 'I'
const copyFromStdin = /^\s*(COPY\s+.+?\s+FROM\s+)STDIN\b(.*)$/is;

export interface WireServer {
  port: number;
  close(): Promise<void>;
}

export async function serveWire(db: PGlite, host = '127.0.0.1', port = 0): Promise<WireServer> {
  const turn = new Turnstile();
  const sockets = new Set<net.Socket>();
  let nextId = 1;
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    new Connection(nextId++, socket, db, turn);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Who may talk to the backend now; the others wait in arrival order. */
class Turnstile {
  holder: number | null = null;
  private waiting: { id: number; go: () => void }[] = [];

  enter(id: number): Promise<void> {
    if (this.holder === null || this.holder === id) {
      this.holder = id;
      return Promise.resolve();
    }
    return new Promise((go) => this.waiting.push({ id, go: () => go() }));
  }

  leave(id: number): void {
    if (this.holder !== id) return;
    const next = this.waiting.shift();
    this.holder = next ? next.id : null;
    next?.go();
  }

  forget(id: number): void {
    this.waiting = this.waiting.filter((w) => w.id !== id);
  }
}

class Connection {
  private buffer: Buffer = Buffer.alloc(0);
  private started = false;
  private unit: Buffer[] = [];
  private work: Promise<void> = Promise.resolve();
  private copy: { sql: string; data: Uint8Array[] } | null = null;
  private closed = false;

  constructor(
    private id: number,
    private socket: net.Socket,
    private db: PGlite,
    private turn: Turnstile,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk) => this.receive(chunk));
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      this.closed = true;
      this.turn.forget(this.id);
      this.work = this.work.then(() => this.cleanUp());
    });
  }

  private receive(chunk: Buffer) {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    for (;;) {
      const message = this.started ? this.typedMessage() : this.startupMessage();
      if (!message) return;
      if (message === 'handled') continue;
      this.unit.push(message);
      if (!this.started || ENDS_A_UNIT.has(message[0] as number)) {
        if (!this.started) this.started = true;
        const unit = this.unit;
        this.unit = [];
        this.work = this.work
          .then(() => this.run(unit))
          .catch(() => {
            this.socket.destroy();
          });
      }
    }
  }

  private startupMessage(): Buffer | 'handled' | null {
    if (this.buffer.length < 8) return null;
    const length = this.buffer.readInt32BE(0);
    if (length < 8 || length > 10_000) {
      this.socket.destroy();
      return null;
    }
    if (this.buffer.length < length) return null;
    const code = this.buffer.readInt32BE(4);
    const message = this.buffer.subarray(0, length);
    this.buffer = this.buffer.subarray(length);
    if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
      this.socket.write('N');
      return 'handled';
    }
    if (code === CANCEL_REQUEST) {
      // PGlite has no other backend to interrupt.
      this.socket.end();
      return null;
    }
    return message;
  }

  private typedMessage(): Buffer | null {
    if (this.buffer.length < 5) return null;
    const length = this.buffer.readInt32BE(1) + 1;
    if (length < 5) {
      this.socket.destroy();
      return null;
    }
    if (this.buffer.length < length) return null;
    const message = this.buffer.subarray(0, length);
    this.buffer = this.buffer.subarray(length);
    return message;
  }

  private async run(unit: Buffer[]) {
    if (this.closed) return;
    if (unit.length === 1 && unit[0]?.[0] === 0x58) {
      this.socket.end(); // Terminate
      return;
    }
    await this.turn.enter(this.id);
    if (this.closed) return this.turn.leave(this.id);
    const out = this.copy ? await this.copying(unit) : await this.execute(unit);
    if (out.length && !this.closed) this.socket.write(out);
    if (!this.copy && lastStatus(out) === IDLE) this.turn.leave(this.id);
  }

  private async execute(unit: Buffer[]): Promise<Uint8Array> {
    const first = unit[0] as Buffer;
    if (unit.length === 1 && first[0] === 0x51) {
      const sql = first.subarray(5, first.length - 1).toString('utf8');
      const m = copyFromStdin.exec(sql);
      if (m) {
        this.copy = { sql: `${m[1]}'/dev/blob'${m[2]}`, data: [] };
        return message('G', Buffer.from([0, 0, 0])); // CopyInResponse, text, no columns
      }
    }
    return runRaw(this.db, Buffer.concat(unit));
  }

  /** Collects CopyData; at CopyDone runs the COPY on the data, at CopyFail fails it. */
  private async copying(unit: Buffer[]): Promise<Uint8Array> {
    const copy = this.copy as { sql: string; data: Uint8Array[] };
    for (const m of unit) {
      if (m[0] === 0x64) copy.data.push(new Uint8Array(m.subarray(5)));
      else if (m[0] === 0x63 || m[0] === 0x66) {
        this.copy = null;
        const failed = m[0] === 0x66;
        try {
          if (failed) {
            await this.db.query(
              `DO $$BEGIN RAISE EXCEPTION USING ERRCODE = '57014', MESSAGE = 'COPY from stdin failed'; END$$`,
            );
          }
          const r = await this.db.query(copy.sql, [], { blob: new Blob(copy.data as BlobPart[]) });
          return Buffer.concat([message('C', `COPY ${r.affectedRows ?? 0}\0`), this.ready()]);
        } catch (err) {
          return Buffer.concat([errorResponse(err), this.ready()]);
        }
      }
    }
    return Buffer.alloc(0);
  }

  private ready(): Buffer {
    // PGlite tells only whether a transaction block is open, not whether it failed: 'T'
    // stands for both ('E' would be exact after a failure; clients treat them alike).
    return message('Z', this.db.isInTransaction() ? 'T' : 'I');
  }

  /** A client that went away mid-work must not leave the session in its state. */
  private async cleanUp() {
    this.copy = null;
    if (this.turn.holder !== this.id) return;
    try {
      await runRaw(this.db, message('S', ''));
      if (this.db.isInTransaction()) await this.db.exec('ROLLBACK');
    } finally {
      this.turn.leave(this.id);
    }
  }
}

/**
 * Runs wire-protocol messages on PGlite and answers its output as it came. Not
 * `execProtocolRaw`: in PGlite 0.5 its default output handler also parses every message it
 * copies and pushes it onto a query record that only `execProtocol` and `query` replace, so
 * through a wire server every row of every answer stayed in memory (150,474 parsed rows
 * holding 202 MB part-way through one CDNOW backtest; the server grew by about 100 MB with
 * each backtest). The streaming call parses nothing; its chunks are views of PGlite's
 * memory, so each is copied.
 */
async function runRaw(db: PGlite, input: Uint8Array): Promise<Buffer> {
  const chunks: Buffer[] = [];
  await db.execProtocolRawStream(new Uint8Array(input), {
    onRawData: (bytes) => chunks.push(Buffer.from(bytes)),
  });
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
}

function message(type: string, body: string | Buffer): Buffer {
  const data = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  head.writeInt32BE(data.length + 4, 1);
  return Buffer.concat([head, data]);
}

/** An ErrorResponse carrying what PGlite's error says (code, message, detail, ...). */
function errorResponse(err: unknown): Buffer {
  const e = err as Record<string, string | undefined>;
  const fields: [string, string | undefined][] = [
    ['S', e.severity ?? 'ERROR'],
    ['V', e.severity ?? 'ERROR'],
    ['C', e.code ?? 'XX000'],
    ['M', e.message ?? String(err)],
    ['D', e.detail],
    ['H', e.hint],
    ['s', e.schema],
    ['t', e.table],
    ['c', e.column],
    ['n', e.constraint],
  ];
  const body = fields
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}${v}\0`)
    .join('');
  return message('E', `${body}\0`);
}

/** The status byte of the output's last message when it is ReadyForQuery, else null. */
function lastStatus(out: Uint8Array): number | null {
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  let status: number | null = null;
  for (let i = 0; i + 5 <= out.length; i += 1 + view.getInt32(i + 1)) {
    status = out[i] === READY ? (out[i + 5] as number) : null;
  }
  return status;
}
