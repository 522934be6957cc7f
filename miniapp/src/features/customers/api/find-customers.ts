import type * as contracts from '@retention/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../../lib/api-client';

export type CustomerPage = z.input<typeof contracts.CustomerPage>;
export const customersPageSize = 20;

/**
 * Customers whose name, email, phone, external id or id matches `q` (all of the viewer's
 * customers when it is empty), by name, one page at a time. The previous page stays on screen
 * while the next one loads.
 */
export function useFindCustomers(q: string, page: number) {
  const search = new URLSearchParams({
    page: String(page),
    pageSize: String(customersPageSize),
    sort: 'name',
  });
  if (q) search.set('q', q);
  return useQuery({
    queryKey: ['customers', q, page],
    queryFn: ({ signal }) => api.get<CustomerPage>(`/users?${search}`, signal),
    placeholderData: keepPreviousData,
  });
}
