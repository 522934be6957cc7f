// Worker threads that run TypeScript modules (worker-shim.mjs explains how).
import { Worker } from 'node:worker_threads';

/** The file to give piscina (`filename`), with `workerData: { module }`. */
export const workerShim = new URL('./worker-shim.mjs', import.meta.url).href;

/** A worker thread running the TypeScript module `module` with `data` beside it in workerData. */
export function startTsWorker(module: URL | string, data: Record<string, unknown> = {}): Worker {
  return new Worker(new URL(workerShim), {
    workerData: { ...data, module: String(module) },
  });
}
