// Per-customer features for segmentation as of a day, read from the derived tables in the
// order of @retention/ml's segment feature names; the package scales them.
import type { Database } from '@retention/db';
import { isoOf } from '../../analytics/periods.ts';

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
