// The customers behind a dashboard count, a page at a time. Each list is the KPI's own
// predicate (activity.ts counts the same spells and first days) over the same range and
// selection, so the list's total is the number on the card: active at the end = a spell
// covering the range's last day; churned = a spell ending (churn date) inside the range;
// new = first active day inside the range.
import type { CountKpi, CustomersBehindQuery } from '@retention/contracts';
import type { z } from 'zod';
import { definitionOf, type MetricContext } from './context.ts';
import { isoOf } from './periods.ts';
import { cents, int, isoDaySql, money, Params, selectionSql, withCtes } from './sql.ts';

/** The list's KPI, order and page (the route's query without the range and filters). */
export type BehindQuery = Pick<
  z.infer<typeof CustomersBehindQuery>,
  'kpi' | 'sort' | 'page' | 'pageSize'
>;

const definitionKeys = {
  activeAtEnd: ['active'],
  newCustomers: ['newCustomers'],
  churnedCustomers: ['churn'],
} as const;

/** SQL selecting the KPI's customer ids (`customer_id`), with `join` restricting to the selection. */
function behindSql(kpi: CountKpi, p: Params, join: string, from: number, end: number): string {
  if (kpi === 'newCustomers') {
    return `SELECT a.customer_id FROM analytics_customers a ${join}
      WHERE a.first_active_day >= ${p.day(from)} AND a.first_active_day < ${p.day(end)}`;
  }
  const where =
    kpi === 'activeAtEnd'
      ? `s.start_day < ${p.day(end)} AND s.end_day >= ${p.day(end)}`
      : `s.end_day >= ${p.day(from)} AND s.end_day < ${p.day(end)}`;
  return `SELECT DISTINCT s.customer_id FROM analytics_spells s ${join} WHERE ${where}`;
}

const orders = {
  lastOrder: 'ac.last_order_day DESC NULLS LAST',
  revenue: 'ac.revenue DESC NULLS LAST',
  name: 'c.name NULLS LAST',
} as const;

interface Row {
  id: number;
  external_id: string;
  name: string | null;
  region: string | null;
  channel: string | null;
  orders: number | null;
  revenue: string | null;
  first_order_day: string | null;
  last_order_day: string | null;
}

export async function customersBehindReport(ctx: MetricContext, q: BehindQuery) {
  const { range } = ctx;
  const end = range.to + 1;
  const p = new Params();
  const sel = selectionSql(ctx.selection, p);
  const behind = withCtes(
    sel.ctes,
    `behind AS (${behindSql(q.kpi, p, sel.join, range.from, end)})`,
  );
  const counted = await ctx.db.query<{ n: number }>(
    `${behind} SELECT count(*)::int AS n FROM behind`,
    [...p.values],
  );
  const rows = await ctx.db.query<Row>(
    `${behind}
     SELECT c.id, c.external_id, c.name, c.region, c.acquisition_channel AS channel,
            ac.orders, ac.revenue::text AS revenue,
            ${isoDaySql('ac.first_order_day')} AS first_order_day,
            ${isoDaySql('ac.last_order_day')} AS last_order_day
     FROM behind b JOIN customers c ON c.id = b.customer_id
     LEFT JOIN analytics_customers ac ON ac.customer_id = b.customer_id
     ORDER BY ${orders[q.sort]}, c.id
     LIMIT ${p.add(q.pageSize, 'int')} OFFSET ${p.add((q.page - 1) * q.pageSize, 'int')}`,
    p.values,
  );
  return {
    definition: definitionOf(ctx, [...definitionKeys[q.kpi]]),
    kpi: q.kpi,
    period: { from: isoOf(range.from), to: isoOf(range.to) },
    total: int(counted.rows[0]?.n ?? 0),
    page: q.page,
    pageSize: q.pageSize,
    items: rows.rows.map((r) => ({
      id: Number(r.id),
      externalId: r.external_id,
      name: r.name,
      region: r.region,
      channel: r.channel,
      orders: int(r.orders),
      revenue: money(cents(r.revenue)),
      firstOrderDay: r.first_order_day,
      lastOrderDay: r.last_order_day,
    })),
  };
}
