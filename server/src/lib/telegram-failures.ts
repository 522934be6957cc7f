// grammY retries failed Bot API calls by itself (getMe at start with a growing pause,
// getUpdates every 3 s, 5xx through auto-retry) but says nothing outside its debug output.
// This puts an outage in the server's log: the first failure of a streak and then every
// doubling (1, 2, 4, 8... in a row), so a long outage stays a few lines, and the recovery.
import type { createBot } from '@retention/bot';
import type { Log } from './log.ts';

type BotApi = ReturnType<typeof createBot>['api'];

export function logTelegramFailures(api: BotApi, log: Log): void {
  let failing = 0;
  const failed = (method: string, why: string) => {
    failing++;
    if ((failing & (failing - 1)) === 0) {
      log.warn(`bot: Telegram ${method} failed (${failing} in a row): ${why}; retrying`);
    }
  };
  api.config.use(async (prev, method, payload, signal) => {
    try {
      const res = await prev(method, payload, signal);
      if (!res.ok && res.error_code >= 500) failed(method, `${res.error_code} ${res.description}`);
      else if (failing > 0) {
        log.info(`bot: Telegram answers again (after ${failing} failed call(s))`);
        failing = 0;
      }
      return res;
    } catch (err) {
      // A poll cancelled by stop() is not an outage.
      // grammY's HttpError hides its cause (refused, timed out) because the cause may show
      // the request URL, which holds the bot token: give the cause (the server's logger
      // scrubs the token from every message, lib/logger.ts).
      const { message, error } = err as Error & { error?: unknown };
      const cause = error instanceof Error ? ` (${error.message})` : '';
      if (!signal?.aborted) failed(method, `${message}${cause}`);
      throw err;
    }
  });
}
