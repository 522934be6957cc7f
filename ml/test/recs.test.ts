// Recommendations: the exclusion and cold-start rules on a hand-made model. The time-split
// holdout on the demo business is tested through the server (server/test/ml-recs.test.ts).
import { describe, expect, it } from 'vitest';
import { buildModel, contentSimilarity, recommend } from '../src/recs/model.ts';

describe('recommendation rules', () => {
  const items = [
    { id: 1, category: 'tea', tags: ['green'], price: 10 },
    { id: 2, category: 'tea', tags: ['green'], price: 12 },
    { id: 3, category: 'ware', tags: [], price: 30 },
    { id: 4, category: 'ware', tags: [], price: 300 },
  ];
  // Customers 10-12 buy tea 1 with mug 3; 13 buys tea 1 twice (a repeat item).
  const purchases = [
    { customerId: 10, productId: 1, lastDay: 100, times: 1 },
    { customerId: 10, productId: 3, lastDay: 100, times: 1 },
    { customerId: 11, productId: 1, lastDay: 100, times: 2 },
    { customerId: 11, productId: 3, lastDay: 100, times: 1 },
    { customerId: 12, productId: 3, lastDay: 100, times: 1 },
    { customerId: 13, productId: 1, lastDay: 100, times: 2 },
  ];
  const model = buildModel(items, purchases, new Map([[12, 'Mugs people']]));

  it('scores content by category, tags and price band', () => {
    expect(contentSimilarity(items[0]!, items[1]!)).toBeGreaterThan(
      contentSimilarity(items[0]!, items[2]!),
    );
    expect(contentSimilarity(items[2]!, items[3]!)).toBeCloseTo(0.5, 12); // same category, 10× price
  });

  it('recommends what is bought together, leaving out a recent non-repeat purchase', () => {
    const recs = recommend(model, new Map([[1, 195]]), undefined, 200, 3);
    expect(recs[0]).toMatchObject({ productId: 3, basis: 'similar', because: 1 });
    // Mug 3 bought 5 days ago is left out (repeat rate 0); tea 1 is a repeat item and stays.
    const after = recommend(
      model,
      new Map([
        [3, 195],
        [1, 195],
      ]),
      undefined,
      200,
      4,
    ).map((r) => r.productId);
    expect(after).not.toContain(3);
    expect(after).toContain(1);
  });

  it('falls back to what is popular in the customer’s segment', () => {
    const cold = recommend(model, new Map(), 'Mugs people', 200, 2);
    expect(cold[0]).toMatchObject({ productId: 3, basis: 'popular', because: null });
  });
});
