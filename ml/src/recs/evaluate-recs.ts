// Scoring a recommendations model on a time split: what it recommends from the purchases up
// to the cutoff against what customers bought after it.
import { type Purchase, type RecsModel, recommend } from './model.ts';

function historyOf(purchases: Purchase[]) {
  const byCustomer = new Map<number, Map<number, number>>();
  for (const p of purchases) {
    const h = byCustomer.get(p.customerId) ?? new Map<number, number>();
    h.set(p.productId, p.lastDay);
    byCustomer.set(p.customerId, h);
  }
  return byCustomer;
}

/** precision@10 and hit-rate@10 of `model` on what customers bought after `cutoff`. */
export function evaluateRecs(
  model: RecsModel,
  before: Purchase[],
  after: Purchase[],
  cutoff: number,
  segments: Map<number, string>,
) {
  const history = historyOf(before);
  const bought = new Map<number, Set<number>>();
  for (const p of after) {
    if (!history.has(p.customerId)) continue;
    bought.set(p.customerId, (bought.get(p.customerId) ?? new Set()).add(p.productId));
  }
  let hits = 0;
  let hitCustomers = 0;
  for (const [customer, items] of bought) {
    const recs = recommend(
      model,
      history.get(customer) ?? new Map(),
      segments.get(customer),
      cutoff,
    );
    const found = recs.filter((r) => items.has(r.productId)).length;
    hits += found;
    if (found > 0) hitCustomers++;
  }
  const customers = bought.size;
  return {
    customers,
    precisionAt10: customers ? hits / (customers * 10) : null,
    hitRateAt10: customers ? hitCustomers / customers : null,
  };
}
