import { z } from 'zod';

export const ErrorBody = z.object({
  statusCode: z.number().int(),
  code: z.string(),
  error: z.string(),
  message: z.string(),
});

/** The error responses every authenticated route can give. */
export const authErrors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 429: ErrorBody };

export const Pagination = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    page: z.number().int(),
    pageSize: z.number().int(),
    total: z.number().int(),
  });

/** One line of text: trimmed, 1 to `max` characters, no control characters (Postgres text cannot hold NUL). */
export const plainText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .regex(/^[^\p{Cc}]*$/u, 'must not contain control characters');

/** Control characters other than line breaks and tabs (what multi-line text may not hold). */
export const hasControlCharsBeyondLineBreaks = (text: string) =>
  /\p{Cc}/u.test(text.replace(/\r?\n|\t/g, ''));

/** Free-text search. */
export const SearchText = plainText(100);

/** A name or filter value. */
export const Label = plainText(100);

export const Money = z.string().describe('decimal amount with 2 places, e.g. "129.90"');
