// Every analytics report by name, with the arguments it takes beyond the request's range and
// selection. Names cross into the report threads (report-worker.ts), functions cannot.
import { type ChurnRiskQuery, churnRiskReport } from './churn-risk.ts';
import type { MetricContext } from './context.ts';
import { type BehindQuery, customersBehindReport } from './customers-behind.ts';
import {
  breakdownReport,
  campaignsReport,
  churnReport,
  dashboardReport,
  lifecycleReport,
  ltvReport,
  retentionCurveReport,
  retentionReport,
  rfmReport,
  stickinessReport,
} from './reports.ts';
import { segmentsReport } from './segments-report.ts';
import type { Dimension } from './selection.ts';

export const reportTable = {
  dashboard: (ctx: MetricContext) => dashboardReport(ctx),
  churn: (ctx: MetricContext) => churnReport(ctx),
  retention: (ctx: MetricContext) => retentionReport(ctx),
  'retention-curve': (ctx: MetricContext) => retentionCurveReport(ctx),
  ltv: (ctx: MetricContext) => ltvReport(ctx),
  rfm: (ctx: MetricContext) => rfmReport(ctx),
  lifecycle: (ctx: MetricContext) => lifecycleReport(ctx),
  stickiness: (ctx: MetricContext) => stickinessReport(ctx),
  campaigns: (ctx: MetricContext) => campaignsReport(ctx),
  segments: (ctx: MetricContext) => segmentsReport(ctx),
  breakdown: (ctx: MetricContext, args: { by: Dimension }) => breakdownReport(ctx, args.by),
  'churn-risk': (ctx: MetricContext, args: ChurnRiskQuery) => churnRiskReport(ctx, args),
  'customers-behind': (ctx: MetricContext, args: BehindQuery) => customersBehindReport(ctx, args),
};

export type ReportName = keyof typeof reportTable;
export type ReportArgs<N extends ReportName> = Parameters<(typeof reportTable)[N]>[1];
export type ReportValue<N extends ReportName> = Awaited<ReturnType<(typeof reportTable)[N]>>;
/** The reports that take nothing beyond the range and selection. */
export type PlainReportName = {
  [N in ReportName]: ReportArgs<N> extends undefined ? N : never;
}[ReportName];
