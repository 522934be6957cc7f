import type * as contracts from '@retention/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from './api-client';

// Shared: the dashboard's filters and the campaign form's target offer the same choices.

/** The values the analytics filters accept in the viewer's scope (a scoped manager: their
 * region's): the eight RFM segments (value = slug), then the latest segmentation run's. */
export type AnalyticsOptions = z.input<typeof contracts.FilterOptions>;

export function getAnalyticsOptions(signal?: AbortSignal): Promise<AnalyticsOptions> {
  return api.get<AnalyticsOptions>('/analytics/options', signal);
}

export function getAnalyticsOptionsQueryOptions() {
  return queryOptions({
    // Under 'analytics', so new data (use-live-updates) refetches it with the reports.
    queryKey: ['analytics', 'options'],
    queryFn: ({ signal }) => getAnalyticsOptions(signal),
    staleTime: 5 * 60_000,
  });
}

export function useAnalyticsOptions() {
  return useQuery(getAnalyticsOptionsQueryOptions());
}
