// What goes into an order. Three signals are planted on purpose: personal category taste
// (segments), companion products bought together (item-item recommendations), and demand that
// falls as the price rises by the category's elasticity (price-elasticity regression).

import { type Catalogue, priceOn } from './catalogue.ts';
import { CATEGORIES, PRICE_BANDS } from './catalogue-data.ts';
import type { CustomerPlan } from './customers.ts';
import type { Random } from './random.ts';

export interface LinePlan {
  product: number;
  quantity: number;
  unitPrice: number; // cents
}

// Demand answers price through the units bought: a product the customer looks at is bought in
// Poisson-many units with a mean proportional to (price / base price) ^ elasticity, none meaning
// "looked and passed". Which products are looked at does not depend on price, and each is looked
// at once per basket, so expected units per order have exactly the category's elasticity (a
// choice among products by price would saturate: a deep promotion can only take a product's
// share so far, and the measured elasticity would come out flatter than the one stated).
function priceResponse(catalogue: Catalogue, product: number, day: number): number {
  const plan = catalogue.products[product]!;
  const ratio = priceOn(catalogue, product, day) / plan.basePrice;
  return ratio ** CATEGORIES[plan.category]!.elasticity;
}

/** A product the customer looks at: a category by taste, then a product by popularity and price band. */
export function pickProduct(random: Random, catalogue: Catalogue, customer: CustomerPlan): number {
  const category = random.weighted(customer.categoryWeights);
  const candidates = catalogue.byCategory[category]!;
  const weights = candidates.map((p) => {
    const plan = catalogue.products[p]!;
    return plan.popularity * customer.bandTaste[PRICE_BANDS.indexOf(plan.band)]!;
  });
  return candidates[random.weighted(weights)]!;
}

function nextProduct(
  random: Random,
  catalogue: Catalogue,
  customer: CustomerPlan,
  lines: LinePlan[],
): number {
  if (lines.length > 0 && random.chance(0.35)) {
    return catalogue.products[random.pick(lines).product]!.companion;
  }
  return pickProduct(random, catalogue, customer);
}

export function buildBasket(
  random: Random,
  catalogue: Catalogue,
  customer: CustomerPlan,
  day: number,
): LinePlan[] {
  const size = Math.min(5, 1 + random.poisson(1.1 * customer.spend));
  const lines: LinePlan[] = [];
  const looked = new Set<number>();
  // An order has at least one line: while the basket is empty the customer keeps looking.
  for (
    let attempt = 0;
    lines.length < size && (attempt < size * 3 || (lines.length === 0 && attempt < 60));
    attempt++
  ) {
    const product = nextProduct(random, catalogue, customer, lines);
    if (looked.has(product)) continue;
    looked.add(product);
    const units = CATEGORIES[catalogue.products[product]!.category]!.unitsPerLine;
    const mean =
      (1 + (units - 1) * Math.sqrt(customer.spend) + 0.05) * priceResponse(catalogue, product, day);
    const quantity = Math.min(20, random.poisson(mean));
    if (quantity === 0) continue;
    lines.push({ product, quantity, unitPrice: priceOn(catalogue, product, day) });
  }
  if (lines.length === 0) {
    // Passed on everything it looked at (rare): it buys one unit of the first.
    const product = [...looked][0] ?? pickProduct(random, catalogue, customer);
    lines.push({ product, quantity: 1, unitPrice: priceOn(catalogue, product, day) });
  }
  // An exact-size copy: a pushed-to array keeps room for 16, which a million orders notice.
  return lines.slice();
}

export function basketTotal(lines: LinePlan[]): number {
  return lines.reduce((sum, line) => sum + line.quantity * line.unitPrice, 0);
}

/** A promo-code order: unit prices carry the discount so the total still equals its lines. */
export function applyPercentOff(lines: LinePlan[], percent: number): void {
  for (const line of lines) line.unitPrice = Math.round((line.unitPrice * (100 - percent)) / 100);
}
