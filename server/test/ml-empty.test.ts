// Every model on an empty database and on a tiny one: a clear reason recorded on the failed
// run, never a crash elsewhere; the API keeps answering with "nothing trained yet".
import { reasonText } from '@retention/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIn } from '../src/analytics/clock.ts';
import { trainableKinds, trainModel } from '../src/ml/train-model.ts';
import { buildTestApp, type TestApp, testBotToken } from './helpers/build-app.ts';
import { people, tma } from './helpers/fixtures.ts';

describe('models without enough data', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({
      BOT_TOKEN: testBotToken,
      ADMIN_TELEGRAM_IDS: String(people.admin.id),
    });
  });
  afterAll(() => t?.close());

  const options = { asOf: todayIn('UTC'), timeZone: 'UTC', windowDays: 90 };
  const reasons: Record<string, RegExp> = {
    segments:
      /segmentation needs at least 80 customers with orders up to \d{4}-\d{2}-\d{2}; found 0/,
    clv: /CLV needs purchase histories of at least 10 customers .*; found 0/,
    churn: /churn model needs order history .*there are no orders/,
    elasticity: /no product prices up to \d{4}-\d{2}-\d{2}: nothing to estimate/,
    recs: /recommendations need purchases of at least 20 customers/,
  };

  it('fails each model on an empty database with its reason, recorded on the run', async () => {
    for (const kind of trainableKinds) {
      const error = await trainModel(t.app.db, kind, options).then(
        () => null,
        (e: Error) => e,
      );
      expect(error?.message, kind).toMatch(reasons[kind] as RegExp);
      const failed = await t.app.prisma.modelRun.findFirst({
        where: { kind },
        orderBy: { id: 'desc' },
      });
      expect(failed, kind).toMatchObject({ status: 'failed', error: error?.message });
    }
    const card = async (url: string) =>
      (await t.app.inject({ url: `/api/v1/analytics/${url}`, headers: tma(people.admin) })).json();
    expect((await card('churn-risk')).model).toBeNull();
    expect((await card('segments')).run).toBeNull();
    expect((await card('price-elasticity')).message).toBeTruthy();
    expect(await card('clv')).toMatchObject({ run: null, holdout: null, seasonality: null });
    // Each failure is kept as a reason too, so a Russian manager reads it in Russian.
    const version = (
      await t.app.inject({ url: '/api/v1/analytics/version', headers: tma(people.admin) })
    ).json();
    const keys = { segments: 'segmentsTooFew', clv: 'clvTooFew', churn: 'churnNoOrders' };
    for (const [kind, key] of Object.entries({
      ...keys,
      elasticity: 'noPrices',
      recs: 'recsTooFew',
    })) {
      const state = version.models[kind];
      expect(state.reason?.key, kind).toBe(key);
      expect(reasonText(state.reason, 'en'), kind).toBe(state.error);
      expect(reasonText(state.reason, 'ru'), kind).toMatch(/^[^{}a-z]*[а-я]/i);
    }
  });

  it('fails the churn model on a business too small to have both outcomes', async () => {
    const prisma = t.app.prisma;
    const day = (d: number) => new Date(Date.UTC(2025, 0, 1) + d * 86_400_000);
    for (let i = 0; i < 5; i++) {
      const c = await prisma.customer.create({ data: { externalId: `tiny-${i}` } });
      await prisma.order.create({
        data: {
          externalId: `tiny-o-${i}`,
          customerId: c.id,
          placedAt: day(i * 30),
          total: '10.00',
        },
      });
    }
    await t.app.analytics.refresher.refresh();
    await expect(trainModel(t.app.db, 'churn', options)).rejects.toThrow(
      /needs at least 20 customers who churned and 20 who stayed among the training snapshots/,
    );
    const failed = await t.app.prisma.modelRun.findFirst({
      where: { kind: 'churn' },
      orderBy: { id: 'desc' },
    });
    expect(failed?.errorReason).toMatchObject({ key: 'churnTooFewTraining', params: { min: 20 } });
  });
});
