// What a region-scoped manager sees of the models, against an unscoped manager: counts of
// customers within the region; a model's own figures (fit on every customer) the same for both
// and labelled business-wide; a training job's business-wide record withheld, its state shown.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, testBotToken } from '../helpers/build-app.ts';
import { type Fixture, loadFixture, people, tma } from '../helpers/fixtures.ts';
import { scoreCustomers } from '../helpers/scores.ts';

/** Outliers of the segmentation run below: 2 in the North, 3 in the South. */
const outliersIn = { North: 2, South: 3 };

async function segmentationRun(app: FastifyInstance, f: Fixture) {
  const prisma = app.prisma;
  const finishedAt = new Date();
  const run = await prisma.modelRun.create({
    data: {
      kind: 'segments',
      status: 'succeeded',
      asOf: new Date(finishedAt.getTime() - 86_400_000),
      finishedAt,
      metrics: {
        customers: 12,
        k: 2,
        silhouette: [{ k: 2, silhouette: 0.41 }],
        profiles: [
          { name: 'Loyal', size: 5, outliers: 2 },
          { name: 'Casual', size: 7, outliers: 3 },
        ],
        dbscan: { eps: 0.7, minPts: 4, epsRule: 'test', outliers: 5 },
      },
    },
  });
  const rows = [...f.northCustomers, ...f.southCustomers].map((customerId, i) => {
    const north = i < f.northCustomers.length;
    const within = north ? i : i - f.northCustomers.length;
    return {
      customerId,
      modelRunId: run.id,
      segment: within % 2 ? 'Casual' : 'Loyal',
      details: { outlier: within < (north ? outliersIn.North : outliersIn.South) },
    };
  });
  await prisma.customerScore.createMany({ data: rows });
  return run.id;
}

async function elasticityRun(app: FastifyInstance) {
  const estimate = { slope: -1.2, se: 0.3, low: -1.8, high: -0.6, n: 40 };
  await app.prisma.modelRun.create({
    data: {
      kind: 'elasticity',
      status: 'succeeded',
      asOf: new Date(),
      finishedAt: new Date(),
      metrics: { products: 1, ownEstimates: 1 },
      artefact: {
        products: [
          {
            productId: 1,
            sku: 'TEA-1',
            name: 'Green tea',
            category: 'tea',
            spells: 40,
            units: 1234,
            estimate,
            insufficient: null,
          },
        ],
        categories: [{ category: 'tea', products: 1, estimate }],
      },
    },
  });
}

describe('model figures for a North-scoped manager and an unscoped one', () => {
  let t: TestApp;
  let f: Fixture;
  let segmentsJob: number;
  const get = async (who: 'northManager' | 'manager', url: string) => {
    const res = await t.app.inject({ url: `/api/v1${url}`, headers: tma(people[who]) });
    expect(res.statusCode, `${who} ${url}: ${res.body}`).toBe(200);
    return res.json();
  };

  beforeAll(async () => {
    t = await buildTestApp({ BOT_TOKEN: testBotToken });
    f = await loadFixture(t.database.db.prisma);
    await scoreCustomers(
      t.database.db.prisma,
      [...f.northCustomers, ...f.southCustomers].map((customerId) => ({
        customerId,
        probability: 0.8,
        clv: 100,
      })),
    );
    segmentsJob = await segmentationRun(t.app, f);
    await elasticityRun(t.app);
  });
  afterAll(() => t?.close());

  it('jobs: both see the state, labelled business-wide; only the unscoped one the metrics', async () => {
    const north = await get('northManager', `/jobs/${segmentsJob}`);
    const all = await get('manager', `/jobs/${segmentsJob}`);
    const state = { id: segmentsJob, kind: 'segments', status: 'succeeded', scope: 'business' };
    expect(north).toMatchObject({ ...state, metrics: null, progress: [] });
    expect(all).toMatchObject(state);
    expect(all.metrics).toMatchObject({ customers: 12, dbscan: { outliers: 5 } });
    // Nothing of the business-wide record reaches the scoped manager.
    expect(JSON.stringify(north)).not.toMatch(/profiles|outliers|customers/);
  });

  it('segments: sizes and outliers within the region; the fit’s figures labelled business-wide', async () => {
    const north = await get('northManager', '/analytics/segments');
    const all = await get('manager', '/analytics/segments');
    const sizes = (r: { segments: { customers: number }[] }) =>
      r.segments.reduce((a, s) => a + s.customers, 0);
    const outliers = (r: { segments: { outliers: number }[] }) =>
      r.segments.reduce((a, s) => a + s.outliers, 0);
    expect(sizes(north)).toBe(f.northCustomers.length);
    expect(sizes(all)).toBe(f.northCustomers.length + f.southCustomers.length);
    expect(outliers(north)).toBe(outliersIn.North);
    expect(north.run.dbscan.outliers).toBe(outliersIn.North);
    expect(all.run.dbscan.outliers).toBe(outliersIn.North + outliersIn.South);
    const fit = (r: { run: Record<string, unknown> & { dbscan: Record<string, unknown> } }) => ({
      scope: r.run.scope,
      k: r.run.k,
      silhouette: r.run.silhouette,
      eps: r.run.dbscan.eps,
      minPts: r.run.dbscan.minPts,
    });
    expect(fit(north)).toEqual(fit(all));
    expect(fit(north)).toMatchObject({ scope: 'business', k: 2, eps: 0.7, minPts: 4 });
  });

  it('churn model card: the same card for both, labelled business-wide; totals within the region', async () => {
    const north = await get('northManager', '/analytics/churn-risk?pageSize=100');
    const all = await get('manager', '/analytics/churn-risk?pageSize=100');
    expect(north.model.scope).toBe('business');
    expect(north.model).toEqual(all.model);
    expect(north.totals.customers).toBe(f.northCustomers.length);
    expect(all.totals.customers).toBe(f.northCustomers.length + f.southCustomers.length);
    expect(north.customers.map((c: { region: string }) => c.region)).toEqual(
      f.northCustomers.map(() => 'North'),
    );
  });

  it('price elasticity: one business-wide answer for both, labelled so', async () => {
    const north = await get('northManager', '/analytics/price-elasticity');
    const all = await get('manager', '/analytics/price-elasticity');
    expect(north.scope).toBe('business');
    expect(north).toEqual(all);
    expect(north.products).toHaveLength(1);
  });
});
