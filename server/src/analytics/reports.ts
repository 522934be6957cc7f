// One function per analytics endpoint: runs the metric queries for a request's range and
// selection and shapes the answer (money as decimal strings, periods as ISO dates, and the
// definition used).
import {
  activityByPeriod,
  activitySeries,
  emptyActivity,
  type PeriodActivity,
  totalOf,
} from './activity.ts';
import { campaignEffects, type GroupOutcome, type Interval } from './campaigns.ts';
import { cohortsOf, curveOf } from './cohorts.ts';
import { definitionOf, type MetricContext } from './context.ts';
import { lifecycleOf } from './lifecycle.ts';
import { boundsOf, isoOf, type Period, periodsOf, previousRange } from './periods.ts';
import { type RevenueRetention, revenueRetention } from './revenue-retention.ts';
import { rfmOf } from './rfm.ts';
import type { Dimension } from './selection.ts';
import { money, ratio } from './sql.ts';
import { stickinessOf } from './stickiness.ts';

export const periodOut = (p: Period) => ({
  start: isoOf(p.start),
  end: isoOf(p.end - 1),
  partial: p.partial,
});

const moneyOrNull = (c: number | null) => (c === null ? null : money(c));

export function activityOut(a: PeriodActivity) {
  const churnRate = ratio(a.churned, a.activeStart);
  return {
    activeAtStart: a.activeStart,
    activeAtEnd: a.activeEnd,
    activeInPeriod: a.activeIn,
    newCustomers: a.newCustomers,
    churnedCustomers: a.churned,
    churnRate,
    retentionRate: churnRate === null ? null : 1 - churnRate,
    orders: a.orders,
    buyers: a.buyers,
    revenue: money(a.revenueCents),
    aov: moneyOrNull(ratio(a.revenueCents, a.orders)),
    arpu: moneyOrNull(ratio(a.revenueCents, a.activeIn)),
  };
}

export function revenueRetentionOut(r: RevenueRetention) {
  return {
    customersAtStart: r.customersAtStart,
    customersKept: r.customersKept,
    mrrAtStart: money(r.mrrAtStartCents),
    mrrKept: money(r.mrrKeptCents),
    expansion: money(r.expansionCents),
    contraction: money(r.contractionCents),
    churned: money(r.churnedCents),
    newMrr: money(r.newCents),
    mrrAtEnd: money(r.mrrAtEndCents),
    nrr: r.nrr,
    grr: r.grr,
  };
}

export async function churnReport(ctx: MetricContext) {
  const { periods } = ctx.range;
  const [activity, revenue] = await Promise.all([
    activitySeries(ctx.db, ctx.selection, periods),
    revenueRetention(ctx.db, ctx.selection, periods),
  ]);
  return {
    definition: definitionOf(ctx, [
      'active',
      'churn',
      'newCustomers',
      'revenue',
      'revenueRetention',
    ]),
    periods: periods.map((p, k) => ({
      period: periodOut(p),
      ...activityOut(activity[k] ?? emptyActivity()),
      revenueRetention: revenueRetentionOut(revenue[k] as RevenueRetention),
    })),
  };
}

