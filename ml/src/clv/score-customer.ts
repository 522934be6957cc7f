// One customer's CLV figures from the fitted BG/NBD and Gamma-Gamma parameters: P(alive),
// expected purchases over 30/90/365 days, expected order value, and the value of the expected
// purchases month by month over the horizon, discounted.
import { type BgNbdParams, expectedPurchases, pAlive, type Summary } from './bgnbd.ts';
import { expectedOrderValue, type GammaGammaParams } from './gamma-gamma.ts';

/** Time unit of the fits: weeks, as in the published CDNOW results. */
export const daysPerUnit = 7;
const unitsPerMonth = 30.4375 / daysPerUnit;

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
): ClvScore {
  const expected = (days: number) => expectedPurchases(bg, h, days / daysPerUnit);
  const orderValue = gg ? expectedOrderValue(gg, { x: h.x, mean: h.mean }) : h.mean;
  let clv = 0;
  let before = 0;
  for (let m = 1; m <= horizonMonths; m++) {
    const upTo = expectedPurchases(bg, h, m * unitsPerMonth);
    clv += ((upTo - before) * orderValue) / (1 + monthlyDiscount) ** m;
    before = upTo;
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
