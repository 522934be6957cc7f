import type * as contracts from '@retention/contracts';
import type { Filters, ListKind } from '@retention/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../../lib/api-client';
import { type ListTarget, listSearch } from '../../../lib/paths';

export type CustomersBehind = z.input<typeof contracts.CustomersBehindReport>;
const pageSize = 20;

/** The API's query for a number's customers: its kind, range, filters and target. */
function behindSearch(kind: ListKind, filters: Filters, target: ListTarget) {
  const search = listSearch(filters, target);
  search.set('kpi', kind);
  return search;
}

/** The customers a number counted, for the same range and filters, a page at a time. */
export function useCustomersBehind(
  kind: ListKind,
  filters: Filters,
  target: ListTarget,
  page: number,
) {
  const search = behindSearch(kind, filters, target);
  search.set('page', String(page));
  search.set('pageSize', String(pageSize));
  return useQuery({
    queryKey: ['customers-behind', kind, filters, target, page],
    queryFn: ({ signal }) => api.get<CustomersBehind>(`/analytics/customers?${search}`, signal),
    placeholderData: keepPreviousData,
  });
}

/** The whole list as CSV, fetched with the app's authorization (a plain link would lack it). */
export function getCustomersBehindCsv(
  kind: ListKind,
  filters: Filters,
  target: ListTarget,
): Promise<string> {
  const search = behindSearch(kind, filters, target);
  search.set('format', 'csv');
  return api.text(`/analytics/customers?${search}`);
}
