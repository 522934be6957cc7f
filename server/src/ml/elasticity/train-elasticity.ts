// Price elasticity: log-log regression of quantity on price. Each spell of a constant price
// of a product is one observation: units sold per shop order in the spell (dividing by shop
// orders removes growth and seasonality) against the price. Per product when it has the data;
// per category (product fixed effects) for all, and as the fallback of products without.
import type { Database } from '@retention/db';
import { isoOf } from '../../analytics/periods.ts';
import { recordRun } from '../model-run.ts';
import { olsSlope, type Slope } from './regression.ts';

export interface ElasticityOptions {
  asOf: number;
  timeZone: string;
  onProgress?: (message: string) => void;
  onStart?: (modelRunId: number) => void;
}

/** Minimum-data rule for a product's own estimate. */
export const minimum = { spells: 4, prices: 3, units: 30 };

interface SpellRow {
  product_id: number;
  sku: string;
  name: string;
  category: string | null;
  price: number;
  units: number;
  shop_orders: number;
}

export interface ProductElasticity {
  productId: number;
  sku: string;
  name: string;
  category: string | null;
  spells: number;
  units: number;
  estimate: Slope | null;
  /** Why there is no own estimate. */
  insufficient: string | null;
}

async function spellsOf(db: Database, asOf: number, timeZone: string): Promise<SpellRow[]> {
  const r = await db.query<SpellRow>(
    `WITH spells AS (
       SELECT pp.product_id, pp.price, (pp.valid_from AT TIME ZONE $2)::date AS start_day,
              coalesce(lead((pp.valid_from AT TIME ZONE $2)::date)
                OVER (PARTITION BY pp.product_id ORDER BY pp.valid_from), $1::date + 1) AS end_day
       FROM product_prices pp WHERE (pp.valid_from AT TIME ZONE $2)::date <= $1::date
     ),
     sold AS (
       SELECT oi.product_id, (o.placed_at AT TIME ZONE $2)::date AS day, sum(oi.quantity) AS q
       FROM order_items oi JOIN orders o ON o.id = oi.order_id
       WHERE o.status = 'completed' AND oi.quantity > 0
         AND (o.placed_at AT TIME ZONE $2)::date <= $1::date
       GROUP BY 1, 2
     ),
     traffic AS (
       SELECT day, sum(orders) AS n FROM analytics_customer_days WHERE day <= $1::date GROUP BY day
     ),
     spell_units AS (
       SELECT s.product_id, s.start_day, coalesce(sum(sold.q), 0) AS units
       FROM spells s LEFT JOIN sold ON sold.product_id = s.product_id
         AND sold.day >= s.start_day AND sold.day < s.end_day
       GROUP BY 1, 2
     ),
     spell_traffic AS (
       SELECT s.product_id, s.start_day, coalesce(sum(traffic.n), 0) AS shop_orders
       FROM spells s LEFT JOIN traffic ON traffic.day >= s.start_day AND traffic.day < s.end_day
       GROUP BY 1, 2
     )
     SELECT s.product_id, p.sku, p.name, p.category, s.price::float8 AS price,
            u.units::float8 AS units, t.shop_orders::float8 AS shop_orders
     FROM spells s JOIN products p ON p.id = s.product_id
     JOIN spell_units u USING (product_id, start_day)
     JOIN spell_traffic t USING (product_id, start_day)
     WHERE s.end_day > s.start_day
     ORDER BY s.product_id, s.start_day`,
    [isoOf(asOf), timeZone],
  );
  return r.rows;
}

export function estimate(rows: SpellRow[]) {
  const usable = rows.filter((r) => r.units > 0 && r.shop_orders > 0 && r.price > 0);
  const byProduct = new Map<number, SpellRow[]>();
  for (const r of rows) byProduct.set(r.product_id, [...(byProduct.get(r.product_id) ?? []), r]);
  const products: ProductElasticity[] = [...byProduct.values()].map((spells) => {
    const first = spells[0] as SpellRow;
    const used = spells.filter((r) => r.units > 0 && r.shop_orders > 0 && r.price > 0);
    const units = spells.reduce((a, r) => a + r.units, 0);
    const prices = new Set(used.map((r) => r.price)).size;
    const reasons = [
      used.length < minimum.spells
        ? `${used.length} price spells with sales (needs ${minimum.spells})`
        : '',
      prices < minimum.prices ? `${prices} distinct prices (needs ${minimum.prices})` : '',
      units < minimum.units ? `${units} units sold (needs ${minimum.units})` : '',
    ].filter(Boolean);
    const fit =
      reasons.length === 0
        ? olsSlope(
            used.map((r) => Math.log(r.price)),
            used.map((r) => Math.log(r.units / r.shop_orders)),
          )
        : null;
    return {
      productId: first.product_id,
      sku: first.sku,
      name: first.name,
      category: first.category,
      spells: used.length,
      units,
      estimate: fit,
      insufficient: reasons.length ? reasons.join('; ') : fit ? null : 'no variation in price',
    };
  });
  const categories = [...new Set(usable.map((r) => r.category ?? '(none)'))]
    .sort()
    .map((category) => {
      const rows = usable.filter((r) => (r.category ?? '(none)') === category);
      return {
        category,
        products: new Set(rows.map((r) => r.product_id)).size,
        estimate: olsSlope(
          rows.map((r) => Math.log(r.price)),
          rows.map((r) => Math.log(r.units / r.shop_orders)),
          rows.map((r) => r.product_id),
        ),
      };
    });
  return { products, categories };
}

export async function trainElasticity(db: Database, o: ElasticityOptions) {
  const say = o.onProgress ?? (() => {});
  const parameters = { minimum, unit: 'price spell' };
  return recordRun(
    db,
    { kind: 'elasticity', asOf: o.asOf, parameters, onStart: o.onStart },
    async () => {
      const rows = await spellsOf(db, o.asOf, o.timeZone);
      if (rows.length === 0)
        throw new Error(`no product prices up to ${isoOf(o.asOf)}: nothing to estimate`);
      const result = estimate(rows);
      const own = result.products.filter((p) => p.estimate).length;
      say(
        `${result.products.length} products: ${own} with their own estimate; ${result.categories.length} categories`,
      );
      return { metrics: { products: result.products.length, ownEstimates: own }, artefact: result };
    },
  );
}
