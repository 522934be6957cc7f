// A client's loyalty status: a tier by what they spent on completed orders in the last
// 365 days, with what it takes to reach the next one. Tiers come from LOYALTY_TIERS.
import type { PrismaClient } from '@retention/db';
import type { LoyaltyTier } from '../config.ts';

export const loyaltyWindowDays = 365;

/** The tier for a spend and the gap to the next one; `tiers` ascending, the first from 0. */
export function loyaltyStatus(spend: number, tiers: readonly LoyaltyTier[]) {
  let index = 0;
  tiers.forEach((t, i) => {
    if (spend >= t.from) index = i;
  });
  const next = tiers[index + 1];
  return {
    tier: tiers[index]?.name ?? '',
    spend: spend.toFixed(2),
    windowDays: loyaltyWindowDays,
    next: next
      ? { tier: next.name, from: next.from, remaining: (next.from - spend).toFixed(2) }
      : null,
  };
}

export type LoyaltyStatus = ReturnType<typeof loyaltyStatus>;

/** Completed orders' total in the `loyaltyWindowDays` up to `now`. */
export async function recentSpend(prisma: PrismaClient, customerId: number, now = new Date()) {
  const since = new Date(now.getTime() - loyaltyWindowDays * 86_400_000);
  const sum = await prisma.order.aggregate({
    where: { customerId, status: 'completed', placedAt: { gt: since, lte: now } },
    _sum: { total: true },
  });
  return Number(sum._sum.total ?? 0);
}
