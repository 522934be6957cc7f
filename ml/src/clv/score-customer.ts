// One customer's CLV figures from the fitted BG/NBD and Gamma-Gamma parameters: P(alive),
// expected purchases over 30/90/365 days, expected order value, and the value of the expected
// purchases month by month over the horizon, discounted; with a clear seasonal pattern, each
// calendar month's share of the forecast scaled by its index.
import { type BgNbdParams, expectedPurchases, pAlive, type Summary } from './bgnbd.ts';
import { expectedOrderValue, type GammaGammaParams } from './gamma-gamma.ts';
import { seasonalExpected } from './seasonality.ts';

/** Time unit of the fits: weeks, as in the published CDNOW results. */
export const daysPerUnit = 7;
const daysPerMonth = 30.4375;

/** A seasonal index (per calendar month, mean 1) and the day number of the last day of history. */
export interface Season {
  index: readonly number[];
  day: number;
}

/** A customer's purchase history in weeks (x repeat purchase days, tx and T in weeks). */
export interface ClvHistory extends Summary {
  customerId: number;
  /** Mean value of the repeat purchase days (0 without repeats). */
  mean: number;
}

export interface ClvScore {
  customerId: number;
  pAlive: number;
  expected30: number;
  expected90: number;
  expected365: number;
  orderValue: number;
  clv: number;
}

export function scoreCustomer(
  bg: BgNbdParams,
  gg: GammaGammaParams | null,
  h: ClvHistory,
  horizonMonths: number,
  monthlyDiscount: number,
  season: Season | null = null,
): ClvScore {
  const known = new Map<number, number>();
  // Month boundaries are asked for twice (end of one month, start of the next).
  const cumulative = (days: number) => {
    const seen = known.get(days);
    if (seen !== undefined) return seen;
    const v = expectedPurchases(bg, h, days / daysPerUnit);
    known.set(days, v);
    return v;
  };
  const between = (from: number, to: number) =>
    season
      ? seasonalExpected(cumulative, season.day, from, to, season.index)
      : cumulative(to) - cumulative(from);
  const expected = (days: number) => between(0, days);
  const orderValue = gg ? expectedOrderValue(gg, { x: h.x, mean: h.mean }) : h.mean;
  let clv = 0;
  for (let m = 1; m <= horizonMonths; m++) {
    const month = between((m - 1) * daysPerMonth, m * daysPerMonth);
    clv += (month * orderValue) / (1 + monthlyDiscount) ** m;
  }
  return {
    customerId: h.customerId,
    pAlive: pAlive(bg, h),
    expected30: expected(30),
    expected90: expected(90),
    expected365: expected(365),
    orderValue,
    clv,
  };
}
