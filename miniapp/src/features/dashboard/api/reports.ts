import type * as contracts from '@retention/contracts';
import { type Filters, filtersToSearch } from '@retention/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../../lib/api-client';

// The reports' shapes are the server's response schemas (@retention/contracts); `z.input` is
// what the JSON carries. Type-only imports: no zod in the bundle.
export type Definition = z.input<typeof contracts.ReportDefinition>;
export type Kpi = z.input<typeof contracts.KpiFigure>;
export type DashboardReport = z.input<typeof contracts.DashboardReport>;
export type ChurnRiskReport = z.input<typeof contracts.ChurnRiskReport>;
export type RetentionReport = z.input<typeof contracts.RetentionReport>;
export type CampaignsReport = z.input<typeof contracts.CampaignsReport>;
export type BreakdownReport = z.input<typeof contracts.BreakdownReport>;

/** Each analytics endpoint the Mini App reads, with its answer. */
type Reports = {
  dashboard: DashboardReport;
  retention: RetentionReport;
  'retention-curve': z.input<typeof contracts.RetentionCurveReport>;
  ltv: z.input<typeof contracts.LtvReport>;
  rfm: z.input<typeof contracts.RfmReport>;
  segments: z.input<typeof contracts.SegmentsReport>;
  campaigns: CampaignsReport;
  breakdown: BreakdownReport;
  'churn-risk': ChurnRiskReport;
};

/** One analytics endpoint for the current filters; the previous answer stays on screen while
 * a changed filter loads. */
export function useReport<E extends keyof Reports>(endpoint: E, filters: Filters, extra = '') {
  const search = [filtersToSearch(filters), extra].filter(Boolean).join('&');
  return useQuery({
    queryKey: ['analytics', endpoint, search],
    queryFn: ({ signal }) =>
      api.get<Reports[E]>(`/analytics/${endpoint}${search ? `?${search}` : ''}`, signal),
    placeholderData: keepPreviousData,
    staleTime: 15_000,
  });
}

export type ClvCard = z.input<typeof contracts.ClvCard>;

/** The CLV model's card: how its last forecast did against what happened (business-wide). */
export function useClvCard() {
  return useQuery({
    queryKey: ['analytics', 'clv'],
    queryFn: ({ signal }) => api.get<ClvCard>('/analytics/clv', signal),
    staleTime: 15_000,
  });
}
