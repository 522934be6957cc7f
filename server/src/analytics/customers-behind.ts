// The customers behind a number on the dashboard, a page at a time. Each list is the number's
// own predicate over the same range and selection, so its total is the number tapped:
// - count KPIs (activity.ts counts the same spells and first days): active at the end = a spell
//   covering the range's last day; churned = a spell ending (churn date) inside the range;
//   new = first active day inside the range;
// - a cohort cell (cohorts.ts): first order in the cohort's period and an order day in period
//   c + k (or, on-or-after, from c + k to the range's end);
// - a segment (segments-report.ts): scored into it by the latest segmentation run;
// - an RFM segment or cell (rfm.ts): the scores as of the range's end;
// - at risk (churn-risk.ts): flagged at risk by the latest churn run;
// - a campaign's group (campaigns.ts): its members targeted or held out; redeemed = targeted
//   members who redeemed the offer;
// - selected: every customer the filters select (with an audience filter, its members).
import type { CustomersBehindQuery, DefinitionKey, ListKind } from '@retention/contracts';
import type { z } from 'zod';
import { notFound, Refusal } from '../errors.ts';
import { toCsv } from '../lib/csv-export.ts';
import { definitionOf, type MetricContext } from './context.ts';
import { latestRun } from './latest-run.ts';
import { boundsOf, dayOf, isoOf, type Range } from './periods.ts';
import { cents, int, isoDaySql, money, Params, rfmCte, selectionSql, withCtes } from './sql.ts';

/** The list's kind, what names its number, order and page (the query less range and filters). */
export type BehindQuery = Pick<
  z.infer<typeof CustomersBehindQuery>,
  'kpi' | 'cohort' | 'k' | 'name' | 'r' | 'f' | 'campaign' | 'sort' | 'page' | 'pageSize'
>;
/** The list's kind and what names its number. */
export type ListQuery = Omit<BehindQuery, 'sort' | 'page' | 'pageSize'>;
/** What a list is evaluated in: the database, the range and the selection of customers. */
export type ListContext = Pick<MetricContext, 'db' | 'range' | 'selection'>;

const definitionKeys: Record<ListKind, DefinitionKey[]> = {
  activeAtEnd: ['active'],
  newCustomers: ['newCustomers'],
  churnedCustomers: ['churn'],
  cohort: ['cohorts'],
  cohortOnOrAfter: ['cohorts'],
  segment: ['segments'],
  rfmSegment: ['rfm'],
  rfmCell: ['rfm'],
  atRisk: ['churnRisk'],
  campaignTargeted: ['campaigns'],
  campaignControl: ['campaigns'],
  campaignRedeemed: ['campaigns'],
  selected: [],
};

const nobody = 'SELECT NULL::int AS customer_id WHERE false';

/**
 * A cohort cell's customers: first order in the period holding `cohort`, an order day in period
 * c + k (to the range's end when on-or-after). A cell outside the range has no one.
 */
function cohortSql(q: ListQuery, p: Params, join: string, range: Range): string {
  const bounds = boundsOf(range.periods);
  const day = dayOf(q.cohort ?? '');
  // The calendar's check, as the range's own days get it (periods.ts).
  if (Number.isNaN(day))
    throw new Refusal('bad_request', 'notADate', { name: 'cohort', value: String(q.cohort) });
  const c = range.periods.findIndex((period) => period.start <= day && day < period.end);
  const k = q.k ?? 0;
  const at = (i: number) => p.day(bounds[i] as number);
  if (c < 0 || c + k >= range.periods.length) return nobody;
  const until = q.kpi === 'cohortOnOrAfter' ? at(bounds.length - 1) : at(c + k + 1);
  return `SELECT DISTINCT d.customer_id FROM analytics_customer_days d ${join}
    WHERE d.first_order_day >= ${at(c)} AND d.first_order_day < ${at(c + 1)}
      AND d.day >= ${at(c + k)} AND d.day < ${until}`;
}

/** A count KPI's customers (active at the end, new, churned in the range). */
function kpiSql(kpi: ListKind, p: Params, join: string, range: Range): string {
  const end = range.to + 1;
  if (kpi === 'newCustomers') {
    return `SELECT a.customer_id FROM analytics_customers a ${join}
      WHERE a.first_active_day >= ${p.day(range.from)} AND a.first_active_day < ${p.day(end)}`;
  }
  const where =
    kpi === 'activeAtEnd'
      ? `s.start_day < ${p.day(end)} AND s.end_day >= ${p.day(end)}`
      : `s.end_day >= ${p.day(range.from)} AND s.end_day < ${p.day(end)}`;
  return `SELECT DISTINCT s.customer_id FROM analytics_spells s ${join} WHERE ${where}`;
}

/** Scores of the latest run of `kind` matching `where`, or no one before the first run. */
async function scoredSql(
  ctx: ListContext,
  kind: 'segments' | 'churn',
  p: Params,
  join: string,
  where: string,
): Promise<string> {
  const run = await latestRun(ctx.db.prisma, kind);
  if (!run) return nobody;
  return `SELECT cs.customer_id FROM customer_scores cs ${join}
    WHERE cs.model_run_id = ${p.add(run.id, 'int')} AND ${where}`;
}

