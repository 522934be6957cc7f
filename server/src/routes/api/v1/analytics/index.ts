import {
  AnalyticsQuery,
  AnalyticsVersion,
  authErrors,
  BreakdownQuery,
  BreakdownReport,
  CampaignsReport,
  ChurnReport,
  ChurnRiskQuery,
  ChurnRiskReport,
  ClvCard,
  CustomersBehindQuery,
  CustomersBehindReport,
  csvRowLimit,
  DashboardReport,
  ElasticityQuery,
  ElasticityReport,
  FilterOptions,
  JobStarted,
  LifecycleReport,
  LtvReport,
  NoQuery,
  RetentionCurveReport,
  RetentionReport,
  RfmReport,
  SegmentsReport,
  StickinessReport,
} from '@retention/contracts';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { customersCsv } from '../../../../analytics/customers-behind.ts';
import { trainingStates } from '../../../../analytics/latest-run.ts';
import { isoOf } from '../../../../analytics/periods.ts';
import type { PlainReportName } from '../../../../analytics/report-table.ts';
import { filterOptionsJson, reportJson, reportValue } from '../../../../analytics/request.ts';
import { readClv } from '../../../../ml/clv/read-clv.ts';
import { readElasticity } from '../../../../ml/elasticity/read-elasticity.ts';
import type { JobKind } from '../../../../ml/train-model.ts';
import { identityOf, staffOnly } from '../../../../plugins/auth.ts';

const reports: [PlainReportName, string, z.ZodType][] = [
  [
    'dashboard',
    'Every KPI for the range, with the same-length period before and the change',
    DashboardReport,
  ],
  [
    'churn',
    'Active, new and churned customers, churn and retention rates, revenue, NRR/GRR per period',
    ChurnReport,
  ],
  [
    'retention',
    'Cohort retention matrix (customers, on-or-after and revenue variants)',
    RetentionReport,
  ],
  [
    'retention-curve',
    'Cohort-weighted retention curve by periods since the first order',
    RetentionCurveReport,
  ],
  ['ltv', 'Historical LTV by periods since the first order, and simple LTV', LtvReport],
  ['rfm', 'RFM scores and named segments as of the range end', RfmReport],
  ['lifecycle', 'New, returning, resurrecting and dormant customers per period', LifecycleReport],
  ['stickiness', 'DAU/MAU from behaviour events per period', StickinessReport],
  [
    'campaigns',
    'Campaign effect: redemption, retention and revenue of target vs control, uplift with 95% intervals',
    CampaignsReport,
  ],
  ['segments', 'Model segments of the latest segmentation run with their profiles', SegmentsReport],
];

/**
 * A report's JSON as the report thread wrote it: sent as bytes, so this thread neither
 * validates nor serialises a possibly large answer (the schemas above document it, and the
 * tests hold the reports to them).
 */
const sendJson = (reply: FastifyReply, json: Buffer) =>
  reply.type('application/json; charset=utf-8').send(json);

