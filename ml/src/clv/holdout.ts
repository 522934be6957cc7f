// The calibration holdout: BG/NBD fitted on the histories as of H days before the run's day,
// its forecast of each customer's purchase days over those H days set against what happened,
// and against two forecasts anyone could make without a model. A model that does not beat
// "the same rate as before" has not earned its place.
import { spearman, topShare } from '../evaluate.ts';
import { type BgNbdParams, expectedPurchases, fitBgNbd, type Summary } from './bgnbd.ts';
import type { Season } from './score-customer.ts';
import { seasonalExpected } from './seasonality.ts';

export const minHoldoutCustomers = 10;

/** A customer as of the calibration end: x, t_x, T in weeks (daysPerUnit), and two counts. */
export interface HoldoutRow extends Summary {
  /** Purchase days in the H days after the calibration end (all repeats: they bought before). */
  actual: number;
  /** Repeat purchase days in the last H days of the calibration period (the first purchase is
   * the customer arriving, not the behaviour being carried forward). */
  lastPeriod: number;
}

export interface Forecast {
  expected: number;
  /** (expected − actual) / actual, in %; null when nothing was bought. */
  biasPct: number | null;
  /** Rank correlation of expected and actual per customer; null when either is constant. */
  spearman: number | null;
  /** Share of the actual purchase days made by the 10% of customers ranked highest. */
  topDecile: number | null;
}

export interface Holdout {
  horizonDays: number;
  customers: number;
  repeaters: number;
  actual: number;
  bgnbd: BgNbdParams;
  model: Forecast;
  naiveRate: Forecast;
  lastPeriod: Forecast;
  /** The model's forecast scaled by a seasonal index, when one was given. */
  seasonal?: Forecast;
}

export interface HoldoutOptions {
  horizonDays: number;
  /** Days per time unit of the summaries (7: weeks). */
  daysPerUnit: number;
  /** Seasonal index known at the calibration end, and that day's number, to scale by. */
  season?: Season | null;
}

function forecast(expected: readonly number[], actual: readonly number[], total: number): Forecast {
  const sum = expected.reduce((a, b) => a + b, 0);
  return {
    expected: sum,
    biasPct: total > 0 ? ((sum - total) / total) * 100 : null,
    spearman: spearman(expected, actual),
    topDecile: topShare(expected, actual, 0.1),
  };
}

/** The holdout figures, or why there are none (too little history to fit on). */
export function runHoldout(
  rows: readonly HoldoutRow[],
  o: HoldoutOptions,
): { holdout: Holdout; why: null } | { holdout: null; why: string } {
  const repeaters = rows.filter((r) => r.x > 0).length;
  if (rows.length < minHoldoutCustomers) {
    return {
      holdout: null,
      why: `${rows.length} customers had bought by the calibration end (${o.horizonDays} days before the run's day); the holdout needs ${minHoldoutCustomers}`,
    };
  }
  if (repeaters === 0) {
    return {
      holdout: null,
      why: `no customer had bought twice by the calibration end (${o.horizonDays} days before the run's day): nothing to fit the holdout on`,
    };
  }
  const bg = fitBgNbd(rows).params;
  const t = o.horizonDays / o.daysPerUnit;
  const model = rows.map((r) => expectedPurchases(bg, r, t));
  if (!model.every(Number.isFinite)) {
    return { holdout: null, why: 'the holdout fit is degenerate: its forecasts are not numbers' };
  }
  const actual = rows.map((r) => r.actual);
  const total = actual.reduce((a, b) => a + b, 0);
  // "The same rate as before": repeat purchase days per unit of age, over the horizon.
  const naive = rows.map((r) => (r.T > 0 ? (r.x / r.T) * t : 0));
  const last = rows.map((r) => r.lastPeriod);
  const season = o.season;
  return {
    holdout: {
      horizonDays: o.horizonDays,
      customers: rows.length,
      repeaters,
      actual: total,
      bgnbd: bg,
      model: forecast(model, actual, total),
      naiveRate: forecast(naive, actual, total),
      lastPeriod: forecast(last, actual, total),
      ...(season
        ? {
            seasonal: forecast(
              rows.map((r) =>
                seasonalExpected(
                  (days) => expectedPurchases(bg, r, days / o.daysPerUnit),
                  season.day,
                  0,
                  o.horizonDays,
                  season.index,
                ),
              ),
              actual,
              total,
            ),
          }
        : {}),
    },
    why: null,
  };
}
