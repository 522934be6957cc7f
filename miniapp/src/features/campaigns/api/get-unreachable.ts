import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Unreachable } from './types';

export const unreachablePageSize = 50;

/** The treatment customers Telegram cannot reach: for other channels. */
export function useUnreachable(campaignId: number, page: number) {
  return useQuery({
    queryKey: ['campaigns', campaignId, 'unreachable', page],
    queryFn: ({ signal }) =>
      api.get<Unreachable>(
        `/campaigns/${campaignId}/unreachable?page=${page}&pageSize=${unreachablePageSize}`,
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

/** The whole list as CSV, fetched with the app's authorization (a plain link would lack it). */
export function getUnreachableCsv(campaignId: number): Promise<string> {
  // The export is paged like the list: one page as large as the server allows.
  return api.text(`/campaigns/${campaignId}/unreachable?format=csv`);
}
