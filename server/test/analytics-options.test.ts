// GET /analytics/options: the values the filters accept, in the viewer's scope, equal to the
// distinct values in the data, and each one accepted by the filters it lists.

import { FilterOptions } from '@retention/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rfmSegments } from '../src/analytics/rfm-segments.ts';
import { analyticsTestApp, type loadAnalyticsFixture } from './helpers/analytics-fixture.ts';
import type { TestApp } from './helpers/build-app.ts';
import { people, tma } from './helpers/fixtures.ts';

type Options = {
  regions: string[];
  channels: string[];
  segments: { value: string; name: string; kind: 'rfm' | 'model' }[];
  plans: string[];
};

const rfm = rfmSegments.map((s) => ({ value: s.slug, name: s.name, kind: 'rfm' }));
const model = (...names: string[]) => names.map((name) => ({ value: name, name, kind: 'model' }));

describe('GET /api/v1/analytics/options', () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof loadAnalyticsFixture>>;
  const call = (who?: { id: number; first_name: string }, query = '') =>
    t.app.inject({
      url: `/api/v1/analytics/options${query}`,
      headers: who ? tma(who) : {},
    });
  const options = async (who: { id: number; first_name: string }) => {
    const res = await call(who);
    expect(res.statusCode, res.body).toBe(200);
    // Sent as the bytes the cache holds, so the schema is held here.
    return FilterOptions.strict().parse(res.json()) as Options;
  };

  beforeAll(async () => {
    ({ t, ids } = await analyticsTestApp());
    const { prisma } = t.app;
    const run = (finishedAt: Date) =>
      prisma.modelRun.create({
        data: { kind: 'segments', status: 'succeeded', asOf: finishedAt, finishedAt },
      });
    // An older run's segment names are not accepted by the filter, so not offered either.
    const old = await run(new Date('2024-03-01T00:00:00Z'));
    const latest = await run(new Date('2024-03-02T00:00:00Z'));
    await prisma.customerScore.createMany({
      data: [
        { customerId: ids.A, modelRunId: old.id, segment: 'Retired name' },
        { customerId: ids.A, modelRunId: latest.id, segment: 'Regulars' },
        { customerId: ids.B, modelRunId: latest.id, segment: null },
        { customerId: ids.E, modelRunId: latest.id, segment: 'Newcomers' },
        { customerId: ids.F, modelRunId: latest.id, segment: 'Regulars' },
      ],
    });
    await t.app.analytics.refresher.refresh();
  });
  afterAll(() => t?.close());

  it('gives staff every value, sorted, distinct and equal to the data', async () => {
    const admin = await options(people.admin);
    expect(admin).toEqual({
      regions: ['North', 'South'],
      channels: ['ads', 'organic'],
      segments: [...rfm, ...model('Newcomers', 'Regulars')],
      plans: ['basic', 'pro'],
    });
    expect(await options(people.manager)).toEqual(admin);
    const distinct = async (sql: string) =>
      (await t.app.db.query<{ v: string }>(sql)).rows.map((r) => r.v).sort();
    expect(admin.regions).toEqual(
      await distinct('SELECT DISTINCT region AS v FROM customers WHERE region IS NOT NULL'),
    );
    expect(admin.channels).toEqual(
      await distinct(
        'SELECT DISTINCT acquisition_channel AS v FROM customers WHERE acquisition_channel IS NOT NULL',
      ),
    );
    expect(admin.plans).toEqual(await distinct('SELECT DISTINCT plan AS v FROM contracts'));
  });

  it('gives a scoped manager the values of their region only', async () => {
    expect(await options(people.northManager)).toEqual({
      regions: ['North'],
      channels: ['ads', 'organic'],
      segments: [...rfm, ...model('Regulars')],
      plans: [],
    });
  });

  it('lists only values the filters accept', async () => {
    const admin = await options(people.admin);
    const asked = [
      ...admin.regions.map((v) => `region=${encodeURIComponent(v)}`),
      ...admin.channels.map((v) => `channel=${encodeURIComponent(v)}`),
      ...admin.plans.map((v) => `plan=${encodeURIComponent(v)}`),
      ...admin.segments.map((s) => `segment=${encodeURIComponent(s.value)}`),
    ];
    for (const q of asked) {
      const res = await t.app.inject({
        url: `/api/v1/analytics/churn?${q}`,
        headers: tma(people.admin),
      });
      expect(res.statusCode, `${q}: ${res.body}`).toBe(200);
    }
  });

  it('follows the data after a refresh', async () => {
    await t.app.prisma.customer.create({
      data: { source: 'fixture', externalId: 'I', region: 'East', acquisitionChannel: 'tv' },
    });
    await t.app.analytics.refresher.refresh();
    const admin = await options(people.admin);
    expect(admin.regions).toEqual(['East', 'North', 'South']);
    expect(admin.channels).toEqual(['ads', 'organic', 'tv']);
    expect((await options(people.northManager)).regions).toEqual(['North']);
  });

  it('refuses clients and unknown users (403), callers without initData (401) and parameters', async () => {
    expect((await call(people.clientA)).statusCode).toBe(403);
    expect((await call(people.unknown)).statusCode).toBe(403);
    expect((await call()).statusCode).toBe(401);
    expect((await call(people.admin, '?region=North')).statusCode).toBe(400);
  });
});
