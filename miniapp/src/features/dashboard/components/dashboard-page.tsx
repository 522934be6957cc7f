import {
  blockTitles,
  type Filters,
  filtersFromSearch,
  filtersToSearch,
} from '@retention/contracts';
import { useEffect } from 'react';
import { useLocation, useSearch } from 'wouter';
import { BlockState } from '../../../components/block-state';
import { PlatformActions } from '../../../components/platform-actions';
import { ShareButton } from '../../../components/share-button';
import { useAudiences } from '../../../lib/audiences';
import { formatDateRange } from '../../../lib/format';
import { useAnalyticsOptions } from '../../../lib/get-analytics-options';
import { t, useLang } from '../../../lib/i18n';
import { loadLastFilters, saveLastFilters } from '../../../lib/last-filters';
import { LiveBadge } from '../../live/live-badge';
import { useReport } from '../api/reports';
import { AtRiskBlock } from './at-risk';
import { BreakdownTable } from './breakdown-table';
import { CampaignsBlock } from './campaigns-block';
import { CohortHeatmap } from './cohort-heatmap';
import { FilterBar } from './filter-bar';
import { HowComputed } from './how-computed';
import { KpiGrid } from './kpi-grid';
import { LtvBlock } from './ltv-block';
import { SegmentsBlock } from './segments-block';
import { TrendChart } from './trend-chart';

/** The manager's morning screen: filters, KPIs with deltas, the trend, who is at risk. */
export function DashboardPage() {
  const lang = useLang();
  const search = useSearch();
  const [, navigate] = useLocation();
  const filters = filtersFromSearch(search);
  const setFilters = (next: Filters) => {
    const q = filtersToSearch(next);
    saveLastFilters(q);
    navigate(`/${q ? `?${q}` : ''}`, { replace: true });
  };
  // Opened without filters: the last ones come back (if nothing was chosen meanwhile). A
  // manager who clears every filter keeps none, as saved.
  useEffect(() => {
    if (search !== '') return;
    let current = true;
    void loadLastFilters().then((saved) => {
      const q = filtersToSearch(filtersFromSearch(saved));
      if (current && q && window.location.search === '') navigate(`/?${q}`, { replace: true });
    });
    return () => {
      current = false;
    };
  }, [search, navigate]);
  const dashboard = useReport('dashboard', filters);
  // The regions the viewer may see (a scoped manager has one) and the channels.
  const options = useAnalyticsOptions();
  const regionNames = options.data?.regions ?? [];
  const audiences = useAudiences();

  return (
    <main className="page dashboard" data-testid="dashboard">
      <h1 className="page-title">{t('dashboard', lang)}</h1>
      <LiveBadge />
      <FilterBar
        filters={filters}
        onChange={setFilters}
        regions={regionNames.length > 1 ? regionNames : []}
        channels={options.data?.channels ?? []}
        audiences={(audiences.data ?? []).map((a) => ({ value: String(a.id), label: a.name }))}
      />
      <BlockState query={dashboard}>
        {(d) => (
          <>
            <p
              className="hint dashboard-period"
              data-testid="dashboard-period"
              data-from={d.period.from}
              data-to={d.period.to}
            >
              {formatDateRange(d.period.from, d.period.to, lang)}
              <ShareButton block="kpis" filters={filters} />
            </p>
            <KpiGrid report={d} filters={filters} />
            <section className="block" data-testid="block-trends">
              <h2>
                {blockTitles.trends[lang]}
                <ShareButton block="trends" filters={filters} />
              </h2>
              <TrendChart series={d.series} />
              <HowComputed definition={d.definition} />
            </section>
          </>
        )}
      </BlockState>
      <CohortHeatmap filters={filters} />
      <LtvBlock filters={filters} />
      <SegmentsBlock filters={filters} onPick={(segment) => setFilters({ ...filters, segment })} />
      <AtRiskBlock filters={filters} />
      <CampaignsBlock filters={filters} />
      <BreakdownTable filters={filters} />
      <PlatformActions />
    </main>
  );
}
