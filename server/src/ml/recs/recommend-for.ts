// Recommendations for one customer from the newest recommendations run, with product names
// and prices, for the API.
import { isoInstant } from '@retention/contracts';
import type { Database } from '@retention/db';
import { type RecsModel, recommend } from '@retention/ml';
import { latestRun } from '../../analytics/latest-run.ts';
import type { Identity } from '../../auth/identity.ts';
import { customerScope } from '../../auth/scope.ts';
import { notFound } from '../../errors.ts';
import { purchasesUpTo, segmentsOfCustomers } from './train-recs.ts';

/** `on`: the business's today (analytics/clock.ts) and its time zone. */
export async function recommendFor(
  db: Database,
  viewer: Identity,
  customerId: number,
  on: { today: number; timeZone: string },
) {
  const { today, timeZone } = on;
  const visible = await db.prisma.customer.findFirst({
    where: { AND: [{ id: customerId }, customerScope(viewer)] },
    select: { id: true },
  });
  if (!visible) throw notFound('customer', customerId);
  const run = await latestRun(db.prisma, 'recs');
  if (!run) {
    return {
      customerId,
      run: null,
      items: [],
      message: 'No recommendations run yet: npm run train -- --only recs',
    };
  }
  const history = new Map(
    (await purchasesUpTo(db, today, timeZone, customerId)).map((p) => [p.productId, p.lastDay]),
  );
  const segment = (await segmentsOfCustomers(db)).get(customerId);
  const recs = recommend(run.artefact as unknown as RecsModel, history, segment, today);
  const products = await db.prisma.product.findMany({
    where: { id: { in: recs.map((r) => r.productId) } },
    select: { id: true, sku: true, name: true, category: true },
  });
  const byId = new Map(products.map((p) => [p.id, p]));
  return {
    customerId,
    run: { id: run.id, asOf: isoInstant(run.asOf).slice(0, 10) },
    items: recs
      .filter((r) => byId.has(r.productId))
      .map((r) => ({
        ...(byId.get(r.productId) as {
          id: number;
          sku: string;
          name: string;
          category: string | null;
        }),
        score: r.score,
        basis: r.basis,
        becauseProductId: r.because,
      })),
    message: null,
  };
}
