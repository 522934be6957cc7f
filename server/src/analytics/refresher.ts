// Runs refreshDerived in the server: once at start, every ANALYTICS_REFRESH_SECONDS to pick
// up changes written by other processes (imports), and shortly after this server's own
// ingestion, but no sooner than ANALYTICS_REFRESH_GAP_SECONDS after the last refresh by any
// instance (a burst of writes makes one refresh). One refresh at a time; a request arriving
// during one waits for it only when nothing was ever built.
import type { Database } from '@retention/db';
import type { AnalyticsSettings } from '../config.ts';
import { every, type Job } from '../lib/job-runner.ts';
import type { Log } from '../lib/log.ts';
import { type AppMetrics, secondsSince } from '../lib/metrics.ts';
import { type BusinessDay, businessDay, lastDataDay } from './clock.ts';
import { type DerivedSettings, type RefreshResult, refreshDerived } from './refresh.ts';

export class AnalyticsRefresher {
  /** Generation of the derived tables this server last saw; 0 = never built. */
  generation = 0;
  /** When the generation last changed: what "updated at" means to a dashboard. */
  changedAt: Date | null = null;
  /** The newest day of the data (clock.ts), read with each new generation; undefined before. */
  lastDataDay: number | null | undefined;
  private running: Promise<RefreshResult> | null = null;
  private queued: Promise<RefreshResult> | null = null;
  /** Whether the queued refresh may be deferred: only if every caller waiting on it allows. */
  private queuedMayDefer = true;
  private stopped = false;
  private readonly periodic: Job<RefreshResult | null>;
  private soonTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Database,
    private readonly settings: DerivedSettings &
      Pick<AnalyticsSettings, 'asOf'> & { refreshSeconds: number; gapSeconds: number },
    private readonly log: Log,
    private readonly metrics?: AppMetrics,
  ) {
    // A refresh the closing server refused is no failure.
    const periodic = () =>
      this.refresh().catch((err) => (this.stopped ? null : Promise.reject(err)));
    this.periodic = every('analytics refresh', settings.refreshSeconds * 1000, periodic, {
      log,
      runAtStart: true,
    });
  }

  start(): void {
    this.periodic.start();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.soonTimer);
    this.soonTimer = undefined;
    await this.periodic.stop();
    await this.running?.catch(() => {});
    await this.queued?.catch(() => {});
  }

  /** The business's today (clock.ts) with the data as this server last saw it. */
  businessDay(now = new Date()): BusinessDay {
    return businessDay(this.settings, this.lastDataDay ?? null, now);
  }

  /** Resolves once the derived tables exist (the first build can take a while). */
  async ready(): Promise<void> {
    if (this.generation === 0) await (this.running ?? this.refresh());
  }

  /**
   * A refresh in a moment, after writes by this server. Writes while one is pending join it;
   * when the last refresh was less than the gap ago it waits for the gap's end.
   */
  soon(delayMs = 200): void {
    if (this.soonTimer !== undefined || this.stopped) return;
    this.soonTimer = setTimeout(() => {
      this.soonTimer = undefined;
      this.refresh({ mayDefer: true })
        .then((r) => {
          if (r.mode === 'deferred') this.soon(Math.max(200, r.retryInMs ?? 0));
        })
        .catch((err: Error) => {
          if (!this.stopped) this.log.error({ err }, `analytics refresh failed: ${err.message}`);
        });
    }, delayMs);
    this.soonTimer.unref();
  }

  /**
   * Refreshes now (with mayDefer, not sooner than the gap after the last refresh). When one is
   * under way it may have read the changes before the caller's writes, so the caller gets one
   * more refresh, started after it (shared by all who ask).
   */
  refresh(options: { mayDefer?: boolean } = {}): Promise<RefreshResult> {
    const mayDefer = options.mayDefer === true;
    if (this.running) {
      if (!mayDefer) this.queuedMayDefer = false;
      this.queued ??= this.running
        .catch(() => undefined)
        .then(() => {
          const deferrable = this.queuedMayDefer;
          this.queued = null;
          this.queuedMayDefer = true;
          return this.refresh({ mayDefer: deferrable });
        });
      return this.queued;
    }
    this.running = this.run(mayDefer).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async run(mayDefer: boolean): Promise<RefreshResult> {
    if (this.stopped) throw new Error('the analytics refresher is stopped (server closing)');
    const began = performance.now();
    try {
      const r = await refreshDerived(this.db, this.settings, {
        minGapSeconds: mayDefer ? this.settings.gapSeconds : 0,
      });
      this.metrics?.analyticsRefreshes.observe(
        { mode: r.mode, outcome: 'ok' },
        secondsSince(began),
      );
      if (r.mode !== 'none' && r.mode !== 'deferred') {
        this.log.info(
          `analytics: ${r.mode} refresh of ${r.customers} customer(s) in ${r.ms} ms (generation ${r.generation})`,
        );
      }
      if (r.generation !== this.generation || this.lastDataDay === undefined) {
        this.lastDataDay = await lastDataDay(this.db);
        this.changedAt = new Date();
      }
      this.generation = r.generation;
      return r;
    } catch (err) {
      // Logged by whoever asked: the periodic job, soon(), or the request that waited.
      this.metrics?.analyticsRefreshes.observe(
        { mode: 'unknown', outcome: 'error' },
        secondsSince(began),
      );
      throw err;
    }
  }
}
