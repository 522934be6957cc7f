// Personal assignments outside the campaign: a welcome discount for recent sign-ups (redeemed
// on some first orders) and a gift for the best customers.
import { applyPercentOff, basketTotal } from './baskets.ts';
import { type AssignmentPlan, assignmentCode, DELIVERY_ERRORS } from './offers.ts';
import type { OrderPlan, Shop } from './orders.ts';
import { Random } from './random.ts';
import { DAY } from './timeline.ts';

/** Recent sign-ups get the welcome code; about half of those who order within two weeks use it. */
export function planWelcome(
  shop: Shop,
  orders: OrderPlan[][],
  used: Set<string>,
): AssignmentPlan[] {
  const { timeline } = shop;
  const random = new Random(shop.seed, 'welcome');
  const out: AssignmentPlan[] = [];
  shop.customers.forEach((customer, c) => {
    if (customer.signupAt < timeline.now - 60 * DAY) return;
    const sent = random.chance(0.7);
    const sentAt = customer.signupAt + 60_000;
    const first = orders[c]![0];
    const usable =
      first &&
      first.status !== 'cancelled' &&
      first.placedAt > sentAt &&
      first.placedAt < sentAt + 14 * DAY;
    const redeem = sent && usable && random.chance(0.5) ? first : null;
    const code = assignmentCode(random, 'WELCOME10', used);
    let openedAt: number | null = null;
    if (redeem) {
      applyPercentOff(redeem.lines, 10);
      redeem.total = basketTotal(redeem.lines);
      redeem.promoCode = code;
      openedAt = sentAt + Math.round((redeem.placedAt - sentAt) * random.next());
    } else if (sent && random.chance(0.4)) {
      openedAt = sentAt + Math.round(random.exponential(DAY / 4));
      if (openedAt >= timeline.now) openedAt = null;
    }
    out.push({
      offer: 'WELCOME10',
      customer: c,
      inCampaign: false,
      code,
      assignedAt: customer.signupAt,
      deliveryState: sent ? 'sent' : 'no_telegram',
      deliveryError: sent ? null : DELIVERY_ERRORS.no_telegram,
      sentAt: sent ? sentAt : null,
      openedAt,
      redeemedAt: redeem ? redeem.placedAt : null,
      order: redeem,
    });
  });
  return out;
}

/** The top 2% of customers by revenue get the "vip" tag and a gift offer three weeks ago. */
export function planVipGifts(
  shop: Shop,
  orders: OrderPlan[][],
  used: Set<string>,
): AssignmentPlan[] {
  const { timeline, customers } = shop;
  const random = new Random(shop.seed, 'vip');
  const revenue = orders.map((list) =>
    list.reduce((sum, o) => sum + (o.status === 'completed' ? o.total : 0), 0),
  );
  const ranked = revenue
    .map((r, c) => [r, c] as const)
    .filter(([r]) => r > 0)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  const vips = ranked.slice(0, Math.max(1, Math.round(customers.length * 0.02))).map(([, c]) => c);
  const assignedAt = timeline.now - 21 * DAY + 10 * 3_600_000;
  return vips
    .sort((a, b) => a - b)
    .map((c) => {
      customers[c]!.tags.push('vip');
      const sent = random.chance(0.85);
      return {
        offer: 'GIFT-TOTE',
        customer: c,
        inCampaign: false,
        code: assignmentCode(random, 'GIFT', used),
        assignedAt,
        deliveryState: sent ? 'sent' : 'no_telegram',
        deliveryError: sent ? null : DELIVERY_ERRORS.no_telegram,
        sentAt: sent ? assignedAt + 5_000 : null,
        openedAt:
          sent && random.chance(0.6) ? assignedAt + Math.round(random.exponential(DAY / 2)) : null,
        redeemedAt: null,
        order: null,
      };
    });
}
