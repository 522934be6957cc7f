// Runs refreshDerived in the server: once at start, every ANALYTICS_REFRESH_SECONDS to pick
// up changes written by other processes (imports), and shortly after this server's own
// ingestion. One refresh at a time; a request arriving during one waits for it only when
// nothing was ever built.
import type { Database } from '@retention/db';
import type { FastifyBaseLogger } from 'fastify';
import { type DerivedSettings, type RefreshResult, refreshDerived } from './refresh.ts';

export class AnalyticsRefresher {
  /** Generation of the derived tables this server last saw; 0 = never built. */
  generation = 0;
  private running: Promise<RefreshResult> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private soonTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Database,
    private readonly settings: DerivedSettings & { refreshSeconds: number },
    private readonly log: FastifyBaseLogger,
  ) {}

  start(): void {
    this.refresh().catch(() => {});
    this.timer = setInterval(
      () => this.refresh().catch(() => {}),
      this.settings.refreshSeconds * 1000,
    );
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    clearTimeout(this.soonTimer);
    await this.running?.catch(() => {});
  }

  /** Resolves once the derived tables exist (the first build can take a while). */
  async ready(): Promise<void> {
    if (this.generation === 0) await this.refresh();
  }

  /** A refresh in a moment, after a burst of writes by this server. */
  soon(): void {
    clearTimeout(this.soonTimer);
    this.soonTimer = setTimeout(() => this.refresh().catch(() => {}), 200);
    this.soonTimer.unref();
  }

  /** Refreshes now; joins the running refresh and runs once more after it if one is on. */
  refresh(): Promise<RefreshResult> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.run().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.refresh().catch(() => {});
      }
    });
    return this.running;
  }

  private async run(): Promise<RefreshResult> {
    try {
      const r = await refreshDerived(this.db, this.settings);
      if (r.mode !== 'none') {
        this.log.info(
          `analytics: ${r.mode} refresh of ${r.customers} customer(s) in ${r.ms} ms (generation ${r.generation})`,
        );
      }
      this.generation = r.generation;
      return r;
    } catch (err) {
      this.log.error({ err }, 'analytics refresh failed');
      throw err;
    }
  }
}
