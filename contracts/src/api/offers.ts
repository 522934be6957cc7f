// /api/v1/offers: the business's offers (a customer's assignments are in users.ts).
import { z } from 'zod';
import { Instant, Money } from './common.ts';

export const OfferKind = z.enum(['discount_percent', 'discount_amount', 'gift']);

export const Offer = z.object({
  id: z.number().int(),
  code: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  kind: OfferKind,
  percentOff: z.number().int().nullable(),
  amountOff: Money.nullable(),
  gift: z.string().nullable(),
  terms: z.string().nullable().describe('how to use it, in the business’s words'),
  validFrom: Instant,
  validTo: Instant,
});

export const OffersQuery = z.object({ all: z.stringbool().default(false) });

export const OfferList = z.object({ items: z.array(Offer) });
