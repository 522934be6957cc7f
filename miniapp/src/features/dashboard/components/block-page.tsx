import {
  type BlockName,
  blockCaption,
  blockNames,
  type Filters,
  filtersFromSearch,
  isBlockName,
} from '@retention/contracts';
import type { ReactNode } from 'react';
import { useSearch } from 'wouter';
import { BlockState } from '../../../components/block-state';
import { useLang } from '../../../lib/i18n';
import { useReport } from '../api/reports';
import { AtRiskBlock } from './at-risk';
import { BreakdownTable } from './breakdown-table';
import { CampaignsBlock } from './campaigns-block';
import { CohortHeatmap } from './cohort-heatmap';
import { KpiGrid } from './kpi-grid';
import { LtvBlock } from './ltv-block';
import { SegmentsBlock } from './segments-block';
import { TrendChart } from './trend-chart';

function DashboardPart({ part }: { part: 'kpis' | 'trends' }) {
  const filters = filtersFromSearch(useSearch());
  const report = useReport('dashboard', filters);
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

/** Every block of @retention/contracts' blockNames (the bot's /screenshot offers them). */
const blocks: Record<BlockName, (filters: Filters) => ReactNode> = {
  kpis: () => <DashboardPart part="kpis" />,
  trends: () => <DashboardPart part="trends" />,
  cohorts: (filters) => <CohortHeatmap filters={filters} />,
  ltv: (filters) => <LtvBlock filters={filters} />,
  segments: (filters) => <SegmentsBlock filters={filters} onPick={() => {}} />,
  'at-risk': (filters) => <AtRiskBlock filters={filters} />,
  campaigns: (filters) => <CampaignsBlock filters={filters} links={false} />,
  breakdown: (filters) => <BreakdownTable filters={filters} />,
};

/** What the picture shows: the block's title, its range and its filters (blockCaption). */
function BlockHeader({ name, filters }: { name: BlockName; filters: Filters }) {
  const lang = useLang();
  const report = useReport('dashboard', filters);
  // A picture is taken once no skeleton is left: the header is waited for too.
  if (report.isPending) return <div className="skeleton" aria-busy="true" data-testid="skeleton" />;
  if (!report.data) return null;
  const { period, definition } = report.data;
  const [title, range, shown] = blockCaption(
    name,
    { from: period.from, to: period.to, filters: definition.filters },
    lang,
  );
  return (
    <header className="block-header" data-testid="block-header">
      <h1>{title}</h1>
      <p className="hint">
        {range} · {shown}
      </p>
    </header>
  );
}

/**
 * One dashboard block alone, at a fixed width, with the filters of the query: what the bot
 * screenshots, once no skeleton is left.
 */
export function BlockPage({ name }: { name: string }) {
  const filters = filtersFromSearch(useSearch());
  const block = isBlockName(name) ? (
    blocks[name](filters)
  ) : (
    <p className="hint">
      Unknown block “{name}”: one of {blockNames.join(', ')}.
    </p>
  );
  return (
    <main className="block-page" data-testid={`block-page-${name}`}>
      {isBlockName(name) && <BlockHeader name={name} filters={filters} />}
      {block}
    </main>
  );
}
