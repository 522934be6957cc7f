// The campaigns API's shapes (server/src/routes/api/v1/campaigns/).

export type Target = {
  /** An RFM segment slug or a model segment name, as the analytics `segment` filter takes. */
  segment?: string;
  region?: string;
  channel?: string;
  /** 0..1 */
  minChurnProbability?: number;
  /** Money, ≥ 0. */
  minValueAtRisk?: number;
};

export type OfferKind = 'discount_percent' | 'discount_amount' | 'gift';

export type DeliveryState =
  | 'queued'
  | 'sending'
  | 'sent'
  | 'failed'
  | 'blocked'
  | 'no_telegram'
  | 'opted_out'
  | 'pending';

export const deliveryStates: DeliveryState[] = [
  'pending',
  'queued',
  'sending',
  'sent',
  'failed',
  'blocked',
  'no_telegram',
  'opted_out',
];

export type Campaign = {
  id: number;
  name: string;
  status: 'draft' | 'running' | 'finished' | 'cancelled';
  offer: {
    code: string;
    title: string;
    kind: OfferKind;
    percentOff: number | null;
    /** Money, 2 places. */
    amountOff: string | null;
    gift: string | null;
    giftCost: string | null;
    terms: string | null;
  };
  target: Target;
  controlShare: number;
  seed: number;
  startAt: string;
  endAt: string;
  launchedAt: string | null;
  members: { target: number; control: number };
  delivery: Partial<Record<DeliveryState, number>>;
  opened: number;
  redeemed: number;
};

export type Preview = {
  size: number;
  treatment: number;
  control: number;
  withTelegram: number;
  optedOut: number;
  withoutTelegram: number;
  /** Money, 2 places. */
  valueAtRisk: string;
  expectedChurners: number;
  averageChurnProbability: number | null;
};

export type NewCampaign = {
  name: string;
  offer: {
    code: string;
    title: string;
    kind: OfferKind;
    percentOff?: number;
    amountOff?: number;
    gift?: string;
    giftCost?: number;
    terms?: string;
  };
  target: Target;
  controlShare: number;
  startAt: string;
  endAt: string;
};

export type Unreachable = {
  items: {
    customerId: number;
    name: string | null;
    email: string | null;
    phone: string | null;
    /** Their personal code, to give them by other means. */
    code: string;
    reason: 'no_telegram' | 'blocked' | 'failed';
    error: string | null;
  }[];
  total: number;
  page: number;
  pageSize: number;
};
