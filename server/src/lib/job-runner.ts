// The server's background loops (offer delivery, the alerts scheduler, the analytics refresh,
// retraining) all run through `every`: runs of a job never overlap; a trigger while one runs
// makes one more run after it (however many triggers came); a failed run is logged and the
// next one runs as usual; stop() waits for the run in flight. Timers are unref'd: a job never
// keeps the process alive.
import type { Log } from './log.ts';

export interface JobRun {
  /** 1, 2, ... per job. */
  n: number;
  /** The job's logger, with `runKey: n` when the job names a run key. */
  log: Log;
  /** True once stop() was called: a run that goes on in steps ends after the current one. */
  stopping(): boolean;
}

export interface JobOptions {
  log: Log;
  /** A run at start(), after `startDelayMs` (default 0); otherwise the first is one interval in. */
  runAtStart?: boolean;
  startDelayMs?: number;
  /** The field that numbers each run's log lines (e.g. deliveryRound), failures included. */
  runKey?: string;
}

export interface Job<T> {
  /** Starts the timer (and the first run when runAtStart). */
  start(): void;
  /** A run as soon as possible: now, or right after the one in flight. Failures are logged only. */
  trigger(): void;
  /**
   * As trigger(), and waits for that run: its result, or its error (logged as well). `work`
   * does this run instead of the job's function (e.g. a tick at a given instant); such a run
   * is never merged with another.
   */
  run(work?: (run: JobRun) => Promise<T>): Promise<T>;
  /** Stops the timer; no run starts any more; resolves once the run in flight has ended. */
  stop(): Promise<void>;
}

export class JobStoppedError extends Error {
  constructor(name: string) {
    super(`${name}: stopped`);
    this.name = 'JobStoppedError';
  }
}

export function every<T>(
  name: string,
  intervalMs: number,
  fn: (run: JobRun) => Promise<T>,
  o: JobOptions,
): Job<T> {
  // Runs are links of one promise chain, so each starts only once the previous has settled.
  let tail: Promise<unknown> = Promise.resolve();
  // The queued run of `fn` that has not started: triggers until it starts join it.
  let next: Promise<T> | null = null;
  let runs = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let firstRun: NodeJS.Timeout | undefined;
  const stopping = () => stopped;

  const enqueue = (work: (run: JobRun) => Promise<T>, onStart?: () => void): Promise<T> => {
    const run = tail.then(async () => {
      onStart?.();
      if (stopped) throw new JobStoppedError(name);
      const n = ++runs;
      const log = o.runKey ? o.log.child({ [o.runKey]: n }) : o.log;
      try {
        return await work({ n, log, stopping });
      } catch (err) {
        log.error({ err, job: name }, `${name} failed: ${(err as Error).message}`);
        throw err;
      }
    });
    tail = run.catch(() => {});
    return run;
  };

  const run = (work?: (run: JobRun) => Promise<T>): Promise<T> => {
    if (work) return enqueue(work);
    next ??= enqueue(fn, () => {
      next = null;
    });
    return next;
  };

  const trigger = () => {
    run().catch(() => {}); // logged in enqueue
  };

  return {
    start() {
      if (stopped || timer) return;
      timer = setInterval(trigger, intervalMs);
      timer.unref();
      if (!o.runAtStart) return;
      if (!o.startDelayMs) return trigger();
      firstRun = setTimeout(trigger, o.startDelayMs);
      firstRun.unref();
    },
    trigger,
    run,
    async stop() {
      stopped = true;
      clearInterval(timer);
      clearTimeout(firstRun);
      // Runs queued behind the one in flight end at once (stopped); wait for the chain.
      for (let last = tail; ; last = tail) {
        await last;
        if (last === tail) return;
      }
    },
  };
}
