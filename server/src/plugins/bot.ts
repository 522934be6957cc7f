// Runs the bot inside the server when BOT_MODE is polling or webhook. A bot that cannot
// reach Telegram only logs and retries: the API keeps serving whatever happens here.

import { timingSafeEqual } from 'node:crypto';
import { createBot, webhookCallback } from '@retention/bot';
import fp from 'fastify-plugin';
import { botServices } from '../services/bot-services.ts';
import { sendError } from './errors.ts';

export const webhookPath = '/telegram/webhook';

export default fp(
  async (app) => {
    const { config } = app;
    if (config.botMode === 'off' || !config.botToken) {
      app.log.info('bot: off (set BOT_TOKEN and BOT_MODE=polling|webhook to run it)');
      return;
    }
    const screenshotter = app.screenshotter ?? undefined;
    const bot = createBot(config.botToken, botServices(app, { screenshotter }), {
      miniAppUrl: config.publicUrl,
      apiRoot: config.telegramApiRoot,
      logError: (message) => app.log.error(message),
    });
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
  { name: 'bot', dependencies: ['db', 'screenshotter'] },
);
