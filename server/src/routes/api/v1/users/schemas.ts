import { z } from 'zod';
import { Label, Money, Pagination, SearchText } from '../../../../lib/schemas.ts';

export const ListUsersQuery = Pagination.extend({
  q: SearchText.optional().describe('name, email, phone, external id or id'),
  region: Label.optional(),
  channel: Label.optional().describe('acquisition channel'),
  tag: Label.optional(),
  sort: z.enum(['id', '-id', 'name', '-name', 'signupAt', '-signupAt']).default('id'),
});

const Stats = z.object({
  orders: z.number().int(),
  revenue: Money,
  firstOrderAt: z.date().nullable(),
  lastOrderAt: z.date().nullable(),
});

export const CustomerSummary = z.object({
  id: z.number().int(),
  externalId: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  region: z.string().nullable(),
  acquisitionChannel: z.string().nullable(),
  signupAt: z.date().nullable(),
  tags: z.array(z.string()),
  telegramLinked: z.boolean(),
  stats: Stats,
});

// Clients reading their own card get it without the staff-only fields (tags, attributes,
// score): those are optional here.
export const CustomerDetail = CustomerSummary.extend({
  tags: z.array(z.string()).optional().describe('staff only'),
  attributes: z.record(z.string(), z.unknown()).optional().describe('staff only'),
  contracts: z.array(
    z.object({
      id: z.number().int(),
      plan: z.string(),
      startAt: z.date(),
      endAt: z.date().nullable(),
      monthlyAmount: Money,
    }),
  ),
  recentOrders: z.array(
    z.object({
      id: z.number().int(),
      externalId: z.string(),
      placedAt: z.date(),
      channel: z.string(),
      status: z.string(),
      total: Money,
      items: z.number().int(),
    }),
  ),
  score: z
    .object({
      segment: z.string().nullable(),
      outlier: z
        .object({ unusual: z.string(), z: z.number() })
        .nullable()
        .describe('DBSCAN outlier: the most unusual feature and how far from average (SD)'),
      churnProbability: z
        .number()
        .nullable()
        .describe('null when the newest churn run did not score the customer (not active then)'),
      atRisk: z.boolean().nullable().describe('at or above the churn model’s operating threshold'),
      reasons: z.array(
        z.object({ group: z.string(), impact: z.number(), en: z.string(), ru: z.string() }),
      ),
      pAlive: z.number().nullable(),
      expectedPurchases: z.number().nullable().describe('expected purchases in the next 90 days'),
      expectedPurchases365: z.number().nullable(),
      expectedOrderValue: Money.nullable(),
      clv: Money.nullable().describe('12-month CLV, discounted'),
      valueAtRisk: Money.nullable().describe('churn probability × CLV'),
      scoredAt: z.date(),
    })
    .nullable()
    .optional()
    .describe('staff only: scores of the newest successful run of each model'),
});
