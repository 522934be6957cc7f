// An annual pattern in the business's purchase days, and forecasts scaled by it. BG/NBD gives
// each customer one rate, their average over the seasons; a shop that sells twice as much in
// December is then under-forecast over December and over-forecast over summer. The index is
// the classical ratio-to-moving-average one; it is used only when it is clear.
import { pearson } from '../evaluate.ts';

/** Days are whole days since 1970-01-01 (UTC), as the server's day numbers. */
const msPerDay = 86_400_000;
export const minMonths = 24;
export const minAmplitude = 0.2;
export const minAgreement = 0.5;

export interface Seasonality {
  /** Full calendar months of data. */
  months: number;
  detected: boolean;
  /** Seasonal index per calendar month (0 = January), mean 1; null under 24 months. */
  index: number[] | null;
  /** Max − min of the index. */
  amplitude: number | null;
  /** Pearson correlation of the two latest years' monthly ratios to the trend. */
  agreement: number | null;
  why: string;
}

export function monthOf(day: number): number {
  return new Date(day * msPerDay).getUTCMonth();
}

/** Last day of the calendar month holding `day`. */
function monthEnd(day: number): number {
  const d = new Date(day * msPerDay);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0) / msPerDay;
}

/** Purchase days per day, averaged over each full calendar month from the first data day up to
 * `asOf` (a rate, so February is not a dip for being short). */
function monthlyRates(daily: readonly { day: number; total: number }[], asOf: number) {
  const first = daily[0]?.day;
  if (first === undefined) return { firstMonth: 0, rates: [] };
  // The first full month starts on or after the first day with data.
  let start = new Date(first * msPerDay).getUTCDate() === 1 ? first : monthEnd(first) + 1;
  const firstMonth = monthOf(start);
  const totals = new Map(daily.map((d) => [d.day, d.total]));
  const rates: number[] = [];
  while (monthEnd(start) <= asOf) {
    const end = monthEnd(start);
    let sum = 0;
    for (let d = start; d <= end; d++) sum += totals.get(d) ?? 0;
    rates.push(sum / (end - start + 1));
    start = end + 1;
  }
  return { firstMonth, rates };
}

const fixed = (v: number) => v.toFixed(2);

/**
 * Seasonal index from daily purchase-day totals (days with none may be left out) up to `asOf`:
 * monthly rate over a centred 2×12 moving average, averaged per calendar month, mean 1.
 * "Clear" needs 24 full months, an amplitude of 0.2 and the two latest years agreeing.
 */
export function detectSeasonality(
  daily: readonly { day: number; total: number }[],
  asOf: number,
): Seasonality {
  const sorted = [...daily].filter((d) => d.day <= asOf).sort((a, b) => a.day - b.day);
  const { firstMonth, rates: y } = monthlyRates(sorted, asOf);
  const months = y.length;
  const none = { months, detected: false, index: null, amplitude: null, agreement: null };
  if (months < minMonths) {
    return { ...none, why: `${months} months of data; seasonality needs ${minMonths}` };
  }
  const calendar = (i: number) => (firstMonth + i) % 12;
  const ratios: number[][] = Array.from({ length: 12 }, () => []);
  for (let i = 6; i + 6 < months; i++) {
    let ma = (y[i - 6]! + y[i + 6]!) / 2;
    for (let k = i - 5; k <= i + 5; k++) ma += y[k]!;
    ma /= 12;
    if (!(ma > 0)) return { ...none, why: 'months without purchases: no seasonal index' };
    ratios[calendar(i)]!.push(y[i]! / ma);
  }
  const raw = ratios.map((r) => r.reduce((a, b) => a + b, 0) / r.length);
  const mean = raw.reduce((a, b) => a + b, 0) / 12;
  const index = raw.map((v) => v / mean);
  const amplitude = Math.max(...index) - Math.min(...index);
  const agreement = latestYearsAgree(y.slice(-24));
  const detected = amplitude >= minAmplitude && agreement !== null && agreement >= minAgreement;
  const said = `amplitude ${fixed(amplitude)} (needs ${minAmplitude}), the two latest years' correlation ${agreement === null ? 'undefined' : fixed(agreement)} (needs ${minAgreement})`;
  return {
    months,
    detected,
    index,
    amplitude,
    agreement,
    why: `${detected ? 'clear annual pattern' : 'no clear annual pattern'} over ${months} months: ${said}`,
  };
}

/** Correlation of two consecutive years' ratios to a straight-line trend fitted over both (the
 * moving average leaves only one year of ratios from 24 months; a line keeps a growing or
 * shrinking shop from looking seasonal). */
function latestYearsAgree(y: readonly number[]): number | null {
  const n = y.length;
  const mx = (n - 1) / 2;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  y.forEach((v, i) => {
    sxy += (i - mx) * (v - my);
    sxx += (i - mx) ** 2;
  });
  const slope = sxy / sxx;
  const ratio = y.map((v, i) => v / (my + slope * (i - mx)));
  if (!ratio.every(Number.isFinite) || ratio.some((r) => r < 0)) return null;
  return pearson(ratio.slice(0, 12), ratio.slice(12));
}

/**
 * Expected purchases over (from, to] days after day `day0`, each calendar month's share of the
 * cumulative forecast `expected(days)` scaled by that month's index (the model's rate being
 * the customer's average over the seasons).
 */
export function seasonalExpected(
  expected: (days: number) => number,
  day0: number,
  from: number,
  to: number,
  index: readonly number[],
): number {
  let total = 0;
  let lo = from;
  while (lo < to) {
    const day = day0 + Math.floor(lo) + 1;
    const hi = Math.min(to, monthEnd(day) - day0);
    total += (expected(hi) - expected(lo)) * index[monthOf(day)]!;
    lo = hi;
  }
  return total;
}
