import type { Prisma, PrismaClient } from '@retention/db';
import type { Identity } from '../auth/identity.ts';
import { customerScope } from '../auth/scope.ts';
import { literalLike } from '../lib/like-pattern.ts';
import { findPage } from './find-page.ts';

export interface ListCustomersOptions {
  page: number;
  pageSize: number;
  q?: string | undefined;
  region?: string | undefined;
  channel?: string | undefined;
  tag?: string | undefined;
  sort: 'id' | '-id' | 'name' | '-name' | 'signupAt' | '-signupAt';
}

const orderings: Record<ListCustomersOptions['sort'], Prisma.CustomerOrderByWithRelationInput[]> = {
  id: [{ id: 'asc' }],
  '-id': [{ id: 'desc' }],
  name: [{ name: 'asc' }, { id: 'asc' }],
  '-name': [{ name: 'desc' }, { id: 'asc' }],
  signupAt: [{ signupAt: 'asc' }, { id: 'asc' }],
  '-signupAt': [{ signupAt: 'desc' }, { id: 'asc' }],
};

/** A query shaped like a phone number (5+ digits, phone punctuation only) also searches phones. */
function phoneSearch(q: string): Prisma.CustomerWhereInput[] {
  const digits = q.replace(/\D/g, '');
  return /^[\d\s()+-]+$/.test(q) && digits.length >= 5 ? [{ phone: { contains: digits } }] : [];
}

export async function listCustomers(
  prisma: PrismaClient,
  viewer: Identity,
  o: ListCustomersOptions,
) {
  const search: Prisma.CustomerWhereInput | undefined = o.q
    ? {
        OR: [
          { name: { contains: literalLike(o.q), mode: 'insensitive' } },
          { email: { contains: literalLike(o.q), mode: 'insensitive' } },
          ...phoneSearch(o.q),
          { externalId: { equals: o.q } },
          ...(/^\d{1,9}$/.test(o.q) ? [{ id: Number(o.q) }] : []),
        ],
      }
    : undefined;
  const where: Prisma.CustomerWhereInput = {
    AND: [
      customerScope(viewer),
      o.region ? { region: o.region } : {},
      o.channel ? { acquisitionChannel: o.channel } : {},
      o.tag ? { tags: { has: o.tag } } : {},
      search ?? {},
    ],
  };
  const found = await findPage(
    o,
    () => prisma.customer.count({ where }),
    (window) =>
      prisma.customer.findMany({
        where,
        orderBy: orderings[o.sort],
        ...window,
        select: customerSelect,
      }),
  );
  const stats = await orderStats(
    prisma,
    found.items.map((r) => r.id),
  );
  return { ...found, items: found.items.map((r) => toCustomerSummary(r, stats.get(r.id))) };
}

export const customerSelect = {
  id: true,
  externalId: true,
  name: true,
  email: true,
  phone: true,
  region: true,
  acquisitionChannel: true,
  signupAt: true,
  tags: true,
  telegramUserId: true,
} satisfies Prisma.CustomerSelect;

type CustomerRow = Prisma.CustomerGetPayload<{ select: typeof customerSelect }>;

export interface OrderStats {
  orders: number;
  revenue: string;
  firstOrderAt: Date | null;
  lastOrderAt: Date | null;
}

/** Completed orders, revenue and first/last order per customer, in one aggregate query. */
export async function orderStats(prisma: PrismaClient, ids: number[]) {
  const grouped = await prisma.order.groupBy({
    by: ['customerId'],
    where: { customerId: { in: ids }, status: 'completed' },
    _count: { _all: true },
    _sum: { total: true },
    _min: { placedAt: true },
    _max: { placedAt: true },
  });
  return new Map<number, OrderStats>(
    grouped.map((g) => [
      g.customerId,
      {
        orders: g._count._all,
        revenue: (g._sum.total ?? 0).toFixed(2),
        firstOrderAt: g._min.placedAt,
        lastOrderAt: g._max.placedAt,
      },
    ]),
  );
}

const noStats: OrderStats = { orders: 0, revenue: '0.00', firstOrderAt: null, lastOrderAt: null };

export function toCustomerSummary(row: CustomerRow, stats: OrderStats = noStats) {
  const { telegramUserId, ...rest } = row;
  return { ...rest, telegramLinked: telegramUserId !== null, stats };
}
