// /api/v1/campaigns: targets, previews, launches and who the bot cannot reach.
import { z } from 'zod';
import { maxTotalNumber, priceNumber, storedDate } from './bounds.ts';
import {
  hasControlCharsBeyondLineBreaks,
  Id,
  Instant,
  Label,
  Money,
  Pagination,
  pageOf,
  plainText,
} from './common.ts';
import { OfferKind } from './offers.ts';

export const CampaignTarget = z
  .object({
    segment: Label.optional().describe('an RFM segment slug or a segment of the newest model run'),
    region: Label.optional(),
    channel: Label.optional(),
    audience: Id.optional().describe('the members of this saved audience (GET /api/v1/audiences)'),
    minChurnProbability: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe('only customers whose newest churn probability is at least this (0..1)'),
    minValueAtRisk: z
      .number()
      .min(0)
      .max(maxTotalNumber)
      .optional()
      .describe('only customers whose value at risk (probability × CLV) is at least this'),
  })
  .strict();

const ControlShare = z
  .number()
  .min(0)
  .max(0.5)
  .describe('share of the target held out as the control group (0..0.5)');

export const CampaignPreviewBody = z.object({
  target: CampaignTarget,
  controlShare: ControlShare.default(0.1),
});

export const CampaignPreview = z.object({
  size: z.number().int(),
  treatment: z.number().int(),
  control: z.number().int(),
  withTelegram: z.number().int().describe('in the whole target: linked and not opted out'),
  optedOut: z.number().int(),
  withoutTelegram: z.number().int(),
  valueAtRisk: Money.describe('Σ churn probability × CLV over the target'),
  expectedChurners: z.number(),
  averageChurnProbability: z.number().nullable(),
});

export const CampaignBody = z.object({
  name: Label,
  offer: z
    .object({
      code: z
        .string()
        .trim()
        .regex(/^[A-Za-z0-9_-]{3,20}$/, 'must be 3-20 letters, digits, _ or -')
        .describe('the offer code (upper-cased); personal codes are CODE-XXXXXX'),
      title: Label,
      kind: OfferKind,
      percentOff: z.number().int().min(1).max(90).optional(),
      amountOff: priceNumber(0.01).optional(),
      gift: plainText(200).optional(),
      giftCost: priceNumber(0).optional(),
      terms: z
        .string()
        .trim()
        .max(500)
        .refine(
          (t) => !hasControlCharsBeyondLineBreaks(t),
          'must not contain control characters other than line breaks',
        )
        .optional(),
    })
    // One kind's fields: an example with every field would be refused.
    .meta({
      examples: [
        {
          code: 'WINBACK15',
          title: '15% off your next order',
          kind: 'discount_percent',
          percentOff: 15,
          terms: 'One order before the end date.',
        },
      ],
    }),
  target: CampaignTarget,
  controlShare: ControlShare.default(0.1),
  startAt: storedDate('calendar').describe('when the offer starts (1900-01-01 to 2199-12-31)'),
  endAt: storedDate('calendar').describe('when it ends: after startAt and now, by 2199-12-31'),
  seed: z.number().int().min(0).max(2_147_483_647).optional(),
});

const count = z.number().int();

export const Campaign = z.object({
  id: count,
  name: z.string(),
  status: z.enum(['draft', 'running', 'paused', 'finished', 'cancelled']),
  offer: z.object({
    code: z.string(),
    title: z.string(),
    kind: OfferKind,
    percentOff: z.number().int().nullable(),
    amountOff: Money.nullable(),
    gift: z.string().nullable(),
    giftCost: Money.nullable(),
    terms: z.string().nullable(),
  }),
  target: z.record(z.string(), z.unknown()),
  controlShare: z.number(),
  seed: count,
  startAt: Instant,
  endAt: Instant,
  launchedAt: Instant.nullable(),
  members: z.object({ target: count, control: count }),
  delivery: z.object({
    pending: count,
    queued: count,
    sending: count,
    sent: count,
    failed: count,
    blocked: count,
    no_telegram: count,
    opted_out: count,
  }),
  opened: count,
  redeemed: count,
});

export const CampaignParams = z.object({ id: Id });

export const UnreachableMember = z.object({
  customerId: count,
  name: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  code: z.string().describe('their personal code, to send by other means'),
  reason: z.enum(['no_telegram', 'blocked', 'failed']),
  error: z.string().nullable(),
});

export const UnreachablePage = pageOf(UnreachableMember);

/** JSON pages for the screen, or the whole list as CSV for a mailing. */
export const UnreachableQuery = Pagination.extend({
  pageSize: z.coerce.number().int().min(1).max(10_000).default(50),
  format: z.enum(['json', 'csv']).default('json'),
});

export const CampaignList = z.object({ items: z.array(Campaign) });
