// The alerts and digests scheduler: every minute (with a bot token) each instance runs a
// tick; Postgres decides which instance sends what (alerts/tick.ts), so several instances
// send each digest and alert once. A failing tick is logged; the next one runs as usual.
import fp from 'fastify-plugin';
import { type AlertSender, telegramSender } from '../alerts/sender.ts';
import { alertsTick } from '../alerts/tick.ts';
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
    const sender =
      o.sender ??
      telegramSender(config.botToken, {
        apiRoot: config.telegramApiRoot,
        timeoutSeconds: config.telegramTimeoutSeconds,
      });
    let running: Promise<{ sent: number }> | null = null;
    let ticks = 0;
    const tick = async (now = clock()) => {
      // One tick at a time per instance; a slow one (a long digest) makes the next wait.
      while (running) await running.catch(() => {});
      const log = app.log.child({ alertsTick: ++ticks });
      const began = performance.now();
      running = alertsTick(app, sender, now, log);
      try {
        const result = await running;
        app.metrics.alertsTicks.observe({ outcome: 'ok' }, secondsSince(began));
        app.metrics.alertsSent.inc(result.sent);
        return result;
      } catch (error) {
        app.metrics.alertsTicks.observe({ outcome: 'error' }, secondsSince(began));
        log.error(`alerts: tick failed: ${(error as Error).message}`);
        throw error;
      } finally {
        running = null;
      }
    };
    app.decorate('alerts', { tick });
    if (o.timer === false) return;
    let timer: NodeJS.Timeout | undefined;
    app.addHook('onReady', async () => {
      timer = setInterval(() => {
        tick().catch(() => {}); // logged with its tick id above
      }, tickMs);
      timer.unref();
    });
    app.addHook('onClose', async () => {
      clearInterval(timer);
      await running?.catch(() => {});
    });
  },
  { name: 'alerts', dependencies: ['db', 'analytics', 'screenshotter'] },
);

declare module 'fastify' {
  interface FastifyInstance {
    /** The scheduler of this instance; null without a bot token. */
    alerts: { tick(now?: Date): Promise<{ sent: number }> } | null;
  }
}
