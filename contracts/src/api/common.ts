// The building blocks every resource of the API is made of: the error body, pages, text a
// caller sends, money, dates and rates as the answers carry them.
import { z } from 'zod';

/** Why, as a key of contracts/src/reasons.ts and the values its text names. */
export const ReasonBody = z.object({
  key: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});

export const ErrorBody = z.object({
  statusCode: z.number().int(),
  code: z.string(),
  error: z.string(),
  message: z.string(),
  reason: ReasonBody.optional().describe(
    "the message as a key and values, for clients that show it in the user's language",
  ),
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

/** A database id in a path: a positive int4. */
export const Id = z.coerce.number().int().min(1).max(2_147_483_647);

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

/** A calendar day in the business's time zone. */
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2024-01-31');

export const Rate = z.number().nullable().describe('fraction (0.25 = 25%); null when undefined');

// ---------------------------------------------------------------------------------------
// Dates in responses. Postgres holds years up to 294276 and BC; Prisma reads a year past 9999
// or BC as an Invalid Date, and a JS Date prints years past 9999 as "+010000-…": with z.date()
// either fails the response schema, and one such row made a whole list a 500.

const firstShown = Date.parse('0001-01-01T00:00:00.000Z');
const lastShown = Date.parse('9999-12-31T23:59:59.999Z');

/**
 * `at` as ISO 8601 UTC with a four-digit year: an instant outside 0001-9999 is shown at the
 * nearest end, an unreadable one at the far end (a year typed with a digit too many is how
 * they arise; the stored bounds in bounds.ts keep new ones out).
 */
export function isoInstant(at: Date): string {
  const t = at.getTime();
  if (Number.isNaN(t) || t > lastShown) return new Date(lastShown).toISOString();
  if (t < firstShown) return new Date(firstShown).toISOString();
  return at.toISOString();
}

/**
 * An instant in a response (what `z.date()` was, without failing on a stored outlier): the
 * server hands it a Date (`z.infer`), the JSON carries the ISO string (`z.input`).
 */
export const Instant = z
  .codec(z.iso.datetime(), z.instanceof(Date), {
    decode: (raw) => new Date(raw),
    encode: isoInstant,
  })
  .meta({ type: 'string', format: 'date-time' });
