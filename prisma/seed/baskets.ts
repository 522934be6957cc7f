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

// Buyers substitute within a category, so a product's own-price elasticity comes out as
// exponent × (1 − its share of the category), and companion picks dilute it a little more;
// the steeper exponent makes the measured elasticity land near the category's stated value.
const SUBSTITUTION = 1.25;

function priceResponse(catalogue: Catalogue, product: number, day: number): number {
  const plan = catalogue.products[product]!;
  const ratio = priceOn(catalogue, product, day) / plan.basePrice;
  return ratio ** (CATEGORIES[plan.category]!.elasticity * SUBSTITUTION);
}

export function pickProduct(
  random: Random,
  catalogue: Catalogue,
  customer: CustomerPlan,
  day: number,
): number {
  const category = random.weighted(customer.categoryWeights);
  const candidates = catalogue.byCategory[category]!;
  const weights = candidates.map((p) => {
    const plan = catalogue.products[p]!;
    const taste = customer.bandTaste[PRICE_BANDS.indexOf(plan.band)]!;
    return plan.popularity * taste * priceResponse(catalogue, p, day);
  });
  return candidates[random.weighted(weights)]!;
}

function nextProduct(
  random: Random,
  catalogue: Catalogue,
  customer: CustomerPlan,
  day: number,
  lines: LinePlan[],
): number {
  if (lines.length > 0 && random.chance(0.35)) {
    const companion = catalogue.products[random.pick(lines).product]!.companion;
    if (random.chance(Math.min(1, priceResponse(catalogue, companion, day)))) return companion;
  }
  return pickProduct(random, catalogue, customer, day);
}

export function buildBasket(
  random: Random,
  catalogue: Catalogue,
  customer: CustomerPlan,
  day: number,
): LinePlan[] {
  const size = Math.min(5, 1 + random.poisson(1.1 * customer.spend));
  const lines: LinePlan[] = [];
  for (let attempt = 0; lines.length < size && attempt < size * 3; attempt++) {
    const product = nextProduct(random, catalogue, customer, day, lines);
    if (lines.some((line) => line.product === product)) continue;
    const units = CATEGORIES[catalogue.products[product]!.category]!.unitsPerLine;
    lines.push({
      product,
      quantity: Math.min(6, 1 + random.poisson((units - 1) * Math.sqrt(customer.spend) + 0.05)),
      unitPrice: priceOn(catalogue, product, day),
    });
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
