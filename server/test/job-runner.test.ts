// The runner of the background loops: runs never overlap, triggers during a run make one more
// run, a failure is logged and the loop goes on, stop() waits for the run in flight. Runs are
// held open with gates the test releases, so nothing here depends on how fast it runs.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { every, type JobRun, JobStoppedError } from '../src/lib/job-runner.ts';
import type { Log } from '../src/lib/log.ts';

function recordingLog() {
  const lines: { level: string; fields: Record<string, unknown>; message: string }[] = [];
  const make = (bound: Record<string, unknown>): Log => {
    const at =
      (level: string) =>
      (a: object | string, b?: string): void => {
        const fields = typeof a === 'string' ? {} : (a as Record<string, unknown>);
        lines.push({
          level,
          fields: { ...bound, ...fields },
          message: typeof a === 'string' ? a : (b ?? ''),
        });
      };
    return {
      info: at('info'),
      warn: at('warn'),
      error: at('error'),
      child: (bindings) => make({ ...bound, ...bindings }),
    };
  };
  return { log: make({}), lines };
}

/** A job function whose runs each wait for release(); it records what overlapped. */
function gatedJob() {
  const gates: (() => void)[] = [];
  const state = { started: 0, finished: 0, active: 0, maxActive: 0 };
  const fn = async ({ n }: JobRun) => {
    state.started++;
    state.active++;
    state.maxActive = Math.max(state.maxActive, state.active);
    await new Promise<void>((resolve) => gates.push(resolve));
    state.active--;
    state.finished++;
    return n;
  };
  /** Lets the oldest waiting run finish, once one is waiting. */
  const release = async () => {
    await vi.waitFor(() => expect(gates.length).toBeGreaterThan(0));
    gates.shift()!();
  };
  return { fn, state, release, waiting: () => gates.length };
}

/** Lets queued promise callbacks run. */
const settle = () => new Promise((r) => setImmediate(r));

describe('job runner', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('never starts a run while one is in flight; triggers during it make one more run', async () => {
    const { log } = recordingLog();
    const g = gatedJob();
    const job = every('test', 1000, g.fn, { log });
    const first = job.run();
    await vi.waitFor(() => expect(g.state.started).toBe(1));
    // Three triggers and two interval ticks during the run: one more run, after it.
    job.trigger();
    const second = job.run();
    job.trigger();
    job.start();
    await vi.advanceTimersByTimeAsync(2000);
    await settle();
    expect(g.state).toMatchObject({ started: 1, active: 1 });
    await g.release();
    expect(await first).toBe(1);
    await g.release();
    expect(await second).toBe(2);
    await settle();
    expect(g.state).toMatchObject({ started: 2, finished: 2, maxActive: 1 });
    await job.stop();
  });

  it('queues a run with its own work after the one in flight, never merged', async () => {
    const { log } = recordingLog();
    const g = gatedJob();
    const job = every('test', 1000, g.fn, { log });
    const first = job.run();
    await vi.waitFor(() => expect(g.state.started).toBe(1));
    const own = job.run(async ({ n }) => n * 100);
    const after = job.run();
    await g.release();
    expect(await first).toBe(1);
    expect(await own).toBe(200);
    await g.release();
    expect(await after).toBe(3);
    expect(g.state.maxActive).toBe(1);
    await job.stop();
  });

  it('logs a failed run with the job name and runs again at the next interval', async () => {
    const { log, lines } = recordingLog();
    let calls = 0;
    const job = every(
      'flaky',
      1000,
      async () => {
        calls++;
        if (calls === 1) throw new Error('database away');
        return calls;
      },
      { log, runKey: 'flakyRound' },
    );
    job.start();
    await vi.advanceTimersByTimeAsync(1000);
    await vi.waitFor(() => expect(lines).toHaveLength(1));
    expect(lines[0]).toMatchObject({
      level: 'error',
      fields: { job: 'flaky', flakyRound: 1 },
      message: 'flaky failed: database away',
    });
    await vi.advanceTimersByTimeAsync(1000);
    await vi.waitFor(() => expect(calls).toBe(2));
    // A caller that waits gets the error as well.
    const failing = every('failing', 1000, () => Promise.reject(new Error('no')), { log });
    await expect(failing.run()).rejects.toThrow('no');
    await job.stop();
    await failing.stop();
  });

  it('runs at start, at once or after a delay, then every interval', async () => {
    const { log } = recordingLog();
    let now = 0;
    const fn = vi.fn(async () => now);
    const job = every('soon', 1000, fn, { log, runAtStart: true });
    job.start();
    await vi.waitFor(() => expect(fn).toHaveBeenCalledTimes(1));
    await vi.advanceTimersByTimeAsync(1000);
    await vi.waitFor(() => expect(fn).toHaveBeenCalledTimes(2));
    await job.stop();

    const later = vi.fn(async () => now++);
    const delayed = every('later', 10_000, later, { log, runAtStart: true, startDelayMs: 500 });
    delayed.start();
    await settle();
    expect(later).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(500);
    await vi.waitFor(() => expect(later).toHaveBeenCalledTimes(1));
    await delayed.stop();
  });

  it('stop() waits for the run in flight; nothing runs after it', async () => {
    const { log } = recordingLog();
    const g = gatedJob();
    const job = every('test', 1000, g.fn, { log });
    job.start();
    const first = job.run();
    await vi.waitFor(() => expect(g.state.started).toBe(1));
    const queued = job.run(); // waits behind the first
    let stopped = false;
    let sawStopping = false;
    const stop = job.stop().then(() => {
      stopped = true;
    });
    await settle();
    expect(stopped).toBe(false);
    await g.release();
    await stop;
    expect(stopped).toBe(true);
    expect(await first).toBe(1);
    await expect(queued).rejects.toBeInstanceOf(JobStoppedError);
    job.trigger();
    await vi.advanceTimersByTimeAsync(5000);
    await settle();
    expect(g.state).toMatchObject({ started: 1, finished: 1 });

    // A run that goes on in steps sees stopping() and ends after its step.
    const steps = every(
      'steps',
      1000,
      async ({ stopping }) => {
        let done = 0;
        while (!stopping()) {
          done++;
          await new Promise((r) => setImmediate(r));
        }
        sawStopping = true;
        return done;
      },
      { log },
    );
    const stepping = steps.run();
    await settle();
    await steps.stop();
    expect(sawStopping).toBe(true);
    expect(await stepping).toBeGreaterThan(0);
  });
});
