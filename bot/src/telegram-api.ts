// The Bot API without a running bot (offer delivery, digests and alerts): grammY's Api with
// the throttler for Telegram's limits, every call bounded by `timeoutSeconds`, and Telegram's
// answers read in one way by everyone who sends.
import { apiThrottler } from '@grammyjs/transformer-throttler';
import { Api, GrammyError, HttpError } from 'grammy';

export interface TelegramApiOptions {
  apiRoot?: string | undefined;
  fetch?: typeof fetch | undefined;
  /** Give up on one call after this long (a hung connection is a transient failure). */
  timeoutSeconds?: number | undefined;
}

export function telegramApi(token: string, o: TelegramApiOptions = {}): Api {
  const api = new Api(token, {
    ...(o.apiRoot ? { apiRoot: o.apiRoot } : {}),
    ...(o.fetch ? { fetch: o.fetch } : {}),
    timeoutSeconds: o.timeoutSeconds ?? 30,
  });
  api.config.use(apiThrottler());
  return api;
}

/** What Telegram's refusal means for whoever sent: wait, give up, or try again later. */
export type Refusal =
  | { kind: 'wait'; seconds: number; reason: string }
  | { kind: 'blocked'; reason: string }
  | { kind: 'failed'; reason: string }
  | { kind: 'transient'; reason: string };

export function refusalOf(err: unknown): Refusal {
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
