// The numbers on the dashboard that open the customers behind them, and what names each one:
// plain constants (no zod), so the Mini App takes them without the schema library.

/** The dashboard KPIs that count customers, each of which opens its list. */
export const countKpis = ['activeAtEnd', 'newCustomers', 'churnedCustomers'] as const;
export type CountKpi = (typeof countKpis)[number];
/** The most customers one CSV export holds. */
export const csvRowLimit = 100_000;

/** A campaign's groups as the dashboard counts them: members targeted, held out, redeemed. */
export const campaignGroups = ['campaignTargeted', 'campaignControl', 'campaignRedeemed'] as const;

/** Every number that opens its customers. */
export const listKinds = [
  ...countKpis,
  'cohort',
  'cohortOnOrAfter',
  'segment',
  'rfmSegment',
  'rfmCell',
  'atRisk',
  ...campaignGroups,
  'selected',
] as const;
export type ListKind = (typeof listKinds)[number];

/** What names the number within its kind: the query parameters each kind needs. */
export const listParams = {
  activeAtEnd: [],
  newCustomers: [],
  churnedCustomers: [],
  cohort: ['cohort', 'k'],
  cohortOnOrAfter: ['cohort', 'k'],
  segment: ['name'],
  rfmSegment: ['name'],
  rfmCell: ['r', 'f'],
  atRisk: [],
  campaignTargeted: ['campaign'],
  campaignControl: ['campaign'],
  campaignRedeemed: ['campaign'],
  selected: [],
} as const satisfies Record<ListKind, readonly string[]>;
export type ListParam = (typeof listParams)[ListKind][number];

/** Kinds whose number does not depend on the range: the latest model run's, a campaign's. */
export const undatedKinds: readonly ListKind[] = [
  'segment',
  'atRisk',
  ...campaignGroups,
  'selected',
];
