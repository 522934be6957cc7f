// One ingestion request: the items are checked one by one, the valid ones written in one
// transaction (which also bumps the data version), and the outcome counted per item.
import type { Database, SqlSession } from '@retention/db';
import { type CheckedItems, checkItems, type ItemError } from './check-items.ts';
import { EventItem, OrderItem } from './item-schemas.ts';
import type { Rejection } from './stage.ts';
import { writeEvents } from './write-events.ts';
import { writeOrders } from './write-orders.ts';

export interface BatchOptions {
  /** Namespace of the ids (customers, products, orders, events). */
  source: string;
  /** Items naming a customer id the source does not know: create the customer, or reject. */
  unknownCustomers: 'create' | 'reject';
}

export interface BatchResult {
  /** Items taken: stored now, or already stored (duplicates). */
  accepted: number;
  stored: number;
  duplicates: number;
  customersCreated: number;
  /** Offers redeemed by the stored orders' codes (orders only). */
  redemptions: number;
  /** Items not taken, by index; an item may have several. */
  errors: ItemError[];
}

interface Written {
  stored: number;
  customersCreated: number;
  redemptions?: number;
  rejected: Rejection[];
}

async function ingest<T>(
  db: Database,
  checked: CheckedItems<T>,
  write: (s: SqlSession) => Promise<Written>,
): Promise<BatchResult> {
  const written: Written =
    checked.valid.length === 0
      ? { stored: 0, customersCreated: 0, rejected: [] }
      : await db.transaction(write);
  // Writers reject per row (an order per line); the answer names each item once.
  const rejected = new Map<number, ItemError>();
  for (const r of written.rejected) {
    if (!rejected.has(r.ref))
      rejected.set(r.ref, { index: r.ref, field: r.field, reason: r.reason });
  }
  const accepted = checked.valid.length - rejected.size;
  return {
    accepted,
    stored: written.stored,
    duplicates: accepted - written.stored,
    customersCreated: written.customersCreated,
    redemptions: written.redemptions ?? 0,
    errors: [...checked.errors, ...rejected.values()].sort((a, b) => a.index - b.index),
  };
}

export function ingestEvents(db: Database, items: readonly unknown[], o: BatchOptions) {
  const checked = checkItems(items, EventItem);
  return ingest(db, checked, async (s) => {
    const events = checked.valid.map(({ index, item }) => ({
      ref: index,
      eventId: item.id,
      customerId: item.customerId,
      type: item.type,
      channel: item.channel,
      occurredAt: item.occurredAt,
      properties: item.properties ?? '{}',
    }));
    const r = await writeEvents(s, events, {
      source: o.source,
      createCustomers: o.unknownCustomers === 'create',
    });
    return { stored: r.eventsInserted, customersCreated: r.customersCreated, rejected: r.rejected };
  });
}

export function ingestOrders(db: Database, items: readonly unknown[], o: BatchOptions) {
  const checked = checkItems(items, OrderItem);
  return ingest(db, checked, async (s) => {
    const r = await writeOrders(s, checked.valid, {
      source: o.source,
      createCustomers: o.unknownCustomers === 'create',
    });
    return {
      stored: r.ordersInserted,
      customersCreated: r.customersCreated,
      redemptions: r.redemptions,
      rejected: r.rejected,
    };
  });
}
