// Sends queued campaign offers with the bot, wherever the bot runs (BOT_MODE polling or
// webhook, and npm run bot): a round every DELIVERY_INTERVAL_SECONDS, or at once when a
// campaign is launched. Several instances share the queue through Postgres row locks. On
// close the round in progress finishes, so nothing is left `sending`.
import { createOfferSender, type OfferSender } from '@retention/bot';
import fp from 'fastify-plugin';
import { type DeliveryRound, deliverDue } from '../campaigns/deliver.ts';
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
  /** Run one round and wait for it (tests, the CLI). */
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
    let running: Promise<DeliveryRound> | null = null;
    let again = false;
    let closed = false;
    let rounds = 0;
    const runOnce = (): Promise<DeliveryRound> => {
      if (running) {
        again = true;
        return running;
      }
      running = (async () => {
        try {
          let total: DeliveryRound | null = null;
          // Keep going while rounds are full: a launch of thousands drains without waiting.
          for (;;) {
            again = false;
            const log = app.log.child({ deliveryRound: ++rounds });
            const began = performance.now();
            const round = await deliverDue(app.db, sender, now(), { batch: o.batch }).catch(
              (err: Error) => {
                app.metrics.delivery(secondsSince(began), 'error');
                log.error(`delivery: ${err.message}`);
                throw err;
              },
            );
            app.metrics.delivery(secondsSince(began), 'ok', round);
            total = round;
            if (round.claimed + round.interrupted + round.expired > 0) {
              log.info({ delivery: round }, 'delivery: offers');
            }
            if (closed || (round.claimed < (o.batch ?? 25) && !again)) return total;
          }
        } finally {
          running = null;
        }
      })();
      return running;
    };
    const tick = () => {
      runOnce().catch(() => {}); // logged with its round id above
    };
    let timer: NodeJS.Timeout | undefined;
    app.addHook('onReady', async () => {
      timer = setInterval(tick, config.deliveryIntervalSeconds * 1000);
      timer.unref();
      tick();
    });
    app.addHook('preClose', async () => {
      closed = true;
      if (timer) clearInterval(timer);
      await running?.catch(() => {});
    });
    app.decorate('delivery', { wake: tick, runOnce });
  },
  { name: 'delivery', dependencies: ['db'] },
);

declare module 'fastify' {
  interface FastifyInstance {
    delivery: Delivery | null;
  }
}
