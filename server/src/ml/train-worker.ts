// A training thread: one job of the server's (jobs.ts) runs here, on a connection of its own,
// so that fitting a model never holds up the thread that answers requests. It tells the
// server the run's id, its progress, and how it ended.
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '@retention/db';
import { businessDay, lastDataDay } from '../analytics/clock.ts';
import { refreshDerived } from '../analytics/refresh.ts';
import type { AnalyticsSettings } from '../config.ts';
import { type JobKind, trainModel } from './train-model.ts';

export interface TrainJob {
  databaseUrl: string;
  kind: JobKind;
  settings: AnalyticsSettings;
}

export type TrainMessage =
  | { started: number }
  | { progress: string }
  | { done: true }
  | { failed: string };

const port = parentPort;
if (!port) throw new Error('train-worker.ts runs as a worker thread (jobs.ts starts it)');
const job = workerData as TrainJob;
const tell = (m: TrainMessage) => port.postMessage(m);

const db = await openDatabase({ databaseUrl: job.databaseUrl, dataDir: '' });
try {
  await refreshDerived(db, job.settings);
  await trainModel(db, job.kind, {
    // The business's today (clock.ts): the data's last day when it ended long ago.
    asOf: businessDay(job.settings, await lastDataDay(db)).today,
    timeZone: job.settings.timeZone,
    windowDays: job.settings.windowDays,
    atRiskShare: job.settings.atRiskShare,
    horizonDays: job.settings.horizonDays,
    currency: job.settings.currency,
    onStart: (id) => tell({ started: id }),
    onProgress: (progress) => tell({ progress }),
  });
  tell({ done: true });
} catch (err) {
  tell({ failed: (err as Error).message ?? String(err) });
} finally {
  await db.close();
}
