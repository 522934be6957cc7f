// /api/v1/users: customers, their cards, offers, tags and notes.
import { z } from 'zod';
import {
  hasControlCharsBeyondLineBreaks,
  Id,
  Instant,
  Label,
  Money,
  Pagination,
  pageOf,
  SearchText,
} from './common.ts';
import { Offer } from './offers.ts';

/** What a tag may be: letters, digits, spaces, _ and -, starting with a letter or digit. */
export const tagPattern = /^[\p{L}\p{N}][\p{L}\p{N} _-]*$/u;
export const maxTagLength = 40;
export const maxNoteLength = 2000;

/** The reason a tag or note cannot be saved, or null when it can (the bot asks it too). */
export function tagProblem(tag: string): string | null {
  const t = tag.trim();
  if (t.length === 0 || t.length > maxTagLength) return `a tag is 1-${maxTagLength} characters`;
  return tagPattern.test(t) ? null : 'a tag must be letters, digits, spaces, _ or -';
}

export function noteProblem(text: string): string | null {
  const t = text.trim();
  if (t.length === 0) return 'a note must not be empty';
  if (t.length > maxNoteLength) return `a note is at most ${maxNoteLength} characters`;
  return hasControlCharsBeyondLineBreaks(t)
    ? 'a note must not contain control characters other than line breaks'
    : null;
}

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
  firstOrderAt: Instant.nullable(),
  lastOrderAt: Instant.nullable(),
});

export const CustomerSummary = z.object({
  id: z.number().int(),
  externalId: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  region: z.string().nullable(),
  acquisitionChannel: z.string().nullable(),
  signupAt: Instant.nullable(),
  tags: z.array(z.string()),
  telegramLinked: z.boolean(),
  stats: Stats,
});

export const Note = z.object({
  id: z.number().int(),
  text: z.string(),
  authorName: z.string().nullable().describe('the staff member who wrote it'),
  createdAt: Instant,
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
      startAt: Instant,
      endAt: Instant.nullable(),
      monthlyAmount: Money,
    }),
  ),
  recentOrders: z.array(
    z.object({
      id: z.number().int(),
      externalId: z.string(),
      placedAt: Instant,
      channel: z.string(),
      status: z.string(),
      total: Money,
      items: z.number().int(),
    }),
  ),
  loyalty: z
    .object({
      tier: z.string(),
      spend: Money.describe('completed orders in the last windowDays days'),
      windowDays: z.number().int(),
      next: z
        .object({ tier: z.string(), from: z.number(), remaining: Money })
        .nullable()
        .describe('the next tier and the spend it still takes; null at the top tier'),
    })
    .describe('loyalty tier from LOYALTY_TIERS'),
  notes: z.array(Note).optional().describe('staff only: the newest 20 notes'),
  history: z
    .array(
      z.object({
        id: z.number().int(),
        action: z.string(),
        actorRole: z.string(),
        actorTelegramId: z.string().nullable(),
        after: z.unknown(),
        at: Instant,
      }),
    )
    .optional()
    .describe('staff only: the newest 20 audited changes of this customer'),
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
      scoredAt: Instant,
    })
    .nullable()
    .optional()
    .describe('staff only: scores of the newest successful run of each model'),
});

export const CustomerOffer = z.object({
  assignmentId: z.number().int(),
  code: z.string().describe('the personal code to give at checkout'),
  assignedAt: Instant,
  deliveryState: z.string(),
  openedAt: Instant.nullable(),
  redeemedAt: Instant.nullable(),
  status: z.enum(['active', 'upcoming', 'expired', 'redeemed']),
  offer: Offer,
});

export const CustomerParams = z.object({ id: Id });

export const AssignOfferBody = z.object({ offerId: z.number().int().min(1).max(2_147_483_647) });

export const TagBody = z.object({
  tag: z
    .string()
    .trim()
    .min(1)
    .max(maxTagLength)
    .regex(tagPattern, 'must be letters, digits, spaces, _ or -'),
});

export const NoteBody = z.object({
  text: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(maxNoteLength)
    .refine(
      (text) => noteProblem(text) === null,
      'must not contain control characters other than line breaks',
    ),
});

export const CustomerPage = pageOf(CustomerSummary);

export const CustomerOffers = z.object({ items: z.array(CustomerOffer) });

export const OfferParams = CustomerParams.extend({ assignmentId: Id });

export const OfferOpened = z.object({ openedAt: Instant, first: z.boolean() });

export const AssignedOffer = z.object({
  id: z.number().int(),
  code: z.string(),
  assignedAt: Instant,
  offer: z.object({ id: z.number().int(), code: z.string(), title: z.string() }),
});

/** A customer's tags after a change, and whether it changed anything. */
export const TagsReply = z.object({ tags: z.array(z.string()), changed: z.boolean() });

export const TagParams = CustomerParams.extend(TagBody.shape);
