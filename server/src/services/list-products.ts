import type { Prisma, PrismaClient } from '@retention/db';
import { literalLike } from '../lib/like-pattern.ts';
import { findPage } from './find-page.ts';

export interface ListProductsOptions {
  page: number;
  pageSize: number;
  q?: string | undefined;
  category?: string | undefined;
  tag?: string | undefined;
  sort: 'name' | '-name' | 'sku' | 'id';
}

const orderings: Record<ListProductsOptions['sort'], Prisma.ProductOrderByWithRelationInput[]> = {
  id: [{ id: 'asc' }],
  name: [{ name: 'asc' }, { id: 'asc' }],
  '-name': [{ name: 'desc' }, { id: 'asc' }],
  sku: [{ sku: 'asc' }],
};

/** Catalogue page with each product's price in force now. */
export async function listProducts(prisma: PrismaClient, o: ListProductsOptions, now = new Date()) {
  const where: Prisma.ProductWhereInput = {
    AND: [
      o.category ? { category: o.category } : {},
      o.tag ? { tags: { has: o.tag } } : {},
      o.q
        ? {
            OR: [
              { name: { contains: literalLike(o.q), mode: 'insensitive' } },
              { sku: { contains: literalLike(o.q), mode: 'insensitive' } },
            ],
          }
        : {},
    ],
  };
  const found = await findPage(
    o,
    () => prisma.product.count({ where }),
    (window) =>
      prisma.product.findMany({
        where,
        orderBy: orderings[o.sort],
        ...window,
        select: {
          id: true,
          sku: true,
          name: true,
          category: true,
          tags: true,
          prices: {
            where: { validFrom: { lte: now } },
            orderBy: { validFrom: 'desc' },
            take: 1,
            select: { price: true, validFrom: true },
          },
        },
      }),
  );
  return {
    ...found,
    items: found.items.map(({ prices, ...p }) => ({
      ...p,
      price: prices[0]?.price.toFixed(2) ?? null,
      priceSince: prices[0]?.validFrom ?? null,
    })),
  };
}
