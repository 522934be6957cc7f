import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export type Support = {
  telegram: string | null;
  email: string | null;
  phone: string | null;
  hours: string | null;
};

export function useSupport() {
  return useQuery({
    queryKey: ['support'],
    queryFn: ({ signal }) => api.get<Support>('/support', signal),
    staleTime: Number.POSITIVE_INFINITY,
  });
}
