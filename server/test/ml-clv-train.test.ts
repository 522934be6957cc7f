// The CLV job through the product: the CDNOW sample imported like any business, trained as of
// the end of the published calibration period (1997-09-30), must find the published fits.
import path from 'node:path';
import { ClvCard } from '@retention/contracts';
import { createTestDatabase, type TestDatabase } from '@retention/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasSharedData, sharedDataDir } from '../../test/requirements.ts';
import { dayOf } from '../src/analytics/periods.ts';
import { refreshDerived } from '../src/analytics/refresh.ts';
import { readClv } from '../src/ml/clv/read-clv.ts';
import { trainClv } from '../src/ml/clv/train-clv.ts';
import { importFile } from './helpers/import.ts';

const settings = { windowDays: 90, timeZone: 'UTC' };

describe.runIf(hasSharedData())('CLV job on the CDNOW sample', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
    await importFile(t.db, path.join(sharedDataDir, 'cdnow', 'CDNOW_sample.txt'), {
      kind: 'cdnow',
      source: 'cdnow',
    });
    await refreshDerived(t.db, settings);
  });
  afterAll(() => t?.drop());

  it('reproduces the published BG/NBD and Gamma-Gamma fits as of 1997-09-30', async () => {
    const messages: string[] = [];
    const run = await trainClv(t.db, {
      asOf: dayOf('1997-09-30'),
      onProgress: (m) => messages.push(m),
    });
    expect(run.status).toBe('succeeded');
    const m = run.metrics as {
      customers: number;
      repeaters: number;
      bgnbd: { r: number; alpha: number; a: number; b: number; logLikelihood: number };
      gammaGamma: { p: number; q: number; gamma: number; customers: number };
    };
    expect([m.customers, m.repeaters]).toEqual([2357, 946]);
    expect(Math.abs(m.bgnbd.r - 0.243)).toBeLessThan(0.005);
    expect(Math.abs(m.bgnbd.alpha - 4.414)).toBeLessThan(0.05);
    expect(Math.abs(m.bgnbd.a - 0.793)).toBeLessThan(0.01);
    expect(Math.abs(m.bgnbd.b - 2.426)).toBeLessThan(0.03);
    expect(Math.abs(m.bgnbd.logLikelihood - -9582.4)).toBeLessThan(0.5);
    // Mean repeat values come from the imported orders (cents exact), not the rounded zbar of
    // the summary file, so the spend fit is close to, not exactly, the published one.
    expect(m.gammaGamma.customers).toBe(946);
    expect(Math.abs(m.gammaGamma.p - 6.25)).toBeLessThan(0.1);
    expect(Math.abs(m.gammaGamma.q - 3.74)).toBeLessThan(0.1);
    expect(Math.abs(m.gammaGamma.gamma - 15.44)).toBeLessThan(0.5);
    expect(messages.some((x) => x.startsWith('BG/NBD r=0.24'))).toBe(true);

    const scores = await t.db.prisma.customerScore.findMany({ where: { modelRunId: run.id } });
    expect(scores).toHaveLength(2357);
    for (const s of scores) {
      expect(s.pAlive).toBeGreaterThan(0);
      expect(s.pAlive).toBeLessThanOrEqual(1);
      expect(Number(s.clv)).toBeGreaterThanOrEqual(0);
      expect(Number.isFinite(s.expectedPurchases)).toBe(true);
    }
    // Later data is ignored: the holdout weeks (after 1997-09-30) changed nothing above.
  });

  it('checks its forecasts on a 90-day holdout against two baselines, and looks for seasons', async () => {
    const messages: string[] = [];
    const run = await trainClv(t.db, {
      asOf: dayOf('1997-09-30'),
      onProgress: (m) => messages.push(m),
    });
    type F = { expected: number; biasPct: number; spearman: number; topDecile: number };
    const m = run.metrics as {
      holdout: { calibrationEnd: string; customers: number; actual: number } & Record<
        'model' | 'naiveRate' | 'lastPeriod',
        F
      >;
      seasonality: { months: number; detected: boolean; why: string; note: string };
    };
    const h = m.holdout;
    expect(h.calibrationEnd).toBe('1997-07-02');
    // Every sample customer bought first in 1997's first quarter; the actual purchase days
    // are those after the calibration end, counted as the fit counts them (one per day).
    expect(h.customers).toBe(2357);
    const direct = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM analytics_customer_days
       WHERE day > '1997-07-02' AND day <= '1997-09-30'`,
    );
    expect(h.actual).toBe(direct.rows[0]?.n);
    // The naive rate from the same histories: repeat days / age × 90 days.
    const naive = await t.db.query<{ n: number }>(
      `SELECT sum((count_before - 1) / (DATE '1997-07-02' - first)::float8 * 90)::float8 AS n
       FROM (SELECT count(*) AS count_before, min(day) AS first FROM analytics_customer_days
             WHERE day <= '1997-07-02' GROUP BY customer_id) c`,
    );
    expect(h.naiveRate.expected).toBeCloseTo(Number(naive.rows[0]?.n), 6);
    for (const f of [h.model, h.naiveRate, h.lastPeriod]) {
      expect(f.spearman).toBeGreaterThan(0);
      expect(f.spearman).toBeLessThan(1);
      // The top 10% by any of these forecasts made more than a tenth of what happened.
      expect(f.topDecile).toBeGreaterThan(0.1);
      expect(f.topDecile).toBeLessThan(1);
    }
    expect(Math.abs(h.model.biasPct)).toBeLessThan(Math.abs(h.naiveRate.biasPct));
    expect(m.seasonality).toMatchObject({
      months: 9,
      detected: false,
      why: '9 months of data; seasonality needs 24',
    });
    expect(m.seasonality.note).toMatch(/seasonal peak may be biased \(the 90-day holdout's bias/);
    expect(messages.some((x) => /^Holdout 1997-07-02 → 1997-09-30: 2357 customers/.test(x))).toBe(
      true,
    );
    // The card shows the newest run's check, in the API's schema.
    const card = ClvCard.parse(await readClv(t.db.prisma));
    expect(card.run?.id).toBe(run.id);
    expect(card.holdout?.model.expected).toBe(h.model.expected);
    expect(card.holdout?.naiveRate.topDecile).toBe(h.naiveRate.topDecile);
    expect(card.seasonality?.why).toBe(m.seasonality.why);
  });

  it('trains without a holdout when the history before it is too short, and says why', async () => {
    const run = await trainClv(t.db, { asOf: dayOf('1997-03-31'), holdoutDays: 90 });
    const m = run.metrics as { holdout: unknown; holdoutWhy: string };
    expect(m.holdout).toBeNull();
    expect(m.holdoutWhy).toBe(
      "0 customers had bought by the calibration end (90 days before the run's day); the holdout needs 10",
    );
  });

  it('fails with a clear message when there is no history, and records the failure', async () => {
    await expect(trainClv(t.db, { asOf: dayOf('1990-01-01') })).rejects.toThrow(
      /at least 10 customers up to 1990-01-01; found 0/,
    );
    const failed = await t.db.prisma.modelRun.findFirst({ where: { status: 'failed' } });
    expect(failed?.error).toMatch(/found 0/);
  });
});
