// Active, new and churned customers, orders and revenue for contiguous periods, from the
// derived spells and customer days. Each query buckets rows with width_bucket over the
// period boundaries (one pass, no period × row join); running sums turn the buckets into
// "active at the start of each period".
import type { Database } from '@retention/db';
import { boundsOf, type Period } from './periods.ts';
import type { Dimension, Selection } from './selection.ts';
import { cents, int, Params, selectionSql, withCtes } from './sql.ts';

export interface PeriodActivity {
  /** Active on the day before the period starts (at its opening). */
  activeStart: number;
  /** Active on the period's last day. */
  activeEnd: number;
  /** Active on at least one day of the period. */
  activeIn: number;
  /** Churn date (last order + W, or contract end) inside the period. */
  churned: number;
  /** First order or contract start inside the period. */
  newCustomers: number;
  /** Completed orders placed in the period, and their revenue. */
  orders: number;
  revenueCents: number;
  /** Customers with a completed order in the period. */
  buyers: number;
}

/** Group value (region, channel, segment; '' when ungrouped) → one entry per period. */
export type ActivityByGroup = Map<string | null, PeriodActivity[]>;

interface BucketRow {
  grp: string | null;
  kind: keyof Counts;
  b: number;
  n: number;
  revenue?: string;
  buyers?: number;
}

export async function activityByPeriod(
  db: Database,
  selection: Selection,
  bounds: readonly number[],
  by?: Dimension,
  options: { buyers?: boolean } = {},
): Promise<ActivityByGroup> {
  // Distinct buyers per period need a sort of every order day: skipped when not shown.
  const buyers = options.buyers ?? true;
  /** One statement: the selection's CTEs, `cte` (optional) and the query. */
  const statement = (write: (p: Params, grp: string, join: string) => [string, string]) => {
    const p = new Params();
    const sel = selectionSql(selection, p, by);
    const [cte, body] = write(p, sel.grp, sel.join);
    return db.query<BucketRow>(`${withCtes(sel.ctes, cte)} ${body}`, p.values);
  };
  const first = bounds[0] as number;
  const last = bounds.at(-1) as number;
  const [spells, fresh, orders] = await Promise.all([
    statement((p, grp, join) => {
      const b = p.days(bounds);
      // Spells wholly before the range add +1 and -1 to every running sum: left out.
      const sp = `sp AS MATERIALIZED (
          SELECT s.customer_id, s.start_day, s.end_day, ${grp} AS grp
          FROM analytics_spells s ${join}
          WHERE s.start_day < ${p.day(last)} AND s.end_day >= ${p.day(first)}
        )`;
      return [
        sp,
        `
        SELECT grp, 's' AS kind, width_bucket(start_day, ${b}) AS b, count(*)::int AS n
          FROM sp GROUP BY 1, 3
        UNION ALL SELECT grp, 'e', width_bucket(end_day, ${b}), count(*)::int FROM sp GROUP BY 1, 3
        UNION ALL SELECT grp, 'l', width_bucket(end_day - 1, ${b}), count(*)::int FROM sp GROUP BY 1, 3
        UNION ALL SELECT grp, 'c', width_bucket(end_day, ${b}), count(DISTINCT customer_id)::int
          FROM sp WHERE end_day >= ${p.day(first)} AND end_day < ${p.day(last)} GROUP BY 1, 3
        UNION ALL SELECT grp, 'g', b, count(*)::int FROM (
          SELECT grp, width_bucket(start_day, ${b}) AS b,
                 width_bucket(lag(end_day) OVER (PARTITION BY customer_id ORDER BY start_day) - 1, ${b}) AS pb
          FROM sp
        ) gaps WHERE pb = b GROUP BY 1, 3`,
      ];
    }),
    statement((p, grp, join) => [
      '',
      `
        SELECT ${grp} AS grp, 'n' AS kind, width_bucket(a.first_active_day, ${p.days(bounds)}) AS b,
               count(*)::int AS n
        FROM analytics_customers a ${join}
        WHERE a.first_active_day >= ${p.day(first)} AND a.first_active_day < ${p.day(last)}
        GROUP BY 1, 3`,
    ]),
    statement((p, grp, join) => [
      '',
      `
        SELECT ${grp} AS grp, 'o' AS kind, width_bucket(d.day, ${p.days(bounds)}) AS b,
               sum(d.orders)::int AS n, sum(d.revenue)::text AS revenue,
               ${buyers ? 'count(DISTINCT d.customer_id)' : '0'}::int AS buyers
        FROM analytics_customer_days d ${join}
        WHERE d.day >= ${p.day(first)} AND d.day < ${p.day(last)}
        GROUP BY 1, 3`,
    ]),
  ]);
  const rows = [...spells.rows, ...fresh.rows, ...orders.rows].map((r) =>
    by === undefined ? { ...r, grp: '' } : r,
  );
  return assemble(rows, bounds.length - 1);
}

