// Orders per customer: purchase moments from the BG/NBD process, a basket for each, a channel
// from the customer's habits and a status (a few cancelled or returned, the newest pending).
import { basketTotal, buildBasket, type LinePlan } from './baskets.ts';
import type { Catalogue } from './catalogue.ts';
import { CHANNELS, type ChannelName, type CustomerPlan } from './customers.ts';
import { purchaseTimes } from './purchases.ts';
import { Random } from './random.ts';
import { DAY, dayIndex, type Timeline } from './timeline.ts';

export type OrderStatusName = 'completed' | 'pending' | 'cancelled' | 'returned';

export interface OrderPlan {
  customer: number;
  placedAt: number;
  channel: ChannelName;
  status: OrderStatusName;
  lines: LinePlan[];
  total: number; // cents
  promoCode: string | null;
  externalId: string;
}

/** What every planner after the customers needs to know about the shop. */
export interface Shop {
  seed: number;
  timeline: Timeline;
  catalogue: Catalogue;
  customers: CustomerPlan[];
}

export function makeOrder(
  random: Random,
  shop: Shop,
  customer: number,
  placedAt: number,
): OrderPlan {
  const { timeline, catalogue } = shop;
  const plan = shop.customers[customer]!;
  const lines = buildBasket(random, catalogue, plan, dayIndex(timeline, placedAt));
  let status: OrderStatusName = 'completed';
  if (placedAt > timeline.now - 3 * DAY && random.chance(0.45)) status = 'pending';
  else if (random.chance(0.03)) status = 'cancelled';
  else if (random.chance(0.045)) status = 'returned';
  return {
    customer,
    placedAt,
    channel: CHANNELS[random.weighted(plan.channelWeights)]!,
    status,
    lines,
    total: basketTotal(lines),
    promoCode: null,
    externalId: '',
  };
}

/** Orders grouped by customer index, oldest first. Also settles each customer's aliveUntil. */
export function planOrders(shop: Shop): OrderPlan[][] {
  return shop.customers.map((customer, c) => {
    const random = new Random(shop.seed, 'orders', c);
    const { times, aliveUntil } = purchaseTimes(random, shop.timeline, customer);
    customer.aliveUntil = aliveUntil;
    return times.map((at) => makeOrder(random, shop, c, at));
  });
}

/** All orders in time order, numbered O0000001… so external ids read chronologically. */
export function numberOrders(byCustomer: OrderPlan[][]): OrderPlan[] {
  const all = byCustomer.flat();
  all.sort((a, b) => a.placedAt - b.placedAt || a.customer - b.customer);
  all.forEach((order, i) => {
    order.externalId = `O${String(i + 1).padStart(7, '0')}`;
  });
  return all;
}
