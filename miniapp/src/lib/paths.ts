// Addresses one screen links to another by, where the two are different features.
import {
  type Filters,
  filtersToSearch,
  type ListKind,
  type ListParam,
  listKinds,
  listParams,
} from '@retention/contracts';

export const isListKind = (key: string): key is ListKind =>
  (listKinds as readonly string[]).includes(key);

/**
 * What names a number within its kind, as the API's parameters: a cohort cell's cohort and k,
 * a segment's name, an RFM cell's r and f, a campaign's id.
 */
export type ListTarget = Partial<Record<ListParam, string | number>>;

/** The range, filters and target of a number, as the app's address and the API take them. */
export function listSearch(filters: Filters, target: ListTarget = {}): URLSearchParams {
  const search = new URLSearchParams(filtersToSearch(filters));
  for (const [name, value] of Object.entries(target)) {
    if (value !== undefined) search.set(name, String(value));
  }
  return search;
}

/** Where a number leads: its customers, for the range and filters it was counted on. */
export function behindPath(
  kind: ListKind,
  filters: Filters,
  o: { target?: ListTarget; page?: number } = {},
): string {
  const search = listSearch(filters, o.target);
  if (o.page && o.page > 1) search.set('page', String(o.page));
  return `/behind/${kind}?${search}`;
}

/** The target an address names for its kind (the server checks the values). */
export function targetOf(kind: ListKind, search: URLSearchParams): ListTarget {
  const target: ListTarget = {};
  for (const name of listParams[kind]) {
    const value = search.get(name);
    if (value !== null) target[name] = value;
  }
  return target;
}
