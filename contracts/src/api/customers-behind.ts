// /api/v1/analytics/customers: the customers behind a number on the dashboard (a count KPI, a
// cohort cell, a segment, an RFM segment or cell, the at-risk total, a campaign's group). The
// list holds exactly the customers counted, for the same range and filters in the viewer's
// scope, so its total is the number tapped.
import { z } from 'zod';
import { csvRowLimit, listKinds, listParams } from '../list-kinds.ts';
import { rfmSegments } from '../vocabulary.ts';
import { AnalyticsQuery, ReportDefinition } from './analytics.ts';
import { IsoDate, Label, Money, Pagination } from './common.ts';

const rfmSlugs = new Set<string>(rfmSegments.map((s) => s.slug));
/** Every parameter that names a number within its kind. */
const listNames = ['cohort', 'k', 'name', 'r', 'f', 'campaign'] as const;
const score = z.coerce.number().int().min(1).max(5);

/** A list as the dashboard names it: the kind, what names its number, the range and filters. */
export const ListDefinition = AnalyticsQuery.extend({
  kpi: z
    .enum(listKinds)
    .default('activeAtEnd')
    .describe(
      'activeAtEnd: active on the range’s last day; newCustomers: first active in the range; churnedCustomers: churn date in the range; cohort: the cohort `cohort` with an order in period `k` after its first (a cell of the retention matrix); cohortOnOrAfter: in period k or later; segment: the segment `name` of the latest segmentation run; rfmSegment: the RFM segment `name` (its slug) as of the range’s end; rfmCell: recency score `r` and frequency score `f`; atRisk: at risk by the latest churn model; campaignTargeted, campaignControl, campaignRedeemed: the members of campaign `campaign` targeted, held out, or who redeemed the offer; selected: every customer the filters select (with `audience`: the audience’s members)',
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
  name: Label.optional().describe('for segment: the segment’s name; for rfmSegment: its slug'),
  r: score.optional().describe('for rfmCell: recency score, 5 = ordered most recently'),
  f: score.optional().describe('for rfmCell: frequency score, 5 = ordered most often'),
  campaign: z.coerce
    .number()
    .int()
    .min(1)
    .max(2_147_483_647)
    .optional()
    .describe('for campaign kinds: the campaign’s id'),
}).strict();

/** Each kind's own parameters are present and valid. */
export function checkListParams(q: z.infer<typeof ListDefinition>, ctx: z.RefinementCtx): void {
  const needs: readonly string[] = listParams[q.kpi];
  for (const name of listNames) {
    if (needs.includes(name) && q[name] === undefined) {
      ctx.addIssue({ code: 'custom', path: [name], message: `${q.kpi} needs \`${name}\`` });
    }
    // A parameter the kind does not take is refused, not ignored: the list would not be what
    // the caller thinks it is.
    if (!needs.includes(name) && q[name] !== undefined) {
      ctx.addIssue({ code: 'custom', path: [name], message: `${q.kpi} takes no \`${name}\`` });
    }
  }
  if (q.kpi === 'rfmSegment' && q.name !== undefined && !rfmSlugs.has(q.name)) {
    ctx.addIssue({
      code: 'custom',
      path: ['name'],
      message: `is not an RFM segment (${[...rfmSlugs].join(', ')})`,
    });
  }
}

export const CustomersBehindQuery = ListDefinition.extend({
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
  .superRefine(checkListParams);

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
  campaign: z
    .object({ id: z.number().int(), name: z.string() })
    .nullable()
    .describe('the campaign a campaign kind’s list is of; null for other kinds'),
  period: z.object({ from: IsoDate, to: IsoDate }),
  total: z.number().int().describe('equals the KPI’s value for the same range and filters'),
  page: z.number().int(),
  pageSize: z.number().int(),
  items: z.array(CustomerBehind),
});
