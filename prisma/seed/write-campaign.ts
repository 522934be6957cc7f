// The offers and the campaign row through the typed client; its members and the offer
// assignments, which grow with the customers, as unnest batches like the big tables.
import type { Prisma } from '../generated/client/client.ts';
import type { DemoPlan } from './plan.ts';
import { formatCents } from './timeline.ts';
import { BATCH } from './write-bulk.ts';
import { inBatches, isoOrNull } from './write-small.ts';

const date = (ms: number) => new Date(ms);

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
  await inBatches(
    campaign.members,
    BATCH,
    (batch) => tx.$executeRaw`
    INSERT INTO campaign_members (campaign_id, customer_id, "group")
    SELECT ${created.id}, u.customer_id, u.grp::"CampaignGroup"
    FROM unnest(${batch.map((m) => customerIds[m.customer]!)}::int[],
                ${batch.map((m) => m.group)}::text[]) AS u(customer_id, grp)`,
  );
  await inBatches(
    plan.assignments,
    BATCH,
    (batch) => tx.$executeRaw`
    INSERT INTO offer_assignments (offer_id, customer_id, campaign_id, code, assigned_at,
                                   delivery_state, delivery_error, sent_at, opened_at, redeemed_at, order_id)
    SELECT u.offer_id, u.customer_id, CASE WHEN u.in_campaign THEN ${created.id}::int END, u.code,
           u.assigned_at::timestamptz, u.state::"DeliveryState", u.error, u.sent_at::timestamptz,
           u.opened_at::timestamptz, u.redeemed_at::timestamptz, u.order_id
    FROM unnest(${batch.map((a) => offerIds.get(a.offer)!)}::int[],
                ${batch.map((a) => customerIds[a.customer]!)}::int[],
                ${batch.map((a) => a.inCampaign)}::boolean[], ${batch.map((a) => a.code)}::text[],
                ${batch.map((a) => isoOrNull(a.assignedAt))}::text[],
                ${batch.map((a) => a.deliveryState)}::text[], ${batch.map((a) => a.deliveryError)}::text[],
                ${batch.map((a) => isoOrNull(a.sentAt))}::text[], ${batch.map((a) => isoOrNull(a.openedAt))}::text[],
                ${batch.map((a) => isoOrNull(a.redeemedAt))}::text[],
                ${batch.map((a) => (a.order ? orderIds.get(a.order.externalId)! : null))}::int[])
      AS u(offer_id, customer_id, in_campaign, code, assigned_at, state, error, sent_at, opened_at,
           redeemed_at, order_id)`,
  );
  return offers.length;
}
