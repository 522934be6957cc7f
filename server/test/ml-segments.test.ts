// The segmentation job on a small demo business, and what the API makes of its segments. The
// names and the DBSCAN rule on hand-made data are in ml/test/segments.test.ts.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayOf } from '../src/analytics/periods.ts';
import { trainSegments } from '../src/ml/segments/train-segments.ts';
import type { TestApp } from './helpers/build-app.ts';
import { sampleDay, sampleTestApp } from './helpers/demo-app.ts';
import { people, tma } from './helpers/fixtures.ts';

describe('segmentation', () => {
  let t: TestApp;
  const get = (url: string, who: { id: number; first_name: string } = people.admin) =>
    t.app.inject({ url: `/api/v1/analytics/${url}`, headers: tma(who) });
  beforeAll(async () => {
    t = await sampleTestApp(400);
  });
  afterAll(() => t?.close());

  it('says when no segmentation has run yet', async () => {
    const res = (await get('segments')).json();
    expect(res).toMatchObject({ run: null, segments: [] });
    expect(res.message).toMatch(/npm run train -- --only segments/);
  });

  it('chooses k by silhouette, names segments, and gives the same answer twice', async () => {
    const asOf = dayOf(sampleDay);
    const first = await trainSegments(t.app.db, { asOf });
    const second = await trainSegments(t.app.db, { asOf });
    const m = first.metrics as { k: number; silhouette: { k: number; silhouette: number }[] };
    expect(m.silhouette.map((s) => s.k)).toEqual([3, 4, 5, 6, 7, 8]);
    const best = Math.max(...m.silhouette.map((s) => s.silhouette));
    expect(m.silhouette.find((s) => s.k === m.k)?.silhouette).toBe(best);
    const assignments = async (id: number) =>
      (
        await t.app.prisma.customerScore.findMany({
          where: { modelRunId: id },
          orderBy: { customerId: 'asc' },
          select: { customerId: true, segment: true },
        })
      ).map((s) => `${s.customerId}:${s.segment}`);
    const a = await assignments(first.id);
    expect(a.length).toBeGreaterThan(300);
    expect(await assignments(second.id)).toEqual(a);
    const names = new Set(a.map((x) => x.split(':')[1]));
    expect(names.size).toBe(m.k);
  });

  it('profiles the segments over the viewer’s selection, and filters metrics by them', async () => {
    await t.app.analytics.refresher.refresh();
    const all = (await get('segments')).json();
    expect(all.run.k).toBe(all.segments.length);
    const total = all.segments.reduce((s: number, x: { customers: number }) => s + x.customers, 0);
    expect(all.segments.reduce((s: number, x: { share: number }) => s + x.share, 0)).toBeCloseTo(
      1,
      9,
    );
    const north = (await get('segments', people.northManager)).json();
    const northTotal = north.segments.reduce(
      (s: number, x: { customers: number }) => s + x.customers,
      0,
    );
    expect(northTotal).toBeLessThan(total);
    const adminNorth = (await get('segments?region=North')).json();
    expect(adminNorth.segments).toEqual(north.segments);
    // A model segment is a filter of every metric.
    const name = all.segments[0].name as string;
    const res = await get(`breakdown?segment=${encodeURIComponent(name)}&by=region`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().definition.filters).toMatchObject({ segment: name, segmentKind: 'model' });
  });

  it('runs as a job started over the API, with its state and progress', async () => {
    const post = (who: { id: number; first_name: string }) =>
      t.app.inject({ method: 'POST', url: '/api/v1/analytics/segmentation', headers: tma(who) });
    const [a, b] = await Promise.all([post(people.northManager), post(people.admin)]);
    expect(a.statusCode, a.body).toBe(202);
    expect(b.json()).toMatchObject({ jobId: a.json().jobId, alreadyRunning: true });
    const url = `/api/v1/jobs/${a.json().jobId}`;
    let job = (await t.app.inject({ url, headers: tma(people.admin) })).json();
    for (let i = 0; i < 300 && job.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      job = (await t.app.inject({ url, headers: tma(people.admin) })).json();
    }
    expect(job).toMatchObject({ kind: 'segments', status: 'succeeded', error: null });
    expect(job.metrics.k).toBeGreaterThanOrEqual(3);
    expect(job.progress.some((m: string) => m.startsWith('chose k='))).toBe(true);
    expect((await post(people.clientA)).statusCode).toBe(403);
    const missing = await t.app.inject({ url: '/api/v1/jobs/999999', headers: tma(people.admin) });
    expect(missing.statusCode).toBe(404);
  });

  it('refuses a database too small to segment, with the reason', async () => {
    await expect(trainSegments(t.app.db, { asOf: 0 })).rejects.toThrow(
      /needs at least 80 customers/,
    );
  });

  it('flags DBSCAN outliers, counts them per segment, and says why on the card', async () => {
    const run = await trainSegments(t.app.db, { asOf: dayOf(sampleDay) });
    const m = run.metrics as {
      customers: number;
      dbscan: { outliers: number; minPts: number; sampleNoise: number };
    };
    expect(m.dbscan.minPts).toBe(12);
    expect(m.dbscan.outliers).toBeGreaterThan(0);
    expect(m.dbscan.outliers).toBeLessThan(m.customers * 0.1);
    await t.app.analytics.refresher.refresh();
    const report = (await get('segments')).json();
    expect(report.run.dbscan.outliers).toBe(m.dbscan.outliers);
    const counted = report.segments.reduce(
      (a: number, x: { outliers: number }) => a + x.outliers,
      0,
    );
    expect(counted).toBe(m.dbscan.outliers);
    const one = await t.app.prisma.customerScore.findFirst({
      where: { modelRunId: run.id, details: { path: ['outlier'], equals: true } },
    });
    const card = (
      await t.app.inject({ url: `/api/v1/users/${one!.customerId}`, headers: tma(people.admin) })
    ).json();
    expect(card.score.outlier.unusual).toMatch(/recency|orders|revenue|tenure|value|event/);
    expect(Math.abs(card.score.outlier.z)).toBeGreaterThan(1);
  });
});
