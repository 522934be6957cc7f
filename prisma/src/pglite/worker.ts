// The embedded database's own thread: opens PGlite on a data folder and serves it over the
// wire protocol (wire-server.ts), so that its WebAssembly work never runs on the thread
// that answers HTTP requests. Started by embedded.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { serveWire } from './wire-server.ts';

const port = parentPort;
if (!port) throw new Error('worker.ts runs as a worker thread (embedded.ts starts it)');
const { dataDir } = workerData as { dataDir: string };

try {
  const db = await PGlite.create(dataDir);
  const wire = await serveWire(db);
  port.on('message', async (m) => {
    if (m !== 'close') return;
    await wire.close();
    await db.close();
    port.postMessage({ closed: true });
    port.close();
  });
  port.postMessage({ port: wire.port });
} catch (err) {
  port.postMessage({ error: (err as Error).message ?? String(err) });
}
