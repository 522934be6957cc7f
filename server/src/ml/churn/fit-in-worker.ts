// Runs @retention/ml's fitChurn (or judgeChurn, for backtests) in a worker thread, so a long
// fit never blocks the server's
// requests. The worker first registers tsx's loader (as the server itself runs), then imports
// the entry (fit-worker.ts), which resolves @retention/ml like the server does.
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type Reason, ReasonError } from '@retention/contracts';
import type { ChurnFit, ChurnInput, ChurnJudgement } from '@retention/ml';

const tsxDir = path.dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
const tsxApi = pathToFileURL(path.join(tsxDir, 'dist/esm/api/index.mjs')).href;
const entry = new URL('./fit-worker.ts', import.meta.url).href;
const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`;

interface Tasks {
  fit: ChurnFit;
  judge: ChurnJudgement;
}

export function fitInWorker(input: ChurnInput, say: (message: string) => void): Promise<ChurnFit> {
  return inWorker('fit', input, say);
}

export function judgeInWorker(
  input: ChurnInput,
  say: (message: string) => void,
): Promise<ChurnJudgement> {
  return inWorker('judge', input, say);
}

function inWorker<T extends keyof Tasks>(
  task: T,
  input: ChurnInput,
  say: (message: string) => void,
): Promise<Tasks[T]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(bootstrap, { eval: true, workerData: { task, input } });
    let settled = false;
    type Message = { message?: string; fit?: Tasks[T]; error?: string; reason?: Reason | null };
    worker.on('message', (m: Message) => {
      if (m.message !== undefined) say(m.message);
      else if (m.error !== undefined) {
        settled = true;
        reject(m.reason ? new ReasonError(m.reason.key, m.reason.params) : new Error(m.error));
      } else if (m.fit) {
        settled = true;
        resolve(m.fit);
      }
    });
    worker.on('error', (err) => {
      settled = true;
      reject(err);
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`the churn fit's worker stopped (exit code ${code})`));
    });
  });
}