/** The range against the same number of days just before it. */
export async function dashboardReport(ctx: MetricContext) {
  const { range } = ctx;
  const prev = previousRange(range.from, range.to);
  const pair: Period[] = [
    { start: prev.from, end: range.from, partial: false },
    { start: range.from, end: range.to + 1, partial: false },
  ];
  const earlier = periodsOf(prev.from, prev.to, range.granularity);
  const [activity, both, revenue, sticky] = await Promise.all([
    activitySeries(ctx.db, ctx.selection, pair),
    activitySeries(ctx.db, ctx.selection, [...earlier, ...range.periods], { buyers: false }),
    revenueRetention(ctx.db, ctx.selection, pair),
    stickinessOf(ctx.db, ctx.selection, pair),
  ]);
  const series = both.slice(earlier.length);
  const halves = [both.slice(0, earlier.length), series];
  const [before, now] = [0, 1].map((k) => ({
    ...activityOut(activity[k] ?? emptyActivity()),
    ...pooledChurn(halves[k] ?? []),
    nrr: revenue[k]?.nrr ?? null,
    grr: revenue[k]?.grr ?? null,
    mrr: money(revenue[k]?.mrrAtEndCents ?? 0),
    dauOverMau: sticky[k]?.dauOverMau ?? null,
  })) as [KpiSet, KpiSet];
  const kpis = Object.fromEntries(
    (Object.keys(now) as (keyof KpiSet)[]).map((key) => [key, compare(now[key], before[key])]),
  );
  return {
    definition: definitionOf(ctx, [
      'active',
      'churn',
      'dashboardChurn',
      'newCustomers',
      'revenue',
      'revenueRetention',
      'stickiness',
    ]),
    period: { from: isoOf(range.from), to: isoOf(range.to) },
    previousPeriod: { from: isoOf(prev.from), to: isoOf(prev.to) },
    kpis,
    series: range.periods.map((p, k) => {
      const a = activityOut(series[k] ?? emptyActivity());
      return {
        period: periodOut(p),
        activeAtEnd: a.activeAtEnd,
        newCustomers: a.newCustomers,
        churnedCustomers: a.churnedCustomers,
        churnRate: a.churnRate,
        revenue: a.revenue,
      };
    }),
  };
}

/** Churn per week or month over several: Σ churned ÷ Σ active at each period's start. */
function pooledChurn(periods: PeriodActivity[]) {
  const churned = periods.reduce((a, p) => a + p.churned, 0);
  const opening = periods.reduce((a, p) => a + p.activeStart, 0);
  const churnRate = ratio(churned, opening);
  return { churnRate, retentionRate: churnRate === null ? null : 1 - churnRate };
}

type KpiSet = ReturnType<typeof activityOut> & {
  nrr: number | null;
  grr: number | null;
  mrr: string;
  dauOverMau: number | null;
};

/** A KPI now and before, with the change (relative change null when before is 0 or none). */
function compare(value: number | string | null, previous: number | string | null) {
  const a = value === null ? null : Number(value);
  const b = previous === null ? null : Number(previous);
  const delta = a === null || b === null ? null : a - b;
  const isMoney = typeof value === 'string';
  return {
    value,
    previous,
    delta: delta === null ? null : isMoney ? (Math.round(delta * 100) / 100).toFixed(2) : delta,
    deltaPct: delta === null || !b ? null : delta / Math.abs(b),
  };
}

export async function retentionReport(ctx: MetricContext) {
  const cohorts = await cohortsOf(ctx.db, ctx.selection, ctx.range);
  const { periods } = ctx.range;
  return {
    definition: definitionOf(ctx, ['cohorts']),
    periods: periods.map(periodOut),
    cohorts: cohorts.map((c) => {
      const first = c.cells[0]?.revenueCents ?? 0;
      return {
        period: periodOut(periods[c.index] as Period),
        size: c.size,
        revenue: money(first),
        cells: c.cells.map((cell) => ({
          k: cell.k,
          period: periodOut(periods[c.index + cell.k] as Period),
          customers: cell.customers,
          share: ratio(cell.customers, c.size),
          onOrAfter: cell.onOrAfter,
          onOrAfterShare: ratio(cell.onOrAfter, c.size),
          revenue: money(cell.revenueCents),
          revenueShare: ratio(cell.revenueCents, first),
        })),
      };
    }),
  };
}

export async function retentionCurveReport(ctx: MetricContext) {
  const curve = curveOf(await cohortsOf(ctx.db, ctx.selection, ctx.range), ctx.range);
  return {
    definition: definitionOf(ctx, ['cohorts', 'curve']),
    points: curve
      .filter((p) => p.cohorts > 0)
      .map((p) => ({
        k: p.k,
        cohorts: p.cohorts,
        customers: p.customers,
        retention: p.retention,
        onOrAfter: p.onOrAfter,
        revenueRetention: p.revenueRetention,
      })),
  };
}

