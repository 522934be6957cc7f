// Price elasticity: the regression on known lines and the minimum-data rule. Recovery of the
// demo generator's elasticities is tested through the server (server/test/ml-elasticity.test.ts).
import { describe, expect, it } from 'vitest';
import { estimate } from '../src/elasticity/estimate.ts';
import { olsSlope, t975 } from '../src/elasticity/regression.ts';

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
