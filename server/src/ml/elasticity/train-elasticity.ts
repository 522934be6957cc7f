// The price-elasticity job: each spell of a constant price of a product, with the units sold
// and the shop's orders in it, read as of a day; @retention/ml's estimateElasticity fits them.
import type { Database } from '@retention/db';
import { elasticityMinimum, estimateElasticity, type SpellRow } from '@retention/ml';
import { isoOf } from '../../analytics/periods.ts';
import { recordRun } from '../model-run.ts';
import { NotEnoughData } from '../not-enough-data.ts';

export interface ElasticityOptions {
  asOf: number;
  timeZone: string;
  onProgress?: (message: string) => void;
  onStart?: (modelRunId: number) => void;
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

export async function trainElasticity(db: Database, o: ElasticityOptions) {
  const say = o.onProgress ?? (() => {});
  const parameters = { minimum: elasticityMinimum, unit: 'price spell' };
  return recordRun(
    db,
    { kind: 'elasticity', asOf: o.asOf, parameters, onStart: o.onStart },
    async () => {
      const rows = await spellsOf(db, o.asOf, o.timeZone);
      if (rows.length === 0) throw new NotEnoughData('noPrices', { asOf: isoOf(o.asOf) });
      const result = estimateElasticity(rows);
      const own = result.products.filter((p) => p.estimate).length;
      say(
        `${result.products.length} products: ${own} with their own estimate; ${result.categories.length} categories`,
      );
      return { metrics: { products: result.products.length, ownEstimates: own }, artefact: result };
    },
  );
}
