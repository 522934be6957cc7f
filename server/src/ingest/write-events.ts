// Writes events idempotently, in the style of write-order-lines.ts: the batch is COPY'd
// into a temporary stage and merged in set-based SQL keyed by (source, external id). A
// repeated id, in the batch or from any earlier one, is skipped: the first delivery wins.
import { csvField, type SqlSession } from '@retention/db';
import type { eventChannels } from './item-schemas.ts';
import { admitCustomers, createStage, type Rejection, rowByKey } from './stage.ts';

type EventChannel = (typeof eventChannels)[number];

export interface EventRecord {
  /** Position of the input (the batch index) used in rejections. */
  ref: number;
  eventId: string;
  customerId: string;
  type: string;
  channel: EventChannel;
  occurredAt: Date;
  /** A JSON object, serialised. */
  properties: string;
}

export interface WriteEventsOptions {
  source: string;
  /** Unknown customers are created (true) or their events rejected (false). */
  createCustomers: boolean;
}

export interface WriteEventsResult {
  staged: number;
  eventsInserted: number;
  customersCreated: number;
  rejected: Rejection[];
}

function toCsv(events: EventRecord[]): string {
  let out = '';
  for (const e of events) {
    out += `${e.ref},${csvField(e.eventId)},${csvField(e.customerId)},${csvField(e.type)},${e.channel},${e.occurredAt.toISOString()},${csvField(e.properties)}\n`;
  }
  return out;
}

export async function writeEvents(
  s: SqlSession,
  events: EventRecord[],
  o: WriteEventsOptions,
): Promise<WriteEventsResult> {
  const result: WriteEventsResult = {
    staged: events.length,
    eventsInserted: 0,
    customersCreated: 0,
    rejected: [],
  };
  if (events.length === 0) return result;
  await createStage(
    s,
    'stage_events',
    'ref int, event_ext text, customer_ext text, type text, channel text, occurred_at timestamptz, properties jsonb',
  );
  await s.copyCsv(
    'stage_events (ref, event_ext, customer_ext, type, channel, occurred_at, properties)',
    toCsv(events),
  );

  const customers = await admitCustomers(s, 'stage_events', o.source, {
    create: o.createCustomers,
  });
  result.customersCreated = customers.created;
  result.rejected = customers.rejected;

  result.eventsInserted = (
    await s.query(
      `INSERT INTO events (source, external_id, customer_id, type, channel, occurred_at, properties)
       SELECT DISTINCT ON (s.event_ext) $1, s.event_ext, c.id, s.type, s.channel::"Channel",
              s.occurred_at, s.properties
       FROM stage_events s CROSS JOIN LATERAL ${rowByKey('customers', 'external_id', 's.customer_ext')} c
       ORDER BY s.event_ext, s.ref
       ON CONFLICT (source, external_id) DO NOTHING`,
      [o.source],
    )
  ).rowCount;
  return result;
}
