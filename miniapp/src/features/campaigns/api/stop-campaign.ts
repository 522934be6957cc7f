import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Campaign } from './types';

/** Stops a running campaign now (an admin's action, audited on the server). */
export function useStopCampaign(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<Campaign>(`/campaigns/${id}/stop`, {}),
    onSuccess: (campaign) => {
      client.setQueryData(['campaigns', campaign.id], campaign);
      void client.invalidateQueries({ queryKey: ['campaigns'] });
      void client.invalidateQueries({ queryKey: ['campaign-effect'] });
      void client.invalidateQueries({ queryKey: ['analytics'] });
    },
  });
}
