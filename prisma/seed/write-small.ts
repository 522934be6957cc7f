// The smaller tables go through the typed client; batches stay far below Postgres' 65,535
// bind-parameter limit (2,000 rows × at most 12 columns).
import type { Prisma } from '../generated/client/client.ts';
import { CATEGORIES } from './catalogue-data.ts';
import type { DemoPlan } from './plan.ts';
import { formatCents } from './timeline.ts';
import { count, type Progress } from './write-bulk.ts';

const SMALL_BATCH = 2000;
const date = (ms: number) => new Date(ms);
const dateOrNull = (ms: number | null) => (ms === null ? null : new Date(ms));

async function inBatches<T>(rows: T[], write: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += SMALL_BATCH) await write(rows.slice(i, i + SMALL_BATCH));
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
  await inBatches(prices, (batch) =>
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
  await inBatches(plan.contracts, (batch) =>
    tx.contract.createMany({
      data: batch.map((c) => ({
        source: 'demo',
        externalId: c.externalId,
        customerId: customerIds[c.customer]!,
        plan: c.plan,
        startAt: date(c.startAt),
        endAt: dateOrNull(c.endAt),
        monthlyAmount: formatCents(c.monthlyAmount),
      })),
    }),
  );
}

/** Offers, the campaign with its members, and every offer assignment. */
export async function insertCampaign(
  tx: Prisma.TransactionClient,
  plan: DemoPlan,
  customerIds: number[],
  orderIds: Map<string, number>,
) {
  const offers = await tx.offer.createManyAndReturn({
    data: plan.offers.map((o) => ({
      ...o,
      amountOff: o.amountOff === null ? null : formatCents(o.amountOff),
      validFrom: date(o.validFrom),
      validTo: date(o.validTo),
    })),
    select: { id: true, code: true },
  });
  const offerIds = new Map(offers.map((o) => [o.code, o.id]));
  const { campaign } = plan;
  const created = await tx.campaign.create({
    data: {
      name: campaign.name,
      offerId: offerIds.get('COMEBACK15')!,
      target: campaign.target,
      controlShare: 0.1,
      seed: plan.seed,
      status: 'finished',
      startAt: date(campaign.startAt),
      endAt: date(campaign.endAt),
      launchedAt: date(campaign.launchedAt),
    },
    select: { id: true },
  });
  await inBatches(campaign.members, (batch) =>
    tx.campaignMember.createMany({
      data: batch.map((m) => ({
        campaignId: created.id,
        customerId: customerIds[m.customer]!,
        group: m.group,
      })),
    }),
  );
  await inBatches(plan.assignments, (batch) =>
    tx.offerAssignment.createMany({
      data: batch.map((a) => ({
        offerId: offerIds.get(a.offer)!,
        customerId: customerIds[a.customer]!,
        campaignId: a.inCampaign ? created.id : null,
        code: a.code,
        assignedAt: date(a.assignedAt),
        deliveryState: a.deliveryState,
        deliveryError: a.deliveryError,
        sentAt: dateOrNull(a.sentAt),
        openedAt: dateOrNull(a.openedAt),
        redeemedAt: dateOrNull(a.redeemedAt),
        orderId: a.order ? orderIds.get(a.order.externalId)! : null,
      })),
    }),
  );
  return offers.length;
}
