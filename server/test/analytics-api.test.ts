// The analytics routes as a client of the API sees them: who may call them, region scope,
// refused filters, and answers that follow the data after a refresh.
import { type Reason, reasonOf, reasonText } from '@retention/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshDerived } from '../src/analytics/refresh.ts';
import { analyticsTestApp, type loadAnalyticsFixture } from './helpers/analytics-fixture.ts';
import type { TestApp } from './helpers/build-app.ts';
import { people, tma } from './helpers/fixtures.ts';

const routes = [
  'dashboard',
  'churn',
  'retention',
  'retention-curve',
  'ltv',
  'rfm',
  'lifecycle',
  'stickiness',
  'campaigns',
  'breakdown',
  'segments',
];
const q1 = 'from=2024-01-01&to=2024-03-31';

describe('analytics API', () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof loadAnalyticsFixture>>;
  const call = (path: string, who: { id: number; first_name: string } = people.admin) =>
    t.app.inject({ url: `/api/v1/analytics/${path}`, headers: tma(who) });
  beforeAll(async () => {
    ({ t, ids } = await analyticsTestApp());
  });
  afterAll(() => t?.close());

  it('answers staff on every route, with the definition used', async () => {
    for (const route of routes) {
      const res = await call(`${route}?${q1}`, people.manager);
      expect(res.statusCode, `${route}: ${res.body}`).toBe(200);
      const { definition } = res.json();
      expect(definition.text.length, route).toBeGreaterThan(40);
      expect(definition).toMatchObject({ windowDays: 30, from: '2024-01-01', to: '2024-03-31' });
    }
  });

  it('refuses clients, unknown users and anonymous callers on every route', async () => {
    for (const route of routes) {
      expect((await call(route, people.clientA)).statusCode, route).toBe(403);
      expect((await call(route, people.unknown)).statusCode, route).toBe(403);
      const anonymous = await t.app.inject({ url: `/api/v1/analytics/${route}` });
      expect(anonymous.statusCode, route).toBe(401);
    }
  });

  it('shows a scoped manager their region only, equal to the admin view of it', async () => {
    const admin = (await call(`breakdown?${q1}&by=region`)).json();
    const scoped = (await call(`breakdown?${q1}&by=region`, people.northManager)).json();
    const north = admin.rows.find((r: { key: string }) => r.key === 'North');
    expect(scoped.rows).toEqual([north]);
    expect(scoped.definition.filters).toMatchObject({ region: 'North' });
    expect(scoped.definition.filters.scope).toMatch(/North/);
    for (const route of ['churn', 'retention', 'rfm', 'lifecycle', 'dashboard']) {
      const mine = (await call(`${route}?${q1}`, people.northManager)).json();
      const adminNorth = (await call(`${route}?${q1}&region=North`)).json();
      const { definition: _a, ...mineBody } = mine;
      const { definition: _b, ...adminBody } = adminNorth;
      expect(mineBody, route).toEqual(adminBody);
    }
    const other = await call(`churn?${q1}&region=South`, people.northManager);
    expect(other.statusCode).toBe(403);
    expect(other.json().message).toMatch(/limited to region North/);
    // The same refusal as a reason, which a Russian viewer reads in Russian.
    expect(reasonText(other.json().reason, 'ru')).toBe('ваш доступ ограничен регионом North');
  });

  it('refuses invalid filters and periods with a reason', async () => {
    const cases: [string, RegExp][] = [
      ['churn?region=Atlantis', /unknown region "Atlantis"; known: North, South/],
      ['churn?channel=carrier-pigeon', /unknown channel "carrier-pigeon"; known: ads, organic/],
      ['churn?plan=gold', /unknown plan "gold"; known: basic, pro/],
      ['churn?segment=whales', /unknown segment "whales"/],
      ['churn?from=2024-03-01&to=2024-01-01', /from \(2024-03-01\) is after to \(2024-01-01\)/],
      ['churn?granularity=day', /granularity/],
      ['churn?from=2024-02-30', /from must be a date like/],
      ['churn?from=31.01.2024', /must be a date like 2024-01-31/],
      ['churn?from=1066-10-14', /between 1900-01-01 and 2099-12-31/],
      ['churn?from=2000-01-01&to=2024-12-31&granularity=week', /at most 260/],
      ['churn?from=2999-01-01&to=2999-02-01', /between 1900-01-01 and 2099-12-31/],
      ['churn?from=2099-01-01&to=2099-02-01', /after today/],
      ['churn?regoin=North', /regoin/],
      ['breakdown?by=planet', /by/],
    ];
    for (const [path, reason] of cases) {
      const res = await call(path);
      expect(res.statusCode, path).toBe(400);
      expect(res.json().message, path).toMatch(reason);
    }
    // The product's own refusals carry their reason, so a screen shows it in the viewer's
    // language: the same values, in Russian, and its English is the message itself. Schema
    // refusals (an unknown parameter, a granularity that is not one) are for API callers.
    const translated: [string, string][] = [
      ['churn?region=Atlantis', 'нет региона «Atlantis»; есть: North, South'],
      ['churn?segment=whales', 'нет сегмента «whales»; RFM-сегменты: '],
      ['churn?from=2024-03-01&to=2024-01-01', 'начало периода (2024-03-01) позже его конца'],
      [
        'churn?from=2000-01-01&to=2024-12-31&granularity=week',
        'в один запрос помещается не больше 260',
      ],
    ];
    for (const [path, russian] of translated) {
      const body = (await call(path)).json();
      expect(reasonOf(body), path).not.toBeNull();
      expect(reasonText(reasonOf(body) as Reason, 'en'), path).toBe(body.message);
      expect(reasonText(reasonOf(body) as Reason, 'ru'), path).toContain(russian);
    }
    expect((await call('churn?regoin=North')).json().reason).toBeUndefined();
  });

  it('cuts a range that ends after today to today', async () => {
    const res = await call('churn?from=2024-01-01&to=2099-12-31');
    expect(res.statusCode).toBe(200);
    const { definition, periods } = res.json();
    expect(definition.to).toBe(definition.asOf);
    expect(periods.at(-1).period.end).toBe(definition.asOf);
  });

  it('follows the data after a refresh, and an incremental refresh equals a rebuild', async () => {
    const version = async () => (await call('version', people.clientA)).json();
    const v1 = await version();
    const before = (await call(`churn?${q1}`)).json();
    expect(before.periods[2].orders).toBe(1);
    await t.app.prisma.order.create({
      data: {
        source: 'fixture',
        externalId: 'late',
        customerId: ids.B,
        placedAt: new Date('2024-03-20T12:00:00Z'),
        total: '70.00',
      },
    });
    // Until the refresh the cached answer stands (at most ANALYTICS_REFRESH_SECONDS old).
    expect((await call(`churn?${q1}`)).json()).toEqual(before);
    expect(await version()).toEqual(v1);
    const refreshed = await t.app.analytics.refresher.refresh();
    expect(refreshed).toMatchObject({ mode: 'incremental', customers: 1 });
    // Open dashboards poll the version: it moved, with the time it did.
    const v2 = await version();
    expect(v2.generation).toBeGreaterThan(v1.generation);
    expect(Date.parse(v2.changedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect((await call('version', people.unknown)).statusCode).toBe(403);
    const after = (await call(`churn?${q1}`)).json();
    expect(after.periods[2]).toMatchObject({ orders: 2, revenue: '90.00', activeAtEnd: 3 });
    const answers = async () =>
      Promise.all(routes.map(async (r) => (await call(`${r}?${q1}`)).json()));
    const incremental = await answers();
    const rebuilt = await refreshDerived(t.app.db, t.app.config.analytics, { force: true });
    expect(rebuilt.mode).toBe('full');
    await t.app.analytics.refresher.refresh(); // picks up the new generation
    expect(await answers()).toEqual(incremental);
  });

  it('sees region changes after a refresh (filters read the live customer table)', async () => {
    await t.app.prisma.customer.update({ where: { id: ids.E }, data: { region: 'North' } });
    const r = await t.app.analytics.refresher.refresh();
    expect(r.mode).toBe('incremental');
    const north = (await call(`breakdown?${q1}&by=region`)).json();
    const row = north.rows.find((x: { key: string }) => x.key === 'North');
    expect(row.revenue).toBe('590.00'); // 320 + 70 (B's late order) + E's 200
    await t.app.prisma.customer.update({ where: { id: ids.E }, data: { region: 'South' } });
    await t.app.analytics.refresher.refresh();
  });

  it('documents the routes in the OpenAPI description', async () => {
    const doc = (await t.app.inject({ url: '/docs/json' })).json();
    for (const route of routes) {
      const op = doc.paths[`/api/v1/analytics/${route}`]?.get;
      expect(op, route).toBeDefined();
      const names = op.parameters.map((p: { name: string }) => p.name);
      expect(names, route).toEqual(
        expect.arrayContaining([
          'from',
          'to',
          'granularity',
          'region',
          'channel',
          'segment',
          'plan',
        ]),
      );
    }
  });
});
