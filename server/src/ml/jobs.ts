// Training jobs of the server: started by staff over the API or by the retrain schedule,
// one at a time per model kind, each in a thread of its own (train-worker.ts). A job is its
// model_runs row (its id is the job id, so state survives restarts); progress messages are
// kept in memory while it runs here.
import { type Database, startTsWorker } from '@retention/db';
import { latestRun } from '../analytics/latest-run.ts';
import type { AnalyticsSettings } from '../config.ts';
import { every, type Job } from '../lib/job-runner.ts';
import type { Log } from '../lib/log.ts';
import { type AppMetrics, secondsSince } from '../lib/metrics.ts';
import type { JobKind } from './train-model.ts';
import { trainableKinds } from './train-model.ts';
import type { TrainJob, TrainMessage } from './train-worker.ts';

/** Models never trained are trained this long after the server starts. */
const firstRunDelayMs = 5000;

interface Running {
  runId: Promise<number>;
  done: Promise<unknown>;
}

export class TrainingJobs {
  private readonly running = new Map<JobKind, Running>();
  private readonly progress = new Map<number, string[]>();
  private retrain: Job<void> | undefined;
  private stopped = false;

  constructor(
    private readonly db: Database,
    private readonly settings: AnalyticsSettings,
    private readonly log: Log,
    private readonly metrics?: AppMetrics,
  ) {}

  /** Starts a job (or joins the one of that kind already running); resolves to its id. */
  start(kind: JobKind): Promise<{ jobId: number; alreadyRunning: boolean }> {
    if (this.stopped) return Promise.reject(new Error('the server is closing'));
    const current = this.running.get(kind);
    if (current) return current.runId.then((jobId) => ({ jobId, alreadyRunning: true }));
    let started: (id: number) => void = () => {};
    let failedEarly: (err: unknown) => void = () => {};
    const runId = new Promise<number>((resolve, reject) => {
      started = resolve;
      failedEarly = reject;
    });
    const messages: string[] = [];
    // Logs carry the job id (its model_runs id) once the run exists.
    let log = this.log.child({ job: `train:${kind}` });
    const onStart = (id: number) => {
      log = this.log.child({ jobId: id });
      this.progress.set(id, messages);
      started(id);
    };
    const onProgress = (m: string) => {
      messages.push(m);
      log.info(`training ${kind}: ${m}`);
    };
    const began = performance.now();
    const observe = (outcome: 'ok' | 'error') =>
      this.metrics?.trainingJobs.observe({ kind, outcome }, secondsSince(began));
    const job: TrainJob = {
      databaseUrl: this.db.url,
      kind,
      settings: this.settings,
    };
    const done = inThread(job, onStart, onProgress)
      .then(
        () => observe('ok'),
        (err: Error) => {
          observe('error');
          failedEarly(err);
          log.warn(`training ${kind} failed: ${err.message}`);
        },
      )
      .finally(() => this.running.delete(kind));
    this.running.set(kind, { runId, done });
    return runId.then((jobId) => ({ jobId, alreadyRunning: false }));
  }

  /** Progress messages of a job that ran in this process. */
  messagesOf(jobId: number): string[] {
    return this.progress.get(jobId) ?? [];
  }

  /**
   * Trains every kind every `hours`; shortly after start, the kinds never trained. Training
   * runs on the server's thread: the first run waits until the server is up.
   */
  schedule(hours: number): void {
    if (hours <= 0 || this.stopped) return;
    let first = true;
    this.retrain = every(
      'retrain',
      hours * 3_600_000,
      async () => {
        const onlyNew = first;
        first = false;
        for (const kind of trainableKinds) {
          if (this.stopped) return;
          if (onlyNew && (await latestRun(this.db.prisma, kind).catch(() => null))) continue;
          await this.start(kind).catch(() => {}); // a failed job is logged by start()
          await this.running.get(kind)?.done;
        }
      },
      { log: this.log, runAtStart: true, startDelayMs: firstRunDelayMs },
    );
    this.retrain.start();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.retrain?.stop();
    await Promise.all([...this.running.values()].map((r) => r.done.catch(() => {})));
  }
}

/** Runs a job in its own thread; resolves when it succeeded, rejects with why it failed. */
function inThread(
  job: TrainJob,
  onStart: (id: number) => void,
  onProgress: (m: string) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = startTsWorker(new URL('./train-worker.ts', import.meta.url), { ...job });
    let ended = false;
    const end = (err?: Error) => {
      if (ended) return;
      ended = true;
      if (err) reject(err);
      else resolve();
    };
    worker.on('message', (m: TrainMessage) => {
      if ('started' in m) onStart(m.started);
      else if ('progress' in m) onProgress(m.progress);
      else if ('failed' in m) end(new Error(m.failed));
      else end();
    });
    worker.once('error', (err) => end(err));
    worker.once('exit', (code) => end(new Error(`the training thread ended (exit code ${code})`)));
  });
}
