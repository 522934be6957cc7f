// Sends queued campaign offers with the bot, wherever the bot runs (BOT_MODE polling or
// webhook, and npm run bot): a round at start, every DELIVERY_INTERVAL_SECONDS, at once when a
// campaign is launched, and again at once after a full round. Rounds never overlap
// (lib/job-runner.ts); several instances share the queue through Postgres row locks. On close
// the round in progress finishes, so nothing is left `sending`.
import { createOfferSender, type OfferSender } from '@retention/bot';
import fp from 'fastify-plugin';
import { type DeliveryRound, deliverDue } from '../campaigns/deliver.ts';
import { every } from '../lib/job-runner.ts';
import { secondsSince } from '../lib/metrics.ts';

export interface DeliveryOptions {
  /** The clock (tests move it); the system clock by default. */
  now?: () => Date;
  /** Bot API calls go through this fetch (tests answer them). */
  fetch?: typeof fetch;
  /** Another sender altogether (tests). */
  sender?: OfferSender;
  /** Rows per round (default 25). */
  batch?: number;
}

export interface Delivery {
  /** Start a round now (a campaign was launched). */
  wake(): void;
  /** Run one round (after the one in flight) and wait for it (tests). */
  runOnce(): Promise<DeliveryRound>;
}

export default fp<DeliveryOptions>(
  async (app, o) => {
    const { config } = app;
    if (config.botMode === 'off' || !config.botToken) {
      app.decorate('delivery', null);
      return;
    }
    const sender =
      o.sender ??
      createOfferSender(config.botToken, {
        apiRoot: config.telegramApiRoot,
        timeoutSeconds: config.telegramTimeoutSeconds,
        fetch: o.fetch,
        miniAppUrl: config.publicUrl,
      });
    const now = o.now ?? (() => new Date());
    const batch = o.batch ?? 25;
    const job = every(
      'delivery',
      config.deliveryIntervalSeconds * 1000,
      async ({ log, stopping }) => {
        const began = performance.now();
        const round = await deliverDue(app.db, sender, now(), { batch, stopping }).catch(
          (err: Error) => {
            app.metrics.delivery(secondsSince(began), 'error');
            throw err; // logged by the job with its round number
          },
        );
        app.metrics.delivery(secondsSince(began), 'ok', round);
        if (round.claimed + round.interrupted + round.expired > 0) {
          log.info({ delivery: round }, 'delivery: offers');
        }
        // A full round: another at once, so a launch of thousands drains without waiting.
        if (round.claimed >= batch && !stopping()) job.trigger();
        return round;
      },
      { log: app.log, runKey: 'deliveryRound', runAtStart: true },
    );
    app.addHook('onReady', async () => job.start());
    // Before the server closes: the round in flight finishes, so nothing is left `sending`.
    app.addHook('preClose', () => job.stop());
    app.decorate('delivery', { wake: job.trigger, runOnce: () => job.run() });
  },
  { name: 'delivery', dependencies: ['db'] },
);

declare module 'fastify' {
  interface FastifyInstance {
    delivery: Delivery | null;
  }
}
