// Recommendations on the demo business: a time-split holdout where the model must beat plain
// popularity, and the API. The rules on a hand-made model are in ml/test/recs.test.ts.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayOf } from '../src/analytics/periods.ts';
import { trainRecs } from '../src/ml/recs/train-recs.ts';
import type { TestApp } from './helpers/build-app.ts';
import { sampleDay, sampleTestApp } from './helpers/demo-app.ts';
import { people, tma } from './helpers/fixtures.ts';

describe('recommendations on the demo business', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await sampleTestApp(600);
  });
  afterAll(() => t?.close());

  it('beats popularity on a 90-day holdout and serves a customer their top 10', async () => {
    const run = await trainRecs(t.app.db, { asOf: dayOf(sampleDay), timeZone: 'UTC' });
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
