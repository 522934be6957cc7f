import { useSearch } from 'wouter';
import { BlockState } from '../../../components/block-state';
import { filtersFromSearch } from '../../../lib/filters';
import { type DashboardReport, useReport } from '../api/reports';
import { AtRiskBlock } from './at-risk';
import { BreakdownTable } from './breakdown-table';
import { CampaignsBlock } from './campaigns-block';
import { CohortHeatmap } from './cohort-heatmap';
import { KpiGrid } from './kpi-grid';
import { LtvBlock } from './ltv-block';
import { SegmentsBlock } from './segments-block';
import { TrendChart } from './trend-chart';

export const blockNames = [
  'kpis',
  'trends',
  'cohorts',
  'ltv',
  'segments',
  'at-risk',
  'campaigns',
  'breakdown',
] as const;

function DashboardPart({ part }: { part: 'kpis' | 'trends' }) {
  const filters = filtersFromSearch(useSearch());
  const report = useReport<DashboardReport>('dashboard', filters);
  return (
    <BlockState query={report}>
      {(d) =>
        part === 'kpis' ? (
          <KpiGrid report={d} />
        ) : (
          <section className="block">
            <TrendChart series={d.series} />
          </section>
        )
      }
    </BlockState>
  );
}

/**
 * One dashboard block alone, at a fixed width, with the filters of the query: what the bot
 * screenshots, once no skeleton is left.
 */
export function BlockPage({ name }: { name: string }) {
  const filters = filtersFromSearch(useSearch());
  const block = (() => {
    switch (name) {
      case 'kpis':
      case 'trends':
        return <DashboardPart part={name} />;
      case 'cohorts':
        return <CohortHeatmap filters={filters} />;
      case 'ltv':
        return <LtvBlock filters={filters} />;
      case 'segments':
        return <SegmentsBlock filters={filters} onPick={() => {}} />;
      case 'at-risk':
        return <AtRiskBlock filters={filters} />;
      case 'campaigns':
        return <CampaignsBlock filters={filters} links={false} />;
      case 'breakdown':
        return <BreakdownTable filters={filters} />;
      default:
        return (
          <p className="hint">
            Unknown block “{name}”: one of {blockNames.join(', ')}.
          </p>
        );
    }
  })();
  return (
    <main className="block-page" data-testid={`block-page-${name}`}>
      {block}
    </main>
  );
}
