// Runs the bot inside the server when BOT_MODE is polling or webhook. A bot that cannot
// reach Telegram only logs and retries: the API keeps serving whatever happens here.

import { timingSafeEqual } from 'node:crypto';
import { createBot, type UpdateInfo, webhookCallback } from '@retention/bot';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { type BotServicesDeps, botServices } from '../bot-adapter/bot-services.ts';
import { logTelegramFailures } from '../lib/telegram-failures.ts';
import { sendError } from './errors.ts';

export const webhookPath = '/telegram/webhook';

/**
 * Telegram posts one Update per call: a JSON object with an integer update_id. grammY reads
 * `update.update_id` without checking, so `null`, an array, a number or a string would fail
 * inside it as a 500.
 */
export function isUpdateBody(body: unknown): boolean {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  return Number.isSafeInteger((body as { update_id?: unknown }).update_id);
}

/** Each handled update: one log line under its update id, and bot_update_duration_seconds. */
export function botUpdateObserver(app: FastifyInstance) {
  return ({ updateId, type, ms, ok }: UpdateInfo) => {
    const outcome = ok ? 'ok' : 'error';
    app.metrics.botUpdates.observe({ type, outcome }, ms / 1000);
    app.log.child({ updateId }).info({ type, ms: Math.round(ms), outcome }, 'bot: update handled');
  };
}

/** What the bot's services get of this app (tests build bots with it too). */
export function botServicesDeps(app: FastifyInstance): BotServicesDeps {
  return {
    prisma: app.prisma,
    db: app.db,
    analytics: app.analytics,
    screenshotter: app.screenshotter,
    loyaltyTiers: app.config.loyaltyTiers,
    support: app.config.support,
  };
}

/**
 * How long a long poll may wait for updates: it must end (empty) well before the call's
 * timeout fails it, and last at least a second (with 0 grammY asks again at once, in a
 * tight loop).
 */
export function longPollSeconds(callTimeoutSeconds: number): number {
  return Math.max(1, Math.min(30, callTimeoutSeconds - 10));
}

export default fp(
  async (app) => {
    const { config } = app;
    if (config.botMode === 'off' || !config.botToken) {
      app.log.info('bot: off (set BOT_TOKEN and BOT_MODE=polling|webhook to run it)');
      return;
    }
    const bot = createBot(config.botToken, botServices(botServicesDeps(app)), {
      miniAppUrl: config.publicUrl,
      currency: config.analytics.currency,
      apiRoot: config.telegramApiRoot,
      timeoutSeconds: config.telegramTimeoutSeconds,
      logError: (message, update) => (update ? app.log.child(update) : app.log).error(message),
      onUpdate: botUpdateObserver(app),
    });
    logTelegramFailures(bot.api, app.log);
    let stopped = false;
    const retry = async (what: string, run: () => Promise<unknown>) => {
      for (
        let attempt = 1, delay = 2000;
        !stopped;
        attempt++, delay = Math.min(delay * 2, 60_000)
      ) {
        try {
          await run();
          return;
        } catch (err) {
          app.log.warn(
            `bot: ${what} failed (attempt ${attempt}): ${(err as Error).message}; retrying in ${delay / 1000} s`,
          );
          await new Promise((r) => setTimeout(r, delay).unref());
        }
      }
    };

    if (config.botMode === 'webhook') {
      const handle = webhookCallback(bot, 'fastify', { secretToken: config.webhookSecret });
      const expected = Buffer.from(config.webhookSecret ?? '');
      app.post(webhookPath, { schema: { hide: true } }, async (request, reply) => {
        // grammY checks the secret only after initialising the bot, which calls Telegram:
        // check it first, in constant time, so a stranger's call costs nothing.
        const header = request.headers['x-telegram-bot-api-secret-token'];
        const given = Buffer.from(typeof header === 'string' ? header : '');
        if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
          return sendError(reply, 401, 'unauthorized', 'wrong or missing webhook secret token');
        }
        if (!isUpdateBody(request.body)) {
          return sendError(
            reply,
            400,
            'bad_request',
            'the body must be a Telegram Update: a JSON object with an integer update_id',
          );
        }
        return handle(request, reply);
      });
      app.addHook('onReady', async () => {
        void retry('setWebhook', () =>
          bot.api.setWebhook(`${config.publicUrl}${webhookPath}`, {
            secret_token: config.webhookSecret,
          }),
        );
      });
    } else {
      app.addHook('onReady', async () => {
        void retry('long polling', () =>
          bot.start({
            timeout: longPollSeconds(config.telegramTimeoutSeconds),
            onStart: (me) => app.log.info(`bot: @${me.username} is polling for updates`),
          }),
        );
      });
    }
    app.addHook('onClose', async () => {
      stopped = true;
      // stop() confirms the last update with Telegram; unreachable, that fails: log only.
      if (bot.isRunning())
        await bot.stop().catch((err: Error) => app.log.warn(`bot: stop: ${err.message}`));
    });
  },
  { name: 'bot', dependencies: ['db', 'analytics', 'screenshotter'] },
);
