// Sends digests and alerts through the Bot API (the bot package's telegramApi: throttled,
// each call bounded by TELEGRAM_TIMEOUT_SECONDS). Waits out a 429's retry_after and retries
// transient failures (network, Telegram's 5xx) with backoff; other refusals (the user blocked
// the bot, a bad request) fail at once. Never throws anything but the final error.
import { refusalOf, type TelegramApiOptions, telegramApi } from '@retention/bot';
import { InputFile } from 'grammy';

export interface AlertSender {
  sendMessage(chatId: bigint, text: string): Promise<void>;
  sendPhoto(chatId: bigint, png: Uint8Array, caption: string): Promise<void>;
}

export interface SenderOptions extends TelegramApiOptions {
  /** Attempts per message (default 5). */
  attempts?: number;
  /** Waits between attempts; tests pass one that does not wait. */
  sleep?: (ms: number) => Promise<void>;
}

const wait = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());

export function telegramSender(token: string, o: SenderOptions): AlertSender {
  const api = telegramApi(token, o);
  const attempts = o.attempts ?? 5;
  const sleep = o.sleep ?? wait;
  const withRetry = async (call: () => Promise<unknown>) => {
    for (let attempt = 1, backoff = 1000; ; attempt++, backoff *= 2) {
      try {
        await call();
        return;
      } catch (error) {
        if (attempt >= attempts) throw error;
        const refusal = refusalOf(error);
        if (refusal.kind === 'wait') await sleep(Math.min(refusal.seconds, 60) * 1000);
        else if (refusal.kind === 'transient') await sleep(Math.min(backoff, 30_000));
        else throw error;
      }
    }
  };
  // Telegram chat ids of private chats are the users' ids (< 2^53).
  return {
    sendMessage: (chatId, text) => withRetry(() => api.sendMessage(Number(chatId), text)),
    sendPhoto: (chatId, png, caption) =>
      withRetry(() => api.sendPhoto(Number(chatId), new InputFile(png, 'digest.png'), { caption })),
  };
}
