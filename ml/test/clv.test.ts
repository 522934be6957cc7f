// BG/NBD and Gamma-Gamma against the published CDNOW results (../shared/data/README.md).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasSharedData, sharedDataDir } from '../../test/requirements.ts';
import {
  bgnbdLogLikelihood,
  expectedPurchases,
  expectedPurchasesNew,
  fitBgNbd,
  pAlive,
  type Summary,
} from '../src/clv/bgnbd.ts';
import { expectedOrderValue, fitGammaGamma } from '../src/clv/gamma-gamma.ts';

const published = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

function readCsv(file: string): Record<string, number>[] {
  const [header, ...lines] = readFileSync(path.join(sharedDataDir, 'cdnow', file), 'utf8')
    .trim()
    .split(/\r?\n/);
  const names = (header ?? '').split(',');
  return lines.map((line) => {
    const cells = line.split(',').map(Number);
    return Object.fromEntries(names.map((n, i) => [n, cells[i] as number]));
  });
}

describe('BG/NBD and Gamma-Gamma', () => {
  it('compute the published predictions at the published parameters', () => {
    const customer: Summary = { x: 2, tx: 30.43, T: 38.86 };
    expect(expectedPurchases(published, customer, 39)).toBeCloseTo(1.226, 3);
    // No repeat purchase: nothing suggests the customer left.
    expect(pAlive(published, { x: 0, tx: 0, T: 38.86 })).toBe(1);
    // A repeat buyer silent for long is less likely alive than a recent one.
    expect(pAlive(published, { x: 5, tx: 5, T: 38.86 })).toBeLessThan(
      pAlive(published, { x: 5, tx: 38, T: 38.86 }),
    );
  });

  it.runIf(hasSharedData())('reproduce the published BG/NBD fit on the CDNOW sample', () => {
    const rows = readCsv('cdnow_customers_summary.csv');
    expect(rows).toHaveLength(2357);
    const customers = rows.map((r) => ({ x: r.frequency ?? 0, tx: r.recency ?? 0, T: r.T ?? 0 }));
    const fit = fitBgNbd(customers);
    expect(fit.converged).toBe(true);
    // The fit's grouped likelihood equals the sum of each customer's, term by term.
    const summed = customers.reduce((a, c) => a + bgnbdLogLikelihood(fit.params, c), 0);
    expect(fit.logLikelihood).toBeCloseTo(summed, 6);
    expect(Math.abs(fit.params.r - 0.243)).toBeLessThan(0.005);
    expect(Math.abs(fit.params.alpha - 4.414)).toBeLessThan(0.05);
    expect(Math.abs(fit.params.a - 0.793)).toBeLessThan(0.01);
    expect(Math.abs(fit.params.b - 2.426)).toBeLessThan(0.03);
    expect(Math.abs(fit.logLikelihood - -9582.4)).toBeLessThan(0.5);
    expect(expectedPurchases(fit.params, { x: 2, tx: 30.43, T: 38.86 }, 39)).toBeCloseTo(1.226, 2);
    // E[X(t)] as published (at the fitted parameters), to 3 places.
    const curve = [0.1429, 1, 3, 31.8571, 32, 78].map((t) => expectedPurchasesNew(fit.params, t));
    const expected = [0.0078, 0.0532, 0.1506, 1.0405, 1.0437, 1.8576];
    curve.forEach((v, i) => {
      expect(v).toBeCloseTo(expected[i] as number, 3);
    });
  });

  it.runIf(hasSharedData())('reproduce the published Gamma-Gamma fit on the 946 repeaters', () => {
    const rows = readCsv('cdnow_customers_summary_with_transactions.csv');
    const fit = fitGammaGamma(rows.map((r) => ({ x: r.x ?? 0, mean: r.zbar ?? 0 })));
    expect(fit.customers).toBe(946);
    expect(fit.converged).toBe(true);
    expect(Math.abs(fit.params.p - 6.25)).toBeLessThan(0.05);
    expect(Math.abs(fit.params.q - 3.74)).toBeLessThan(0.05);
    expect(Math.abs(fit.params.gamma - 15.44)).toBeLessThan(0.2);
    expect(Math.abs(fit.logLikelihood - -4055.92)).toBeLessThan(0.5);
    // Shrinkage: one $100 repeat order is expected to be worth less than 100 next time.
    const value = expectedOrderValue(fit.params, { x: 1, mean: 100 });
    expect(value).toBeGreaterThan(35);
    expect(value).toBeLessThan(100);
  });

  it('refuses histories that cannot be and too few spenders', () => {
    expect(() => fitBgNbd([])).toThrow(/at least one customer/);
    expect(() => fitBgNbd([{ x: 1, tx: 5, T: 3 }])).toThrow(/customer 0: not a valid summary/);
    expect(() => fitGammaGamma([{ x: 0, mean: 0 }])).toThrow(/at least 2 repeat customers/);
  });
});
