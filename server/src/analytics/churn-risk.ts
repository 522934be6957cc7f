// At-risk customers from the newest churn model run, over the viewer's selection: each one's
// probability, reasons, CLV and value at risk (probability × CLV of the newest CLV run), the
// selection's totals, and the model card (both tree models' and the baselines' held-out
// figures, which one serves and why, importance). The
// model is trained on every customer, so its card is business-wide for every viewer, a
// region-scoped manager too, and says so (scope: 'business'); the totals and the list are
// the selection's.

import type { ChurnRiskQuery as ChurnRiskParams, ChurnRiskReport } from '@retention/contracts';
import { isoInstant } from '@retention/contracts';
import type { z } from 'zod';
import { definitionOf, type MetricContext } from './context.ts';
import { latestRun } from './latest-run.ts';
import { cents, int, isoDaySql, money, Params, selectionSql, withCtes } from './sql.ts';

/** The list's order, threshold and page (the route's query without the filters). */
export type ChurnRiskQuery = Omit<
  z.infer<typeof ChurnRiskParams>,
  'region' | 'channel' | 'segment' | 'plan' | 'audience'
>;

/** The model card, as train-churn writes its figures. */
type Card = NonNullable<z.infer<typeof ChurnRiskReport>['model']>;

interface Row {
  id: number;
  name: string | null;
  region: string | null;
  channel: string | null;
  probability: number;
  reasons: unknown;
  at_risk: boolean | null;
  clv: string | null;
  value_at_risk: string | null;
  last_order_day: string | null;
}

interface Totals {
  customers: number;
  at_risk: number;
  expected: number;
  value_at_risk: string;
  matching: number;
}

export async function churnRiskReport(ctx: MetricContext, q: ChurnRiskQuery) {
  const definition = definitionOf(ctx, ['churnRisk']);
  const run = await latestRun(ctx.db.prisma, 'churn');
  if (!run) {
    return {
      definition,
      model: null,
      totals: null,
      customers: [],
      page: q.page,
      pageSize: q.pageSize,
      total: 0,
      message: 'No churn model has run yet: npm run train -- --only churn',
    };
  }
  const clvRun = await latestRun(ctx.db.prisma, 'clv');
  const p = new Params();
  const sel = selectionSql(ctx.selection, p);
  const filtered = `${withCtes(
    sel.ctes,
    `scored AS (
      SELECT cs.customer_id, cs.churn_probability AS probability, cs.reasons,
             (cs.details->>'atRisk')::boolean AS at_risk, v.clv,
             round((cs.churn_probability * v.clv)::numeric, 2) AS value_at_risk
      FROM customer_scores cs ${sel.join}
      LEFT JOIN customer_scores v
        ON v.customer_id = cs.customer_id AND v.model_run_id = ${p.add(clvRun?.id ?? 0, 'int')}
      WHERE cs.model_run_id = ${p.add(run.id, 'int')} AND cs.churn_probability IS NOT NULL
    )`,
  )}`;
  const where = [`probability >= ${p.add(q.minProbability, 'float8')}`];
  if (q.atRiskOnly) where.push('at_risk');
  const totals = await ctx.db.query<Totals>(
    `${filtered}
     SELECT count(*)::int AS customers, count(*) FILTER (WHERE at_risk)::int AS at_risk,
            coalesce(sum(probability), 0)::float8 AS expected,
            coalesce(sum(value_at_risk), 0)::text AS value_at_risk,
            count(*) FILTER (WHERE ${where.join(' AND ')})::int AS matching
     FROM scored`,
    [...p.values],
  );
  const order =
    q.sort === 'value'
      ? 's.value_at_risk DESC NULLS LAST, s.probability DESC'
      : 's.probability DESC, s.value_at_risk DESC NULLS LAST';
  const rows = await ctx.db.query<Row>(
    `${filtered}
     SELECT s.customer_id AS id, c.name, c.region, c.acquisition_channel AS channel,
            s.probability::float8 AS probability, s.reasons, s.at_risk, s.clv::text AS clv,
            s.value_at_risk::text AS value_at_risk, ${isoDaySql('ac.last_order_day')} AS last_order_day
     FROM scored s JOIN customers c ON c.id = s.customer_id
     LEFT JOIN analytics_customers ac ON ac.customer_id = s.customer_id
     WHERE ${where.join(' AND ')}
     ORDER BY ${order}, s.customer_id
     LIMIT ${p.add(q.pageSize, 'int')} OFFSET ${p.add((q.page - 1) * q.pageSize, 'int')}`,
    p.values,
  );
  const t = totals.rows[0] as Totals;
  const m = run.metrics as Record<string, unknown>;
  const parameters = run.parameters as Record<string, unknown>;
  return {
    definition,
    model: {
      scope: 'business' as const,
      runId: run.id,
      asOf: isoInstant(run.asOf).slice(0, 10),
      finishedAt: run.finishedAt && isoInstant(run.finishedAt),
      clvRunId: clvRun?.id ?? null,
      windowDays: Number(m.windowDays ?? parameters.windowDays),
      // Runs before the horizon learned the spell label over W.
      horizonDays: Number(m.horizonDays ?? m.windowDays ?? parameters.windowDays),
      trainCutoffs: parameters.trainCutoffs as string[],
      evaluationCutoff: parameters.evaluationCutoff as string,
      chosen: m.chosen as Card['chosen'],
      threshold: Number(m.threshold),
      rows: m.rows as Record<string, number>,
      churnRate: m.churnRate as Record<string, number>,
      models: m.models as Card['models'],
      baselines: (m.baselines ?? null) as Card['baselines'],
      verdict: (m.verdict ?? null) as Card['verdict'],
      importance: m.importance as Card['importance'],
      operating: (m.operating ?? null) as Card['operating'],
    },
    totals: {
      customers: int(t.customers),
      atRisk: int(t.at_risk),
      expectedChurners: Math.round(Number(t.expected) * 10) / 10,
      valueAtRisk: money(cents(t.value_at_risk)),
    },
    customers: rows.rows.map((r) => ({
      id: Number(r.id),
      name: r.name,
      region: r.region,
      channel: r.channel,
      lastOrderDay: r.last_order_day,
      probability: Number(r.probability),
      atRisk: r.at_risk === true,
      clv: r.clv === null ? null : money(cents(r.clv)),
      valueAtRisk: r.value_at_risk === null ? null : money(cents(r.value_at_risk)),
      reasons: (r.reasons ?? []) as { group: string; impact: number; en: string; ru: string }[],
    })),
    page: q.page,
    pageSize: q.pageSize,
    total: int(t.matching),
    message: null,
  };
}
