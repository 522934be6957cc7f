import type * as contracts from '@retention/contracts';
import { langOf } from '@retention/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from './api-client';
import { setBusinessCurrency } from './format';

export type Me = z.input<typeof contracts.Me>;

export async function getMe(signal?: AbortSignal): Promise<Me> {
  const me = await api.get<Me>('/me', signal);
  setBusinessCurrency(me.business?.currency);
  // The page's language: screen readers, hyphenation and the demo's drawn client chrome.
  document.documentElement.lang = langOf(me.user.languageCode);
  return me;
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
