// Item-item recommendations: co-purchase similarity (cosine over buyers) blended with content
// similarity (category, tags, price band); what a customer bought recently is left out unless
// the item is bought again and again; customers with no purchases get what is popular in
// their segment.

export interface Item {
  id: number;
  category: string | null;
  tags: string[];
  /** Current price, for the price band. */
  price: number;
}

export interface Purchase {
  customerId: number;
  productId: number;
  /** Day of the last purchase of this item by this customer. */
  lastDay: number;
  times: number;
}

export interface RecsModel {
  items: number[];
  /** For each item (by index), its neighbours: [item index, similarity] best first. */
  neighbours: [number, number][][];
  /** Share of an item's buyers who bought it on two or more days. */
  repeatRate: number[];
  /** Items by number of buyers, most popular first (overall). */
  popular: number[];
  /** Popular items per segment name. */
  popularBySegment: Record<string, number[]>;
  blend: number;
}

const neighboursKept = 30;

function jaccard(a: string[], b: string[]): number {
  if (a.length === 0 && b.length === 0) return 0;
  const setB = new Set(b);
  const common = a.filter((t) => setB.has(t)).length;
  return common / (a.length + b.length - common);
}

export function contentSimilarity(a: Item, b: Item): number {
  const category = a.category !== null && a.category === b.category ? 1 : 0;
  const band =
    a.price > 0 && b.price > 0 ? Math.max(0, 1 - Math.abs(Math.log10(a.price / b.price))) : 0;
  return 0.5 * category + 0.3 * jaccard(a.tags, b.tags) + 0.2 * band;
}

export function buildModel(
  items: Item[],
  purchases: Purchase[],
  segmentOf: Map<number, string>,
  blend = 0.7,
): RecsModel {
  const index = new Map(items.map((it, i) => [it.id, i]));
  const n = items.length;
  const co = new Float64Array(n * n);
  const buyers = new Float64Array(n);
  const repeaters = new Float64Array(n);
  const byCustomer = new Map<number, number[]>();
  for (const p of purchases) {
    const i = index.get(p.productId);
    if (i === undefined) continue;
    byCustomer.set(p.customerId, [...(byCustomer.get(p.customerId) ?? []), i]);
    buyers[i] = (buyers[i] as number) + 1;
    if (p.times > 1) repeaters[i] = (repeaters[i] as number) + 1;
  }
  for (const bought of byCustomer.values()) {
    for (const i of bought)
      for (const j of bought) if (i !== j) co[i * n + j] = (co[i * n + j] as number) + 1;
  }
  const neighbours = items.map((a, i) => {
    const scored: [number, number][] = [];
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const denominator = Math.sqrt((buyers[i] as number) * (buyers[j] as number));
      const cf = denominator > 0 ? (co[i * n + j] as number) / denominator : 0;
      const score = blend * cf + (1 - blend) * contentSimilarity(a, items[j] as Item);
      if (score > 0) scored.push([j, score]);
    }
    return scored.sort((x, y) => y[1] - x[1] || x[0] - y[0]).slice(0, neighboursKept);
  });
  const rank = (counts: Float64Array | number[]) =>
    Array.from({ length: n }, (_, i) => i)
      .filter((i) => (counts[i] as number) > 0)
      .sort((x, y) => (counts[y] as number) - (counts[x] as number) || x - y);
  const segmentCounts = new Map<string, number[]>();
  for (const [customer, bought] of byCustomer) {
    const segment = segmentOf.get(customer);
    if (segment === undefined) continue;
    const counts = segmentCounts.get(segment) ?? new Array<number>(n).fill(0);
    for (const i of bought) counts[i] = (counts[i] as number) + 1;
    segmentCounts.set(segment, counts);
  }
  return {
    items: items.map((it) => it.id),
    neighbours,
    repeatRate: items.map((_, i) =>
      (buyers[i] as number) ? (repeaters[i] as number) / (buyers[i] as number) : 0,
    ),
    popular: rank(buyers),
    popularBySegment: Object.fromEntries([...segmentCounts].map(([s, c]) => [s, rank(c)])),
    blend,
  };
}

export interface Recommendation {
  productId: number;
  score: number;
  /** 'similar' (from what they bought) or 'popular' (cold start). */
  basis: 'similar' | 'popular';
  /** The bought item that contributed most. */
  because: number | null;
}

/**
 * Top `k` for a customer who bought `history` (product id → last day). Items bought within
 * `recentDays` of `today` are left out unless bought again and again (repeat rate ≥ 30%).
 */
export function recommend(
  model: RecsModel,
  history: Map<number, number>,
  segment: string | undefined,
  today: number,
  k = 10,
  recentDays = 30,
): Recommendation[] {
  const index = new Map(model.items.map((id, i) => [id, i]));
  const scores = new Map<number, { score: number; because: number; best: number }>();
  for (const [productId] of history) {
    const i = index.get(productId);
    if (i === undefined) continue;
    for (const [j, s] of model.neighbours[i] ?? []) {
      const e = scores.get(j) ?? { score: 0, because: productId, best: 0 };
      e.score += s;
      if (s > e.best) {
        e.best = s;
        e.because = productId;
      }
      scores.set(j, e);
    }
  }
  const allowed = (i: number) => {
    const last = history.get(model.items[i] as number);
    if (last === undefined) return true;
    return today - last > recentDays || (model.repeatRate[i] as number) >= 0.3;
  };
  const ranked: Recommendation[] = [...scores]
    .filter(([i]) => allowed(i))
    .sort((a, b) => b[1].score - a[1].score || a[0] - b[0])
    .map(([i, e]) => ({
      productId: model.items[i] as number,
      score: e.score,
      basis: 'similar',
      because: e.because,
    }));
  const fallback =
    (segment !== undefined ? model.popularBySegment[segment] : undefined) ?? model.popular;
  const chosen = new Set(ranked.map((r) => r.productId));
  for (const i of [...fallback, ...model.popular]) {
    if (ranked.length >= k) break;
    const id = model.items[i] as number;
    if (chosen.has(id) || !allowed(i)) continue;
    chosen.add(id);
    ranked.push({ productId: id, score: 0, basis: 'popular', because: null });
  }
  return ranked.slice(0, k);
}
