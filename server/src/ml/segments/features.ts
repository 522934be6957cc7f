// Per-customer features for segmentation, as of a day: RFM, tenure, order value and event
// activity in the last 90 days, log-scaled (they are heavy-tailed) and standardised.
import type { Database } from '@retention/db';
import { isoOf } from '../../analytics/periods.ts';

export const featureNames = [
  'recency days',
  'orders',
  'revenue',
  'tenure days',
  'order value',
  'event days (90)',
] as const;

export interface CustomerFeatures {
  customerId: number;
  /** Raw values, in the order of featureNames. */
  raw: number[];
}

export async function featuresAsOf(db: Database, asOf: number): Promise<CustomerFeatures[]> {
  const r = await db.query<{
    id: number;
    recency: number;
    orders: number;
    revenue: number;
    tenure: number;
    event_days: number;
  }>(
    `SELECT d.customer_id AS id, ($1::date - max(d.day))::float8 AS recency,
            sum(d.orders)::float8 AS orders, sum(d.revenue)::float8 AS revenue,
            ($1::date - min(d.day))::float8 AS tenure, coalesce(max(ev.days), 0)::float8 AS event_days
     FROM analytics_customer_days d
     LEFT JOIN (
       SELECT customer_id, count(*) AS days FROM analytics_event_days
       WHERE day > $1::date - 90 AND day <= $1::date GROUP BY customer_id
     ) ev USING (customer_id)
     WHERE d.day <= $1::date
     GROUP BY d.customer_id ORDER BY d.customer_id`,
    [isoOf(asOf)],
  );
  return r.rows.map((row) => ({
    customerId: Number(row.id),
    raw: [
      Number(row.recency),
      Number(row.orders),
      Number(row.revenue),
      Number(row.tenure),
      Number(row.revenue) / Math.max(1, Number(row.orders)),
      Number(row.event_days),
    ],
  }));
}

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
