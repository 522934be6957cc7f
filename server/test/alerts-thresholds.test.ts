// Threshold alerts fire when crossed and not again until reset (the value back below), then
// fire again on the next crossing; quiet hours hold them until they end; import and
// ingestion failures are alerted once each. Two instances tick at the same fake instants.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeAlertSettings } from '../src/alerts/settings.ts';
import { createApiKey } from '../src/auth/api-keys.ts';
import { alertsApps } from './helpers/alerts-apps.ts';
import { people } from './helpers/fixtures.ts';

describe('threshold alerts', () => {
  let s: Awaited<ReturnType<typeof alertsApps>>;
  const to = (who: { id: number }) =>
    s.telegram.messages.filter((m) => m.chatId === who.id).map((m) => m.text);
  const set = (who: { id: number }, change: Parameters<typeof changeAlertSettings>[2]) =>
    changeAlertSettings(s.prisma, BigInt(who.id), change, 'UTC');
  const refresh = () => Promise.all(s.apps.map((app) => app.analytics.refresher.refresh()));
  const state = async (who: { id: number }, rule: string) =>
    s.prisma.alertState.findUnique({
      where: { telegramUserId_rule: { telegramUserId: BigInt(who.id), rule } },
      select: { fired: true, episode: true },
    });

  beforeAll(async () => {
    s = await alertsApps(2);
  }, 120_000);
  afterAll(() => s?.close());

  it('alerts the churn rate of the last complete month once per crossing', async () => {
    // Monthly churn (W = 30): January none, February 50%, March 4/6, April 0%.
    await set(people.admin, { churnRateAbove: 30 });
    // The manager has quiet hours: the alert waits until they end.
    await set(people.manager, { churnRateAbove: 30, quietStart: '22:00', quietEnd: '07:00' });

    await s.tick('2024-02-10T12:00:00Z');
    expect(s.telegram.messages).toEqual([]);

    await s.tick('2024-03-10T23:00:00Z');
    expect(to(people.admin)).toEqual([
      '⚠️ Churn rate alert\nThe churn rate of 2024-02 is 50%, above your threshold of 30%.',
    ]);
    expect(to(people.manager)).toEqual([]);
    await s.tick('2024-03-11T06:59:00Z');
    expect(to(people.manager)).toEqual([]);
    await s.tick('2024-03-11T07:00:00Z');
    await s.tick('2024-03-11T07:01:00Z');
    expect(to(people.manager)).toEqual([
      '⚠️ Churn rate alert\nThe churn rate of 2024-02 is 50%, above your threshold of 30%.',
    ]);

    // March is above too: still the same crossing, no new alert.
    await s.tick('2024-04-10T12:00:00Z');
    expect(to(people.admin)).toHaveLength(1);
    expect(await state(people.admin, 'churn_rate')).toEqual({ fired: true, episode: 1 });

    // April is 0%: reset.
    await s.tick('2024-05-10T12:00:00Z');
    expect(await state(people.admin, 'churn_rate')).toEqual({ fired: false, episode: 1 });
    expect(to(people.admin)).toHaveLength(1);

    // A customer active from April 15 churns on May 15: May is 1 of 3 = 33.3%, above again.
    const customer = await s.prisma.customer.create({
      data: { source: 'fixture', externalId: 'I', name: 'Customer I', region: 'South' },
    });
    await s.prisma.order.create({
      data: {
        source: 'fixture',
        externalId: 'O-I',
        customerId: customer.id,
        placedAt: new Date('2024-04-15T12:00:00Z'),
        total: '10.00',
        status: 'completed',
      },
    });
    await refresh();
    await s.tick('2024-06-10T12:00:00Z');
    await s.tick('2024-06-10T12:01:00Z');
    expect(to(people.admin)).toEqual([
      '⚠️ Churn rate alert\nThe churn rate of 2024-02 is 50%, above your threshold of 30%.',
      '⚠️ Churn rate alert\nThe churn rate of 2024-05 is 33.3%, above your threshold of 30%.',
    ]);
    expect(to(people.manager)).toHaveLength(2);
    expect(await state(people.admin, 'churn_rate')).toEqual({ fired: true, episode: 2 });
  });

  it('alerts each high-value customer in scope once until their probability drops', async () => {
    const { ids, prisma } = s;
    let finished = Date.UTC(2024, 6, 1);
    const run = async (kind: 'churn' | 'clv', scores: [number, number][]) => {
      finished += 3_600_000;
      const r = await prisma.modelRun.create({
        data: {
          kind,
          status: 'succeeded',
          asOf: new Date(finished),
          finishedAt: new Date(finished),
          parameters: {},
          metrics: {},
        },
      });
      await prisma.customerScore.createMany({
        data: scores.map(([customerId, v]) => ({
          customerId,
          modelRunId: r.id,
          ...(kind === 'churn' ? { churnProbability: v } : { clv: v.toFixed(2) }),
        })),
      });
      await refresh();
    };
    // A and B are in the North (the manager's scope), E in the South; B is not high value.
    await run('clv', [
      [ids.A, 500],
      [ids.B, 50],
      [ids.E, 900],
    ]);
    await run('churn', [
      [ids.A, 0.8],
      [ids.B, 0.9],
      [ids.E, 0.95],
    ]);
    await set(people.northManager, { churnProbabilityAtLeast: 70, highValueFrom: 100 });
    await s.tick('2024-07-02T12:00:00Z');
    await s.tick('2024-07-02T12:01:00Z');
    const alert = `⚠️ High-value customers at risk (churn probability ≥ 70%)\n• #${ids.A} Customer A — 80%, CLV 500.00`;
    expect(to(people.northManager)).toEqual([alert]);

    await run('churn', [[ids.A, 0.5]]);
    await s.tick('2024-07-03T12:00:00Z');
    expect(await state(people.northManager, `high_value:${ids.A}`)).toEqual({
      fired: false,
      episode: 1,
    });
    await run('churn', [[ids.A, 0.8]]);
    await s.tick('2024-07-04T12:00:00Z');
    await s.tick('2024-07-04T12:01:00Z');
    expect(to(people.northManager)).toEqual([alert, alert]);
  });

  it('alerts each failed import or ingestion batch once, from when they were turned on', async () => {
    await set(people.admin, { failureAlerts: true });
    const { key } = await createApiKey(s.prisma, { name: 'shop', actorRole: 'cli' });
    const res = await s.apps[0]!.inject({
      method: 'POST',
      url: '/api/v1/ingest/orders',
      headers: { authorization: `Bearer ${key}` },
      payload: { items: [{ id: 'x' }] },
    });
    expect(res.statusCode).toBe(400);
    const before = to(people.admin).length;
    await s.tick('2024-07-05T12:00:00Z');
    await s.tick('2024-07-05T12:01:00Z');
    const [failure, ...more] = to(people.admin).slice(before);
    expect(more).toEqual([]);
    expect(failure).toMatch(
      /^❗ Data loading failed\nIngestion API · orders \(shop\) · \d{4}-\d\d-\d\d \d\d:\d\d UTC\nno item was taken: 1 rejected, e\.g\. item 0 \w+: is required$/,
    );
    expect(to(people.manager).filter((m) => m.startsWith('❗'))).toEqual([]);
  });
});
