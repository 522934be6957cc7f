// The newest price-elasticity run as the API shows it: each product with its own estimate or,
// when its data falls short of the minimum, its category's estimate as the fallback. Products
// and their prices are the business's, and the fit reads every order: the whole answer is
// business-wide for every viewer, a region-scoped manager too, and says so.
import { isoInstant } from '@retention/contracts';
import type { PrismaClient } from '@retention/db';
import type { ProductElasticity, Slope } from '@retention/ml';
import { latestRun } from '../../analytics/latest-run.ts';

interface Artefact {
  products: ProductElasticity[];
  categories: { category: string; products: number; estimate: Slope | null }[];
}

const out = (s: Slope | null) =>
  s === null
    ? null
    : { elasticity: s.slope, se: s.se, low: s.low, high: s.high, observations: s.n };

export async function readElasticity(prisma: PrismaClient, category?: string) {
  const run = await latestRun(prisma, 'elasticity');
  if (!run) {
    return {
      scope: 'business' as const,
      run: null,
      categories: [],
      products: [],
      message: 'No price-elasticity run yet: npm run train -- --only elasticity',
    };
  }
  const a = run.artefact as unknown as Artefact;
  const byCategory = new Map(a.categories.map((c) => [c.category, c]));
  const keep = <T extends { category: string | null }>(x: T) =>
    category === undefined || (x.category ?? '(none)') === category;
  return {
    scope: 'business' as const,
    run: { id: run.id, asOf: isoInstant(run.asOf).slice(0, 10) },
    categories: a.categories
      .filter((c) => category === undefined || c.category === category)
      .map((c) => ({ category: c.category, products: c.products, estimate: out(c.estimate) })),
    products: a.products.filter(keep).map((p) => ({
      productId: p.productId,
      sku: p.sku,
      name: p.name,
      category: p.category,
      priceSpells: p.spells,
      unitsSold: p.units,
      estimate: out(p.estimate),
      insufficient: p.insufficient,
      categoryEstimate: out(byCategory.get(p.category ?? '(none)')?.estimate ?? null),
    })),
    message: null,
  };
}
