import type * as contracts from '@retention/contracts';
import type { CountKpi, Filters } from '@retention/contracts';
import { filtersToSearch } from '@retention/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../../lib/api-client';

export type CustomersBehind = z.input<typeof contracts.CustomersBehindReport>;
const pageSize = 20;

/** The customers a dashboard count counted, for the same range and filters, a page at a time. */
export function useCustomersBehind(kpi: CountKpi, filters: Filters, page: number) {
  const search = new URLSearchParams(filtersToSearch(filters));
  search.set('kpi', kpi);
  search.set('page', String(page));
  search.set('pageSize', String(pageSize));
  return useQuery({
    queryKey: ['customers-behind', kpi, filters, page],
    queryFn: ({ signal }) => api.get<CustomersBehind>(`/analytics/customers?${search}`, signal),
    placeholderData: keepPreviousData,
  });
}
