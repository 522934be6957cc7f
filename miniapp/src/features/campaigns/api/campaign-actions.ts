import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Campaign } from './types';

/** What an admin can do to a launched campaign (audited on the server). */
export type CampaignAction = 'stop' | 'pause' | 'resume';

/** Stops, pauses or resumes a campaign; its page, the list and the results follow. */
export function useCampaignAction(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (action: CampaignAction) => api.post<Campaign>(`/campaigns/${id}/${action}`, {}),
    onSuccess: (campaign) => {
      client.setQueryData(['campaigns', campaign.id], campaign);
      void client.invalidateQueries({ queryKey: ['campaigns'] });
      void client.invalidateQueries({ queryKey: ['campaign-effect'] });
      void client.invalidateQueries({ queryKey: ['analytics'] });
    },
  });
}
