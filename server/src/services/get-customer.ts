import type { PrismaClient } from '@retention/db';
import { notFound } from '../errors.ts';
import { customerScope, customerSelect, orderStats, toCustomerSummary } from './list-customers.ts';
import type { Identity } from './resolve-identity.ts';

const scoreSelect = {
  segment: true,
  churnProbability: true,
  pAlive: true,
  expectedPurchases: true,
  clv: true,
  reasons: true,
  scoredAt: true,
  modelRun: { select: { kind: true } },
} as const;

/**
 * One customer's card. Anything the viewer may not see (another client's record, a
 * customer outside a manager's region) is "not found", so ids cannot be probed. Clients
 * get their own record without the business's internal view of them (scores, tags,
 * attributes).
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
    },
  });
  if (!row) throw notFound(`customer ${id}`);
  const { attributes, contracts, orders, ...profile } = row;
  const stats = (await orderStats(prisma, [id])).get(id);
  const card = {
    ...toCustomerSummary(profile, stats),
    contracts: contracts.map((c) => ({ ...c, monthlyAmount: c.monthlyAmount.toFixed(2) })),
    recentOrders: orders.map(({ _count, total, ...o }) => ({
      ...o,
      total: total.toFixed(2),
      items: _count.items,
    })),
  };
  if (viewer.role === 'client') {
    const { tags: _internal, ...own } = card;
    return own;
  }
  return {
    ...card,
    attributes: attributes as Record<string, unknown>,
    score: await latestScore(prisma, id),
  };
}

/**
 * Each model kind scores its own fields (segments, churn, CLV...): take, field by field,
 * the newest value from a run that succeeded.
 */
async function latestScore(prisma: PrismaClient, customerId: number) {
  const rows = await prisma.customerScore.findMany({
    where: { customerId, modelRun: { status: 'succeeded' } },
    orderBy: { scoredAt: 'desc' },
    take: 20,
    select: scoreSelect,
  });
  if (rows.length === 0) return null;
  const first = <K extends keyof (typeof rows)[number]>(key: K) =>
    rows.find((r) => r[key] !== null)?.[key] ?? null;
  const clv = first('clv');
  return {
    segment: first('segment'),
    churnProbability: first('churnProbability'),
    pAlive: first('pAlive'),
    expectedPurchases: first('expectedPurchases'),
    clv: clv === null ? null : clv.toFixed(2),
    reasons: first('reasons'),
    scoredAt: rows[0]!.scoredAt,
  };
}
