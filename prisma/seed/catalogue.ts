// Products and their price history. The day-by-day price table is the single truth: order lines
// read it, and the product_prices rows are its change points, so the two can never disagree.
import { CATEGORIES, PRICE_BANDS, type PriceBand } from './catalogue-data.ts';
import { Random } from './random.ts';
import type { Timeline } from './timeline.ts';

export interface ProductPlan {
  sku: string;
  name: string;
  category: number;
  band: PriceBand;
  tags: string[];
  basePrice: number; // cents
  popularity: number;
  /** A product often bought together with this one (co-purchase signal). */
  companion: number;
}

export interface PricePoint {
  product: number;
  validFrom: number;
  price: number; // cents
}

export interface Catalogue {
  products: ProductPlan[];
  prices: PricePoint[];
  /** Price in cents of product p on day d at [p * days + d]. */
  priceTable: Int32Array;
  days: number;
  /** Product indexes per category. */
  byCategory: number[][];
}

// Shelf prices end in 9 (4.99, 0.79): what a shop shows, and what a regression meets.
function charm(cents: number): number {
  if (cents >= 1000) return Math.max(99, Math.round(cents / 100) * 100 - 1);
  return Math.max(49, Math.round(cents / 10) * 10 - 1);
}

export function buildCatalogue(seed: number, timeline: Timeline): Catalogue {
  const random = new Random(seed, 'catalogue');
  const products: ProductPlan[] = [];
  const byCategory: number[][] = CATEGORIES.map(() => []);
  CATEGORIES.forEach((category, c) => {
    const [low, high] = category.priceRange;
    for (const name of category.products) {
      const position = random.next();
      const price = Math.exp(Math.log(low) + position * (Math.log(high) - Math.log(low)));
      const band = PRICE_BANDS[Math.min(2, Math.floor(position * 3))]!;
      const tags = random.shuffle(category.tags).slice(0, random.int(1, 2));
      byCategory[c]!.push(products.length);
      products.push({
        sku: `SKU-${String(products.length + 1).padStart(4, '0')}`,
        name,
        category: c,
        band,
        tags: [...tags, band],
        basePrice: charm(price * 100),
        popularity: random.gamma(2, 0.5),
        companion: 0,
      });
    }
  });
  products.forEach((product, p) => {
    const pool = random.chance(0.7) ? byCategory[product.category]! : random.pick(byCategory);
    const companion = random.pick(pool);
    product.companion = companion === p ? pool[(pool.indexOf(p) + 1) % pool.length]! : companion;
  });
  const { priceTable, prices } = priceHistory(random, products, timeline);
  return { products, prices, priceTable, days: timeline.days, byCategory };
}

function priceHistory(random: Random, products: ProductPlan[], timeline: Timeline) {
  const { days } = timeline;
  const priceTable = new Int32Array(products.length * days);
  const prices: PricePoint[] = [];
  products.forEach((product, p) => {
    const regular = new Float64Array(days).fill(product.basePrice);
    // Permanent changes, up (supplier costs) a little more often than down (a competitor's
    // price matched). Were they mostly up, price would trend with the shop's growth and a
    // naive log-log regression would mistake growth for positive elasticity.
    for (let k = random.int(1, 2); k > 0; k--) {
      const from = random.int(60, days - 30);
      const factor = random.chance(0.55) ? 1.04 + random.next() * 0.1 : 0.86 + random.next() * 0.1;
      for (let d = from; d < days; d++) regular[d] = regular[d]! * factor;
    }
    // Temporary promotions: the price drops for a few weeks and comes back.
    const promo = new Float64Array(days).fill(1);
    for (let k = random.int(2, 4); k > 0; k--) {
      const from = random.int(30, days - 10);
      const length = random.int(14, 35);
      const factor = 0.6 + random.next() * 0.25;
      for (let d = from; d < Math.min(days, from + length); d++) promo[d] = factor;
    }
    let previous = -1;
    for (let d = 0; d < days; d++) {
      const price = charm(regular[d]! * promo[d]!);
      priceTable[p * days + d] = price;
      if (price !== previous)
        prices.push({ product: p, validFrom: timeline.start + d * 86_400_000, price });
      previous = price;
    }
  });
  return { priceTable, prices };
}

export function priceOn(catalogue: Catalogue, product: number, day: number): number {
  const d = Math.min(Math.max(day, 0), catalogue.days - 1);
  return catalogue.priceTable[product * catalogue.days + d]!;
}
