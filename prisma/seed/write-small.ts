// The catalogue goes through the typed client (batches far below Postgres' 65,535 bind
// parameters); contracts, which grow with the customers, are one unnest statement per batch.
import type { Prisma } from '../generated/client/client.ts';
import { CATEGORIES } from './catalogue-data.ts';
import type { DemoPlan } from './plan.ts';
import { formatCents } from './timeline.ts';
import { BATCH, count, type Progress } from './write-bulk.ts';

const SMALL_BATCH = 2000;
const date = (ms: number) => new Date(ms);
export const isoOrNull = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export async function inBatches<T>(
  rows: T[],
  size: number,
  write: (batch: T[]) => PromiseLike<unknown>,
): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await write(rows.slice(i, i + size));
}

/** Products and price history; returns product ids by catalogue index. */
export async function insertCatalogue(
  tx: Prisma.TransactionClient,
  plan: DemoPlan,
  progress: Progress,
) {
  const { products, prices } = plan.catalogue;
  const created = await tx.product.createManyAndReturn({
    data: products.map((p) => ({
      source: 'demo',
      sku: p.sku,
      name: p.name,
      category: CATEGORIES[p.category]!.name,
      tags: p.tags,
      attributes: { priceBand: p.band, listPrice: formatCents(p.basePrice) },
    })),
    select: { id: true, sku: true },
  });
  const bySku = new Map(created.map((p) => [p.sku, p.id]));
  const productIds = products.map((p) => bySku.get(p.sku)!);
  await inBatches(prices, SMALL_BATCH, (batch) =>
    tx.productPrice.createMany({
      data: batch.map((p) => ({
        productId: productIds[p.product]!,
        price: formatCents(p.price),
        validFrom: date(p.validFrom),
      })),
    }),
  );
  progress(`products ${count(products.length)}, prices ${count(prices.length)}`);
  return productIds;
}

export async function insertContracts(
  tx: Prisma.TransactionClient,
  plan: DemoPlan,
  customerIds: number[],
) {
  await inBatches(
    plan.contracts,
    BATCH,
    (batch) => tx.$executeRaw`
    INSERT INTO contracts (source, external_id, customer_id, plan, start_at, end_at, monthly_amount)
    SELECT 'demo', u.external_id, u.customer_id, u.plan, u.start_at::timestamptz, u.end_at::timestamptz, u.amount
    FROM unnest(${batch.map((c) => c.externalId)}::text[], ${batch.map((c) => customerIds[c.customer]!)}::int[],
                ${batch.map((c) => c.plan)}::text[], ${batch.map((c) => isoOrNull(c.startAt))}::text[],
                ${batch.map((c) => isoOrNull(c.endAt))}::text[],
                ${batch.map((c) => formatCents(c.monthlyAmount))}::numeric[])
      AS u(external_id, customer_id, plan, start_at, end_at, amount)`,
  );
}
