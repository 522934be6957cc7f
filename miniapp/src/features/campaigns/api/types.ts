// The campaigns API's shapes: its schemas in @retention/contracts (contracts/src/api/campaigns.ts),
// as the JSON carries them (`z.input`). Type-only imports: no zod in the bundle.
import type * as contracts from '@retention/contracts';
import type { z } from 'zod';

export type Target = z.input<typeof contracts.CampaignTarget>;

export type OfferKind = z.input<typeof contracts.OfferKind>;

type CampaignAnswer = z.input<typeof contracts.Campaign>;

/** A campaign; its `target` is the one it was launched with (the schema documents it as an
 * open object: the stored JSON). */
export type Campaign = Omit<CampaignAnswer, 'target'> & { target: Target };

export type DeliveryState = keyof CampaignAnswer['delivery'];

/** The order the delivery chips show. */
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

export type Preview = z.input<typeof contracts.CampaignPreview>;

export type PreviewRequest = z.input<typeof contracts.CampaignPreviewBody>;

export type NewCampaign = z.input<typeof contracts.CampaignBody>;

export type Unreachable = z.input<typeof contracts.UnreachablePage>;
