import type { PrismaClient } from '@retention/db';
import { notFound } from '../errors.ts';
import { customerScope, customerSelect, orderStats, toCustomerSummary } from './list-customers.ts';
import type { Identity } from './resolve-identity.ts';

/**
 * One customer's card. Anything the viewer may not see (another client's record, a
 * customer outside a manager's region) is "not found", so ids cannot be probed.
 */
export async function getCustomer(prisma: PrismaClient, viewer: Identity, id: number) {
  const row = await prisma.customer.findFirst({
    where: { AND: [{ id }, customerScope(viewer)] },
    select: {
      ...customerSelect,
      attributes: true,
      contracts: {
        orderBy: { startAt: 'desc' },
        take: 20,
        select: { id: true, plan: true, startAt: true, endAt: true, monthlyAmount: true },
      },
      orders: {
        orderBy: { placedAt: 'desc' },
        take: 10,
        select: {
          id: true,
          externalId: true,
          placedAt: true,
          channel: true,
          status: true,
          total: true,
          _count: { select: { items: true } },
        },
      },
      scores: {
        orderBy: { scoredAt: 'desc' },
        take: 1,
        select: {
          segment: true,
          churnProbability: true,
          pAlive: true,
          expectedPurchases: true,
          clv: true,
          reasons: true,
          scoredAt: true,
        },
      },
    },
  });
  if (!row) throw notFound(`customer ${id}`);
  const { attributes, contracts, orders, scores, ...profile } = row;
  const stats = (await orderStats(prisma, [id])).get(id);
  const score = scores[0];
  return {
    ...toCustomerSummary(profile, stats),
    attributes: attributes as Record<string, unknown>,
    contracts: contracts.map((c) => ({ ...c, monthlyAmount: c.monthlyAmount.toFixed(2) })),
    recentOrders: orders.map(({ _count, total, ...o }) => ({
      ...o,
      total: total.toFixed(2),
      items: _count.items,
    })),
    score: score ? { ...score, clv: score.clv?.toFixed(2) ?? null } : null,
  };
}
