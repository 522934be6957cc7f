// Recommendations: the exclusion and cold-start rules on a hand-made model, and on the demo
// business a time-split holdout where the model must beat plain popularity.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIn } from '../src/analytics/periods.ts';
import { buildModel, contentSimilarity, recommend } from '../src/ml/recs/model.ts';
import { trainRecs } from '../src/ml/recs/train-recs.ts';
import type { TestApp } from './helpers/build-app.ts';
import { demoTestApp } from './helpers/demo-app.ts';
import { people, tma } from './helpers/fixtures.ts';

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

describe('recommendations on the demo business', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await demoTestApp(600);
  });
  afterAll(() => t?.close());

  it('beats popularity on a 90-day holdout and serves a customer their top 10', async () => {
    const run = await trainRecs(t.app.db, { asOf: todayIn('UTC'), timeZone: 'UTC' });
    const holdout = (
      run.metrics as {
        holdout: Record<string, { precisionAt10: number; hitRateAt10: number; customers: number }>;
      }
    ).holdout;
    expect(holdout.model?.customers).toBeGreaterThan(50);
    expect(holdout.model?.precisionAt10).toBeGreaterThan(holdout.popularity?.precisionAt10 ?? 1);
    expect(holdout.model?.hitRateAt10).toBeGreaterThan(holdout.popularity?.hitRateAt10 ?? 1);

    const buyer = await t.app.prisma.order.findFirstOrThrow({
      where: { status: 'completed' },
      select: { customerId: true },
    });
    await t.app.prisma.customer.update({
      where: { id: buyer.customerId },
      data: { telegramUserId: BigInt(people.clientA.id) },
    });
    const url = (id: number) => `/api/v1/recommendations/user/${id}`;
    const mine = await t.app.inject({ url: url(buyer.customerId), headers: tma(people.clientA) });
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().items).toHaveLength(10);
    expect(mine.json().items[0].basis).toBe('similar');
    const other = await t.app.prisma.customer.findFirstOrThrow({
      where: { id: { not: buyer.customerId } },
    });
    expect(
      (await t.app.inject({ url: url(other.id), headers: tma(people.clientA) })).statusCode,
    ).toBe(404);
    const admin = await t.app.inject({ url: url(other.id), headers: tma(people.admin) });
    expect(admin.statusCode).toBe(200);
    // A customer with no purchases gets the popular items.
    const { id: fresh } = await t.app.prisma.customer.create({
      data: { source: 'test', externalId: 'new-1' },
    });
    const cold = (await t.app.inject({ url: url(fresh), headers: tma(people.admin) })).json();
    expect(cold.items).toHaveLength(10);
    expect(cold.items.every((i: { basis: string }) => i.basis === 'popular')).toBe(true);
  });
});
