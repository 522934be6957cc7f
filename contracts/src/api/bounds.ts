// Bounds of what a caller may store, through any route, the ingestion API or the CSV import:
// one home, so that every stored row can be read back, shown and summed. The request schemas
// here use them; the server's ingestion and import check against the same numbers.
import { z } from 'zod';

const msPerDay = 86_400_000;

export const dateBounds = {
  /** Dates before it are typos (0024 for 2024) or placeholders (0001-01-01). */
  earliest: Date.parse('1900-01-01T00:00:00.000Z'),
  /** Far enough for an offer "valid until further notice"; years past 9999 break JSON dates. */
  latest: Date.parse('2199-12-31T23:59:59.999Z'),
  /** Orders and events: a zero or missing Unix time in the sender's data reads as 1970. */
  earliestFact: Date.parse('1970-01-01T00:00:00.000Z'),
  /** How far past our clock something that has happened may be (time zones, skewed clocks). */
  factAheadMs: msPerDay,
};

/**
 * calendar: plans and validity (campaigns, offers, prices from): 1900-01-01 to 2199-12-31;
 * past: what has happened (signups): from 1900-01-01 to a day ahead of now;
 * fact: orders and events: from 1970-01-01 to a day ahead of now.
 */
export type DateRule = 'calendar' | 'past' | 'fact';

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Why `at` cannot be stored under `rule`, or null. */
export function dateProblem(at: Date, rule: DateRule, now = Date.now()): string | null {
  const t = at.getTime();
  if (Number.isNaN(t)) return 'is not a date';
  const earliest = rule === 'fact' ? dateBounds.earliestFact : dateBounds.earliest;
  if (t < earliest) return `is before ${dayOf(earliest)}`;
  if (rule !== 'calendar' && t > now + dateBounds.factAheadMs) return 'is more than a day ahead';
  if (t > dateBounds.latest) return `is after ${dayOf(dateBounds.latest)}`;
  return null;
}

/** A date-time a caller stores: ISO 8601 with a zone, or a date alone (midnight UTC). */
export const storedDate = (rule: DateRule) =>
  z
    .union([z.iso.datetime({ offset: true }), z.iso.date()], {
      error: 'must be an ISO 8601 date-time such as 2025-05-01T12:30:00Z',
    })
    .transform((raw, ctx) => {
      const at = new Date(raw);
      const problem = dateProblem(at, rule);
      if (problem === null) return at;
      ctx.addIssue({ code: 'custom', message: `${problem} (${raw})` });
      return z.NEVER;
    });

/** The most a numeric(12,2) column holds, in cents: prices, discounts, gift costs. */
export const maxPriceCents = 10n ** 12n - 1n;
/** The most a numeric(14,2) column holds, in cents: line amounts, order totals, CLV. */
export const maxTotalCents = 10n ** 14n - 1n;
/** Units on one order line, either way (returns are negative). */
export const maxQuantity = 1_000_000;

const amountText = (cents: bigint) => `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;

/** Why `cents` cannot be stored in a column holding up to `max` cents, or null. */
export function amountProblem(
  cents: bigint,
  max: bigint,
  o: { negative?: boolean } = {},
): string | null {
  if (cents < 0n && !o.negative) return 'must not be negative';
  if (cents <= max && -cents <= max) return null;
  const most = amountText(max);
  return o.negative ? `must be between -${most} and ${most}` : `must be at most ${most}`;
}

/** An amount sent as a JSON number for a numeric(12,2) column: `min` to its largest value. */
export const priceNumber = (min: number) => {
  const max = Number(maxPriceCents) / 100;
  return z
    .number()
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${amountText(maxPriceCents)}`)
    .multipleOf(0.01, 'must have at most 2 decimals');
};

/** The largest value at risk (probability × CLV) there can be, as a number. */
export const maxTotalNumber = Number(maxTotalCents) / 100;
