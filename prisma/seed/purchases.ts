// When a customer buys: the BG/NBD process with the shop's seasonality laid over it.
// While alive a customer buys at rate λ × demand(day) (a thinned Poisson process); after
// every purchase they drop out for good with probability p.
import type { CustomerPlan } from './customers.ts';
import type { Random } from './random.ts';
import { atBusyHour, demandAt, type Timeline } from './timeline.ts';

export interface PurchaseTimes {
  times: number[];
  /** The moment the customer stopped being a customer (the end of history if they did not). */
  aliveUntil: number;
}

/** Repeat purchases after a purchase at `after`, until dropout or the end of the history. */
export function repeatPurchases(
  random: Random,
  timeline: Timeline,
  customer: CustomerPlan,
  after: number,
): PurchaseTimes {
  const times: number[] = [];
  let last = after;
  const peakRate = customer.purchaseRate * timeline.maxDemand;
  for (;;) {
    if (random.chance(customer.dropout)) return { times, aliveUntil: last };
    let t = last;
    do t += random.exponential(86_400_000 / peakRate);
    while (t < timeline.now && !random.chance(demandAt(timeline, t) / timeline.maxDemand));
    if (t >= timeline.now) return { times, aliveUntil: timeline.now };
    let placed = atBusyHour(timeline, random, t);
    if (placed <= last) {
      placed = Math.min(
        Math.round(last + 60_000 + random.exponential(3_600_000)),
        timeline.now - 1000,
      );
    }
    if (placed <= last) return { times, aliveUntil: timeline.now };
    times.push(placed);
    last = placed;
  }
}

/** The first purchase (often right after signing up) followed by the repeat purchases. */
export function purchaseTimes(
  random: Random,
  timeline: Timeline,
  customer: CustomerPlan,
): PurchaseTimes {
  if (customer.neverBuys) {
    return {
      times: [],
      aliveUntil: Math.min(timeline.now, customer.signupAt + random.exponential(20 * 86_400_000)),
    };
  }
  const delay = random.chance(0.55)
    ? random.exponential(2 * 3_600_000)
    : random.exponential(18 * 86_400_000);
  const first = Math.round(customer.signupAt + delay);
  if (first >= timeline.now) return { times: [], aliveUntil: timeline.now };
  const repeat = repeatPurchases(random, timeline, customer, first);
  return { times: [first, ...repeat.times], aliveUntil: repeat.aliveUntil };
}
