// Sends delivered offers and says what Telegram answered in the terms the delivery queue
// needs: sent, wait (429 retry_after), blocked (403), failed for good (other 4xx), or try
// again later (5xx, network). Nothing here retries by itself, so a restart never finds a
// message half-retried in memory.
import type { Lang } from './i18n.ts';
import { type DeliveredOffer, offerMessage } from './offer-message.ts';
import { type Refusal, refusalOf, type TelegramApiOptions, telegramApi } from './telegram-api.ts';

export type SendOutcome = { kind: 'sent'; messageId: number } | Refusal;

export interface OfferSender {
  send(chatId: number, offer: DeliveredOffer, lang: Lang): Promise<SendOutcome>;
}

export interface OfferSenderOptions extends TelegramApiOptions {
  miniAppUrl?: string | undefined;
}

export function createOfferSender(token: string, o: OfferSenderOptions = {}): OfferSender {
  const api = telegramApi(token, o);
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
        return refusalOf(err);
      }
    },
  };
}
