// The dashboard's KPIs as the bot's text shows them (kpiText of @retention/bot): in digests
// and, through the bot's services, in /analytics. Here so that both read it from one place
// and the bot's services depend on alerts, never the other way round.
import type { KpiSummary } from '@retention/bot';
import { kpiCatalogue } from '@retention/contracts';
import type { ReportValue } from '../analytics/report-table.ts';

/** The dashboard report's periods and KPIs (with the period before) in a viewer's region. */
export function kpiSummaryOf(
  report: ReportValue<'dashboard'>,
  region: string | null,
  dataEnds: string | null,
  currency: string | null,
): KpiSummary {
  const kpis = report.kpis as Record<string, { value: unknown; previous: unknown }>;
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    from: report.period.from,
    to: report.period.to,
    previousFrom: report.previousPeriod.from,
    previousTo: report.previousPeriod.to,
    region,
    dataEnds,
    currency,
    kpis: kpiCatalogue
      .filter((entry) => entry.inChat)
      .flatMap(({ key, kind }) => {
        const k = kpis[key];
        return k ? [{ key, kind, value: num(k.value), previous: num(k.previous) }] : [];
      }),
  };
}
