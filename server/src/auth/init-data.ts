// Telegram Mini App initData: the `Authorization: tma <initDataRaw>` header, checked
// with the bot token (HMAC-SHA256 keyed by "WebAppData"), and signed for demo sessions.
import {
  isAuthDateInvalidError,
  isExpiredError,
  isSignatureInvalidError,
  isSignatureMissingError,
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
  const params = new URLSearchParams(raw);
  // The signature library accepts a repeated hash (it checks the last; earlier copies may
  // say anything): a field given twice is refused outright, so no reader takes the other copy.
  const keys = [...params.keys()];
  if (new Set(keys).size !== keys.length) throw unauthorized('initData repeats a field');
  try {
    validate(raw, botToken, { expiresIn: maxAgeSeconds });
  } catch (err) {
    throw unauthorized(rejectionReason(err, maxAgeSeconds));
  }
  // The fields are read here, not with the library's parse(): it requires `signature`, which
  // Telegram clients before Bot API 8.0 do not send (the hash checked above does not need it),
  // and it throws untyped errors on any field it dislikes. Only what is used is read.
  const authDate = readAuthDate(params.get('auth_date'));
  if (authDate.getTime() > now.getTime() + maxClockSkewSeconds * 1000) {
    throw unauthorized('initData auth_date is in the future');
  }
  return {
    user: readUser(params.get('user')),
    authDate,
    startParam: params.get('start_param') ?? undefined,
  };
}

function readAuthDate(value: string | null): Date {
  if (!value || !/^\d{1,12}$/.test(value)) throw unauthorized('initData auth_date is invalid');
  return new Date(Number(value) * 1000);
}

/**
 * The Telegram user of signed initData. The id and first_name are required (the id is who
 * signs in); the optional display fields are kept when they are strings and dropped otherwise,
 * and unknown fields are ignored, so a client adding or retyping one locks nobody out.
 */
function readUser(json: string | null): TelegramUser {
  if (json === null) throw unauthorized('initData carries no Telegram user');
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw unauthorized('initData user is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw unauthorized('initData user is not a JSON object');
  }
  const u = value as Record<string, unknown>;
  // A JSON number beyond 2^53 has already been rounded by JSON.parse: it is not a safe integer.
  if (typeof u.id !== 'number' || !Number.isSafeInteger(u.id) || u.id <= 0) {
    throw unauthorized('initData user.id is not a positive integer');
  }
  if (typeof u.first_name !== 'string') throw unauthorized('initData user has no first_name');
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return {
    id: u.id,
    first_name: u.first_name,
    last_name: text(u.last_name),
    username: text(u.username),
    language_code: text(u.language_code),
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
