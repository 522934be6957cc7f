// Everything except the events, planned in memory before a single row is written: each step
// may still change earlier ones (the campaign adds orders, the welcome code discounts some).
import { createHash } from 'node:crypto';
import { planVipGifts, planWelcome } from './assignments.ts';
import { type CampaignPlan, campaignWindow, planCampaign } from './campaign.ts';
import { buildCatalogue, type Catalogue } from './catalogue.ts';
import { type ContractPlan, planContracts } from './contracts.ts';
import { type CustomerPlan, planCustomers } from './customers.ts';
import { type AssignmentPlan, type OfferPlan, planOffers } from './offers.ts';
import { numberOrders, type OrderPlan, planOrders } from './orders.ts';
import { createTimeline, formatCents, type Timeline } from './timeline.ts';

export interface DemoPlan {
  seed: number;
  timeline: Timeline;
  catalogue: Catalogue;
  customers: CustomerPlan[];
  ordersByCustomer: OrderPlan[][];
  orders: OrderPlan[];
  contracts: ContractPlan[];
  offers: OfferPlan[];
  campaign: CampaignPlan;
  assignments: AssignmentPlan[];
}

export function planDemo(seed: number, customerCount: number, now: Date): DemoPlan {
  const timeline = createTimeline(now);
  const catalogue = buildCatalogue(seed, timeline);
  const customers = planCustomers(seed, timeline, customerCount);
  const shop = { seed, timeline, catalogue, customers };
  const ordersByCustomer = planOrders(shop);
  const codes = new Set<string>();
  const campaign = planCampaign(shop, ordersByCustomer, codes);
  const welcome = planWelcome(shop, ordersByCustomer, codes);
  const orders = numberOrders(ordersByCustomer);
  const gifts = planVipGifts(shop, ordersByCustomer, codes);
  const contracts = planContracts(shop);
  const { startAt, endAt } = campaignWindow(timeline);
  return {
    seed,
    timeline,
    catalogue,
    customers,
    ordersByCustomer,
    orders,
    contracts,
    offers: planOffers(timeline, startAt, endAt),
    campaign,
    assignments: [...campaign.assignments, ...welcome, ...gifts],
  };
}

/** Completed orders only: cancelled and returned ones are not revenue, pending ones not yet. */
export function revenueCents(orders: OrderPlan[]): number {
  return orders.reduce((sum, o) => sum + (o.status === 'completed' ? o.total : 0), 0);
}

/** A fingerprint of every order and line, to check that a seed reproduces the same data. */
export function ordersHash(plan: DemoPlan): string {
  const hash = createHash('sha256');
  for (const o of plan.orders) {
    const lines = o.lines.map((l) => {
      const sku = plan.catalogue.products[l.product]!.sku;
      return `${sku}x${l.quantity}@${formatCents(l.unitPrice)}`;
    });
    const customer = plan.customers[o.customer]!.externalId;
    const placed = new Date(o.placedAt).toISOString();
    hash.update(
      `${o.externalId}|${customer}|${placed}|${o.channel}|${o.status}|${formatCents(o.total)}|${o.promoCode ?? ''}|${lines.join(',')}\n`,
    );
  }
  return hash.digest('hex');
}
