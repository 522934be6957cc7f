// Addresses one screen links to another by, where the two are different features.
import { type Filters, filtersToSearch, type ListKind, listKinds } from '@retention/contracts';

export const isListKind = (key: string): key is ListKind =>
  (listKinds as readonly string[]).includes(key);

/** A cohort matrix cell: the cohort's first day and the periods since. */
export interface CohortCell {
  cohort: string;
  k: number;
}

/** The range, filters and cohort cell of a number, as the app's address and the API take them. */
export function listSearch(filters: Filters, cell: CohortCell | undefined): URLSearchParams {
  const search = new URLSearchParams(filtersToSearch(filters));
  if (cell) {
    search.set('cohort', cell.cohort);
    search.set('k', String(cell.k));
  }
  return search;
}

/** Where a number leads: its customers, for the range and filters it was counted on. */
export function behindPath(
  kind: ListKind,
  filters: Filters,
  o: { cell?: CohortCell | undefined; page?: number } = {},
): string {
  const search = listSearch(filters, o.cell);
  if (o.page && o.page > 1) search.set('page', String(o.page));
  return `/behind/${kind}?${search}`;
}

/** The cohort cell an address names, if it names one. */
export function cellOf(search: URLSearchParams): CohortCell | undefined {
  const cohort = search.get('cohort');
  const k = Number(search.get('k'));
  return cohort && /^\d{4}-\d{2}-\d{2}$/.test(cohort) && Number.isInteger(k) && k >= 0
    ? { cohort, k }
    : undefined;
}
