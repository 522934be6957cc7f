// The churn model's rows: every customer active on a cutoff day (DESIGN §4: an order in the
// last W days or a live contract), described only by what was known on that day, and the
// label "churned within the next W days" (the active spell ends by cutoff + W). Labels need
// data up to cutoff + W; features never look past the cutoff.
import type { Database } from '@retention/db';
import { isoOf } from '../../analytics/periods.ts';

export const featureNames = [
  'recency_days',
  'order_days',
  'revenue',
  'tenure_days',
  'mean_gap_days',
  'overdue_ratio',
  'gap_trend',
  'order_days_90',
  'order_days_prev_90',
  'revenue_90',
  'order_value',
  'online_share',
  'channels_used',
  'event_days_30',
  'event_days_prev_60',
  'days_since_event',
  'live_contract',
  'mrr',
  'mrr_change_90',
  'offers_365',
  'offers_redeemed_365',
  'returns_180',
] as const;

export type FeatureName = (typeof featureNames)[number];

/** Days since the last event for a customer with none: larger than any real gap. */
export const noEvents = 9999;

export interface ChurnRow {
  customerId: number;
  /** In the order of featureNames. */
  x: number[];
  /** 1 = the spell active at the cutoff ended within W days after it. */
  label: number;
}

interface Raw {
  id: number;
  churned: boolean;
  recency: number;
  order_days: number;
  revenue: number;
  tenure: number;
  mean_gap: number | null;
  last_gap: number | null;
  earlier_gap: number | null;
  days_90: number;
  days_prev_90: number;
  revenue_90: number;
  orders: number;
  online: number;
  channels: number;
  event_days_30: number;
  event_days_prev_60: number;
  since_event: number | null;
  live: number;
  mrr: number;
  mrr_before: number;
  offers: number;
  redeemed: number;
  returns: number;
}

/** Rows for the customers active on `cutoff` (a day number), ordered by customer id. */
export async function churnRows(
  db: Database,
  cutoff: number,
  windowDays: number,
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
              avg(gap) AS mean_gap,
              (array_agg(gap ORDER BY day DESC))[1] AS last_gap,
              avg(gap) FILTER (WHERE day < last_day) AS earlier_gap,
              count(*) FILTER (WHERE day > $1::date - 90) AS days_90,
              count(*) FILTER (WHERE day > $1::date - 180 AND day <= $1::date - 90) AS days_prev_90,
              coalesce(sum(revenue) FILTER (WHERE day > $1::date - 90), 0) AS revenue_90
       FROM days GROUP BY customer_id
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
            coalesce(ord.recency, $2::int)::float8 AS recency,
            coalesce(ord.order_days, 0)::float8 AS order_days,
            coalesce(ord.revenue, 0)::float8 AS revenue,
            coalesce(ord.tenure, 0)::float8 AS tenure,
            ord.mean_gap::float8 AS mean_gap, ord.last_gap::float8 AS last_gap,
            ord.earlier_gap::float8 AS earlier_gap,
            coalesce(ord.days_90, 0)::float8 AS days_90,
            coalesce(ord.days_prev_90, 0)::float8 AS days_prev_90,
            coalesce(ord.revenue_90, 0)::float8 AS revenue_90,
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
     LEFT JOIN off USING (customer_id)
     ORDER BY pop.customer_id`,
    [isoOf(cutoff), windowDays, timeZone],
  );
  return r.rows.map((row) => ({
    customerId: Number(row.id),
    x: featuresOf(row, windowDays),
    label: row.churned ? 1 : 0,
  }));
}

function featuresOf(row: Raw, windowDays: number): number[] {
  const n = (v: number | null) => (v === null ? null : Number(v));
  const meanGap = n(row.mean_gap);
  const lastGap = n(row.last_gap);
  const earlierGap = n(row.earlier_gap);
  const recency = Number(row.recency);
  const orders = Number(row.orders);
  const values: Record<FeatureName, number> = {
    recency_days: recency,
    order_days: Number(row.order_days),
    revenue: Number(row.revenue),
    tenure_days: Number(row.tenure),
    mean_gap_days: meanGap ?? -1,
    // How late the customer is against their own rhythm (against W after a single order).
    overdue_ratio: recency / Math.max(1, meanGap ?? windowDays),
    // The last gap against the ones before it: above 1, orders are slowing down.
    gap_trend: lastGap !== null && earlierGap !== null ? lastGap / Math.max(1, earlierGap) : 1,
    order_days_90: Number(row.days_90),
    order_days_prev_90: Number(row.days_prev_90),
    revenue_90: Number(row.revenue_90),
    order_value: orders > 0 ? Number(row.revenue) / orders : 0,
    online_share: Number(row.online),
    channels_used: Number(row.channels),
    event_days_30: Number(row.event_days_30),
    event_days_prev_60: Number(row.event_days_prev_60),
    days_since_event: n(row.since_event) ?? noEvents,
    live_contract: Number(row.live),
    mrr: Number(row.mrr),
    mrr_change_90: Number(row.mrr) - Number(row.mrr_before),
    offers_365: Number(row.offers),
    offers_redeemed_365: Number(row.redeemed),
    returns_180: Number(row.returns),
  };
  return featureNames.map((f) => values[f]);
}

/** A row's features by name. */
export function named(x: number[]): Record<FeatureName, number> {
  return Object.fromEntries(featureNames.map((f, i) => [f, x[i] ?? 0])) as Record<
    FeatureName,
    number
  >;
}
