// Subscriptions for about one customer in seven. A plan change ends the old contract and starts
// the new one the same moment, which is what gives NRR its expansion and contraction.
import type { Shop } from './orders.ts';
import { Random } from './random.ts';
import { DAY, type Timeline } from './timeline.ts';

export const PLANS = [
  { name: 'Basic', cents: 990, cancel: 0.045 },
  { name: 'Plus', cents: 1990, cancel: 0.035 },
  { name: 'Pro', cents: 3990, cancel: 0.025 },
];
const MONTH = 30.44 * DAY;

export interface ContractPlan {
  externalId: string;
  customer: number;
  plan: string;
  startAt: number;
  endAt: number | null;
  monthlyAmount: number; // cents
}

function subscriptionHistory(
  random: Random,
  timeline: Timeline,
  customer: number,
  startAt: number,
) {
  const contracts: Omit<ContractPlan, 'externalId'>[] = [];
  let tier = random.weighted([0.5, 0.35, 0.15]);
  let since = startAt;
  for (let renewal = startAt + MONTH; renewal < timeline.now; renewal += MONTH) {
    const u = random.next();
    const plan = PLANS[tier]!;
    const upgrade = tier < 2 ? 0.015 : 0;
    const downgrade = tier > 0 ? 0.01 : 0;
    if (u >= plan.cancel + upgrade + downgrade) continue;
    const at = Math.round(renewal);
    contracts.push({
      customer,
      plan: plan.name,
      startAt: since,
      endAt: at,
      monthlyAmount: plan.cents,
    });
    if (u < plan.cancel) return contracts;
    tier += u < plan.cancel + upgrade ? 1 : -1;
    since = at;
  }
  const plan = PLANS[tier]!;
  contracts.push({
    customer,
    plan: plan.name,
    startAt: since,
    endAt: null,
    monthlyAmount: plan.cents,
  });
  return contracts;
}

export function planContracts(shop: Shop): ContractPlan[] {
  const { timeline } = shop;
  const all: Omit<ContractPlan, 'externalId'>[] = [];
  shop.customers.forEach((customer, c) => {
    const random = new Random(shop.seed, 'contracts', c);
    if (!random.chance(0.15)) return;
    const delay = random.chance(0.5) ? random.exponential(3_600_000) : random.exponential(90 * DAY);
    const startAt = Math.round(customer.signupAt + delay);
    if (startAt >= timeline.now) return;
    const history = subscriptionHistory(random, timeline, c, startAt);
    if (history.at(-1)?.endAt === null) customer.tags.push('subscriber');
    all.push(...history);
  });
  return all.map((contract, i) => ({
    ...contract,
    externalId: `K${String(i + 1).padStart(6, '0')}`,
  }));
}
