import type { Role } from '@retention/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export type Me = {
  user: {
    telegramId: string;
    firstName: string;
    lastName: string | null;
    username: string | null;
    languageCode: string | null;
  };
  role: Role;
  scope: { region: string | null };
  customer: { id: number; name: string | null } | null;
  demo: boolean;
};

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
