// createBot(token, services): the bot knows nothing of Postgres or Fastify; the server
// passes in the services it needs. Starting it (polling or webhook) is the caller's job.
import { autoRetry } from '@grammyjs/auto-retry';
import { conversations } from '@grammyjs/conversations';
import { apiThrottler } from '@grammyjs/transformer-throttler';
import { Bot, type BotError } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { BotContext } from './context.ts';
import { adminFeatures } from './features/admin.ts';
import { alertsFeatures } from './features/alerts.ts';
import { clientFeatures, sharedFeatures } from './features/client.ts';
import { staffFeatures } from './features/staff.ts';
import { start } from './features/start.ts';
import { langOf, t } from './i18n.ts';
import type { BotServices } from './services.ts';

export type { ConversationData, VersionedStateStorage } from '@grammyjs/conversations';
export { webhookCallback } from 'grammy';
export type { BotContext } from './context.ts';
export { escapeHtml, kpiText } from './format.ts';
export { langOf } from './i18n.ts';
export { type DeliveredOffer, offerMessage } from './offer-message.ts';
export {
  createOfferSender,
  type OfferSender,
  type OfferSenderOptions,
  type SendOutcome,
} from './offer-sender.ts';
export type * from './services.ts';
export {
  createSharePreparer,
  type SharedPhoto,
  type SharePreparer,
} from './share-preparer.ts';
export {
  type Refusal,
  refusalOf,
  type TelegramApiOptions,
  telegramApi,
} from './telegram-api.ts';

export interface BotOptions {
  /** https URL of the Mini App; Telegram opens web_app buttons only over https. */
  miniAppUrl?: string | undefined;
  /** ISO 4217 code money is shown in (the business's CURRENCY); none: plain numbers. */
  currency?: string | null | undefined;
  /** Bot API root (a self-hosted Bot API server or an emulator in tests). */
  apiRoot?: string | undefined;
  /** A Bot API call unanswered this long fails (grammY's default: 500 s, too long for a hang). */
  timeoutSeconds?: number | undefined;
  /** The HTTP client for Bot API calls (tests record calls with one); Node's by default. */
  fetch?: typeof fetch | undefined;
  /** Known bot identity: skips the getMe call at start (tests, webhook cold starts). */
  botInfo?: UserFromGetMe | undefined;
  /** How long a conversation waits for an answer before it ends (default 10 minutes). */
  conversationWaitMs?: number;
  /** Where errors are reported (the server's logger); console by default. */
  logError?: (message: string, update?: { updateId: number }) => void;
  /** Told of every update once handled: its type, milliseconds taken, and whether it failed. */
  onUpdate?: (info: UpdateInfo) => void;
}

export interface UpdateInfo {
  updateId: number;
  /** The update's kind: message, callback_query, my_chat_member... */
  type: string;
  ms: number;
  /** false when handling failed (the error went to logError). */
  ok: boolean;
}

export function createBot(token: string, services: BotServices, options: BotOptions = {}) {
  const bot = new Bot<BotContext>(token, {
    client: {
      ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}),
      ...(options.timeoutSeconds ? { timeoutSeconds: options.timeoutSeconds } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
    },
    botInfo: options.botInfo,
  });
  // Telegram's limits: queue within them, and wait out a 429's retry_after (up to a minute).
  // Network failures are not retried here (auto-retry would retry them forever): the caller
  // sees them, as the server's polling loop does, with its own backoff and log.
  bot.api.config.use(apiThrottler());
  bot.api.config.use(
    autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 60, rethrowHttpErrors: true }),
  );

  // Every failure below ends here, in polling and webhook mode alike: logged, and the user
  // told that it failed rather than left waiting. The update counts as handled (a webhook
  // error would make Telegram send it again and again).
  const logError = options.logError ?? ((m: string) => console.error(m));
  const failed = new WeakSet<object>();
  const onError = async (err: BotError<BotContext>) => {
    failed.add(err.ctx.update);
    logError(`bot: error while handling update ${err.ctx.update.update_id}: ${err.message}`, {
      updateId: err.ctx.update.update_id,
    });
    if (err.ctx.chat) await err.ctx.reply(t('failed', err.ctx.lang ?? 'en')).catch(() => {});
  };
  bot.catch(onError);
  if (options.onUpdate) {
    const onUpdate = options.onUpdate;
    bot.use(async (ctx, next) => {
      const began = performance.now();
      let ok = true;
      try {
        await next();
      } catch (err) {
        ok = false;
        throw err;
      } finally {
        const type = Object.keys(ctx.update).find((k) => k !== 'update_id') ?? 'unknown';
        const ms = performance.now() - began;
        onUpdate({ updateId: ctx.update.update_id, type, ms, ok: ok && !failed.has(ctx.update) });
      }
    });
  }
  const guarded = bot.errorBoundary(onError);

  // Who is asking, once per update: every gate below reads it, and every service call gets
  // it back (ctx.caller) instead of resolving it again. Conversations do not pass through
  // here; they identify the user themselves before a change.
  guarded.use(async (ctx, next) => {
    if (!ctx.from || ctx.from.is_bot) return;
    const { id, first_name, last_name, username, language_code } = ctx.from;
    ctx.user = { id, first_name, last_name, username, language_code };
    ctx.lang = langOf(language_code);
    ctx.services = services;
    ctx.miniAppUrl = options.miniAppUrl;
    ctx.currency = options.currency ?? null;
    ctx.identity = await services.identify(ctx.user);
    ctx.caller = { user: ctx.user, identity: ctx.identity };
    await next();
  });
  guarded.use(
    conversations<BotContext, BotContext>(
      services.storage ? { storage: services.storage } : undefined,
    ),
  );

  guarded.use(start);
  guarded.use(adminFeatures(services, options.conversationWaitMs));
  guarded.use(alertsFeatures(services, options.conversationWaitMs));
  guarded.use(staffFeatures);
  guarded.use(clientFeatures);
  guarded.use(sharedFeatures);
  return bot;
}