/** Per bucket: spell starts, ends, last active days, churns, gaps; new; orders; revenue; buyers. */
type Counts = Record<'s' | 'e' | 'l' | 'c' | 'g' | 'n' | 'o' | 'revenue' | 'buyers', number[]>;

function assemble(rows: BucketRow[], periods: number): ActivityByGroup {
  const buckets = periods + 2; // 0: before the first period; periods + 1: after the last
  const groups = new Map<string | null, Counts>();
  for (const r of rows) {
    let g = groups.get(r.grp);
    if (!g) {
      const zeros = () => new Array<number>(buckets).fill(0);
      g = {
        s: zeros(),
        e: zeros(),
        l: zeros(),
        c: zeros(),
        g: zeros(),
        n: zeros(),
        o: zeros(),
        revenue: zeros(),
        buyers: zeros(),
      };
      groups.set(r.grp, g);
    }
    g[r.kind as keyof Counts][r.b] = int(r.n);
    if (r.kind === 'o') {
      g.revenue[r.b] = cents(r.revenue);
      g.buyers[r.b] = int(r.buyers);
    }
  }
  /** Running sums: through[k] = buckets 0..k. */
  const running = (series: number[]) => {
    let total = 0;
    return series.map((x) => (total += x));
  };
  const out: ActivityByGroup = new Map();
  for (const [key, g] of groups) {
    const [s, e, l] = [running(g.s), running(g.e), running(g.l)];
    const at = (series: number[], k: number) => series[k] ?? 0;
    const result: PeriodActivity[] = [];
    for (let k = 0; k < periods; k++) {
      result.push({
        activeStart: at(s, k) - at(e, k),
        activeEnd: at(s, k + 1) - at(e, k + 1),
        activeIn: at(s, k + 1) - at(l, k) - at(g.g, k + 1),
        churned: at(g.c, k + 1),
        newCustomers: at(g.n, k + 1),
        orders: at(g.o, k + 1),
        revenueCents: at(g.revenue, k + 1),
        buyers: at(g.buyers, k + 1),
      });
    }
    out.set(key, result);
  }
  return out;
}

/** Sums per-group activity (groups are disjoint sets of customers, so counts add up). */
export function totalOf(groups: Iterable<PeriodActivity[]>): PeriodActivity[] {
  const total: PeriodActivity[] = [];
  for (const series of groups) {
    series.forEach((a, k) => {
      const t = total[k];
      if (!t) {
        total[k] = { ...a };
        return;
      }
      for (const key of Object.keys(a) as (keyof PeriodActivity)[]) t[key] += a[key];
    });
  }
  return total;
}

/** Activity per period of the whole selection (no groups); zeros where there is none. */
export async function activitySeries(
  db: Database,
  selection: Selection,
  periods: readonly Period[],
  options: { buyers?: boolean } = {},
): Promise<PeriodActivity[]> {
  const groups = await activityByPeriod(db, selection, boundsOf(periods), undefined, options);
  return groups.get('') ?? periods.map(() => emptyActivity());
}

export const emptyActivity = (): PeriodActivity => ({
  activeStart: 0,
  activeEnd: 0,
  activeIn: 0,
  churned: 0,
  newCustomers: 0,
  orders: 0,
  revenueCents: 0,
  buyers: 0,
});
