// The CLV job through the product: the CDNOW sample imported like any business, trained as of
// the end of the published calibration period (1997-09-30), must find the published fits.
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '@retention/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasSharedData, sharedDataDir } from '../../test/requirements.ts';
import { dayOf } from '../src/analytics/periods.ts';
import { refreshDerived } from '../src/analytics/refresh.ts';
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

  it('fails with a clear message when there is no history, and records the failure', async () => {
    await expect(trainClv(t.db, { asOf: dayOf('1990-01-01') })).rejects.toThrow(
      /at least 10 customers up to 1990-01-01; found 0/,
    );
    const failed = await t.db.prisma.modelRun.findFirst({ where: { status: 'failed' } });
    expect(failed?.error).toMatch(/found 0/);
  });
});
