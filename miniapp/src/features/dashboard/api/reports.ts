import { type Filters, filtersToSearch } from '@retention/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export type Definition = {
  text: string;
  windowDays: number;
  timeZone: string;
  from: string;
  to: string;
  asOf: string;
  filters: Record<string, string | null>;
};

export type Period = { start: string; end: string; partial: boolean };

export type Kpi = {
  value: number | string | null;
  previous: number | string | null;
  delta: number | string | null;
  deltaPct: number | null;
};

export type DashboardReport = {
  definition: Definition;
  period: { from: string; to: string };
  previousPeriod: { from: string; to: string };
  kpis: Record<string, Kpi>;
  series: {
    period: Period;
    activeAtEnd: number;
    newCustomers: number;
    churnedCustomers: number;
    churnRate: number | null;
    revenue: string;
  }[];
};

export type ChurnRiskReport = {
  definition: Definition;
  model: {
    runId: number;
    asOf: string;
    chosen: 'random_forest' | 'gradient_boosting';
    threshold: number;
    models: Record<string, { rocAuc: number; prAuc: number }>;
  } | null;
  totals: {
    customers: number;
    atRisk: number;
    expectedChurners: number;
    valueAtRisk: string;
  } | null;
  customers: {
    id: number;
    name: string | null;
    region: string | null;
    probability: number;
    atRisk: boolean;
    clv: string | null;
    valueAtRisk: string | null;
    reasons: { group: string; impact: number; en: string; ru: string }[];
  }[];
  total: number;
  message: string | null;
};

export type RetentionReport = {
  definition: Definition;
  periods: Period[];
  cohorts: {
    period: Period;
    size: number;
    revenue: string;
    cells: {
      k: number;
      period: Period;
      customers: number;
      share: number | null;
      onOrAfter: number;
      onOrAfterShare: number | null;
      revenue: string;
      revenueShare: number | null;
    }[];
  }[];
};

/** One analytics endpoint for the current filters; the previous answer stays on screen while
 * a changed filter loads. */
export function useReport<T>(endpoint: string, filters: Filters, extra = '') {
  const search = [filtersToSearch(filters), extra].filter(Boolean).join('&');
  return useQuery({
    queryKey: ['analytics', endpoint, search],
    queryFn: ({ signal }) =>
      api.get<T>(`/analytics/${endpoint}${search ? `?${search}` : ''}`, signal),
    placeholderData: keepPreviousData,
    staleTime: 15_000,
  });
}