export async function ltvReport(ctx: MetricContext) {
  const { range } = ctx;
  const months = periodsOf(range.from, range.to, 'month').filter((p) => !p.partial);
  const [curve, monthly] = await Promise.all([
    cohortsOf(ctx.db, ctx.selection, range).then((c) => curveOf(c, range)),
    months.length ? activitySeries(ctx.db, ctx.selection, months) : Promise.resolve([]),
  ]);
  const sum = (key: keyof PeriodActivity) => monthly.reduce((a, x) => a + x[key], 0);
  const arpuCents = ratio(sum('revenueCents'), sum('activeIn'));
  const churn = pooledChurn(monthly).churnRate;
  const margin = ctx.settings.grossMargin;
  const simple = arpuCents === null || !churn ? null : (arpuCents * margin) / churn;
  return {
    definition: definitionOf(ctx, ['historicalLtv', 'simpleLtv', 'churn']),
    historical: curve
      .filter((p) => p.cohorts > 0)
      .map((p) => ({
        k: p.k,
        cohorts: p.cohorts,
        customers: p.customers,
        cumulativeRevenuePerCustomer: moneyOrNull(p.cumulativeRevenuePerCustomerCents),
      })),
    simple: {
      months: months.length,
      monthlyArpu: moneyOrNull(arpuCents),
      monthlyChurnRate: churn,
      grossMargin: margin,
      ltv: moneyOrNull(simple),
      reason:
        months.length === 0
          ? 'the range holds no whole month'
          : churn === null
            ? 'nobody was active at the start of these months'
            : churn === 0
              ? 'nobody churned in these months, so the formula is undefined'
              : null,
    },
  };
}

export async function rfmReport(ctx: MetricContext) {
  return { definition: definitionOf(ctx, ['rfm']), ...(await rfmOf(ctx.db, ctx.selection)) };
}

export async function lifecycleReport(ctx: MetricContext) {
  const rows = await lifecycleOf(ctx.db, ctx.selection, ctx.range);
  return {
    definition: definitionOf(ctx, ['lifecycle']),
    periods: ctx.range.periods.map((p, k) => ({ period: periodOut(p), ...rows[k] })),
  };
}

export async function stickinessReport(ctx: MetricContext) {
  const rows = await stickinessOf(ctx.db, ctx.selection, ctx.range.periods);
  return {
    definition: definitionOf(ctx, ['stickiness']),
    periods: ctx.range.periods.map((p, k) => ({ period: periodOut(p), ...rows[k] })),
  };
}

const outcomeOut = (g: GroupOutcome) => ({
  members: g.members,
  retained: g.retained,
  retention: g.retention,
  revenue: money(g.revenueCents),
  revenuePerMember: moneyOrNull(g.revenuePerMemberCents),
});

const moneyInterval = (i: Interval | null) =>
  i === null
    ? null
    : {
        estimate: money(i.estimate),
        low: money(i.low),
        high: money(i.high),
        significant: i.significant,
      };

export async function campaignsReport(ctx: MetricContext) {
  const effects = await campaignEffects(ctx.db, ctx.selection, ctx.range);
  return {
    definition: definitionOf(ctx, ['campaigns']),
    campaigns: effects.map(
      ({ revenueUpliftCents, incrementalRevenueCents, discountCostCents, ...e }) => ({
        ...e,
        target: outcomeOut(e.target),
        control: outcomeOut(e.control),
        revenueUplift: moneyInterval(revenueUpliftCents),
        incrementalRevenue:
          incrementalRevenueCents === null ? null : money(incrementalRevenueCents),
        discountCost: money(discountCostCents),
      }),
    ),
  };
}

export async function breakdownReport(ctx: MetricContext, by: Dimension) {
  const { range } = ctx;
  const whole: Period[] = [{ start: range.from, end: range.to + 1, partial: false }];
  const groups = await activityByPeriod(ctx.db, ctx.selection, boundsOf(whole), by);
  const rows = [...groups.entries()]
    .map(([key, series]) => ({ key, ...activityOut(series[0] ?? emptyActivity()) }))
    .sort(
      (a, b) => Number(b.revenue) - Number(a.revenue) || String(a.key).localeCompare(String(b.key)),
    );
  return {
    definition: { ...definitionOf(ctx, ['breakdown', 'active', 'churn', 'revenue']), by },
    rows,
    total: activityOut(totalOf(groups.values())[0] ?? emptyActivity()),
  };
}
