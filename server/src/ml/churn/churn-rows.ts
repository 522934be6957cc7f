// The churn model's rows: every customer active on a cutoff day (DESIGN §4: an order in the
// last W days or a live contract), described only by what was known on that day, and two
// labels: the models' "no order in the next H days and no contract live at their end", and
// DESIGN's "churned within the next W days" (the active spell ends by cutoff + W). Labels need
// data up to cutoff + max(H, W); features never look past the cutoff (@retention/ml's featuresOf).
import type { Database } from '@retention/db';
import { type ChurnFigures, type ChurnRow, featuresOf } from '@retention/ml';
import { isoOf } from '../../analytics/periods.ts';

interface Raw extends ChurnFigures {
  id: number;
  churned: boolean;
  lapsed: boolean;
}

/** Rows for the customers active on `cutoff` (a day number), ordered by customer id. */
export async function churnRows(
  db: Database,
  cutoff: number,
  windowDays: number,
  horizonDays: number,
  timeZone: string,
): Promise<ChurnRow[]> {
  const r = await db.query<Raw>(
    `WITH pop AS (
       SELECT customer_id, end_day FROM analytics_spells
       WHERE start_day <= $1::date AND end_day > $1::date
     ),
     days AS (
       SELECT d.customer_id, d.day, d.orders, d.revenue,
              d.day - lag(d.day) OVER (PARTITION BY d.customer_id ORDER BY d.day) AS gap,
              max(d.day) OVER (PARTITION BY d.customer_id) AS last_day
       FROM analytics_customer_days d JOIN pop USING (customer_id) WHERE d.day <= $1::date
     ),
     ord AS (
       SELECT customer_id, count(*) AS order_days, sum(orders) AS orders, sum(revenue) AS revenue,
              $1::date - max(day) AS recency, $1::date - min(day) AS tenure,
              avg(gap) AS mean_gap, stddev_samp(gap) AS gap_sd,
              (array_agg(gap ORDER BY day DESC))[1] AS last_gap,
              avg(gap) FILTER (WHERE day < last_day) AS earlier_gap,
              count(*) FILTER (WHERE day > $1::date - 90) AS days_90,
              count(*) FILTER (WHERE day > $1::date - 180 AND day <= $1::date - 90) AS days_prev_90,
              coalesce(sum(revenue) FILTER (WHERE day > $1::date - 90), 0) AS revenue_90,
              coalesce(sum(revenue) FILTER (WHERE day > $1::date - 180 AND day <= $1::date - 90), 0)
                AS revenue_prev_90,
              coalesce(sum(orders) FILTER (WHERE day > $1::date - 90), 0) AS orders_90,
              coalesce(sum(orders) FILTER (WHERE day > $1::date - 180 AND day <= $1::date - 90), 0)
                AS orders_prev_90,
              count(*) FILTER (WHERE day > $1::date - 365 AND day <= $1::date - 365 + $4::int)
                AS year_ago
       FROM days GROUP BY customer_id
     ),
     cat AS (
       SELECT o.customer_id, count(DISTINCT p.category) AS categories
       FROM orders o JOIN pop USING (customer_id)
       JOIN order_items i ON i.order_id = o.id JOIN products p ON p.id = i.product_id
       WHERE o.status = 'completed'
         AND (o.placed_at AT TIME ZONE $3)::date > $1::date - 180
         AND (o.placed_at AT TIME ZONE $3)::date <= $1::date
       GROUP BY o.customer_id
     ),
     chan AS (
       SELECT o.customer_id,
              count(*) FILTER (WHERE o.channel IN ('web', 'app', 'telegram'))::float8
                / count(*) AS online,
              count(DISTINCT o.channel) AS channels,
              count(*) FILTER (WHERE o.status IN ('returned', 'cancelled')
                                 AND (o.placed_at AT TIME ZONE $3)::date > $1::date - 180) AS returns
       FROM orders o JOIN pop USING (customer_id)
       WHERE (o.placed_at AT TIME ZONE $3)::date <= $1::date
       GROUP BY o.customer_id
     ),
     ev AS (
       SELECT e.customer_id,
              count(*) FILTER (WHERE e.day > $1::date - 30) AS d30,
              count(*) FILTER (WHERE e.day > $1::date - 90 AND e.day <= $1::date - 30) AS d60,
              $1::date - max(e.day) AS since
       FROM analytics_event_days e JOIN pop USING (customer_id) WHERE e.day <= $1::date
       GROUP BY e.customer_id
     ),
     con AS (
       SELECT k.customer_id,
              max(CASE WHEN live THEN 1 ELSE 0 END) AS live,
              coalesce(sum(k.monthly_amount) FILTER (WHERE live), 0) AS mrr,
              coalesce(sum(k.monthly_amount) FILTER (WHERE live_before), 0) AS mrr_before
       FROM (
         SELECT c.customer_id, c.monthly_amount,
                (c.start_at AT TIME ZONE $3)::date <= $1::date
                  AND (c.end_at IS NULL OR (c.end_at AT TIME ZONE $3)::date > $1::date) AS live,
                (c.start_at AT TIME ZONE $3)::date <= $1::date - 90
                  AND (c.end_at IS NULL OR (c.end_at AT TIME ZONE $3)::date > $1::date - 90) AS live_before
         FROM contracts c JOIN pop USING (customer_id)
       ) k GROUP BY k.customer_id
     ),
     off AS (
       SELECT a.customer_id, count(*) AS offers,
              count(*) FILTER (WHERE a.redeemed_at IS NOT NULL
                                 AND (a.redeemed_at AT TIME ZONE $3)::date <= $1::date) AS redeemed
       FROM offer_assignments a JOIN pop USING (customer_id)
       WHERE (a.assigned_at AT TIME ZONE $3)::date <= $1::date
         AND (a.assigned_at AT TIME ZONE $3)::date > $1::date - 365
       GROUP BY a.customer_id
     )
     SELECT pop.customer_id AS id, pop.end_day <= $1::date + $2::int AS churned,
            NOT EXISTS (
              SELECT 1 FROM analytics_customer_days f
              WHERE f.customer_id = pop.customer_id
                AND f.day > $1::date AND f.day <= $1::date + $4::int
            ) AND NOT EXISTS (
              SELECT 1 FROM contracts k
              WHERE k.customer_id = pop.customer_id
                AND (k.start_at AT TIME ZONE $3)::date <= $1::date + $4::int
                AND (k.end_at IS NULL OR (k.end_at AT TIME ZONE $3)::date > $1::date + $4::int)
            ) AS lapsed,
            coalesce(ord.recency, $2::int)::float8 AS recency,
            coalesce(ord.order_days, 0)::float8 AS order_days,
            coalesce(ord.revenue, 0)::float8 AS revenue,
            coalesce(ord.tenure, 0)::float8 AS tenure,
            ord.mean_gap::float8 AS mean_gap, ord.last_gap::float8 AS last_gap,
            ord.earlier_gap::float8 AS earlier_gap, ord.gap_sd::float8 AS gap_sd,
            coalesce(ord.days_90, 0)::float8 AS days_90,
            coalesce(ord.days_prev_90, 0)::float8 AS days_prev_90,
            coalesce(ord.revenue_90, 0)::float8 AS revenue_90,
            coalesce(ord.revenue_prev_90, 0)::float8 AS revenue_prev_90,
            coalesce(ord.orders_90, 0)::float8 AS orders_90,
            coalesce(ord.orders_prev_90, 0)::float8 AS orders_prev_90,
            coalesce(ord.year_ago, 0)::float8 AS year_ago,
            coalesce(cat.categories, 0)::float8 AS categories,
            coalesce(ord.orders, 0)::float8 AS orders,
            coalesce(chan.online, 0)::float8 AS online,
            coalesce(chan.channels, 0)::float8 AS channels,
            coalesce(ev.d30, 0)::float8 AS event_days_30,
            coalesce(ev.d60, 0)::float8 AS event_days_prev_60,
            ev.since::float8 AS since_event,
            coalesce(con.live, 0)::float8 AS live,
            coalesce(con.mrr, 0)::float8 AS mrr,
            coalesce(con.mrr_before, 0)::float8 AS mrr_before,
            coalesce(off.offers, 0)::float8 AS offers,
            coalesce(off.redeemed, 0)::float8 AS redeemed,
            coalesce(chan.returns, 0)::float8 AS returns
     FROM pop
     LEFT JOIN ord USING (customer_id) LEFT JOIN chan USING (customer_id)
     LEFT JOIN ev USING (customer_id) LEFT JOIN con USING (customer_id)
     LEFT JOIN off USING (customer_id) LEFT JOIN cat USING (customer_id)
     ORDER BY pop.customer_id`,
    [isoOf(cutoff), windowDays, timeZone, horizonDays],
  );
  return r.rows.map((row) => ({
    customerId: Number(row.id),
    x: featuresOf(row, windowDays),
    label: row.lapsed ? 1 : 0,
    spellLabel: row.churned ? 1 : 0,
  }));
}
