// Launching a campaign: its offer, a seeded random split of the target into treatment and a
// frozen control group, a personal code for every treated customer with its delivery state,
// and the audit row, all in one transaction.
import { randomInt } from 'node:crypto';
import type { CampaignBody } from '@retention/contracts';
import type { Database, Prisma } from '@retention/db';
import { createRng } from '@retention/ml';
import type { z } from 'zod';
import type { Identity } from '../auth/identity.ts';
import { Refusal } from '../errors.ts';
import { type Actor, recordAudit } from '../lib/record-audit.ts';
import { personalCode } from '../services/customer-offers.ts';
import { reachCounts, unreachable } from './reach.ts';
import { controlSize, type TargetMember, targetPopulation } from './target.ts';

/** A campaign to launch, as the route's body parses it. */
export type CampaignInput = z.infer<typeof CampaignBody>;
export type OfferInput = CampaignInput['offer'];

/** Checks what a schema cannot: the offer's kind has its value, the dates make sense. */
export function checkCampaign(c: CampaignInput, now: Date) {
  const o = c.offer;
  if (o.kind === 'discount_percent' && o.percentOff === undefined) {
    throw new Refusal('bad_request', 'percentOffMissing');
  }
  if (o.kind === 'discount_amount' && o.amountOff === undefined) {
    throw new Refusal('bad_request', 'amountOffMissing');
  }
  if (o.kind === 'gift' && !o.gift) throw new Refusal('bad_request', 'giftMissing');
  if (c.endAt <= c.startAt) throw new Refusal('bad_request', 'endBeforeStart');
  if (c.endAt <= now) throw new Refusal('bad_request', 'endInPast');
}

/** Treatment and control, split by a seeded shuffle: same seed and target → same split. */
export function splitGroups(members: readonly TargetMember[], share: number, seed: number) {
  const order = [...members];
  const rng = createRng(seed);
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [order[i], order[j]] = [order[j] as TargetMember, order[i] as TargetMember];
  }
  const n = controlSize(order.length, share);
  return { control: order.slice(0, n), treatment: order.slice(n) };
}

export async function launchCampaign(
  db: Database,
  viewer: Identity,
  actor: Actor,
  input: CampaignInput,
  timeZone: string,
  now = new Date(),
) {
  checkCampaign(input, now);
  const code = input.offer.code.toUpperCase();
  const population = await targetPopulation(db, viewer, input.target, timeZone, now);
  if (population.members.length === 0) throw new Refusal('conflict', 'noTargetCustomers');
  if (population.members.length < 2 && input.controlShare > 0) {
    throw new Refusal('conflict', 'oneTargetCustomer');
  }
  const seed = input.seed ?? randomInt(2_147_483_647);
  const { control, treatment } = splitGroups(population.members, input.controlShare, seed);
  return db.prisma.$transaction(
    async (tx) => {
      if (await tx.offer.findUnique({ where: { code }, select: { id: true } })) {
        throw new Refusal('conflict', 'offerCodeTaken', { code });
      }
      const o = input.offer;
      const offer = await tx.offer.create({
        data: {
          code,
          title: o.title,
          kind: o.kind,
          percentOff: o.kind === 'discount_percent' ? (o.percentOff ?? null) : null,
          amountOff: o.kind === 'discount_amount' ? (o.amountOff?.toFixed(2) ?? null) : null,
          gift: o.kind === 'gift' ? (o.gift ?? null) : null,
          giftCost: o.kind === 'gift' && o.giftCost !== undefined ? o.giftCost.toFixed(2) : null,
          terms: o.terms ?? null,
          validFrom: input.startAt,
          validTo: input.endAt,
          createdBy: actor.actorTelegramId ?? null,
        },
      });
      const target = {
        ...input.target,
        churnRunId: population.churnRunId,
        clvRunId: population.clvRunId,
      } satisfies Prisma.InputJsonValue;
      const campaign = await tx.campaign.create({
        data: {
          name: input.name,
          offerId: offer.id,
          target,
          controlShare: input.controlShare,
          seed,
          status: 'running',
          startAt: input.startAt,
          endAt: input.endAt,
          launchedAt: now,
          createdBy: actor.actorTelegramId ?? null,
        },
      });
      await tx.campaignMember.createMany({
        data: [
          ...treatment.map((m) => ({
            campaignId: campaign.id,
            customerId: m.customerId,
            group: 'target' as const,
          })),
          ...control.map((m) => ({
            campaignId: campaign.id,
            customerId: m.customerId,
            group: 'control' as const,
          })),
        ],
      });
      const codes = new Set<string>();
      const fresh = () => {
        for (;;) {
          const c = personalCode(code);
          if (!codes.has(c)) return codes.add(c) && c;
        }
      };
      await tx.offerAssignment.createMany({
        data: treatment.map((m) => {
          const no = unreachable(m);
          return {
            offerId: offer.id,
            customerId: m.customerId,
            campaignId: campaign.id,
            code: fresh(),
            assignedAt: now,
            assignedBy: actor.actorTelegramId ?? null,
            deliveryState: no?.state ?? 'queued',
            nextAttemptAt: no ? null : input.startAt,
            deliveryError: no?.reason ?? null,
          };
        }),
      });
      const { reachable, noTelegram, optedOut } = reachCounts(treatment);
      const counts = {
        target: treatment.length,
        control: control.length,
        queued: reachable,
        noTelegram,
        optedOut,
      };
      await recordAudit(tx, actor, {
        action: 'campaign.launch',
        targetType: 'campaign',
        targetId: campaign.id,
        after: {
          name: input.name,
          offer: code,
          target,
          controlShare: input.controlShare,
          seed,
          startAt: input.startAt.toISOString(),
          endAt: input.endAt.toISOString(),
          members: counts,
        },
      });
      return { campaignId: campaign.id, seed, ...counts };
    },
    { timeout: 120_000 },
  );
}
