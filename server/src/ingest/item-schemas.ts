// The items of an ingestion batch. Each item is parsed on its own (check-items.ts), so a
// bad item is reported by its index while the rest are stored; the same schemas describe
// the items in OpenAPI. Reasons are written for the sender. Unknown fields are ignored.
import { amountProblem, maxPriceCents, maxQuantity, maxTotalCents } from '@retention/contracts';
import { Channel } from '@retention/db';
import { z } from 'zod';
import { FieldError, parseCents, parseDate } from '../lib/parse-values.ts';

/** 'is required' when absent, else 'must be <what>'. */
const expected = (what: string) => ({
  error: (issue: { input: unknown }) =>
    issue.input === undefined ? 'is required' : `must be ${what}`,
});

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const text = (max: number) =>
  z
    .string(expected('a string'))
    .min(1, 'is empty')
    .max(max, `is longer than ${max} characters`)
    .regex(/^[^\p{Cc}]*$/u, 'must not contain control characters')
    .refine((s) => !loneSurrogate.test(s), 'is not valid Unicode');

/** ISO 8601; a time without a zone is UTC; from 1970 to a day ahead (contracts/src/api/bounds.ts). */
const timestamp = z
  .string(expected('an ISO 8601 date-time'))
  .transform((raw, ctx) => {
    try {
      return parseDate(raw, 'iso', 'fact');
    } catch (err) {
      const reason =
        err instanceof FieldError && !err.message.includes('not a date')
          ? err.message
          : `"${raw}" is not an ISO 8601 date-time such as 2025-05-01T12:30:00Z`;
      ctx.addIssue({ code: 'custom', message: reason });
      return z.NEVER;
    }
  })
  .meta({ format: 'date-time' });

/**
 * Money as a decimal string or a JSON number, at most 2 decimals, parsed to cents. A number
 * of at most 12 digits prints back exactly (a double keeps 15), so String() recovers the
 * decimal the sender wrote; no arithmetic is done on it.
 */
const unitPrice = z
  .union([z.string(), z.number()], expected('a decimal string or a number'))
  .transform((raw, ctx) => {
    const s = typeof raw === 'number' ? String(raw) : raw.trim();
    const cents = /^\d{1,12}(\.\d{1,2})?$/.test(s) ? parseCents(s) : null;
    if (cents !== null && amountProblem(cents, maxPriceCents) === null) return cents;
    ctx.addIssue({
      code: 'custom',
      message: s.startsWith('-')
        ? 'must not be negative (a return is a negative quantity)'
        : `"${s}" is not an amount below 10^10 with at most 2 decimals`,
    });
    return z.NEVER;
  })
  .meta({ description: 'Price of one unit: "129.90" or 129.9; at most 2 decimals, not negative' });

const maxPropertyBytes = 4096;
// JSON.stringify escapes exactly these; Postgres jsonb refuses both.
const badEscape = /(?<!\\)(?:\\\\)*\\u(?:0000|d[89a-f][0-9a-f]{2})/i;

const properties = z
  .record(z.string(), z.unknown(), expected('a JSON object'))
  .transform((value, ctx) => {
    const json = JSON.stringify(value);
    const bytes = Buffer.byteLength(json);
    if (bytes > maxPropertyBytes) {
      ctx.addIssue({ code: 'custom', message: `is ${bytes} bytes of JSON; the limit is 4096` });
    } else if (badEscape.test(json)) {
      ctx.addIssue({ code: 'custom', message: 'holds a NUL character or invalid Unicode' });
    }
    return json;
  })
  .meta({ description: 'Free-form JSON object, at most 4 KiB' });

/** Events come from a known channel; orders may say 'other' (the database's Channel enum). */
export const eventChannels = ['web', 'app', 'telegram', 'offline'] as const;
const orderChannels = Object.values(Channel);
const customerId = text(200).describe(
  "Your customer id (the customer's external id within the batch's source)",
);

export const EventItem = z.object(
  {
    id: text(200).describe('Your id of the event; a repeated id is acknowledged, not stored again'),
    customerId,
    type: text(100).describe('What happened, e.g. "page_view", "add_to_cart", "bot_start"'),
    channel: z.enum(eventChannels, expected(`one of ${eventChannels.join(', ')}`)),
    occurredAt: timestamp.describe('When it happened (ISO 8601; no zone means UTC)'),
    properties: properties.optional(),
  },
  expected('an object'),
);

const OrderLineItem = z.object(
  {
    sku: text(100).describe('Product code; an unknown sku creates the product'),
    name: text(200).optional().describe('Product name, used when the product is created'),
    quantity: z
      .number(expected('a number'))
      .int('is not a whole number')
      .min(-maxQuantity, `is below -${maxQuantity}`)
      .max(maxQuantity, `is above ${maxQuantity}`)
      .refine((q) => q !== 0, 'must not be 0')
      .describe('Units; negative for returned units'),
    unitPrice,
  },
  expected('an object'),
);

export const OrderItem = z
  .object(
    {
      id: text(200).describe('Your order id; a repeated id is acknowledged, not stored again'),
      customerId,
      placedAt: timestamp.describe('When the order was placed (ISO 8601; no zone means UTC)'),
      channel: z
        .enum(Channel, expected(`one of ${orderChannels.join(', ')}`))
        .optional()
        .describe('Channel of the order (and the acquisition channel of a created customer)'),
      region: text(100).optional().describe('Region of the order (and of a created customer)'),
      promoCode: text(64)
        .optional()
        .describe(
          'Offer code used: a personal code (LIVE10-X7K2PQ) or the offer code; redeems the customer’s own offer',
        ),
      status: z
        .enum(['completed', 'cancelled'], expected('completed or cancelled'))
        .default('completed'),
      lines: z
        .array(OrderLineItem, expected('an array of lines'))
        .min(1, 'needs at least one line')
        .max(100, 'has more than 100 lines'),
    },
    expected('an object'),
  )
  .superRefine((order, ctx) => {
    let total = 0n;
    for (const [i, line] of order.lines.entries()) {
      const amount = BigInt(line.quantity) * line.unitPrice;
      total += amount;
      if (amountProblem(amount, maxTotalCents, { negative: true })) {
        ctx.addIssue({
          code: 'custom',
          path: ['lines', i],
          message: 'quantity × unitPrice is too large',
        });
      }
    }
    if (amountProblem(total, maxTotalCents, { negative: true })) {
      ctx.addIssue({ code: 'custom', path: ['lines'], message: 'order total is too large' });
    }
  });

export type EventInput = z.output<typeof EventItem>;
export type OrderInput = z.output<typeof OrderItem>;
