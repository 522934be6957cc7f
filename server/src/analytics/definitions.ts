// How each metric is computed, in words, returned with every response so the Mini App can
// show "how is this computed" next to the number.

export const definitions = {
  active:
    'Active on a day: a completed order in the W days up to and including it, or a live contract. Active at start = active on the day before the period; at end = on its last day.',
  churn:
    'Churned: was active and is not. Churn date = last order + W days (or contract end). Churn rate of a period = customers whose churn date falls in it ÷ customers active at its start; retention rate = 1 − churn rate.',
  dashboardChurn:
    'On the dashboard the range spans several periods: its churn rate is the mean per week or month, Σ churned ÷ Σ active at the start of each period.',
  newCustomers: 'New: first completed order or first contract start in the period.',
  revenue:
    'Revenue and orders: completed orders only (pending, cancelled and returned are left out), by the day they were placed in the business time zone. AOV = revenue ÷ orders; ARPU = revenue ÷ customers active in the period.',
  revenueRetention:
    'NRR / GRR (contract customers): monthly contract amounts of the customers live at the period opening, on its last day, with expansion (NRR) and capped at each customer’s starting amount (GRR), ÷ their amounts at the opening.',
  cohorts:
    'Cohort = customers whose first completed order falls in period c. Cell (c, k) = share of the cohort with an order in period c + k; "on or after" = an order in c + k or later; revenue variant = cohort revenue in c + k ÷ in c.',
  curve:
    'Retention curve: for each k, Σ over cohorts of customers ordering in c + k ÷ Σ of their sizes, over cohorts whose period c + k is a whole period inside the range.',
  historicalLtv:
    'Historical LTV: mean cumulative revenue per customer through k periods after the first order, over cohorts old enough (c + k a whole period inside the range).',
  simpleLtv:
    'Simple LTV = monthly ARPU × gross margin ÷ monthly churn rate, pooled over the whole months of the range (undefined when nobody churned).',
  rfm: 'RFM as of the range end over customers with a completed order: recency = days since the last order, frequency = orders, monetary = revenue. Scores 1-5 by percent rank (quintiles; equal values share a score; recent = 5). Segments from the recency × frequency scores.',
  lifecycle:
    'Per period: new = first order ever; returning = ordered in this and the previous period; resurrecting = ordered now, not in the previous period, but before; dormant = ordered in the previous period, not in this one. Quick ratio = (new + resurrecting) ÷ dormant.',
  stickiness:
    'Stickiness = average daily active customers (with at least one behaviour event that day) over the period ÷ customers with an event in the 30 days ending on its last day (DAU/MAU).',
  campaigns:
    'Per campaign overlapping the range, from its start to its end (or today): redemption = redeemed ÷ targeted; retention = share of members with a completed order; revenue per member. Uplift = target − control with a 95% normal interval (Wald for retention, Welch for revenue). Incremental revenue = revenue uplift per member × targeted members; cost = the redeemed offers’ value (a percent discount: order total × p ÷ (100 − p); an amount; a gift’s cost); ROI = (incremental revenue − cost) ÷ cost.',
  segments:
    'Segments of the latest segmentation run: k-means on standardised recency, orders, revenue, tenure, order value and event days (90), k chosen by silhouette, named from the centroids. Outliers: DBSCAN noise on the same features (minPts = 12, eps = 90th percentile of the distance to the 12th neighbour). Sizes and figures are today’s, over your selection.',
  churnRisk:
    'Churn risk: the probability that a customer active today churns (no order and no live contract for W days) within the next W days, from the newest churn model run: a random forest and gradient-boosted trees trained on customers active 2W days before its as-of day, compared on those active W days before it (labelled by what happened next), the better by held-out ROC-AUC serving, Platt-calibrated. Reasons: the feature groups that raise the customer’s probability most against a typical retained customer. Value at risk = probability × 12-month CLV of the newest CLV run. Filters select customers as today.',
  breakdown:
    'Summary of the range per region, acquisition channel or RFM segment, with totals; each customer counts in one row.',
} as const;

export type DefinitionKey = keyof typeof definitions;
