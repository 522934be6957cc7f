// The churn model on a demo business: time-split training and evaluation of both models, the
import { churnFeatureNames, minLift } from '@retention/ml';
// model card, reasons in en and ru, the churn-risk API and the customer card, the job route,
// and no leakage: training as of a past day gives the same model with or without later data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayOf, isoOf } from '../src/analytics/periods.ts';
import { refreshDerived } from '../src/analytics/refresh.ts';
import { trainChurn } from '../src/ml/churn/train-churn.ts';
import { trainClv } from '../src/ml/clv/train-clv.ts';
import type { TestApp } from './helpers/build-app.ts';
import { sampleDay, sampleTestApp } from './helpers/demo-app.ts';
import { people, tma } from './helpers/fixtures.ts';

type Who = { id: number; first_name: string };

interface Evaluation {
  rocAuc: number;
  prAuc: number;
  brier: number;
  atThreshold: { precision: number; recall: number; threshold: number };
  calibration: { reliability: { customers: number }[] };
}

describe('churn model', () => {
  let t: TestApp;
  const today = dayOf(sampleDay);
  const options = { windowDays: 90, timeZone: 'UTC' };
  const get = (url: string, who: Who = people.admin) =>
    t.app.inject({ url: `/api/v1/${url}`, headers: tma(who) });
  const probabilities = async (runId: number) =>
    (
      await t.app.prisma.customerScore.findMany({
        where: { modelRunId: runId },
        orderBy: { customerId: 'asc' },
        select: { customerId: true, churnProbability: true },
      })
    ).map((s) => `${s.customerId}:${s.churnProbability}`);

  /** Starts a job as an admin over the API and waits (up to 2 minutes) until it ends. */
  const runJob = async (route: string) => {
    const post = await t.app.inject({
      method: 'POST',
      url: `/api/v1/analytics/${route}`,
      headers: tma(people.admin),
    });
    expect(post.statusCode, post.body).toBe(202);
    const url = `jobs/${post.json().jobId}`;
    let job = (await get(url)).json();
    for (let i = 0; i < 1200 && job.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      job = (await get(url)).json();
    }
    return job;
  };

  beforeAll(async () => {
    t = await sampleTestApp(1200);
  });
  afterAll(() => t?.close());

  it('says when no churn model has run yet', async () => {
    const body = (await get('analytics/churn-risk')).json();
    expect(body).toMatchObject({ model: null, totals: null, customers: [], total: 0 });
    expect(body.message).toMatch(/npm run train -- --only churn/);
  });

  it('refuses a history too short for a time split, and records why', async () => {
    const asOf = dayOf('2000-01-01');
    await expect(trainChurn(t.app.db, { ...options, asOf })).rejects.toThrow(
      /needs order history from at least 180 days before 2000-01-01 \(W = 90\): there are no orders/,
    );
    const failed = await t.app.prisma.modelRun.findFirst({
      where: { kind: 'churn' },
      orderBy: { id: 'desc' },
    });
    expect(failed).toMatchObject({ status: 'failed' });
    expect(failed?.error).toMatch(/needs order history/);
  });

  it('trains both models and the baselines on an earlier cutoff, evaluates them on a later one, serves the tree only if it beats them', async () => {
    await trainClv(t.app.db, { asOf: today });
    const run = await trainChurn(t.app.db, { ...options, asOf: today });
    const p = run.parameters as { trainCutoffs: string[]; evaluationCutoff: string };
    expect(p.evaluationCutoff).toBe(isoOf(today - 90));
    expect(p.trainCutoffs).toEqual([today - 180, today - 210, today - 240].map(isoOf));
    const m = run.metrics as unknown as {
      models: Record<'random_forest' | 'gradient_boosting', Evaluation>;
      baselines: Record<'recency' | 'frequency' | 'rfm_rank_sum' | 'logistic_rfm', Evaluation>;
      verdict: { bestTree: string; bestBaseline: string; lift: number; treeServes: boolean };
      chosen: string;
      threshold: number;
      rows: Record<string, number>;
      importance: { feature: string; aucDrop: number }[];
    };
    const { random_forest: rf, gradient_boosting: gb } = m.models;
    const rules = Object.entries(m.baselines).map(([name, e]) => `${name} ${e.rocAuc}`);
    console.log(
      `demo churn, held-out ROC-AUC: forest ${rf.rocAuc}, boosting ${gb.rocAuc}; PR-AUC ${rf.prAuc} / ${gb.prAuc}; baselines ${rules.join(', ')}`,
    );
    for (const model of [rf, gb]) {
      expect(model.rocAuc).toBeGreaterThan(0.75);
      expect(model.rocAuc).toBeLessThan(0.97);
      expect(model.prAuc).toBeGreaterThan(0.5);
      expect(model.brier).toBeLessThan(0.2);
      expect(model.atThreshold.precision).toBeGreaterThan(0.4);
      expect(model.atThreshold.recall).toBeGreaterThan(0.4);
      const binned = model.calibration.reliability.reduce((a, b) => a + b.customers, 0);
      expect(binned).toBe(m.rows.evaluation);
    }
    const tree = gb.rocAuc > rf.rocAuc ? 'gradient_boosting' : 'random_forest';
    const rule = Object.entries(m.baselines).sort(([, a], [, b]) => b.rocAuc - a.rocAuc)[0]!;
    expect(m.verdict).toMatchObject({ bestTree: tree, bestBaseline: rule[0] });
    const lift = m.models[tree].rocAuc - rule[1].rocAuc;
    expect(m.verdict.lift).toBeCloseTo(lift, 4);
    expect(m.verdict.treeServes).toBe(lift >= minLift);
    expect(m.chosen).toBe(m.verdict.treeServes ? tree : rule[0]);
    expect(m.importance).toHaveLength(churnFeatureNames.length);
    expect(m.importance[0]!.aucDrop).toBeGreaterThan(0.01);
    expect(m.rows.scored).toBeGreaterThan(200);
    // Fixed seeds: the same data give the same scores.
    const again = await trainChurn(t.app.db, { ...options, asOf: today });
    expect(await probabilities(again.id)).toEqual(await probabilities(run.id));
  });

  it('lists customers by risk or by value at risk, with reasons in en and ru', async () => {
    await t.app.analytics.refresher.refresh();
    const body = (await get('analytics/churn-risk?pageSize=100')).json();
    const { verdict } = body.model;
    expect(body.model.chosen).toBe(verdict.treeServes ? verdict.bestTree : verdict.bestBaseline);
    expect(body.totals.customers).toBe(body.model.rows.scored);
    const risks = body.customers.map((c: { probability: number }) => c.probability);
    expect(risks).toEqual([...risks].sort((a, b) => b - a));
    const top = body.customers[0];
    expect(top.reasons.length).toBeGreaterThanOrEqual(1);
    expect(top.reasons.length).toBeLessThanOrEqual(3);
    for (const r of top.reasons) {
      expect(r.en).toMatch(/[a-z]/);
      expect(r.ru).toMatch(/[а-я]/);
    }
    const impacts = top.reasons.map((r: { impact: number }) => r.impact);
    expect(impacts).toEqual([...impacts].sort((a, b) => b - a));
    const texts = body.customers.flatMap((c: { reasons: { en: string }[] }) =>
      c.reasons.map((r) => r.en),
    );
    expect(texts.some((x: string) => /^no order for \d+ days/.test(x))).toBe(true);

    const byValue = (await get('analytics/churn-risk?sort=value&pageSize=50')).json();
    const values = byValue.customers.map((c: { valueAtRisk: string }) => Number(c.valueAtRisk));
    expect(values).toEqual([...values].sort((a, b) => b - a));
    expect(Number(byValue.customers[0].valueAtRisk)).toBeCloseTo(
      byValue.customers[0].probability * Number(byValue.customers[0].clv),
      1,
    );
    const flagged = (await get('analytics/churn-risk?atRiskOnly=true&pageSize=100')).json();
    expect(flagged.total).toBe(body.totals.atRisk);
    expect(flagged.customers.every((c: { atRisk: boolean }) => c.atRisk)).toBe(true);
    const page2 = (await get('analytics/churn-risk?pageSize=10&page=2')).json();
    expect(page2.customers[0].id).toBe(body.customers[10].id);
  });

  it('applies filters and scope, and refuses bad parameters and clients', async () => {
    const all = (await get('analytics/churn-risk')).json();
    const north = (await get('analytics/churn-risk?pageSize=100', people.northManager)).json();
    expect(north.totals.customers).toBeGreaterThan(0);
    expect(north.totals.customers).toBeLessThan(all.totals.customers);
    expect(north.customers.every((c: { region: string }) => c.region === 'North')).toBe(true);
    const asAdmin = (await get('analytics/churn-risk?region=North')).json();
    expect(asAdmin.totals).toEqual(north.totals);
    expect((await get('analytics/churn-risk?region=South', people.northManager)).statusCode).toBe(
      403,
    );
    expect((await get('analytics/churn-risk', people.clientA)).statusCode).toBe(403);
    for (const bad of [
      'sort=age',
      'minProbability=2',
      'atRiskOnly=yes',
      'colour=red',
      'region=Atlantis',
    ]) {
      const res = await get(`analytics/churn-risk?${bad}`);
      expect(res.statusCode, bad).toBe(400);
      expect(res.json().message, bad).toBeTruthy();
    }
  });

  it('shows the churn scores on the customer card', async () => {
    const top = (await get('analytics/churn-risk?pageSize=1')).json().customers[0];
    const card = (await get(`users/${top.id}`)).json();
    expect(card.score).toMatchObject({
      churnProbability: top.probability,
      atRisk: top.atRisk,
      clv: top.clv,
      reasons: top.reasons,
    });
    expect(Number(card.score.valueAtRisk)).toBeCloseTo(Number(top.valueAtRisk), 1);
    expect(card.score.pAlive).toBeGreaterThan(0);
  });

  it('runs as a job started over the API', async () => {
    const job = await runJob('churn-prediction');
    expect(job).toMatchObject({ kind: 'churn', status: 'succeeded', error: null });
    expect(job.progress.some((m: string) => m.startsWith('held-out ROC-AUC'))).toBe(true);
    const client = await t.app.inject({
      method: 'POST',
      url: '/api/v1/analytics/churn-prediction',
      headers: tma(people.clientA),
    });
    expect(client.statusCode).toBe(403);
  });

  it('backtests the models on past cutoffs, as a job over the API', async () => {
    const job = await runJob('backtest');
    expect(job).toMatchObject({ kind: 'backtest', status: 'succeeded', error: null });
    const { rows, stepDays } = job.metrics;
    expect(stepDays).toBe(90);
    expect(rows[0].cutoff).toBe(isoOf(today - 90));
    expect(rows.map((r: { cutoff: string }) => r.cutoff)).toEqual(
      rows.map((_: unknown, k: number) => isoOf(today - 90 * (k + 1))),
    );
    const judged = rows[0].churn;
    expect(judged.customers).toBeGreaterThan(100);
    for (const name of ['random_forest', 'gradient_boosting', 'logistic_rfm', 'recency']) {
      expect(judged.judged[name]).toBeGreaterThan(0.5);
    }
    expect(judged.chosen).toBe(
      judged.verdict.treeServes ? judged.verdict.bestTree : judged.verdict.bestBaseline,
    );
    // Each cutoff's CLV holdout counts what happened in the 90 days after it.
    const clv = rows[0].clv;
    const after = await t.app.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM analytics_customer_days d
       WHERE d.day > $1::date AND d.day <= $1::date + 90
         AND EXISTS (SELECT 1 FROM analytics_customer_days e
                     WHERE e.customer_id = d.customer_id AND e.day <= $1::date)`,
      [rows[0].cutoff],
    );
    expect(clv.actual).toBe(after.rows[0]!.n);
  });

  it('reads nothing after its as-of day: the same model once later data is deleted', async () => {
    const asOf = today - 120;
    const before = await trainChurn(t.app.db, { ...options, asOf });
    const cut = new Date(`${isoOf(asOf + 1)}T00:00:00Z`);
    const prisma = t.app.prisma;
    const later = await prisma.order.count({ where: { placedAt: { gte: cut } } });
    expect(later).toBeGreaterThan(100);
    await prisma.order.deleteMany({ where: { placedAt: { gte: cut } } });
    await prisma.event.deleteMany({ where: { occurredAt: { gte: cut } } });
    await prisma.contract.deleteMany({ where: { startAt: { gte: cut } } });
    await prisma.contract.updateMany({ where: { endAt: { gte: cut } }, data: { endAt: null } });
    await prisma.offerAssignment.deleteMany({ where: { assignedAt: { gte: cut } } });
    await prisma.offerAssignment.updateMany({
      where: { redeemedAt: { gte: cut } },
      data: { redeemedAt: null, orderId: null },
    });
    await refreshDerived(t.app.db, t.app.config.analytics);
    const after = await trainChurn(t.app.db, { ...options, asOf });
    expect(await probabilities(after.id)).toEqual(await probabilities(before.id));
    const figures = (run: typeof before) =>
      Object.values((run.metrics as unknown as { models: Record<string, Evaluation> }).models).map(
        (e) => [e.rocAuc, e.prAuc, e.brier, e.atThreshold],
      );
    expect(figures(after)).toEqual(figures(before));
  });
});
