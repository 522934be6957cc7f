// The CLV model's own check: Spearman on hand-worked values, the holdout's baselines on a tiny
// hand-made set of histories, and the seasonal index on generated daily data.
import { describe, expect, it } from 'vitest';
import { expectedPurchases, fitBgNbd } from '../src/clv/bgnbd.ts';
import { type HoldoutRow, runHoldout } from '../src/clv/holdout.ts';
import { detectSeasonality, seasonalExpected } from '../src/clv/seasonality.ts';
import { averageRanks, pearson, spearman, topShare } from '../src/evaluate.ts';
import { createRng } from '../src/random.ts';

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

describe('Spearman rank correlation', () => {
  it('ranks ties by their average rank', () => {
    expect(averageRanks([10, 20, 20, 30])).toEqual([1, 2.5, 2.5, 4]);
    expect(averageRanks([0, 0, 0, 5, 1])).toEqual([2, 2, 2, 5, 4]);
  });

  it('matches hand-worked values, with and without ties', () => {
    // No ties: d = rank differences (0, 0, -1, 1, 0), rho = 1 - 6·2 / (5·24) = 0.9.
    expect(spearman([1, 2, 3, 4, 5], [5, 6, 8, 7, 10])).toBeCloseTo(0.9, 12);
    // Ties: ranks x (1, 2.5, 2.5, 4), y (1, 2, 3, 4); centred (-1.5, 0, 0, 1.5) and
    // (-1.5, -0.5, 0.5, 1.5): 4.5 / sqrt(4.5 · 5) = 0.948683...
    expect(spearman([1, 2, 2, 3], [1, 2, 3, 4])).toBeCloseTo(3 / Math.sqrt(10), 12);
    expect(spearman([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
    // A constant side has no ranking to compare.
    expect(spearman([0, 0, 0], [1, 2, 3])).toBeNull();
    // Centred (-1, 0, 1) and (-13/6, -1/6, 7/3): 4.5 / sqrt(2 · 61/6) = 0.997949...
    expect(pearson([1, 2, 3], [2, 4, 6.5])).toBeCloseTo(0.997949, 6);
  });
});

describe('the top-decile share', () => {
  it('counts what the highest-ranked made, ties at the cut in proportion', () => {
    const forecast = [5, 4, 4, 1, 0, 0, 0, 0, 0, 0];
    const actual = [3, 0, 2, 1, 0, 1, 0, 0, 0, 1];
    // 8 happened. Top 1: the 5 made 3. Top 2: 3 + half of the tied 4s' 2.
    expect(topShare(forecast, actual, 0.1)).toBeCloseTo(3 / 8, 12);
    expect(topShare(forecast, actual, 0.2)).toBeCloseTo(4 / 8, 12);
    // Top 5: 3 + 2 + 1, and one of the six tied zeros, which made 2 between them.
    expect(topShare(forecast, actual, 0.5)).toBeCloseTo((6 + 2 / 6) / 8, 12);
    // A rule that tells no one apart holds its share, whatever order the rows came in.
    expect(topShare(Array(10).fill(1), actual, 0.1)).toBeCloseTo(0.1, 12);
    expect(topShare(forecast, Array(10).fill(0), 0.1)).toBeNull();
  });
});

describe('the calibration holdout', () => {
  // Twelve customers as of the calibration end (x repeat days, t_x and T in weeks), their
  // purchase days in the 91 days after it (13 weeks) and their repeat days in the 91 before.
  const rows: HoldoutRow[] = [
    { x: 0, tx: 0, T: 26, actual: 0, lastPeriod: 0 },
    { x: 0, tx: 0, T: 13, actual: 1, lastPeriod: 0 },
    { x: 0, tx: 0, T: 0, actual: 0, lastPeriod: 0 },
    { x: 1, tx: 2, T: 26, actual: 0, lastPeriod: 0 },
    { x: 2, tx: 20, T: 26, actual: 1, lastPeriod: 1 },
    { x: 4, tx: 25, T: 26, actual: 3, lastPeriod: 2 },
    { x: 3, tx: 10, T: 20, actual: 0, lastPeriod: 0 },
    { x: 6, tx: 26, T: 26, actual: 4, lastPeriod: 3 },
    { x: 1, tx: 13, T: 13, actual: 2, lastPeriod: 1 },
    { x: 0, tx: 0, T: 20, actual: 0, lastPeriod: 0 },
    { x: 2, tx: 8, T: 13, actual: 1, lastPeriod: 0 },
    { x: 5, tx: 19, T: 26, actual: 2, lastPeriod: 1 },
  ];
  const o = { horizonDays: 91, daysPerUnit: 7 };

  it('sets the model against the naive rate and the last period on the same customers', () => {
    const { holdout, why } = runHoldout(rows, o);
    expect(why).toBeNull();
    if (!holdout) throw new Error('no holdout');
    expect([holdout.customers, holdout.repeaters, holdout.actual]).toEqual([12, 8, 14]);
    // Naive: x / T × 13 weeks = 0.5 + 1 + 2 + 1.95 + 3 + 1 + 2 + 2.5 = 13.95.
    expect(holdout.naiveRate.expected).toBeCloseTo(13.95, 6);
    expect(holdout.naiveRate.biasPct).toBeCloseTo(-0.357, 3);
    // Last period: 0+0+0+0+1+2+0+3+1+0+0+1 = 8, carried forward.
    expect(holdout.lastPeriod.expected).toBe(8);
    expect(holdout.lastPeriod.biasPct).toBeCloseTo(-42.857, 3);
    expect(holdout.lastPeriod.spearman).toBeCloseTo(
      spearman(
        rows.map((r) => r.lastPeriod),
        rows.map((r) => r.actual),
      ) as number,
      12,
    );
    // The model: BG/NBD fitted on these very histories, 13 weeks ahead.
    const bg = fitBgNbd(rows).params;
    const model = rows.reduce((s, r) => s + expectedPurchases(bg, r, 13), 0);
    expect(holdout.model.expected).toBeCloseTo(model, 9);
    expect(holdout.seasonal).toBeUndefined();
  });

  it('scales the model by a seasonal index when given one', () => {
    // An index of 2 for every month doubles the forecast; 1 everywhere leaves it alone.
    const end = day('2024-03-31');
    const flat = runHoldout(rows, { ...o, season: { index: Array(12).fill(1), day: end } });
    const double = runHoldout(rows, { ...o, season: { index: Array(12).fill(2), day: end } });
    const model = flat.holdout?.model.expected as number;
    expect(flat.holdout?.seasonal?.expected).toBeCloseTo(model, 9);
    expect(double.holdout?.seasonal?.expected).toBeCloseTo(2 * model, 9);
  });

  it('says why there is no holdout when the history is too short', () => {
    expect(runHoldout(rows.slice(0, 9), o)).toEqual({
      holdout: null,
      why: "9 customers had bought by the calibration end (91 days before the run's day); the holdout needs 10",
    });
    const noRepeat = rows.map((r) => ({ ...r, x: 0, tx: 0 }));
    expect(runHoldout(noRepeat, o).why).toMatch(/no customer had bought twice/);
  });
});

describe('seasonality', () => {
  // Purchase days per day from `from` for `months` months: 200 a day × a planted index ×
  // a slow growth, with Poisson-like noise.
  function generate(months: number, planted: readonly number[], seed = 7) {
    const rng = createRng(seed);
    const from = day('2021-01-01');
    const to = Date.UTC(2021, months, 0) / 86_400_000;
    const daily = [];
    for (let d = from; d <= to; d++) {
      const mean = 200 * planted[new Date(d * 86_400_000).getUTCMonth()]! * (1 + (d - from) / 2000);
      const noise = Math.sqrt(mean) * (rng.next() + rng.next() + rng.next() - 1.5) * 2;
      daily.push({ day: d, total: Math.max(0, Math.round(mean + noise)) });
    }
    return { daily, asOf: to };
  }
  const planted = Array.from({ length: 12 }, (_, m) => 1 + 0.3 * Math.sin((2 * Math.PI * m) / 12));

  it('recovers a planted annual pattern of ±30% from 36 months', () => {
    const { daily, asOf } = generate(36, planted);
    const s = detectSeasonality(daily, asOf);
    expect(s.months).toBe(36);
    expect(s.detected).toBe(true);
    s.index?.forEach((v, m) => {
      expect(Math.abs(v - planted[m]!), `month ${m}`).toBeLessThan(0.05);
    });
    expect(s.agreement).toBeGreaterThan(0.9);
    expect(s.why).toMatch(/^clear annual pattern over 36 months/);
  });

  it('finds none in a flat series, and says why', () => {
    const { daily, asOf } = generate(36, Array(12).fill(1));
    const s = detectSeasonality(daily, asOf);
    expect(s.detected).toBe(false);
    expect(s.amplitude).toBeLessThan(0.2);
    expect(s.why).toMatch(
      /^no clear annual pattern over 36 months: amplitude 0\.\d\d \(needs 0\.2\)/,
    );
  });

  it('needs 24 full months: 18 are not enough, a partial first and last month do not count', () => {
    const { daily, asOf } = generate(18, planted);
    expect(detectSeasonality(daily, asOf)).toMatchObject({
      months: 18,
      detected: false,
      index: null,
      why: '18 months of data; seasonality needs 24',
    });
    expect(detectSeasonality(daily.slice(10), asOf - 3).months).toBe(16);
  });

  it('scales a forecast by the index of the calendar months it covers', () => {
    const index = [2, ...Array(11).fill(1)]; // January twice as busy
    const linear = (days: number) => days / 10; // 0.1 purchases a day on average
    // 2024-01-21 + (0, 20]: 10 January days (×2) and 10 February days.
    expect(seasonalExpected(linear, day('2024-01-21'), 0, 20, index)).toBeCloseTo(3, 12);
    expect(seasonalExpected(linear, day('2024-03-01'), 0, 30, index)).toBeCloseTo(3, 12);
    // Fractional bounds (the CLV's 30.4375-day months) split at the month's end too:
    // 30.5 January days (×2) and half a February day.
    expect(seasonalExpected(linear, day('2023-12-31'), 0.5, 31.5, index)).toBeCloseTo(6.15, 12);
  });
});
