// Worker-thread entry of the churn fit: receives the task and the rows, posts progress lines
// and then the result (or the error's message, and its reason when it has one).
import { parentPort, workerData } from 'node:worker_threads';
import { reasonOf } from '@retention/contracts';
import { type ChurnInput, fitChurn, judgeChurn } from '@retention/ml';

const port = parentPort;
if (!port) throw new Error('fit-worker.ts runs only as a worker thread');
const { task, input } = workerData as { task: 'fit' | 'judge'; input: ChurnInput };
try {
  const say = (message: string) => port.postMessage({ message });
  const fit = task === 'judge' ? judgeChurn(input, say) : fitChurn(input, say);
  port.postMessage({ fit });
} catch (err) {
  port.postMessage({ error: (err as Error).message, reason: reasonOf(err) });
}
