// Writes events idempotently, in the style of write-order-lines.ts: the batch is COPY'd
// into a temporary stage and merged in set-based SQL keyed by (source, external id). A
// repeated id, in the batch or from any earlier one, is skipped: the first delivery wins.
import { csvField, type SqlSession } from '@retention/db';
import type { Rejection } from './write-order-lines.ts';

export type EventChannel = 'web' | 'app' | 'telegram' | 'offline';

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
  await s.query(`CREATE TEMP TABLE stage_events (
    ref int, event_ext text, customer_ext text, type text, channel text,
    occurred_at timestamptz, properties jsonb) ON COMMIT DROP`);
  await s.copyCsv(
    'stage_events (ref, event_ext, customer_ext, type, channel, occurred_at, properties)',
    toCsv(events),
  );

  if (o.createCustomers) {
    result.customersCreated = (
      await s.query(
        `INSERT INTO customers (source, external_id)
         SELECT DISTINCT $1::text, customer_ext FROM stage_events
         ON CONFLICT (source, external_id) DO NOTHING`,
        [o.source],
      )
    ).rowCount;
  } else {
    const missing = await s.query<{ ref: number; value: string }>(
      `DELETE FROM stage_events s WHERE NOT EXISTS (
         SELECT 1 FROM customers c WHERE c.source = $1 AND c.external_id = s.customer_ext)
       RETURNING s.ref, s.customer_ext AS value`,
      [o.source],
    );
    result.rejected = missing.rows.map((r) => ({
      ref: r.ref,
      field: 'customerId',
      reason: `unknown customer "${r.value}"`,
    }));
  }

  result.eventsInserted = (
    await s.query(
      `INSERT INTO events (source, external_id, customer_id, type, channel, occurred_at, properties)
       SELECT DISTINCT ON (s.event_ext) $1, s.event_ext, c.id, s.type, s.channel::"Channel",
              s.occurred_at, coalesce(s.properties, '{}')
       FROM stage_events s JOIN customers c ON c.source = $1 AND c.external_id = s.customer_ext
       ORDER BY s.event_ext, s.ref
       ON CONFLICT (source, external_id) DO NOTHING`,
      [o.source],
    )
  ).rowCount;
  return result;
}
