import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Campaign } from './types';

/** Every campaign, for staff; delivery counts move while a launch is being sent. */
export function useCampaigns() {
  return useQuery({
    queryKey: ['campaigns'],
    queryFn: ({ signal }) => api.get<{ items: Campaign[] }>('/campaigns', signal),
    refetchInterval: 10_000,
  });
}

export function useCampaign(id: number) {
  return useQuery({
    queryKey: ['campaigns', id],
    queryFn: ({ signal }) => api.get<Campaign>(`/campaigns/${id}`, signal),
    refetchInterval: 10_000,
  });
}
