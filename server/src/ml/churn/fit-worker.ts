// Worker-thread entry of the churn fit: receives the rows, posts progress lines and then the
// result (or the error's message, and its reason when it has one).
import { parentPort, workerData } from 'node:worker_threads';
import { reasonOf } from '@retention/contracts';
import { type ChurnInput, fitChurn } from '@retention/ml';

const port = parentPort;
if (!port) throw new Error('fit-worker.ts runs only as a worker thread');
try {
  const fit = fitChurn(workerData as ChurnInput, (message) => port.postMessage({ message }));
  port.postMessage({ fit });
} catch (err) {
  port.postMessage({ error: (err as Error).message, reason: reasonOf(err) });
}
