// Bulk inserts for the big tables. Each batch is one INSERT … SELECT FROM unnest(array params):
// a handful of parameters however many rows, and about five times faster than createMany on
// PGlite (measured: 20,000 events in 0.8 s against 4.3 s), which is most of the seeding time.
import type { Prisma } from '../generated/client/client.ts';
import type { DemoPlan } from './plan.ts';
import { formatCents } from './timeline.ts';

export const BATCH = 5000;
const iso = (ms: number) => new Date(ms).toISOString();

export type Progress = (message: string) => void;
export const count = (n: number) => n.toLocaleString('en-US');

/** Inserts the customers and returns their database ids, by plan index. */
export async function insertCustomers(
  tx: Prisma.TransactionClient,
  plan: DemoPlan,
  progress: Progress,
): Promise<number[]> {
  const ids: number[] = [];
  const byExternal = new Map<string, number>();
  const all = plan.customers;
  for (let i = 0; i < all.length; i += BATCH) {
    const batch = all.slice(i, i + BATCH);
    const rows = await tx.$queryRaw<{ id: number; external_id: string }[]>`
      INSERT INTO customers (source, external_id, name, email, phone, region, acquisition_channel,
                             signup_at, tags, attributes)
      SELECT 'demo', u.external_id, u.name, u.email, u.phone, u.region, u.channel,
             u.signup_at::timestamptz, string_to_array(u.tags, ','), u.attributes::jsonb
      FROM unnest(${batch.map((c) => c.externalId)}::text[], ${batch.map((c) => c.name)}::text[],
                  ${batch.map((c) => c.email)}::text[], ${batch.map((c) => c.phone)}::text[],
                  ${batch.map((c) => c.region)}::text[], ${batch.map((c) => c.acquisition)}::text[],
                  ${batch.map((c) => iso(c.signupAt))}::text[], ${batch.map((c) => c.tags.join(','))}::text[],
                  ${batch.map((c) => JSON.stringify(c.attributes))}::text[])
        AS u(external_id, name, email, phone, region, channel, signup_at, tags, attributes)
      RETURNING id, external_id`;
    for (const row of rows) byExternal.set(row.external_id, row.id);
    progress(`customers ${count(Math.min(i + BATCH, all.length))}/${count(all.length)}`);
  }
  for (const c of all) ids.push(byExternal.get(c.externalId)!);
  return ids;
}

/** Inserts orders and their lines; returns order ids by external id (for redemptions). */
export async function insertOrders(
  tx: Prisma.TransactionClient,
  plan: DemoPlan,
  customerIds: number[],
  productIds: number[],
  progress: Progress,
): Promise<Map<string, number>> {
  const orderIds = new Map<string, number>();
  const all = plan.orders;
  let lineCount = 0;
  for (let i = 0; i < all.length; i += BATCH) {
    const batch = all.slice(i, i + BATCH);
    const rows = await tx.$queryRaw<{ id: number; external_id: string }[]>`
      INSERT INTO orders (source, external_id, customer_id, placed_at, channel, region, status, total, promo_code)
      SELECT 'demo', u.external_id, u.customer_id, u.placed_at::timestamptz, u.channel::"Channel",
             u.region, u.status::"OrderStatus", u.total::numeric, u.promo_code
      FROM unnest(${batch.map((o) => o.externalId)}::text[], ${batch.map((o) => customerIds[o.customer]!)}::int[],
                  ${batch.map((o) => iso(o.placedAt))}::text[], ${batch.map((o) => o.channel)}::text[],
                  ${batch.map((o) => plan.customers[o.customer]!.region)}::text[],
                  ${batch.map((o) => o.status)}::text[], ${batch.map((o) => formatCents(o.total))}::text[],
                  ${batch.map((o) => o.promoCode)}::text[])
        AS u(external_id, customer_id, placed_at, channel, region, status, total, promo_code)
      RETURNING id, external_id`;
    for (const row of rows) orderIds.set(row.external_id, row.id);
    const lines = batch.flatMap((o) =>
      o.lines.map((line, n) => ({ order: orderIds.get(o.externalId)!, n: n + 1, ...line })),
    );
    for (let j = 0; j < lines.length; j += BATCH) {
      const part = lines.slice(j, j + BATCH);
      await tx.$executeRaw`
        INSERT INTO order_items (order_id, line_no, product_id, quantity, unit_price, amount)
        SELECT u.*, u.quantity * u.unit_price
        FROM unnest(${part.map((l) => l.order)}::int[], ${part.map((l) => l.n)}::int[],
                    ${part.map((l) => productIds[l.product]!)}::int[], ${part.map((l) => l.quantity)}::int[],
                    ${part.map((l) => formatCents(l.unitPrice))}::numeric[])
          AS u(order_id, line_no, product_id, quantity, unit_price)`;
    }
    lineCount += lines.length;
    progress(`orders ${count(i + batch.length)}/${count(all.length)}, items ${count(lineCount)}`);
  }
  return orderIds;
}
