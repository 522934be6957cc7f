// Price elasticity: log-log regression of quantity on price. Each spell of a constant price
// of a product is one observation: units sold per shop order in the spell (dividing by shop
// orders removes growth and seasonality) against the price. Per product when it has the data;
// per category (product fixed effects) for all, and as the fallback of products without.
import { olsSlope, type Slope } from './regression.ts';

/** Minimum-data rule for a product's own estimate. */
export const minimum = { spells: 4, prices: 3, units: 30 };

/** One spell of a constant price of a product, as the server's query returns it. */
export interface SpellRow {
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
