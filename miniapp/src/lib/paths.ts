// Addresses one screen links to another by, where the two are different features.
import { type CountKpi, countKpis, type Filters, filtersToSearch } from '@retention/contracts';

export const isCountKpi = (key: string): key is CountKpi =>
  (countKpis as readonly string[]).includes(key);

/** Where a count KPI's card leads: its customers, for the range and filters it was counted on. */
export function behindPath(kpi: CountKpi, filters: Filters, page = 1): string {
  const search = new URLSearchParams(filtersToSearch(filters));
  if (page > 1) search.set('page', String(page));
  return `/behind/${kpi}?${search}`;
}
