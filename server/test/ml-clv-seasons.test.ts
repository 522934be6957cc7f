// The CLV job on a shop with a planted annual pattern (busy Novembers and Decembers): three
// years of generated purchases imported like any business; the run must find the pattern,
// scale its forecasts by it, and show on its holdout (October to December) that scaling helps.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '@retention/db/testing';
import { type BgNbdParams, createRng, scoreCustomer } from '@retention/ml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayOf, isoOf } from '../src/analytics/periods.ts';
import { refreshDerived } from '../src/analytics/refresh.ts';
import { historiesAsOf } from '../src/ml/clv/clv-data.ts';
import { trainClv } from '../src/ml/clv/train-clv.ts';
import { importFile, scratchDir } from './helpers/import.ts';

const planted = [0.9, 0.85, 0.95, 0.95, 1, 0.9, 0.8, 0.85, 1, 1.05, 1.35, 1.4];

/** CDNOW-format lines: 400 customers arriving in 2021's first quarter, each buying on a day
 * with probability rate × the month's factor, and leaving for good after 1% of purchases. */
function shop(): string {
  const rng = createRng(11);
  const lines: string[] = [];
  const start = dayOf('2021-01-01');
  const end = dayOf('2023-12-31');
  for (let c = 1; c <= 400; c++) {
    const rate = 0.02 + 0.06 * rng.next();
    let d = start + rng.int(90);
    for (; d <= end; d++) {
      const first = lines.length === 0 || !lines.at(-1)?.startsWith(` ${c} `);
      const month = new Date(d * 86_400_000).getUTCMonth();
      if (!first && rng.next() >= rate * (planted[month] as number)) continue;
      lines.push(` ${c} ${c} ${isoOf(d).replaceAll('-', '')} 1 ${(10 + rng.int(40)).toFixed(2)}`);
      if (!first && rng.next() < 0.01) break;
    }
  }
  return `${lines.join('\n')}\n`;
}

describe('CLV job on a seasonal shop', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
    const file = path.join(await scratchDir(), 'seasonal.txt');
    await writeFile(file, shop());
    await importFile(t.db, file, { kind: 'cdnow', source: 'seasonal' });
    await refreshDerived(t.db, { windowDays: 90, timeZone: 'UTC' });
  });
  afterAll(() => t?.drop());

  it('finds the pattern, scales its forecasts, and measures the scaling on the holdout', async () => {
    const messages: string[] = [];
    const asOf = dayOf('2023-12-31');
    const run = await trainClv(t.db, { asOf, onProgress: (m) => messages.push(m) });
    type F = { expected: number; biasPct: number };
    const m = run.metrics as {
      seasonality: { months: number; detected: boolean; index: number[] };
      holdout: { actual: number; model: F; seasonal: F; seasonalWhy: string };
    };
    expect(m.seasonality).toMatchObject({ months: 36, detected: true });
    const mean = planted.reduce((a, b) => a + b, 0) / 12;
    m.seasonality.index.forEach((v, i) => {
      expect(Math.abs(v - (planted[i] as number) / mean), `month ${i}`).toBeLessThan(0.1);
    });
    // October to December is the busy end of the year: the average rate under-forecasts it.
    const { model, seasonal } = m.holdout;
    expect(model.biasPct).toBeLessThan(0);
    expect(Math.abs(seasonal.biasPct)).toBeLessThan(Math.abs(model.biasPct));
    expect(m.holdout.seasonalWhy).toMatch(/^clear annual pattern over 33 months/);
    expect(messages.some((x) => x.startsWith('Holdout scaled by the seasonal index: model'))).toBe(
      true,
    );

    // The scores are the scaled ones: January (index < 1) gets less than the average rate.
    const artefact = run.artefact as unknown as { bgnbd: BgNbdParams; seasonalIndex: number[] };
    const h = (await historiesAsOf(t.db, asOf)).find((x) => x.x > 5);
    if (!h) throw new Error('no repeat customer');
    const stored = await t.db.prisma.customerScore.findFirst({
      where: { modelRunId: run.id, customerId: h.customerId },
    });
    const unscaled = scoreCustomer(artefact.bgnbd, null, h, 12, 0.01);
    const details = stored?.details as { expectedPurchases30: number };
    const january = (artefact.seasonalIndex[0] as number) * unscaled.expected30;
    expect(details.expectedPurchases30).toBeCloseTo(january, 6);
  });
});
