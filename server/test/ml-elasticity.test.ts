// Price elasticity: recovery of the elasticities the demo generator planted
// (prisma/seed/catalogue-data.ts). The regression and the minimum-data rule are tested in
// ml/test/elasticity.test.ts.
//
// The demo history ends on a fixed day: its calendar shapes the generated demand, so a history
// ending "today" is a new sample every day, and 95% intervals over 8 categories miss 2 or more on
// 3 of 14 end days (103 of 112 intervals held the truth).
import { demoCategories as CATEGORIES } from '@retention/db/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from './helpers/build-app.ts';
import { sampleTestApp } from './helpers/demo-app.ts';
import { people, tma } from './helpers/fixtures.ts';

describe('elasticity on the demo business', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await sampleTestApp(1500);
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
    // Close to unbiased: the generator's demand has exactly the stated elasticity (over the 14 end
    // days above the mean error was +0.06, the estimates slightly attenuated).
    expect(Math.abs(bias)).toBeLessThan(0.12);
    for (const c of res.categories) expect(c.estimate.elasticity).toBeLessThan(0);
    expect(res.products.length).toBe(120);
    for (const p of res.products) expect(p.categoryEstimate).not.toBeNull();
  });
});
