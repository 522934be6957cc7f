import { ErrorBody } from '@retention/contracts';
import { z } from 'zod';
import { EventItem, OrderItem, text } from '../../../../ingest/item-schemas.ts';

export const maxItems = 1000;
/** 1,000 events with 4 KiB of properties, or 1,000 orders of many lines, pass the app's 1 MiB. */
export const ingestBodyLimit = 5 * 1024 * 1024;

/**
 * The handler checks items one by one (one bad item must not fail the batch), so the
 * body schema takes any items; the document still shows the item schema.
 */
const itemsOf = (item: z.ZodType, what: string) =>
  z
    .array(z.unknown())
    .min(1)
    .max(maxItems)
    .meta({
      description: `1 to ${maxItems} ${what}; each is checked on its own`,
      items: z.toJSONSchema(item, { target: 'openapi-3.0', io: 'input' }),
    });

const batchFields = {
  source: text(100)
    .default('default')
    .describe(
      'Namespace of your ids: customers, products, orders and events are matched by (source, id). The default, "default", is the namespace of the CSV import.',
    ),
  unknownCustomers: z
    .enum(['create', 'reject'])
    .default('create')
    .describe(
      'An item naming a customer id the source does not know yet: "create" (default) creates the customer (an order gives it its region); "reject" reports the item as an error and stores nothing of it.',
    ),
};

export const EventsBody = z.object({ ...batchFields, items: itemsOf(EventItem, 'events') });
export const OrdersBody = z.object({ ...batchFields, items: itemsOf(OrderItem, 'orders') });

const ItemError = z.object({
  index: z.number().int().describe('Position of the item in `items`, from 0'),
  field: z.string().describe('Path in the item, e.g. "lines[2].quantity"; "item" for all of it'),
  reason: z.string(),
});

const counts = {
  accepted: z.number().int().describe('Items taken: stored now or already stored'),
  stored: z.number().int().describe('Items stored by this request'),
  duplicates: z.number().int().describe('Items whose id was already stored (or repeated)'),
  customersCreated: z.number().int(),
  redemptions: z
    .number()
    .int()
    .describe('Offers redeemed by the stored orders’ promoCode (always 0 for events)'),
  errors: z.array(ItemError).describe('Items not taken, by index (empty on 200)'),
};

const IngestResult = z.object(counts);

/** Every item rejected: the standard error body with the counts and errors; or a bad request. */
export const IngestRejected = ErrorBody.extend(IngestResult.partial().shape);

/** Documents the two ways to send the key; the api-key-auth plugin checks them. */
export const KeyHeaders = z.looseObject({
  authorization: z.string().optional().describe('Bearer <API key>'),
  'x-api-key': z.string().optional().describe('<API key>, instead of Authorization'),
});

export const ingestResponses = {
  200: IngestResult.describe('Every item taken'),
  207: IngestResult.describe('Some items taken, the others listed in errors'),
  400: IngestRejected,
  401: ErrorBody,
  413: ErrorBody,
  415: ErrorBody,
  429: ErrorBody,
};
