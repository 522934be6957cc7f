// Per-customer features for segmentation, as of a day: RFM, tenure, order value and event
// activity in the last 90 days (read by the server's featuresAsOf,
// server/src/ml/segments/features-as-of.ts), log-scaled (they are heavy-tailed) and standardised.

export const featureNames = [
  'recency days',
  'orders',
  'revenue',
  'tenure days',
  'order value',
  'event days (90)',
] as const;

export interface Scaling {
  mean: number[];
  sd: number[];
}

/** log1p, then z-scores; a constant feature gets sd 1 (all zeros) instead of NaN. */
export function standardise(rows: number[][]): { data: number[][]; scaling: Scaling } {
  const logged = rows.map((r) => r.map((v) => Math.log1p(Math.max(0, v))));
  const width = logged[0]?.length ?? 0;
  const mean = new Array<number>(width).fill(0);
  const sd = new Array<number>(width).fill(0);
  for (const r of logged) {
    r.forEach((v, i) => {
      mean[i] = (mean[i] as number) + v / logged.length;
    });
  }
  for (const r of logged) {
    r.forEach((v, i) => {
      sd[i] = (sd[i] as number) + (v - (mean[i] as number)) ** 2 / logged.length;
    });
  }
  for (let i = 0; i < width; i++) sd[i] = Math.sqrt(sd[i] as number) || 1;
  return {
    data: logged.map((r) => r.map((v, i) => (v - (mean[i] as number)) / (sd[i] as number))),
    scaling: { mean, sd },
  };
}
