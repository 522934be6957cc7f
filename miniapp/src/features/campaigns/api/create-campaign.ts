import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Campaign, NewCampaign } from './types';

/** Launches a campaign (an admin's action, audited on the server). */
export function useCreateCampaign() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewCampaign) => api.post<Campaign>('/campaigns', body),
    onSuccess: (campaign) => {
      client.setQueryData(['campaigns', campaign.id], campaign);
      void client.invalidateQueries({ queryKey: ['campaigns'] });
      void client.invalidateQueries({ queryKey: ['analytics'] });
    },
  });
}
