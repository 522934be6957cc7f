// Loads a TypeScript module in a worker thread whether or not the parent process was started
// by tsx (test runners are not, and workers do not inherit loaders given by --import): it
// registers tsx's ESM loader, imports `workerData.module`, and hands on its default export
// (what piscina calls; a plain worker's module just runs).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const loaded = await import(workerData.module);
export default loaded.default;
