// Shared: saved audiences are offered by the dashboard's filters and the campaign form's target,
// and any list of customers can be saved as one.
import type * as contracts from '@retention/contracts';
import type { Filters, ListKind } from '@retention/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from './api-client';
import { type ListTarget, listSearch } from './paths';

export type Audience = z.input<typeof contracts.Audience>;
export type AudienceMode = Audience['mode'];

/** The saved audiences the viewer may see, newest first. */
export function useAudiences() {
  return useQuery({
    queryKey: ['audiences'],
    queryFn: ({ signal }) => api.get<{ items: Audience[] }>('/audiences', signal),
    select: (r) => r.items,
  });
}

/** A list as the API saves it: its kind, what names its number, its range and filters. */
export function listDefinition(kind: ListKind, filters: Filters, target: ListTarget) {
  return { kpi: kind, ...Object.fromEntries(listSearch(filters, target)) };
}

export function useSaveAudience() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; mode: AudienceMode; list: object }) =>
      api.post<Audience>('/audiences', body),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['audiences'] }),
  });
}
