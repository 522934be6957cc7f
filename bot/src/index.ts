// createBot(token, services): the bot knows nothing of Postgres or Fastify; the server
// passes in the services it needs. Starting it (polling or webhook) is the caller's job.
import { Bot, type Context, InlineKeyboard } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';

export { webhookCallback } from 'grammy';

export type BotRole = 'admin' | 'manager' | 'client' | 'unknown';

export interface BotServices {
  /** The role of a Telegram user, as the server resolves it for the Mini App. */
  roleOf(telegramUserId: number): Promise<BotRole>;
}

export interface BotOptions {
  /** https URL of the Mini App; Telegram opens web_app buttons only over https. */
  miniAppUrl?: string | undefined;
  /** Bot API root (a self-hosted Bot API server or an emulator in tests). */
  apiRoot?: string | undefined;
  /** Known bot identity: skips the getMe call at start (tests, webhook cold starts). */
  botInfo?: UserFromGetMe | undefined;
}

const greetings: Record<BotRole, string> = {
  admin: 'You are an admin: the full retention dashboard and customer tools are in the app.',
  manager: 'You are a manager: the retention dashboard is in the app.',
  client: 'Your orders, loyalty status and personal offers are in the app.',
  unknown:
    'This bot serves the customers and staff of the business. Staff: ask an admin to grant you a role.',
};

export function createBot(token: string, services: BotServices, options: BotOptions = {}) {
  const bot = new Bot<Context>(token, {
    client: options.apiRoot ? { apiRoot: options.apiRoot } : {},
    botInfo: options.botInfo,
  });
  const pm = bot.chatType('private');

  pm.command('start', async (ctx) => {
    const role = await services.roleOf(ctx.from.id);
    const text = `Hello, ${ctx.from.first_name}! ${greetings[role]}`;
    const canOpen = role !== 'unknown' && options.miniAppUrl?.startsWith('https://');
    await ctx.reply(text, {
      reply_markup:
        canOpen && options.miniAppUrl
          ? new InlineKeyboard().webApp('Open the app', options.miniAppUrl)
          : undefined,
    });
  });

  pm.command('help', (ctx) =>
    ctx.reply('/start opens the app for your role. /help shows this message.'),
  );

  bot.catch((err) => {
    console.error(`bot: error while handling update ${err.ctx.update.update_id}: ${err.message}`);
  });
  return bot;
}
