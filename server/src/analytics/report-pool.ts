// The report threads (report-worker.ts), started on the first report and shared by every
// caller of this app. A bounded queue in front of them sheds load: past it a report is
// refused at once with 503 and Retry-After instead of piling up, so the server answers
// every request and its own thread stays free for the rest (health checks, small routes).
import { availableParallelism } from 'node:os';
import { workerShim } from '@retention/db';
import { Piscina } from 'piscina';
import { AppError, Refusal } from '../errors.ts';
import type { MetricContext } from './context.ts';
import type { ReportName } from './report-table.ts';
import type { ReportFailure, ReportTask } from './report-worker.ts';

export interface ReportPoolOptions {
  threads: number;
  /** Reports waiting for a thread beyond which new ones are refused (503). */
  queue: number;
}

export const defaultPoolOptions = (): ReportPoolOptions => ({
  threads: Math.max(1, Math.min(4, availableParallelism())),
  queue: 200,
});

export class ReportPool {
  private pool: Piscina | undefined;

  constructor(
    private readonly databaseUrl: string,
    private readonly options: ReportPoolOptions = defaultPoolOptions(),
  ) {}

  /** The report as JSON bytes. */
  async run(name: ReportName, ctx: MetricContext, args: unknown): Promise<Buffer> {
    this.pool ??= new Piscina({
      filename: workerShim,
      workerData: { module: new URL('./report-worker.ts', import.meta.url).href },
      minThreads: 0,
      maxThreads: this.options.threads,
      maxQueue: this.options.queue,
      idleTimeout: 60_000,
    });
    const task: ReportTask = {
      databaseUrl: this.databaseUrl,
      name,
      args,
      settings: ctx.settings,
      range: ctx.range,
      selection: ctx.selection,
    };
    let out: Uint8Array | ReportFailure;
    try {
      out = await this.pool.run(task);
    } catch (err) {
      if (/queue is at limit/i.test((err as Error).message)) {
        throw new Refusal('busy', 'reportsBusy');
      }
      throw err;
    }
    if ('failed' in out) throw failureOf(out.failed);
    return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
  }

  async close(): Promise<void> {
    await this.pool?.destroy();
    this.pool = undefined;
  }
}

function failureOf(f: ReportFailure['failed']): Error {
  if (f.appCode) return new AppError(f.appCode, f.message, f.reason ?? null);
  return Object.assign(new Error(f.message), f.code ? { code: f.code } : {});
}
