// Orders from the ingestion API on top of writeOrderLines: each order is written once and
// whole. A repeat (later in the batch, or of an order already stored) is a duplicate and
// is not read again, so a resent order can never gain lines.
import type { SqlSession } from '@retention/db';
import { formatCents } from '../lib/parse-values.ts';
import type { OrderInput } from './item-schemas.ts';
import { rowByKey } from './stage.ts';
import { type OrderLine, type WriteLinesResult, writeOrderLines } from './write-order-lines.ts';

export interface WriteOrdersOptions {
  source: string;
  createCustomers: boolean;
}

/** Lines of one order; `ref` is the item's index, `lineNo` the line's index in the item. */
export function orderLines(index: number, order: OrderInput): OrderLine[] {
  return order.lines.map((line, lineNo) => ({
    ref: index,
    orderId: order.id,
    lineNo,
    customerId: order.customerId,
    placedAt: order.placedAt,
    sku: line.sku,
    productName: line.name ?? null,
    quantity: line.quantity,
    unitPrice: formatCents(line.unitPrice),
    amount: formatCents(BigInt(line.quantity) * line.unitPrice),
    region: order.region ?? null,
    channel: order.channel ?? null,
    cancelled: order.status === 'cancelled',
    promoCode: order.promoCode ?? null,
  }));
}

export async function writeOrders(
  s: SqlSession,
  orders: { index: number; item: OrderInput }[],
  o: WriteOrdersOptions,
): Promise<WriteLinesResult> {
  // Two requests with the same new order id at once (a client retrying a slow call) must
  // not both write it, or the second would add its lines: one order batch per source at a time.
  await s.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`ingest-orders:${o.source}`]);
  const firsts = new Map<string, { index: number; item: OrderInput }>();
  for (const order of orders) if (!firsts.has(order.item.id)) firsts.set(order.item.id, order);
  if (firsts.size > 0) {
    const stored = await s.query<{ external_id: string }>(
      `SELECT o.external_id FROM unnest($2::text[]) AS x(id)
       CROSS JOIN LATERAL ${rowByKey('orders', 'external_id', 'x.id', 'external_id')} o`,
      [o.source, [...firsts.keys()]],
    );
    for (const row of stored.rows) firsts.delete(row.external_id);
  }
  const lines = [...firsts.values()].flatMap(({ index, item }) => orderLines(index, item));
  return writeOrderLines(s, lines, {
    source: o.source,
    createCustomers: o.createCustomers,
    createProducts: true,
  });
}
