// The shop's offers, and what an offer assignment looks like before it is written.
import type { OrderPlan } from './orders.ts';
import type { Random } from './random.ts';
import { DAY, type Timeline } from './timeline.ts';

export type OfferKindName = 'discount_percent' | 'discount_amount' | 'gift';
export type DeliveryStateName = 'sent' | 'failed' | 'blocked' | 'no_telegram';

export interface OfferPlan {
  code: string;
  title: string;
  description: string;
  kind: OfferKindName;
  percentOff: number | null;
  amountOff: number | null; // cents
  gift: string | null;
  terms: string;
  validFrom: number;
  validTo: number;
}

export interface AssignmentPlan {
  offer: string;
  customer: number;
  inCampaign: boolean;
  code: string;
  assignedAt: number;
  deliveryState: DeliveryStateName;
  deliveryError: string | null;
  sentAt: number | null;
  openedAt: number | null;
  redeemedAt: number | null;
  order: OrderPlan | null;
}

export const DELIVERY_ERRORS: Record<DeliveryStateName, string | null> = {
  sent: null,
  failed: 'Bad Request: chat not found',
  blocked: 'Forbidden: bot was blocked by the user',
  no_telegram: 'customer has no linked Telegram account',
};

export function planOffers(
  timeline: Timeline,
  campaignStart: number,
  campaignEnd: number,
): OfferPlan[] {
  const base = { percentOff: null, amountOff: null, gift: null };
  return [
    {
      ...base,
      code: 'WELCOME10',
      title: '10% off your first order',
      description: 'A welcome discount for new customers.',
      kind: 'discount_percent',
      percentOff: 10,
      terms: 'First order only.',
      validFrom: timeline.start,
      validTo: timeline.now + 180 * DAY,
    },
    {
      ...base,
      code: 'SAVE5',
      title: '5 off orders over 50',
      description: 'A flat discount on a bigger basket.',
      kind: 'discount_amount',
      amountOff: 500,
      terms: 'Minimum basket 50.00.',
      validFrom: timeline.now - 200 * DAY,
      validTo: timeline.now + 60 * DAY,
    },
    {
      ...base,
      code: 'GIFT-TOTE',
      title: 'A canvas tote as a thank-you',
      description: 'A gift with the next order for our best customers.',
      kind: 'gift',
      gift: 'Canvas tote bag',
      terms: 'While stocks last.',
      validFrom: timeline.now - 120 * DAY,
      validTo: timeline.now + 30 * DAY,
    },
    {
      ...base,
      code: 'COMEBACK15',
      title: '15% off — we miss you',
      description: 'Win-back discount for customers who have not ordered for a while.',
      kind: 'discount_percent',
      percentOff: 15,
      terms: 'One order, valid for the campaign period.',
      validFrom: campaignStart,
      validTo: campaignEnd,
    },
  ];
}

export function assignmentCode(random: Random, offer: string, used: Set<string>): string {
  const letters = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  let code: string;
  do code = `${offer}-${Array.from({ length: 6 }, () => random.pick([...letters])).join('')}`;
  while (used.has(code));
  used.add(code);
  return code;
}
