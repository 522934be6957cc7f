// /api/v1/analytics/customers: the customers behind a dashboard count. The list holds exactly
// the customers the KPI counted, for the same range and filters in the viewer's scope, so its
// total is the number tapped.
import { z } from 'zod';
import { AnalyticsQuery, ReportDefinition } from './analytics.ts';
import { IsoDate, Money, Pagination } from './common.ts';

/** The dashboard KPIs that count customers, each of which opens its list. */
export const countKpis = ['activeAtEnd', 'newCustomers', 'churnedCustomers'] as const;
export type CountKpi = (typeof countKpis)[number];

export const CustomersBehindQuery = AnalyticsQuery.extend({
  kpi: z
    .enum(countKpis)
    .describe(
      'activeAtEnd: active on the range’s last day; newCustomers: first active in the range; churnedCustomers: churn date in the range',
    ),
  sort: z
    .enum(['lastOrder', 'revenue', 'name'])
    .default('lastOrder')
    .describe('lastOrder = latest order first; revenue = highest lifetime revenue first'),
  ...Pagination.shape,
}).strict();

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
  kpi: z.enum(countKpis),
  period: z.object({ from: IsoDate, to: IsoDate }),
  total: z.number().int().describe('equals the KPI’s value for the same range and filters'),
  page: z.number().int(),
  pageSize: z.number().int(),
  items: z.array(CustomerBehind),
});
