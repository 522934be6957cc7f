import type { Filters } from '@retention/contracts';
import { useQuery } from '@tanstack/react-query';
import type { Effect } from '../../../components/campaign-effect';
import { api } from '../../../lib/api-client';
import type { Campaign } from './types';

/** The range the campaign ran in: its first day to its last (the server cuts it to today). */
export function effectFilters(c: Campaign): Filters {
  return { granularity: 'month', from: c.startAt.slice(0, 10), to: c.endAt.slice(0, 10) };
}

/**
 * The campaign's measured effect (the analytics campaigns report over its own dates), or null
 * before it starts (nothing is measured yet).
 */
export function useCampaignEffect(c: Campaign | undefined) {
  const started = c !== undefined && c.status !== 'draft' && Date.parse(c.startAt) <= Date.now();
  return useQuery({
    queryKey: ['campaign-effect', c?.id, c?.startAt, c?.endAt],
    enabled: started,
    queryFn: async ({ signal }) => {
      const { from, to } = effectFilters(c as Campaign);
      const report = await api.get<{ campaigns: Effect[] }>(
        `/analytics/campaigns?from=${from}&to=${to}`,
        signal,
      );
      return report.campaigns.find((e) => e.id === c?.id) ?? null;
    },
    refetchInterval: 60_000,
  });
}
