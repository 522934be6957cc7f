import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Preview, PreviewRequest } from './types';

export type { PreviewRequest };

export function previewQueryOptions(body: PreviewRequest) {
  return {
    queryKey: ['campaigns', 'preview', body] as const,
    queryFn: () => api.post<Preview>('/campaigns/preview', body),
    staleTime: 30_000,
  };
}

/** Who a target would reach, asked again whenever it changes (the caller debounces). */
export function useCampaignPreview(body: PreviewRequest | null) {
  return useQuery({
    ...previewQueryOptions(body ?? { target: {}, controlShare: 0 }),
    enabled: body !== null,
    placeholderData: keepPreviousData,
    retry: false,
  });
}
