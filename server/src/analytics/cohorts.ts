// Cohort retention: customers grouped by the period of their first completed order, and
// what share of each cohort (or of its first-period revenue) comes back in later periods.
import type { Database } from '@retention/db';
import { boundsOf, type Range } from './periods.ts';
import type { Selection } from './selection.ts';
import { cents, int, Params, selectionSql, withCtes } from './sql.ts';

export interface CohortCell {
  /** Periods since the cohort's first. */
  k: number;
  /** Customers with an order in period c + k. */
  customers: number;
  /** Customers with an order in period c + k or later (within the range). */
  onOrAfter: number;
  revenueCents: number;
}

export interface Cohort {
  /** Index of the cohort's period in the range. */
  index: number;
  size: number;
  cells: CohortCell[];
}

interface Row {
  kind: 'cell' | 'last';
  c: number;
  b: number;
  n: number;
  revenue: string | null;
}

export async function cohortsOf(
  db: Database,
  selection: Selection,
  range: Range,
): Promise<Cohort[]> {
  const bounds = boundsOf(range.periods);
  const p = new Params();
  const sel = selectionSql(selection, p);
  const b = p.days(bounds);
  const first = p.day(bounds[0] as number);
  const end = p.day(bounds.at(-1) as number);
  // Every order day row carries the customer's first order day: one scan, no join.
  const r = await db.query<Row>(
    `${withCtes(
      sel.ctes,
      `act AS MATERIALIZED (
        SELECT d.customer_id, width_bucket(d.first_order_day, ${b}) AS c,
               width_bucket(d.day, ${b}) AS b, d.revenue
        FROM analytics_customer_days d ${sel.join}
        WHERE d.first_order_day >= ${first} AND d.first_order_day < ${end} AND d.day < ${end}
      )`,
    )}
    SELECT 'cell' AS kind, c, b, count(DISTINCT customer_id)::int AS n, sum(revenue)::text AS revenue
      FROM act GROUP BY c, b
    UNION ALL SELECT 'last', c, b, count(*)::int, NULL
      FROM (SELECT customer_id, c, max(b) AS b FROM act GROUP BY 1, 2) l GROUP BY c, b`,
    p.values,
  );
  const n = range.periods.length;
  const cohorts: Cohort[] = Array.from({ length: n }, (_, index) => ({
    index,
    size: 0,
    cells: Array.from({ length: n - index }, (_, k) => ({
      k,
      customers: 0,
      onOrAfter: 0,
      revenueCents: 0,
    })),
  }));
  const lastCounts = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (const row of r.rows) {
    const c = int(row.c) - 1;
    const k = int(row.b) - 1 - c;
    const cohort = cohorts[c];
    if (!cohort) continue;
    if (row.kind === 'cell' && cohort.cells[k]) {
      // Everyone orders in their cohort's own period: cell (c, 0) is the cohort.
      if (k === 0) cohort.size = int(row.n);
      cohort.cells[k].customers = int(row.n);
      cohort.cells[k].revenueCents = cents(row.revenue);
    } else if (row.kind === 'last') (lastCounts[c] as number[])[k] = int(row.n);
  }
  for (const cohort of cohorts) {
    // Ordered in c + k or later = their last order (in range) is in c + k or later.
    let later = 0;
    for (let k = cohort.cells.length - 1; k >= 0; k--) {
      later += (lastCounts[cohort.index] as number[])[k] ?? 0;
      (cohort.cells[k] as CohortCell).onOrAfter = later;
    }
  }
  return cohorts;
}

export interface CurvePoint {
  k: number;
  /** Cohorts whose period c + k is whole and inside the range. */
  cohorts: number;
  customers: number;
  /** Cohort-weighted mean of cell (·, k): Σ returning ÷ Σ cohort sizes. */
  retention: number | null;
  onOrAfter: number | null;
  /** Σ revenue in c + k ÷ Σ revenue in c. */
  revenueRetention: number | null;
  /** Mean cumulative revenue per customer through period k (historical LTV). */
  cumulativeRevenuePerCustomerCents: number | null;
}

/** The retention curve and historical LTV over cohorts old enough: c + k a whole period. */
export function curveOf(cohorts: Cohort[], range: Range): CurvePoint[] {
  const n = range.periods.length;
  const points: CurvePoint[] = [];
  for (let k = 0; k < n; k++) {
    let count = 0;
    let size = 0;
    let kept = 0;
    let later = 0;
    let revenue = 0;
    let firstRevenue = 0;
    let cumulative = 0;
    for (const cohort of cohorts) {
      const period = range.periods[cohort.index + k];
      if (!period || period.partial || cohort.size === 0) continue;
      count++;
      size += cohort.size;
      const cell = cohort.cells[k] as CohortCell;
      kept += cell.customers;
      later += cell.onOrAfter;
      revenue += cell.revenueCents;
      firstRevenue += (cohort.cells[0] as CohortCell).revenueCents;
      for (let j = 0; j <= k; j++) cumulative += (cohort.cells[j] as CohortCell).revenueCents;
    }
    points.push({
      k,
      cohorts: count,
      customers: size,
      retention: size ? kept / size : null,
      onOrAfter: size ? later / size : null,
      revenueRetention: firstRevenue ? revenue / firstRevenue : null,
      cumulativeRevenuePerCustomerCents: size ? cumulative / size : null,
    });
  }
  return points;
}
