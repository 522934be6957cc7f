// The recommendations job: the model built on purchases up to 90 days before the as-of day is
// scored on what customers bought in those 90 days (precision@10, hit-rate@10) against plain
// popularity; then the model is rebuilt on everything up to the as-of day and stored.
import type { Database } from '@retention/db';
import { buildModel, evaluateRecs, type Item, type Purchase, type RecsModel } from '@retention/ml';
import { latestRun } from '../../analytics/latest-run.ts';
import { isoOf } from '../../analytics/periods.ts';
import { recordRun } from '../model-run.ts';
import { NotEnoughData } from '../not-enough-data.ts';

export interface RecsOptions {
  asOf: number;
  timeZone: string;
  onProgress?: (message: string) => void;
  onStart?: (modelRunId: number) => void;
}

const holdoutDays = 90;
const maxProducts = 5000;

export async function purchasesUpTo(
  db: Database,
  day: number,
  timeZone: string,
  customerId?: number,
) {
  const r = await db.query<{ c: number; p: number; last: number; times: number }>(
    `SELECT o.customer_id AS c, oi.product_id AS p,
            max((o.placed_at AT TIME ZONE $2)::date) - 'epoch'::date AS last,
            count(DISTINCT (o.placed_at AT TIME ZONE $2)::date)::int AS times
     FROM orders o JOIN order_items oi ON oi.order_id = o.id
     WHERE o.status = 'completed' AND oi.quantity > 0
       AND (o.placed_at AT TIME ZONE $2)::date <= $1::date
       ${customerId === undefined ? '' : 'AND o.customer_id = $3'}
     GROUP BY 1, 2 ORDER BY 1, 2`,
    customerId === undefined ? [isoOf(day), timeZone] : [isoOf(day), timeZone, customerId],
  );
  return r.rows.map(
    (x): Purchase => ({
      customerId: Number(x.c),
      productId: Number(x.p),
      lastDay: Number(x.last),
      times: Number(x.times),
    }),
  );
}

async function itemsAsOf(db: Database, day: number): Promise<Item[]> {
  const r = await db.query<{ id: number; category: string | null; tags: string[]; price: number }>(
    `SELECT p.id, p.category, p.tags,
            coalesce((SELECT pp.price FROM product_prices pp WHERE pp.product_id = p.id
                        AND pp.valid_from < $1::date + 1 ORDER BY pp.valid_from DESC LIMIT 1), 0)::float8 AS price
     FROM products p ORDER BY p.id`,
    [isoOf(day)],
  );
  return r.rows.map((x) => ({
    id: Number(x.id),
    category: x.category,
    tags: x.tags ?? [],
    price: Number(x.price),
  }));
}

export async function segmentsOfCustomers(db: Database): Promise<Map<number, string>> {
  const run = await latestRun(db.prisma, 'segments');
  if (!run) return new Map();
  const r = await db.query<{ c: number; s: string }>(
    'SELECT customer_id AS c, segment AS s FROM customer_scores WHERE model_run_id = $1 AND segment IS NOT NULL',
    [run.id],
  );
  return new Map(r.rows.map((x) => [Number(x.c), x.s]));
}

export async function trainRecs(db: Database, o: RecsOptions) {
  const say = o.onProgress ?? (() => {});
  const parameters = { holdoutDays, k: 10 };
  return recordRun(db, { kind: 'recs', asOf: o.asOf, parameters, onStart: o.onStart }, async () => {
    const items = await itemsAsOf(db, o.asOf);
    if (items.length > maxProducts) {
      throw new NotEnoughData('recsTooManyProducts', { max: maxProducts, count: items.length });
    }
    const all = await purchasesUpTo(db, o.asOf, o.timeZone);
    if (new Set(all.map((p) => p.customerId)).size < 20) {
      throw new NotEnoughData('recsTooFew', { asOf: isoOf(o.asOf) });
    }
    const segments = await segmentsOfCustomers(db);
    const cutoff = o.asOf - holdoutDays;
    const earlier = await purchasesUpTo(db, cutoff, o.timeZone);
    const after = all.filter((p) => p.lastDay > cutoff);
    const trial = buildModel(items, earlier, segments);
    const popularity: RecsModel = {
      ...trial,
      neighbours: trial.neighbours.map(() => []),
      popularBySegment: {},
    };
    const model = evaluateRecs(trial, earlier, after, cutoff, segments);
    const baseline = evaluateRecs(popularity, earlier, after, cutoff, segments);
    const f = (x: number | null) => (x === null ? 'n/a' : x.toFixed(4));
    say(
      `holdout ${holdoutDays} days, ${model.customers} customers: precision@10 ${f(model.precisionAt10)} vs popularity ${f(baseline.precisionAt10)}; hit-rate@10 ${f(model.hitRateAt10)} vs ${f(baseline.hitRateAt10)}`,
    );
    return {
      metrics: {
        holdout: { model, popularity: baseline },
        products: items.length,
        purchases: all.length,
      },
      artefact: buildModel(items, all, segments),
    };
  });
}
