import type * as contracts from '@retention/contracts';
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../../lib/api-client';

export type Support = z.input<typeof contracts.Support>;

export function useSupport() {
  return useQuery({
    queryKey: ['support'],
    queryFn: ({ signal }) => api.get<Support>('/support', signal),
    staleTime: Number.POSITIVE_INFINITY,
  });
}
