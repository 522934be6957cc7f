// The churn model's features: their names and order, and how one customer's figures on a
// cutoff day (read by the server's churnRows, server/src/ml/churn/churn-rows.ts) become them.
// Labels need data up to the cutoff + the horizon; features never look past the cutoff.

export const featureNames = [
  'recency_days',
  'order_days',
  'revenue',
  'tenure_days',
  'mean_gap_days',
  'overdue_ratio',
  'gap_trend',
  'gap_cv',
  'order_days_90',
  'order_days_prev_90',
  'revenue_90',
  'order_value',
  'spend_trend_90',
  'basket_trend',
  'year_ago_days',
  'categories_180',
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
  /**
   * What the models learn: 1 = no order in the next H days after the cutoff and no contract
   * live at its end (the question a manager asks: who will not buy in the coming months?).
   */
  label: number;
  /** DESIGN's churn: 1 = the active spell at the cutoff ended within W days after it. */
  spellLabel: number;
}

/** One customer's figures on a cutoff day, as the server's query returns them. */
export interface ChurnFigures {
  recency: number;
  order_days: number;
  revenue: number;
  tenure: number;
  mean_gap: number | null;
  last_gap: number | null;
  earlier_gap: number | null;
  gap_sd: number | null;
  days_90: number;
  days_prev_90: number;
  revenue_90: number;
  revenue_prev_90: number;
  orders_90: number;
  orders_prev_90: number;
  /** Order days in the same H days a year earlier (the coming season, last year). */
  year_ago: number;
  /** Product categories bought in the last 180 days. */
  categories: number;
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

export function featuresOf(row: ChurnFigures, windowDays: number): number[] {
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
    // How regular the rhythm is: a steady buyer late by a week is a stronger signal.
    gap_cv:
      meanGap !== null && row.gap_sd !== null ? Number(row.gap_sd) / Math.max(1, meanGap) : -1,
    order_days_90: Number(row.days_90),
    order_days_prev_90: Number(row.days_prev_90),
    revenue_90: Number(row.revenue_90),
    order_value: orders > 0 ? Number(row.revenue) / orders : 0,
    spend_trend_90: Number(row.revenue_90) - Number(row.revenue_prev_90),
    // The basket of the last 90 days against the 90 before (1 without orders in either).
    basket_trend:
      Number(row.orders_90) > 0 && Number(row.orders_prev_90) > 0
        ? Number(row.revenue_90) /
          Number(row.orders_90) /
          Math.max(0.01, Number(row.revenue_prev_90) / Number(row.orders_prev_90))
        : 1,
    year_ago_days: Number(row.year_ago),
    categories_180: Number(row.categories),
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
