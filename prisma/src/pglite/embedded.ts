// Starts the embedded database in a worker thread (worker.ts) and answers with the loopback
// port it serves the wire protocol on.
import { startTsWorker } from '../ts-worker.ts';

export interface EmbeddedServer {
  port: number;
  /** Stops serving and closes PGlite cleanly (its files are whole afterwards). */
  close(): Promise<void>;
  /** Called if the thread dies while open (PGlite aborted): the database is gone. */
  onExit(listener: (reason: string) => void): void;
}

export function startEmbedded(dataDir: string): Promise<EmbeddedServer> {
  const worker = startTsWorker(new URL('./worker.ts', import.meta.url), { dataDir });
  let closing = false;
  const exitListeners: ((reason: string) => void)[] = [];
  return new Promise((resolve, reject) => {
    const failed = (reason: string) => {
      if (closing) return;
      reject(new Error(`the embedded database at ${dataDir} did not open: ${reason}`));
      for (const l of exitListeners) l(reason);
    };
    worker.once('error', (err) => failed(err.message));
    worker.once('exit', (code) => failed(`its thread ended (exit code ${code})`));
    worker.once('message', (m: { port?: number; error?: string }) => {
      if (m.error !== undefined || m.port === undefined) return failed(m.error ?? 'no port');
      resolve({
        port: m.port,
        onExit: (l) => exitListeners.push(l),
        close: () =>
          new Promise<void>((done) => {
            closing = true;
            worker.once('exit', () => done());
            worker.once('message', () => void worker.terminate());
            worker.postMessage('close');
          }),
      });
    });
  });
}
