// Sends delivered offers and says what Telegram answered in the terms the delivery queue
// needs: sent, wait (429 retry_after), blocked (403), failed for good (other 4xx), or try
// again later (5xx, network). Queued within Telegram's limits by the throttler; nothing here
// retries by itself, so a restart never finds a message half-retried in memory.
import { apiThrottler } from '@grammyjs/transformer-throttler';
import { Api, GrammyError, HttpError } from 'grammy';
import type { Lang } from './i18n.ts';
import { type DeliveredOffer, offerMessage } from './offer-message.ts';

export type SendOutcome =
  | { kind: 'sent'; messageId: number }
  | { kind: 'wait'; seconds: number; reason: string }
  | { kind: 'blocked'; reason: string }
  | { kind: 'failed'; reason: string }
  | { kind: 'transient'; reason: string };

export interface OfferSender {
  send(chatId: number, offer: DeliveredOffer, lang: Lang): Promise<SendOutcome>;
}

export interface OfferSenderOptions {
  apiRoot?: string | undefined;
  fetch?: typeof fetch | undefined;
  miniAppUrl?: string | undefined;
  /** Give up on one call after this long (a hung connection is a transient failure). */
  timeoutSeconds?: number;
}

export function createOfferSender(token: string, o: OfferSenderOptions = {}): OfferSender {
  const api = new Api(token, {
    ...(o.apiRoot ? { apiRoot: o.apiRoot } : {}),
    ...(o.fetch ? { fetch: o.fetch } : {}),
    timeoutSeconds: o.timeoutSeconds ?? 30,
  });
  api.config.use(apiThrottler());
  return {
    async send(chatId, offer, lang) {
      try {
        const m = offerMessage(offer, lang, o.miniAppUrl);
        const sent = await api.sendMessage(chatId, m.text, {
          parse_mode: m.parse_mode,
          reply_markup: m.reply_markup,
        });
        return { kind: 'sent', messageId: sent.message_id };
      } catch (err) {
        return outcomeOf(err);
      }
    },
  };
}

export function outcomeOf(err: unknown): SendOutcome {
  if (err instanceof GrammyError) {
    const reason = `${err.error_code} ${err.description}`;
    if (err.error_code === 429) {
      return { kind: 'wait', seconds: err.parameters.retry_after ?? 30, reason };
    }
    if (err.error_code === 403) return { kind: 'blocked', reason };
    if (err.error_code >= 500) return { kind: 'transient', reason };
    return { kind: 'failed', reason };
  }
  if (err instanceof HttpError) return { kind: 'transient', reason: `network: ${err.message}` };
  return { kind: 'transient', reason: (err as Error)?.message ?? String(err) };
}
