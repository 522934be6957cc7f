// Services throw AppError with a code; the one error handler in app.ts maps codes to
// HTTP statuses, so no service knows about HTTP. A refusal a person reads in the Mini App or
// the bot carries its reason (contracts/src/reasons.ts), so they read it in their language.
import { type Reason, type ReasonKey, reasonText } from '@retention/contracts';

export const errorStatus = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  unavailable: 503,
  /** Too much work waiting right now: answered with Retry-After. */
  busy: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly reason: Reason | null = null,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** An AppError whose message is a reason's English text, sent with the reason. */
export class Refusal extends AppError {
  constructor(code: ErrorCode, key: ReasonKey, params: Record<string, string | number> = {}) {
    super(code, reasonText({ key, params }, 'en'), { key, params });
  }
}

const notFoundKeys = {
  audience: 'audienceNotFound',
  customer: 'customerNotFound',
  offer: 'offerNotFound',
  campaign: 'campaignNotFound',
  job: 'jobNotFound',
  'API key': 'apiKeyNotFound',
  'shared picture': 'sharedImageNotFound',
} as const;

/** 404: `what` with this id is not there, or the caller may not see it. */
export const notFound = (what: keyof typeof notFoundKeys, id: number | string) =>
  new Refusal('not_found', notFoundKeys[what], { id });
export const forbidden = (why: string) => new AppError('forbidden', why);
export const unauthorized = (why: string) => new AppError('unauthorized', why);

/** A refusal as data, for those who show it rather than answer HTTP (the bot, digests). */
export const refused = (error: AppError) => ({
  ok: false as const,
  reason: error.message,
  because: error.reason,
});

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;
