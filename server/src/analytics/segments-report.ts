// Model segments of the latest segmentation run, profiled over the viewer's selection with
// today's figures (size, revenue share, orders, days since the last order). The run's own
// figures (k, silhouette, DBSCAN's eps and minPts) come from a fit over every customer and are
// labelled business-wide; every count of customers, outliers included, is the selection's (a
// region-scoped manager's region).
import { isoInstant } from '@retention/contracts';
import { definitionOf, type MetricContext } from './context.ts';
import { latestRun } from './latest-run.ts';
import { cents, int, money, Params, ratio, selectionSql, withCtes } from './sql.ts';

interface Row {
  segment: string;
  n: number;
  revenue: string;
  outliers: number;
  orders: number;
  recency: number;
}

export async function segmentsReport(ctx: MetricContext) {
  const definition = definitionOf(ctx, ['segments']);
  const run = await latestRun(ctx.db.prisma, 'segments');
  if (!run) {
    return {
      definition,
      run: null,
      segments: [],
      message: 'No segmentation has run yet: npm run train -- --only segments',
    };
  }
  const p = new Params();
  const sel = selectionSql(ctx.selection, p);
  const r = await ctx.db.query<Row>(
    `${withCtes(sel.ctes)}
     SELECT cs.segment, count(*)::int AS n, coalesce(sum(ac.revenue), 0)::text AS revenue,
            count(*) FILTER (WHERE cs.details->>'outlier' = 'true')::int AS outliers,
            coalesce(avg(ac.orders), 0)::float8 AS orders,
            coalesce(avg(${p.day(ctx.range.asOf)} - ac.last_order_day), 0)::float8 AS recency
     FROM customer_scores cs ${sel.join}
     LEFT JOIN analytics_customers ac USING (customer_id)
     WHERE cs.model_run_id = ${p.add(run.id, 'int')} AND cs.segment IS NOT NULL
     GROUP BY cs.segment ORDER BY 2 DESC, 1`,
    p.values,
  );
  const customers = r.rows.reduce((a, row) => a + int(row.n), 0);
  const outliers = r.rows.reduce((a, row) => a + int(row.outliers), 0);
  const revenue = r.rows.reduce((a, row) => a + cents(row.revenue), 0);
  const metrics = run.metrics as {
    k?: number;
    silhouette?: { k: number; silhouette: number }[];
    dbscan?: { eps: number; minPts: number; epsRule: string; outliers: number };
  };
  return {
    definition,
    run: {
      scope: 'business' as const,
      id: run.id,
      asOf: isoInstant(run.asOf).slice(0, 10),
      finishedAt: run.finishedAt && isoInstant(run.finishedAt),
      k: metrics.k ?? r.rows.length,
      silhouette: metrics.silhouette ?? [],
      dbscan: metrics.dbscan
        ? {
            eps: metrics.dbscan.eps,
            minPts: metrics.dbscan.minPts,
            epsRule: metrics.dbscan.epsRule,
            outliers,
          }
        : null,
    },
    segments: r.rows.map((row) => ({
      name: row.segment,
      customers: int(row.n),
      outliers: int(row.outliers),
      share: ratio(int(row.n), customers),
      revenue: money(cents(row.revenue)),
      revenueShare: ratio(cents(row.revenue), revenue),
      meanOrders: Number(row.orders),
      meanDaysSinceLastOrder: Number(row.recency),
    })),
    message: null,
  };
}