/** The campaign a list names, or null for other kinds; 404 when there is no such campaign. */
async function campaignOf(ctx: ListContext, q: ListQuery) {
  if (q.campaign === undefined || !q.kpi.startsWith('campaign')) return null;
  const id = q.campaign;
  const found = await ctx.db.prisma.campaign.findUnique({
    where: { id },
    select: { id: true, name: true },
  });
  if (!found) throw notFound('campaign', id);
  return found;
}

/** A campaign's targeted, held-out or redeeming members. */
function campaignSql(q: ListQuery, p: Params, join: string) {
  const id = q.campaign ?? 0;
  const group = q.kpi === 'campaignControl' ? 'control' : 'target';
  const redeemed =
    q.kpi === 'campaignRedeemed'
      ? `AND EXISTS (SELECT 1 FROM offer_assignments a WHERE a.campaign_id = m.campaign_id
           AND a.customer_id = m.customer_id AND a.redeemed_at IS NOT NULL)`
      : '';
  return `SELECT m.customer_id FROM campaign_members m ${join}
    WHERE m.campaign_id = ${p.add(id, 'int')} AND m."group"::text = ${p.add(group)} ${redeemed}`;
}

/**
 * The CTEs naming the number's customer ids (`behind`, one `customer_id` column, each customer
 * once), and the campaign a campaign kind names (404 when there is none).
 */
export async function behindCtes(ctx: ListContext, q: ListQuery, p: Params) {
  const campaign = await campaignOf(ctx, q);
  return { sql: await behindSql(ctx, q, p), campaign };
}

async function behindSql(ctx: ListContext, q: ListQuery, p: Params): Promise<string> {
  const { kpi } = q;
  if (kpi === 'rfmSegment' || kpi === 'rfmCell') {
    const rfm = rfmCte(p, ctx.selection.rfmAsOf);
    const sel = selectionSql(ctx.selection, p, undefined, { rfmDefined: true });
    const where =
      kpi === 'rfmSegment'
        ? `rfm.segment = ${p.add(q.name)}`
        : `rfm.r = ${p.add(q.r, 'int')} AND rfm.f = ${p.add(q.f, 'int')}`;
    return withCtes(
      rfm,
      sel.ctes,
      `behind AS (SELECT rfm.customer_id FROM rfm ${sel.join} WHERE ${where})`,
    );
  }
  const sel = selectionSql(ctx.selection, p);
  const { join } = sel;
  let sql: string;
  if (kpi === 'cohort' || kpi === 'cohortOnOrAfter') sql = cohortSql(q, p, join, ctx.range);
  else if (kpi === 'segment') {
    sql = await scoredSql(ctx, 'segments', p, join, `cs.segment = ${p.add(q.name)}`);
  } else if (kpi === 'atRisk') {
    const flagged = `cs.churn_probability IS NOT NULL AND (cs.details->>'atRisk')::boolean`;
    sql = await scoredSql(ctx, 'churn', p, join, flagged);
  } else if (kpi.startsWith('campaign')) sql = campaignSql(q, p, join);
  else if (kpi === 'selected') {
    sql = `SELECT c.customer_id FROM (SELECT id AS customer_id FROM customers) c ${join}`;
  } else sql = kpiSql(kpi, p, join, ctx.range);
  return withCtes(sel.ctes, `behind AS (${sql})`);
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
  const p = new Params();
  const { sql: behind, campaign } = await behindCtes(ctx, q, p);
  const counted = await ctx.db.query<{ n: number }>(
    `${behind} SELECT count(*)::int AS n FROM behind`,
    [...p.values],
  );
  // The page is chosen on the sort key alone; only its rows are then joined to the customers
  // (sorting whole customer rows cost twice as much; a window count over the page query, 2x
  // more again at 90,000 customers).
  const rows = await ctx.db.query<Row>(
    `${behind},
     page AS (
       SELECT b.customer_id FROM behind b
       LEFT JOIN analytics_customers ac ON ac.customer_id = b.customer_id
       ${q.sort === 'name' ? 'JOIN customers c ON c.id = b.customer_id' : ''}
       ORDER BY ${orders[q.sort]}, b.customer_id
       LIMIT ${p.add(q.pageSize, 'int')} OFFSET ${p.add((q.page - 1) * q.pageSize, 'int')}
     )
     SELECT c.id, c.external_id, c.name, c.region, c.acquisition_channel AS channel,
            ac.orders, ac.revenue::text AS revenue,
            ${isoDaySql('ac.first_order_day')} AS first_order_day,
            ${isoDaySql('ac.last_order_day')} AS last_order_day
     FROM page pg JOIN customers c ON c.id = pg.customer_id
     LEFT JOIN analytics_customers ac ON ac.customer_id = pg.customer_id
     ORDER BY ${orders[q.sort]}, c.id`,
    p.values,
  );
  return {
    definition: definitionOf(ctx, definitionKeys[q.kpi]),
    kpi: q.kpi,
    campaign,
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

type Listed = Awaited<ReturnType<typeof customersBehindReport>>['items'];

/** A list as CSV for a spreadsheet: one row per customer, in the list's order. */
export function customersCsv(items: Listed): string {
  return toCsv(
    [
      'customer_id',
      'external_id',
      'name',
      'region',
      'channel',
      'orders',
      'revenue',
      'first_order_day',
      'last_order_day',
    ],
    items.map((c) => [
      c.id,
      c.externalId,
      c.name,
      c.region,
      c.channel,
      c.orders,
      c.revenue,
      c.firstOrderDay,
      c.lastOrderDay,
    ]),
  );
}
