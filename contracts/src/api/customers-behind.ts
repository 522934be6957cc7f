// /api/v1/analytics/customers: the customers behind a number on the dashboard (a count KPI or
// a cohort cell). The list holds exactly the customers counted, for the same range and filters
// in the viewer's scope, so its total is the number tapped.
import { z } from 'zod';
import { AnalyticsQuery, ReportDefinition } from './analytics.ts';
import { IsoDate, Money, Pagination } from './common.ts';

/** The dashboard KPIs that count customers, each of which opens its list. */
export const countKpis = ['activeAtEnd', 'newCustomers', 'churnedCustomers'] as const;
export type CountKpi = (typeof countKpis)[number];
/** The most customers one CSV export holds. */
export const csvRowLimit = 100_000;

/** Every number that opens its customers: the count KPIs and the cohort matrix's cells. */
export const listKinds = [...countKpis, 'cohort', 'cohortOnOrAfter'] as const;
export type ListKind = (typeof listKinds)[number];

export const CustomersBehindQuery = AnalyticsQuery.extend({
  kpi: z
    .enum(listKinds)
    .default('activeAtEnd')
    .describe(
      'activeAtEnd: active on the range’s last day; newCustomers: first active in the range; churnedCustomers: churn date in the range; cohort: the cohort `cohort` with an order in period `k` after its first (a cell of the retention matrix); cohortOnOrAfter: in period k or later',
    ),
  cohort: IsoDate.optional().describe(
    'for cohort kinds: a day of the cohort’s period (its first day, as the retention report gives it)',
  ),
  k: z.coerce
    .number()
    .int()
    .min(0)
    .max(10_000)
    .optional()
    .describe('for cohort kinds: periods since the cohort’s'),
  sort: z
    .enum(['lastOrder', 'revenue', 'name'])
    .default('lastOrder')
    .describe('lastOrder = latest order first; revenue = highest lifetime revenue first'),
  ...Pagination.shape,
  format: z
    .enum(['json', 'csv'])
    .default('json')
    .describe(
      `csv: the whole list (up to ${csvRowLimit} customers) for a spreadsheet, page and pageSize ignored`,
    ),
})
  .strict()
  .refine((q) => !q.kpi.startsWith('cohort') || (q.cohort !== undefined && q.k !== undefined), {
    message: 'a cohort cell needs `cohort` (a date) and `k` (periods since)',
    path: ['cohort'],
  });

export const CustomerBehind = z.object({
  id: z.number().int(),
  externalId: z.string(),
  name: z.string().nullable(),
  region: z.string().nullable(),
  channel: z.string().nullable(),
  orders: z.number().int().describe('completed orders, all time'),
  revenue: Money.describe('revenue of completed orders, all time'),
  firstOrderDay: IsoDate.nullable(),
  lastOrderDay: IsoDate.nullable(),
});

export const CustomersBehindReport = z.object({
  definition: ReportDefinition,
  kpi: z.enum(listKinds),
  period: z.object({ from: IsoDate, to: IsoDate }),
  total: z.number().int().describe('equals the KPI’s value for the same range and filters'),
  page: z.number().int(),
  pageSize: z.number().int(),
  items: z.array(CustomerBehind),
});
