// Behaviour events for one customer: browsing sessions while they are a customer, thinning out
// after they drop out (so DAU/MAU and "last seen" mean something), one purchase event per
// order, and opened offers. Generated per customer while writing, so millions never sit in
// memory. The volume is bounded on purpose, about 20 events per customer: a session is a start
// and a view or two, an order is one `purchase` event (its lines are in order_items). That keeps
// the active days (DAU/MAU, stickiness near 9%) while 100,000 customers load within minutes;
// each event row costs Postgres about as much as an order line.
import { pickProduct } from './baskets.ts';
import type { Catalogue } from './catalogue.ts';
import { CATEGORIES } from './catalogue-data.ts';
import { CHANNELS, type ChannelName, type CustomerPlan } from './customers.ts';
import type { OrderPlan, Shop } from './orders.ts';
import { Random } from './random.ts';
import { atBusyHour, DAY, demandAt, formatCents } from './timeline.ts';

export interface EventRow {
  type: string;
  channel: ChannelName;
  at: number;
  properties: Record<string, string | number>;
}

const FADE = 30 * DAY; // how fast interest fades after the last purchase
const DEVICES: Record<ChannelName, string[]> = {
  web: ['desktop', 'mobile-web'],
  app: ['ios', 'android'],
  telegram: ['mini-app'],
  offline: ['store'],
};

function session(
  random: Random,
  catalogue: Catalogue,
  customer: CustomerPlan,
  at: number,
  out: EventRow[],
) {
  const channel = CHANNELS[random.weighted(customer.channelWeights)]!;
  if (channel === 'offline') {
    out.push({
      type: 'store_visit',
      channel,
      at,
      properties: { store: `${customer.region} store` },
    });
    return;
  }
  out.push({
    type: 'session_start',
    channel,
    at,
    properties: { device: random.pick(DEVICES[channel]) },
  });
  let t = at;
  if (random.chance(0.15)) {
    t += random.int(10, 60) * 1000;
    const category = CATEGORIES[random.weighted(customer.categoryWeights)]!.name;
    out.push({ type: 'search', channel, at: t, properties: { query: category.toLowerCase() } });
  }
  const views = 1 + random.poisson(0.6);
  for (let v = 0; v < views; v++) {
    t += random.int(20, 180) * 1000;
    const sku = catalogue.products[pickProduct(random, catalogue, customer)]!.sku;
    out.push({ type: 'product_view', channel, at: t, properties: { sku } });
    if (random.chance(0.1))
      out.push({ type: 'add_to_cart', channel, at: t + 15_000, properties: { sku, quantity: 1 } });
  }
}

function purchase(order: OrderPlan): EventRow {
  return {
    type: 'purchase',
    channel: order.channel,
    at: order.placedAt,
    properties: { order: order.externalId, total: formatCents(order.total) },
  };
}

export function customerEvents(
  shop: Shop,
  index: number,
  orders: OrderPlan[],
  offerOpens: { code: string; at: number }[],
): EventRow[] {
  const { timeline, catalogue } = shop;
  const customer = shop.customers[index]!;
  const random = new Random(shop.seed, 'events', index);
  const out: EventRow[] = [];
  const peak = customer.browsing * timeline.maxDemand;
  const stop = Math.min(timeline.now, customer.aliveUntil + 5 * FADE);
  for (
    let t = customer.signupAt + random.exponential(DAY / peak);
    t < stop;
    t += random.exponential(DAY / peak)
  ) {
    const fade = t > customer.aliveUntil ? Math.exp(-(t - customer.aliveUntil) / FADE) : 1;
    if (!random.chance((demandAt(timeline, t) / timeline.maxDemand) * fade)) continue;
    const at = Math.max(atBusyHour(timeline, random, t), customer.signupAt + 1000);
    session(random, catalogue, customer, at, out);
  }
  for (const order of orders) out.push(purchase(order));
  for (const open of offerOpens) {
    out.push({
      type: 'offer_open',
      channel: 'telegram',
      at: open.at,
      properties: { code: open.code },
    });
  }
  return out.filter((e) => e.at < timeline.now && e.at >= timeline.start);
}
