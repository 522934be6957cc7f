import type { ModelKind } from '@retention/contracts';
import type { PrismaClient } from '@retention/db';
import type { Reason as ChurnReason } from '@retention/ml';
import { latestRun } from '../analytics/latest-run.ts';
import type { Identity } from '../auth/identity.ts';
import { customerScope } from '../auth/scope.ts';
import type { LoyaltyTier } from '../config.ts';
import { notFound } from '../errors.ts';
import { customerJournal } from './customer-changes.ts';
import { customerSelect, orderStats, toCustomerSummary } from './list-customers.ts';
import { loyaltyStatus, recentSpend } from './loyalty.ts';

const scoreSelect = {
  segment: true,
  churnProbability: true,
  pAlive: true,
  expectedPurchases: true,
  clv: true,
  reasons: true,
  details: true,
  scoredAt: true,
  modelRun: { select: { kind: true } },
} as const;

const scoringKinds: ModelKind[] = ['segments', 'churn', 'clv'];

/**
 * One customer's card. Anything the viewer may not see (another client's record, a
 * customer outside a manager's region) is "not found", so ids cannot be probed. Clients
 * get their own record without the business's internal view of them (scores, tags,
 * attributes).
 */
export async function getCustomer(
  prisma: PrismaClient,
  viewer: Identity,
  id: number,
  options: { loyaltyTiers: readonly LoyaltyTier[]; now?: Date },
) {
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
  if (!row) throw notFound('customer', id);
  const { attributes, contracts, orders, ...profile } = row;
  const stats = (await orderStats(prisma, [id])).get(id);
  const spend = await recentSpend(prisma, id, options.now);
  const card = {
    ...toCustomerSummary(profile, stats),
    contracts: contracts.map((c) => ({ ...c, monthlyAmount: c.monthlyAmount.toFixed(2) })),
    recentOrders: orders.map(({ _count, total, ...o }) => ({
      ...o,
      total: total.toFixed(2),
      items: _count.items,
    })),
    loyalty: loyaltyStatus(spend, options.loyaltyTiers),
  };
  if (viewer.role === 'client') {
    const { tags: _internal, ...own } = card;
    return own;
  }
  return {
    ...card,
    attributes: attributes as Record<string, unknown>,
    score: await latestScore(prisma, id),
    ...(await customerJournal(prisma, id)),
  };
}

/**
 * The customer's scores in the newest successful run of each scoring model (segments, churn,
 * CLV). A customer the newest churn run did not score (not active on its day) has no churn
 * probability, rather than an old one.
 */
async function latestScore(prisma: PrismaClient, customerId: number) {
  const runs = (await Promise.all(scoringKinds.map((kind) => latestRun(prisma, kind)))).flatMap(
    (r) => (r ? [r.id] : []),
  );
  if (runs.length === 0) return null;
  const rows = await prisma.customerScore.findMany({
    where: { customerId, modelRunId: { in: runs } },
    orderBy: { scoredAt: 'desc' },
    select: scoreSelect,
  });
  if (rows.length === 0) return null;
  const of = (kind: ModelKind) => rows.find((r) => r.modelRun.kind === kind) ?? null;
  const churn = of('churn');
  const clv = of('clv');
  const clvDetails = (clv?.details ?? {}) as Record<string, number | undefined>;
  const probability = churn?.churnProbability ?? null;
  const value = clv?.clv ?? null;
  const segment = of('segments');
  const unusual = (segment?.details ?? null) as {
    outlier?: boolean;
    unusual?: string;
    z?: number;
  } | null;
  return {
    segment: segment?.segment ?? null,
    outlier: unusual?.outlier ? { unusual: unusual.unusual ?? '', z: unusual.z ?? 0 } : null,
    churnProbability: probability,
    atRisk: churn ? (churn.details as { atRisk?: boolean } | null)?.atRisk === true : null,
    reasons: (churn?.reasons ?? []) as unknown as ChurnReason[],
    pAlive: clv?.pAlive ?? null,
    expectedPurchases: clv?.expectedPurchases ?? null,
    expectedPurchases365: clvDetails.expectedPurchases365 ?? null,
    expectedOrderValue: clvDetails.expectedOrderValue?.toFixed(2) ?? null,
    clv: value === null ? null : value.toFixed(2),
    valueAtRisk:
      value === null || probability === null ? null : (Number(value) * probability).toFixed(2),
    scoredAt: rows[0]!.scoredAt,
  };
}
