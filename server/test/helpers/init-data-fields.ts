// initData as a Telegram client could send it, field by field: any set of fields (with or
// without `signature`, a `user` that is any text) signed with the bot token the way Telegram
// signs (the sorted `key=value` lines, HMAC-SHA256 keyed by HMAC("WebAppData", token)). The
// library's sign() always adds a `signature` and serializes `user` itself, so it cannot.
import { signData } from '@telegram-apps/init-data-node';
import { testBotToken } from './build-app.ts';

export function signFields(fields: Record<string, string>, token = testBotToken): string {
  const checkString = Object.entries(fields)
    .map(([k, v]) => `${k}=${v}`)
    .sort()
    .join('\n');
  const params = new URLSearchParams(fields);
  params.append('hash', signData(checkString, token));
  return params.toString();
}

/** auth_date as Telegram writes it: Unix seconds. */
export const unixSeconds = (d = new Date()) => String(Math.floor(d.getTime() / 1000));
