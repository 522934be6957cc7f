// Telegram Mini App initData: the `Authorization: tma <initDataRaw>` header, checked
// with the bot token (HMAC-SHA256 keyed by "WebAppData"), and signed for demo sessions.
import {
  isAuthDateInvalidError,
  isExpiredError,
  isSignatureInvalidError,
  isSignatureMissingError,
  parse,
  sign,
  validate,
} from '@telegram-apps/init-data-node';
import { unauthorized } from '../errors.ts';

export interface TelegramUser {
  id: number;
  first_name: string;
  last_name?: string | undefined;
  username?: string | undefined;
  language_code?: string | undefined;
}

export interface VerifiedInitData {
  user: TelegramUser;
  authDate: Date;
  startParam: string | undefined;
}

/** Future auth_date beyond this is refused: clocks drift, signatures do not come from the future. */
const maxClockSkewSeconds = 60;

export function verifyInitData(
  header: string | undefined,
  botToken: string,
  maxAgeSeconds: number,
  now = new Date(),
): VerifiedInitData {
  if (!header) throw unauthorized("Authorization header is missing; expected 'tma <initData>'");
  const match = /^tma ([^\s]+)$/.exec(header);
  if (!match?.[1]) throw unauthorized("Authorization header must be 'tma <initData>'");
  const raw = match[1];
  // The signature library accepts a repeated hash (it checks the last; earlier copies may
  // say anything): a field given twice is refused outright, so no reader takes the other copy.
  const keys = [...new URLSearchParams(raw).keys()];
  if (new Set(keys).size !== keys.length) throw unauthorized('initData repeats a field');
  try {
    validate(raw, botToken, { expiresIn: maxAgeSeconds });
  } catch (err) {
    throw unauthorized(rejectionReason(err, maxAgeSeconds));
  }
  const data = parse(raw);
  if (data.auth_date.getTime() > now.getTime() + maxClockSkewSeconds * 1000) {
    throw unauthorized('initData auth_date is in the future');
  }
  const user = data.user;
  if (!user || !Number.isSafeInteger(user.id) || user.id <= 0) {
    throw unauthorized('initData carries no Telegram user');
  }
  return {
    user: {
      id: user.id,
      first_name: user.first_name,
      last_name: user.last_name,
      username: user.username,
      language_code: user.language_code,
    },
    authDate: data.auth_date,
    startParam: data.start_param,
  };
}

function rejectionReason(err: unknown, maxAge: number): string {
  if (isExpiredError(err)) return `initData expired: auth_date is older than ${maxAge} s`;
  if (isSignatureMissingError(err)) return 'initData has no hash';
  if (isSignatureInvalidError(err)) {
    return 'initData signature is invalid (tampered, or signed for another bot)';
  }
  if (isAuthDateInvalidError(err)) return 'initData auth_date is missing or invalid';
  return 'initData could not be parsed';
}

export function signInitData(user: TelegramUser, botToken: string, authDate = new Date()): string {
  return sign({ user, query_id: `demo-${user.id}` }, botToken, authDate);
}
