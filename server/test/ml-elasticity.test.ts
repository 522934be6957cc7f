// Price elasticity: the regression on known lines, the minimum-data rule, and recovery of the
// elasticities the demo generator planted (prisma/seed/catalogue-data.ts).
import { demoCategories as CATEGORIES } from '@retention/db/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { olsSlope, t975 } from '../src/ml/elasticity/regression.ts';
import { estimate } from '../src/ml/elasticity/train-elasticity.ts';
import type { TestApp } from './helpers/build-app.ts';
import { demoTestApp } from './helpers/demo-app.ts';
import { people, tma } from './helpers/fixtures.ts';

describe('log-log regression', () => {
  it('finds an exact slope with zero error, and a noisy one with its interval', () => {
    const x = [0, 1, 2, 3, 4].map(Math.log1p);
    const exact = olsSlope(
      x,
      x.map((v) => 2 - 1.5 * v),
    );
    expect(exact?.slope).toBeCloseTo(-1.5, 12);
    expect(exact?.se).toBeCloseTo(0, 12);
    const noisy = olsSlope([1, 2, 3, 4, 5, 6], [2.1, 3.9, 6.2, 7.8, 10.1, 12.0]);
    // Σ(x - 3.5)·y = 34.85 and Σ(x - 3.5)² = 17.5.
    expect(noisy?.slope).toBeCloseTo(34.85 / 17.5, 12);
    expect((noisy?.high ?? 0) - (noisy?.slope ?? 0)).toBeCloseTo(t975(4) * (noisy?.se ?? 0), 12);
    expect(t975(4)).toBeCloseTo(2.776, 1); // Student t, 4 degrees of freedom
    expect(t975(1000)).toBeCloseTo(1.962, 3);
  });

  it('centres within groups (fixed effects) and refuses data without spread', () => {
    // Two products on different levels, same slope -2.
    const x = [1, 2, 3, 1, 2, 3];
    const y = x.map((v, i) => (i < 3 ? 10 : 4) - 2 * v);
    expect(olsSlope(x, y, [1, 1, 1, 2, 2, 2])?.slope).toBeCloseTo(-2, 12);
    expect(olsSlope([1, 1, 1, 1], [1, 2, 3, 4])).toBeNull();
    expect(olsSlope([1, 2], [1, 2])).toBeNull();
  });

  it('reports insufficient data instead of an estimate', () => {
    const spell = (price: number, units: number) => ({
      product_id: 1,
      sku: 'S',
      name: 'Thing',
      category: 'Toys',
      price,
      units,
      shop_orders: 100,
    });
    const { products } = estimate([spell(10, 5), spell(10, 6), spell(12, 3)]);
    expect(products[0]?.estimate).toBeNull();
    expect(products[0]?.insufficient).toMatch(
      /3 price spells with sales \(needs 4\).*2 distinct prices.*14 units sold/,
    );
  });
});

describe('elasticity on the demo business', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await demoTestApp(1500);
  });
  afterAll(() => t?.close());

  it('recovers the planted category elasticities within their 95% intervals', async () => {
    const get = () =>
      t.app.inject({ url: '/api/v1/analytics/price-elasticity', headers: tma(people.admin) });
    expect((await get()).json()).toMatchObject({ run: null, products: [] });
    const { jobId } = await t.app.training.start('elasticity');
    let status = 'running';
    for (let i = 0; i < 300 && status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      status = (await t.app.prisma.modelRun.findUniqueOrThrow({ where: { id: jobId } })).status;
    }
    expect(status).toBe('succeeded');
    const res = (await get()).json();
    expect(res.categories).toHaveLength(CATEGORIES.length);
    const inside = res.categories.filter(
      (c: { category: string; estimate: { low: number; high: number } }) => {
        const truth = CATEGORIES.find((x) => x.name === c.category)?.elasticity ?? 0;
        return truth >= c.estimate.low && truth <= c.estimate.high;
      },
    );
    const bias =
      res.categories.reduce(
        (a: number, c: { category: string; estimate: { elasticity: number } }) =>
          a +
          c.estimate.elasticity -
          (CATEGORIES.find((x) => x.name === c.category)?.elasticity ?? 0),
        0,
      ) / CATEGORIES.length;
    console.log(
      `demo elasticities: ${inside.length} of ${CATEGORIES.length} categories inside their 95% intervals, mean error ${bias.toFixed(3)}`,
    );
    expect(inside.length).toBeGreaterThanOrEqual(CATEGORIES.length - 1);
    // Unbiased: the generator's demand has exactly the stated elasticity.
    expect(Math.abs(bias)).toBeLessThan(0.12);
    for (const c of res.categories) expect(c.estimate.elasticity).toBeLessThan(0);
    expect(res.products.length).toBe(120);
    for (const p of res.products) expect(p.categoryEstimate).not.toBeNull();
  });
});
