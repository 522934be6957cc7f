import type * as contracts from '@retention/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from './api-client';

export type Me = z.input<typeof contracts.Me>;

export function getMe(signal?: AbortSignal): Promise<Me> {
  return api.get<Me>('/me', signal);
}

export function getMeQueryOptions() {
  return queryOptions({
    queryKey: ['me'],
    queryFn: ({ signal }) => getMe(signal),
    // Who is signed in does not change while the app is open.
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useMe() {
  return useQuery(getMeQueryOptions());
}
