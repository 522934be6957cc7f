// The alerts and digests scheduler: every minute (with a bot token) each instance runs a
// tick; Postgres decides which instance sends what (alerts/tick.ts), so several instances
// send each digest and alert once. One tick at a time per instance (lib/job-runner.ts): a slow
// one (a long digest) makes the next wait. A failing tick is logged; the next one runs as usual.
import fp from 'fastify-plugin';
import type { AlertsDeps } from '../alerts/deps.ts';
import { type AlertSender, telegramSender } from '../alerts/sender.ts';
import { alertsTick } from '../alerts/tick.ts';
import { every, type JobRun } from '../lib/job-runner.ts';
import { secondsSince } from '../lib/metrics.ts';

export interface AlertsOptions {
  /** The scheduler's clock (tests pass a fake one); the system clock by default. */
  clock?: (() => Date) | undefined;
  /** Where messages go; the Bot API at TELEGRAM_API_ROOT by default. */
  sender?: AlertSender | undefined;
  /** false: no timer; ticks run only when app.alerts.tick() is called (tests). */
  timer?: boolean | undefined;
}

export const tickMs = 60_000;

export default fp<AlertsOptions>(
  async (app, o) => {
    const { config } = app;
    if (!config.botToken) {
      app.decorate('alerts', null);
      return;
    }
    const clock = o.clock ?? (() => new Date());
    const deps: Omit<AlertsDeps, 'log'> = {
      prisma: app.prisma,
      analytics: app.analytics,
      screenshotter: app.screenshotter,
      sender:
        o.sender ??
        telegramSender(config.botToken, {
          apiRoot: config.telegramApiRoot,
          timeoutSeconds: config.telegramTimeoutSeconds,
        }),
    };
    const tickAt =
      (now: Date) =>
      async ({ log }: JobRun) => {
        const began = performance.now();
        try {
          const result = await alertsTick({ ...deps, log }, now);
          app.metrics.alertsTicks.observe({ outcome: 'ok' }, secondsSince(began));
          app.metrics.alertsSent.inc(result.sent);
          return result;
        } catch (error) {
          app.metrics.alertsTicks.observe({ outcome: 'error' }, secondsSince(began));
          throw error; // logged by the job with its tick number
        }
      };
    const job = every('alerts tick', tickMs, (run) => tickAt(clock())(run), {
      log: app.log,
      runKey: 'alertsTick',
    });
    app.decorate('alerts', { tick: (now?: Date) => job.run(now && tickAt(now)) });
    if (o.timer !== false) app.addHook('onReady', async () => job.start());
    app.addHook('onClose', () => job.stop());
  },
  { name: 'alerts', dependencies: ['db', 'analytics', 'screenshotter'] },
);

declare module 'fastify' {
  interface FastifyInstance {
    /** The scheduler of this instance; null without a bot token. */
    alerts: { tick(now?: Date): Promise<{ sent: number }> } | null;
  }
}
