// What the CLV job reads, all from the derived customer days (one row per customer per day
// with orders, so purchases on one day count once, as in the BG/NBD papers): histories as of
// a day, the same as of the calibration end with the holdout's counts, and the business's
// purchase days per day for the seasonal index.
import type { Database } from '@retention/db';
import { type ClvHistory, daysPerUnit, type HoldoutRow } from '@retention/ml';
import { isoOf } from '../../analytics/periods.ts';

export async function historiesAsOf(db: Database, asOf: number): Promise<ClvHistory[]> {
  const r = await db.query<{ id: number; x: number; tx: number; t: number; mean: string }>(
    `SELECT customer_id AS id, count(*)::int - 1 AS x,
            (max(day) - min(day))::float8 AS tx, ($1::date - min(day))::float8 AS t,
            CASE WHEN count(*) > 1
                 THEN ((sum(revenue) - (array_agg(revenue ORDER BY day))[1]) / (count(*) - 1))::text
                 ELSE '0' END AS mean
     FROM analytics_customer_days WHERE day <= $1::date GROUP BY customer_id ORDER BY customer_id`,
    [isoOf(asOf)],
  );
  return r.rows.map((row) => ({
    customerId: Number(row.id),
    x: Number(row.x),
    tx: Number(row.tx) / daysPerUnit,
    T: Number(row.t) / daysPerUnit,
    mean: Number(row.mean),
  }));
}

/**
 * The customers who had bought by `end` (= asOf − horizon): their history as of `end`, exactly
 * as historiesAsOf counts it, their purchase days in (end, asOf], and their repeat purchase
 * days in (end − horizon, end].
 */
export async function holdoutRows(
  db: Database,
  end: number,
  asOf: number,
  horizonDays: number,
): Promise<HoldoutRow[]> {
  const r = await db.query<{ x: number; tx: number; t: number; actual: number; last: number }>(
    `SELECT count(*) FILTER (WHERE d.day <= $1::date)::int - 1 AS x,
            (max(d.day) FILTER (WHERE d.day <= $1::date) - f.first)::float8 AS tx,
            ($1::date - f.first)::float8 AS t,
            count(*) FILTER (WHERE d.day > $1::date)::int AS actual,
            count(*) FILTER (WHERE d.day > $1::date - $3::int AND d.day <= $1::date
                               AND d.day > f.first)::int AS last
     FROM analytics_customer_days d
     JOIN (SELECT customer_id, min(day) AS first FROM analytics_customer_days
           GROUP BY customer_id HAVING min(day) <= $1::date) f USING (customer_id)
     WHERE d.day <= $2::date
     GROUP BY d.customer_id, f.first ORDER BY d.customer_id`,
    [isoOf(end), isoOf(asOf), horizonDays],
  );
  return r.rows.map((row) => ({
    x: Number(row.x),
    tx: Number(row.tx) / daysPerUnit,
    T: Number(row.t) / daysPerUnit,
    actual: Number(row.actual),
    lastPeriod: Number(row.last),
  }));
}

/** Customers with a purchase on each day up to `asOf` (days without any left out). */
export async function purchaseDaysPerDay(db: Database, asOf: number) {
  const r = await db.query<{ day: number; total: number }>(
    `SELECT (day - DATE '1970-01-01')::int AS day, count(*)::int AS total
     FROM analytics_customer_days WHERE day <= $1::date GROUP BY day ORDER BY day`,
    [isoOf(asOf)],
  );
  return r.rows.map((row) => ({ day: Number(row.day), total: Number(row.total) }));
}
