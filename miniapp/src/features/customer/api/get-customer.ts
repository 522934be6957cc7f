import type * as contracts from '@retention/contracts';
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../../lib/api-client';

export type CustomerCard = z.input<typeof contracts.CustomerDetail>;
export type Loyalty = CustomerCard['loyalty'];
export type Recommendations = z.input<typeof contracts.Recommendations>;

export function useCustomer(id: number) {
  return useQuery({
    queryKey: ['customer', id],
    queryFn: ({ signal }) => api.get<CustomerCard>(`/users/${id}`, signal),
  });
}

export function useRecommendations(id: number) {
  return useQuery({
    queryKey: ['recommendations', id],
    queryFn: ({ signal }) => api.get<Recommendations>(`/recommendations/user/${id}`, signal),
  });
}