const analyticsRoutes: FastifyPluginAsyncZod = async (app) => {
  for (const [name, summary, response] of reports) {
    app.get(
      `/${name}`,
      {
        config: { access: staffOnly },
        schema: {
          summary: `${summary} (staff; scoped managers see their region)`,
          tags: ['analytics'],
          querystring: AnalyticsQuery,
          response: { 200: response, ...authErrors },
        },
      },
      async (request, reply) => {
        const ask = { viewer: identityOf(request), query: request.query };
        return sendJson(reply, await reportJson(app.analytics, ask, name));
      },
    );
  }

  app.get(
    '/version',
    {
      config: { access: ['admin', 'manager', 'client'] },
      schema: {
        summary:
          'Generation of the analytics data: it changes when new orders, events or scores are taken in; open dashboards poll it and reload when it moves',
        tags: ['analytics'],
        response: {
          200: AnalyticsVersion,
          ...authErrors,
        },
      },
    },
    async () => {
      const { refresher } = app.analytics;
      await refresher.ready();
      const day = refresher.businessDay();
      return {
        generation: refresher.generation,
        changedAt: refresher.changedAt?.toISOString() ?? null,
        asOf: isoOf(day.today),
        asOfBy: day.by,
        dataEnds: day.dataEnds,
        models: await trainingStates(app.prisma),
      };
    },
  );

  app.get(
    '/options',
    {
      config: { access: staffOnly },
      schema: {
        summary:
          'The values the filters region, channel, segment and plan accept, sorted; a scoped manager gets those of their region (staff)',
        tags: ['analytics'],
        querystring: NoQuery,
        response: { 200: FilterOptions, ...authErrors },
      },
    },
    async (request, reply) =>
      sendJson(reply, await filterOptionsJson(app.analytics, identityOf(request))),
  );

  app.get(
    '/customers',
    {
      config: { access: staffOnly },
      schema: {
        summary:
          'The customers behind a number on the dashboard (active at the end, new, churned, a cohort cell, a segment, an RFM segment or cell, the at-risk total, a campaign’s targeted, control or redeemed members), for the same range and filters, paged or as CSV; the total equals the number (staff; scoped managers see their region)',
        tags: ['analytics'],
        querystring: CustomersBehindQuery,
        response: { 200: z.union([CustomersBehindReport, z.string()]), ...authErrors },
      },
    },
    async (request, reply) => {
      const { kpi, cohort, k, name, r, f, campaign, sort, page, pageSize, format, ...query } =
        request.query;
      const ask = { viewer: identityOf(request), query };
      const args = { kpi, cohort, k, name, r, f, campaign, sort, page, pageSize };
      if (format === 'json') {
        return sendJson(reply, await reportJson(app.analytics, ask, 'customers-behind', args));
      }
      const whole = { ...args, page: 1, pageSize: csvRowLimit };
      const list = await reportValue(app.analytics, ask, 'customers-behind', whole);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="customers-${kpi}.csv"`)
        .send(customersCsv(list.items));
    },
  );

  app.get(
    '/breakdown',
    {
      config: { access: staffOnly },
      schema: {
        summary: 'Summary table by region, channel or RFM segment, with totals (staff)',
        tags: ['analytics'],
        querystring: BreakdownQuery,
        response: { 200: BreakdownReport, ...authErrors },
      },
    },
    async (request, reply) => {
      const { by, ...query } = request.query;
      const ask = { viewer: identityOf(request), query };
      return sendJson(reply, await reportJson(app.analytics, ask, 'breakdown', { by }));
    },
  );

  const trainingRoutes: [string, JobKind, string][] = [
    ['/segmentation', 'segments', 'a segmentation run'],
    ['/churn-prediction', 'churn', 'a churn model run (both models, scores and reasons)'],
    [
      '/backtest',
      'backtest',
      'a backtest: the churn models and baselines, and CLV, fitted as of past cutoffs (every H days back) and judged on what followed; the job’s metrics hold the table',
    ],
  ];
  for (const [url, kind, what] of trainingRoutes) {
    app.post(
      url,
      {
        config: { access: staffOnly },
        schema: {
          summary: `Start ${what} now (staff); answers the job id at once, or the running one`,
          tags: ['models'],
          response: { 202: JobStarted, ...authErrors },
        },
      },
      async (_request, reply) => {
        const { jobId, alreadyRunning } = await app.training.start(kind);
        reply.code(202);
        return { jobId, alreadyRunning, status: `/api/v1/jobs/${jobId}` };
      },
    );
  }

  app.get(
    '/churn-risk',
    {
      config: { access: staffOnly },
      schema: {
        summary:
          'Customers by churn risk from the newest churn model: probability, reasons (en, ru), CLV, value at risk; totals and the model card (staff; scoped managers see their region)',
        tags: ['models'],
        querystring: ChurnRiskQuery,
        response: { 200: ChurnRiskReport, ...authErrors },
      },
    },
    async (request, reply) => {
      const { region, channel, segment, plan, audience, ...list } = request.query;
      const query = { region, channel, segment, plan, audience, granularity: 'month' as const };
      const ask = { viewer: identityOf(request), query };
      return sendJson(reply, await reportJson(app.analytics, ask, 'churn-risk', list));
    },
  );

  app.get(
    '/price-elasticity',
    {
      config: { access: staffOnly },
      schema: {
        summary:
          'Price elasticity per product and category from the newest run: log-log slope, SE, 95% interval (staff)',
        tags: ['models'],
        querystring: ElasticityQuery,
        response: { 200: ElasticityReport, ...authErrors },
      },
    },
    async (request) => readElasticity(app.prisma, request.query.category),
  );

  app.get(
    '/clv',
    {
      config: { access: staffOnly },
      schema: {
        summary:
          'The CLV model card from the newest run: its 90-day holdout against the naive-rate and last-period baselines (bias, Spearman), and the seasonality verdict (staff)',
        tags: ['models'],
        querystring: NoQuery,
        response: { 200: ClvCard, ...authErrors },
      },
    },
    async () => readClv(app.prisma),
  );
};

export default analyticsRoutes;
