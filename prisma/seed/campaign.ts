// One finished win-back campaign. "At risk" customers (two or more orders, the last one 60-240
// days before the start) are split into target and a 10% control group; the target group gets a
// 15% code. Some redemptions only relabel an order that would have happened anyway, some are
// extra orders that also bring a lapsed customer back — so uplift exists but is noisy.
import { applyPercentOff, basketTotal } from './baskets.ts';
import {
  type AssignmentPlan,
  assignmentCode,
  DELIVERY_ERRORS,
  type DeliveryStateName,
} from './offers.ts';
import { makeOrder, type OrderPlan, type Shop } from './orders.ts';
import { repeatPurchases } from './purchases.ts';
import { Random } from './random.ts';
import { atBusyHour, DAY, type Timeline } from './timeline.ts';

export const CONTROL_SHARE = 0.1;
const PERCENT_OFF = 15;
const DELIVERY: DeliveryStateName[] = ['sent', 'no_telegram', 'blocked', 'failed'];

export interface CampaignPlan {
  name: string;
  target: { rfmSegment: string };
  startAt: number;
  endAt: number;
  launchedAt: number;
  members: { customer: number; group: 'target' | 'control' }[];
  assignments: AssignmentPlan[];
}

export function campaignWindow(timeline: Timeline): { startAt: number; endAt: number } {
  const startAt = timeline.now - 100 * DAY;
  return { startAt, endAt: startAt + 30 * DAY };
}

function atRisk(orders: OrderPlan[][], startAt: number, minOrders: number, days: number[]) {
  const chosen: number[] = [];
  orders.forEach((list, c) => {
    const before = list.filter((o) => o.placedAt < startAt && o.status !== 'cancelled');
    const last = before.at(-1);
    if (!last || before.length < minOrders) return;
    const idle = (startAt - last.placedAt) / DAY;
    if (idle >= days[0]! && idle <= days[1]!) chosen.push(c);
  });
  return chosen;
}

export function planCampaign(shop: Shop, orders: OrderPlan[][], used: Set<string>): CampaignPlan {
  const random = new Random(shop.seed, 'campaign');
  const { startAt, endAt } = campaignWindow(shop.timeline);
  const launchedAt = startAt + 9 * 3_600_000;
  let eligible = atRisk(orders, startAt, 2, [60, 240]);
  // Tiny demo databases may have almost nobody at risk; widen the rule rather than skip it.
  if (eligible.length < 10) eligible = atRisk(orders, startAt, 1, [30, 400]);
  const controlSize =
    eligible.length < 2 ? 0 : Math.max(1, Math.round(eligible.length * CONTROL_SHARE));
  const control = new Set(random.shuffle(eligible).slice(0, controlSize));
  const members = eligible.map((customer) => ({
    customer,
    group: control.has(customer) ? ('control' as const) : ('target' as const),
  }));
  const assignments = eligible
    .filter((c) => !control.has(c))
    .map((c) => {
      const code = assignmentCode(random, 'COMEBACK15', used);
      const delivery = deliver(random, launchedAt, endAt);
      const order =
        delivery.openedAt === null
          ? null
          : redemption(random, shop, orders[c]!, c, delivery.openedAt, endAt);
      if (order) redeem(order, code);
      return {
        offer: 'COMEBACK15',
        customer: c,
        inCampaign: true,
        code,
        assignedAt: launchedAt,
        ...delivery,
        redeemedAt: order ? order.placedAt : null,
        order,
      };
    });
  const name = 'Win back at-risk customers';
  return {
    name,
    target: { rfmSegment: 'At risk' },
    startAt,
    endAt,
    launchedAt,
    members,
    assignments,
  };
}

function deliver(random: Random, launchedAt: number, endAt: number) {
  const deliveryState = DELIVERY[random.weighted([0.8, 0.1, 0.06, 0.04])]!;
  const sentAt =
    deliveryState === 'sent' ? launchedAt + Math.round(random.exponential(600_000)) : null;
  const openedAt =
    sentAt !== null && random.chance(0.5)
      ? Math.min(sentAt + Math.round(random.exponential(DAY)), endAt - 3_600_000)
      : null;
  return { deliveryState, deliveryError: DELIVERY_ERRORS[deliveryState], sentAt, openedAt };
}

/** The order the code is used on, if any; may add orders to the customer's list. */
function redemption(
  random: Random,
  shop: Shop,
  list: OrderPlan[],
  c: number,
  openedAt: number,
  endAt: number,
): OrderPlan | null {
  const natural = list.find(
    (o) => o.placedAt > openedAt && o.placedAt < endAt && o.status !== 'cancelled',
  );
  if (natural) return random.chance(0.6) ? natural : null;
  if (!random.chance(0.25)) return null;
  const at = atBusyHour(shop.timeline, random, openedAt + random.exponential(4 * DAY));
  if (at <= openedAt || at >= endAt) return null;
  const order = makeOrder(random, shop, c, at);
  list.push(order);
  const customer = shop.customers[c]!;
  // A lapsed customer won back starts a new life of purchases.
  if (customer.aliveUntil < at && random.chance(0.5)) {
    const comeback = repeatPurchases(random, shop.timeline, customer, at);
    list.push(...comeback.times.map((t) => makeOrder(random, shop, c, t)));
    customer.aliveUntil = comeback.aliveUntil;
  }
  list.sort((a, b) => a.placedAt - b.placedAt);
  return order;
}

function redeem(order: OrderPlan, code: string): void {
  applyPercentOff(order.lines, PERCENT_OFF);
  order.total = basketTotal(order.lines);
  order.promoCode = code;
  order.status = 'completed';
}
